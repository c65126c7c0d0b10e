"""Derivations on small hand-made careers: moves, stints, role spans, foundings, flows."""

from __future__ import annotations

import pytest

from kg.derive import derive, derive_moves, role_spans, stints, talent_flows
from kg.model import Deal, Person


def person(*roles: dict, pid: str = "ada") -> Person:
    return Person.model_validate(
        {"id": pid, "name": pid.title(), "sources": ["s"], "roles": [{"sources": ["s"], **role} for role in roles]}
    )


def moves(p: Person, deals=()) -> list[tuple]:
    return [(m.from_org, m.to_org, m.date, m.left, m.deal) for m in derive_moves(p, {"unit": ["unit", "parent"]}, deals)]


def test_a_dated_career_moves_on_each_change():
    p = person(
        {"org": "a", "kind": "employee", "start": "2015", "end": "2018-03"},
        {"org": "b", "kind": "employee", "start": "2018-04", "end": "2021"},
        {"org": "c", "kind": "founder", "start": "2021-06", "current": True},
    )
    assert moves(p) == [("a", "b", "2018-04", "2018-03", None), ("b", "c", "2021-06", "2021", None)]


def test_a_promotion_is_not_a_move_and_the_stint_ends_with_its_latest_role():
    p = person(
        {"org": "a", "kind": "employee", "start": "2018", "end": "2022"},
        {"org": "a", "kind": "executive", "start": "2022-05", "end": "2024-09"},
        {"org": "a", "kind": "executive", "title": "Interim CEO", "start": "2023-11", "end": "2023-11"},
        {"org": "b", "kind": "founder", "start": "2025-02"},
    )
    assert moves(p) == [("a", "b", "2025-02", "2024-09", None)]
    assert [(s.org, s.start, s.end) for s in stints(p)] == [("a", "2018", "2024-09"), ("b", "2025-02", None)]


@pytest.mark.parametrize("kind", ["board", "advisor", "fellow", "investor_partner", "intern"])
def test_roles_that_are_not_a_career_never_move_anyone(kind):
    p = person(
        {"org": "a", "kind": "employee", "start": "2015", "end": "2019"},
        {"org": "x", "kind": kind, "start": "2019-06", "end": "2020"},
        {"org": "b", "kind": "employee", "start": "2020-02"},
    )
    assert moves(p) == [("a", "b", "2020-02", "2019", None)]


def test_missing_end_is_taken_to_end_at_the_next_start_unless_current():
    open_ended = person(
        {"org": "a", "kind": "employee", "start": "2010"},
        {"org": "b", "kind": "founder", "start": "2019"},
    )
    assert moves(open_ended) == [("a", "b", "2019", None, None)]
    assert role_spans(open_ended) == ["2019", None]
    professor = person(
        {"org": "uni", "kind": "employee", "start": "2010", "current": True},
        {"org": "b", "kind": "founder", "start": "2019", "current": True},
    )
    assert moves(professor) == []
    assert role_spans(professor) == [None, None]


def test_missing_dates_follow_the_order_of_the_list():
    p = person({"org": "a", "kind": "employee"}, {"org": "b", "kind": "employee"}, {"org": "c", "kind": "employee"})
    assert moves(p) == [("a", "b", None, None, None), ("b", "c", None, None, None)]


def test_overlapping_roles_move_when_the_earlier_one_ends():
    # joined b while still at a, then left a: one move, a to b
    p = person(
        {"org": "a", "kind": "employee", "start": "2016", "end": "2021-02"},
        {"org": "b", "kind": "founder", "start": "2021-01", "current": True},
    )
    assert moves(p) == [("a", "b", "2021-01", "2021-02", None)]


def test_a_side_role_that_ended_first_is_skipped_for_the_one_still_running():
    p = person(
        {"org": "a", "kind": "employee", "start": "2016", "end": "2020"},
        {"org": "side", "kind": "employee", "start": "2017", "end": "2018"},
        {"org": "b", "kind": "employee", "start": "2020-03"},
    )
    assert moves(p)[0] == ("a", "b", "2020-03", "2020", None)


def test_a_move_with_an_acquihire_links_to_the_deal_through_parents():
    deal = Deal.model_validate(
        {"id": "parent-startup", "kind": "acqui_hire", "acquirer": "parent", "target": "startup", "people": ["ada"], "sources": ["s"]}
    )
    p = person(
        {"org": "startup", "kind": "founder", "start": "2021", "end": "2024-03"},
        {"org": "unit", "kind": "employee", "start": "2024-03"},
    )
    assert moves(p, [deal]) == [("startup", "unit", "2024-03", "2024-03", "parent-startup")]
    stranger = person(
        {"org": "startup", "kind": "founder", "start": "2021", "end": "2024-03"},
        {"org": "unit", "kind": "employee", "start": "2024-03"},
        pid="bo",
    )
    assert moves(stranger, []) == [("startup", "unit", "2024-03", "2024-03", None)]


def test_boomerang_careers_give_two_moves():
    p = person(
        {"org": "a", "kind": "employee", "start": "2017", "end": "2019"},
        {"org": "b", "kind": "employee", "start": "2019", "end": "2021"},
        {"org": "a", "kind": "employee", "start": "2021"},
    )
    assert moves(p) == [("a", "b", "2019", "2019", None), ("b", "a", "2021", "2021", None)]


def test_flows_count_people_once_per_pair():
    derived = derive_moves(
        person(
            {"org": "a", "kind": "employee", "end": "2019"},
            {"org": "b", "kind": "employee", "start": "2019", "end": "2020"},
            {"org": "a", "kind": "employee", "start": "2020", "end": "2021"},
            {"org": "b", "kind": "employee", "start": "2021"},
        ),
        {},
    ) + derive_moves(person({"org": "a", "kind": "employee"}, {"org": "b", "kind": "employee"}, pid="bo"), {})
    flows = {(f.from_org, f.to_org): (f.people, f.count, len(f.moves)) for f in talent_flows(derived)}
    assert flows == {("a", "b"): (("ada", "bo"), 2, 3), ("b", "a"): (("ada",), 1, 1)}


def test_the_mini_world_derives_the_expected_moves_and_foundings():
    from kg.seeds import load_seeds
    from tests.conftest import MINI

    derived = derive(load_seeds(MINI))
    assert [(m.id, m.from_org, m.to_org, m.deal) for m in derived.moves] == [
        ("move-ada-quill-1", "alpha-lab", "beta-ai", None),
        ("move-ben-okafor-1", "alpha-lab", "beta-ai", None),
        ("move-chen-bo-1", "gamma-research", "alpha-lab", None),
        ("move-chen-bo-2", "alpha-lab", "delta-labs", None),
        ("move-chen-bo-3", "delta-labs", "gamma-corp", "gamma-delta-2024"),
        ("move-dana-ruiz-1", "alpha-lab", "delta-labs", None),
        ("move-dana-ruiz-2", "delta-labs", "gamma-corp", "gamma-delta-2024"),
        ("move-fay-wu-1", "gamma-research", "alpha-lab", None),
        ("move-hana-sato-1", "alpha-lab", "gamma-research", None),
        ("move-hana-sato-2", "gamma-research", "alpha-lab", None),
    ]
    assert [(f.person, f.org, f.date) for f in derived.foundings] == [
        ("ada-quill", "beta-ai", "2021-01"),
        ("ben-okafor", "beta-ai", "2021-01"),
        ("chen-bo", "delta-labs", "2022-04"),
        ("eli-stone", "epsilon", "2020"),
    ]
