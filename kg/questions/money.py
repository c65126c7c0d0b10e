"""Questions about money and deals: investors, portfolio, co_investors, acquisitions, attempted_deals."""

from __future__ import annotations

from typing import Any

from kg.dates import in_window
from kg.errors import UsageError
from kg.questions.answers import NAMES_SHOWN, cited, figure_sources, money, other_reports
from kg.questions.base import SINCE, UNTIL, Cues, Param, Relation, asked_as, question
from kg.schema import ORG_KINDS
from kg.store import TalentGraph
from kg.understanding.vocabulary import KINDS, LEAD, ROUNDS

#: how people say someone invested, raised, bought (for kg ask)
INVEST = (
    "back", "backed", "backs", "backing", "fund", "funded", "funds", "financed", "finance", "bankroll*",
    "invest", "invested", "invests", "investing", "put money", "investiert", "finanziert", "finanzierte",
    "unterstützt", "投资", "投了", "注资", "入股",
)
RAISE = (
    "investor*", "backer*", "funder*", "shareholder*", "investoren", "geldgeber", "kapitalgeber", "投资人", "投资方",
    "投资者", "股东", "funding", "raise", "raised", "raising", "eingesammelt", "融资", "估值", "valuation", "valued", "valued at",
    "bewertung", "bewertet",
)
ROUND_WORDS = ("funding round*", "rounds", "round", "finanzierungsrunde*", "runde", "runden", "融资轮次", "轮次", "融资轮")
ACQUIRE = (
    "acquire*", "bought", "buy", "buys", "buying", "took over", "take over", "purchase*", "übernommen", "übernahm",
    "übernehmen", "gekauft", "kaufte", "kaufen", "收购", "并购", "买下", "买了",
)
DEAL_WORDS = ("acquisition*", "deals", "deal", "takeover*", "zukäufe", "übernahmen", "收购案", "交易")
ACQUI_HIRE = (
    "acqui-hire*", "acquihire*", "acqui hire*", "license and hire", "license-and-hire", "licence and hire",
    "reverse acqui-hire*", "acqui-hiring", "人才收购", "收编团队",
)

DEAL_KIND = Param("kind", "choice", "only deals of this kind", choices=("acquisition", "stake", "acqui_hire", "merger"))
TARGET_COUNTRY = Param("country", "country", "only deals whose target is in this country (a two-letter code: US, CN)")


@asked_as(
    Cues(
        relations=(
            Relation(INVEST, object="org"),
            Relation(RAISE, near="org"),
        ),
        # how much, and when: the rounds question answers those in one line
        answers=("who", "how_many"),
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
    counts=("investor", "investors"),
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
    counts=("company", "companies"),
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
    counts=("investor", "investors"),
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
            Relation(ACQUI_HIRE, agent="org", object="org"),
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
        DEAL_KIND,
        SINCE,
        UNTIL,
        TARGET_COUNTRY,
    ],
    ["date", "acquirer", "target", "kind", "amount", "currency", "stake", "outcome", "people", "sources"],
    ["date", "acquirer", "target"],
    "which startups did Microsoft acqui-hire?",
    list_columns=("sources", "people"),
    counts=(None, "deals"),
)
def acquisitions(
    graph: TalentGraph,
    org: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
) -> list[dict[str, Any]]:
    return _deals(graph, org, failed=False, kind=kind, since=since, until=until, country=country)


@asked_as(
    Cues(
        relations=(
            Relation(ACQUIRE, agent="org", object="org"),
            Relation(DEAL_WORDS, near="org"),
            Relation(("tried to", "attempted", "attempt*", "wanted to", "failed", "rejected", "abandoned", "blocked", "turned down", "bid", "bids", "gescheitert*", "abgelehnt*", "wollte", "versucht*", "试图", "曾想", "想要", "拒绝", "失败的", "未成功"), near="org"),
        ),
        answers=("org", "who", "when", "how_much"),
        particles={"org": ("by", "of")},
        nouns=("offer", "offers", "angebot*", "报价"),  # an attempt is an offer that did not close
    )
)
@question(
    "attempted_deals",
    "Offers to buy or take a stake that were rejected, abandoned or blocked",
    [Param("org", "org", "the would-be acquirer or target; all attempts if omitted"), SINCE, UNTIL, TARGET_COUNTRY],
    ["date", "acquirer", "target", "kind", "amount", "currency", "stake", "outcome", "people", "sources"],
    ["date", "acquirer", "target"],
    "which acquisitions did Meta attempt?",
    list_columns=("sources", "people"),
    counts=(None, "deals"),
)
def attempted_deals(
    graph: TalentGraph, org: str | None = None, since: str | None = None, until: str | None = None, country: str | None = None
) -> list[dict[str, Any]]:
    return _deals(graph, org, failed=True, since=since, until=until, country=country)


def _check_deal(params: dict[str, Any]) -> None:
    if not any(params.get(name) for name in ("org", "acquirer", "target")):
        raise UsageError("deal needs org, acquirer or target: which deal? (acquisitions lists them all)")


@asked_as(
    Cues(
        relations=(
            Relation(ACQUIRE + ACQUI_HIRE, agent="acquirer", object="target"),
            Relation(("pay", "paid", "pays", "price", "cost", "zahlte", "gezahlt", "bezahlt", "支付", "付了", "花了", "价格"), agent="acquirer", object="target"),
            Relation(("stake", "share", "anteil", "beteiligung", "股份", "股权"), near="target"),
            Relation(DEAL_WORDS, near="org"),
        ),
        answers=("how_much", "when", "who", "how_many"),
        particles={"acquirer": ("by",), "target": ("to", "in")},
        flags={"kind": (("acqui_hire", ACQUI_HIRE),)},
        nouns=("team", "teams", "团队"),  # paying for a company's team is the deal, and its people the rows
    )
)
@question(
    "deal",
    "A deal look-up: who paid what for which stake of whom, when, how it ended, and who moved with it",
    [
        Param("org", "org", "either party (its units included)"),
        Param("acquirer", "org", "the buyer (its units included)"),
        Param("target", "org", "the company bought, or offered for (its units included)"),
        DEAL_KIND,
        SINCE,
        UNTIL,
    ],
    ["date", "acquirer", "target", "kind", "amount", "currency", "stake", "outcome", "people", "claims", "sources"],
    ["date", "acquirer", "target"],
    "how much did Meta pay for its stake in Scale AI?",
    list_columns=("sources", "people", "claims"),
    check=_check_deal,
    answer=lambda rows, params: deal_answer(rows),
    counts=(None, "deals"),
)
def deal(
    graph: TalentGraph,
    org: str | None = None,
    acquirer: str | None = None,
    target: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Attempted deals included: their outcome says what became of the offer."""
    return _deals(graph, org, failed=None, kind=kind, since=since, until=until, acquirer=acquirer, target=target, claims=True)


def deal_answer(rows: list[dict[str, Any]]) -> str:
    """``Gamma Corp paid 500M USD for Delta Labs (acqui-hire), 2024-03 [1 source]; people who moved: …``"""
    return " | ".join(_deal_sentence(row) for row in rows[:NAMES_SHOWN]) + (
        f" | and {len(rows) - NAMES_SHOWN} more deals" if len(rows) > NAMES_SHOWN else ""
    )


def _deal_sentence(row: dict[str, Any]) -> str:
    price = lambda amount: money(amount, row["currency"])  # noqa: E731
    verb = {"completed": "paid", "announced": "agreed to pay", "pending": "agreed to pay"}.get(row["outcome"], "offered")
    share = lambda stake: f"{stake:g}% of " if stake is not None else ""  # noqa: E731
    what = {"acqui_hire": " (licence and hiring of its team)", "merger": " (merger)"}.get(row["kind"], "")
    outcome = f" ({row['outcome']})" if verb == "offered" else ""
    line = (
        f"{row['acquirer']} {verb} {price(row['amount'])} for {share(row['stake'])}{row['target']}{what}{outcome}, "
        f"{row['date'] or 'undated'} {cited(figure_sources(row, 'amount'))}"
    )
    line += other_reports(row, "amount", price) + other_reports(row, "stake", lambda stake: f"{stake:g}%", " of the stake")
    if row["people"]:
        line += f"; people who moved with it: {', '.join(row['people'])}"
    return line


def _deals(
    graph: TalentGraph,
    org: str | None,
    failed: bool | None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    acquirer: str | None = None,
    target: str | None = None,
    claims: bool = False,
) -> list[dict[str, Any]]:
    """Deals by outcome (``failed`` None: every outcome) and the filters the deal questions share."""
    family = graph.family(org) if org else None
    buyers = graph.family(acquirer) if acquirer else None
    bought = graph.family(target) if target else None
    rows = []
    for deal_id, deal in graph.nodes("Deal"):
        if failed is not None and deal["attempted"] != failed or (kind and deal["kind"] != kind):
            continue
        if family is not None and deal["acquirer"] not in family and deal["target"] not in family:
            continue
        if (buyers is not None and deal["acquirer"] not in buyers) or (bought is not None and deal["target"] not in bought):
            continue
        if country and graph.node(deal["target"]).get("country") != country:
            continue
        if not in_window(deal.get("date_low"), deal.get("date_high"), since, until):
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
                **({"claims": deal.get("claims", [])} if claims else {}),
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


@asked_as(
    Cues(
        relations=(
            Relation(INVEST, object="org", agent="investor"),
            Relation(RAISE, near="org"),
            Relation(ROUND_WORDS + tuple(word for words in ROUNDS.values() for word in words), near="org"),
            Relation(LEAD, object="org", agent="investor"),
        ),
        answers=("how_much", "when", "who", "how_many"),
        particles={"org": ("in", "of"), "investor": ("by",)},
    )
)
@question(
    "rounds",
    "Funding rounds with amount, valuation, leads and investors: by company, investor, round name, time, kind or country",
    [
        Param("org", "org", "only this company's rounds (its units included)"),
        Param("investor", "investor", "only rounds this investor took part in (its units and funds included)"),
        Param("led", "bool", "only rounds the investor led", default=False),
        Param("round", "round", "only rounds of this name: seed, A, B, strategic …"),
        SINCE,
        UNTIL,
        Param("kind", "choice", "only companies of this kind", choices=tuple(ORG_KINDS)),
        Param("country", "country", "only companies in this country (a two-letter code: US, CN, FR)"),
    ],
    ["company", "round", "date", "amount", "currency", "valuation", "leads", "investors", "claims", "sources"],
    ["date", "company", "round"],
    "how much has Mistral AI raised?",
    list_columns=("sources", "leads", "investors", "claims"),
    check=lambda params: _check_led(params),
    answer=lambda rows, params: rounds_answer(rows),
    counts=(None, "rounds"),
)
def rounds(
    graph: TalentGraph,
    org: str | None = None,
    investor: str | None = None,
    led: bool = False,
    round: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    country: str | None = None,
) -> list[dict[str, Any]]:
    companies = graph.family(org) if org else None
    backers = None
    if investor:
        backers = graph.family(investor) if graph.has(investor, "Organization") else {investor}
    name = graph.name
    wanted_round = round.casefold() if round else None
    places: dict[str, tuple[Any, Any]] = {}  # each company's kind and country, read once
    rows = []
    candidates = _candidate_rounds(graph, companies, backers)
    for funding_id, (company, stage, date, amount, currency, valuation, low, high, claims, sources) in zip(
        candidates, graph.values(candidates, ROUND_FIELDS)
    ):
        if companies is not None and company not in companies:
            continue
        if wanted_round and stage.casefold() != wanted_round:
            continue
        if kind or country:
            place = places.get(company)
            if place is None:
                place = places[company] = graph.values([company], ("kind", "country"))[0]
            if (kind and place[0] != kind) or (country and place[1] != country):
                continue
        if not in_window(low, high, since, until):
            continue
        parts = graph.in_values(funding_id, "INVESTED_IN", ("lead",))
        if backers is not None and not any(who in backers and (lead or not led) for who, (lead,) in parts):
            continue
        rows.append(
            {
                "company": name(company),
                "round": stage,
                "date": date,
                "amount": amount,
                "currency": currency,
                "valuation": valuation,
                "leads": [name(who) for who, (lead,) in parts if lead],
                "investors": [name(who) for who, (lead,) in parts if not lead],
                "claims": list(claims) if claims else [],
                "sources": sources,
                "_ids": [company, *(who for who, _ in parts)],
            }
        )
    return rows


#: what ``rounds`` reads of each round, in this order
ROUND_FIELDS = ("org", "round", "date", "amount", "currency", "valuation", "date_low", "date_high", "claims", "sources")


def _candidate_rounds(graph: TalentGraph, companies: set[str] | None, backers: set[str] | None) -> list[str]:
    """The rounds a question can be about, from the narrower of its company and its backers (every
    round only when it names neither), sorted by id; the filters then decide."""
    if companies is not None or backers is not None:
        by_company = None if companies is None else {r for c in companies for r in graph.targets(c, "RAISED")}
        by_backer = None if backers is None else {r for b in backers for r in graph.targets(b, "INVESTED_IN")}
        found = by_company if by_backer is None else by_backer if by_company is None else by_company & by_backer
        return sorted(found)
    return list(graph.by_label.get("FundingRound", []))


def _check_led(params: dict[str, Any]) -> None:
    if params.get("led") and not params.get("investor"):
        raise UsageError("led=true needs investor: rounds led by whom?")


def rounds_answer(rows: list[dict[str, Any]]) -> str:
    """``Beta AI raised 120M USD in 2 rounds: seed 20M USD (2021-03) …`` or, for one round, its figures."""
    companies = list(dict.fromkeys(row["company"] for row in rows))
    sources = cited([source for row in rows for source in row["sources"]])
    if len(rows) == 1:
        row = rows[0]
        price = lambda amount: money(amount, row["currency"])  # noqa: E731
        line = f"{row['company']} raised {price(row['amount'])} in its {row['round']} round, {row['date'] or 'undated'}"
        if row["valuation"] is not None:
            line += f", valued at {price(row['valuation'])}"
        if row["leads"]:
            line += f", led by {', '.join(row['leads'])}"
        return (
            f"{line} {cited(figure_sources(row, 'amount'))}"
            + other_reports(row, "amount", price)
            + other_reports(row, "valuation", price, " of the valuation")
        )
    totals: dict[str, float] = {}
    for row in rows:
        if row["amount"] is not None:
            totals[row["currency"]] = totals.get(row["currency"], 0) + row["amount"]
    total = " + ".join(money(amount, currency) for currency, amount in sorted(totals.items())) or "undisclosed amounts"
    undisclosed = sum(row["amount"] is None for row in rows)
    who = f"{companies[0]} raised" if len(companies) == 1 else f"{len(companies)} companies raised"
    listed = "; ".join(
        (f"{row['company']} " if len(companies) > 1 else "")
        + f"{row['round']} {money(row['amount'], row['currency']) if row['amount'] is not None else 'undisclosed'}"
        + f" ({row['date'] or 'undated'}"
        + other_reports(row, "amount", lambda amount, row=row: money(amount, row["currency"]))
        + (f"; valued at {money(row['valuation'], row['currency'])}" if row["valuation"] is not None else "")
        + other_reports(row, "valuation", lambda amount, row=row: money(amount, row["currency"]), " of the valuation")
        + ")"
        for row in rows[:NAMES_SHOWN]
    )
    more = f"; and {len(rows) - NAMES_SHOWN} more" if len(rows) > NAMES_SHOWN else ""
    known = f" ({undisclosed} undisclosed)" if undisclosed else ""
    return f"{who} {total} in {len(rows)} rounds{known}: {listed}{more} {sources}"
