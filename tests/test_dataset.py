"""The shipped seeds hold to their rules, and answer what a reader of the source articles expects."""

from __future__ import annotations

import pytest
import yaml

from kg.backends.embedded import EmbeddedBackend
from kg.questions import run
from tests.conftest import ROOT, SEEDS

ARTICLES = (
    "pedaily-2025-06-thinking-machines-seed",
    "time-finance-2024-tsinghua-model-founders",
    "hard-ai-2024-07-16-reverse-acquihires",
    "huxiu-2025-06-meta-cvc",
    "dayfr-2024-11-ai-funding-race",
)
NAMES = yaml.safe_load((ROOT / "tests" / "fixtures" / "article_names.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset():
    from kg.seeds import load_seeds

    return load_seeds(SEEDS)


@pytest.fixture(scope="module")
def backend(shipped_graph):
    return EmbeddedBackend(shipped_graph)


def _cited_everywhere(dataset):
    """(where, source ids) of every fact, nested ones and claims included."""
    for fact in dataset.facts():
        yield from _cited_by(fact.id, fact)
        for nested in ("roles", "education", "raised"):
            for index, part in enumerate(getattr(fact, nested, [])):
                yield from _cited_by(f"{fact.id} {nested}[{index}]", part)


def _cited_by(where, fact):
    yield where, fact.sources
    for name, claims in fact.claims.items():
        for claim in claims:
            yield f"{where} {name} claim", claim.sources


def test_the_shipped_seeds_validate_without_warnings(dataset):
    assert dataset.warnings == []


def test_every_fact_cites_a_known_source(dataset):
    missing = [(where, sources) for where, sources in _cited_everywhere(dataset) if not sources or set(sources) - set(dataset.sources)]
    assert missing == []


def test_every_source_is_cited(dataset):
    cited = {source for _, sources in _cited_everywhere(dataset) for source in sources}
    cited |= {s for funding in dataset.rounds.values() for part in funding.investors for s in part.sources}
    assert sorted(set(dataset.sources) - cited) == []


def test_each_article_is_a_source_record_many_facts_cite(dataset):
    counts = {article: 0 for article in ARTICLES}
    for _, sources in _cited_everywhere(dataset):
        for source in sources:
            if source in counts:
                counts[source] += 1
    assert all(count >= 20 for count in counts.values()), counts
    assert {dataset.sources[a].language for a in ARTICLES} == {"de", "zh-Hant"}


def test_size_targets(dataset, shipped_graph):
    labels, _ = shipped_graph.counts()
    assert sum(1 for p in dataset.people.values() if p.roles) >= 300
    assert len(dataset.organizations) >= 120
    assert len(dataset.deals) >= 40
    assert sum(1 for r in dataset.rounds.values() if r.participations()) >= 60
    assert labels["Move"] >= 150
    assert len(dataset.sources) >= 100


@pytest.mark.parametrize(
    ("article", "name", "expected", "label"),
    [(article, e["name"], e["id"], e["label"]) for article, entries in NAMES.items() for e in entries],
)
def test_every_name_in_the_articles_resolves_as_spelled(shipped_graph, article, name, expected, label):
    assert shipped_graph.resolve(name, label).id == expected


def test_the_names_list_covers_all_five_articles():
    assert set(NAMES) == set(ARTICLES)
    assert all(len(entries) >= 20 for entries in NAMES.values())


def test_who_left_openai_for_which_startup(backend):
    rows = run(backend, "left_for", {"org": "OpenAI", "startups_only": True}).rows
    moves = {(row["person"], row["to"]) for row in rows}
    assert {("Mira Murati", "Thinking Machines Lab"), ("Lilian Weng", "Thinking Machines Lab"),
            ("Ilya Sutskever", "Safe Superintelligence"), ("Dario Amodei", "Anthropic")} <= moves
    assert all(row["sources"] for row in rows)


def test_thinking_machines_lab_founders_round_and_suitors(backend):
    founders = {row["founder"] for row in run(backend, "founders", {"org": "Thinking Machines Lab"}).rows}
    assert {"Mira Murati", "Lilian Weng", "John Schulman", "Barret Zoph", "Andrew Tulloch"} <= founders
    seed = [r for r in run(backend, "investors", {"org": "Thinking Machines Lab"}).rows if r["round"] == "seed"]
    lead = [r for r in seed if r["lead"]]
    assert [(r["investor"], r["amount"], r["valuation"]) for r in lead] == [("Andreessen Horowitz", 2_000_000_000, 10_000_000_000)]
    assert "Conviction" in {r["investor"] for r in seed}
    suitors = {r["acquirer"] for r in run(backend, "attempted_deals", {"org": "Thinking Machines Lab"}).rows}
    assert suitors == {"Apple", "Meta"}


def test_meta_scale_ai_keeps_every_reported_figure(dataset):
    deal = dataset.deals["meta-scale-ai-2025"]
    claims = {claim.value: set(claim.sources) for claim in deal.claims["amount"]}
    assert claims[15_000_000_000] == {"pedaily-2025-06-thinking-machines-seed"}
    assert "huxiu-2025-06-meta-cvc" in claims[14_800_000_000]
    assert "huxiu-2025-06-meta-cvc" in claims[13_800_000_000]
    assert deal.stake == 49


def test_license_and_hire_deals_with_the_people_who_moved(backend):
    deals = {(r["acquirer"], r["target"]): set(r["people"]) for r in run(backend, "acquisitions", {"kind": "acqui_hire"}).rows}
    assert {"Mustafa Suleyman", "Karén Simonyan"} <= deals[("Microsoft", "Inflection AI")]
    assert "David Luan" in deals[("Amazon", "Adept AI")]
    assert {"Noam Shazeer", "Daniel De Freitas"} <= deals[("Google", "Character.AI")]
    moved = run(backend, "left_for", {"org": "Inflection AI", "to": "Microsoft"}).rows
    assert {row["via_deal"] for row in moved if row["person"] == "Mustafa Suleyman"} == {"microsoft-inflection-ai-2024"}


def test_meta_tried_to_buy_ssi_and_took_a_stake_in_nfdg(backend):
    attempts = {(r["acquirer"], r["target"], r["outcome"]) for r in run(backend, "attempted_deals", {"org": "Meta"}).rows}
    assert ("Meta", "Safe Superintelligence", "rejected") in attempts
    stakes = {(r["target"], r["stake"]) for r in run(backend, "acquisitions", {"org": "Meta", "kind": "stake"}).rows}
    assert ("NFDG", 49) in stakes


def test_backers_of_both_ssi_and_thinking_machines_lab(backend):
    investors = {row["investor"] for row in run(backend, "co_investors", {"a": "SSI", "b": "Thinking Machines Lab"}).rows}
    assert {"Andreessen Horowitz", "Nvidia"} <= investors


def test_tsinghua_alumni_founded_the_model_companies_of_article_001(backend):
    rows = run(backend, "alumni_founders", {"org": "清華"}).rows
    founded = {(row["company"], row["founder"]) for row in rows}
    assert {("Moonshot AI", "Yang Zhilin"), ("Baichuan AI", "Wang Xiaochuan"), ("Zhipu AI", "Tang Jie"),
            ("Light Years Beyond", "Wang Huiwen"), ("ModelBest", "Liu Zhiyuan")} <= founded


def test_lilian_weng_profile_by_her_chinese_name(shipped_graph):
    from kg.profiles import person_profile

    result = person_profile(shipped_graph, "翁荔")
    roles = [(row["org"], row["section"]) for row in result.rows if row["section"] in ("role", "education")]
    assert ("Peking University", "education") in roles
    assert ("Indiana University Bloomington", "education") in roles
    assert ("OpenAI", "role") in roles and ("Thinking Machines Lab", "role") in roles
    assert "pedaily-2025-06-thinking-machines-seed" in result.sources


def test_a_merger_inside_google_is_no_departure_from_deepmind(backend):
    rows = run(backend, "left_for", {"org": "DeepMind"}).rows
    # the 2023 merger moved everyone at DeepMind to Google DeepMind: transfers, not departures
    assert [row for row in rows if row["to"] in ("Google DeepMind", "Google", "Alphabet")] == []
    transfer = [row for row in run(backend, "career", {"person": "Demis Hassabis"}).rows if row["org"] == "Google DeepMind"]
    assert transfer, "the transfer stays in the career"


def test_a_board_seat_left_in_2018_is_no_move_to_a_company_founded_in_2023(backend):
    rows = run(backend, "left_for", {"org": "OpenAI", "to": "xAI"}).rows
    assert "Elon Musk" not in {row["person"] for row in rows}
    # Igor Babuschkin went back to DeepMind before he co-founded xAI (he left it in February 2023,
    # before DeepMind and Brain merged into Google DeepMind)
    assert "Igor Babuschkin" not in {row["person"] for row in rows}
    rows = run(backend, "left_for", {"org": "DeepMind", "to": "xAI"}).rows
    assert ("Igor Babuschkin", "DeepMind", "2023-07") in {(row["person"], row["from"], row["date"]) for row in rows}
