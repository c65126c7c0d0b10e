"""The graph's vocabulary, declared once: node labels, organisation kinds, relationship types.

Every writer reads it: the graph builder (which checks every edge against it), the Neo4j loader,
the HTML views and the explanations of a path. This module imports nothing heavy, so questions can
use it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

NODE_LABELS = ("Person", "Organization", "FundingRound", "Deal", "Offer", "Move", "Source")
#: what became of a hiring offer or retention package
OFFER_OUTCOMES = ("accepted", "declined", "unknown")


@dataclass(frozen=True)
class OrgKind:
    """An organisation kind: its legend label, its Neo4j label beside ``Organization``, its colour."""

    kind: str
    label: str
    neo4j_label: str
    colour: str
    #: an organisation of this kind without a parent counts as an independent startup or lab
    startup: bool = False


ORG_KINDS = {
    kind.kind: kind
    for kind in (
        OrgKind("frontier_lab", "Frontier lab", "FrontierLab", "#e45756", startup=True),
        OrgKind("startup", "Startup", "Startup", "#f58518", startup=True),
        OrgKind("big_tech", "Big tech", "BigTech", "#7b4fa0"),
        OrgKind("division", "Division of a company", "Division", "#b279a2"),
        OrgKind("investor", "Investor", "Investor", "#54a24b"),
        OrgKind("university", "University", "University", "#9d755d"),
        OrgKind("school", "School", "School", "#bab0ac"),
        OrgKind("research_institute", "Research institute", "ResearchInstitute", "#72b7b2"),
        OrgKind("other", "Other organisation", "OtherOrganization", "#888888"),
    )
}


@dataclass(frozen=True)
class Relationship:
    """A relationship type: the labels it joins, how a path explains a hop, how a view labels it."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    phrase: str  # "{a} worked at {b}": a path's explanation of one hop
    verb: str  # "worked at": a view's edge label
    in_paths: bool = False  # a path may go through it
    in_views: bool = False  # neighbourhood and answer views draw it
    #: the relationship's stable key, from ``{source}``, ``{target}`` and its ``{order}`` property
    key: str = "{source}/{type}/{target}"


_PEOPLE_OR_ORGS = ("Organization", "Person")

#: In order of precedence: when several relationships join the same two nodes, the first explains
#: the hop in a path and comes first in a view's edge label.
RELATIONSHIPS = {
    rel.type: rel
    for rel in (
        Relationship("FOUNDED", ("Person",), ("Organization",), "{a} founded {b}", "founded", True, True, key="{source}/founded/{target}"),
        Relationship("WORKED_AT", ("Person",), ("Organization",), "{a} worked at {b}", "worked at", True, True, key="{source}/roles/{order}"),
        Relationship("STUDIED_AT", ("Person",), ("Organization",), "{a} studied at {b}", "studied at", True, True, key="{source}/education/{order}"),
        Relationship("STUDIED_UNDER", ("Person",), ("Person",), "{a} studied under {b}", "student of", True, True, key="{source}/advisor/{order}"),
        Relationship("INVESTED_IN", _PEOPLE_OR_ORGS, ("FundingRound",), "{a} invested in {b}", "invested", True, True, key="{target}/investor/{source}"),
        Relationship("RAISED", ("Organization",), ("FundingRound",), "{a} raised {b}", "raised", True, True, key="{target}/raised"),
        Relationship("ACQUIRER_IN", ("Organization",), ("Deal",), "{a} was the acquirer in {b}", "acquirer", True, True, key="{target}/acquirer"),
        Relationship("TARGET", ("Deal",), ("Organization",), "{a} targeted {b}", "target", True, True, key="{source}/target"),
        Relationship("JOINED_VIA", ("Person",), ("Deal",), "{a} moved with {b}", "moved with", in_views=True, key="{target}/people/{source}"),
        Relationship("PART_OF", ("Organization",), ("Organization",), "{a} is part of {b}", "part of", True, True, key="{source}/parent"),
        Relationship("TALENT_FLOW", ("Organization",), ("Organization",), "people moved from {a} to {b}", "people moved", key="flow/{source}/{target}"),
        Relationship("MADE", ("Person",), ("Move",), "{a} made {b}", "made", key="{target}/made"),
        Relationship("FROM", ("Move",), ("Organization",), "{a} left {b}", "from", key="{source}/from"),
        Relationship("TO", ("Move",), ("Organization",), "{a} went to {b}", "to", key="{source}/to"),
        Relationship("VIA", ("Move",), ("Deal",), "{a} came with {b}", "via", key="{source}/via"),
        Relationship("OFFERED", ("Organization",), ("Offer",), "{a} made {b}", "offered", key="{target}/offered_by"),
        Relationship("OFFERED_TO", ("Offer",), ("Person",), "{a} went to {b}", "offered to", key="{source}/to/{target}"),
        Relationship("CITES", tuple(label for label in NODE_LABELS if label != "Source"), ("Source",), "{a} cites {b}", "cites", key="{source}/cites/{target}"),
    )
}

#: Relationships a path may use; moves, sources and derived flows are left out on purpose.
PATH_TYPES = tuple(rel.type for rel in RELATIONSHIPS.values() if rel.in_paths)
#: Relationships neighbourhood and answer views draw (moves, sources and flows have views of their own).
VIEW_TYPES = tuple(rel.type for rel in RELATIONSHIPS.values() if rel.in_views)
#: Every label kg writes in Neo4j.
ALL_LABELS = tuple(dict.fromkeys([*NODE_LABELS, *(kind.neo4j_label for kind in ORG_KINDS.values())]))


def key_of(rel: str, source: str, target: str, order: int | None = None) -> str:
    """A relationship's stable key (Neo4j merges on it), made as its type declares."""
    return RELATIONSHIPS[rel].key.format(source=source, target=target, order=order, type=rel)


def precedence(rel: str) -> int:
    """Where a relationship type stands in :data:`RELATIONSHIPS` (first explains a shared hop)."""
    return list(RELATIONSHIPS).index(rel)
