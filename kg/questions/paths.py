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
        relations=(Relation(("connected", "connect", "connection*", "link", "links", "linked", "related", "relationship", "know each other", "path", "paths", "shortest path", "degrees of separation", "pfad", "verbunden", "verknüpft", "verbindung", "zusammen", "关系", "联系", "关联", "认识", "路径")),),
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

    A search from both ends at once finds how far apart ``a`` and ``b`` are; then, from ``a``, each
    step goes to the neighbour with the smallest id that lies on a shortest path: that is the
    shortest path whose node ids sort first, the one ``cypher/path.cypher`` picks.
    """
    nodes = _smallest_shortest_path(graph, a, b, max_hops)
    if not nodes:
        return []
    rels = []
    for left, right in zip(nodes, nodes[1:]):
        for source, target in ((left, right), (right, left)):
            for rel in PATH_TYPES:
                for data in graph.between(source, target, rel):
                    rels.append({"type": rel, "from": source, "to": target, "props": _plain(data)})
    return [{"nodes": [{"id": n, "name": graph.name(n), "label": graph.label(n)} for n in nodes], "rels": rels}]


def _smallest_shortest_path(graph: TalentGraph, a: str, b: str, max_hops: int) -> list[str]:
    """The node ids of the shortest ``a``–``b`` path that sorts first, or ``[]`` beyond ``max_hops``.

    Breadth-first from both ends at once, a whole layer at a time over the graph's arrays, growing
    the end whose next layer is cheaper; the path is then read from a's end, taking at each step
    the smallest id among the neighbours that lie on a shortest path.
    """
    import numpy as np

    starts, neighbours = graph.undirected_arrays(PATH_TYPES)
    if a not in graph.numbers or b not in graph.numbers:
        return []
    ends = {a: graph.numbers[a], b: graph.numbers[b]}
    if starts[ends[a]] == starts[ends[a] + 1] or starts[ends[b]] == starts[ends[b] + 1]:
        return []
    depth = {end: np.full(len(starts) - 1, -1, dtype=np.int32) for end in (a, b)}
    layers: dict[str, list[np.ndarray]] = {}
    for end in (a, b):
        depth[end][ends[end]] = 0
        layers[end] = [np.array([ends[end]], dtype=np.int64)]

    def around(nodes: np.ndarray) -> np.ndarray:
        first, last = starts[nodes], starts[nodes + 1]
        counts = last - first
        if not counts.sum():
            return np.zeros(0, dtype=np.int64)
        offsets = np.repeat(first - np.cumsum(counts) + counts, counts)
        return neighbours[offsets + np.arange(counts.sum())].astype(np.int64)

    while True:
        if len(layers[a]) + len(layers[b]) - 2 >= max_hops:
            return []
        cost = {end: int((starts[layers[end][-1] + 1] - starts[layers[end][-1]]).sum()) for end in (a, b)}
        grow, other = (a, b) if cost[a] <= cost[b] else (b, a)
        reached = np.unique(around(layers[grow][-1]))
        layer = reached[depth[grow][reached] < 0]
        if not len(layer):
            return []
        depth[grow][layer] = len(layers[grow])
        layers[grow].append(layer)
        if (depth[other][layer] >= 0).any():
            break
    distance = len(layers[a]) + len(layers[b]) - 2
    from_b = depth[b]
    # nodes on a shortest path, layer by layer on a's side, down from where the searches met
    on_path = [np.zeros(0, dtype=np.int64)] * len(layers[a])
    last = layers[a][-1]
    on_path[-1] = last[from_b[last] == distance - (len(layers[a]) - 1)]
    for level in range(len(layers[a]) - 2, -1, -1):
        reached = np.unique(around(on_path[level + 1]))
        on_path[level] = reached[depth[a][reached] == level]
    wanted = np.zeros(len(starts) - 1, dtype=bool)
    path = [ends[a]]
    for step in range(distance):
        near = around(np.array([path[-1]], dtype=np.int64))
        if step + 1 < len(on_path):
            wanted[:] = False
            wanted[on_path[step + 1]] = True
            choices = near[wanted[near]]
        else:
            choices = near[from_b[near] == distance - step - 1]
        path.append(min(choices.tolist(), key=graph.ids.__getitem__))
    return [graph.ids[number] for number in path]


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

