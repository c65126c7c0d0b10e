"""Generate large talent graphs with realistic shapes, for benchmarks (never shipped as data).

Organisations follow a long-tailed popularity (a few big labs and big tech firms employ many
people), careers run from schooling through one to six stints with promotions, co-founded startups,
and occasional acqui-hires; startups raise rounds from investors who back many companies.

    python tests/benchmarks/generate.py 100000 --write /tmp/big-seeds   # YAML seeds, if wanted
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.model import Deal, Education, FundingRound, Investment, Organization, Person, Role, Source  # noqa: E402
from kg.seeds import Dataset  # noqa: E402

_SYLLABLES = "ka lo mi re su ta ven dor lin zhi wei mar cos ben ari nel tov sam yu an or el is".split()


def generate(people: int, seed: int = 7) -> Dataset:
    """A dataset of ``people`` people and about one organisation for every twenty of them."""
    rng = random.Random(seed)
    data = Dataset()
    sources = [f"gen-source-{i}" for i in range(50)]
    for source_id in sources:
        data.sources[source_id] = Source.model_construct(
            id=source_id, title=f"Generated source {source_id}", publisher="Generator", language="en", kind="press"
        )
    cite = lambda: rng.sample(sources, rng.choice((1, 1, 2)))  # noqa: E731

    orgs_by_kind: dict[str, list[str]] = {}

    def add_org(kind: str, parent: str | None = None) -> str:
        org_id = f"{kind.replace('_', '-')}-{len(data.organizations):06d}"
        name = _name(rng, 2).title() + {"startup": " AI", "investor": " Ventures", "university": " University"}.get(kind, " Labs")
        data.organizations[org_id] = Organization.model_construct(
            id=org_id, name=f"{name} {len(data.organizations)}", aliases=[], kind=kind, parent=parent,
            founded=str(rng.randint(1990, 2022)), status="active", raised=[], sources=cite(), claims={},
        )
        orgs_by_kind.setdefault(kind, []).append(org_id)
        return org_id

    total_orgs = max(200, people // 20)
    for _ in range(max(3, total_orgs // 100)):
        company = add_org("big_tech")
        for _ in range(rng.randint(1, 3)):
            add_org("division", parent=company)
    for kind, share in (("frontier_lab", 0.02), ("investor", 0.10), ("university", 0.05), ("other", 0.05)):
        for _ in range(max(3, int(total_orgs * share))):
            add_org(kind)
    while len(data.organizations) < total_orgs:
        add_org("startup")

    employers = [o for kind in ("big_tech", "division", "frontier_lab", "startup", "other") for o in orgs_by_kind.get(kind, [])]
    rng.shuffle(employers)
    # a long tail of small employers (cumulated once: choosing from 50,000 employers stays cheap)
    cumulated = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(employers))))
    universities = orgs_by_kind["university"]
    startups = orgs_by_kind["startup"]
    founders: dict[str, list[str]] = {}
    for number in range(people):
        pid = f"person-{number:07d}"
        year = rng.randint(1995, 2018)
        education = [
            Education.model_construct(
                school=rng.choice(universities[: max(3, len(universities) // 3)] if rng.random() < 0.6 else universities),
                degree=rng.choice(("BSc", "MSc", "PhD")), start=str(year - 4), end=str(year), sources=cite(),
                claims={}, disputed=False, note=None, field=None, advisor=None,
            )
        ]
        roles: list[Role] = []
        # one month for the whole career: each stint starts where the last ended, so careers stay in order
        month = rng.randint(1, 12)
        for stint in range(rng.randint(1, 6)):
            length = rng.randint(1, 5)
            founding = stint > 0 and rng.random() < 0.12
            org = rng.choice(startups) if founding else rng.choices(employers, cum_weights=cumulated)[0]
            if roles and org == roles[-1].org:
                continue
            start, end = year, year + length
            last = stint == 5 or end >= 2025
            roles.append(
                Role.model_construct(
                    org=org, title="Co-founder" if founding else rng.choice(("Engineer", "Researcher", "Scientist")),
                    kind="founder" if founding else "employee", start=f"{start}-{month:02d}",
                    end=None if last else f"{end}-{month:02d}", current=last, sources=cite(), claims={},
                    disputed=False, note=None,
                )
            )
            if founding:
                founders.setdefault(org, []).append(pid)
            if not founding and rng.random() < 0.2 and not last:
                roles[-1] = roles[-1].model_copy(update={"end": f"{start + 1}-{month:02d}"})
                roles.append(roles[-1].model_copy(update={"title": "Lead", "kind": "executive", "start": f"{start + 1}-{month:02d}", "end": f"{end}-{month:02d}"}))
            year = end
            if last:
                break
        data.people[pid] = Person.model_construct(
            id=pid, name=_name(rng, 3).title() + f" {number}", aliases=[], education=education, roles=roles,
            sources=cite(), claims={}, disputed=False, note=None, born=None, born_in=None,
        )

    investors = orgs_by_kind["investor"]
    for startup in startups:
        for round_number, round_name in enumerate(("seed", "A", "B", "C")[: rng.randint(0, 4)]):
            backers = rng.sample(investors[: max(5, len(investors) // 4)], rng.randint(1, 4))
            round_id = f"{startup}-{round_name.lower()}"
            data.rounds[round_id] = FundingRound.model_construct(
                id=round_id, org=startup, round=round_name, date=str(2015 + round_number * 2), currency="USD",
                amount=10 ** (6 + round_number), valuation=10 ** (7 + round_number), leads=[backers[0]],
                investors=[Investment.model_construct(id=b, amount=None, lead=False, sources=[], note=None) for b in backers[1:]],
                sources=cite(), claims={}, disputed=False, note=None,
            )
    big = orgs_by_kind["big_tech"]
    for startup in rng.sample(startups, max(1, len(startups) // 50)):
        acquirer = rng.choice(big)
        moved = [p for p in founders.get(startup, [])][:3]
        deal_id = f"{acquirer}-{startup}"
        data.deals[deal_id] = Deal.model_construct(
            id=deal_id, kind=rng.choice(("acquisition", "acqui_hire")), acquirer=acquirer, target=startup,
            date=str(rng.randint(2018, 2025)), amount=None, currency=None, stake=None, outcome="completed",
            people=moved, sources=cite(), claims={}, disputed=False, note=None,
        )
    return data


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def write_yaml(data: Dataset, folder: Path, per_file: int = 5000) -> int:
    """Write a generated dataset as a seeds folder, ``per_file`` records to a file; returns the bytes written.

    Block-style YAML as curators write it (text double-quoted), emitted here directly: PyYAML's
    representer would take longer than building the graph.
    """
    sections = {
        "sources": data.sources,
        "organizations": data.organizations,
        "people": data.people,
        "deals": data.deals,
        "funding_rounds": data.rounds,
    }
    written = 0
    for section, records in sections.items():
        (folder / section).mkdir(parents=True, exist_ok=True)
        values = list(records.values())
        for number, first in enumerate(range(0, len(values), per_file)):
            lines = [f"{section}:"]
            for record in values[first : first + per_file]:
                row = {"id": record.id} | record.model_dump(exclude_none=True, exclude={"claims", "id"}, exclude_defaults=True)
                _emit(row, "", lines)
            text = "\n".join(lines) + "\n"
            (folder / section / f"{section}-{number:04d}.yaml").write_text(text, encoding="utf-8")
            written += len(text.encode())
    return written


def _emit(record: dict, indent: str, lines: list[str]) -> None:
    """One mapping as a block-sequence item: ``- key: value`` lines, nested lists of mappings indented."""
    lead = indent + "- "
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:")
            for item in value:
                _emit(item, indent + "  ", lines)
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, dict):
            continue  # no mapping fields besides claims, which generated records do not have
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
        lead = indent + "  "


def _scalar(value) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int)
    parser.add_argument("--write", type=Path, help="also write YAML seeds into this folder")
    args = parser.parse_args()
    data = generate(args.people)
    print(f"{len(data.people)} people, {len(data.organizations)} organisations, {len(data.rounds)} rounds, {len(data.deals)} deals")
    if args.write:
        write_yaml(data, args.write)


if __name__ == "__main__":
    main()
