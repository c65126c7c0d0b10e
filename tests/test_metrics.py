"""Talent metrics on the hand-made mini world, figures counted by hand; the dossier in Chromium."""

from __future__ import annotations

import pytest

from kg import metrics
from tests.conftest import MINI, load_in_browser

SEEDS = ["--seeds", str(MINI)]


def test_retention_of_a_cohort_counted_by_hand(mini_graph):
    # Alpha Lab's joiners: Ada 2015-01, Ben 2016, Chen 2019-06, Dana 2015, Fay 2018-03, Hana 2017 (first stint)
    three = metrics.retention(mini_graph, ["Alpha Lab"], years=3, today="2026-12-01").rows[0]
    assert (three["joined"], three["stayed"], three["left"], three["retention"]) == (6, 4, 2, 66.7)
    assert three["people_left"] == ["Chen Bo", "Hana Sato"]  # left after 2y9m and after 2y
    assert three["caution"] == "small: 6 people"
    two = metrics.retention(mini_graph, ["Alpha Lab"], years=2, today="2026-12-01").rows[0]
    assert (two["joined"], two["stayed"], two["retention"]) == (6, 6, 100.0)


def test_retention_window_and_unjudged_joinings(mini_graph):
    since = metrics.retention(mini_graph, ["Alpha Lab"], years=3, since="2017", today="2026-12-01").rows[0]
    assert since["ids"] == ["chen-bo", "fay-wu", "hana-sato"]
    # joinings less than N years before today cannot be judged yet
    early = metrics.retention(mini_graph, ["Beta AI"], years=2, today="2022-06-30").rows[0]
    assert (early["joined"], early["retention"]) == (0, None)
    later = metrics.retention(mini_graph, ["Beta AI"], years=2, today="2023-06-30").rows[0]
    assert (later["joined"], later["stayed"]) == (2, 2)


def test_flow_ratio_counts_people_each_way_with_units_rolled_up(mini_graph):
    row = metrics.flow_ratio(mini_graph, "Gamma Corp", "Alpha Lab").rows[0]
    assert (row["a_to_b"], row["b_to_a"], row["ratio"]) == (3, 1, 3.0)
    assert (row["people_a_to_b"], row["people_b_to_a"]) == (["Chen Bo", "Fay Wu", "Hana Sato"], ["Hana Sato"])
    nothing_back = metrics.flow_ratio(mini_graph, "Alpha Lab", "Delta Labs")
    assert (nothing_back.rows[0]["a_to_b"], nothing_back.rows[0]["ratio"]) == (2, None)
    assert nothing_back.notes[-1] == "nobody in kg moved from Delta Labs to Alpha Lab, so the ratio is undefined"


def test_boomerangs_are_people_who_came_back(mini_graph):
    rows = metrics.boomerangs(mini_graph).rows
    assert [(r["person"], r["org"], r["left"], r["returned"], r["away_at"]) for r in rows] == [
        ("Hana Sato", "Alpha Lab", "2019", "2021", ["Gamma Research"]),
        ("Chen Bo", "Gamma Corp", "2019-06", "2024-03", ["Alpha Lab", "Delta Labs"]),
    ]
    assert [r["person"] for r in metrics.boomerangs(mini_graph, "Alpha Lab").rows] == ["Hana Sato"]


def test_acquihire_scorecard_row(mini_graph):
    assert metrics.acquihire_scorecard(mini_graph).rows == [{
        "date": "2024-03", "acquirer": "Gamma Corp", "target": "Delta Labs", "amount": 500000000, "currency": "USD",
        "people_moved": 2, "price_per_person": 250000000, "people": ["Chen Bo", "Dana Ruiz"], "left_since": [],
        "ids": ["chen-bo", "dana-ruiz"], "sources": ["src-b"],
    }]


def test_net_intake_per_year(mini_graph):
    rows = metrics.net_intake(mini_graph, "Alpha Lab").rows
    assert [(r["year"], r["arrivals"], r["departures"], r["net"]) for r in rows] == [
        ("2018", 1, 0, 1), ("2019", 1, 1, 0), ("2021", 1, 2, -1), ("2022", 0, 1, -1), ("2023", 0, 1, -1),
    ]


def test_headcount_per_quarter_says_it_counts_only_kg(mini_graph):
    result = metrics.headcount(mini_graph, "Delta Labs", today="2024-06-30")
    assert [(r["quarter"], r["joined"], r["left"], r["headcount"]) for r in result.rows] == [
        ("2022-Q2", 1, 0, 1), ("2022-Q3", 0, 0, 1), ("2022-Q4", 0, 0, 1), ("2023-Q1", 0, 0, 1), ("2023-Q2", 0, 0, 1),
        ("2023-Q3", 1, 0, 2), ("2023-Q4", 0, 0, 2), ("2024-Q1", 0, 2, 0), ("2024-Q2", 0, 0, 0),
    ]
    assert result.notes == ["counts only the 2 stint(s) kg holds at Delta Labs, not its real headcount"]


def test_metric_commands(kg):
    ratio = kg("ratio", "Gamma Corp", "Alpha Lab", "--format", "csv", *SEEDS)
    assert ratio.stdout.splitlines() == [
        "a,b,a_to_b,b_to_a,ratio,caution,people_a_to_b,people_b_to_a,ids,sources",
        "Gamma Corp,Alpha Lab,3,1,3,small: 4 people,Chen Bo; Fay Wu; Hana Sato,Hana Sato,chen-bo; fay-wu; hana-sato,src-a; src-b; src-c",
    ]
    retention = kg("retention", "Alpha Lab", "Beta AI", "--years", "3", "--today", "2026-12-01", "--format", "csv", *SEEDS)
    assert retention.stdout.splitlines()[1:] == [
        "Alpha Lab,6,4,2,66.7,small: 6 people,Ada Quill; Ben Okafor; Dana Ruiz; Fay Wu,Chen Bo; Hana Sato,"
        "ada-quill; ben-okafor; chen-bo; dana-ruiz; fay-wu; hana-sato,src-a; src-b; src-c",
        "Beta AI,2,2,0,100,small: 2 people,Ada Quill; Ben Okafor,,ada-quill; ben-okafor,src-a",
    ]
    assert kg("retention", "Alpha Lab", "--years", "0", *SEEDS).exit_code == 2
    bad = kg("retention", "Alpha Lab", "--since", "last week", *SEEDS)
    assert bad.exit_code == 2


# -- the dossier ----------------------------------------------------------------------------------

HOSTILE_WORLD = """
sources:
  - {id: s, title: "<script>window.kgPwned='title'</script>", publisher: "<b onmouseover=window.kgPwned=1>P</b>", language: en, kind: press, url: "https://example.org/\\"><script>window.kgPwned='url'</script>"}
organizations:
  - {id: evil, name: "</script><img src=x onerror=\\"window.kgPwned='org'\\">", kind: startup, founded: 2020, sources: [s]}
  - {id: other, name: "<svg onload=window.kgPwned='svg'>", kind: big_tech, sources: [s]}
  - {id: fund, name: "Fund <a href=javascript:alert(1)>x</a>", kind: investor, sources: [s]}
people:
  - id: mallory
    name: "<img src=x onerror=\\"window.kgPwned='person'\\">"
    sources: [s]
    roles:
      - {org: other, kind: employee, start: 2015-01, end: 2019-12, sources: [s]}
      - {org: evil, title: "<i>Founder</i>", kind: founder, start: 2020-01, current: true, sources: [s]}
  - id: trent
    name: Trent
    sources: [s]
    roles:
      - {org: evil, kind: employee, start: 2020-06, end: 2022-02, sources: [s]}
      - {org: other, kind: employee, start: 2022-03, sources: [s]}
funding_rounds:
  - {id: evil-seed, org: evil, round: seed, date: 2020-03, amount: 5M, currency: USD, leads: [fund], sources: [s]}
  - {id: evil-a, org: evil, round: A, date: 2021-09, amount: 20M, currency: USD, valuation: 100M, leads: [fund], sources: [s]}
"""


@pytest.mark.browser
def test_dossier_loads_offline_draws_every_chart_and_shows_hostile_names_as_text(kg, chromium, write_seeds, tmp_path):
    folder = write_seeds({"world.yaml": HOSTILE_WORLD})
    page = tmp_path / "evil.html"
    result = kg("report", "evil", "-o", str(page), "--today", "2023-01-01", "--seeds", str(folder))
    assert result.exit_code == 0, result.output
    seen = load_in_browser(chromium, page)
    assert seen["requests"] == [page.resolve().as_uri()]
    assert [entry for entry in seen["console"] if entry["level"] in ("SEVERE", "WARNING")] == []
    assert chromium.execute_script("return window.kgPwned") is None
    marks = chromium.execute_script("""return {
        rounds_bars: document.querySelectorAll('#rounds .bars .point').length,
        rounds_points: document.querySelectorAll('#rounds .scatterlayer .point').length,
        movement_bars: document.querySelectorAll('#movement .bars .point path').length,
        flow_nodes: document.querySelectorAll('#flow .sankey-node').length,
        headcount_lines: document.querySelectorAll('#headcount .scatterlayer .js-line').length,
        images: document.images.length,
    }""")
    # two rounds, one with a valuation; one arrival (Mallory, 2020-Q1) and one departure (Trent, 2022-Q1) over nine quarters,
    # one origin, the lab, one destination
    assert marks == {"rounds_bars": 2, "rounds_points": 1, "movement_bars": 18, "flow_nodes": 3, "headcount_lines": 1, "images": 0}
    heading = chromium.execute_script("return document.querySelector('h1').textContent")
    assert heading == "</script><img src=x onerror=\"window.kgPwned='org'\">"
    labels = chromium.execute_script("return Array.from(document.querySelectorAll('#flow .node-label')).map(n => n.textContent)")
    assert labels == ["from <svg onload=window.kgPwned='svg'>", "</script><img src=x onerror=\"window.kgPwned='org'\">", "to <svg onload=window.kgPwned='svg'>"]
    links = chromium.execute_script("return Array.from(document.querySelectorAll('ol.sources a')).map(a => a.textContent)")
    assert links == ["https://example.org/\"><script>window.kgPwned='url'</script>"]


# -- the Cypher twins -------------------------------------------------------------------------------

TWINS = {
    "flow_ratio": (lambda graph, p: metrics.flow_ratio(graph, p["a"], p["b"]),
                   [{"a": "gamma-corp", "b": "alpha-lab"}, {"a": "alpha-lab", "b": "delta-labs"}, {"a": "OpenAI", "b": "Anthropic"},
                    {"a": "Google", "b": "OpenAI"}, {"a": "Meta", "b": "OpenAI"}]),
    "net_intake": (lambda graph, p: metrics.net_intake(graph, p["org"]),
                   [{"org": "alpha-lab"}, {"org": "gamma-corp"}, {"org": "OpenAI"}, {"org": "Google"}, {"org": "Meta"}]),
}


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(TWINS))
@pytest.mark.parametrize("world", ["mini", "shipped"])
def test_metric_cypher_twins_give_the_library_figures(name, world, neo4j_graphs, mini_graph, shipped_graph):
    from kg.locations import cypher_dir
    from tests.conftest import SEEDS, seeds_elements

    graph = mini_graph if world == "mini" else shipped_graph
    backend = neo4j_graphs.backend(world, seeds_elements(MINI if world == "mini" else SEEDS))
    query = (cypher_dir() / "metrics" / f"{name}.cypher").read_text(encoding="utf-8")
    compute, cases = TWINS[name]
    answered = 0
    for params in cases:
        if not all(graph.names.lookup(value, "Organization") for value in params.values()):
            continue
        resolved = {key: graph.resolve(value, "Organization").id for key, value in params.items()}
        expected = compute(graph, resolved)
        columns, rows = backend.read(query, resolved)
        want = [{c: sorted(v) if isinstance(v, list) else v for c, v in row.items() if c in columns} for row in expected.rows]
        got = [{c: sorted(v) if isinstance(v, list) else v for c, v in row.items()} for row in rows]
        assert got == want, (name, params)
        answered += bool(expected.rows)
    assert answered


# -- kg ask --------------------------------------------------------------------------------------

ASKED = [
    ("what is Alpha Lab's three-year retention?", "retention", {"org": "alpha-lab", "years": 3}),
    ("Wie hoch ist die Bindungsquote von Alpha Lab?", "retention", {"org": "alpha-lab"}),
    ("阿尔法实验室的三年留存率是多少", "retention", {"org": "alpha-lab", "years": 3}),
    ("what is the flow ratio between Gamma Corp and Alpha Lab?", "flow_ratio", {"a": "gamma-corp", "b": "alpha-lab"}),
    ("who came back to Alpha Lab?", "boomerangs", {"org": "alpha-lab"}),
    ("Wer ist zu Alpha Lab zurückgekehrt?", "boomerangs", {"org": "alpha-lab"}),
    ("谁回到了阿尔法实验室", "boomerangs", {"org": "alpha-lab"}),
    ("acqui-hire scorecard", "acquihire_scorecard", {}),
    # a question that reads every word wins over one that would drop some ("came back", "per person")
    ("who left Alpha Lab and came back?", "boomerangs", {"org": "alpha-lab"}),
    ("what did each acqui-hire cost per person?", "acquihire_scorecard", {}),
    ("what is the ratio of moves from Gamma Corp to Alpha Lab?", "flow_ratio", {"a": "gamma-corp", "b": "alpha-lab"}),
    ("Delta Labs headcount", "headcount", {"org": "delta-labs"}),
    ("Alpha Lab net intake", "net_intake", {"org": "alpha-lab"}),
]


@pytest.mark.parametrize(("text", "intent", "params"), ASKED, ids=[text for text, _, _ in ASKED])
def test_metrics_are_asked_for_in_three_languages(mini_graph, text, intent, params):
    from kg.ask import understand
    from kg.backends.embedded import EmbeddedBackend

    understood = understand(EmbeddedBackend(mini_graph), text)
    assert (understood.intent, understood.params) == (intent, params)


def test_an_asked_metric_answers_with_the_figures_of_its_command(kg):
    asked = kg("ask", "what is Alpha Lab's three-year retention?", "--format", "csv", "--today", "2026-12-01", *SEEDS)
    command = kg("retention", "Alpha Lab", "--years", "3", "--format", "csv", "--today", "2026-12-01", *SEEDS)
    assert asked.exit_code == 0, asked.output
    assert asked.stdout == command.stdout


@pytest.mark.neo4j
def test_a_metric_asked_of_neo4j_says_where_it_runs(neo4j_graphs):
    from kg.ask import ask
    from kg.errors import UsageError
    from tests.conftest import seeds_elements

    backend = neo4j_graphs.backend("mini", seeds_elements(MINI))
    with pytest.raises(UsageError) as refused:
        ask(backend, "what is Alpha Lab's retention?")
    assert str(refused.value) == "kg computes retention on the embedded graph only: ask without --backend neo4j, or run kg retention"
