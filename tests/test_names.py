"""Name resolution in English, simplified and traditional Chinese, with near misses and ambiguity."""

from __future__ import annotations

import pytest

from kg.errors import Ambiguous, NotFound
from kg.names import Entry, NameIndex, normalize


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thinking MachinesLab", "Thinking Machines Lab"),
        ("thinking machine labs", "Thinking Machine Labs"),
        ("ＯｐｅｎＡＩ", "OpenAI"),
        ("Karén Simonyan", "karen simonyan"),
        ("智譜 AI", "智谱AI"),
        ("月之暗面", "月之暗面"),
        ("楊植麟", "杨植麟"),
        ("Character.AI", "character ai"),
    ],
)
def test_spellings_of_one_name_share_a_key(a, b):
    assert normalize(a) == normalize(b)


def test_different_names_keep_different_keys():
    assert normalize("Meta") != normalize("Metaculus")
    assert normalize("百川智能") != normalize("百度")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Chen Bo", "chen-bo"),
        ("bo chen", "chen-bo"),
        ("陈博", "chen-bo"),
        ("陳博", "chen-bo"),
        ("Dána Ruíz", "dana-ruiz"),
        ("ＤＡＮＡ　ＲＵＩＺ", "dana-ruiz"),
        ("北方大學", "north-university"),
        ("北方大学", "north-university"),
        ("alpha-lab", "alpha-lab"),
        ("Beta.ai", "beta-ai"),
    ],
)
def test_the_mini_world_resolves_every_spelling(mini_graph, name, expected):
    assert mini_graph.resolve(name).id == expected


def test_a_near_miss_suggests_the_closest_names(mini_graph):
    with pytest.raises(NotFound) as caught:
        mini_graph.resolve("Alpah Lab")
    assert str(caught.value) == "no person or organisation called 'Alpah Lab'; did you mean Alpha Lab?"
    with pytest.raises(NotFound) as caught:
        mini_graph.resolve("Zzyzx Qqq", "Person")
    assert str(caught.value) == "no person called 'Zzyzx Qqq'"


def test_a_label_restricts_the_search(mini_graph):
    assert mini_graph.resolve("Gamma Corp", "Organization").id == "gamma-corp"
    with pytest.raises(NotFound):
        mini_graph.resolve("Gamma Corp", "Person")


def test_an_ambiguous_name_lists_the_candidates():
    index = NameIndex(
        [Entry("wang-lu", "Person", "Wang Lu"), Entry("wang-lu-2", "Person", "Wang Lu")], {"wang-lu-2": ["王璐"]}
    )
    with pytest.raises(Ambiguous) as caught:
        index.resolve("wang lu")
    assert caught.value.candidates == ["Wang Lu (person, id wang-lu)", "Wang Lu (person, id wang-lu-2)"]
    assert index.resolve("王璐").id == "wang-lu-2"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("翁荔", "lilian-weng"),
        ("Weng Li", "lilian-weng"),
        ("Thinking Machine Labs", "thinking-machines-lab"),
        ("Thinking MachinesLab", "thinking-machines-lab"),
        ("智譜 AI", "zhipu-ai"),
        ("月之暗面", "moonshot-ai"),
        ("David Kann", "david-cahn"),
        ("Adapt AI", "adept-ai"),
        ("楊植麟", "yang-zhilin"),
    ],
)
def test_the_shipped_graph_knows_the_articles_spellings(shipped_graph, name, expected):
    assert shipped_graph.resolve(name).id == expected
