"""``kg audit``: where the seeds are thin or contested, so curators know what to look at next.

Checks, each a row per finding with its ``path:line``:

- ``conflict``: a fact whose sources disagree, with every side and its sources (open until one
  claim is marked ``preferred``);
- ``disputed``: a fact marked ``disputed: true`` (one doubtful source);
- ``single_source``: a fact backed by one source only;
- ``aggregator_only``: a fact whose every source is an aggregator page (SEO or content farm), which
  a journalist cannot cite; marked "contested" when the fact is also in conflict or disputed;
- ``person_without_role``, ``org_nobody_worked_at``, ``uncited_source``, ``undated_role``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg.result import Result

if TYPE_CHECKING:  # the command line imports CHECKS at start-up; the model loads only for an audit
    from kg.model import Fact
    from kg.seeds import Dataset

CHECKS = (
    "conflict",
    "disputed",
    "single_source",
    "aggregator_only",
    "person_without_role",
    "org_nobody_worked_at",
    "uncited_source",
    "undated_role",
)
COLUMNS = ["check", "record", "where", "detail", "sources"]


def audit(dataset: Dataset, checks: tuple[str, ...] = CHECKS) -> Result:
    """Every finding of the chosen checks, conflicts first; ``params.open_conflicts`` counts the open ones."""
    rows = [row for row in _findings(dataset) if row["check"] in checks]
    rows.sort(key=lambda row: (CHECKS.index(row["check"]), *_place(row["where"])))
    counts = {check: sum(1 for row in rows if row["check"] == check) for check in checks}
    open_conflicts = sum(1 for row in rows if row["check"] == "conflict" and row["detail"].startswith("open"))
    summary = ", ".join(f"{count} {check.replace('_', ' ')}" for check, count in counts.items())
    shares = best_source_kinds(dataset)
    total = sum(shares.values()) or 1
    notes = ["facts by their best source: " + ", ".join(f"{kind} {n} ({100 * n / total:.1f}%)" for kind, n in shares.items())]
    if open_conflicts:
        notes.append(f"{open_conflicts} open conflict(s): mark the claim to show with preferred: true once reviewed")
    return Result(
        intent="audit",
        params={"checks": list(checks), "open_conflicts": open_conflicts, "best_source_kinds": shares},
        columns=COLUMNS,
        rows=rows,
        title=f"kg audit: {summary}",
        notes=notes,
    )


def best_source_kinds(dataset: Dataset) -> dict[str, int]:
    """How many facts (records, roles, schooling, totals) have each kind as their best source kind.

    The kinds are ranked as :data:`kg.model.SOURCE_KINDS` lists them, primary first.
    """
    from kg.model import SOURCE_KINDS

    counts = dict.fromkeys(SOURCE_KINDS, 0)
    for _, _, fact in _facts(dataset):
        kind = _best_kind(dataset, fact)
        if kind:
            counts[kind] += 1
    return counts


def _best_kind(data: Dataset, fact: Fact) -> str | None:
    from kg.model import SOURCE_KINDS

    kinds = {data.sources[s].kind for s in _all_sources(fact) if s in data.sources}
    return min(kinds, key=SOURCE_KINDS.index) if kinds else None


def _findings(data: Dataset) -> Iterator[dict[str, Any]]:
    cited: set[str] = set()
    for fact_id, where, fact in _facts(data):
        cited.update(_all_sources(fact))
        for name, claims in fact.conflicts.items():
            state = "open" if name in fact.open_conflicts else "settled"
            sides = "; ".join(
                f"{claim.value} [{', '.join(claim.sources)}]" + (" (preferred)" if claim.preferred else "")
                for claim in claims
            )
            yield _row("conflict", fact_id, data, where, f"{state}: {name}: {sides}", _all_sources(fact))
        if fact.disputed:
            yield _row("disputed", fact_id, data, where, fact.note or "marked disputed", fact.sources)
        if len(set(_all_sources(fact))) == 1:
            yield _row("single_source", fact_id, data, where, _describe(fact), fact.sources)
        if _best_kind(data, fact) == "aggregator":
            contested = "contested: " if fact.conflicts or fact.disputed else ""
            yield _row("aggregator_only", fact_id, data, where, contested + _describe(fact), _all_sources(fact))
    worked_at = {role.org for person in data.people.values() for role in person.roles}
    for person in data.people.values():
        if not person.roles:
            yield _row("person_without_role", person.id, data, person.id, person.name, person.sources)
        for index, role in enumerate(person.roles):
            if not role.start and not role.end and not role.current:
                where = f"{person.id}/roles/{index}"
                yield _row("undated_role", f"{person.id} roles[{index}]", data, where, _describe(role), role.sources)
    for org in data.organizations.values():
        if org.id not in worked_at:
            yield _row("org_nobody_worked_at", org.id, data, org.id, f"{org.name} ({org.kind})", org.sources)
    for source_id, source in data.sources.items():
        if source_id not in cited:
            yield _row("uncited_source", source_id, data, source_id, source.title, [source_id])


def _facts(data: Dataset) -> Iterator[tuple[str, str, Fact]]:
    """Every fact with a label and the key of its location: records, roles, schooling, totals."""
    from kg.model import Person

    for fact in data.facts():
        yield fact.id, fact.id, fact  # type: ignore[attr-defined]
        if isinstance(fact, Person):
            for index, role in enumerate(fact.roles):
                yield f"{fact.id} roles[{index}] ({role.org})", f"{fact.id}/roles/{index}", role
            for index, school in enumerate(fact.education):
                yield f"{fact.id} education[{index}] ({school.school})", f"{fact.id}/education/{index}", school
        for index, total in enumerate(getattr(fact, "raised", [])):
            yield f"{fact.id} raised[{index}]", f"{fact.id}/raised/{index}", total  # type: ignore[attr-defined]


def _all_sources(fact: Fact) -> list[str]:
    found = list(fact.sources)
    for claims in fact.claims.values():
        for claim in claims:
            found.extend(claim.sources)
    for part in getattr(fact, "investors", []):
        found.extend(part.sources)
    return found


def _describe(fact: Fact) -> str:
    for field in ("title", "name", "kind"):
        value = getattr(fact, field, None)
        if value:
            return str(value)
    return type(fact).__name__


def _place(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _row(check: str, record: str, data: Dataset, location_key: str, detail: str, sources: list[str]) -> dict[str, Any]:
    path, line = data.locations.get(location_key) or data.locations.get(location_key.split("/")[0], ("?", 0))
    return {
        "check": check,
        "record": record,
        "where": f"{path}:{line}",
        "detail": detail,
        "sources": sorted(set(sources)),
    }
