"""The derived rules, each stored once on the graph, checked by exact answers on a hand-made family
of organisations (tests/fixtures/families): units count with their organisation, moves inside one
corporate family are transfers, a move needs a gap of at most two years, an independent startup has
no parent, and every failed outcome makes an attempted deal. Each test runs on both backends."""

from __future__ import annotations

import pytest

from kg.questions import run
from tests.conftest import BACKENDS, ROOT, seeds_elements

FAMILIES = ROOT / "tests" / "fixtures" / "families"
SEEDS = ["--seeds", str(FAMILIES)]


@pytest.fixture(scope="module")
def families_graph():
    from kg.store import build_graph

    return build_graph(FAMILIES)


@pytest.fixture(params=BACKENDS)
def families(request, families_graph):
    from kg.backends.embedded import EmbeddedBackend

    if request.param == "embedded":
        return EmbeddedBackend(families_graph)
    return request.getfixturevalue("neo4j_graphs").backend("families", seeds_elements(FAMILIES))


def _moves(backend, **params) -> list[tuple]:
    return [(r["person"], r["from"], r["to"], r["date"]) for r in run(backend, "left_for", params).rows]


def test_the_stored_properties_of_organisations_moves_and_roles(families_graph):
    g = families_graph
    assert g.node("mega-lab")["lineage"] == ["mega-lab", "mega"]
    assert g.node("mega")["lineage"] == ["mega"]
    independent = {org for org, data in g.nodes("Organization") if data["independent_startup"]}
    assert independent == {"indie", "frontier"}
    moves = {(m["person"], m["from"], m["to"]): m["internal"] for _, m in g.nodes("Move")}
    assert moves == {
        ("ivy-long", "mega-labs-old", "mega-lab"): True,
        ("ivy-long", "mega-lab", "frontier"): False,
        ("kim-near", "mega-lab", "indie"): False,
        ("kim-near", "indie", "mega-spinout"): False,
        ("lea-quick", "frontier", "mega"): False,
    }
    roles = {(p, o): (r["start_low"], r.get("until_high"), r["career"], r["present"]) for p, o, r in g.edges("WORKED_AT")}
    assert roles[("jon-gap", "frontier")] == ("2015-01-01", "2018-02-31", True, True)
    assert roles[("lea-quick", "mega")] == ("2023-01-01", None, True, True)


def test_a_transfer_inside_one_family_is_no_departure(families):
    # Ivy Long's move from Mega Old Lab to Mega Lab is a transfer: only her move to Frontier Lab counts
    assert _moves(families, org="mega") == [
        ("Kim Near", "Mega Lab", "Indie AI", "2023-06"),
        ("Ivy Long", "Mega Lab", "Frontier Lab", "2024-06"),
    ]
    # nor does anyone leave Mega Old Lab, though Mega Lab is not one of its units
    assert _moves(families, org="mega-labs-old") == []


def test_a_move_needs_a_gap_of_at_most_two_years(families):
    # Jon Gap left Frontier Lab in 2018-02 and founded Indie AI in 2023-07: an alumnus, not a move;
    # Kim Near's two years exactly (2021-06 to 2023-06) still make one
    assert _moves(families, org="frontier") == [("Lea Quick", "Frontier Lab", "Mega", "2023-01")]
    assert _moves(families, org="mega", to="indie") == [("Kim Near", "Mega Lab", "Indie AI", "2023-06")]


def test_a_startup_with_a_parent_is_not_an_independent_startup(families):
    # Kim Near went from Indie AI to Mega Spinout, a startup owned by Mega
    assert _moves(families, org="indie") == [("Kim Near", "Indie AI", "Mega Spinout", "2024-02")]
    assert _moves(families, org="indie", startups_only=True) == []
    assert _moves(families, org="mega", startups_only=True) == [
        ("Kim Near", "Mega Lab", "Indie AI", "2023-06"),
        ("Ivy Long", "Mega Lab", "Frontier Lab", "2024-06"),
    ]


def test_every_failed_outcome_is_an_attempt_and_nothing_else_is(families):
    attempted = [(r["acquirer"], r["target"], r["outcome"]) for r in run(families, "attempted_deals", {}).rows]
    assert attempted == [
        ("Frontier Lab", "Quiet Co", "rejected"),
        ("Mega Lab", "Frontier Lab", "abandoned"),
        ("Mega", "Indie AI", "blocked"),
    ]
    done = [(r["acquirer"], r["target"], r["outcome"]) for r in run(families, "acquisitions", {}).rows]
    assert done == [("Mega", "Quiet Co", "completed")]
    # the unit's attempt counts for its organisation
    by_mega = [(r["acquirer"], r["target"]) for r in run(families, "attempted_deals", {"org": "mega"}).rows]
    assert by_mega == [("Mega Lab", "Frontier Lab"), ("Mega", "Indie AI")]


def test_flows_leave_transfers_out_and_count_units_with_their_organisation(families):
    result = run(families, "flows", {"a": "mega", "b": "frontier"})
    assert [(r["direction"], r["person"], r["from"], r["to"]) for r in result.rows] == [
        ("a_to_b", "Ivy Long", "Mega Lab", "Frontier Lab"),
        ("b_to_a", "Lea Quick", "Frontier Lab", "Mega"),
    ]
    assert result.notes == ["people from a to b: 1; from b to a: 1; net towards b: +0"]
    top = [(r["from"], r["to"], r["people"]) for r in run(families, "top_flows", {}).rows]
    assert top == [
        ("Frontier Lab", "Mega", 1),
        ("Indie AI", "Mega Spinout", 1),
        ("Mega Lab", "Frontier Lab", 1),
        ("Mega Lab", "Indie AI", 1),
    ]


def test_an_intern_was_there_at_the_same_time(families):
    rows = run(families, "coworkers", {"person": "max-intern"}).rows
    assert [(r["coworker"], r["org"], r["overlap_from"], r["overlap_to"]) for r in rows] == [
        ("Lea Quick", "Frontier Lab", "2019-06", "2019-09")
    ]


def test_kg_flows_matrix_on_the_mini_world(kg):
    from tests.conftest import MINI

    result = kg("flows", "Alpha Lab", "Gamma Corp", "Delta Labs", "--seeds", str(MINI), "--format", "csv")
    assert result.exit_code == 0, result.output
    # Gamma Corp (Gamma Research included) sent three people to Alpha Lab and got one back
    assert result.stdout == (
        "from,Alpha Lab,Gamma Corp,Delta Labs\n"
        "Alpha Lab,,1,2\n"
        "Gamma Corp,3,,0\n"
        "Delta Labs,0,2,\n"
    )


def test_kg_flows_matrix_reads_from_the_row_to_the_column(kg):
    result = kg("flows", "Mega", "Indie AI", "Frontier Lab", *SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    # Mega (its units included) sent one person to Indie AI and one to Frontier Lab; Indie AI sent
    # one to Mega (Kim Near, to Mega Spinout); Frontier Lab one to Mega (Lea Quick)
    assert result.stdout == (
        "from,Mega,Indie AI,Frontier Lab\n"
        "Mega,,1,1\n"
        "Indie AI,1,,0\n"
        "Frontier Lab,1,0,\n"
    )


def test_kg_flows_without_names_picks_the_busiest_and_rolls_units_up(kg):
    result = kg("flows", *SEEDS, "--top", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "from,Mega,Frontier Lab\nMega,,1\nFrontier Lab,1,\n"


def test_a_listed_unit_and_its_organisation_each_count_the_unit_s_people(families_graph):
    from kg.render import flows_view

    view = flows_view(families_graph, ["Mega Lab", "Mega", "Indie AI"])
    assert sorted((e.source, e.target, e.label) for e in view.edges) == [
        ("indie", "mega", "1"),
        ("mega", "indie", "1"),
        ("mega-lab", "indie", "1"),
    ]
    # the same with the organisations listed the other way round
    view = flows_view(families_graph, ["Indie AI", "Mega", "Mega Lab"])
    assert sorted((e.source, e.target, e.label) for e in view.edges) == [
        ("indie", "mega", "1"),
        ("mega", "indie", "1"),
        ("mega-lab", "indie", "1"),
    ]


def test_a_transfer_shows_in_the_profile_as_a_transfer(kg):
    result = kg("person", "Ivy Long", *SEEDS, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "section,date,org,detail,sources\n"
        "role,2016 to 2023-03,Mega Old Lab,Researcher (employee),src-f\n"
        "role,2023-04 to 2024-05,Mega Lab,Researcher (employee),src-f\n"
        "role,2024-06 to present,Frontier Lab,Researcher (employee),src-f\n"
        "move,2024-06,Frontier Lab,Mega Lab → Frontier Lab,src-f\n"
        "transfer,2023-04,Mega Lab,Mega Old Lab → Mega Lab,src-f\n"
    )


def test_the_builder_refuses_an_edge_the_vocabulary_does_not_allow():
    from kg.graph_model import Edge, Node, SchemaMismatch, check_edges

    nodes = [Node("ada", ("Person",), {}), Node("acme", ("Organization", "Startup"), {})]
    check_edges(nodes, [Edge("WORKED_AT", "ada", "acme", "ada/roles/0", {})])
    with pytest.raises(SchemaMismatch) as backwards:
        check_edges(nodes, [Edge("WORKED_AT", "acme", "ada", "acme/roles/0", {})])
    assert str(backwards.value) == (
        "edge acme/roles/0: WORKED_AT joins Person to Organization, not Organization (acme) to Person (ada)"
    )
    with pytest.raises(SchemaMismatch) as unknown:
        check_edges(nodes, [Edge("ADMIRES", "ada", "acme", "ada/admires", {})])
    assert str(unknown.value) == "edge ada/admires: ADMIRES is not a relationship type of kg.schema"
    with pytest.raises(SchemaMismatch) as dangling:
        check_edges(nodes, [Edge("FOUNDED", "ada", "nowhere", "ada/founded/nowhere", {})])
    assert str(dangling.value) == (
        "edge ada/founded/nowhere: FOUNDED joins Person to Organization, not Person (ada) to nothing (nowhere)"
    )


def test_cypher_files_use_the_vocabulary_s_path_types_and_no_hand_made_rules():
    from kg.locations import cypher_dir
    from kg.schema import PATH_TYPES

    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(cypher_dir().rglob("*.cypher"))}
    path = texts["path.cypher"]
    assert len(path.splitlines()) < 40
    assert path.count("|".join(PATH_TYPES)) == 2  # the traversal and the hop's relationships, nothing else
    for name, text in texts.items():
        assert "PART_OF*0.." not in text, f"{name} rolls units up by hand instead of reading lineage"
        assert "size(replace(" not in text, f"{name} pads a partial date by hand instead of reading its bounds"
        assert "'rejected'" not in text and "'founder', 'executive'" not in text, f"{name} repeats a vocabulary rule"
