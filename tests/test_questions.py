"""Each catalogue question on the hand-made mini world, with its exact expected rows."""

from __future__ import annotations

import pytest

from kg.errors import NotFound, UsageError
from kg.questions import CATALOGUE, run

A, B, C = ["src-a"], ["src-b"], ["src-c"]

EXPECTED = [
    ("left_for", {"org": "Alpha Lab", "startups_only": "true"}, [
        ("Ada Quill", "Alpha Lab", "Beta AI", "startup", "2021-01", "2020-12", True, None, A),
        ("Ben Okafor", "Alpha Lab", "Beta AI", "startup", "2021-01", "2021-02", True, None, A),
        ("Chen Bo", "Alpha Lab", "Delta Labs", "startup", "2022-04", "2022-03", True, None, B + C),
        ("Dana Ruiz", "Alpha Lab", "Delta Labs", "startup", "2023-07", "2023-06", False, None, B),
    ]),
    ("left_for", {"org": "Gamma Corp"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", "frontier_lab", "2018-03", "2018-02", False, None, A),
        ("Chen Bo", "Gamma Research", "Alpha Lab", "frontier_lab", "2019-06", None, False, None, C),
        ("Hana Sato", "Gamma Research", "Alpha Lab", "frontier_lab", "2021", "2021", False, None, B),
    ]),
    ("left_for", {"org": "Delta Labs", "to": "Gamma Corp"}, [
        ("Chen Bo", "Delta Labs", "Gamma Corp", "big_tech", "2024-03", "2024-03", False, "gamma-delta-2024", B),
        ("Dana Ruiz", "Delta Labs", "Gamma Corp", "big_tech", "2024-03", "2024-03", False, "gamma-delta-2024", B),
    ]),
    ("founders", {"org": "Beta AI"}, [
        ("Ada Quill", "Co-founder and CEO", "2021-01", "Alpha Lab", "2020-12", A),
        ("Ben Okafor", "Co-founder and CTO", "2021-01", "Alpha Lab", "2021-02", A),
    ]),
    ("founders", {"org": "Epsilon Robotics"}, [("Eli Stone", "Co-founder", "2020", None, None, C)]),
    ("alumni_founders", {"org": "North University"}, [
        ("Beta AI", "startup", "Ada Quill", "2021-01", ["studied at"], ["North University"], A + C),
        ("Delta Labs", "startup", "Chen Bo", "2022-04", ["studied at"], ["North University"], B + C),
        ("Epsilon Robotics", "startup", "Eli Stone", "2020", ["worked at"], ["North University"], C),
    ]),
    ("alumni_founders", {"org": "Alpha Lab"}, [
        ("Beta AI", "startup", "Ada Quill", "2021-01", ["worked at"], ["Alpha Lab"], A),
        ("Beta AI", "startup", "Ben Okafor", "2021-01", ["worked at"], ["Alpha Lab"], A),
        ("Delta Labs", "startup", "Chen Bo", "2022-04", ["worked at"], ["Alpha Lab"], B + C),
    ]),
    ("people_at", {"org": "Gamma Corp", "as_of": "2020"}, [
        ("Hana Sato", "Gamma Research", "Engineer", "employee", "2019", "2021", B),
    ]),
    ("people_at", {"org": "Delta Labs"}, [
        ("Chen Bo", "Delta Labs", "Founder", "founder", "2022-04", "2024-03", B),
        ("Dana Ruiz", "Delta Labs", "Engineer", "employee", "2023-07", "2024-03", B),
    ]),
    ("career", {"person": "Chen Bo"}, [
        ("2008", "2012", "North University", "studied", "BSc", "education", C),
        ("2013", None, "Gamma Research", "worked", "Researcher", "employee", C),
        ("2019-06", "2022-03", "Alpha Lab", "worked", "Researcher", "employee", C),
        ("2022-04", "2024-03", "Delta Labs", "worked", "Founder", "founder", B),
        ("2024-03", "present", "Gamma Corp", "worked", "Director", "executive", B),
    ]),
    ("coworkers", {"person": "Dana Ruiz", "org": "Alpha Lab"}, [
        ("Ada Quill", "Alpha Lab", "2015-01", "2020-12", ["Research scientist"], A + B),
        ("Ben Okafor", "Alpha Lab", "2016", "2021-02", ["Engineer"], A + B),
        ("Hana Sato", "Alpha Lab", "2017", "2023-06", ["Engineer", "Staff engineer"], B),
        ("Fay Wu", "Alpha Lab", "2018-03", "2023-06", ["VP Research"], A + B),
        ("Chen Bo", "Alpha Lab", "2019-06", "2022-03", ["Researcher"], B + C),
    ]),
    ("coworkers", {"person": "Eli Stone"}, []),
    ("investors", {"org": "Beta AI"}, [
        ("seed", "2021-03", 20_000_000, "USD", None, "VC One", True, None, A),
        ("seed", "2021-03", 20_000_000, "USD", None, "Gus Moreau", False, None, A),
        ("seed", "2021-03", 20_000_000, "USD", None, "VC Two", False, None, A),
        ("A", "2022-06", 100_000_000, "USD", 1_000_000_000, "VC Two", True, None, A),
        ("A", "2022-06", 100_000_000, "USD", 1_000_000_000, "Gamma Corp", False, 30_000_000, A + B),
        ("A", "2022-06", 100_000_000, "USD", 1_000_000_000, "VC One", False, None, A),
    ]),
    ("portfolio", {"investor": "VC One"}, [
        ("Alpha Lab", "B", "2019", 1_000_000_000, "USD", None, "VC One", False, None, A),
        ("Beta AI", "seed", "2021-03", 20_000_000, "USD", None, "VC One", True, None, A),
        ("Beta AI", "A", "2022-06", 100_000_000, "USD", 1_000_000_000, "VC One", False, None, A),
    ]),
    ("portfolio", {"investor": "Gus Moreau"}, [
        ("Beta AI", "seed", "2021-03", 20_000_000, "USD", None, "Gus Moreau", False, None, A),
    ]),
    ("co_investors", {"a": "Beta AI", "b": "Alpha Lab"}, [
        ("Gamma Corp", ["A 2022-06"], ["B 2019"], ["B 2019"], A + B),
        ("VC One", ["A 2022-06", "seed 2021-03"], ["B 2019"], ["seed 2021-03"], A),
    ]),
    ("acquisitions", {"org": "Gamma Corp"}, [
        ("2024-03", "Gamma Corp", "Delta Labs", "acqui_hire", 500_000_000, "USD", None, "completed", ["Chen Bo", "Dana Ruiz"], B),
    ]),
    ("acquisitions", {"kind": "stake"}, [
        ("2022", "Alpha Lab", "Epsilon Robotics", "stake", 100_000_000, "USD", 20, "completed", [], A + C),
    ]),
    ("attempted_deals", {}, [
        ("2023-05", "Gamma Corp", "Beta AI", "acquisition", None, None, None, "rejected", [], A),
    ]),
    ("flows", {"a": "Alpha Lab", "b": "Gamma Corp"}, [
        ("a_to_b", "Hana Sato", "Alpha Lab", "Gamma Research", "2019", None, B),
        ("b_to_a", "Fay Wu", "Gamma Research", "Alpha Lab", "2018-03", None, A),
        ("b_to_a", "Chen Bo", "Gamma Research", "Alpha Lab", "2019-06", None, C),
        ("b_to_a", "Hana Sato", "Gamma Research", "Alpha Lab", "2021", None, B),
    ]),
    ("top_flows", {"limit": "3"}, [
        ("Gamma Research", "Alpha Lab", None, 3, None, None, None, ["Chen Bo", "Fay Wu", "Hana Sato"], A + B + C),
        ("Alpha Lab", "Beta AI", None, 2, None, None, None, ["Ada Quill", "Ben Okafor"], A),
        ("Alpha Lab", "Delta Labs", None, 2, None, None, None, ["Chen Bo", "Dana Ruiz"], B + C),
    ]),
    ("top_flows", {"by": "org"}, [
        (None, None, "Beta AI", None, 2, 0, 2, None, A),
        (None, None, "Gamma Corp", None, 2, 0, 2, None, B),
        (None, None, "Delta Labs", None, 2, 2, 0, None, B + C),
        (None, None, "Alpha Lab", None, 3, 5, -2, None, A + B + C),
        (None, None, "Gamma Research", None, 1, 3, -2, None, A + B + C),
    ]),
    ("offers", {}, [
        ("2017-11", "Gamma Research", ["Fay Wu"], "retention", 10000000, "USD", "over four years", None, "declined", A + C),
        ("2022", "Alpha Lab", ["Alpha Lab researchers"], "retention", None, None, None, None, "unknown", A),
        ("2024-02", "Gamma Corp", ["Dana Ruiz"], "hiring", 2000000, "USD", None, "cash and equity", "accepted", B),
    ]),
    ("offers", {"org": "Gamma Corp", "outcome": "declined"}, [
        ("2017-11", "Gamma Research", ["Fay Wu"], "retention", 10000000, "USD", "over four years", None, "declined", A + C),
    ]),
    ("offers", {"person": "Dana Ruiz"}, [
        ("2024-02", "Gamma Corp", ["Dana Ruiz"], "hiring", 2000000, "USD", None, "cash and equity", "accepted", B),
    ]),
    ("offers", {"org": "Alpha Lab", "outcome": "accepted"}, []),
    ("path", {"a": "Ada Quill", "b": "Chen Bo"}, [
        (1, "Ada Quill", "WORKED_AT", "Alpha Lab", "Ada Quill worked at Alpha Lab (Research scientist, 2015-01 to 2020-12)", A),
        (2, "Alpha Lab", "WORKED_AT", "Chen Bo",
         "Chen Bo worked at Alpha Lab (Researcher, 2019-06 to 2022-03); both there at the same time (2019-06 to 2020-12)", C),
    ]),
    ("path", {"a": "Eli Stone", "b": "VC Two"}, [
        (1, "Eli Stone", "FOUNDED", "Epsilon Robotics", "Eli Stone founded Epsilon Robotics (Co-founder, from 2020)", C),
        (2, "Epsilon Robotics", "RAISED", "Epsilon Robotics seed round (2020-09)",
         "Epsilon Robotics raised Epsilon Robotics seed round (2020-09)", C),
        (3, "Epsilon Robotics seed round (2020-09)", "INVESTED_IN", "VC Two",
         "VC Two invested in Epsilon Robotics seed round (2020-09) (lead)", C),
    ]),
]


@pytest.mark.parametrize(("name", "params", "rows"), EXPECTED, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(EXPECTED)])
def test_question_rows(mini_backend, name, params, rows):
    result = run(mini_backend, name, params)
    assert result.columns == list(CATALOGUE[name].columns)
    assert [tuple(row.values()) for row in result.rows] == rows


def test_every_catalogue_question_has_an_exact_row_test():
    from tests.test_filters import ROWS

    assert {name for name, _, _ in EXPECTED + ROWS} | {"influence"} == set(CATALOGUE)


def test_influence_names_its_measure_and_ranks_the_hub_first(mini_backend):
    result = run(mini_backend, "influence", {"kind": "org", "limit": "3"})
    assert [(row["name"], row["label"], row["connections"]) for row in result.rows] == [
        ("Alpha Lab", "Organization", 9),
        ("Gamma Research", "Organization", 4),
        ("Delta Labs", "Organization", 4),
    ]
    assert {row["measure"] for row in result.rows} == {
        "PageRank x1000 (damping 0.85) on people, organisations, careers and talent flows"
    }
    scores = [row["score"] for row in result.rows]
    assert scores == sorted(scores, reverse=True)


def test_pagerank_of_a_star_puts_the_centre_first_and_sums_to_one():
    import numpy as np

    from kg.questions.influence import pagerank_arrays

    nodes = ["a", "b", "c", "hub"]  # sorted, as both backends order them; the hub joins each other node once
    scores, neighbours = pagerank_arrays(4, np.array([3, 3, 3]), np.array([0, 1, 2]), np.ones(3))
    ranks = dict(zip(nodes, scores.tolist()))
    assert max(ranks, key=ranks.get) == "hub"
    assert ranks["a"] == pytest.approx(ranks["b"])
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert neighbours.tolist() == [1, 1, 1, 3]


def test_flows_say_the_balance(mini_backend):
    result = run(mini_backend, "flows", {"a": "Alpha Lab", "b": "Gamma Corp"})
    assert result.notes == ["people from a to b: 1; from b to a: 3; net towards b: -2"]


def test_results_list_the_entities_and_sources_behind_them(mini_backend):
    result = run(mini_backend, "founders", {"org": "Beta AI"})
    assert result.entities == ["ada-quill", "beta-ai", "alpha-lab", "ben-okafor"]
    assert result.sources == {
        "src-a": {"title": "Fixture source A", "publisher": "Test Gazette", "date": "2024-01-02", "url": "https://example.org/a"}
    }


@pytest.mark.parametrize(
    ("name", "params", "error", "message"),
    [
        ("left_for", {}, UsageError, "left_for needs org (the organisation people left (its units included))"),
        ("left_for", {"org": "Alpha Lab", "colour": "red"}, UsageError, "left_for takes no parameter 'colour'; it takes org, to?, startups_only?"),
        ("people_at", {"org": "Alpha Lab", "as_of": "June"}, UsageError, "as_of: not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD, ~ for approximate): 'June'"),
        ("top_flows", {"by": "person"}, UsageError, "by takes one of pair, org, not 'person'"),
        ("left_for", {"org": "Chen Bo"}, NotFound, "no organisation called 'Chen Bo'"),
        ("path", {"a": "Ada Quill", "b": "ada quill"}, UsageError, "a path needs two different entities"),
        ("left_fro", {"org": "x"}, UsageError, "no question called 'left_fro'; did you mean left_for?"),
    ],
)
def test_bad_parameters_are_usage_errors(mini_backend, name, params, error, message):
    with pytest.raises(error) as caught:
        run(mini_backend, name, params)
    assert str(caught.value) == message
