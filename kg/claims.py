"""Claims on the graph: what each source says about a value sources disagree on.

A fact with claims carries a ``claims`` property, one line per claim: ``field: value [sources]``,
text values in single quotes, `` preferred`` after the one a curator preferred. Neo4j stores lists
of text but no lists of maps, and a line without double quotes also reads plainly in the Neo4j
Browser's table. :func:`encode` writes a line and :func:`decode` is its one inverse, so questions,
profiles and views read each claim's field, value, sources and preference as data.

>>> line = encode("start", "2017", ["a", "b"], preferred=False)
>>> line
"start: '2017' [a, b]"
>>> decode({"claims": [line, encode("amount", 15_000_000_000, ["c"], preferred=True)]})
[{'field': 'start', 'preferred': False, 'sources': ['a', 'b'], 'value': '2017'}, {'field': 'amount', 'preferred': True, 'sources': ['c'], 'value': 15000000000}]
>>> describe(decode({"claims": [line]})[0])
'start: 2017 [a, b]'
"""

from __future__ import annotations

from typing import Any

_PREFERRED = " preferred"


def encode(field: str, value: Any, sources: list[str], preferred: bool) -> str:
    """One claim as the line stored on the graph."""
    shown = f"'{value}'" if isinstance(value, str) else str(value)
    return f"{field}: {shown} [{', '.join(sources)}]" + (_PREFERRED if preferred else "")


def decode(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims a node's, relationship's or row's ``claims`` hold, in the order they were made."""
    return [_decoded(line) if isinstance(line, str) else line for line in props.get("claims") or []]


def describe(claim: dict[str, Any]) -> str:
    """``start: 2017 [a, b]``: a claim in a line, with its sources."""
    return f"{claim['field']}: {claim['value']} [{', '.join(claim['sources'])}]"


def disputed(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims on fields whose sources disagree."""
    fields = set(props.get("disputed_fields", []))
    return [claim for claim in decode(props) if claim["field"] in fields]


def _decoded(line: str) -> dict[str, Any]:
    preferred = line.endswith(_PREFERRED)
    field, _, rest = line.removesuffix(_PREFERRED).partition(": ")
    value, _, sources = rest.rpartition(" [")
    return {"field": field, "preferred": preferred, "sources": [s for s in sources.rstrip("]").split(", ") if s], "value": _value(value)}


def _value(text: str) -> Any:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    if text in ("True", "False"):
        return text == "True"
    try:
        return int(text)
    except ValueError:
        return float(text)
