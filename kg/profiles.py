"""Profiles of one person or organisation: every fact the graph holds about it, each with its sources.

>>> result = person_profile(open_graph(), "翁荔")   # doctest: +SKIP
>>> result.rows[0]                                  # doctest: +SKIP
{'section': 'name', 'date': None, 'org': None, 'detail': 'Weng Li', 'sources': [...]}
"""

from __future__ import annotations

from typing import Any

from kg import claims
from kg.dates import DateError, parse_date, sort_key, span
from kg.result import Result
from kg.store import TalentGraph

PERSON_COLUMNS = ["section", "date", "org", "detail", "sources"]
ORG_COLUMNS = ["section", "date", "who", "detail", "sources"]
_PERSON_SECTIONS = ("name", "born", "education", "role", "founded", "move", "transfer", "deal", "offer", "invested", "advisor", "student")
_ORG_SECTIONS = ("name", "fact", "unit", "founder", "person", "deal", "offer", "round", "investment", "flow")
#: How a deal reads from each side, by kind; an attempted deal reads as an attempt, never as done.
_DEAL_VERBS = {
    "acquisition": ("acquired", "was acquired by", "tried to acquire", "was approached for an acquisition by"),
    "stake": ("took a stake in", "sold a stake to", "tried to take a stake in", "was approached for a stake by"),
    "acqui_hire": ("acqui-hired", "was acqui-hired by", "tried to acqui-hire", "was approached for an acqui-hire by"),
    "merger": ("merged in", "was merged into", "tried to merge in", "was approached for a merger by"),
}


def person_profile(graph: TalentGraph, name: str) -> Result:
    """Names in every script, education, roles as a timeline, foundings, moves, deals, investments."""
    entry = graph.resolve(name, "Person")
    pid = entry.id
    data = graph.node(pid)
    rows: list[dict[str, Any]] = []
    for alias in data.get("aliases", []):
        rows.append(_row("name", None, None, alias, data["sources"]))
    if data.get("born") or data.get("born_in"):
        detail = " in ".join(str(part) for part in (data.get("born"), data.get("born_in")) if part)
        rows.append(_row("born", data.get("born"), None, detail + _disagreement(data), _with_claims(data)))
    for school, study in graph.out_edges(pid, "STUDIED_AT"):
        detail = (", ".join(p for p in (study.get("degree"), study.get("field")) if p) + _marks(study)).lstrip("; ") + _disagreement(study)
        rows.append(_row("education", _span(study), graph.name(school), detail, _with_claims(study), study.get("start") or study.get("end")))
    for org, role in sorted(graph.out_edges(pid, "WORKED_AT"), key=lambda item: item[1]["order"]):
        detail = f"{role.get('title') or role['kind']} ({role['kind']})" + _marks(role) + _disagreement(role)
        # roles keep the career's own order, dated or not
        rows.append(_row("role", _span(role), graph.name(org), detail, _with_claims(role), order=f"{role['order']:05d}"))
    for org, founding in graph.out_edges(pid, "FOUNDED"):
        rows.append(_row("founded", founding.get("date"), graph.name(org), founding.get("title"), founding["sources"]))
    for move_id, _ in graph.out_edges(pid, "MADE"):
        move = graph.node(move_id)
        detail = f"{graph.name(move['from'])} → {graph.name(move['to'])}"
        if move.get("deal"):
            detail += f" (with deal {move['deal']})"
        # a move inside one corporate family is a transfer: part of the career, no talent flow
        section = "transfer" if move["internal"] else "move"
        rows.append(_row(section, move.get("date"), graph.name(move["to"]), detail, move["sources"]))
    for deal_id, _ in graph.out_edges(pid, "JOINED_VIA"):
        deal = graph.node(deal_id)
        detail = f"moved with {graph.name(deal['target'])} to {graph.name(deal['acquirer'])} ({deal['kind']})"
        rows.append(_row("deal", deal.get("date"), graph.name(deal["acquirer"]), detail, deal["sources"]))
    for offer_id, _ in graph.in_edges(pid, "OFFERED_TO"):
        offer = graph.node(offer_id)
        maker = next(maker for maker, _ in graph.in_edges(offer_id, "OFFERED"))
        rows.append(_row("offer", offer.get("date"), graph.name(maker), _offer_detail(offer), _with_claims(offer)))
    for funding_id, part in graph.out_edges(pid, "INVESTED_IN"):
        funding = graph.node(funding_id)
        detail = f"{funding['round']} round" + (" (lead)" if part.get("lead") else "")
        rows.append(_row("invested", funding.get("date"), graph.name(funding["org"]), detail, part["sources"]))
    for advisor, link in graph.out_edges(pid, "STUDIED_UNDER"):
        rows.append(_row("advisor", None, graph.name(link["school"]), graph.name(advisor) + _marks(link), link["sources"]))
    for student, link in graph.in_edges(pid, "STUDIED_UNDER"):
        rows.append(_row("student", None, graph.name(link["school"]), graph.name(student) + _marks(link), link["sources"]))
    rows.sort(key=lambda row: (_PERSON_SECTIONS.index(row["section"]), row.pop("_order")))
    names = ", ".join(data.get("aliases", []))
    title = f"{entry.name}" + (f" ({names})" if names else "") + f": person {pid}"
    return _result(graph, "person", pid, PERSON_COLUMNS, rows, title, data)


def org_profile(graph: TalentGraph, name: str) -> Result:
    """Names, facts, units, founders, people, deals, rounds raised and made, and talent flows."""
    entry = graph.resolve(name, "Organization")
    oid = entry.id
    data = graph.node(oid)
    rows: list[dict[str, Any]] = []
    for alias in data.get("aliases", []):
        rows.append(_row("name", None, None, alias, data["sources"], who=True))
    facts = [("kind", data.get("kind")), ("country", data.get("country")), ("status", data.get("status"))]
    if data.get("parent"):
        facts.append(("part of", graph.name(data["parent"])))
    for label, value in facts:
        if value:
            rows.append(_row("fact", None, None, f"{label}: {value}", data["sources"], who=True))
    if data.get("founded"):
        rows.append(_row("fact", data["founded"], None, "founded", data["sources"], who=True))
    for claim in claims.decode(data):
        rows.append(_row("fact", None, None, f"claim {claims.describe(claim)}", claim["sources"], who=True))
    for total in data.get("raised", []):
        rows.append(_row("fact", None, None, f"raised in all: {total}", data["sources"], who=True))
    for unit, link in graph.in_edges(oid, "PART_OF"):
        rows.append(_row("unit", graph.node(unit).get("founded"), graph.name(unit), graph.node(unit)["kind"], link["sources"], who=True))
    for person, founding in graph.in_edges(oid, "FOUNDED"):
        rows.append(_row("founder", founding.get("date"), graph.name(person), founding.get("title"), founding["sources"], who=True))
    for person, role in graph.in_edges(oid, "WORKED_AT"):
        detail = f"{role.get('title') or role['kind']} ({role['kind']}, {_span(role) or 'undated'})"
        rows.append(_row("person", role.get("start"), graph.name(person), detail, role["sources"], who=True))
    deals = [(d, "acquirer") for d, _ in graph.out_edges(oid, "ACQUIRER_IN")] + [
        (d, "target") for d, _ in graph.in_edges(oid, "TARGET")
    ]
    for deal_id, side in deals:
        deal = graph.node(deal_id)
        other = deal["target"] if side == "acquirer" else deal["acquirer"]
        verbs = _DEAL_VERBS[deal["kind"]]
        verb = verbs[(2 if deal.get("attempted") else 0) + (side == "target")]
        detail = f"{verb} {graph.name(other)} ({deal['kind']}, {deal['outcome']}" + (
            f", {deal['amount']:,} {deal.get('currency', '')})" if deal.get("amount") is not None else ")"
        ) + _disagreement(deal)
        rows.append(_row("deal", deal.get("date"), graph.name(other), detail, _with_claims(deal), who=True))
    for offer_id, _ in graph.out_edges(oid, "OFFERED"):
        offer = graph.node(offer_id)
        people = sorted(graph.name(p) for p, _ in graph.out_edges(offer_id, "OFFERED_TO")) or [offer["to_group"]]
        rows.append(_row("offer", offer.get("date"), ", ".join(people), _offer_detail(offer), _with_claims(offer), who=True))
    for funding_id, _ in graph.out_edges(oid, "RAISED"):
        funding = graph.node(funding_id)
        backers = sorted(graph.name(i) + (" (lead)" if p.get("lead") else "") for i, p in graph.in_edges(funding_id, "INVESTED_IN"))
        money = f"{funding['amount']:,} {funding.get('currency', '')}" if funding.get("amount") is not None else "amount unknown"
        detail = f"{funding['round']}: {money}" + (
            f" at {funding['valuation']:,} valuation" if funding.get("valuation") is not None else ""
        ) + _disagreement(funding)
        rows.append(_row("round", funding.get("date"), ", ".join(backers) or None, detail, _with_claims(funding), who=True))
    for funding_id, part in graph.out_edges(oid, "INVESTED_IN"):
        funding = graph.node(funding_id)
        detail = f"{funding['round']} round" + (" (lead)" if part.get("lead") else "")
        rows.append(_row("investment", funding.get("date"), graph.name(funding["org"]), detail, part["sources"], who=True))
    for target, flow in graph.out_edges(oid, "TALENT_FLOW"):
        rows.append(_row("flow", None, graph.name(target), f"{flow['count']} left for it", flow["sources"], who=True))
    for source, flow in graph.in_edges(oid, "TALENT_FLOW"):
        rows.append(_row("flow", None, graph.name(source), f"{flow['count']} came from it", flow["sources"], who=True))
    rows.sort(key=lambda row: (_ORG_SECTIONS.index(row["section"]), row.pop("_order"), row["who"] or ""))
    title = f"{entry.name}: organisation {oid} ({data['kind']})"
    return _result(graph, "org", oid, ORG_COLUMNS, rows, title, data)


def _row(
    section: str,
    date: str | None,
    other: str | None,
    detail: str | None,
    sources: list[str],
    start: str | None = None,
    who: bool = False,
    order: str | None = None,
) -> dict[str, Any]:
    return {
        "section": section,
        "date": date,
        ("who" if who else "org"): other,
        "detail": detail,
        "sources": sorted(set(sources)),
        "_order": order or _date_key(start or date),
    }


def _marks(props: dict[str, Any]) -> str:
    """`` [disputed]`` and the curator's note, where a fact has them."""
    return (" [disputed]" if props.get("disputed") else "") + (f"; {props['note']}" if props.get("note") else "")


def _offer_detail(offer: dict[str, Any]) -> str:
    """``hiring offer, 100,000,000 USD (over four years; cash and equity): declined``."""
    money = f", {offer['amount']:,} {offer.get('currency', '')}" if offer.get("amount") is not None else ""
    terms = "; ".join(t for t in (offer.get("terms"), offer.get("form")) if t)
    return f"{offer['kind']} offer{money}" + (f" ({terms})" if terms else "") + f": {offer['outcome']}" + _marks(offer) + _disagreement(offer)


def _disagreement(props: dict[str, Any]) -> str:
    """``; sources disagree: start: 2017 [a]; start: 2018 [b]`` when a fact carries conflicting claims."""
    shown = [claims.describe(claim) for claim in claims.disputed(props)]
    return "; sources disagree: " + "; ".join(shown) if shown else ""


def _with_claims(props: dict[str, Any]) -> list[str]:
    """A fact's sources plus those of each of its claims."""
    return [*props.get("sources", []), *props.get("claim_sources", [])]


def _date_key(text: str | None) -> str:
    try:
        return sort_key(parse_date(text)) if text else sort_key(None)
    except DateError:  # a span such as "2019 to 2021" orders by the section alone
        return sort_key(None)


def _span(props: dict[str, Any]) -> str | None:
    return span(props.get("start"), "present" if props.get("current") else props.get("end")) or None


def _result(graph: TalentGraph, intent: str, node_id: str, columns: list[str], rows: list[dict], title: str, data: dict) -> Result:
    notes = []
    if data.get("disputed_fields"):
        notes.append(f"sources disagree on: {', '.join(data['disputed_fields'])}")
    result = Result(intent=intent, params={"id": node_id}, columns=columns, rows=rows, title=title, notes=notes, entities=[node_id])
    result.sources = graph.describe_sources(result.cited())
    return result
