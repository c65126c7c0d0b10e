"""The elements of the graph both backends hold, built from a validated dataset.

The vocabulary (labels, relationship types and what they mean) is declared in :mod:`kg.schema`,
and every edge is checked against it. Properties are Neo4j-compatible (text, numbers, booleans and
lists of those; no nulls), so both backends store exactly the same values.

Derived meaning is stored here once, so that a question on either backend is a filter over stored
values: an organisation's ``lineage`` (itself and its parents, nearest first) and whether it is an
``independent_startup``; a role's comparable bounds ``start_low`` and ``until_high`` (see
:func:`kg.dates.earliest` and :func:`kg.dates.latest`) and whether it counts as ``career`` or as
being ``present``; a founding's ``date_high``; a deal's ``attempted``; a move's ``internal``; moves, deals and rounds
``date_low`` and ``date_high``, a move's ``left_low`` and ``left_high`` (of the day its person left,
which a window on departures compares), an organisation's ``founded_low`` and ``founded_high`` (the
bounds time windows compare).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kg import claims as claims_text
from kg.dates import earliest, latest
from kg.derive import Derived, derive
from kg.errors import KgError
from kg.model import CAREER_ROLE_KINDS, PRESENT_ROLE_KINDS, Fact
from kg.schema import ORG_KINDS, RELATIONSHIPS, key_of
from kg.seeds import Dataset


@dataclass(frozen=True)
class Node:
    id: str
    labels: tuple[str, ...]
    props: dict[str, Any]


class Edge:
    """A relationship; ``key`` identifies it stably across loads (Neo4j merges on it).

    Tens of millions are made for a big graph, so an edge is a plain object with slots, and its
    key is made from its type, ends and ``order`` when first asked for (the embedded graph never
    asks; a Neo4j load and an export do).
    """

    __slots__ = ("type", "source", "target", "_key", "props")

    def __init__(self, type: str, source: str, target: str, key: str | None, props: dict[str, Any]) -> None:
        self.type, self.source, self.target, self._key, self.props = type, source, target, key, props

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = key_of(self.type, self.source, self.target, self.props.get("order"))
        return self._key

    def _fields(self) -> tuple:
        return (self.type, self.source, self.target, self.key, self.props)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is Edge and self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  (its properties are a dict)

    def __repr__(self) -> str:
        return f"Edge(type={self.type!r}, source={self.source!r}, target={self.target!r}, key={self.key!r}, props={self.props!r})"


@dataclass
class GraphElements:
    nodes: list[Node]
    edges: list[Edge]


def build_elements(dataset: Dataset, derived: Derived | None = None) -> GraphElements:
    """Every node and relationship of the talent graph, from a validated dataset."""
    derived = derived or derive(dataset)
    nodes = list(_nodes(dataset, derived))
    edges = list(_edges(dataset, derived))
    check_edges(nodes, edges)
    return GraphElements(nodes, edges)


def iter_elements(dataset: Dataset, derived: Derived | None = None, consume: bool = False) -> tuple[Iterator[Node], Iterator[Edge]]:
    """The nodes, then the relationships, one at a time (a big graph never holds them all at once).

    With ``consume`` (for a caller that gives the dataset up), each person's record leaves the
    dataset as soon as its relationships are written: a million people's records, most of the
    dataset's memory, are then never held beside the whole of their graph; and once the last
    relationship is written, the dataset and ``derived`` are emptied.

    The relationships are not checked against the vocabulary here: a writer that streams them
    checks each against the labels of the nodes it has written (:func:`check_edge`).
    """
    derived = derived or derive(dataset)
    return _nodes(dataset, derived), _edges(dataset, derived, consume)


class SchemaMismatch(KgError):
    """An edge whose type is not in the vocabulary, or that joins labels its type does not declare."""


def check_edges(nodes: list[Node], edges: list[Edge]) -> None:
    """Fail on the first edge :data:`kg.schema.RELATIONSHIPS` does not allow."""
    label_of = {node.id: node.labels[0] for node in nodes}
    for edge in edges:
        check_edge(edge, label_of.get(edge.source), label_of.get(edge.target))


def check_edge(edge: Edge, source_label: str | None, target_label: str | None) -> None:
    """Fail if :data:`kg.schema.RELATIONSHIPS` does not allow this edge between these labels."""
    rel = RELATIONSHIPS.get(edge.type)
    if rel is None:
        raise SchemaMismatch(f"edge {edge.key}: {edge.type} is not a relationship type of kg.schema")
    if source_label not in rel.source or target_label not in rel.target:
        raise SchemaMismatch(
            f"edge {edge.key}: {edge.type} joins {'/'.join(rel.source)} to {'/'.join(rel.target)}, "
            f"not {source_label or 'nothing'} ({edge.source}) to {target_label or 'nothing'} ({edge.target})"
        )


def _nodes(data: Dataset, derived: Derived) -> Iterator[Node]:
    for source in data.sources.values():
        yield Node(source.id, ("Source",), _clean(source.model_dump(exclude={"id"})) | {"id": source.id})
    for org in data.organizations.values():
        props = _fact_props(org, exclude={"raised"})
        props["raised"] = [_money_text(t.amount, t.currency, t.as_of) for t in org.raised]
        props["lineage"] = derived.lineage[org.id]
        props["independent_startup"] = ORG_KINDS[org.kind].startup and not org.parent
        if org.founded:
            props |= {"founded_low": earliest(org.founded), "founded_high": latest(org.founded)}
        yield Node(org.id, ("Organization", ORG_KINDS[org.kind].neo4j_label), _clean(props))
    for person in data.people.values():
        yield Node(person.id, ("Person",), _clean(_fact_props(person, exclude={"education", "roles"})))
    org_name = {org.id: org.name for org in data.organizations.values()}
    for deal in data.deals.values():
        name = f"{org_name[deal.acquirer]} / {org_name[deal.target]} {deal.kind.replace('_', '-')}" + (
            f" ({deal.date})" if deal.date else ""
        )
        props = _fact_props(deal) | {"attempted": deal.attempted, "name": name} | _date_bounds(deal.date)
        yield Node(deal.id, ("Deal",), _clean(props))
    for funding in data.rounds.values():
        name = f"{org_name[funding.org]} {funding.round} round" + (f" ({funding.date})" if funding.date else "")
        props = _fact_props(funding, exclude={"leads", "investors"}) | {"name": name} | _date_bounds(funding.date)
        yield Node(funding.id, ("FundingRound",), _clean(props))
    for offer in data.offers.values():
        name = f"{org_name[offer.offered_by]} {offer.kind} offer" + (f" ({offer.date})" if offer.date else "")
        yield Node(offer.id, ("Offer",), _clean(_fact_props(offer, exclude={"to"}) | {"name": name}))
    for move in derived.moves:
        props = {
            "id": move.id,
            "name": f"{data.people[move.person].name}: {org_name[move.from_org]} to {org_name[move.to_org]}",
            "person": move.person,
            "from": move.from_org,
            "to": move.to_org,
            "date": move.date,
            "left": move.left,
            "deal": move.deal,
            "internal": move.internal,
            "sources": list(move.sources),
        } | _date_bounds(move.date) | _date_bounds(move.left, "left")
        yield Node(move.id, ("Move",), _clean(props))


def _edges(data: Dataset, derived: Derived, consume: bool = False) -> Iterator[Edge]:
    for org in data.organizations.values():
        if org.parent:
            yield _edge("PART_OF", org.id, org.parent, {"sources": list(org.sources)})
    for person_id in list(data.people):
        person = data.people.pop(person_id) if consume else data.people[person_id]
        if consume:  # its citations now: the record is gone when the other facts' are written
            yield from _cites(person.id, person.sources)
        for index, role in enumerate(person.roles):
            until = derived.role_until.pop((person.id, index), None) if consume else derived.role_until.get((person.id, index))
            props = _fact_props(role, exclude={"org"}) | {
                "order": index,
                "until": until,
                "start_low": earliest(role.start) if role.start else None,
                "until_high": latest(until) if until else None,
                "career": role.kind in CAREER_ROLE_KINDS,
                "present": role.kind in PRESENT_ROLE_KINDS,
            }
            yield _edge("WORKED_AT", person.id, role.org, _clean(props))
        for index, school in enumerate(person.education):
            start_low = earliest(school.start) if school.start else None
            props = _fact_props(school, exclude={"school", "advisor"}) | {"order": index, "start_low": start_low}
            yield _edge("STUDIED_AT", person.id, school.school, _clean(props))
            if school.advisor:
                props = {"school": school.school, "order": index, "sources": list(school.sources), "disputed": school.disputed, "note": school.note}
                yield _edge("STUDIED_UNDER", person.id, school.advisor, _clean(props))
    for founding in derived.foundings:
        date_high = latest(founding.date) if founding.date else None
        props = {"date": founding.date, "date_high": date_high, "title": founding.title, "sources": list(founding.sources)}
        yield _edge("FOUNDED", founding.person, founding.org, _clean(props))
    for move in derived.moves:
        sources = {"sources": list(move.sources)}
        yield _edge("MADE", move.person, move.id, sources)
        yield _edge("FROM", move.id, move.from_org, sources)
        yield _edge("TO", move.id, move.to_org, sources)
        if move.deal:
            yield _edge("VIA", move.id, move.deal, sources)
    for deal in data.deals.values():
        sources = {"sources": list(deal.sources)}
        yield _edge("ACQUIRER_IN", deal.acquirer, deal.id, sources)
        yield _edge("TARGET", deal.id, deal.target, sources)
        for person in deal.people:
            yield _edge("JOINED_VIA", person, deal.id, sources)
    for offer in data.offers.values():
        sources = {"sources": list(offer.sources)}
        yield _edge("OFFERED", offer.offered_by, offer.id, sources)
        for person in offer.to:
            yield _edge("OFFERED_TO", offer.id, person, sources)
    for funding in data.rounds.values():
        yield _edge("RAISED", funding.org, funding.id, {"sources": list(funding.sources)})
        for part in funding.participations():
            props = {
                "lead": part.lead,
                "amount": part.amount,
                "currency": funding.currency if part.amount is not None else None,
                "sources": list(part.sources or funding.sources),
                "note": part.note,
            }
            yield _edge("INVESTED_IN", part.id, funding.id, _clean(props))
    move_sources = {move.id: move.sources for move in derived.moves}
    for flow in derived.flows:
        sources = sorted({source for move in flow.moves for source in move_sources[move]})
        props = {"people": list(flow.people), "count": flow.count, "moves": list(flow.moves), "sources": sources}
        yield _edge("TALENT_FLOW", flow.from_org, flow.to_org, props)
    for fact in data.facts():
        yield from _cites(fact.id, fact.sources)  # type: ignore[attr-defined]
    for move in derived.moves:
        yield from _cites(move.id, move.sources)
    if consume:  # every relationship is written: the rest goes before the graph's indexes are made
        del move_sources
        for records in (data.sources, data.organizations, data.deals, data.rounds, data.offers):
            records.clear()
        for made in (derived.moves, derived.foundings, derived.flows, derived.lineage):
            made.clear()


def _edge(rel: str, source: str, target: str, props: dict[str, Any]) -> Edge:
    return Edge(rel, source, target, None, props)


def _cites(fact_id: str, sources: Iterable[str]) -> Iterator[Edge]:
    """A fact's ``CITES`` relationships, one per source however often it is listed."""
    for source in dict.fromkeys(sources):
        yield _edge("CITES", fact_id, source, {})


def _fact_props(fact: Fact, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    props = fact.model_dump(exclude={"claims", *exclude})
    props["sources"] = list(fact.sources)
    if fact.claims:
        props["claims"] = [
            claims_text.encode(name, claim.value, claim.sources, claim.preferred)
            for name, claims in fact.claims.items()
            for claim in claims
        ]
        props["disputed_fields"] = sorted(fact.conflicts)
        props["claim_sources"] = sorted({s for claims in fact.claims.values() for claim in claims for s in claim.sources})
    return props


def _date_bounds(date: str | None, name: str = "date") -> dict[str, str | None]:
    """The first and last day a partial date can mean, as ``{name}_low`` and ``{name}_high``, stored so time windows compare plain text."""
    if not date:
        return {}
    return {f"{name}_low": earliest(date), f"{name}_high": latest(date)}


def _money_text(amount: float | int, currency: str, as_of: str | None) -> str:
    return f"{amount} {currency}" + (f" as of {as_of}" if as_of else "")


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop nulls, empty lists and false ``disputed`` flags: Neo4j stores no nulls, so neither do we."""
    return {
        key: value
        for key, value in props.items()
        if value is not None and value != [] and not (key in ("disputed", "current") and value is False)
    }
