"""Talent metrics computed from per-person careers, each figure with the people behind it.

Every metric counts only the people kg holds, and says how many: retention of a joining cohort,
the flow ratio between two organisations, net intake per year, boomerangs, the acqui-hire
scorecard and headcount over time. Units count with their organisation (Google includes Google
DeepMind), and transfers inside one corporate family are no departure.

A *stint* is a run of consecutive career roles (founder, executive, employee) inside one
organisation's family: it starts with the first role's start and ends with the last role's end
(or, for a role without an end, when the next role starts). A stint with no known end counts as
still running.

>>> graph = open_graph()                                    # doctest: +SKIP
>>> retention(graph, ["OpenAI"], years=2).rows[0]["retention"]   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from functools import cache
from typing import TYPE_CHECKING

from kg.dates import earliest, latest
from kg.result import Result

if TYPE_CHECKING:  # kg ask reads the metrics' cues without loading the graph's modules
    from kg.store import TalentGraph

#: Below this many people a figure gets a caution: one person more or less moves it a lot.
SMALL_COHORT = 20
DEFAULT_YEARS = 2


@dataclass(frozen=True)
class Stint:
    """A person's unbroken time inside one organisation's family."""

    person: str
    start: str | None
    end: str | None  # None: still running, or no end known
    orgs: tuple[str, ...]  # the units the roles were at
    sources: tuple[str, ...]
    orders: tuple[int, int]  # positions of its first and last role in the person's career


def stints(graph: TalentGraph, org_id: str) -> list[Stint]:
    """Every stint at ``org_id`` and its units, in order of person and start."""
    family = graph.family(org_id)
    people = sorted({person for unit in family for person, role in graph.in_edges(unit, "WORKED_AT") if role.get("career")})
    found = []
    for person in people:
        found.extend(_person_stints(graph, person, family))
    return found


def retention(
    graph: TalentGraph,
    orgs: Iterable[str],
    years: int = DEFAULT_YEARS,
    since: str | None = None,
    until: str | None = None,
    today: str | None = None,
) -> Result:
    """Of the people who joined each ORG (in the window), the share still there ``years`` later.

    Only joinings at least ``years`` before ``today`` count (later ones cannot be judged yet); a
    person counts once per organisation, with their first stint in the window.
    """
    today = today or _dt.date.today().isoformat()
    rows = []
    for name in orgs:
        org_id = graph.resolve(name, "Organization").id
        first: dict[str, Stint] = {}
        for stint in stints(graph, org_id):
            if stint.start is None or stint.person in first:
                continue
            start = earliest(stint.start)
            if (since and start < earliest(since)) or (until and start > latest(until)):
                continue
            if _plus_years(start, years) > today:
                continue
            first[stint.person] = stint
        stayed = [s for s in first.values() if s.end is None or earliest(s.end) >= _plus_years(earliest(s.start), years)]
        left = [s for s in first.values() if s not in stayed]
        cohort = len(first)
        rows.append(
            {
                "org": graph.name(org_id),
                "joined": cohort,
                "stayed": len(stayed),
                "left": len(left),
                "retention": round(100 * len(stayed) / cohort, 1) if cohort else None,
                "caution": _caution(cohort),
                "people_stayed": sorted(graph.name(s.person) for s in stayed),
                "people_left": sorted(graph.name(s.person) for s in left),
                "ids": sorted(first),
                "sources": sorted({source for s in first.values() for source in s.sources}),
            }
        )
    window = _window(since, until)
    return _result(
        graph,
        "retention",
        {"orgs": list(orgs), "years": years, "since": since, "until": until, "today": today},
        ["org", "joined", "stayed", "left", "retention", "caution", "people_stayed", "people_left", "ids", "sources"],
        rows,
        f"kg retention: share of people who joined{window} and were still there {years} year(s) later",
        [
            "counts only the people kg holds; a stint with no known end counts as staying; "
            f"joinings less than {years} year(s) before {today} are not counted yet",
        ],
    )


def flow_ratio(graph: TalentGraph, a: str, b: str) -> Result:
    """People who moved from A to B over people who moved from B to A, with both lists."""
    a_id, b_id = graph.resolve(a, "Organization").id, graph.resolve(b, "Organization").id
    forward, backward = _movers(graph, a_id, b_id), _movers(graph, b_id, a_id)
    ratio = round(len(forward) / len(backward), 2) if backward else None
    row = {
        "a": graph.name(a_id),
        "b": graph.name(b_id),
        "a_to_b": len(forward),
        "b_to_a": len(backward),
        "ratio": ratio,
        "caution": _caution(len(forward) + len(backward)),
        "people_a_to_b": sorted(graph.name(p) for p in forward),
        "people_b_to_a": sorted(graph.name(p) for p in backward),
        "ids": sorted(set(forward) | set(backward)),
        "sources": sorted({s for moves in (forward, backward) for sources in moves.values() for s in sources}),
    }
    notes = ["counts only the people kg holds, each once per direction; moves inside one corporate family are left out"]
    if not backward:
        notes.append(f"nobody in kg moved from {row['b']} to {row['a']}, so the ratio is undefined")
    return _result(
        graph,
        "flow_ratio",
        {"a": a_id, "b": b_id},
        ["a", "b", "a_to_b", "b_to_a", "ratio", "caution", "people_a_to_b", "people_b_to_a", "ids", "sources"],
        [row],
        f"kg ratio: moves from {row['a']} to {row['b']} over moves back",
        notes,
    )


def net_intake(graph: TalentGraph, org: str) -> Result:
    """Per year: people who arrived at ORG from elsewhere, who left it for elsewhere, and the balance."""
    org_id = graph.resolve(org, "Organization").id
    family = graph.family(org_id)
    years: dict[str, dict[str, Any]] = {}
    for move in _moves(graph):
        inward, outward = move["to"] in family, move["from"] in family
        if inward == outward or not move.get("date"):
            continue
        year = earliest(move["date"])[:4]
        entry = years.setdefault(year, {"year": year, "arrived": set(), "left": set(), "sources": set()})
        entry["arrived" if inward else "left"].add(move["person"])
        entry["sources"].update(move["sources"])
    rows = []
    for year in sorted(years):
        entry = years[year]
        rows.append(
            {
                "year": year,
                "arrivals": len(entry["arrived"]),
                "departures": len(entry["left"]),
                "net": len(entry["arrived"]) - len(entry["left"]),
                "people_in": sorted(graph.name(p) for p in entry["arrived"]),
                "people_out": sorted(graph.name(p) for p in entry["left"]),
                "ids": sorted(entry["arrived"] | entry["left"]),
                "sources": sorted(entry["sources"]),
            }
        )
    return _result(
        graph,
        "net_intake",
        {"org": org_id},
        ["year", "arrivals", "departures", "net", "people_in", "people_out", "ids", "sources"],
        rows,
        f"kg intake: arrivals at and departures from {graph.name(org_id)} per year",
        ["counts only the moves kg holds with a date; a career's first job is no arrival"],
    )


def boomerangs(graph: TalentGraph, org: str | None = None) -> Result:
    """People who left an organisation (ORG, or any) and later came back."""
    if org:
        roots = [graph.resolve(org, "Organization").id]
    else:
        roots = sorted({data["lineage"][-1] for _, data in graph.nodes("Organization")})
    rows = []
    for root in roots:
        by_person: dict[str, list[Stint]] = {}
        for stint in stints(graph, root):
            by_person.setdefault(stint.person, []).append(stint)
        for person, runs in by_person.items():
            for left, back in zip(runs, runs[1:]):
                rows.append(
                    {
                        "person": graph.name(person),
                        "org": graph.name(root),
                        "left": left.end,
                        "returned": back.start,
                        "away_at": _away(graph, person, left, back),
                        "ids": [person],
                        "sources": sorted({*left.sources, *back.sources}),
                    }
                )
    rows.sort(key=lambda row: (row["org"].casefold(), row["person"].casefold(), row["returned"] or ""))
    return _result(
        graph,
        "boomerangs",
        {"org": roots[0] if org else None},
        ["person", "org", "left", "returned", "away_at", "ids", "sources"],
        rows,
        "kg boomerangs: people who left and came back" + (f" to {graph.name(roots[0])}" if org else ""),
        ["counts only the careers kg holds; a transfer between units of one company is no departure"],
    )


def acquihire_scorecard(graph: TalentGraph) -> Result:
    """Each completed acqui-hire: price, the people who moved, price per person, who has left since."""
    rows = []
    for deal_id, deal in sorted(graph.nodes("Deal"), key=lambda item: (item[1].get("date") or "9999", item[0])):
        if deal["kind"] != "acqui_hire" or deal.get("attempted"):
            continue
        people = sorted(person for person, _ in graph.in_edges(deal_id, "JOINED_VIA"))
        family = graph.family(deal["acquirer"])
        gone = sorted(
            person
            for person in people
            for move in (graph.node(m) for m, _ in graph.out_edges(person, "MADE"))
            if move["from"] in family and move["to"] not in family and _after(move.get("date"), deal.get("date"))
        )
        amount = deal.get("amount")
        rows.append(
            {
                "date": deal.get("date"),
                "acquirer": graph.name(deal["acquirer"]),
                "target": graph.name(deal["target"]),
                "amount": amount,
                "currency": deal.get("currency"),
                "people_moved": len(people),
                "price_per_person": round(amount / len(people)) if amount is not None and people else None,
                "people": [graph.name(p) for p in people],
                "left_since": sorted({graph.name(p) for p in gone}),
                "ids": people,
                "sources": sorted(deal["sources"]),
            }
        )
    return _result(
        graph,
        "acquihire_scorecard",
        {},
        ["date", "acquirer", "target", "amount", "currency", "people_moved", "price_per_person", "people", "left_since", "ids", "sources"],
        rows,
        "kg scorecard: acqui-hires and licence-and-hire deals, with the people who moved",
        ["people moved are those the sources name; the price per person divides the reported price among them only"],
    )


def headcount(graph: TalentGraph, org: str, today: str | None = None) -> Result:
    """Per quarter: how many of the people in kg joined ORG, left it, and were there at its end."""
    today = today or _dt.date.today().isoformat()
    org_id = graph.resolve(org, "Organization").id
    runs = stints(graph, org_id)
    undated = sum(1 for s in runs if s.start is None)
    events: dict[str, dict[str, set[str]]] = {}
    for stint in runs:
        if stint.start is None:
            continue
        events.setdefault(quarter_of(earliest(stint.start)), {"in": set(), "out": set()})["in"].add(stint.person)
        if stint.end is not None:
            events.setdefault(quarter_of(earliest(stint.end)), {"in": set(), "out": set()})["out"].add(stint.person)
    rows, present = [], 0
    for quarter in quarters_between(min(events), quarter_of(today)) if events else []:
        joined, left = events.get(quarter, {"in": set(), "out": set()}).values()
        present += len(joined) - len(left)
        rows.append({"quarter": quarter, "joined": len(joined), "left": len(left), "headcount": present,
                     "ids": sorted(joined | left)})
    notes = [f"counts only the {len(runs)} stint(s) kg holds at {graph.name(org_id)}, not its real headcount"]
    if undated:
        notes.append(f"{undated} stint(s) without a start date are not counted")
    return _result(
        graph,
        "headcount",
        {"org": org_id, "today": today},
        ["quarter", "joined", "left", "headcount", "ids"],
        rows,
        f"kg headcount: people in kg at {graph.name(org_id)} per quarter",
        notes,
    )


def quarter_of(day: str) -> str:
    """``2025-05-14`` is ``2025-Q2``."""
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def quarters_between(first: str, last: str) -> list[str]:
    """Every quarter from one to another, both included."""
    year, quarter = int(first[:4]), int(first[-1])
    found = []
    while f"{year:04d}-Q{quarter}" <= last:
        found.append(f"{year:04d}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


# -- helpers ---------------------------------------------------------------------------------------


def _person_stints(graph: TalentGraph, person: str, family: set[str]) -> Iterator[Stint]:
    roles = sorted((role["order"], org, role) for org, role in graph.out_edges(person, "WORKED_AT") if role.get("career"))
    run: list[tuple[str, dict[str, Any]]] = []
    for _, org, role in roles + [(-1, None, None)]:
        if org is not None and org in family:
            run.append((org, role))
            continue
        if run:
            yield Stint(
                person=person,
                start=next((r.get("start") for _, r in run if r.get("start")), None),
                end=None if run[-1][1].get("current") else run[-1][1].get("until"),
                orgs=tuple(dict.fromkeys(o for o, _ in run)),
                sources=tuple(sorted({s for _, r in run for s in r.get("sources", [])})),
                orders=(run[0][1]["order"], run[-1][1]["order"]),
            )
            run = []


def _moves(graph: TalentGraph) -> Iterator[dict[str, Any]]:
    for _, move in graph.nodes("Move"):
        if not move.get("internal"):
            yield move


def _movers(graph: TalentGraph, from_id: str, to_id: str) -> dict[str, list[str]]:
    """Person -> sources of their moves from one family to the other."""
    origin, destination = graph.family(from_id), graph.family(to_id)
    found: dict[str, list[str]] = {}
    for move in _moves(graph):
        if move["from"] in origin and move["to"] in destination:
            found.setdefault(move["person"], []).extend(move["sources"])
    return found


def _away(graph: TalentGraph, person: str, left: Stint, back: Stint) -> list[str]:
    """Where a person worked between two stints: the career roles that lie between them."""
    between = sorted(
        (role["order"], org)
        for org, role in graph.out_edges(person, "WORKED_AT")
        if role.get("career") and left.orders[1] < role["order"] < back.orders[0]
    )
    return list(dict.fromkeys(graph.name(org) for _, org in between))


def _after(date: str | None, reference: str | None) -> bool:
    return bool(date) and (reference is None or earliest(date) > earliest(reference))


def _caution(people: int) -> str | None:
    return f"small: {people} people" if people < SMALL_COHORT else None


def _plus_years(day: str, years: int) -> str:
    return f"{int(day[:4]) + years:04d}{day[4:]}"


def _window(since: str | None, until: str | None) -> str:
    if since and until:
        return f" between {since} and {until}"
    if since:
        return f" since {since}"
    return f" until {until}" if until else ""



def _result(graph: TalentGraph, intent: str, params: dict, columns: list[str], rows: list[dict], title: str, notes: list[str]) -> Result:
    # a terminal shows the figures; the people behind them are in JSON and CSV (names, ids, sources)
    table = [c for c in columns if c not in ("ids", "sources") and not c.startswith("people_")]
    result = Result(intent, params, columns, rows, title=title, notes=notes, table_columns=table)
    result.entities = sorted({i for row in rows for i in row.get("ids", [])})
    result.sources = graph.describe_sources(result.cited())
    return result


# -- the metrics as kg ask reads them ----------------------------------------------------------------


@cache
def asked_metrics() -> dict[str, Any]:
    """The metrics as questions ``kg ask`` chooses among beside the catalogue, with their cues.

    They run on the embedded graph (:func:`answer_metric`): retention and stints need a career read
    in order, which no short Cypher query does.
    """
    from kg.questions.base import Cues, Param, Question, Relation
    from kg.questions.money import ACQUI_HIRE

    org = Param("org", "org", "the organisation (its units included)", required=True)

    def question(name: str, summary: str, params: list, example: str, cues: Cues) -> Question:
        return Question(name, summary, tuple(params), (), (), example, lambda graph, **p: [], cues=cues)

    return {
        "retention": question(
            "retention", "Of the people who joined ORG, the share still there N years later (default 2)",
            [org, Param("years", "int", "how long after joining", default=DEFAULT_YEARS)],
            "what is OpenAI's two-year retention?",
            Cues(
                relations=(Relation(("retention*", "retain*", "still there", "verbleib*", "bindungsquote*", "haltequote*",
                                     "留存*", "留任率", "留存率", "保留率"), near="org"),),
                answers=("how_much", "how_many", "who"),
                particles={"org": ("of", "at", "in", "from")},
                nouns=("hires", "new hires", "joiners", "arrivals", "neuzugänge", "新员工"),  # retention is of those who joined
                flags={"years": tuple(
                    (n, (f"{word}-year", f"{n}-year", f"{word} year", f"{n} year*", f"{german}jährig*", f"{chinese}年"))
                    for n, word, german, chinese in ((1, "one", "ein", "一"), (2, "two", "zwei", "两"), (3, "three", "drei", "三"),
                                                      (4, "four", "vier", "四"), (5, "five", "fünf", "五"))
                )},
            ),
        ),
        "flow_ratio": question(
            "flow_ratio", "People who moved from A to B over those who moved from B to A",
            [Param("a", "org", "one organisation", required=True), Param("b", "org", "the other", required=True)],
            "what is the flow ratio between OpenAI and Anthropic?",
            Cues(
                relations=(Relation(("ratio*", "times as likely", "times more likely", "verhältnis*", "比例", "比率", "倍"), near="a"),),
                answers=("how_much", "how_many"),
                particles={"a": ("from", "between", "of"), "b": ("to", "and")},
                nouns=("flow", "flows", "talent flow*", "moves", "movement*", "人才流动", "流动"),  # what the ratio is of
            ),
        ),
        "boomerangs": question(
            "boomerangs", "People who left ORG and later came back", [Param("org", "org", "the organisation")],
            "who came back to OpenAI?",
            Cues(
                relations=(Relation(("boomerang*", "came back", "come back", "returned", "rejoined", "rückkehrer*",
                                     "zurückgekehrt", "zurückgekommen", "回流", "回归", "重返", "回到"), object="org"),),
                answers=("who", "how_many"),
                particles={"org": ("to", "at", "zu")},
                nouns=("left", "leave", "verlassen", "离开"),  # a boomerang left first
            ),
        ),
        "acquihire_scorecard": question(
            "acquihire_scorecard", "Each acqui-hire: price, people who moved, price per person, who has left since", [],
            "what did each acqui-hire cost per person?",
            Cues(
                relations=(Relation(("scorecard*", "per person", "per head", "pro kopf", "pro person", "人均", "每人"),),),
                answers=("how_much", "who"),
                nouns=ACQUI_HIRE + ("cost", "costs", "price", "paid", "pay", "kosten", "kostete", "花了"),  # what each one cost
            ),
        ),
        "headcount": question(
            "headcount", "How many of the people in kg were at ORG, quarter by quarter", [org],
            "what is Thinking Machines Lab's headcount over time?",
            Cues(
                relations=(Relation(("headcount*", "head count", "mitarbeiterzahl*", "belegschaft*", "员工数", "员工人数", "人员规模"), near="org"),),
                answers=("how_many",),
                particles={"org": ("of", "at", "in", "bei")},
            ),
        ),
        "net_intake": question(
            "net_intake", "Arrivals at and departures from ORG per year", [org],
            "what is OpenAI's net intake per year?",
            Cues(
                relations=(Relation(("net intake", "intake", "net hiring", "nettozugang*", "zugänge und abgänge", "净流入", "人才净流入"), near="org"),),
                answers=("how_many", "how_much"),
                particles={"org": ("of", "at", "in", "bei")},
            ),
        ),
    }


def answer_metric(backend: Any, name: str, params: dict[str, Any], today: str | None = None) -> Result:
    """Run a metric ``kg ask`` chose, on the embedded graph; a Neo4j backend is told where it runs."""
    from kg.errors import UsageError

    graph = getattr(backend, "graph", None)
    if graph is None:
        command = {"flow_ratio": "kg ratio", "acquihire_scorecard": "kg scorecard", "net_intake": "kg intake"}.get(name, f"kg {name}")
        raise UsageError(f"kg computes {name.replace('_', ' ')} on the embedded graph only: ask without --backend neo4j, or run {command}")
    if name == "retention":
        return retention(graph, [params["org"]], years=int(params.get("years", DEFAULT_YEARS)), today=today)
    if name == "flow_ratio":
        return flow_ratio(graph, params["a"], params["b"])
    if name == "boomerangs":
        return boomerangs(graph, params.get("org"))
    if name == "acquihire_scorecard":
        return acquihire_scorecard(graph)
    if name == "headcount":
        return headcount(graph, params["org"], today)
    return net_intake(graph, params["org"])
