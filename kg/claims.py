"""Claims on the graph: what each source says about a value sources disagree on, as structured data.

A fact with claims carries a ``claims`` property: one JSON object per claim (``field``, ``value``,
``sources``, ``preferred``), since Neo4j stores lists of text but no lists of maps. Profiles and views
read them back with :func:`decode`, never by splitting text.

>>> claim = encode("start", "2017", ["a"], preferred=False)
>>> describe(decode({"claims": [claim]})[0])
'start: 2017 [a]'
"""

from __future__ import annotations

import json
from typing import Any


def encode(field: str, value: Any, sources: list[str], preferred: bool) -> str:
    """One claim as the text stored on the graph."""
    claim = {"field": field, "value": value, "sources": list(sources), "preferred": preferred}
    return json.dumps(claim, ensure_ascii=False, sort_keys=True, default=str)


def decode(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims a node's or relationship's properties carry, in the order they were made."""
    return [json.loads(text) for text in props.get("claims", [])]


def describe(claim: dict[str, Any]) -> str:
    """``start: 2017 [a, b]``: a claim in a line, with its sources."""
    return f"{claim['field']}: {claim['value']} [{', '.join(claim['sources'])}]"


def disputed(props: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims on fields whose sources disagree."""
    fields = set(props.get("disputed_fields", []))
    return [claim for claim in decode(props) if claim["field"] in fields]
