"""The graph's vocabulary, declared once: node labels, organisation-kind labels, relationship types.

Every writer (networkx, Neo4j, HTML) and every explanation of a path reads what a relationship
means from :data:`RELATIONSHIPS`. This module imports nothing heavy, so questions can use it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Neo4j label for each organisation kind, added beside ``Organization``.
KIND_LABELS = {
    "frontier_lab": "FrontierLab",
    "startup": "Startup",
    "big_tech": "BigTech",
    "division": "Division",
    "investor": "Investor",
    "university": "University",
    "school": "School",
    "research_institute": "ResearchInstitute",
    "other": "OtherOrganization",
}

NODE_LABELS = ("Person", "Organization", "FundingRound", "Deal", "Offer", "Move", "Source")


@dataclass(frozen=True)
class Relationship:
    """A relationship type: its endpoints' labels and how a path explains one hop."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    phrase: str  # "{a} worked at {b}"; used by path explanations
    reverse_phrase: str  # the same hop read from its end: "{b} employed {a}"


RELATIONSHIPS = {
    rel.type: rel
    for rel in (
        Relationship("WORKED_AT", ("Person",), ("Organization",), "{a} worked at {b}", "{b} employed {a}"),
        Relationship("FOUNDED", ("Person",), ("Organization",), "{a} founded {b}", "{b} was founded by {a}"),
        Relationship("STUDIED_AT", ("Person",), ("Organization",), "{a} studied at {b}", "{b} taught {a}"),
        Relationship("STUDIED_UNDER", ("Person",), ("Person",), "{a} studied under {b}", "{b} advised {a}"),
        Relationship("PART_OF", ("Organization",), ("Organization",), "{a} is part of {b}", "{b} includes {a}"),
        Relationship("MADE", ("Person",), ("Move",), "{a} made {b}", "{b} was made by {a}"),
        Relationship("FROM", ("Move",), ("Organization",), "{a} left {b}", "{b} was left in {a}"),
        Relationship("TO", ("Move",), ("Organization",), "{a} went to {b}", "{b} was joined in {a}"),
        Relationship("VIA", ("Move",), ("Deal",), "{a} came with {b}", "{b} brought {a}"),
        Relationship("JOINED_VIA", ("Person",), ("Deal",), "{a} moved with {b}", "{b} brought {a}"),
        Relationship("RAISED", ("Organization",), ("FundingRound",), "{a} raised {b}", "{b} was raised by {a}"),
        Relationship(
            "INVESTED_IN", ("Organization", "Person"), ("FundingRound",), "{a} invested in {b}", "{b} was backed by {a}"
        ),
        Relationship("ACQUIRER_IN", ("Organization",), ("Deal",), "{a} was the acquirer in {b}", "{b} was made by {a}"),
        Relationship("TARGET", ("Deal",), ("Organization",), "{a} targeted {b}", "{b} was the target of {a}"),
        Relationship("OFFERED", ("Organization",), ("Offer",), "{a} made {b}", "{b} was made by {a}"),
        Relationship("OFFERED_TO", ("Offer",), ("Person",), "{a} went to {b}", "{b} received {a}"),
        Relationship(
            "TALENT_FLOW",
            ("Organization",),
            ("Organization",),
            "people moved from {a} to {b}",
            "{b} drew people from {a}",
        ),
        Relationship("CITES", tuple(label for label in NODE_LABELS if label != "Source"), ("Source",), "{a} cites {b}", "{b} is cited by {a}"),
    )
}
