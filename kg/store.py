"""The embedded backend: the talent graph held compactly in memory, with a name index.

>>> graph = open_graph()                                   # doctest: +SKIP
>>> graph.resolve("翁荔").id                                # doctest: +SKIP
'lilian-weng'
>>> [e for e in graph.out_edges("lilian-weng", "WORKED_AT")]  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import collector
from kg.names import Entry, NameIndex
from kg.schema import key_of

if TYPE_CHECKING:  # the cached path never imports the model or the loader
    from kg.graph_model import Edge, GraphElements, Node
    from kg.result import Result

_CACHE_VERSION = "2"
_CACHE_KEEP = 16


class Table:
    """The properties of one label's nodes or one type's relationships: a list per property.

    A column holds ``None`` where a row lacks the property (the graph stores no nulls, so ``None``
    always means absent). Text is interned and lists are kept as shared tuples, so the thousands of
    rows that cite one source or share a title hold one object between them.
    """

    __slots__ = ("columns", "size", "_shared")

    def __init__(self, shared: dict[tuple, tuple] | None = None) -> None:
        self.columns: dict[str, list[Any]] = {}
        self.size = 0
        #: equal lists stored once, across every table of a graph (a move and its three relationships cite alike)
        self._shared: dict[tuple, tuple] = {} if shared is None else shared

    def append(self, props: Mapping[str, Any]) -> int:
        row = self.size
        columns = self.columns
        if not props and not columns:  # a relationship without properties (CITES)
            self.size += 1
            return row
        stored, found = self._stored, 0
        for key, column in columns.items():
            if key in props:
                column.append(stored(props[key]))
                found += 1
            else:
                column.append(None)
        if found < len(props):  # a key this table has not had yet
            for key, value in props.items():
                if key not in columns:
                    columns[sys.intern(key)] = [None] * row + [stored(value)]
        self.size += 1
        return row

    def _stored(self, value: Any) -> Any:
        kind = type(value)  # exact types first: tens of millions of values at a million people
        if kind is str:
            return sys.intern(value)
        if kind is tuple or kind is list or isinstance(value, (list, tuple)):
            intern = sys.intern
            items = tuple([intern(v) if type(v) is str else v for v in value])
            return self._shared.setdefault(items, items)
        if isinstance(value, str):  # a subclass of str: stored as plain text
            return sys.intern(str(value))
        return value

    def finish(self) -> None:
        """Drop what only writing needs."""
        self._shared = {}

    def __getstate__(self):
        return (self.columns, self.size)

    def __setstate__(self, state) -> None:
        self.columns, self.size = state
        self._shared = {}


class Row(Mapping):
    """One row of a :class:`Table`, read as a mapping (lists come back as lists)."""

    __slots__ = ("_table", "_row", "_extra")

    def __init__(self, table: Table, row: int, extra: tuple[str, Any]):
        self._table = table
        self._row = row
        self._extra = extra  # ("labels", (...)) of a node, ("type", "WORKED_AT") of a relationship

    def __getitem__(self, key: str) -> Any:
        if key == self._extra[0]:
            return self._extra[1]
        value = self._table.columns[key][self._row]
        if value is None:
            raise KeyError(key)
        return list(value) if isinstance(value, tuple) else value

    def get(self, key: str, default: Any = None) -> Any:
        if key == self._extra[0]:
            return self._extra[1]
        column = self._table.columns.get(key)
        value = None if column is None else column[self._row]
        if value is None:
            return default
        return list(value) if isinstance(value, tuple) else value

    def __contains__(self, key: object) -> bool:
        if key == self._extra[0]:
            return True
        column = self._table.columns.get(key)  # type: ignore[arg-type]
        return column is not None and column[self._row] is not None

    def __iter__(self) -> Iterator[str]:
        yield self._extra[0]
        for key, column in self._table.columns.items():
            if column[self._row] is not None:
                yield key

    def __len__(self) -> int:
        return 1 + sum(1 for column in self._table.columns.values() if column[self._row] is not None)

    def __or__(self, other: Mapping[str, Any]) -> dict[str, Any]:
        return dict(self) | dict(other)

    def __repr__(self) -> str:
        return repr(dict(self))


class Relation:
    """Every relationship of one type: endpoints as node numbers, properties in a :class:`Table`,
    and an index from each node to its outgoing and incoming relationships (built by :meth:`finish`).

    Each index covers only the span of node numbers its ends fall in (a type joins few labels, and
    nodes are numbered label by label): a million people's graph would otherwise keep, for every
    type and both directions, one start per node of the whole graph.
    """

    __slots__ = ("type", "source", "target", "props", "out_low", "out_start", "out_order", "in_low", "in_start", "in_order")

    def __init__(self, rel: str, shared: dict[tuple, tuple] | None = None):
        self.type = rel
        self.source = array("i")
        self.target = array("i")
        self.props = Table(shared)
        self.out_low = self.in_low = 0
        self.out_start = self.in_start = array("i", [0])
        self.out_order = self.in_order = array("i")

    def __len__(self) -> int:
        return len(self.source)

    def finish(self) -> None:
        self.out_low, self.out_start, self.out_order = _index(self.source)
        self.in_low, self.in_start, self.in_order = _index(self.target)
        self.props.finish()

    def outgoing(self, number: int) -> array:
        begin, end = _span(self.out_start, number - self.out_low)
        return self.out_order[begin:end]

    def incoming(self, number: int) -> array:
        begin, end = _span(self.in_start, number - self.in_low)
        return self.in_order[begin:end]

    def out_degree(self, number: int) -> int:
        begin, end = _span(self.out_start, number - self.out_low)
        return end - begin

    def in_degree(self, number: int) -> int:
        begin, end = _span(self.in_start, number - self.in_low)
        return end - begin

    def row(self, edge: int) -> Row:
        return Row(self.props, edge, ("type", self.type))


def _span(starts: array, at: int) -> tuple[int, int]:
    """Where the relationships of the node at ``at`` in an index begin and end (none outside it)."""
    return (starts[at], starts[at + 1]) if 0 <= at < len(starts) - 1 else (0, 0)


def _picked(column: list[Any] | None, rows: Iterable[int]) -> list[Any]:
    """The values of one column at the given rows (None throughout for a column the table lacks)."""
    if column is None:
        return [None] * len(rows)  # type: ignore[arg-type]
    return list(map(column.__getitem__, rows))


def _index(ends: array) -> tuple[int, array, array]:
    """``(low, starts, order)``: the relationships in an order sorted by end node (stable), and for
    each node from ``low`` to the highest end, where its relationships begin in that order."""
    import numpy as np

    if not len(ends):
        return 0, array("i", [0]), array("i")
    values = np.frombuffer(ends, dtype=np.int32)
    low = int(values.min())
    order = np.argsort(values, kind="stable").astype(np.int32)
    counts = np.bincount(values - low)
    start = np.zeros(len(counts) + 1, dtype=np.int32)
    np.cumsum(counts, out=start[1:])
    return low, array("i", start.tobytes()), array("i", order.tobytes())


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


class TalentGraph:
    """Nodes carry ``labels`` and their properties; relationships carry ``type`` and properties.

    Stored compactly, a table per label set and per relationship type (see :class:`Table`), with
    nodes numbered in the order written: a million people fit in a few gigabytes.
    """

    def __init__(self, elements: GraphElements | None = None, *, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()):
        from kg.graph_model import check_edge

        if elements is not None:
            nodes, edges = elements.nodes, elements.edges
        self.ids: list[str] = []
        self.numbers: dict[str, int] = {}
        self._label_sets: list[tuple[str, ...]] = []
        self._tables: list[Table] = []
        self._table_of = array("B")
        self._row_of = array("i")
        self.by_label: dict[str, list[str]] = {}
        set_of: dict[tuple[str, ...], int] = {}
        shared: dict[tuple, tuple] = {}
        for node in nodes:
            node_id = sys.intern(node.id)
            if node_id in self.numbers:
                raise ValueError(f"node {node_id} written twice")
            labels = tuple(node.labels)
            which = set_of.get(labels)
            if which is None:
                which = set_of[labels] = len(self._label_sets)
                self._label_sets.append(labels)
                self._tables.append(Table(shared))
            self.numbers[node_id] = len(self.ids)
            self.ids.append(node_id)
            self._table_of.append(which)
            self._row_of.append(self._tables[which].append(node.props))
            for label in labels:
                self.by_label.setdefault(label, []).append(node_id)
        self.relations: dict[str, Relation] = {}
        allowed: set[tuple[str, int, int]] = set()  # (type, label set, label set) already checked
        number_of, table_of, relations = self.numbers.get, self._table_of, self.relations
        for edge in edges:
            rel, source, target = edge.type, number_of(edge.source), number_of(edge.target)
            if source is None or target is None or (rel, table_of[source], table_of[target]) not in allowed:
                check_edge(edge, None if source is None else self._labels(source)[0], None if target is None else self._labels(target)[0])
                allowed.add((rel, table_of[source], table_of[target]))  # both ends are known once the check passed
            relation = relations.get(rel)
            if relation is None:
                relation = relations[rel] = Relation(rel, shared)
            relation.source.append(source)
            relation.target.append(target)
            relation.props.append(edge.props)
        for table in self._tables:
            table.finish()
        #: each node's name as answers show it (asked for once per row of most answers)
        self.names_by_number: list[str] = [self._shown_name(number) for number in range(len(self.ids))]
        for relation in self.relations.values():
            relation.finish()
        entries = [
            Entry(node_id, self._labels(number)[0], self.node(node_id)["name"])
            for number, node_id in enumerate(self.ids)
            if self._labels(number)[0] in ("Person", "Organization")
        ]
        aliases = {entry.id: self.node(entry.id).get("aliases", []) for entry in entries}
        self.names = NameIndex(entries, aliases)
        self.units: dict[str, set[str]] = {}
        for org_id, data in self.nodes("Organization"):
            for ancestor in data["lineage"]:
                self.units.setdefault(ancestor, set()).add(org_id)
        self._adjacency: dict[tuple[str, ...], dict[str, set[str]]] = {}
        self._arrays: dict[Any, Any] = {}  # what questions derive from the graph and keep (see derived)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_adjacency"] = {}  # rebuilt on demand; not worth the cache's bytes
        state["_arrays"] = {}
        return state

    # -- reading ---------------------------------------------------------------------------

    def _labels(self, number: int) -> tuple[str, ...]:
        return self._label_sets[self._table_of[number]]

    def _row(self, number: int) -> Row:
        which = self._table_of[number]
        return Row(self._tables[which], self._row_of[number], ("labels", self._label_sets[which]))

    def node(self, node_id: str) -> Row:
        return self._row(self.numbers[node_id])

    def has(self, node_id: str, label: str | None = None) -> bool:
        number = self.numbers.get(node_id)
        return number is not None and (label is None or label in self._labels(number))

    def label(self, node_id: str) -> str:
        return self._labels(self.numbers[node_id])[0]

    def name(self, node_id: str) -> str:
        return self.names_by_number[self.numbers[node_id]]

    def _shown_name(self, number: int) -> str:
        data = self._row(number)
        return data.get("name") or data.get("title") or self.ids[number]

    def nodes(self, label: str) -> Iterator[tuple[str, Row]]:
        for node_id in self.by_label.get(label, []):
            yield node_id, self._row(self.numbers[node_id])

    def all_nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node with its ``labels`` and properties, in the order written."""
        for number, node_id in enumerate(self.ids):
            yield node_id, dict(self._row(number))

    def all_edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, key, properties with type)`` of every relationship, type by type."""
        for relation in self.relations.values():
            for edge in range(len(relation)):
                source, target = self.ids[relation.source[edge]], self.ids[relation.target[edge]]
                data = dict(relation.row(edge))
                yield source, target, key_of(relation.type, source, target, data.get("order")), data

    def moves_from(self, orgs: set[str]) -> list[str]:
        """Every move leaving one of the given organisations, in a stable order."""
        return sorted(move for org in orgs for move in self.origins(org, "FROM"))

    def adjacency(self, types: tuple[str, ...]) -> dict[str, set[str]]:
        """Undirected neighbours over the given relationship types (computed once per graph)."""
        if types not in self._adjacency:
            neighbours: dict[str, set[str]] = {}
            for rel in types:
                for source, target in self.pairs(rel):
                    neighbours.setdefault(source, set()).add(target)
                    neighbours.setdefault(target, set()).add(source)
            self._adjacency[types] = neighbours
        return self._adjacency[types]

    def derived(self, key: Any, make: Callable[[], Any]) -> Any:
        """What ``make()`` derives from the graph, made on first use and kept (not written to the cache)."""
        if key not in self._arrays:
            self._arrays[key] = make()
        return self._arrays[key]

    def first_labels(self, numbers: list[int]):
        """The first label of each numbered node, as a numpy array of texts."""
        import numpy as np

        of_set = np.array([labels[0] for labels in self._label_sets], dtype=object)
        return of_set[np.frombuffer(self._table_of, dtype=np.uint8)[numbers]]

    def undirected_arrays(self, types: tuple[str, ...]):
        """The relationships of the given types as one undirected adjacency over node numbers:
        ``(starts, neighbours)``, node ``n``'s neighbours being ``neighbours[starts[n]:starts[n + 1]]``
        (numpy arrays, each pair of nodes once; built on first use and kept)."""
        import numpy as np

        def made() -> tuple[Any, Any]:
            ends = [
                (np.frombuffer(relation.source, dtype=np.int32), np.frombuffer(relation.target, dtype=np.int32))
                for rel in types
                if (relation := self.relations.get(rel)) is not None and len(relation)
            ]
            size = len(self.ids)
            if ends:
                sources = np.concatenate([s for s, _ in ends] + [t for _, t in ends]).astype(np.int64)
                targets = np.concatenate([t for _, t in ends] + [s for s, _ in ends]).astype(np.int64)
                keep = sources != targets
                codes = np.unique(sources[keep] * size + targets[keep])
                sources, targets = codes // size, codes % size
            else:
                sources = targets = np.zeros(0, dtype=np.int64)
            starts = np.zeros(size + 1, dtype=np.int64)
            np.cumsum(np.bincount(sources, minlength=size), out=starts[1:])
            return starts, targets.astype(np.int32)

        return self.derived(("undirected", *types), made)

    def out_edges(self, node_id: str, rel: str) -> Iterator[tuple[str, Row]]:
        """``(target, properties)`` of each ``rel`` relationship leaving a node."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return
        for edge in relation.outgoing(number):
            yield self.ids[relation.target[edge]], relation.row(edge)

    def in_edges(self, node_id: str, rel: str) -> Iterator[tuple[str, Row]]:
        """``(source, properties)`` of each ``rel`` relationship arriving at a node."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return
        for edge in relation.incoming(number):
            yield self.ids[relation.source[edge]], relation.row(edge)

    # Bulk reads for questions that go through many thousands of nodes or relationships: the
    # properties asked for, column by column, as stored (lists as tuples, unset as None), instead
    # of a Row per item and a lookup per property.

    def values(self, node_ids: list[str], keys: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """For each node (in the order given), its values of ``keys``."""
        numbers = list(map(self.numbers.__getitem__, node_ids))
        if len(which := set(map(self._table_of.__getitem__, numbers))) == 1:  # one label set: whole columns at once
            table, rows = self._tables[which.pop()], list(map(self._row_of.__getitem__, numbers))
            return list(zip(*(_picked(table.columns.get(key), rows) for key in keys))) if keys else [()] * len(rows)
        by_table: dict[int, list[int]] = {}  # positions in node_ids, per table: each table read column by column
        for position, number in enumerate(numbers):
            by_table.setdefault(self._table_of[number], []).append(position)
        found: list[tuple[Any, ...]] = [()] * len(numbers)
        for which, positions in by_table.items():
            table, rows = self._tables[which], [self._row_of[numbers[position]] for position in positions]
            if keys:
                for position, row_values in zip(positions, zip(*(_picked(table.columns.get(key), rows) for key in keys))):
                    found[position] = row_values
        return found

    def out_values(self, node_id: str, rel: str, keys: tuple[str, ...]) -> list[tuple[str, tuple[Any, ...]]]:
        """``(target, values of keys)`` of each ``rel`` relationship leaving a node (as :meth:`out_edges`)."""
        return self._edge_values(node_id, rel, keys, outgoing=True)

    def in_values(self, node_id: str, rel: str, keys: tuple[str, ...], only: list[int] | None = None) -> list[tuple[str, tuple[Any, ...]]]:
        """``(source, values of keys)`` of each ``rel`` relationship arriving at a node (as :meth:`in_edges`);
        with ``only``, of those at these positions in that list (so that a first reading of a few
        properties can choose which relationships the rest are read for)."""
        return self._edge_values(node_id, rel, keys, outgoing=False, only=only)

    def in_columns(self, node_id: str, rel: str, keys: tuple[str, ...]) -> list[list[Any]]:
        """Each of ``keys`` over the ``rel`` relationships arriving at a node, one list per key, in
        the order of :meth:`in_values` (for a first reading that chooses which to read fully)."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return [[] for _ in keys]
        edges = relation.incoming(number)
        return [_picked(relation.props.columns.get(key), edges) for key in keys]

    def _edge_values(
        self, node_id: str, rel: str, keys: tuple[str, ...], outgoing: bool, only: list[int] | None = None
    ) -> list[tuple[str, tuple[Any, ...]]]:
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return []
        edges = relation.outgoing(number) if outgoing else relation.incoming(number)
        if only is not None:
            edges = list(map(edges.__getitem__, only))
        ends, ids = (relation.target if outgoing else relation.source), self.ids
        columns = [_picked(relation.props.columns.get(key), edges) for key in keys]
        return list(zip(map(ids.__getitem__, map(ends.__getitem__, edges)), zip(*columns) if keys else [()] * len(edges)))

    def targets(self, node_id: str, rel: str) -> list[str]:
        """The ends of each ``rel`` relationship leaving a node (no properties read)."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return []
        return [self.ids[relation.target[edge]] for edge in relation.outgoing(number)]

    def origins(self, node_id: str, rel: str) -> list[str]:
        """The starts of each ``rel`` relationship arriving at a node (no properties read)."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return []
        return [self.ids[relation.source[edge]] for edge in relation.incoming(number)]

    def origins_leaving(self, node_ids: Iterable[str], rels: Iterable[str], leaving: str) -> list[str]:
        """The starts of ``rels`` relationships arriving at any of the nodes, once each and sorted
        by id, that at least one ``leaving`` relationship leaves (no properties read).

        Worked on node numbers: of a university's tens of thousands of alumni, only the few hundred
        who founded something become ids.
        """
        out = self.relations.get(leaving)
        if out is None:
            return []
        found: set[int] = set()
        for rel in rels:
            relation = self.relations.get(rel)
            if relation is None:
                continue
            for node_id in node_ids:
                number = self.numbers.get(node_id)
                if number is not None:
                    found.update(map(relation.source.__getitem__, relation.incoming(number)))
        return sorted(self.ids[number] for number in found if out.out_degree(number))

    def named_origins(self, node_id: str, rel: str) -> tuple[list[str], list[str]]:
        """:meth:`origins`, and each one's name as answers show it."""
        relation, number = self.relations.get(rel), self.numbers.get(node_id)
        if relation is None or number is None:
            return [], []
        starts = list(map(relation.source.__getitem__, relation.incoming(number)))
        return list(map(self.ids.__getitem__, starts)), list(map(self.names_by_number.__getitem__, starts))

    def between(self, source: str, target: str, rel: str) -> Iterator[Row]:
        """The properties of each ``rel`` relationship from ``source`` to ``target``."""
        relation, number, other = self.relations.get(rel), self.numbers.get(source), self.numbers.get(target)
        if relation is None or number is None or other is None:
            return
        for edge in relation.outgoing(number):
            if relation.target[edge] == other:
                yield relation.row(edge)

    def edges(self, rel: str) -> Iterator[tuple[str, str, Row]]:
        relation = self.relations.get(rel)
        if relation is None:
            return
        ids = self.ids
        for edge in range(len(relation)):
            yield ids[relation.source[edge]], ids[relation.target[edge]], relation.row(edge)

    def flows_between(self, origins: set[str], destinations: set[str]) -> Iterator[tuple[str, str, Row]]:
        """Each talent flow from one of ``origins`` to one of ``destinations``, read from whichever side
        has fewer flows (a hub's thousands of flows are never all read for one pair)."""
        relation = self.relations.get("TALENT_FLOW")
        if relation is None:
            return
        starts = [self.numbers[o] for o in origins if o in self.numbers]
        ends = [self.numbers[o] for o in destinations if o in self.numbers]
        leaving = sum(relation.out_degree(n) for n in starts)
        arriving = sum(relation.in_degree(n) for n in ends)
        if leaving <= arriving:
            wanted = set(ends)
            found = [e for n in starts for e in relation.outgoing(n) if relation.target[e] in wanted]
        else:
            wanted = set(starts)
            found = [e for n in ends for e in relation.incoming(n) if relation.source[e] in wanted]
        for edge in sorted(found):
            yield self.ids[relation.source[edge]], self.ids[relation.target[edge]], relation.row(edge)

    def sums(
        self, rel: str, key: str, only: list[str] | None = None, best_net: int | None = None
    ) -> tuple[dict[str, float], dict[str, float]]:
        """Per node, the total of a number property over the ``rel`` relationships arriving at it,
        and over those leaving it (nodes with none left out); for the nodes in ``only``, or for the
        ``best_net`` nodes whose arrivals most exceed their departures (and any tied with the last)."""
        import numpy as np

        relation = self.relations.get(rel)
        if relation is None or not len(relation):
            return {}, {}
        def numbers_and_ends():  # the number column as an array, and which nodes the relationships touch
            touched = np.zeros(len(self.ids), dtype=bool)
            touched[np.frombuffer(relation.target, dtype=np.int32)] = True
            touched[np.frombuffer(relation.source, dtype=np.int32)] = True
            return np.array(self.column(rel, key), dtype=float), touched

        values, touched = self.derived(("sums", rel, key), numbers_and_ends)
        size = len(self.ids)
        arriving = np.bincount(np.frombuffer(relation.target, dtype=np.int32), weights=values, minlength=size)
        leaving = np.bincount(np.frombuffer(relation.source, dtype=np.int32), weights=values, minlength=size)
        if only is not None:
            chosen = np.array([self.numbers[node] for node in only if node in self.numbers], dtype=np.int64)
            chosen = chosen[touched[chosen]]
        else:
            chosen = np.flatnonzero(touched)
            if best_net is not None and len(chosen) > best_net:
                net = (arriving - leaving)[chosen]
                cut = np.partition(net, len(net) - best_net)[len(net) - best_net]
                chosen = chosen[net >= cut]
        arrived = {self.ids[n]: _plain_number(arriving[n]) for n in chosen.tolist() if arriving[n]}
        left = {self.ids[n]: _plain_number(leaving[n]) for n in chosen.tolist() if leaving[n]}
        return arrived, left

    def column(self, rel: str, key: str) -> list[Any]:
        """One property of every ``rel`` relationship, in the order :meth:`edges` gives them."""
        relation = self.relations.get(rel)
        if relation is None:
            return []
        return relation.props.columns.get(key) or [None] * len(relation)

    def edge(self, rel: str, position: int) -> tuple[str, str, Row]:
        """``(source, target, properties)`` of the ``rel`` relationship at ``position`` (see :meth:`column`)."""
        relation = self.relations[rel]
        return self.ids[relation.source[position]], self.ids[relation.target[position]], relation.row(position)

    def pairs(self, rel: str) -> Iterator[tuple[str, str]]:
        """``(source, target)`` of every ``rel`` relationship (no properties read)."""
        relation = self.relations.get(rel)
        if relation is None:
            return
        ids = self.ids
        for source, target in zip(relation.source, relation.target):
            yield ids[source], ids[target]

    def degree(self, node_id: str, direction: str = "both") -> int:
        """How many relationships of any type leave (``out``), arrive (``in``) or touch a node."""
        number = self.numbers[node_id]
        total = 0
        for relation in self.relations.values():
            if direction in ("out", "both"):
                total += relation.out_degree(number)
            if direction in ("in", "both"):
                total += relation.in_degree(number)
        return total

    def family(self, org_id: str) -> set[str]:
        """An organisation and every unit below it: the organisations whose stored lineage holds it."""
        return set(self.units.get(org_id, {org_id}))

    def ancestors(self, org_id: str) -> list[str]:
        """An organisation and its chain of parents, nearest first (its stored lineage)."""
        return list(self.node(org_id)["lineage"])

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title, publisher, date and url of each source id."""
        fields = ("title", "publisher", "date", "url")
        return {i: {f: self.node(i).get(f) for f in fields} for i in ids if i in self.numbers}

    def resolve(self, name: str, label: str | None = None) -> Entry:
        """The entity a name or alias means, in any script (see :mod:`kg.names`)."""
        return self.names.resolve(name, label)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label, and relationships per type."""
        return (
            {label: len(ids) for label, ids in self.by_label.items()},
            {rel: len(relation) for rel, relation in self.relations.items()},
        )


def statistics(graph: TalentGraph) -> Result:
    """Nodes per label (main labels first, in the vocabulary's order, then kind labels) and relationships per type."""
    from kg.result import Result
    from kg.schema import NODE_LABELS

    labels, types = graph.counts()
    order = {label: position for position, label in enumerate(NODE_LABELS)}
    main_labels = sorted(labels, key=lambda label: (order.get(label, len(order)), label))
    rows = [{"kind": "node", "name": label, "count": labels[label]} for label in main_labels]
    rows += [{"kind": "relationship", "name": rel, "count": types[rel]} for rel in sorted(types)]
    return Result("stats", {}, ["kind", "name", "count"], rows, title="kg stats: nodes and relationships")


def build_graph(seeds: str | os.PathLike, files=None) -> TalentGraph:
    """Validate the seeds, derive, and build the embedded graph (no cache).

    ``files`` are the folder's files already read (:func:`kg.seeds.read_seed_files`).
    """
    from kg.derive import derive
    from kg.graph_model import iter_elements
    from kg.seeds import load_seeds

    with collector.paused():
        dataset = load_seeds(seeds, files)
        nodes, edges = iter_elements(dataset, derive(dataset), consume=True)
        graph = TalentGraph(nodes=nodes, edges=edges)
    del dataset, nodes, edges
    gc.collect()  # the records the graph was built from
    return collector.kept(graph)


def open_graph(seeds: str | os.PathLike | None = None, cache: bool = True) -> TalentGraph:
    """The embedded graph of a seeds folder (default: the project's), cached by the seeds' content.

    The cache lives in ``$KG_CACHE_DIR`` (default ``~/.cache/kg``); it is keyed on the bytes of
    every seeds file and of kg's own code, so an edit to either rebuilds it. The seeds are read
    once, and the key is the hash of the very bytes the graph is built from: a file edited while
    the graph builds can never file the new graph under the old content's key. ``KG_NO_CACHE=1``
    turns it off.
    """
    from kg.locations import seeds_dir
    from kg.seed_files import read_seed_files

    folder = Path(seeds) if seeds is not None else seeds_dir()
    if not cache or os.environ.get("KG_NO_CACHE"):
        return build_graph(folder)
    state = _tree_state(folder)
    known = _read_marker(state)
    if known:
        graph = _read_cached(known)
        if graph is not None:
            return graph
    files = read_seed_files(folder) if folder.is_dir() else None
    content = fingerprint(folder, files)
    graph = _read_cached(content)
    if graph is None:
        graph = build_graph(folder, files)
        _write_atomically(_cache_dir() / f"graph-{content}.pickle", graph)
    if _tree_state(folder) == state:  # nothing changed while reading: this state of the tree has this content
        _write_atomically(_cache_dir() / f"stat-{state}", content.encode("ascii"))
    return graph


def fingerprint(folder: Path, files=None) -> str:
    """A hash of kg's code and of every seeds file (path and bytes), from ``files`` when given."""
    from kg.seed_files import read_seed_files

    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for path, name in _code_files():
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    for seed_file in files if files is not None else read_seed_files(folder):
        digest.update(b"\0" + str(seed_file.path.relative_to(folder)).encode() + b"\0")
        digest.update(seed_file.data if seed_file.data is not None else b"\0unreadable")
    return digest.hexdigest()[:32]


def _read_cached(content: str) -> TalentGraph | None:
    try:
        with (_cache_dir() / f"graph-{content}.pickle").open("rb") as handle, collector.paused():
            return collector.kept(pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _read_marker(state: str) -> str | None:
    try:
        return (_cache_dir() / f"stat-{state}").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _tree_state(folder: Path) -> str:
    """The names, sizes and modification times of the files a graph is built from.

    Reading every file costs more than the rest of a cold start, so the content hash is
    remembered per state of the tree; touching a file without changing it costs one re-hash.
    """
    from kg.seed_files import seed_file_states

    states = [*_code_file_states(), *(seed_file_states(folder) if folder.is_dir() else ())]
    text = "".join(f"{name}\0{size}\0{mtime}\0" if size is not None else f"{name}\0unreadable\0" for name, size, mtime in states)
    return hashlib.sha256((_CACHE_VERSION + text).encode(errors="surrogateescape")).hexdigest()[:32]


def _code_file_states() -> list[tuple[str, int | None, int | None]]:
    """(name, size, modification time in ns) of each of kg's own modules, as :func:`kg.seed_files.seed_file_states`."""
    states: list[tuple[str, int | None, int | None]] = []
    for path, name in _code_files():
        try:
            stat = path.stat()
            states.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            states.append((name, None, None))
    return states


def _code_files() -> list[tuple[Path, str]]:
    code = Path(__file__).resolve().parent
    return [(path, f"kg/{path.relative_to(code)}") for path in sorted(code.rglob("*.py"))]


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kg"
    )
    return Path(base)


def _write_atomically(path: Path, data: bytes | TalentGraph) -> None:
    """Write bytes, or a graph pickled straight to the file (never held twice in memory), then rename."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for pattern in ("graph-*.pickle", "stat-*"):
            stale = sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in stale[_CACHE_KEEP * 4 if pattern == "stat-*" else _CACHE_KEEP :]:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home or a full disk only costs the cache, never the answer
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
