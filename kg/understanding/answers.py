"""The one-line answer a fact or count question gets first, from the rows behind it.

Every figure is written as its rows give it (amount and currency as the sources report them) with
the number of sources each rests on, so a reader sees how well supported it is.

>>> _money(650000000, "USD")
'USD 650,000,000'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.result import Result

#: answer types that get a line (list questions get none: their rows are the answer)
FACTS = ("when", "how_much", "how_many", "title")


def answer_line(result: Result, answer: str | None, names: dict[str, str]) -> str | None:
    """The line for a result, or None when the question asked for a list or nothing answers it."""
    if answer not in FACTS or not result.rows:
        return None
    if answer == "how_many":
        return _count(result, names)
    writer = _WRITERS.get(result.intent)
    return writer(result, answer, names) if writer else None


def _count(result: Result, names: dict[str, str]) -> str:
    counted = {
        "left_for": ("person", "person", "people"), "people_at": ("person", "person", "people"),
        "founders": ("founder", "founder", "founders"), "alumni_founders": ("company", "company", "companies"),
        "coworkers": ("coworker", "person", "people"), "investors": ("investor", "investor", "investors"),
        "portfolio": ("company", "company", "companies"), "co_investors": ("investor", "investor", "investors"),
        "acquisitions": ("target", "deal", "deals"), "attempted_deals": ("target", "deal", "deals"),
    }
    if result.intent == "flows":
        forward = {r["person"] for r in result.rows if r["direction"] == "a_to_b"}
        backward = {r["person"] for r in result.rows if r["direction"] == "b_to_a"}
        a, b = names.get(result.params["a"], result.params["a"]), names.get(result.params["b"], result.params["b"])
        return (
            f"{_people(len(forward))} moved from {a} to {b} and {_people(len(backward))} from {b} to {a} "
            f"(net {len(forward) - len(backward):+d} for {b}) [{_sources(result.rows)}]"
        )
    column, one, many = counted.get(result.intent, ("", "row", "rows"))
    if result.intent in ("acquisitions", "attempted_deals"):
        number = len({(r["acquirer"], r["target"], r["date"]) for r in result.rows})
    else:
        number = len({r.get(column) for r in result.rows}) if column else len(result.rows)
    return f"{number} {one if number == 1 else many}: {result.title.split(': ')[0].removeprefix('understood as ')} [{_sources(result.rows)}]"


def _moves(result: Result, answer: str, names: dict[str, str]) -> str:
    parts = []
    for row in result.rows:
        when = row.get("left") or row.get("date") or "date not reported"
        parts.append(f"{row['person']} left {row['from']} for {row['to']}, {when} [{_sources([row])}]")
    return "; ".join(parts)


def _rounds(result: Result, answer: str, names: dict[str, str]) -> str:
    company = names.get(result.params.get("org", ""), result.params.get("org", ""))
    rounds: dict[tuple, list[dict[str, Any]]] = {}
    for row in result.rows:
        rounds.setdefault((row.get("round"), row.get("date")), []).append(row)
    parts = []
    for (name, when), rows in rounds.items():
        first = rows[0]
        amount = _money(first.get("amount"), first.get("currency")) if first.get("amount") else "an undisclosed amount"
        valued = f", valued at {_money(first['valuation'], first.get('currency'))}" if first.get("valuation") else ""
        parts.append(f"{amount} ({name}, {when or 'date not reported'}{valued}) [{_sources(rows)}]")
    return f"{company} raised " + "; ".join(parts)


def _deals(result: Result, answer: str, names: dict[str, str]) -> str:
    parts = []
    for row in result.rows:
        stake = f"{row['stake']:g}% of " if row.get("stake") else ""
        when = row.get("date") or "date not reported"
        outcome = f" ({row['outcome']})" if row.get("outcome") not in (None, "completed") else ""
        if row.get("amount"):
            verb = "offered" if result.intent == "attempted_deals" else "paid"
            parts.append(f"{row['acquirer']} {verb} {_money(row['amount'], row.get('currency'))} for {stake}{row['target']}, {when}{outcome} [{_sources([row])}]")
        else:
            parts.append(f"{row['acquirer']} and {stake}{row['target']}: price not reported, {when}{outcome} [{_sources([row])}]")
    return "; ".join(parts)


def _founded(result: Result, answer: str, names: dict[str, str]) -> str:
    company = names.get(result.params["org"], result.params["org"])
    dates = sorted({row["date"] for row in result.rows if row.get("date")})
    founders = ", ".join(row["founder"] for row in result.rows)
    return f"{company} was founded {' / '.join(dates) or 'at a date not reported'} by {founders} [{_sources(result.rows)}]"


_WRITERS: dict[str, Callable[[Result, str, dict[str, str]], str]] = {
    "left_for": _moves,
    "investors": _rounds,
    "acquisitions": _deals,
    "attempted_deals": _deals,
    "founders": _founded,
}


def _money(amount: Any, currency: str | None) -> str:
    number = f"{amount:,.0f}" if isinstance(amount, (int, float)) else str(amount)
    return f"{currency or ''} {number}".strip()


def _people(number: int) -> str:
    return f"{number} {'person' if number == 1 else 'people'}"


def _sources(rows: list[dict[str, Any]]) -> str:
    number = len({s for row in rows for s in row.get("sources") or []})
    return f"{number} source{'s' if number != 1 else ''}"
