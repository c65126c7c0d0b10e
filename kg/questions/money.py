"""Questions about money and deals: investors, portfolio, co_investors, acquisitions, attempted_deals."""

from __future__ import annotations

from typing import Any

from kg.questions.base import Cues, Param, Relation, asked_as, question
from kg.store import TalentGraph
from kg.understanding.vocabulary import KINDS, ROUNDS

#: how people say someone invested, raised, bought (for kg ask)
INVEST = (
    "back", "backed", "backs", "backing", "fund", "funded", "funds", "financed", "finance", "bankroll*",
    "invest", "invested", "invests", "investing", "put money", "investiert", "finanziert", "finanzierte",
    "unterstützt", "投资", "投了", "注资", "入股",
)
RAISE = (
    "investor*", "backer*", "funder*", "shareholder*", "investoren", "geldgeber", "kapitalgeber", "投资人", "投资方",
    "投资者", "股东", "funding", "funding round*", "rounds", "round", "raise", "raised", "raising",
    "finanzierungsrunde*", "runde", "eingesammelt", "融资", "估值", "valuation", "valued", "bewertung", "bewertet",
)
ACQUIRE = (
    "acquire*", "bought", "buy", "buys", "buying", "took over", "take over", "purchase*", "übernommen", "übernahm",
    "übernehmen", "gekauft", "kaufte", "kaufen", "收购", "并购", "买下", "买了",
)
DEAL_WORDS = ("acquisition*", "deals", "deal", "takeover*", "zukäufe", "übernahmen", "收购案", "交易")
ACQUI_HIRE = (
    "acqui-hire*", "acquihire*", "acqui hire*", "license and hire", "license-and-hire", "licence and hire",
    "reverse acqui-hire*", "acqui-hiring", "人才收购", "收编团队",
)


@asked_as(
    Cues(
        relations=(
            Relation(INVEST, object="org"),
            Relation(RAISE + tuple(word for words in ROUNDS.values() for word in words), near="org"),
        ),
        answers=("who", "how_much", "when", "how_many"),
        particles={"org": ("in", "of")},
    )
)


@question(
    "investors",
    "Who backed ORG: each round with its investors, leads, amounts and valuation",
    [Param("org", "org", "the company", required=True)],
    ["round", "date", "amount", "currency", "valuation", "investor", "lead", "investor_amount", "sources"],
    ["date", "round", "-lead", "investor"],
    "who backed Thinking Machines Lab?",
)
def investors(graph: TalentGraph, org: str) -> list[dict[str, Any]]:
    rows = []
    for funding_id, _ in graph.out_edges(org, "RAISED"):
        funding = graph.node(funding_id)
        backers = list(graph.in_edges(funding_id, "INVESTED_IN")) or [(None, {})]
        for investor, part in backers:
            rows.append(
                {
                    **_round_columns(funding),
                    "investor": graph.name(investor) if investor else None,
                    "lead": part.get("lead"),
                    "investor_amount": part.get("amount"),
                    "sources": [*funding["sources"], *part.get("sources", [])],
                    "_ids": [org, *([investor] if investor else [])],
                }
            )
    return rows


@asked_as(
    Cues(
        relations=(
            Relation(INVEST, agent="investor"),
            Relation(("portfolio", "investments", "bets", "beteiligungen", "投资组合"), near="investor"),
        ),
        answers=("org", "who", "when", "how_many"),
        particles={"investor": ("of", "by")},
    )
)
@question(
    "portfolio",
    "What an investor backed (its units and funds included)",
    [Param("investor", "investor", "the investor, a firm or a person", required=True)],
    ["company", "round", "date", "amount", "currency", "valuation", "investor", "lead", "investor_amount", "sources"],
    ["date", "company", "round", "investor"],
    "what did a16z invest in?",
)
def portfolio(graph: TalentGraph, investor: str) -> list[dict[str, Any]]:
    backers = graph.family(investor) if graph.has(investor, "Organization") else {investor}
    rows = []
    for backer in backers:
        for funding_id, part in graph.out_edges(backer, "INVESTED_IN"):
            funding = graph.node(funding_id)
            rows.append(
                {
                    "company": graph.name(funding["org"]),
                    **_round_columns(funding),
                    "investor": graph.name(backer),
                    "lead": part.get("lead"),
                    "investor_amount": part.get("amount"),
                    "sources": [*funding["sources"], *part.get("sources", [])],
                    "_ids": [backer, funding["org"]],
                }
            )
    return rows


@asked_as(
    Cues(
        relations=(
            Relation(INVEST),
            Relation(("investors", "backers", "investoren", "投资人", "投资方")),
            Relation(("co-investor*", "coinvestor*", "common investors", "shared investors", "mutual investors", "gemeinsame investoren", "共同投资人", "共同投资方", "共同投资者", "共同股东")),
        ),
        answers=("who", "how_many"),
        particles={"a": ("both", "in", "of", "between"), "b": ("and",)},
    )
)
@question(
    "co_investors",
    "Who backed both A and B, with their rounds in each",
    [
        Param("a", "org", "the first company", required=True),
        Param("b", "org", "the second company", required=True),
    ],
    ["investor", "rounds_in_a", "rounds_in_b", "led", "sources"],
    ["investor"],
    "who backed both SSI and Thinking Machines Lab?",
    list_columns=("sources", "rounds_in_a", "rounds_in_b", "led"),
)
def co_investors(graph: TalentGraph, a: str, b: str) -> list[dict[str, Any]]:
    in_a, in_b = _backers(graph, a), _backers(graph, b)
    rows = []
    for investor in sorted(set(in_a) & set(in_b)):
        parts = in_a[investor] + in_b[investor]
        rows.append(
            {
                "investor": graph.name(investor),
                "rounds_in_a": [label for label, _, _ in in_a[investor]],
                "rounds_in_b": [label for label, _, _ in in_b[investor]],
                "led": [label for label, lead, _ in parts if lead],
                "sources": [source for _, _, sources in parts for source in sources],
                "_ids": [investor, a, b],
            }
        )
    return rows


def _backers(graph: TalentGraph, org: str) -> dict[str, list[tuple[str, bool, list[str]]]]:
    found: dict[str, list[tuple[str, bool, list[str]]]] = {}
    for funding_id, _ in graph.out_edges(org, "RAISED"):
        funding = graph.node(funding_id)
        label = round_label(funding)
        for investor, part in graph.in_edges(funding_id, "INVESTED_IN"):
            sources = [*funding["sources"], *part.get("sources", [])]
            found.setdefault(investor, []).append((label, bool(part.get("lead")), sources))
    return found


def round_label(funding: dict[str, Any]) -> str:
    """``seed 2025-06 (Thinking Machines Lab)``-style label, without the company."""
    return f"{funding['round']} {funding.get('date') or 'undated'}"


@asked_as(
    Cues(
        relations=(
            Relation(ACQUIRE, agent="org", object="org"),
            Relation(DEAL_WORDS, near="org"),
            Relation(("pay", "paid", "pays", "zahlte", "gezahlt", "bezahlt", "支付", "付了", "花了"), agent="org", object="org"),
        ),
        answers=("org", "how_much", "when", "who", "how_many"),
        particles={"org": ("by", "of")},
        flags={"kind": (("acqui_hire", ACQUI_HIRE),)},
        # the targets of acquisitions are companies: "which startups did X buy" names the answer
        nouns=KINDS["startup"],
    )
)
@question(
    "acquisitions",
    "Acquisitions, stakes and acqui-hires by or of ORG, with the people who moved",
    [
        Param("org", "org", "the acquirer or target (its units included); all deals if omitted"),
        Param("kind", "choice", "only deals of this kind", choices=("acquisition", "stake", "acqui_hire", "merger")),
    ],
    ["date", "acquirer", "target", "kind", "amount", "currency", "stake", "outcome", "people", "sources"],
    ["date", "acquirer", "target"],
    "which startups did Microsoft acqui-hire?",
    list_columns=("sources", "people"),
)
def acquisitions(graph: TalentGraph, org: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    return _deals(graph, org, failed=False, kind=kind)


@asked_as(
    Cues(
        relations=(
            Relation(ACQUIRE, agent="org", object="org"),
            Relation(DEAL_WORDS, near="org"),
            Relation(("tried to", "attempted", "attempt*", "wanted to", "failed", "rejected", "abandoned", "blocked", "turned down", "bid", "bids", "gescheitert*", "abgelehnt*", "wollte", "versucht*", "试图", "曾想", "想要", "拒绝", "失败的", "未成功"), near="org"),
        ),
        answers=("org", "who", "when", "how_much"),
        particles={"org": ("by", "of")},
    )
)
@question(
    "attempted_deals",
    "Offers to buy or take a stake that were rejected, abandoned or blocked",
    [Param("org", "org", "the would-be acquirer or target; all attempts if omitted")],
    ["date", "acquirer", "target", "kind", "amount", "currency", "stake", "outcome", "people", "sources"],
    ["date", "acquirer", "target"],
    "which acquisitions did Meta attempt?",
    list_columns=("sources", "people"),
)
def attempted_deals(graph: TalentGraph, org: str | None = None) -> list[dict[str, Any]]:
    return _deals(graph, org, failed=True)


def _deals(graph: TalentGraph, org: str | None, failed: bool, kind: str | None = None) -> list[dict[str, Any]]:
    family = graph.family(org) if org else None
    rows = []
    for deal_id, deal in graph.nodes("Deal"):
        if deal["attempted"] != failed or (kind and deal["kind"] != kind):
            continue
        if family is not None and deal["acquirer"] not in family and deal["target"] not in family:
            continue
        people = [person for person, _ in graph.in_edges(deal_id, "JOINED_VIA")]
        rows.append(
            {
                "date": deal.get("date"),
                "acquirer": graph.name(deal["acquirer"]),
                "target": graph.name(deal["target"]),
                "kind": deal["kind"],
                "amount": deal.get("amount"),
                "currency": deal.get("currency"),
                "stake": deal.get("stake"),
                "outcome": deal["outcome"],
                "people": [graph.name(person) for person in people],
                "sources": deal["sources"],
                "_ids": [deal["acquirer"], deal["target"], *people],
            }
        )
    return rows


def _round_columns(funding: dict[str, Any]) -> dict[str, Any]:
    return {
        "round": funding["round"],
        "date": funding.get("date"),
        "amount": funding.get("amount"),
        "currency": funding.get("currency"),
        "valuation": funding.get("valuation"),
    }
