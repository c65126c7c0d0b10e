"""The influence question: PageRank of people and organisations over careers and talent flows."""

from __future__ import annotations

from typing import Any

from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.store import TalentGraph


MEASURE = "PageRank x1000 (damping 0.85) on people, organisations, careers and talent flows"


def _rank(rows: list[dict[str, Any]], params: dict[str, Any], graph: Any = None) -> list[dict[str, Any]]:
    """PageRank over the career graph, from its edge rows (a Neo4j server hands over edges).

    The embedded graph ranks as it reads its own arrays (:func:`influence`); its rows come ranked.
    """
    import numpy as np

    if not rows or "score" in rows[0]:
        return rows
    info: dict[str, tuple[str, str]] = {}
    for row in rows:
        info[row["a"]] = (row["a_label"], row["a_name"])
        info[row["b"]] = (row["b_label"], row["b_name"])
    ids = sorted(info)
    index = {node: position for position, node in enumerate(ids)}
    a = np.fromiter((index[row["a"]] for row in rows), dtype=np.int64, count=len(rows))
    b = np.fromiter((index[row["b"]] for row in rows), dtype=np.int64, count=len(rows))
    weight = np.fromiter((row["weight"] for row in rows), dtype=float, count=len(rows))
    return ranked(ids, a, b, weight, params.get("kind") or "all", None, lambda node: info[node])


def ranked(ids: list[str], a, b, weight, kind: str, limit: int | None, describe, labels=None) -> list[dict[str, Any]]:
    """Rows of the nodes of ``kind`` by PageRank, the ``limit`` best (and any tied with the last).

    ``ids`` are sorted and ``a``/``b`` index them, so the same graph gives the same floating-point
    scores whichever backend supplied it; ``describe(id)`` gives a node's (label, name), and
    ``labels`` (when given) each position's label as an array, so that only the rows shown are described.
    """
    import numpy as np

    scores, neighbours = pagerank_arrays(len(ids), a, b, weight)
    wanted = {"all": None, "person": "Person", "org": "Organization"}[kind]
    if wanted is None:
        keep = np.arange(len(ids))
    else:
        if labels is None:
            labels = np.array([describe(node)[0] for node in ids], dtype=object)
        keep = np.flatnonzero(labels == wanted)
    rounded = np.round(scores[keep] * 1000, 3)
    if limit is not None and len(keep) > limit:
        cut = np.sort(rounded)[::-1][limit - 1]
        chosen = rounded >= cut
        keep, rounded = keep[chosen], rounded[chosen]
    rows = []
    for position, score in zip(keep.tolist(), rounded.tolist()):
        label, name = describe(ids[position])
        rows.append(
            {"name": name, "label": label, "score": score, "connections": int(neighbours[position]), "measure": MEASURE, "_ids": [ids[position]]}
        )
    return rows


def pagerank_arrays(size: int, a, b, weight, damping: float = 0.85, tolerance: float = 1e-10):
    """Weighted PageRank of an undirected graph of ``size`` nodes with edges ``a[i]``–``b[i]``;
    returns each node's score and its number of distinct neighbours.

    The edges are one sparse symmetric matrix (scipy), parallel edges summed; each step of the
    power iteration is one sparse product.
    """
    import numpy as np
    from scipy import sparse

    if size == 0:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    values = np.concatenate([weight, weight]).astype(float)
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(size, size))
    matrix.sum_duplicates()
    strength = np.asarray(matrix.sum(axis=1)).ravel()
    rank = np.full(size, 1.0 / size)
    for _ in range(500):
        updated = (1.0 - damping) / size + damping * (matrix @ (rank / strength))
        change = float(np.abs(updated - rank).sum())
        rank = updated
        if change < tolerance * size:
            break
    return rank, np.diff(matrix.indptr)


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
    """The most central nodes, ranked straight from the graph's arrays (no row per edge is made)."""
    ids, a, b, weight, labels = graph.derived("influence edges", lambda: _career_edges(graph))
    if not ids:
        return []
    return ranked(ids, a, b, weight, kind, limit, lambda node: (graph.label(node), graph.name(node)), labels)


def _career_edges(graph: TalentGraph):
    """The edges PageRank runs on (career roles, weight 1; talent flows, weighted by their people),
    over the nodes they touch sorted by id: (ids, ends a and b as positions, weights, labels)."""
    import numpy as np

    parts_a, parts_b, parts_w = [], [], []
    worked = graph.relations.get("WORKED_AT")
    if worked is not None:
        career = np.array([value is True for value in worked.props.columns.get("career", [None] * len(worked))], dtype=bool)
        parts_a.append(np.frombuffer(worked.source, dtype=np.int32)[career])
        parts_b.append(np.frombuffer(worked.target, dtype=np.int32)[career])
        parts_w.append(np.ones(int(career.sum())))
    flows = graph.relations.get("TALENT_FLOW")
    if flows is not None:
        parts_a.append(np.frombuffer(flows.source, dtype=np.int32))
        parts_b.append(np.frombuffer(flows.target, dtype=np.int32))
        parts_w.append(np.array(flows.props.columns["count"], dtype=float))
    if not parts_a:
        return [], None, None, None, None
    a, b = np.concatenate(parts_a).astype(np.int64), np.concatenate(parts_b).astype(np.int64)
    touched = np.zeros(len(graph.ids), dtype=bool)
    touched[a] = True
    touched[b] = True
    numbers = sorted(np.flatnonzero(touched).tolist(), key=graph.ids.__getitem__)
    position = np.empty(len(graph.ids), dtype=np.int64)
    position[numbers] = np.arange(len(numbers))
    ids = [graph.ids[number] for number in numbers]
    return ids, position[a], position[b], np.concatenate(parts_w), graph.first_labels(numbers)
