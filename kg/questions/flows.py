"""Questions about talent flows between organisations: flows, top_flows."""

from __future__ import annotations

from typing import Any

from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.questions.people import move_row
from kg.store import TalentGraph


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
    side_a, side_b = graph.family(a), graph.family(b)
    rows = []
    for _, move in graph.moves_from(side_a | side_b):
        if move["internal"]:
            continue
        if move["from"] in side_a and move["to"] in side_b:
            direction = "a_to_b"
        elif move["from"] in side_b and move["to"] in side_a:
            direction = "b_to_a"
        else:
            continue
        rows.append({"direction": direction} | move_row(graph, move))
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
        return _net_intake(graph, org)
    rows = []
    for source, target, flow in graph.edges("TALENT_FLOW"):
        if org and org not in (source, target):
            continue
        rows.append(
            {
                "from": graph.name(source),
                "to": graph.name(target),
                "people": flow["count"],
                "names": [graph.name(person) for person in flow["people"]],
                "sources": flow["sources"],
                "_ids": [source, target, *flow["people"]],
            }
        )
    return rows


def _net_intake(graph: TalentGraph, org: str | None) -> list[dict[str, Any]]:
    totals: dict[str, list[int]] = {}
    sources: dict[str, list[str]] = {}
    for source, target, flow in graph.edges("TALENT_FLOW"):
        totals.setdefault(target, [0, 0])[0] += flow["count"]
        totals.setdefault(source, [0, 0])[1] += flow["count"]
        for end in (source, target):
            sources.setdefault(end, []).extend(flow["sources"])
    return [
        {
            "org": graph.name(org_id),
            "inflow": inflow,
            "outflow": outflow,
            "net": inflow - outflow,
            "sources": sources[org_id],
            "_ids": [org_id],
        }
        for org_id, (inflow, outflow) in totals.items()
        if org is None or org_id == org
    ]
