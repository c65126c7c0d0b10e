"""View building: the subgraph, words, colours and positions of each HTML view.

A view is a subgraph with a title and a note: an entity's neighbourhood, a path, talent flows
between organisations, or the subgraph behind an answer. Colours follow the node's kind, node size
its degree; edges carry labels with dates and tooltips with the facts and their sources. Positions
are computed here, so even large views draw at once. :mod:`kg.render.html` writes a view as a page.

>>> view = neighbourhood_view(open_graph(), "Thinking Machines Lab")   # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from kg import claims
from kg.defaults import MAX_HOPS, MAX_NODES, TOP_FLOWS_VIEW
from kg.errors import at_least_one
from kg.result import Result
from kg.schema import ORG_KINDS, RELATIONSHIPS, VIEW_TYPES, precedence
from kg.store import TalentGraph

#: (legend label, colour) by node kind: the organisation kinds of the vocabulary, and people, rounds and deals.
KINDS = {
    "person": ("Person", "#4c78a8"),
    **{kind.kind: (kind.label, kind.colour) for kind in ORG_KINDS.values()},
    "round": ("Funding round", "#eeca3b"),
    "deal": ("Deal", "#222222"),
}
SHAPES = {"person": "dot", "round": "diamond", "deal": "triangle"}
#: Views smaller than this get a force layout; bigger ones are laid out in rings, which is far quicker.
_FORCE_LAYOUT_BELOW = 400


@dataclass
class ViewNode:
    id: str
    label: str
    kind: str
    tooltip: str
    degree: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass
class ViewEdge:
    source: str
    target: str
    label: str
    tooltip: str
    width: float = 1.0
    #: vis-network's ``smooth`` for this edge (flow views bow opposite arrows apart); None: straight
    smooth: dict[str, Any] | None = None


@dataclass
class View:
    title: str
    note: str
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)
    slug: str = "view"


# -- the four views -----------------------------------------------------------------------------


def neighbourhood_view(graph: TalentGraph, name: str, depth: int = 1, max_nodes: int = MAX_NODES) -> View:
    """A person or organisation and everything within ``depth`` hops of it."""
    at_least_one(depth=depth, max_nodes=max_nodes)
    center = graph.resolve(name).id
    adjacency = graph.adjacency(VIEW_TYPES)
    # a funding round or a deal is a connector, not a step: stepping into one costs nothing, so a
    # company's investors and its suitors stand one step from it, like its people
    distance = {center: 0}
    queue = deque([center])
    while queue:
        node = queue.popleft()
        if distance[node] >= depth:  # the outer ring is not expanded, not even into rounds and deals
            continue
        for other in sorted(adjacency.get(node, ())):
            cost = 0 if graph.label(other) in ("FundingRound", "Deal") else 1
            reach = distance[node] + cost
            if reach <= depth and reach < distance.get(other, depth + 1):
                distance[other] = reach
                if cost:
                    queue.append(other)
                else:
                    queue.appendleft(other)
    # whole rings first, most connected first within a ring: what is kept stays connected to the centre
    ranked = sorted(distance, key=lambda n: (distance[n], -len(adjacency.get(n, ())), n))
    kept = ranked[:max_nodes]
    note = f"{graph.name(center)} and everything within {depth} step{'s' if depth != 1 else ''}: {len(kept)} nodes"
    if len(kept) < len(ranked):
        note += f" (pruned from {len(ranked)} to the {len(kept)} most connected)"
    view = _build(graph, kept, VIEW_TYPES, f"{graph.name(center)}: neighbourhood", note, _slug(graph.name(center)))
    _layout(view, center)
    return view


def path_view(graph: TalentGraph, a: str, b: str, max_hops: int = MAX_HOPS) -> View:
    """How two entities connect, the path drawn hop by hop with each hop's explanation."""
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run

    result = run(EmbeddedBackend(graph), "path", {"a": a, "b": b, "max_hops": max_hops})
    ids = result.entities
    first, last = (ids[0], ids[-1]) if ids else (graph.resolve(a).id, graph.resolve(b).id)
    note = " → ".join(row["explanation"] for row in result.rows) or f"no connection within {max_hops} steps"
    view = _build(graph, ids or [first, last], VIEW_TYPES, f"{graph.name(first)} to {graph.name(last)}", note, _slug(f"path-{graph.name(first)}-{graph.name(last)}"))
    _layout(view, first)
    return view


def flows_view(graph: TalentGraph, orgs: list[str] | None = None, top: int = TOP_FLOWS_VIEW) -> View:
    """Organisations joined by talent flows: arrow width by the number of people, names in the tooltip.

    Units count with the organisations shown (a move out of Google Brain is a move out of Google),
    as in ``kg flows`` (:func:`kg.questions.flows.org_flows`). Without ``orgs``, the ``top``
    organisations with the most people moving in and out.
    """
    at_least_one(top=top)
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions.flows import busiest_orgs, org_flows

    flows = EmbeddedBackend(graph).talent_flows()
    shown = [graph.resolve(name, "Organization").id for name in orgs] if orgs else busiest_orgs(flows, top)
    pairs = org_flows(flows, shown)
    people = {pair: flow.people for pair, flow in pairs.items()}
    sources = {pair: flow.sources for pair, flow in pairs.items()}
    joined = [org for org in shown if any(org in pair for pair in people)]
    apart = [graph.name(org) for org in shown if org not in joined]
    view = View(
        title="Talent flows" + (f" between {', '.join(graph.name(o) for o in shown)}" if orgs else ""),
        note=f"{len(joined)} organisations; an arrow is people who left one for the other, wider for more people"
        + ("" if orgs else f"; chosen among the {len(shown)} with the most people moving in and out")
        + (f"; left out, with no flow to the others: {', '.join(apart)}" if apart else ""),
        slug="flows",
    )
    for org in joined:
        view.nodes.append(ViewNode(org, graph.name(org), _kind(graph, org), _node_tooltip(graph, org)))
    for (a, b), names in sorted(people.items()):
        listed = sorted(graph.name(p) for p in names)
        view.edges.append(
            ViewEdge(a, b, f"{len(names)}", f"{len(names)} from {graph.name(a)} to {graph.name(b)}: {', '.join(listed)}\n"
                     f"sources: {_sources_text(graph, sources[(a, b)])}", width=1 + 2 * math.log2(1 + len(names)),
                     # clockwise from each end: A→B and B→A bow to opposite sides, each count on its own arrow
                     smooth={"enabled": True, "type": "curvedCW", "roundness": 0.18})
        )
    _degrees(view)
    _circle(view)
    return view


#: Widest a label's character is drawn in a view (px at the largest node font), for spacing labels apart.
LABEL_CHAR_WIDTH = 16
LABEL_HEIGHT = 30


def _circle(view: View) -> None:
    """Organisations on a circle wide enough that no two labels overlap, busiest first.

    Neighbours on the circle stand at least half their two labels' widths plus a margin apart, so
    their label boxes (LABEL_HEIGHT tall) cannot meet; any other pair stands further apart still.
    """
    nodes = sorted(view.nodes, key=lambda node: (-node.degree, node.label))
    if len(nodes) == 1:
        nodes[0].x = nodes[0].y = 0.0
        return
    widths = [LABEL_CHAR_WIDTH * len(node.label) for node in nodes]
    step = math.sin(math.pi / len(nodes))
    needed = max((widths[i] + widths[(i + 1) % len(nodes)]) / 2 + LABEL_HEIGHT + 60 for i in range(len(nodes)))
    radius = max(260.0, needed / (2 * step))
    for index, node in enumerate(nodes):
        theta = 2 * math.pi * index / len(nodes) - math.pi / 2
        node.x, node.y = radius * math.cos(theta), radius * math.sin(theta)


def answer_view(graph: TalentGraph, result: Result) -> View:
    """The people and organisations an answer involves, and how they are joined."""
    ids = [i for i in result.entities if graph.has(i)]
    view = _build(graph, ids, (*VIEW_TYPES, "TALENT_FLOW"), result.title or result.intent, f"the subgraph behind: {result.question}", _slug(result.intent))
    _layout(view, None)
    return view


# -- building and laying out ------------------------------------------------------------------------


def _build(graph: TalentGraph, ids: list[str], types: tuple[str, ...], title: str, note: str, slug: str) -> View:
    keep = list(dict.fromkeys(ids))
    kept = set(keep)
    view = View(title=title, note=note, slug=slug)
    for node in keep:
        view.nodes.append(ViewNode(node, _label(graph, node), _kind(graph, node), _node_tooltip(graph, node)))
    # one drawn edge per pair of nodes, however many relationships join them (a founder also works there)
    grouped: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for rel in types:
        for source, target, data in graph.edges(rel):
            if source in kept and target in kept:
                grouped.setdefault((source, target), {}).setdefault(rel, []).append(data)
    for (source, target), by_rel in sorted(grouped.items()):
        for items in by_rel.values():  # in career order, whatever order a backend handed them over in
            items.sort(key=lambda item: (item.get("order", 0), str(item.get("start") or item.get("date") or "")))
        ordered = sorted(by_rel.items(), key=lambda item: precedence(item[0]))
        label = "; ".join(_edge_label(rel, items) for rel, items in ordered)
        tooltip = "\n".join(_edge_tooltip(graph, source, target, rel, items) for rel, items in ordered)
        view.edges.append(ViewEdge(source, target, label, tooltip))
    _degrees(view)
    return view


def _degrees(view: View) -> None:
    degree: dict[str, int] = {}
    for edge in view.edges:
        degree[edge.source] = degree.get(edge.source, 0) + 1
        degree[edge.target] = degree.get(edge.target, 0) + 1
    for node in view.nodes:
        node.degree = degree.get(node.id, 0)


def _layout(view: View, center: str | None) -> None:
    """Positions computed before writing: a force layout for small views, rings around the centre for big ones."""
    if not view.nodes:
        return
    if len(view.nodes) < _FORCE_LAYOUT_BELOW:
        import networkx as nx

        simple = nx.Graph()
        simple.add_nodes_from(node.id for node in view.nodes)
        simple.add_edges_from((edge.source, edge.target) for edge in view.edges)
        fixed = {center: (0.0, 0.0)} if center in simple else None
        positions = nx.spring_layout(simple, seed=7, iterations=120, pos=fixed, fixed=[center] if fixed else None, k=1.4 / math.sqrt(max(len(simple), 1)))
        scale = 90 * math.sqrt(len(view.nodes)) + 120
        for node in view.nodes:
            x, y = positions[node.id]
            node.x, node.y = float(x) * scale, float(y) * scale
        return
    _rings(view, center)


def _rings(view: View, center: str | None) -> None:
    """Breadth-first rings from the centre (or the most connected node), children near their parent."""
    neighbours: dict[str, list[str]] = {node.id: [] for node in view.nodes}
    for edge in view.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    degree = {node.id: node.degree for node in view.nodes}
    start = center if center in neighbours else max(neighbours, key=lambda n: (degree[n], n))
    angle = {start: 0.0}
    rings: list[list[str]] = [[start]]
    seen = {start}
    while True:
        ring = []
        for parent in rings[-1]:
            for child in sorted(neighbours[parent], key=lambda n: (-degree[n], n)):
                if child not in seen:
                    seen.add(child)
                    ring.append(child)
                    angle[child] = angle[parent]
        if not ring:
            break
        rings.append(ring)
    rest = sorted((n for n in neighbours if n not in seen), key=lambda n: (-degree[n], n))
    if rest:
        rings.append(rest)
    position = {}
    for depth, ring in enumerate(rings):
        radius = 0 if depth == 0 else 220 * depth + 14 * math.sqrt(len(ring)) * depth
        for index, node in enumerate(ring):
            theta = 2 * math.pi * index / max(len(ring), 1)
            position[node] = (radius * math.cos(theta), radius * math.sin(theta))
    for node in view.nodes:
        node.x, node.y = position[node.id]


# -- words --------------------------------------------------------------------------------------


def _kind(graph: TalentGraph, node: str) -> str:
    label = graph.label(node)
    if label == "Person":
        return "person"
    if label == "FundingRound":
        return "round"
    if label == "Deal":
        return "deal"
    kind = graph.node(node).get("kind", "other")
    return kind if kind in KINDS else "other"


def _label(graph: TalentGraph, node: str) -> str:
    data = graph.node(node)
    if graph.label(node) == "FundingRound":
        return f"{data['round']} {data.get('date', '')}".strip() + (f" · {_money(data['amount'], data.get('currency'))}" if data.get("amount") else "")
    if graph.label(node) == "Deal":
        kind = {"acqui_hire": "acqui-hire", "stake": f"{data['stake']}% stake" if data.get("stake") else "stake"}.get(data["kind"], data["kind"])
        failed = f" ({data['outcome']})" if data.get("attempted") else ""
        return f"{graph.name(data['acquirer'])} {kind}{failed} {data.get('date', '')}".strip()
    return graph.name(node)


def _node_tooltip(graph: TalentGraph, node: str) -> str:
    data = graph.node(node)
    lines = [graph.name(node)]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    facts = []
    for key in ("kind", "country", "founded", "status", "born", "born_in", "round", "date", "outcome", "stake"):
        if data.get(key) is not None:
            facts.append(f"{key.replace('_', ' ')}: {data[key]}")
    if data.get("amount") is not None:
        facts.append(f"amount: {_money(data['amount'], data.get('currency'))}")
    if data.get("valuation") is not None:
        facts.append(f"valuation: {_money(data['valuation'], data.get('currency'))}")
    if facts:
        lines.append("; ".join(facts))
    if data.get("disputed_fields"):
        lines.append("sources disagree: " + "; ".join(claims.describe(claim) for claim in claims.decode(data)))
    lines.append("sources: " + _sources_text(graph, data.get("sources", [])))
    return "\n".join(lines)


def _edge_label(rel: str, items: list[dict[str, Any]]) -> str:
    verb = RELATIONSHIPS[rel].verb
    starts = sorted(i["start"].lstrip("~") for i in items if i.get("start"))
    ends = sorted(("present" if i.get("current") else i.get("end") or "").lstrip("~") for i in items)
    if rel in ("WORKED_AT", "STUDIED_AT") and starts:
        end = ends[-1] if ends and ends[-1] else ""
        return f"{verb} {starts[0]}–{end}" if end else f"{verb} from {starts[0]}"
    if rel == "FOUNDED" and items[0].get("date"):
        return f"{verb} {items[0]['date']}"
    if rel == "INVESTED_IN" and any(i.get("lead") for i in items):
        return "led"
    if rel == "TALENT_FLOW":
        return f"{items[0]['count']} people"
    return verb


def _edge_tooltip(graph: TalentGraph, source: str, target: str, rel: str, items: list[dict[str, Any]]) -> str:
    lines = [f"{graph.name(source)} {RELATIONSHIPS[rel].verb} {graph.name(target)}"]
    cited: set[str] = set()
    for item in items:
        detail = [str(item[key]) for key in ("title", "kind", "degree", "field") if item.get(key)]
        span = " to ".join(str(item[key]) for key in ("start", "end") if item.get(key))
        if item.get("current"):
            span = f"{span} to present" if span else "current"
        if detail or span:
            lines.append("• " + ", ".join(detail + ([span] if span else [])))
        if item.get("lead"):
            lines.append("• lead investor")
        if item.get("people") and rel == "TALENT_FLOW":
            lines.append("• " + ", ".join(graph.name(p) for p in item["people"]))
        cited.update(item.get("sources", []))
    lines.append("sources: " + _sources_text(graph, cited))
    return "\n".join(lines)


def _sources_text(graph: TalentGraph, ids) -> str:
    described = graph.describe_sources(sorted(ids))
    return "; ".join(
        f"{details.get('publisher')}, {details.get('date') or 'undated'}: {details.get('title')}" for details in described.values()
    ) or "none"


def _money(amount: float | int, currency: str | None) -> str:
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if amount >= size:
            return f"{amount / size:.3g}{suffix} {currency or ''}".strip()
    return f"{amount} {currency or ''}".strip()


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug or "view"
