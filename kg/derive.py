"""Facts kg derives from the curated ones, written once: moves, foundings, talent flows, role spans.

A person's ``roles`` list is their career in order. Consecutive career roles (founder, executive,
employee) at one organisation form a *stint*. A move leaves a stint for the next stint that is
still running when it ends; a stint without an end is taken to end when the next one starts, unless
its last role is marked ``current``. Board, advisor, fellow, investor and intern roles never move
anyone. A move whose person came with an acqui-hire or acquisition links to that deal.

A move comes from the employer a person left shortly before: when more than
:data:`MAX_MOVE_GAP_YEARS` years lie between the end of one stint and the start of the next, the
earlier employer is a past one (an alumni link, as in ``alumni_founders``), not where they moved
from. A move between two organisations of one corporate family (the same root in their
:func:`lineage`, such as DeepMind and Google DeepMind, or Meta and Meta Superintelligence Labs) is an
*internal transfer*: it stays in careers and profiles, and counts in no talent flow.

>>> from kg.model import Person
>>> p = Person.model_validate({"id": "ada", "name": "Ada", "sources": ["s"], "roles": [
...     {"org": "a", "kind": "employee", "start": "2018", "end": "2020-05", "sources": ["s"]},
...     {"org": "b", "kind": "founder", "start": "2020-06", "sources": ["s"]}]})
>>> [(m.from_org, m.to_org, m.date) for m in derive_moves(p, {})]
[('a', 'b', '2020-06')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg import dates
from kg.model import CAREER_ROLE_KINDS, Deal, Person, Role
from kg.seeds import Dataset


@dataclass(frozen=True, slots=True)
class Move:
    """A person leaving one organisation for another."""

    id: str
    person: str
    from_org: str
    to_org: str
    date: str | None  # arrival at ``to_org`` (or departure, when the arrival is not dated)
    left: str | None  # end of the stint at ``from_org``, when known
    deal: str | None
    sources: tuple[str, ...]
    #: a transfer inside one corporate family, which is no talent flow
    internal: bool = False


@dataclass(frozen=True, slots=True)
class Founding:
    person: str
    org: str
    date: str | None
    title: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Flow:
    """Everyone who moved from one organisation straight to another."""

    from_org: str
    to_org: str
    people: tuple[str, ...]
    moves: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.people)


@dataclass
class Derived:
    moves: list[Move] = field(default_factory=list)
    foundings: list[Founding] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    #: (person id, role index) -> the date the role is taken to end, explicit or inferred
    role_until: dict[tuple[str, int], str | None] = field(default_factory=dict)
    #: organisation id -> itself and its chain of parents, nearest first
    lineage: dict[str, list[str]] = field(default_factory=dict)

#: The longest gap, in years, between leaving one employer and starting at the next that still
#: makes a move (see the module's docstring).
MAX_MOVE_GAP_YEARS = 2


def derive(dataset: Dataset) -> Derived:
    """Every derived fact of a dataset."""
    result = Derived()
    deals_by_person = _deals_by_person(dataset.deals.values())
    parents = {org.id: org.parent for org in dataset.organizations.values()}
    result.lineage = {org: lineage(org, parents) for org in parents}
    for person in dataset.people.values():
        result.moves.extend(derive_moves(person, result.lineage, deals_by_person.get(person.id, [])))
        result.foundings.extend(derive_foundings(person, dataset))
        for index, until in enumerate(role_spans(person)):
            result.role_until[(person.id, index)] = until
    result.flows = talent_flows(result.moves)
    return result


@dataclass(slots=True)
class _Stint:
    org: str
    roles: list[int]
    start: str | None
    end: str | None
    current: bool


def stints(person: Person) -> list[_Stint]:
    """Consecutive career roles at one organisation, merged, in career order."""
    merged: list[_Stint] = []
    for index, role in enumerate(person.roles):
        if role.kind not in CAREER_ROLE_KINDS:
            continue
        if merged and merged[-1].org == role.org:
            stint = merged[-1]
            stint.roles.append(index)
            stint.start = stint.start or role.start
            # the stint ends with its latest-ending role; an open last role keeps it open
            ends = [e for e in (stint.end, role.end) if e]
            stint.end = max(ends, key=dates.latest) if role.end else None
            stint.current = stint.current or role.current
        else:
            merged.append(_Stint(role.org, [index], role.start, role.end, role.current))
    return merged


def derive_moves(person: Person, lineages: dict[str, list[str]], deals: Iterable[Deal] = ()) -> list[Move]:
    """The moves of one person's career (``lineages`` maps org ids to :func:`lineage`)."""
    career = stints(person)
    deals = list(deals)
    moves: list[Move] = []
    for position, stint in enumerate(career):
        if stint.current:
            continue
        later = career[position + 1 :]
        if not later:
            continue
        if stint.end is None:
            target = later[0]
        else:
            target = next((s for s in later if s.end is None or not dates.before(s.end, stint.end)), None)
            if target is None:
                continue
        if stint.end and target.start and _too_long_after(target.start, stint.end):
            continue
        leaving = person.roles[stint.roles[-1]]
        arriving = person.roles[target.roles[0]]
        origin, destination = _lineage_of(stint.org, lineages), _lineage_of(target.org, lineages)
        deal = _deal_for(origin, destination, deals)
        moves.append(
            Move(
                id=f"move-{person.id}-{len(moves) + 1}",
                person=person.id,
                from_org=stint.org,
                to_org=target.org,
                date=target.start or stint.end,
                left=stint.end,
                deal=deal,
                sources=tuple(dict.fromkeys([*leaving.sources, *arriving.sources])),
                internal=origin[-1] == destination[-1],
            )
        )
    return moves


def derive_foundings(person: Person, dataset: Dataset) -> list[Founding]:
    """One founding per organisation a person holds a founder role at."""
    found: dict[str, Founding] = {}
    for role in person.roles:
        if role.kind == "founder" and role.org not in found:
            org = dataset.organizations.get(role.org)
            date = role.start or (org.founded if org else None)
            found[role.org] = Founding(person.id, role.org, date, role.title, tuple(role.sources))
    return list(found.values())


def role_spans(person: Person) -> list[str | None]:
    """For each role, the date it is taken to end: its own end, else the next career role's start.

    ``None`` means open-ended (current, or nothing known to follow it).
    """
    spans: list[str | None] = []
    for index, role in enumerate(person.roles):
        spans.append(_until(person.roles, index, role))
    return spans


def _until(roles: list[Role], index: int, role: Role) -> str | None:
    if role.end or role.current or role.kind not in CAREER_ROLE_KINDS:
        return role.end
    for later in roles[index + 1 :]:
        if later.kind in CAREER_ROLE_KINDS and later.start:
            return later.start
    return None


def talent_flows(moves: Iterable[Move]) -> list[Flow]:
    """Moves grouped by (from, to), people counted once per pair; internal transfers are no flow."""
    grouped: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for move in moves:
        if not move.internal:
            grouped[(move.from_org, move.to_org)][move.person].append(move.id)
    return [
        Flow(pair[0], pair[1], tuple(sorted(people)), tuple(m for ids in people.values() for m in ids))
        for pair, people in sorted(grouped.items())
    ]


def lineage(org: str, parents: dict[str, str | None]) -> list[str]:
    """An organisation and the chain of its parents, nearest first."""
    chain = [org]
    while parents.get(chain[-1]) and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])  # type: ignore[arg-type]
    return chain


def _deals_by_person(deals: Iterable[Deal]) -> dict[str, list[Deal]]:
    index: dict[str, list[Deal]] = defaultdict(list)
    for deal in deals:
        if not deal.attempted:
            for person in deal.people:
                index[person].append(deal)
    return index


def _deal_for(origin: list[str], destination: list[str], deals: list[Deal]) -> str | None:
    for deal in deals:
        if deal.target in origin and deal.acquirer in destination:
            return deal.id
    return None


def _lineage_of(org: str, lineages: dict[str, list[str]]) -> list[str]:
    return lineages.get(org) or [org]


def _too_long_after(arrival: str, left: str) -> bool:
    """True when ``arrival`` certainly begins more than :data:`MAX_MOVE_GAP_YEARS` after ``left``."""
    year, rest = dates.latest(left).split("-", 1)
    return dates.earliest(arrival) > f"{int(year) + MAX_MOVE_GAP_YEARS:04d}-{rest}"
