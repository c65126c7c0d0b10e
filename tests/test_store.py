"""The embedded graph's bulk reads and the canonical order of answers, against the plain ways of
getting the same thing (a Row per item; one stable sort per column)."""

from __future__ import annotations

import random

import pytest

from kg import dates
from kg.questions.base import _order_of, _ordered, _ranks


@pytest.fixture(scope="module")
def graph():
    from kg.store import open_graph

    return open_graph()


def _as_stored(value):
    return tuple(value) if isinstance(value, list) else value


def test_values_are_what_each_node_holds(graph):
    keys = ("name", "kind", "country", "founded", "sources", "parent", "no_such_property")
    orgs = graph.by_label["Organization"]  # over every label set an organisation can have
    mixed = orgs[::7] + graph.by_label["Person"][::11] + orgs[:3]  # several tables, in no order, a node twice
    for ids in (orgs, mixed, graph.by_label["Move"], []):
        expected = [tuple(_as_stored(graph.node(node).get(key)) for key in keys) for node in ids]
        assert graph.values(ids, keys) == expected
    assert graph.values(orgs[:2], ()) == [(), ()]


def test_relationship_values_are_what_each_relationship_holds(graph):
    keys = ("title", "kind", "start", "until", "sources", "present", "no_such_property")
    busiest = max(graph.by_label["Organization"], key=lambda org: len(graph.origins(org, "WORKED_AT")))
    person = next(p for p in graph.by_label["Person"] if len(graph.targets(p, "WORKED_AT")) > 2)
    assert len(graph.origins(busiest, "WORKED_AT")) > 20
    assert graph.in_values(busiest, "WORKED_AT", keys) == [
        (source, tuple(_as_stored(role.get(key)) for key in keys)) for source, role in graph.in_edges(busiest, "WORKED_AT")
    ]
    assert graph.out_values(person, "WORKED_AT", keys) == [
        (target, tuple(_as_stored(role.get(key)) for key in keys)) for target, role in graph.out_edges(person, "WORKED_AT")
    ]
    assert graph.in_values("no-such-node", "WORKED_AT", keys) == graph.out_values(person, "NO_SUCH_TYPE", keys) == []
    every = graph.in_values(busiest, "WORKED_AT", keys)
    assert graph.in_values(busiest, "WORKED_AT", keys, only=[5, 0, 3]) == [every[5], every[0], every[3]]
    columns = graph.in_columns(busiest, "WORKED_AT", keys)
    assert list(zip(*columns)) == [values for _, values in every]
    assert graph.in_columns("no-such-node", "WORKED_AT", keys[:2]) == [[], []]
    places = sorted(graph.by_label["Organization"], key=lambda org: -len(graph.origins(org, "WORKED_AT")))[:3]
    alumni = {p for u in places for rel in ("WORKED_AT", "STUDIED_AT") for p in graph.origins(u, rel)}
    founders_among = graph.origins_leaving(places, ("WORKED_AT", "STUDIED_AT"), "FOUNDED")
    assert founders_among == sorted(p for p in alumni if graph.targets(p, "FOUNDED"))
    assert 0 < len(founders_among) < len(alumni)
    assert graph.origins_leaving(places, ("WORKED_AT", "STUDIED_AT"), "NO_SUCH_TYPE") == []
    assert graph.origins_leaving(["no-such-node"], ("STUDIED_AT", "NO_SUCH_TYPE"), "FOUNDED") == []
    founded = max(graph.by_label["Organization"], key=lambda org: len(graph.origins(org, "FOUNDED")))
    founders, names = graph.named_origins(founded, "FOUNDED")
    assert len(founders) > 2 and founders == graph.origins(founded, "FOUNDED") and names == [graph.name(f) for f in founders]


def _reference_order(rows, order):
    """One stable sort per column, the last first; unknown values after the known ones either way."""

    def key(value, column):
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, float)):
            return float(value)
        if column in ("date", "start"):
            return dates.sort_key(value)
        return str(value).casefold()

    out = list(rows)
    for spec in reversed(order):
        descending, column = spec.startswith("-"), spec.lstrip("-")
        known = sorted((row for row in out if row.get(column) is not None), key=lambda row: key(row[column], column), reverse=descending)
        out = known + [row for row in out if row.get(column) is None]
    return out


def test_rows_are_ordered_as_one_stable_sort_per_column():
    chance = random.Random(13)
    names = ["Ada", "ada", "Ben", "ben", "Chen", "Émile", "zoë", "Zoë", None]
    days = ["2019", "2019-01", "2019-01-01", "~2020", "2020-06", "2018-12-31", None]
    rows = [
        {"name": chance.choice(names), "date": chance.choice(days), "score": chance.choice([3, 3.0, 1.5, -2, 0, None]),
         "flag": chance.choice([True, False, None]), "n": position}
        for position in range(3000)
    ]
    for order in (("name",), ("-name",), ("date", "name"), ("-date", "-score", "name"), ("-flag", "score", "-date"), ("-score",)):
        expected = _reference_order(rows, order)
        assert _ordered(rows, order) == expected, order
        ranks = [_ranks([row.get(spec.lstrip("-")) for row in rows], spec.lstrip("-"), spec.startswith("-")) for spec in order]
        assert _order_of(ranks, array_sort_rows=0) == _order_of(ranks, array_sort_rows=10**9)  # arrays and lists agree
    assert _ordered([], ("name",)) == [] and _ordered(rows[:1], ("name",)) == rows[:1]


def test_a_column_of_numbers_and_texts_puts_the_numbers_first():
    rows = [{"a": "x", "n": 10}, {"a": "y", "n": [1]}, {"a": "x", "n": 9}, {"a": "x", "n": "b"}]
    assert _ordered(rows, ("a", "n")) == [{"a": "x", "n": 9}, {"a": "x", "n": 10}, {"a": "x", "n": "b"}, {"a": "y", "n": [1]}]


def test_list_values_are_ordered_by_their_text():
    rows = [{"v": ["b"]}, {"v": None}, {"v": ["a", "c"]}, {"v": ["a"]}]
    # as text, "['a', 'c']" comes before "['a']"
    assert _ordered(rows, ("v",)) == [{"v": ["a", "c"]}, {"v": ["a"]}, {"v": ["b"]}, {"v": None}] == _reference_order(rows, ("v",))
