"""Whole outputs on the mini world: kg audit, kg export (JSON and GraphML), kg path, a rendered
view's contents, the graph cache following the seeds' bytes, and the doctests of every module."""

from __future__ import annotations

import collections
import doctest
import importlib
import io
import json
import pkgutil
import shutil

import networkx as nx
import pytest

import kg
from tests.conftest import MINI

SEEDS = ["--seeds", str(MINI)]

AUDIT_HEAD = """\
check,record,where,detail,sources
conflict,alpha-epsilon-2022,tests/fixtures/mini/deals.yaml:4,open: amount: 100000000 [src-a]; 120000000 [src-c],src-a; src-c
conflict,gamma-research-fay-2017,tests/fixtures/mini/offers.yaml:3,open: amount: 10000000 [src-a]; 12000000 [src-c],src-a; src-c
conflict,eli-stone,tests/fixtures/mini/people.yaml:36,open: born: 1960 [src-a]; 1961 [src-c],src-a; src-c
single_source,gamma-delta-2024,tests/fixtures/mini/deals.yaml:2,acqui_hire,src-b
single_source,gamma-beta-2023,tests/fixtures/mini/deals.yaml:3,acquisition,src-a
single_source,beta-ai-seed-2021,tests/fixtures/mini/funding_rounds.yaml:2,FundingRound,src-a
"""
AUDIT_TAIL = """\
aggregator_only,fay-wu education[0] (north-university),tests/fixtures/mini/people.yaml:48,Education,src-c
org_nobody_worked_at,vc-two,tests/fixtures/mini/organizations.yaml:10,VC Two (investor),src-b
"""


def test_audit_lists_every_finding_of_the_mini_world(kg):
    from kg.locations import display

    result = kg("audit", str(MINI), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.replace(display(MINI), "tests/fixtures/mini").splitlines(keepends=True)
    assert "".join(lines[:7]) == AUDIT_HEAD
    assert "".join(lines[-2:]) == AUDIT_TAIL
    by_check = collections.Counter(line.split(",", 1)[0] for line in lines[1:])
    # 3 open conflicts; 48 facts with one source; 11 resting on the aggregator source alone; one
    # organisation nobody worked at
    assert by_check == {"conflict": 3, "single_source": 48, "aggregator_only": 11, "org_nobody_worked_at": 1}
    single = {line.split(",")[1] for line in lines if line.startswith("single_source,")}
    assert "alpha-epsilon-2022" not in single and "eli-stone" not in single  # two sources each
    assert {"vc-two", "hana-sato", "gamma-dana-2024"} <= single


MINI_NODES = {"Deal": 3, "FundingRound": 4, "Move": 10, "Offer": 3, "Organization": 9, "Person": 8, "Source": 3}
MINI_RELATIONSHIPS = {
    "ACQUIRER_IN": 3, "CITES": 40, "FOUNDED": 4, "FROM": 10, "INVESTED_IN": 9, "JOINED_VIA": 2, "MADE": 10,
    "OFFERED": 3, "OFFERED_TO": 2, "PART_OF": 1, "RAISED": 4, "STUDIED_AT": 3, "STUDIED_UNDER": 1,
    "TALENT_FLOW": 5, "TARGET": 3, "TO": 10, "VIA": 2, "WORKED_AT": 22,
}  # fmt: skip


def _elements():
    """The mini seeds' nodes and relationships as the builder makes them, before any graph stores them."""
    from kg.graph_model import build_elements
    from kg.seeds import load_seeds

    return build_elements(load_seeds(MINI))


def _graph_edges(graph=None) -> dict[str, dict]:
    return {edge.key: {"type": edge.type, "source": edge.source, "target": edge.target} for edge in _elements().edges}


def test_json_export_holds_every_node_and_relationship_with_their_properties(kg, mini_graph):
    result = kg("export", "--to", "json", *SEEDS)
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert collections.Counter(n["labels"][0] for n in exported["nodes"]) == MINI_NODES
    assert collections.Counter(r["type"] for r in exported["relationships"]) == MINI_RELATIONSHIPS
    assert {n["id"]: n for n in exported["nodes"]} == {
        node.id: {"id": node.id, "labels": list(node.labels), **node.props} for node in _elements().nodes
    }
    relationships = {r["key"]: r for r in exported["relationships"]}
    assert {key: {k: r[k] for k in ("type", "source", "target")} for key, r in relationships.items()} == _graph_edges(mini_graph)
    assert relationships["flow/alpha-lab/beta-ai"] == {
        "type": "TALENT_FLOW", "source": "alpha-lab", "target": "beta-ai", "key": "flow/alpha-lab/beta-ai",
        "people": ["ada-quill", "ben-okafor"], "count": 2, "moves": ["move-ada-quill-1", "move-ben-okafor-1"], "sources": ["src-a"],
    }  # fmt: skip


def test_graphml_export_holds_the_same_nodes_and_relationships(kg, mini_graph):
    result = kg("export", "--to", "graphml", *SEEDS)
    assert result.exit_code == 0, result.output
    read = nx.read_graphml(io.BytesIO(result.stdout_bytes))
    assert set(read.nodes) == {node.id for node in _elements().nodes}
    edges = {key: {"type": d["type"], "source": s, "target": t} for s, t, key, d in read.edges(keys=True, data=True)}
    assert edges == _graph_edges(mini_graph)
    assert collections.Counter(d["type"] for _, _, d in read.edges(data=True)) == MINI_RELATIONSHIPS
    assert json.loads(read.nodes["alpha-lab"]["lineage"]) == ["alpha-lab"]
    assert read.nodes["gamma-research"]["labels"] == '["Organization", "Division"]'


PATH_CSV = """\
step,from,relation,to,explanation,sources
1,Dana Ruiz,WORKED_AT,Alpha Lab,"Dana Ruiz worked at Alpha Lab (Intern, 2014-06 to 2014-09; Engineer, 2015 to 2023-06)",src-b
2,Alpha Lab,WORKED_AT,Ada Quill,"Ada Quill worked at Alpha Lab (Research scientist, 2015-01 to 2020-12); both there at the same time (2015-01 to 2020-12)",src-a
3,Ada Quill,STUDIED_UNDER,Eli Stone,Ada Quill studied under Eli Stone,src-c
"""


def test_kg_path_explains_each_hop(kg):
    result = kg("path", "Dana Ruiz", "Eli Stone", *SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == PATH_CSV


def test_path_takes_the_shortest_path_whose_node_ids_sort_first(mini_graph):
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run
    from kg.schema import PATH_TYPES

    network = nx.Graph()
    for rel in PATH_TYPES:
        network.add_edges_from((s, t) for s, t, _ in mini_graph.edges(rel))
    ends = sorted(n for n in network if mini_graph.label(n) in ("Person", "Organization"))
    several = 0
    for a in ends:
        for b in ends:
            if a >= b or not nx.has_path(network, a, b):
                continue
            every = list(nx.all_shortest_paths(network, a, b))
            several += len(every) > 1
            result = run(EmbeddedBackend(mini_graph), "path", {"a": a, "b": b, "max_hops": 10})
            assert result.entities == min(every), (a, b)
    assert several > 10  # the tie-break is exercised, not only unique paths


def test_a_neighbourhood_view_holds_exactly_its_nodes_edges_and_words(mini_graph):
    from kg.render import neighbourhood_view

    view = neighbourhood_view(mini_graph, "Delta Labs")
    assert (view.title, view.note) == ("Delta Labs: neighbourhood", "Delta Labs and everything within 1 step: 5 nodes")
    assert [(n.id, n.label, n.kind, n.degree) for n in view.nodes] == [
        ("gamma-delta-2024", "Gamma Corp acqui-hire 2024-03", "deal", 4),
        ("delta-labs", "Delta Labs", "startup", 3),
        ("gamma-corp", "Gamma Corp", "big_tech", 3),
        ("chen-bo", "Chen Bo", "person", 3),
        ("dana-ruiz", "Dana Ruiz", "person", 3),
    ]
    assert [(e.source, e.target, e.label) for e in view.edges] == [
        ("chen-bo", "delta-labs", "founded 2022-04; worked at 2022-04–2024-03"),
        ("chen-bo", "gamma-corp", "worked at 2024-03–present"),
        ("chen-bo", "gamma-delta-2024", "moved with"),
        ("dana-ruiz", "delta-labs", "worked at 2023-07–2024-03"),
        ("dana-ruiz", "gamma-corp", "worked at from 2024-03"),
        ("dana-ruiz", "gamma-delta-2024", "moved with"),
        ("gamma-corp", "gamma-delta-2024", "acquirer"),
        ("gamma-delta-2024", "delta-labs", "target"),
    ]
    assert view.nodes[0].tooltip == (
        "Gamma Corp / Delta Labs acqui-hire (2024-03)\n"
        "kind: acqui_hire; date: 2024-03; outcome: completed; amount: 500M USD\n"
        "sources: Test Courier, 2024-05: Fixture source B"
    )
    assert view.edges[0].tooltip == (
        "Chen Bo founded Delta Labs\n• Founder\nsources: Test Courier, 2024-05: Fixture source B\n"
        "Chen Bo worked at Delta Labs\n• Founder, founder, 2022-04 to 2024-03\nsources: Test Courier, 2024-05: Fixture source B"
    )


def test_the_cache_follows_the_bytes_of_the_seeds(kg, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINI, seeds)
    env = {"KG_CACHE_DIR": str(tmp_path / "cache")}
    ask = ("query", "founders", "-p", "org=Beta AI", "--seeds", str(seeds), "--format", "csv")
    first = kg(*ask, env=env)
    assert first.stdout.splitlines()[1] == "Ada Quill,Co-founder and CEO,2021-01,Alpha Lab,2020-12,src-a"
    people = seeds / "people.yaml"
    # the same number of bytes, so only the content tells the two versions apart
    people.write_text(people.read_text(encoding="utf-8").replace("Co-founder and CEO", "Co-founder and COO"), encoding="utf-8")
    second = kg(*ask, env=env)
    assert second.stdout.splitlines()[1] == "Ada Quill,Co-founder and COO,2021-01,Alpha Lab,2020-12,src-a"


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg.") if m.name != "kg.__main__")


def test_the_doctests_of_every_module_pass():
    attempted = 0
    for name in _modules():
        outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, report=False)
        assert outcome.failed == 0, f"a doctest of {name} fails"
        attempted += outcome.attempted
    assert attempted >= 10
