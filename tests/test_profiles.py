"""Profiles say what a fact was: attempted deals as attempts, disputed facts marked, offers shown."""

from __future__ import annotations

from tests.conftest import MINI

SEEDS = ["--seeds", str(MINI)]


def test_a_rejected_deal_reads_as_an_attempt_from_both_sides(kg):
    target = kg("org", "Beta AI", "--format", "csv", *SEEDS).stdout.splitlines()
    acquirer = kg("org", "Gamma Corp", "--format", "csv", *SEEDS).stdout.splitlines()
    assert [line for line in target if line.startswith("deal,")] == [
        'deal,2023-05,Gamma Corp,"was approached for an acquisition by Gamma Corp (acquisition, rejected)",src-a',
    ]
    assert [line for line in acquirer if line.startswith("deal,")] == [
        'deal,2023-05,Beta AI,"tried to acquire Beta AI (acquisition, rejected)",src-a',
        'deal,2024-03,Delta Labs,"acqui-hired Delta Labs (acqui_hire, completed, 500,000,000 USD)",src-b',
    ]


def test_offers_show_on_both_ends(kg):
    person = kg("person", "Fay Wu", "--format", "csv", *SEEDS).stdout.splitlines()
    org = kg("org", "Gamma Corp", "--format", "csv", *SEEDS).stdout.splitlines()
    assert [line for line in person if line.startswith("offer,")] == [
        'offer,2017-11,Gamma Research,"retention offer, 10,000,000 USD (over four years): declined; '
        'sources disagree: amount: 10000000 [src-a]; amount: 12000000 [src-c]",src-a; src-c',
    ]
    assert [line for line in org if line.startswith("offer,")] == [
        'offer,2024-02,Dana Ruiz,"hiring offer, 2,000,000 USD (cash and equity): accepted",src-b',
    ]


def test_a_disputed_advisor_is_marked_wherever_it_shows(kg, write_seeds):
    folder = write_seeds({"seeds.yaml": """
        sources:
          - {id: s, title: T, publisher: P, language: en, kind: press}
        organizations:
          - {id: uni, name: Uni, kind: university, sources: [s]}
        people:
          - {id: prof, name: Prof, sources: [s]}
          - id: student
            name: Student
            sources: [s]
            education:
              - {school: uni, advisor: prof, disputed: true, note: one source only, sources: [s]}
        """})
    student = kg("person", "Student", "--format", "csv", "--seeds", str(folder)).stdout.splitlines()
    prof = kg("person", "Prof", "--format", "csv", "--seeds", str(folder)).stdout.splitlines()
    assert student[1:] == [
        'education,,Uni,[disputed]; one source only,s',
        'advisor,,Uni,Prof [disputed]; one source only,s',
    ]
    assert prof[1:] == ['student,,Uni,Student [disputed]; one source only,s']
