"""Claims on the graph: what each source says about a value sources disagree on.

A fact with claims carries a ``claims`` property, one line per claim, ``field: value [sources]``:
Neo4j stores lists of text but no lists of maps, and this is also what a reader of the Neo4j
Browser's table sees. :func:`encode` writes that line and :func:`decode` is its one inverse, so
profiles, answers and views read each claim's field, value and sources as data.

>>> line = encode("start", "2017", ["a", "b"])
>>> line
'start: 2017 [a, b]'
>>> decode({"claims": [line]})
[{'field': 'start', 'value': '2017', 'sources': ['a', 'b']}]
"""

from __future__ import annotations

from typing import Any


def encode(field: str, value: Any, sources: list[str]) -> str:
    """One claim as the line stored on the graph."""
    return f"{field}: {value} [{', '.join(sources)}]"


def decode(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims a node's or relationship's properties carry, in the order they were made."""
    found = []
    for line in props.get("claims", []):
        field, _, rest = line.partition(": ")
        value, _, sources = rest.rpartition(" [")
        found.append({"field": field, "value": value, "sources": [s for s in sources.rstrip("]").split(", ") if s]})
    return found


def describe(claim: dict[str, Any]) -> str:
    """``start: 2017 [a, b]``: a claim in a line, with its sources."""
    return encode(claim["field"], claim["value"], claim["sources"])


def disputed(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims on fields whose sources disagree."""
    fields = set(props.get("disputed_fields", []))
    return [claim for claim in decode(props) if claim["field"] in fields]
