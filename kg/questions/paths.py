"""``path``: how two people or organisations connect, each hop explained in words.

Among the shortest paths the one chosen is the smallest by its sequence of node ids, so that every
backend picks the same one. A backend hands over raw paths (node ids and names, and every
relationship along them); :func:`explain_paths` picks and words them.
"""

from __future__ import annotations

from typing import Any

from kg.dates import span
from kg.defaults import MAX_HOPS, MAX_HOPS_LIMIT
from kg.errors import UsageError
from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.schema import PATH_TYPES, RELATIONSHIPS, precedence
from kg.store import TalentGraph


def _check(params: dict[str, Any]) -> None:
    if params["a"] == params["b"]:
        raise UsageError("a path needs two different entities")
    if params.get("max_hops", MAX_HOPS) > MAX_HOPS_LIMIT:
        raise UsageError(f"max_hops is at most {MAX_HOPS_LIMIT}")


def _explain(rows: list[dict[str, Any]], params: dict[str, Any], graph: Any = None) -> list[dict[str, Any]]:
    return explain_paths(rows)


@asked_as(
    Cues(
        relations=(Relation(("connected", "connect", "connection*", "link", "links", "linked", "related", "relationship", "know each other", "verbunden", "verknüpft", "verbindung", "zusammen", "关系", "联系", "关联", "认识")),),
        answers=("how",),
        particles={"a": ("between", "from", "of"), "b": ("and", "to", "with")},
    )
)
@question(
    "path",
    "How two people or organisations connect, each hop explained",
    [
        Param("a", "entity", "a person or organisation", required=True),
        Param("b", "entity", "another person or organisation", required=True),
        Param("max_hops", "int", "longest path to look for", default=MAX_HOPS),
    ],
    ["step", "from", "relation", "to", "explanation", "sources"],
    ["step"],
    "how is Lilian Weng connected to Alexandr Wang?",
    post=_explain,
    check=_check,
)
def path(graph: TalentGraph, a: str, b: str, max_hops: int = MAX_HOPS) -> list[dict[str, Any]]:
    """The raw shortest path (see :func:`explain_paths` for the rows a user sees).

    From ``a``, each step goes to the neighbour with the smallest id that is one step nearer ``b``:
    that is the shortest path whose node ids sort first, the one ``cypher/path.cypher`` picks.
    """
    import networkx as nx

    network = graph.undirected(PATH_TYPES)
    if a not in network or b not in network:
        return []
    distance = nx.single_source_shortest_path_length(network, b, cutoff=max_hops)
    if a not in distance:
        return []
    nodes = [a]
    while nodes[-1] != b:
        here = nodes[-1]
        nodes.append(min(n for n in network[here] if distance.get(n) == distance[here] - 1))
    rels = []
    for left, right in zip(nodes, nodes[1:]):
        for source, target in ((left, right), (right, left)):
            for data in graph.g.get_edge_data(source, target, default={}).values():
                if data["type"] in PATH_TYPES:
                    rels.append({"type": data["type"], "from": source, "to": target, "props": _plain(data)})
    return [{"nodes": [{"id": n, "name": graph.name(n), "label": graph.label(n)} for n in nodes], "rels": rels}]


def explain_paths(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for the smallest of the given shortest paths: one row per hop, in words."""
    if not raw:
        return []
    best = min(raw, key=lambda item: [node["id"] for node in item["nodes"]])
    sequence = [node["id"] for node in best["nodes"]]
    names = {node["id"]: node["name"] for item in raw for node in item["nodes"]}
    labels = {node["id"]: node["label"] for item in raw for node in item["nodes"]}
    rels: dict[tuple[str, str], list[dict[str, Any]]] = {}
    seen: set[tuple] = set()
    for item in raw:
        if [node["id"] for node in item["nodes"]] != sequence:
            continue
        for rel in item["rels"]:
            identity = (rel["type"], rel["from"], rel["to"], rel["props"].get("order"), rel["props"].get("date"))
            if identity not in seen:
                seen.add(identity)
                rels.setdefault(frozenset((rel["from"], rel["to"])), []).append(rel)  # type: ignore[arg-type]
    rows = []
    previous: dict[str, Any] | None = None
    for step, (left, right) in enumerate(zip(sequence, sequence[1:]), start=1):
        hop = sorted(
            rels.get(frozenset((left, right)), []),  # type: ignore[arg-type]
            key=lambda r: (precedence(r["type"]), str(r["props"].get("start") or r["props"].get("date") or "")),
        )
        if not hop:
            continue
        main = hop[0]
        words = _sentence(main, names, [r for r in hop if r["type"] == main["type"]])
        if previous and main["type"] == "WORKED_AT" and previous["type"] == "WORKED_AT" and labels.get(left) == "Organization":
            shared = _overlap_words(previous["all"], [r for r in hop if r["type"] == "WORKED_AT"])
            if shared:
                words += f"; {shared}"
        rows.append(
            {
                "step": step,
                "from": names[left],
                "relation": main["type"],
                "to": names[right],
                "explanation": words,
                "sources": [s for r in hop for s in r["props"].get("sources", [])],
                "_ids": [left, right],
            }
        )
        previous = {"type": main["type"], "all": [r for r in hop if r["type"] == "WORKED_AT"]}
    return rows


def _sentence(rel: dict[str, Any], names: dict[str, str], same: list[dict[str, Any]]) -> str:
    phrase = RELATIONSHIPS[rel["type"]].phrase.format(a=names[rel["from"]], b=names[rel["to"]])
    details = []
    for item in same:
        props = item["props"]
        label = props.get("title") or props.get("degree") or props.get("round") or props.get("kind")
        when = span(props.get("start") or props.get("date"), "present" if props.get("current") else props.get("end"))
        text = ", ".join(part for part in (label if rel["type"] != "INVESTED_IN" else None, when) if part)
        if rel["type"] == "INVESTED_IN" and props.get("lead"):
            text = ", ".join(part for part in ("lead", text) if part)
        if text and text not in details:
            details.append(text)
    return phrase + (f" ({'; '.join(details)})" if details else "")


def _overlap_words(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> str:
    from kg.questions.people import overlap

    for a in first:
        for b in second:
            if a["props"].get("start") and b["props"].get("start"):
                shared = overlap(a["props"], b["props"])
                if shared:
                    return f"both there at the same time ({span(shared[0], shared[1] or 'present')})"
    return ""


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "type"}

