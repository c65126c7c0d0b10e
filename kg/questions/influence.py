"""The influence question: PageRank of people and organisations over careers and talent flows."""

from __future__ import annotations

from typing import Any

from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.store import TalentGraph


def _rank(rows: list[dict[str, Any]], params: dict[str, Any], graph: Any = None) -> list[dict[str, Any]]:
    """PageRank over the career graph, from its edge rows (the same rows on either backend)."""
    weights: dict[str, dict[str, float]] = {}
    info: dict[str, tuple[str, str]] = {}
    for row in sorted(rows, key=lambda r: (r["a"], r["b"], r["weight"])):
        a, b = row["a"], row["b"]
        weights.setdefault(a, {})[b] = weights.get(a, {}).get(b, 0) + row["weight"]
        weights.setdefault(b, {})[a] = weights.get(b, {}).get(a, 0) + row["weight"]
        info[a] = (row["a_label"], row["a_name"])
        info[b] = (row["b_label"], row["b_name"])
    scores = pagerank(weights)
    kind = params.get("kind") or "all"
    wanted = {"all": None, "person": "Person", "org": "Organization"}[kind]
    return [
        {
            "name": info[node][1],
            "label": info[node][0],
            "score": round(score * 1000, 3),
            "connections": len(weights[node]),
            "measure": "PageRank x1000 (damping 0.85) on people, organisations, careers and talent flows",
            "_ids": [node],
        }
        for node, score in scores.items()
        if wanted is None or info[node][0] == wanted
    ]


def pagerank(weights: dict[str, dict[str, float]], damping: float = 0.85, tolerance: float = 1e-10) -> dict[str, float]:
    """Weighted PageRank of an undirected graph given as ``{node: {neighbour: weight}}``.

    Power iteration with numpy over the nodes in sorted order, so the same graph always gives the
    same floating-point result, whichever backend supplied it.
    """
    import numpy as np

    nodes = sorted(weights)
    if not nodes:
        return {}
    index = {node: position for position, node in enumerate(nodes)}
    sources, targets, values = [], [], []
    for node in nodes:
        for neighbour, weight in sorted(weights[node].items()):
            sources.append(index[node])
            targets.append(index[neighbour])
            values.append(weight)
    source = np.array(sources)
    target = np.array(targets)
    weight = np.array(values, dtype=float)
    size = len(nodes)
    strength = np.bincount(source, weights=weight, minlength=size)
    share = weight / strength[source]
    rank = np.full(size, 1.0 / size)
    for _ in range(500):
        updated = (1.0 - damping) / size + damping * np.bincount(target, weights=rank[source] * share, minlength=size)
        change = float(np.abs(updated - rank).sum())
        rank = updated
        if change < tolerance * size:
            break
    return {node: float(rank[position]) for node, position in index.items()}


@asked_as(
    Cues(
        relations=(Relation(("influential", "central", "most important", "most connected", "pagerank", "einflussreich*", "wichtigsten", "影响力", "最重要")),),
        answers=("who", "org"),
        flags={
            "kind": (
                ("person", ("people", "persons", "researchers", "personen", "köpfe", "menschen", "人", "人物")),
                ("org", ("organisations", "organizations", "companies", "labs", "firmen", "unternehmen", "labore", "organisationen", "公司", "机构", "实验室")),
            )
        },
    )
)
@question(
    "influence",
    "The most central people and organisations in the talent-flow graph (PageRank)",
    [
        Param("kind", "choice", "all, person or org", default="all", choices=("all", "person", "org")),
        Param("limit", "int", "how many rows", default=20),
    ],
    ["name", "label", "score", "connections", "measure"],
    ["-score", "name"],
    "who are the most influential people in AI talent flows?",
    post=_rank,
    list_columns=(),
    limit_param="limit",
)
def influence(graph: TalentGraph, kind: str = "all", limit: int = 20) -> list[dict[str, Any]]:
    """The edge rows PageRank runs on: careers (person–organisation) and talent flows (org–org)."""
    rows = []
    for person, org, role in graph.edges("WORKED_AT"):
        if role["career"]:
            rows.append(_edge_row(graph, person, org, 1))
    for source, target, flow in graph.edges("TALENT_FLOW"):
        rows.append(_edge_row(graph, source, target, flow["count"]))
    return rows


def _edge_row(graph: TalentGraph, a: str, b: str, weight: int) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "a_label": graph.label(a),
        "b_label": graph.label(b),
        "a_name": graph.name(a),
        "b_name": graph.name(b),
        "weight": weight,
    }
