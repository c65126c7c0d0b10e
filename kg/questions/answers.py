"""The wording shared by one-line answers: money, counts of sources, and figures the sources dispute.

Each fact question's ``answer(rows, params)`` sits beside the question; these are its parts.

>>> money(14_800_000_000, "USD")
'14.8B USD'
>>> count_line([{"person": "Ada Quill", "sources": ["a"]}], "person", "people")
'1 person: Ada Quill [1 source]'
"""

from __future__ import annotations

from typing import Any

#: How many names a count line lists before it stops.
NAMES_SHOWN = 12
#: The singular of each noun a count line uses.
SINGULAR = {"people": "person", "founders": "founder", "rounds": "round", "deals": "deal", "roles": "role",
            "companies": "company", "investors": "investor", "moves": "move"}


def money(amount: float | int | None, currency: str | None) -> str:
    """``500M USD``; amounts in whole currency units, shortened with K, M, B, T."""
    if amount is None:
        return "an undisclosed amount"
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if abs(amount) >= size:
            scaled = amount / size
            text = f"{scaled:.4g}" if scaled != int(scaled) else str(int(scaled))
            return f"{text}{suffix} {currency or ''}".strip()
    return f"{amount:g} {currency or ''}".strip()


def cited(sources: list[str]) -> str:
    """``[2 sources]``."""
    count = len(set(sources))
    return f"[{count} source{'' if count == 1 else 's'}]"


def claims_of(claims: list[dict[str, Any]] | None, field: str) -> list[tuple[str, list[str]]]:
    """A row's claims (see :mod:`kg.claims`) for one field, as (value, sources)."""
    return [(str(claim["value"]), claim["sources"]) for claim in claims or [] if claim["field"] == field]


def figure_sources(row: dict[str, Any], field: str) -> list[str]:
    """The sources behind the figure a row shows for ``field``: its claim's, or the whole record's."""
    claims = claims_of(row.get("claims"), field)
    matching = [source for value, sources in claims if _same(value, row.get(field)) for source in sources]
    return matching or list(row.get("sources") or [])


def other_reports(row: dict[str, Any], field: str, show, of: str = "") -> str:
    """``; other reports: 120M USD [1]``: every figure for ``field`` beside the one shown, as its sources give it,
    those with the most sources first.

    ``of`` names the field when the line shows more than one figure (``" of the valuation"``).
    """
    claims = claims_of(row.get("claims"), field)
    others = [(_number(value), sources) for value, sources in claims if not _same(value, row.get(field))]
    if not others:
        return ""
    others.sort(key=lambda claim: (-len(claim[1]), _value_key(claim[0])))  # the best-attested first
    return f"; other reports{of}: " + ", ".join(f"{show(value)} [{len(sources)}]" for value, sources in others)


def count_line(rows: list[dict[str, Any]], column: str | None, noun: str) -> str:
    """How many distinct values of ``column`` (or rows, when None) the rows hold, naming them when few."""
    if column is None:
        count, names = len(rows), []
    else:
        names = list(dict.fromkeys(row[column] for row in rows if row.get(column) is not None))
        count = len(names)
    word = SINGULAR.get(noun, noun) if count == 1 else noun
    listed = f": {', '.join(names)}" if names and count <= NAMES_SHOWN else ""
    return f"{count} {word}{listed} {cited([s for row in rows for s in row.get('sources') or []])}"


def _same(claimed: str, shown: Any) -> bool:
    return _number(claimed) == _number(str(shown))


def _number(text: str) -> float | int | str:
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number == int(number) else number


def _value_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, (int, float)) and not isinstance(value, bool) else (1, str(value))
