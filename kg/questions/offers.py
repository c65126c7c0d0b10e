"""``offers``: hiring offers and retention packages, as reported, with who made them and who got them."""

from __future__ import annotations

from typing import Any

from kg.schema import OFFER_OUTCOMES
from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.store import TalentGraph


@asked_as(
    Cues(
        relations=(
            Relation(
                (
                    "offer*", "job offer*", "pay package*", "package*", "retention bonus*", "retention package*", "bonus*",
                    "angebot*", "gehaltsangebot*", "halteprämie*", "offerte*", "邀约", "挖角", "报价", "高薪", "薪酬", "留任奖金",
                ),
                near="org",
            ),
        ),
        answers=("who", "how_much", "when", "how_many"),
        particles={"org": ("of", "by", "from"), "person": ("to",)},
        flags={
            "outcome": (
                ("declined", ("turned down", "declined", "rejected", "refused", "said no to", "abgelehnt", "ausgeschlagen", "拒绝", "婉拒")),
                ("accepted", ("accepted", "took", "angenommen", "接受", "接受了")),
            )
        },
    )
)
@question(
    "offers",
    "Hiring offers and retention packages made by ORG or to PERSON, with the reported amount and outcome",
    [
        Param("org", "org", "the organisation that made the offers (its units included); all if omitted"),
        Param("person", "person", "only offers made to this person"),
        Param("outcome", "choice", "only offers with this outcome", choices=OFFER_OUTCOMES),
    ],
    ["date", "offered_by", "to", "kind", "amount", "currency", "terms", "form", "outcome", "sources"],
    ["date", "offered_by", "to"],
    "who turned down Meta's offers?",
    list_columns=("sources", "to"),
)
def offers(graph: TalentGraph, org: str | None = None, person: str | None = None, outcome: str | None = None) -> list[dict[str, Any]]:
    family = graph.family(org) if org else None
    rows = []
    for offer_id, offer in graph.nodes("Offer"):
        if outcome and offer["outcome"] != outcome:
            continue
        maker = next(maker for maker, _ in graph.in_edges(offer_id, "OFFERED"))
        if family is not None and maker not in family:
            continue
        people = [someone for someone, _ in graph.out_edges(offer_id, "OFFERED_TO")]
        if person and person not in people:
            continue
        rows.append(
            {
                "date": offer.get("date"),
                "offered_by": graph.name(maker),
                "to": [graph.name(someone) for someone in people] or [offer["to_group"]],
                "kind": offer["kind"],
                "amount": offer.get("amount"),
                "currency": offer.get("currency"),
                "terms": offer.get("terms"),
                "form": offer.get("form"),
                "outcome": offer["outcome"],
                "sources": offer["sources"],
                "_ids": [maker, *people],
            }
        )
    return rows
