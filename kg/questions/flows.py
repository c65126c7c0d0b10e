"""Talent flows between organisations: the flows and top_flows questions, and the one roll-up of
org-to-org flows that ``kg flows`` and the flow views read.

A talent flow is stored once per pair of organisations (``TALENT_FLOW``, internal transfers left
out). :func:`org_flows` rolls those up for a chosen set of organisations: a flow counts for every
listed organisation whose lineage holds its end, so Google's row includes Google DeepMind's people,
exactly as ``flows(a=Google, b=…)`` does.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.defaults import TOP_FLOWS
from kg.errors import at_least_one
from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.questions.people import move_row
from kg.result import Result
from kg.store import TalentGraph

if TYPE_CHECKING:
    from kg.backends import Backend

@dataclass
class OrgFlow:
    """Everyone who moved from one organisation (its units included) to another."""

    people: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def org_flows(flows: Iterable[dict[str, Any]], orgs: list[str]) -> dict[tuple[str, str], OrgFlow]:
    """The people who moved from each of ``orgs`` to each other one, units counted with every listed ancestor.

    ``flows`` are stored talent flows as a backend's :meth:`talent_flows` gives them: ``from_lineage``,
    ``to_lineage``, ``people`` and ``sources``.

    >>> flows = [{"from_lineage": ["brain", "google"], "to_lineage": ["openai"], "people": ["ada"], "sources": ["s"]}]
    >>> sorted(org_flows(flows, ["google", "openai"]).items())
    [(('google', 'openai'), OrgFlow(people={'ada'}, sources={'s'}))]
    """
    listed = set(orgs)
    found: dict[tuple[str, str], OrgFlow] = {}
    for flow in flows:
        for a in listed.intersection(flow["from_lineage"]):
            for b in listed.intersection(flow["to_lineage"]):
                if a != b:
                    pair = found.setdefault((a, b), OrgFlow())
                    pair.people.update(flow["people"])
                    pair.sources.update(flow["sources"])
    return found


def busiest_orgs(flows: list[dict[str, Any]], top: int) -> list[str]:
    """The ``top`` organisations with the most people moving in and out, units counted with their parent.

    An organisation whose parent (or any ancestor) is already chosen is left out: the parent's
    counts include it. Ties go to the parent, then to the smaller id.
    """
    totals: dict[str, int] = {}
    depth: dict[str, int] = {}
    for flow in flows:
        for lineage in (flow["from_lineage"], flow["to_lineage"]):
            for position, org in enumerate(lineage):
                totals[org] = totals.get(org, 0) + len(flow["people"])
                depth[org] = len(lineage) - position
    chosen: list[str] = []
    lineage_of = {lineage[0]: lineage for flow in flows for lineage in (flow["from_lineage"], flow["to_lineage"])}
    for org in sorted(totals, key=lambda o: (-totals[o], depth[o], o)):
        if len(chosen) == top:
            break
        if not set(lineage_of.get(org, [org])[1:]) & set(chosen):
            chosen.append(org)
    return chosen


def flow_matrix(backend: Backend, orgs: list[str], top: int = TOP_FLOWS) -> Result:
    """Counts of distinct people per (from, to) pair of organisations, units rolled up (see :func:`org_flows`).

    Without ``orgs``, the ``top`` busiest organisations (:func:`busiest_orgs`).
    """
    at_least_one(top=top)
    flows = backend.talent_flows()
    entries = [backend.resolve(name, "Organization") for name in orgs]
    ids = [entry.id for entry in entries] if orgs else busiest_orgs(flows, top)
    names = [entry.name for entry in entries] if orgs else [backend.resolve(i, "Organization").name for i in ids]
    counts = org_flows(flows, ids)
    rows = [
        {
            "from": names[i],
            **{names[j]: (len(counts[(a, b)].people) if (a, b) in counts else 0) if i != j else None for j, b in enumerate(ids)},
        }
        for i, a in enumerate(ids)
    ]
    return Result(
        intent="flows",
        params={"orgs": ids},
        columns=["from", *names],
        rows=rows,
        title="people who moved from the row's organisation to the column's",
        notes=["units count with their parent organisation; moves inside one corporate family are no flow"],
    )


def _flow_notes(rows: list[dict[str, Any]], params: dict[str, Any]) -> list[str]:
    forward = len({row["person"] for row in rows if row["direction"] == "a_to_b"})
    backward = len({row["person"] for row in rows if row["direction"] == "b_to_a"})
    return [f"people from a to b: {forward}; from b to a: {backward}; net towards b: {forward - backward:+d}"]


@asked_as(
    Cues(
        relations=(Relation(("flow", "flows", "talent flow*", "moved between", "moving between", "talentfluss", "talentströme", "wechsel", "人才流动", "流动")),),
        answers=("how_many", "who"),
        particles={"a": ("between", "from", "both"), "b": ("and", "to")},
    )
)
@question(
    "flows",
    "People who moved between A and B, in both directions, with the net balance",
    [
        Param("a", "org", "one organisation (its units included)", required=True),
        Param("b", "org", "the other organisation (its units included)", required=True),
    ],
    ["direction", "person", "from", "to", "date", "via_deal", "sources"],
    ["direction", "date", "person"],
    "talent flows between OpenAI and Anthropic",
    notes=_flow_notes,
)
def flows(graph: TalentGraph, a: str, b: str) -> list[dict[str, Any]]:
    """Read from the stored flows between the two families (each holds its moves), not from every move."""
    side_a, side_b = graph.family(a), graph.family(b)
    rows = []
    for source, target, flow in graph.flows_between(side_a, side_b):
        rows += [{"direction": "a_to_b"} | move_row(graph, graph.node(move)) for move in flow["moves"]]
    for source, target, flow in graph.flows_between(side_b, side_a):
        if not (source in side_a and target in side_b):  # families that overlap: said once, as a to b
            rows += [{"direction": "b_to_a"} | move_row(graph, graph.node(move)) for move in flow["moves"]]
    return rows


@asked_as(
    Cues(
        relations=(
            Relation(("flows", "talent flow*", "talentfluss", "talentströme", "人才流动"), near="org"),
            Relation(("biggest flows", "largest flows", "top flows", "biggest talent flows", "largest talent flows", "net importer*", "net gainer*", "gained the most", "größte talentströme", "größten talentströme", "wichtigste talentströme", "nettoimporteur*", "最大的人才流动", "主要的人才流动", "人才净流入", "净流入"), near="org"),
        ),
        answers=("org", "how_many"),
        particles={"org": ("to", "at", "of", "in")},
        flags={"by": (("org", ("net importer*", "net gainer*", "gained the most", "nettoimporteur*", "人才净流入", "净流入")),)},
    )
)
@question(
    "top_flows",
    "The largest talent flows: org-to-org pairs, or each organisation's net intake (by=org)",
    [
        Param("org", "org", "only flows into or out of this organisation"),
        Param("by", "choice", "pair: the largest flows; org: net importers of talent", default="pair", choices=("pair", "org")),
        Param("limit", "int", "how many rows", default=15),
    ],
    ["from", "to", "org", "people", "inflow", "outflow", "net", "names", "sources"],
    ["-people", "-net", "from", "to", "org"],
    "which labs are the biggest net importers of talent?",
    list_columns=("sources", "names"),
    limit_param="limit",
)
def top_flows(graph: TalentGraph, org: str | None = None, by: str = "pair", limit: int = 15) -> list[dict[str, Any]]:
    if by == "org":
        return _net_intake(graph, org, limit)
    if org:
        chosen = [(org, target, flow) for target, flow in graph.out_edges(org, "TALENT_FLOW")]
        chosen += [(source, org, flow) for source, flow in graph.in_edges(org, "TALENT_FLOW")]
    else:  # the largest flows only (ties with the last kept): the finishing step orders and cuts them
        counts = graph.column("TALENT_FLOW", "count")
        chosen = [graph.edge("TALENT_FLOW", edge) for edge in _best(counts, limit)]
    return [
        {
            "from": graph.name(source),
            "to": graph.name(target),
            "people": flow["count"],
            "names": [graph.name(person) for person in flow["people"]],
            "sources": flow["sources"],
            "_ids": [source, target, *flow["people"]],
        }
        for source, target, flow in chosen
    ]


def _best(values: list[int], limit: int | None) -> list[int]:
    """Positions of the ``limit`` largest values, and of any equal to the last of them (all when no limit)."""
    if not limit or len(values) <= limit:
        return list(range(len(values)))
    cut = heapq.nlargest(limit, values)[-1]
    return [position for position, value in enumerate(values) if value >= cut]


def _net_intake(graph: TalentGraph, org: str | None, limit: int | None) -> list[dict[str, Any]]:
    inflow, outflow = graph.sums("TALENT_FLOW", "count", only=[org] if org else None, best_net=None if org else limit)
    orgs = sorted(set(inflow) | set(outflow))
    totals = {o: (inflow.get(o, 0), outflow.get(o, 0)) for o in orgs}
    return [
        {
            "org": graph.name(org_id),
            "inflow": totals[org_id][0],
            "outflow": totals[org_id][1],
            "net": totals[org_id][0] - totals[org_id][1],
            "sources": [source for _, flow in graph.in_edges(org_id, "TALENT_FLOW") for source in flow["sources"]]
            + [source for _, flow in graph.out_edges(org_id, "TALENT_FLOW") for source in flow["sources"]],
            "_ids": [org_id],
        }
        for org_id in orgs
    ]
