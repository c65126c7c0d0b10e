"""Questions about people and where they worked: left_for, founders, alumni_founders, people_at, career, coworkers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.dates import OPEN_END, earliest, in_window, latest
from kg.errors import UsageError
from kg.questions.answers import cited, figure_sources, other_reports
from kg.questions.base import AS_OF, SINCE, UNTIL, Cues, Param, Relation, asked_as, question, window
from kg.schema import ORG_KINDS
from kg.store import TalentGraph
from kg.understanding.vocabulary import ARRIVALS, KINDS, ROLE_KINDS

#: how people say someone left, moved, founded (for kg ask)
LEAVE = (
    "left", "leave", "leaves", "leaving", "quit", "quits", "depart*", "exited", "exit", "verlassen", "verließ",
    "verlässt", "weggegangen", "离开", "离职", "出走", "辞职",
)
MOVE = (
    "moved", "move", "moves", "go", "went", "gone", "switched", "switch", "jumped", "defected", "gewechselt",
    "wechselte", "wechselten", "ging", "gingen", "gegangen", "跳槽", "跳到", "转投",
)
#: words that name the people of an organisation: in a question about moves they say who moved
#: ("where did the Inflection AI team go"), not a constraint of their own
PEOPLE_OF_AN_ORG = ("team", "teams", "staff", "employees", "mitarbeiter*", "团队", "员工")
FOUND = (
    "found", "founded", "founds", "co-founded", "cofounded", "co-found", "started", "start", "created", "set up",
    "gegründet*", "gründete", "gründeten", "mitgegründet", "gründen", "创立", "创办", "创建", "联合创立", "联合创办",
    "成立", "创始",
)



@asked_as(
    Cues(
        relations=(
            Relation(LEAVE, object="org"),
            Relation(MOVE),
            Relation(("departure*", "exits", "defection*", "diaspora", "abgänge", "abgang", "离职员工", "前员工", "出走潮"), near="org"),
        ),
        answers=("who", "org", "where", "when", "how_many"),
        particles={"org": ("from", "ex", "of"), "to": ("to",)},
        # leaving "to found a company" is a move to a new, independent company
        flags={"startups_only": ((True, KINDS["startup"] + ("to found", "to start", "to launch", "to co-found", "to cofound")),)},
        nouns=PEOPLE_OF_AN_ORG + ("alumni", "alums", "前员工"),  # "where did OpenAI alumni go": the people who left
    )
)
@question(
    "left_for",
    "Who left ORG, and for which organisation, with dates",
    [
        Param("org", "org", "the organisation people left (its units included)", required=True),
        Param("to", "org", "only moves to this organisation (its units included)"),
        Param("startups_only", "bool", "only moves to independent startups and labs", default=False),
    ],
    ["person", "from", "to", "to_kind", "date", "left", "founded", "via_deal", "sources"],
    ["date", "person", "to"],
    "who left OpenAI for which startup?",
    counts=("person", "people"),
)
def left_for(graph: TalentGraph, org: str, to: str | None = None, startups_only: bool = False) -> list[dict[str, Any]]:
    origin = graph.family(org)
    destination = graph.family(to) if to else None
    rows = []
    name = graph.name
    ends: dict[str, tuple[str | None, bool, set[str]]] = {}  # each destination read once, however many went there
    for person, here, there, date, deal, sources, internal, _, _, left in graph.values(graph.moves_from(origin), MOVE_FIELDS):
        if internal or there in origin:
            continue
        if destination is not None and there not in destination:
            continue
        end = ends.get(there)
        if end is None:
            data = graph.node(there)
            end = ends[there] = (data.get("kind"), data.get("independent_startup", False), set(graph.origins(there, "FOUNDED")))
        kind, independent, founders = end
        if startups_only and not independent:
            continue
        rows.append(
            {
                "person": name(person),
                "from": name(here),
                "to": name(there),
                "to_kind": kind,
                "date": date,
                "left": left,
                "founded": person in founders,
                "via_deal": deal,
                "sources": sources,
                "_ids": [person, here, there],
            }
        )
    return rows


DIRECTIONS = ("departures", "arrivals", "both")


def _check_moves(params: dict[str, Any]) -> None:
    # without org a direction only says which end `other` names: "moved to X" is any departure to X
    if params.get("org") is None and params.get("direction") != "both" and not (params.get("other") or params.get("person")):
        raise UsageError(
            f"direction={params['direction']} needs org, other or person: departures from or arrivals into which organisation?"
        )


@asked_as(
    Cues(
        relations=(
            Relation(LEAVE, object="org"),
            Relation(MOVE),
            # joining X: X is the other end of a move read as leaving; arrivals swap the two ends
            Relation(ARRIVALS, object="other", agent="other"),
            Relation(("departure*", "exits", "defection*", "diaspora", "abgänge", "abgang", "离职员工", "前员工", "出走潮"), near="org"),
            Relation(("arrival*", "hires", "new hires", "zugänge", "neuzugänge", "新加入"), near="org"),
        ),
        answers=("who", "org", "where", "when", "how_many"),
        particles={"org": ("from", "ex", "of"), "other": ("to",), "except": ("except",), "person": ("of",)},
        flags={
            "direction": (
                ("departures", LEAVE + MOVE + ("departure*", "exits", "defection*", "abgänge", "abgang", "离职员工", "出走潮")),
                ("arrivals", ("arrival*", "new hires", "zugänge", "neuzugänge", "新加入")),
            ),
            "startups_only": ((True, KINDS["startup"] + ("to found", "to start", "to launch", "to co-found", "to cofound")),),
        },
        nouns=PEOPLE_OF_AN_ORG,
    )
)
@question(
    "moves",
    "Moves out of or into ORG (or anyone's), by person, time, and the other side's name, kind or country",
    [
        Param("org", "org", "the organisation at one end (its units included); all moves if omitted"),
        Param("direction", "choice", "departures from org, arrivals into org, or both", default="both", choices=DIRECTIONS),
        Param("other", "org", "only moves whose other end is this organisation (its units included)"),
        Param("except", "org", "leave out moves whose other end is this organisation (its units included)"),
        Param("person", "person", "only this person's moves"),
        SINCE,
        UNTIL,
        Param("kind", "choice", "only moves whose other end is an organisation of this kind", choices=tuple(ORG_KINDS)),
        Param("country", "country", "only moves whose other end is in this country (a two-letter code: US, CN, GB)"),
        Param("startups_only", "bool", "only moves whose other end is an independent startup or lab", default=False),
    ],
    ["person", "from", "to", "direction", "date", "left", "via_deal", "sources"],
    ["date", "person", "from", "to"],
    "who joined Anthropic from OpenAI since 2023?",
    check=_check_moves,
    counts=("person", "people"),
    answer=lambda rows, params: moves_answer(rows) if params.get("person") else None,
)
def moves(
    graph: TalentGraph,
    org: str | None = None,
    direction: str = "both",
    other: str | None = None,
    except_: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    startups_only: bool = False,
) -> list[dict[str, Any]]:
    """The other end of a move is where a departure went or where an arrival came from; without
    ``org`` every move is listed once and its other end is its destination, or its origin when
    ``direction`` is arrivals ("who came from Google": any arrival whose other end is Google).

    A time window takes a departure by the day its person left, when the sources give it ("who
    left OpenAI in 2024" includes those who left in September 2024 and started elsewhere in 2025),
    and every other move by its date, the start at the new place."""
    home = graph.family(org) if org else None
    wanted = graph.family(other) if other else None
    unwanted = graph.family(except_) if except_ else set()
    if person:
        candidates = sorted(graph.targets(person, "MADE"))
    elif home is not None:
        candidates = sorted({m for unit in home for rel in ("FROM", "TO") for m in graph.origins(unit, rel)})
    else:
        candidates = sorted(graph.by_label.get("Move", []))
    rows = []
    name = graph.name
    ends: dict[str, Any] = {}  # each organisation at the far end read once
    windowed = since is not None or until is not None
    arrived = departed = True
    for mover, origin, destination, date, deal, sources, internal, low, high, left, left_low, left_high in graph.values(
        candidates, MOVE_FIELDS + ("left_low", "left_high")
    ):
        if internal or (person and mover != person):
            continue
        if windowed:  # a departure is dated by the day its person left (when known), anything else by the arrival
            arrived = in_window(low, high, since, until)
            departed = arrived if not left_low or (left_low == low and left_high == high) else in_window(left_low, left_high, since, until)
            if not (arrived or departed):
                continue
        if home is None:
            if not (departed if direction == "departures" else arrived):
                continue
            sides = [(None, origin if direction == "arrivals" else destination)]
        else:
            sides = []
            if departed and direction in ("departures", "both") and origin in home and destination not in home:
                sides.append(("departure", destination))
            if arrived and direction in ("arrivals", "both") and destination in home and origin not in home:
                sides.append(("arrival", origin))
        for side, far in sides:
            data = ends.get(far)
            if data is None:
                data = ends[far] = graph.node(far)
            if (wanted is not None and far not in wanted) or far in unwanted:
                continue
            if (kind and data.get("kind") != kind) or (country and data.get("country") != country):
                continue
            if startups_only and not data["independent_startup"]:
                continue
            rows.append(
                {
                    "person": name(mover),
                    "from": name(origin),
                    "to": name(destination),
                    "direction": side,
                    "date": date,
                    "left": left,
                    "via_deal": deal,
                    "sources": sources,
                    "_ids": [mover, origin, destination],
                }
            )
    return rows


def moves_answer(rows: list[dict[str, Any]]) -> str:
    """One person's moves in a line: ``Chen Bo left Alpha Lab 2022-03 for Delta Labs, joined 2022-04 [2 sources]``.

    ``left`` is the last known day at the old place and ``date`` the start at the new one; a line
    gives each that the sources give.
    """
    parts = []
    for row in rows:
        left = f" {row['left']}" if row["left"] else ""
        joined = f" {row['date']}" if row["date"] else ""
        if row["direction"] == "arrival":
            text = f"{row['person']} joined {row['to']}{joined} from {row['from']}" + (f", left it{left}" if left else "")
        else:
            text = f"{row['person']} left {row['from']}{left} for {row['to']}" + (f", joined{joined}" if joined else "")
        deal = f" (with the {row['via_deal']} deal)" if row["via_deal"] else ""
        parts.append(f"{text}{deal} {cited(row['sources'])}")
    return "; ".join(parts)


#: what the questions about moves read of each move, in this order (see :meth:`TalentGraph.values`)
MOVE_FIELDS = ("person", "from", "to", "date", "deal", "sources", "internal", "date_low", "date_high", "left")


def move_row(graph: TalentGraph, move: Mapping[str, Any]) -> dict[str, Any]:
    """The columns every question about moves shows: who, from where, to where, when, how, sources."""
    name = graph.name
    person, origin, destination = move["person"], move["from"], move["to"]
    return {
        "person": name(person),
        "from": name(origin),
        "to": name(destination),
        "date": move.get("date"),
        "via_deal": move.get("deal"),
        "sources": move["sources"],
        "_ids": [person, origin, destination],
    }


@asked_as(
    Cues(
        relations=(
            Relation(FOUND, object="org", agent="org"),
            Relation(("founder", "founders", "co-founder*", "cofounder*", "gründer*", "mitgründer*", "创始人", "联合创始人", "创办人"), near="org"),
        ),
        answers=("who", "when", "where", "how_many"),
        particles={"org": ("of",)},
        origins=True,  # each founder's came_from
    )
)
@question(
    "founders",
    "Who founded ORG, and where each came from",
    [Param("org", "org", "the organisation", required=True)],
    ["founder", "title", "date", "came_from", "left", "sources"],
    ["date", "founder"],
    "who founded Thinking Machines Lab?",
    counts=("founder", "founders"),
)
def founders(graph: TalentGraph, org: str) -> list[dict[str, Any]]:
    rows = []
    for person, founded in graph.in_edges(org, "FOUNDED"):
        arrivals = sorted(
            (move for move_id, move in _moves_of(graph, person) if move["to"] == org),
            key=lambda move: (move.get("date_low", "9999"), move["id"]),
        )
        came = arrivals[0] if arrivals else None
        rows.append(
            {
                "founder": graph.name(person),
                "title": founded.get("title"),
                "date": founded.get("date"),
                "came_from": graph.name(came["from"]) if came else None,
                "left": came.get("left") if came else None,
                "sources": [*founded.get("sources", []), *(came["sources"] if came else [])],
                "_ids": [person, org, *([came["from"]] if came else [])],
            }
        )
    return rows


@asked_as(
    Cues(
        # founding words, or (without them) a kind or country of organisation and nothing else
        relations=(Relation(FOUND),),
        answers=("org", "how_many", "when"),
        flags={"startups_only": ((True, KINDS["startup"]),)},
    )
)
@question(
    "companies",
    "Organisations by kind, country and founding date, with their founders",
    [
        Param("kind", "choice", "only organisations of this kind", choices=tuple(ORG_KINDS)),
        Param("country", "country", "only organisations in this country (a two-letter code: US, CN, FR)"),
        Param("startups_only", "bool", "only independent startups and labs (not units of big companies)", default=False),
        Param("since", "bound", "only those founded from this date on (inclusive: since=2023 takes in all of 2023)"),
        Param("until", "bound", "only those founded up to this date (inclusive)"),
    ],
    ["company", "kind", "country", "founded", "status", "founders", "sources"],
    ["founded", "company"],
    "which Chinese startups were founded since 2023?",
    list_columns=("sources", "founders"),
    counts=("company", "companies"),
    check=lambda params: _check_companies(params),
)
def companies(
    graph: TalentGraph,
    kind: str | None = None,
    country: str | None = None,
    startups_only: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """A founding window compares the stored ``founded_low`` and ``founded_high``: undated ones drop out."""
    rows = []
    orgs = graph.by_label.get("Organization", [])
    for org_id, (name, org_kind, org_country, founded, status, sources, independent, low, high) in zip(orgs, graph.values(orgs, COMPANY_FIELDS)):
        if (kind and org_kind != kind) or (country and org_country != country):
            continue
        if (startups_only and not independent) or not in_window(low, high, since, until):
            continue
        founders, founder_names = graph.named_origins(org_id, "FOUNDED")
        rows.append(
            {
                "company": name,
                "kind": org_kind,
                "country": org_country,
                "founded": founded,
                "status": status,
                "founders": founder_names,
                "sources": sources,
                "_ids": [org_id, *founders],
            }
        )
    return rows


COMPANY_FIELDS = ("name", "kind", "country", "founded", "status", "sources", "independent_startup", "founded_low", "founded_high")


def _check_companies(params: dict[str, Any]) -> None:
    if not any(params.get(name) for name in ("kind", "country", "startups_only", "since", "until")):
        raise UsageError("companies needs at least one of kind, country, startups_only, since or until")


@asked_as(
    Cues(
        relations=(
            Relation(("alumni", "alums", "alum", "alumnus", "graduates", "mafia", "absolventen", "校友", "前员工", "老员工", "系", "毕业生"), near="org"),
            # founding words alone do not make the organisation a school of founders: its role does
            Relation(FOUND),
        ),
        answers=("org", "how_many"),
        particles={"org": ("ex", "of", "from", "at")},
        # founded companies are new companies: "startups" names the answer, it does not narrow it;
        # "former employees" are the alumni
        nouns=KINDS["startup"] + PEOPLE_OF_AN_ORG,
    )
)
@question(
    "alumni_founders",
    "Companies founded by people who worked or studied at ORG (or a school), optionally founded in a time window",
    [
        Param("org", "org", "the organisation or school (its units included)", required=True),
        Param("since", "bound", "only companies founded from this date on (inclusive: since=2023 takes in all of 2023)"),
        Param("until", "bound", "only companies founded up to this date (inclusive)"),
    ],
    ["company", "company_kind", "founder", "founded", "link", "via", "sources"],
    ["company", "founder"],
    "which companies did Tsinghua alumni found?",
    list_columns=("sources", "link", "via"),
    counts=("company", "companies"),
)
def alumni_founders(graph: TalentGraph, org: str, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """A founding window compares the company's stored ``founded_low`` and ``founded_high`` (as
    ``companies`` does): companies with no founding date drop out of it."""
    family = graph.family(org)
    in_time: dict[str, bool] = {}  # each company's founding checked once
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for person in graph.origins_leaving(family, ("WORKED_AT", "STUDIED_AT"), "FOUNDED"):  # most alumni founded nothing
        foundings = [(company, founding) for company, founding in graph.out_edges(person, "FOUNDED") if company not in family]
        links = [
            ("worked at", target, data)
            for target, data in graph.out_edges(person, "WORKED_AT")
            if target in family and data["present"]
        ] + [("studied at", target, data) for target, data in graph.out_edges(person, "STUDIED_AT") if target in family]
        for company, founding in foundings:
            if since or until:
                if company not in in_time:
                    data = graph.node(company)
                    in_time[company] = in_window(data.get("founded_low"), data.get("founded_high"), since, until)
                if not in_time[company]:
                    continue
            date_high = founding.get("date_high")
            for link, via, data in links:
                low = data.get("start_low")
                if low and date_high and low > date_high:
                    continue  # founded before they ever came to ORG
                row = found.get((company, person))
                if row is None:
                    row = found[(company, person)] = {
                        "company": graph.name(company),
                        "company_kind": graph.node(company).get("kind"),
                        "founder": graph.name(person),
                        "founded": founding.get("date"),
                        "link": [],
                        "via": [],
                        "sources": list(founding.get("sources", [])),
                        "_ids": [company, person],
                    }
                row["link"].append(link)
                row["via"].append(graph.name(via))
                row["sources"].extend(data.get("sources", []))
                row["_ids"].append(via)
    return list(found.values())


@asked_as(
    Cues(
        relations=(
            Relation(("work*", "employed", "employees", "staff", "team", "arbeit*", "beschäftigt", "mitarbeiter*", "工作", "任职", "就职", "员工", "成员", "团队"), near="org"),
            # "who runs X", "who joined X": people at X in one kind of role, or arriving, which kg
            # recognises but does not filter by yet
            Relation(ROLE_KINDS["executive"], near="org"),
            Relation(ARRIVALS, near="org"),
        ),
        answers=("who", "how_many"),
        particles={"org": ("at", "to", "in", "of", "ex")},
    )
)
@question(
    "people_at",
    "Who worked at ORG (its units included), optionally in a time window, also at or never at another",
    [
        Param("org", "org", "the organisation", required=True),
        AS_OF,
        SINCE,
        UNTIL,
        Param("also", "org", "only people who also worked at this organisation (their roles there are listed too)"),
        Param("except", "org", "leave out people who worked at this organisation"),
    ],
    ["person", "org", "title", "kind", "start", "until", "sources"],
    ["start", "person", "org", "title"],
    "who worked at Inflection AI?",
    counts=("person", "people"),
)
def people_at(
    graph: TalentGraph,
    org: str,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
    also: str | None = None,
    except_: str | None = None,
) -> list[dict[str, Any]]:
    """A time window keeps the roles held in it; ``also`` and ``except`` look at those roles only."""
    since, until = window({"as_of": as_of, "since": since, "until": until})
    here = graph.family(org)
    there = graph.family(also) if also else set()
    excluded = graph.family(except_) if except_ else set()
    roles: dict[str, dict[tuple[str, int], tuple[Any, ...]]] = {}
    for member in here | there | excluded:
        for person, role in graph.in_values(member, "WORKED_AT", ROLE_FIELDS):
            if in_window(role[0], role[1] or OPEN_END, since, until):
                roles.setdefault(person, {})[(member, role[2])] = role
    rows = []
    name = graph.name
    for person, held in roles.items():
        places = {member for member, _ in held}
        if not places & here or (also and not places & there) or places & excluded:
            continue
        for (member, _), (_, _, _, title, kind, start, until_, sources) in held.items():
            if member not in here and member not in there:
                continue
            rows.append(
                {
                    "person": name(person),
                    "org": name(member),
                    "title": title,
                    "kind": kind,
                    "start": start,
                    "until": until_,
                    "sources": sources,
                    "_ids": [person, member],
                }
            )
    return rows


#: what ``people_at`` reads of each role, in this order
ROLE_FIELDS = ("start_low", "until_high", "order", "title", "kind", "start", "until", "sources")


@asked_as(
    Cues(
        relations=(
            Relation(("career", "cv", "resume", "background", "biography", "bio", "werdegang", "lebenslauf", "karriere", "laufbahn", "履历", "职业生涯", "经历", "简历", "背景", "生平"), near="person"),
            Relation(("work*", "studied", "study", "studiert*", "arbeit*", "工作", "就读", "毕业"), near="person"),
            Relation(("tell me about", "profile", "是什么人", "什么背景", "介绍"), near="person"),
        ),
        answers=("where", "who", "when"),
        particles={"person": ("of",)},
    )
)
@question(
    "career",
    "A person's roles and schooling, in order",
    [Param("person", "person", "the person", required=True)],
    ["start", "end", "org", "what", "title", "kind", "sources"],
    ["start", "what", "order"],
    "career of Mira Murati",
)
def career(graph: TalentGraph, person: str) -> list[dict[str, Any]]:
    rows = []
    for org, role in graph.out_edges(person, "WORKED_AT"):
        rows.append(
            {
                "start": role.get("start"),
                "end": "present" if role.get("current") else role.get("end"),
                "org": graph.name(org),
                "what": "worked",
                "title": role.get("title"),
                "kind": role["kind"],
                "sources": role["sources"],
                "order": role["order"],
                "_ids": [person, org],
            }
        )
    for school, study in graph.out_edges(person, "STUDIED_AT"):
        detail = ", ".join(part for part in (study.get("degree"), study.get("field")) if part)
        rows.append(
            {
                "start": study.get("start"),
                "end": study.get("end"),
                "org": graph.name(school),
                "what": "studied",
                "title": detail or None,
                "kind": "education",
                "sources": study["sources"],
                "order": study["order"],
                "_ids": [person, school],
            }
        )
    return rows


@asked_as(
    Cues(
        relations=(
            Relation(("title", "job title", "role", "position", "job", "titel", "rolle", "funktion", "职位", "职务", "头衔", "担任", "什么职位", "角色"), near="person"),
            # "where does X work now": the roles held at a moment (without one, career says it in order)
            Relation(("work*", "arbeit*", "工作"), near="person"),
        ),
        answers=("title", "when", "where"),
        particles={"person": ("of",), "org": ("at", "in")},
    )
)
@question(
    "role",
    "A person's role(s), optionally at ORG (its units included) or in a time window: title, kind, dates",
    [
        Param("person", "person", "the person", required=True),
        Param("org", "org", "only roles at this organisation (its units included)"),
        AS_OF,
        SINCE,
        UNTIL,
    ],
    ["person", "org", "title", "kind", "start", "end", "claims", "sources"],
    ["start", "order"],
    "what is Mira Murati's title at Thinking Machines Lab?",
    list_columns=("sources", "claims"),
    answer=lambda rows, params: role_answer(rows),
    counts=(None, "roles"),
)
def role(
    graph: TalentGraph,
    person: str,
    org: str | None = None,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """The window compares a role's stored bounds, as people_at does; ``end`` is present while it lasts."""
    since, until = window({"as_of": as_of, "since": since, "until": until})
    places = graph.family(org) if org else None
    rows = []
    for place, held in graph.out_edges(person, "WORKED_AT"):
        if places is not None and place not in places:
            continue
        if not in_window(held.get("start_low"), held.get("until_high") or OPEN_END, since, until):
            continue
        rows.append(
            {
                "person": graph.name(person),
                "org": graph.name(place),
                "title": held.get("title"),
                "kind": held["kind"],
                "start": held.get("start"),
                "end": "present" if held.get("current") else held.get("end"),
                "claims": held.get("claims", []),
                "sources": held["sources"],
                "order": held["order"],
                "_ids": [person, place],
            }
        )
    return rows


def role_answer(rows: list[dict[str, Any]]) -> str:
    """``Chen Bo: Researcher at Alpha Lab, 2019-06 to 2022-03 [1 source]; …``, every role in order."""
    parts = []
    for row in rows:
        title = row["title"] or row["kind"]
        span = f"{row['start'] or 'start unknown'} to {row['end'] or 'end unknown'}"
        disputed = "".join(other_reports(row, field, str, f" of the {field}") for field in ("title", "start", "end"))
        parts.append(f"{title} at {row['org']}, {span} {cited(figure_sources(row, 'title'))}{disputed}")
    return f"{rows[0]['person']}: " + "; ".join(parts)


@asked_as(
    Cues(
        relations=(
            Relation(("worked with", "work with", "working with", "works with", "overlapped", "overlap*", "colleague*", "coworker*", "co-worker*", "coworked", "co-worked", "worked alongside", "kolleg*", "zusammengearbeitet", "zusammen gearbeitet", "共事", "同事", "前同事", "一起工作"), near="person"),
        ),
        answers=("who", "how_many"),
        particles={"person": ("with", "of"), "org": ("at",)},
    )
)
@question(
    "coworkers",
    "Who overlapped with PERSON at the same organisation",
    [
        Param("person", "person", "the person", required=True),
        Param("org", "org", "only at this organisation"),
    ],
    ["coworker", "org", "overlap_from", "overlap_to", "titles", "sources"],
    ["org", "overlap_from", "coworker"],
    "who worked with Lilian Weng?",
    list_columns=("sources", "titles"),
    counts=("coworker", "people"),
)
def coworkers(graph: TalentGraph, person: str, org: str | None = None) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for place, (present, start, low, until, high, _, my_sources) in graph.out_values(person, "WORKED_AT", SPAN_FIELDS):
        if org and place != org or not present or not start:
            continue
        # most roles at a big place are of other years: they are set aside on their bounds alone
        near = [
            position
            for position, (present, their_start, their_low, their_high) in enumerate(zip(*graph.in_columns(place, "WORKED_AT", BOUNDS)))
            if present and their_start and (high is None or high >= their_low) and (their_high is None or their_high >= low)
        ]
        for other, (_, their_start, their_low, their_until, their_high, title, their_sources) in graph.in_values(place, "WORKED_AT", SPAN_FIELDS, near):
            if other == person:
                continue
            span = shared_span(start, low, until, high, their_start, their_low, their_until, their_high)
            row = found.get((other, place))
            if row is None:
                row = found[(other, place)] = {
                    "coworker": graph.name(other),
                    "org": graph.name(place),
                    "overlap_from": span[0],
                    "overlap_to": span[1],
                    "titles": [],
                    "sources": [],
                    "_ids": [person, other, place],
                }
            else:
                row["overlap_from"] = min(row["overlap_from"], span[0], key=_low)
                row["overlap_to"] = None if None in (row["overlap_to"], span[1]) else max(row["overlap_to"], span[1], key=_high)
            if title:
                row["titles"].append(title)
            row["sources"].extend(my_sources)
            row["sources"].extend(their_sources)
    return list(found.values())


#: what ``coworkers`` reads of each role: whether it is current or past work, its span (as
#: :func:`shared_span` takes it), title and sources; first its bounds alone, for every role at a place
SPAN_FIELDS = ("present", "start", "start_low", "until", "until_high", "title", "sources")
BOUNDS = ("present", "start", "start_low", "until_high")


def overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[str, str | None] | None:
    """The shared span of two dated roles: (later start, earlier end or None if both open), or None."""
    return shared_span(
        a["start"], a["start_low"], a.get("until"), a.get("until_high"), b["start"], b["start_low"], b.get("until"), b.get("until_high")
    )


def shared_span(
    start_a: str, low_a: str, until_a: str | None, high_a: str | None, start_b: str, low_b: str, until_b: str | None, high_b: str | None
) -> tuple[str, str | None] | None:
    """:func:`overlap` of two roles given by their starts (as written and earliest day) and ends (as
    written and latest day; None when open)."""
    if (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a):
        return None
    start = start_a if (low_a, start_a) >= (low_b, start_b) else start_b
    if until_a is None:
        return start, until_b
    if until_b is None:
        return start, until_a
    return start, until_a if (high_a, until_a) <= (high_b, until_b) else until_b


def _low(date: str) -> tuple[str, str]:
    # ties between spellings of one day ("2019" and "2019-01") break on the text, as in Cypher
    return earliest(date), date


def _high(date: str) -> tuple[str, str]:
    return latest(date), date


def _moves_of(graph: TalentGraph, person: str):
    for move_id, _ in graph.out_edges(person, "MADE"):
        yield move_id, graph.node(move_id)
