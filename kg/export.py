"""Writers of the whole graph for other tools: node-link JSON and GraphML.

``generate_*`` yield text from the graph; :func:`write` saves it. Each is one more writer over the
same graph, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kg.store import TalentGraph

def generate_json(graph: TalentGraph) -> Iterator[str]:
    """Node-link JSON: ``{"nodes": [{id, labels, …}], "relationships": [{type, source, target, …}]}``."""
    nodes = [{"id": node, **_jsonable(data)} for node, data in graph.all_nodes()]
    relationships = [
        {"type": data["type"], "source": source, "target": target, "key": key, **_jsonable(data, skip={"type"})}
        for source, target, key, data in graph.all_edges()
    ]
    yield json.dumps({"nodes": nodes, "relationships": relationships}, ensure_ascii=False, indent=1)
    yield "\n"


def generate_graphml(graph: TalentGraph) -> Iterator[str]:
    """GraphML for Gephi, yEd or Cytoscape; lists become JSON text, labels a ``labels`` attribute."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in graph.all_nodes():
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for source, target, key, data in graph.all_edges():
        flat.add_edge(source, target, key=key, **{k: _scalar(v) for k, v in data.items()})
    for line in nx.generate_graphml(flat, encoding="utf-8", prettyprint=True):
        yield line + "\n"


def write(graph: TalentGraph, fmt: str, handle) -> None:
    generator = {"json": generate_json, "graphml": generate_graphml}[fmt]
    for chunk in generator(graph):
        handle.write(chunk)


def _jsonable(data: dict[str, Any], skip: set[str] = frozenset()) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items() if k not in skip}


def _scalar(value: Any) -> Any:
    return json.dumps(list(value), ensure_ascii=False) if isinstance(value, (list, tuple)) else value
