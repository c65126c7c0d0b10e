"""Every validation rule: a small bad seeds folder, the exact path:line message, the exit code."""

from __future__ import annotations

SOURCE = """
sources:
  - {id: src, title: A source, publisher: Gazette, language: en, kind: press}
"""
ORGS = """
organizations:
  - {id: acme, name: Acme, kind: startup, sources: [src]}
  - {id: globex, name: Globex, kind: big_tech, sources: [src]}
"""


def check(kg, write_seeds, files: dict[str, str], expected: list[str], exit_code: int = 1):
    folder = write_seeds({"sources.yaml": SOURCE, "orgs.yaml": ORGS, **files})
    result = kg("validate", str(folder))
    lines = [line.replace(str(folder) + "/", "") for line in result.stderr.splitlines()]
    assert lines == expected
    assert result.exit_code == exit_code


def test_valid_folder_passes(kg, write_seeds):
    folder = write_seeds({"sources.yaml": SOURCE, "orgs.yaml": ORGS})
    result = kg("validate", str(folder))
    assert result.exit_code == 0
    assert result.stdout == f"ok: {folder}: 1 sources, 2 organizations, 0 people, 0 deals, 0 funding rounds, 0 offers; 0 warning(s)\n"
    assert result.stderr == ""


def test_malformed_yaml(kg, write_seeds):
    bad = "people:\n  - id: x\n    name: [unclosed\n    born: 1990\n"
    check(kg, write_seeds, {"people.yaml": bad}, [
        "people.yaml:4: malformed YAML: did not find expected ',' or ']'",
        "error: 1 error(s) in the seeds",
    ])


def test_top_level_must_be_sections(kg, write_seeds):
    check(kg, write_seeds, {"list.yaml": "- id: x\n"}, [
        "list.yaml:1: a seeds file is a mapping of sections (sources, organizations, people, deals, funding_rounds, offers)",
        "error: 1 error(s) in the seeds",
    ])


def test_unknown_section_suggests(kg, write_seeds):
    check(kg, write_seeds, {"p.yaml": "persons:\n  - {id: x}\n"}, [
        "p.yaml:1: unknown section 'persons'; did you mean 'people'?",
        "error: 1 error(s) in the seeds",
    ])


def test_wrong_type_unknown_key_missing_key(kg, write_seeds):
    people = """
    people:
      - id: ada
        name: 42
        sources: [src]
      - id: bob
        name: Bob
        nickname: Bobby
        sources: [src]
      - id: cy
        sources: [src]
    """
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:3: person 'ada': name: expected text, got 42",
        "people.yaml:7: person 'bob': unknown key 'nickname'",
        "people.yaml:9: person 'cy': missing required key 'name'",
        "error: 3 error(s) in the seeds",
    ])


def test_bad_dates_kinds_and_money(kg, write_seeds):
    people = """
    people:
      - id: ada
        name: Ada
        sources: [src]
        roles:
          - {org: acme, kind: employee, start: 2020-13, sources: [src]}
          - {org: acme, kind: janitor, sources: [src]}
    """
    rounds = """
    funding_rounds:
      - {id: acme-a, org: acme, round: A, amount: 5M, sources: [src]}
      - {id: acme-b, org: acme, round: B, amount: 5M, currency: usd, sources: [src]}
      - {id: acme-z, org: acme, round: Z9, sources: [src]}
    """
    check(kg, write_seeds, {"people.yaml": people, "rounds.yaml": rounds}, [
        "people.yaml:6: person 'ada': roles[0].start: month out of range in '2020-13'",
        "people.yaml:7: person 'ada': roles[1].kind: input should be 'founder', 'executive', 'employee', 'intern', "
        "'board', 'advisor', 'fellow' or 'investor_partner'",
        "rounds.yaml:2: funding round 'acme-a': an amount or valuation needs a currency (USD, CNY, EUR …)",
        "rounds.yaml:3: funding round 'acme-b': currency: 'usd' is not a valid currency (three capital letters: USD, CNY, EUR)",
        "rounds.yaml:4: funding round 'acme-z': round: unknown round 'Z9': use a series letter (A, B, B+, C2 …) or one of "
        "pre_seed, angel, seed, pre_a, strategic, convertible, debt, secondary, tender, grant, ipo, undisclosed",
        "error: 5 error(s) in the seeds",
    ])


def test_every_fact_needs_a_source(kg, write_seeds):
    people = """
    people:
      - id: ada
        name: Ada
        sources: []
        roles:
          - {org: acme, kind: employee}
    """
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:4: person 'ada': sources: every fact needs at least one source",
        "people.yaml:6: person 'ada': missing required key 'roles[0].sources'",
        "error: 2 error(s) in the seeds",
    ])


def test_duplicate_key_in_a_mapping(kg, write_seeds):
    check(kg, write_seeds, {"p.yaml": "people:\n  - id: ada\n    name: Ada\n    name: Eve\n    sources: [src]\n"}, [
        "p.yaml:4: key 'name' appears twice in one mapping",
        "error: 1 error(s) in the seeds",
    ])


def test_unknown_references_suggest_the_closest_id(kg, write_seeds):
    people = """
    people:
      - id: ada
        name: Ada
        sources: [scr]
        roles:
          - {org: acmee, kind: employee, sources: [src]}
    """
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:4: person 'ada': unknown source 'scr'; did you mean 'src'?",
        "people.yaml:6: person 'ada': unknown organization 'acmee'; did you mean 'acme'?",
        "error: 2 error(s) in the seeds",
    ])


def test_duplicate_ids_across_files(kg, write_seeds):
    check(kg, write_seeds, {"more.yaml": "organizations:\n  - {id: acme, name: Acme Two, kind: startup, sources: [src]}\n"}, [
        "orgs.yaml:2: duplicate id 'acme': already used by the organization at more.yaml:2",
        "error: 1 error(s) in the seeds",
    ])


def test_an_alias_that_names_two_entities(kg, write_seeds):
    more = "organizations:\n  - {id: initech, name: Initech, aliases: [ACME], kind: startup, sources: [src]}\n"
    check(kg, write_seeds, {"more.yaml": more}, [
        "orgs.yaml:2: 'acme': the name 'Acme' also names 'initech' ('ACME' at more.yaml:2)",
        "error: 1 error(s) in the seeds",
    ])


def test_end_before_start_and_career_order(kg, write_seeds):
    people = """
    people:
      - id: ada
        name: Ada
        sources: [src]
        roles:
          - {org: acme, kind: employee, start: 2020, end: 2019-06, sources: [src]}
          - {org: globex, kind: employee, start: 2015, sources: [src]}
          - {org: acme, kind: advisor, start: 2010, current: true, end: 2011, sources: [src]}
    """
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:8: person 'ada': roles[2]: a role with current: true has no end",
        "error: 1 error(s) in the seeds",
    ])
    people = people.replace(", current: true, end: 2011", "")
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:6: person 'ada': end 2019-06 is before start 2020",
        "people.yaml:7: person 'ada': roles out of order: this role starts 2015, before roles[0] (2020); "
        "list a career in the order it happened",
        "error: 2 error(s) in the seeds",
    ])


def test_parent_loop(kg, write_seeds):
    orgs = """
    organizations:
      - {id: acme, name: Acme, kind: startup, parent: globex, sources: [src]}
      - {id: globex, name: Globex, kind: big_tech, parent: acme, sources: [src]}
    """
    folder = write_seeds({"sources.yaml": SOURCE, "orgs.yaml": orgs})
    result = kg("validate", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder}/orgs.yaml:2: organization 'acme': its chain of parents loops back to it",
        f"{folder}/orgs.yaml:3: organization 'globex': its chain of parents loops back to it",
        "error: 2 error(s) in the seeds",
    ]


def test_conflicting_claims_validate_each_value(kg, write_seeds):
    deals = """
    deals:
      - id: globex-acme
        kind: stake
        acquirer: globex
        target: acme
        currency: USD
        amount: [{value: 15B, sources: [src]}, {value: lots, sources: [src]}]
        sources: [src]
    """
    check(kg, write_seeds, {"deals.yaml": deals}, [
        "deals.yaml:2: deal 'globex-acme': amount claim 2: not an amount (a number, or one with K, M, B or T such as 14.8B): 'lots'",
        "error: 1 error(s) in the seeds",
    ])


def test_uncited_source_is_a_warning_only(kg, write_seeds):
    folder = write_seeds({"sources.yaml": SOURCE + "  - {id: spare, title: Spare, publisher: P, language: en, kind: press}\n", "orgs.yaml": ORGS})
    result = kg("validate", str(folder))
    assert result.exit_code == 0
    assert result.stderr == f"{folder}/sources.yaml:3: warning: source 'spare' is never cited\n"


def test_all_errors_are_reported_together_in_file_order(kg, write_seeds):
    files = {
        "b.yaml": "people:\n  - {id: bo, name: Bo, sources: [nope]}\n",
        "a.yaml": "organizations:\n  - {id: initech, name: Initech, kind: lab, sources: [src]}\n",
    }
    check(kg, write_seeds, files, [
        "a.yaml:2: organization 'initech': kind: input should be 'frontier_lab', 'startup', 'big_tech', 'division', "
        "'investor', 'university', 'school', 'research_institute' or 'other'",
        "b.yaml:2: person 'bo': unknown source 'nope'",
        "error: 2 error(s) in the seeds",
    ])


def test_missing_folder(kg, tmp_path):
    result = kg("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'nowhere'}: no such seeds folder\nerror: 1 error(s) in the seeds\n"


def test_errors_exit_cleanly_and_debug_raises(kg, write_seeds):
    from kg.errors import DataError

    folder = write_seeds({"x.yaml": "people: [\n"})
    quiet = kg("validate", str(folder))
    assert quiet.exit_code == 1
    assert isinstance(quiet.exception, SystemExit)
    loud = kg("--debug", "validate", str(folder))
    assert isinstance(loud.exception, DataError)
