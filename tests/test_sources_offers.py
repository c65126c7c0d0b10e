"""Source kinds, offers as records, and what kg audit makes of how well facts are sourced."""

from __future__ import annotations

from kg.audit import audit
from kg.seeds import load_seeds

from tests.conftest import MINI
from tests.test_validation import ORGS, SOURCE, check

PEOPLE = """
people:
  - {id: ada, name: Ada, sources: [src], roles: [{org: acme, kind: employee, start: 2020-01, sources: [src]}]}
"""


def test_a_source_without_kind_is_an_error(kg, write_seeds):
    bad = "sources:\n  - {id: other, title: T, publisher: P, language: en}\n"
    check(kg, write_seeds, {"more.yaml": bad}, [
        "more.yaml:2: source 'other': missing required key 'kind'",
        "error: 1 error(s) in the seeds",
    ])


def test_a_copy_names_its_original(kg, write_seeds):
    bad = "sources:\n  - {id: other, title: T, publisher: P, language: en, kind: copy}\n"
    check(kg, write_seeds, {"more.yaml": bad}, [
        "more.yaml:2: source 'other': a source of kind 'copy' names the outlet it copies in original_publisher",
        "error: 1 error(s) in the seeds",
    ])


def test_an_offer_validates_its_references(kg, write_seeds):
    offer = """
    offers:
      - id: globex-ada-2024
        offered_by: globx
        to: [ada, bob]
        amount: 5M
        sources: [src]
    """
    check(kg, write_seeds, {"people.yaml": PEOPLE, "offers.yaml": offer}, [
        "offers.yaml:2: offer 'globex-ada-2024': an amount needs a currency (USD, CNY, EUR …)",
        "error: 1 error(s) in the seeds",
    ])
    offer = offer.replace("amount: 5M", "amount: 5M\n        currency: USD")
    check(kg, write_seeds, {"people.yaml": PEOPLE, "offers.yaml": offer}, [
        "offers.yaml:3: offer 'globex-ada-2024': unknown organization 'globx'; did you mean 'globex'?",
        "offers.yaml:4: offer 'globex-ada-2024': unknown person 'bob'",
        "error: 2 error(s) in the seeds",
    ])


def test_an_offer_names_who_it_went_to(kg, write_seeds):
    offer = "offers:\n  - {id: o, offered_by: globex, sources: [src]}\n"
    check(kg, write_seeds, {"offers.yaml": offer}, [
        "offers.yaml:2: offer 'o': an offer names the people it went to (to) or the group (to_group)",
        "error: 1 error(s) in the seeds",
    ])


def test_audit_counts_facts_by_their_best_source_and_lists_aggregator_only_facts():
    # the mini world's src-a is press, src-b primary, src-c an aggregator page
    result = audit(load_seeds(MINI), ("aggregator_only",))
    assert result.params["best_source_kinds"] == {"primary": 16, "press": 25, "copy": 0, "reference": 0, "aggregator": 11}
    assert result.notes == [
        "facts by their best source: primary 16 (30.8%), press 25 (48.1%), copy 0 (0.0%), reference 0 (0.0%), aggregator 11 (21.2%)"
    ]
    assert [row["record"] for row in result.rows] == [
        "epsilon-seed-2020",
        "epsilon",
        "north-university",
        "ada-quill education[0] (north-university)",
        "chen-bo",
        "chen-bo education[0] (north-university)",
        "chen-bo roles[0] (gamma-research)",
        "chen-bo roles[1] (alpha-lab)",
        "eli-stone roles[0] (north-university)",
        "eli-stone roles[1] (epsilon)",
        "fay-wu education[0] (north-university)",
    ]
    assert {tuple(row["sources"]) for row in result.rows} == {("src-c",)}
