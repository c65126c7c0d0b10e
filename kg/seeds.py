"""Loading ``seeds/``: every ``*.yaml`` file, validated in two passes into one :class:`Dataset`.

Pass one reads each file and checks each record against the model; pass two checks what only the
whole set can show (unknown or duplicate ids, aliases naming two entities, order of careers, sources
never cited). Every problem is collected with its ``path:line`` and reported together.

>>> dataset = load_seeds("seeds")              # doctest: +SKIP
>>> dataset.people["lilian-weng"].aliases      # doctest: +SKIP
['Weng Li', '翁荔']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kg import dates
from kg.errors import DataError, Problem, shown
from kg.model import (
    CAREER_ROLE_KINDS,
    SECTIONS,
    Deal,
    Fact,
    FundingRound,
    Offer,
    Organization,
    Person,
    Record,
    Source,
)
from kg.locations import display
from kg.seed_files import SeedFile, read_seed_files, seed_files  # noqa: F401 - kg.seeds is where callers find them
from kg.yamlio import LineDict, LineList, YamlProblem, decode_yaml, line_of, read_yaml, read_yaml_fast

#: Section names curators reach for, and the section they mean.
_SECTION_HINTS = {
    "persons": "people",
    "person": "people",
    "orgs": "organizations",
    "organisations": "organizations",
    "companies": "organizations",
    "rounds": "funding_rounds",
    "funding": "funding_rounds",
    "acquisitions": "deals",
    "source": "sources",
}
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
}

_SINGULAR = {
    "sources": "source",
    "organizations": "organization",
    "people": "person",
    "deals": "deal",
    "funding_rounds": "funding round",
    "offers": "offer",
}


class Locations:
    """Where each record, and each item of its lists, was written: ``"lilian-weng"`` or
    ``"lilian-weng/roles/2"`` to ``(path, line)``. A record's lines are found when first asked for,
    so a big folder is never read twice unless something in it is reported."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, int]] = {}
        self._later: dict[str, Any] = {}

    def later(self, record_id: str, item: Any) -> None:
        """Remember where a record is (not the record: it may be let go); its lines are read when first wanted."""
        self._later[record_id] = (item.path, item.lines, item.section, item.index)

    def __setitem__(self, key: str, place: tuple[str, int]) -> None:
        self._known[key] = place

    def get(self, key: str, default: tuple[str, int] | None = None) -> tuple[str, int] | None:
        found = self._known.get(key)
        if found is None:
            record_id = key.split("/", 1)[0]
            place = self._later.pop(record_id, None)
            if place is not None:
                path, lines, section, position = place
                raw = lines.record(section, position)
                self._known[record_id] = (path, raw.line)
                for name, value in raw.items():
                    if isinstance(value, LineList):  # roles, education, raised …
                        for index, line in enumerate(value.item_lines):
                            self._known[f"{record_id}/{name}/{index}"] = (path, line)
                found = self._known.get(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> tuple[str, int]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


@dataclass
class Dataset:
    """Every validated record, by id, with where each was written."""

    sources: dict[str, Source] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    deals: dict[str, Deal] = field(default_factory=dict)
    rounds: dict[str, FundingRound] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    #: record id -> (path, line) of the record in the seeds
    locations: Locations = field(default_factory=lambda: Locations())
    #: how many files the fast reader read (bulk files; see :data:`FAST_READ_BYTES`)
    files_read_fast: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def facts(self) -> Iterator[Fact]:
        """Every top-level fact record (not the sources)."""
        yield from self.organizations.values()
        yield from self.people.values()
        yield from self.deals.values()
        yield from self.rounds.values()
        yield from self.offers.values()

    def summary(self) -> str:
        """``605 sources, 385 organizations, …``: how many records of each section."""
        counts = {
            "sources": len(self.sources),
            "organizations": len(self.organizations),
            "people": len(self.people),
            "deals": len(self.deals),
            "funding rounds": len(self.rounds),
            "offers": len(self.offers),
        }
        return ", ".join(f"{n} {what}" for what, n in counts.items())

    def location(self, record_id: str) -> str:
        path, line = self.locations.get(record_id, ("?", 0))
        return f"{path}:{line}"


def load_seeds(directory: str | os.PathLike, files: list[SeedFile] | None = None) -> Dataset:
    """Validate every file under ``directory``; raise :class:`DataError` listing all problems.

    ``files`` are the folder's files already read (:func:`read_seed_files`), so that a caller can
    key a cache on the very bytes the dataset is built from; the list is emptied once they are
    validated.
    """
    root = Path(directory)
    if files is None:
        if not root.is_dir():
            raise DataError([Problem(display(root), 0, "no such seeds folder")])
        files = read_seed_files(root)
    loaded: list[_Loaded] = []
    problems: list[Problem] = []
    fast = 0
    for seed_file in files:
        if seed_file.problem:
            problems.append(seed_file.problem)
        else:
            fast += _read_file(seed_file, loaded, problems)
    dataset = Dataset()
    dataset.files_read_fast = fast
    _check_references(loaded, dataset, problems)
    errors = sorted(p for p in problems if p.severity == "error")
    dataset.warnings = sorted(p for p in problems if p.severity == "warning")
    if errors:
        raise DataError(errors + dataset.warnings)
    for lines in {id(item.lines): item.lines for item in loaded}.values():
        lines.release()
    files.clear()  # the bytes of a big folder are not held while its graph is built
    return dataset


# -- pass one: each file against the model ---------------------------------------------------


#: Files at least this long are first read by the fast reader (:func:`kg.yamlio.read_yaml_fast`):
#: bulk files of many records, where reading time counts. Curated one-record files, and any file the
#: fast reader gives up on or that holds a problem, are read by the careful reader, which keeps lines.
FAST_READ_BYTES = 64 * 1024


class _Lines:
    """The careful reading of one file, made only when a line in it is wanted (a problem, ``kg audit``)."""

    __slots__ = ("path", "data", "document")

    def __init__(self, seed_file: SeedFile, document: LineDict | None = None):
        self.path = seed_file.path
        self.data = seed_file.data
        self.document = document

    def release(self) -> None:
        """Let the file's bytes go; if a line is wanted later, the file is read again from disk."""
        self.data = None

    def record(self, section: str, index: int) -> LineDict:
        if self.document is None:
            data = self.data if self.data is not None else self.path.read_bytes()
            self.document = read_yaml(decode_yaml(data))
        return self.document[section][index]


@dataclass(slots=True)
class _Loaded:
    """A record that passed the model, and where it was written (its lines are read when wanted)."""

    record: Record
    section: str
    path: str
    index: int
    lines: _Lines

    @property
    def raw(self) -> LineDict:
        """The record as the careful reader reads it, with the line of every key and item."""
        return self.lines.record(self.section, self.index)


def _read_file(seed_file: SeedFile, loaded: list[_Loaded], problems: list[Problem]) -> bool:
    """Read one file's records into ``loaded``; whether the fast reader read it."""
    file_name = seed_file.name
    data = seed_file.data or b""
    if len(data) >= FAST_READ_BYTES:
        try:
            document = read_yaml_fast(data.decode("utf-8"))
        except UnicodeDecodeError:
            document = None
        if isinstance(document, dict):
            kept = len(loaded)
            try:
                _take_records(document, seed_file, _Lines(seed_file), loaded, problems)
                return True
            except _ReadCarefully:
                del loaded[kept:]
    try:
        document = read_yaml(decode_yaml(data))
    except YamlProblem as err:
        problems.append(Problem(file_name, err.line, str(err)))
        return False
    if document is None:
        return False
    if not isinstance(document, LineDict):
        problems.append(Problem(file_name, 1, f"a seeds file is a mapping of sections ({', '.join(SECTIONS)})"))
        return False
    _take_records(document, seed_file, _Lines(seed_file, document), loaded, problems)
    return False


class _ReadCarefully(Exception):
    """A file the fast reader read holds a problem: the careful reader reads it again, to say where."""


def _take_records(document: dict, seed_file: SeedFile, lines: _Lines, loaded: list[_Loaded], problems: list[Problem]) -> None:
    """Check each record of a read file against the model; a fast reading gives up at the first
    problem (:class:`_ReadCarefully`), since only the careful reading says where it is."""
    file_name = seed_file.name
    careful = isinstance(document, LineDict)

    def problem() -> None:
        if not careful:
            raise _ReadCarefully

    for section, items in document.items():
        if section not in SECTIONS:
            problem()
            hint = f"; did you mean {_SECTION_HINTS[section]!r}?" if section in _SECTION_HINTS else _did_you_mean(section, SECTIONS)
            problems.append(Problem(file_name, document.key_lines[section], f"unknown section {shown(section)}{hint}"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problem()
            problems.append(Problem(file_name, document.key_lines[section], f"section {shown(section)} must be a list of records"))
            continue
        model = SECTIONS[section]
        for index, raw in enumerate(items):
            if not isinstance(raw, dict):
                problem()
                problems.append(Problem(file_name, items.item_lines[index], f"a {_SINGULAR[section]} must be a mapping of keys"))
                continue
            try:
                record = model.model_validate(raw)
            except ValidationError as err:
                problem()
                problems.extend(_explain(err, raw, file_name, section))
                continue
            _share_fields_set(record)
            loaded.append(_Loaded(record, section, file_name, index, lines))


#: one set object per distinct set of field names (see :func:`_share_fields_set`)
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _share_fields_set(model: BaseModel) -> None:
    """Let records that set the same fields share one record of which fields they set.

    pydantic keeps a set of the fields given for every model object, about 700 bytes each: more
    than the record itself. Nothing changes these sets after validation (a copy gets its own).
    """
    given = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))
    for name in given:
        value = model.__dict__[name]
        if isinstance(value, BaseModel):
            _share_fields_set(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                _share_fields_set(item)
        elif isinstance(value, dict):  # claims: field name -> list of claims
            for claims in value.values():
                if isinstance(claims, list):
                    for claim in claims:
                        if isinstance(claim, BaseModel):
                            _share_fields_set(claim)


def _explain(err: ValidationError, raw: LineDict, path: str, section: str) -> Iterator[Problem]:
    label = f"{_SINGULAR[section]} {shown(raw.get('id'))}" if isinstance(raw.get("id"), str) else _SINGULAR[section]
    for error in err.errors():
        loc = tuple(error["loc"])
        yield Problem(path, line_of(raw, loc, raw.line), f"{label}: {_describe(loc, error)}")


def _describe(loc: tuple, error: dict) -> str:
    where = _dotted(loc)
    kind = error["type"]
    message = error["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return f"unknown key {shown(where)}"
    if kind == "missing":
        return f"missing required key {shown(where)}"
    if kind == "too_short" and loc and loc[-1] == "sources":
        return f"{where}: every fact needs at least one source"
    if kind in _TYPE_NAMES:
        return f"{where}: expected {_TYPE_NAMES[kind]}, got {shown(error.get('input'))}"
    if kind == "string_pattern_mismatch":
        return f"{where}: {shown(error.get('input'))} is not a valid {_pattern_name(loc)}"
    return f"{where}: {message[0].lower() + message[1:]}" if where else message


def _dotted(loc: tuple) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _pattern_name(loc: tuple) -> str:
    names = [step for step in loc if isinstance(step, str)]
    last = names[-1] if names else ""
    return {
        "currency": "currency (three capital letters: USD, CNY, EUR)",
        "country": "country (two capital letters: US, CN, FR)",
        "language": "language (ISO 639-1, such as de, zh, en)",
        "url": "URL (http:// or https://)",
    }.get(last, "id (lowercase letters, digits and single hyphens, such as openai or mira-murati)")


# -- pass two: across files ------------------------------------------------------------------


def _check_references(loaded: list[_Loaded], dataset: Dataset, problems: list[Problem]) -> None:
    first_seen: dict[str, _Loaded] = {}
    tables = {
        "sources": dataset.sources,
        "organizations": dataset.organizations,
        "people": dataset.people,
        "deals": dataset.deals,
        "funding_rounds": dataset.rounds,
        "offers": dataset.offers,
    }
    for item in loaded:
        record_id = item.record.id  # type: ignore[attr-defined]
        if record_id in first_seen:
            earlier = first_seen[record_id]
            problems.append(
                Problem(
                    item.path,
                    item.raw.line,
                    f"duplicate id {record_id!r}: already used by the {_SINGULAR[earlier.section]} "
                    f"at {earlier.path}:{earlier.raw.line}",
                )
            )
            continue
        first_seen[record_id] = item
        tables[item.section][record_id] = item.record
        dataset.locations.later(record_id, item)

    cited: set[str] = set()
    for item in loaded:
        if item.section == "sources" or first_seen.get(item.record.id) is not item:  # type: ignore[attr-defined]
            continue
        check = _Checker(item, dataset, problems)
        check.record(item.record)
        cited |= check.cited
    _check_aliases(dataset, first_seen, problems)
    _check_parents(dataset, first_seen, problems)
    by_url: dict[str, str] = {}
    for source_id, source in dataset.sources.items():
        if source.url and source.url in by_url:
            path, line = dataset.locations[source_id]
            problems.append(
                Problem(path, line, f"source {source_id!r} has the same url as {by_url[source.url]!r}", "warning")
            )
        if source.url:
            by_url.setdefault(source.url, source_id)
        if source_id not in cited:
            path, line = dataset.locations[source_id]
            problems.append(Problem(path, line, f"source {source_id!r} is never cited", "warning"))


class _Checker:
    """Checks the references of one record, reporting at the line of each offending field."""

    def __init__(self, item: _Loaded, dataset: Dataset, problems: list[Problem]):
        self.item = item
        self.data = dataset
        self.problems = problems
        self.cited: set[str] = set()
        self.label = f"{_SINGULAR[item.section]} {item.record.id!r}"  # type: ignore[attr-defined]

    def report(self, loc: tuple, message: str, severity: str = "error") -> None:
        line = line_of(self.item.raw, loc, self.item.raw.line)
        self.problems.append(Problem(self.item.path, line, f"{self.label}: {message}", severity))

    def record(self, record: Record) -> None:
        if isinstance(record, Organization):
            self.organization(record)
        elif isinstance(record, Person):
            self.person(record)
        elif isinstance(record, Deal):
            self.deal(record)
        elif isinstance(record, FundingRound):
            self.funding_round(record)
        elif isinstance(record, Offer):
            self.offer(record)

    def sources(self, fact: Fact, loc: tuple) -> None:
        self.source_ids(fact.sources, loc + ("sources",))
        for name, claims in fact.claims.items():
            for index, claim in enumerate(claims):
                self.source_ids(claim.sources, loc + (name, index, "sources"))

    def source_ids(self, ids: Iterable[str], loc: tuple) -> None:
        for index, source_id in enumerate(ids):
            self.cited.add(source_id)
            if source_id not in self.data.sources:
                hint = _did_you_mean(source_id, self.data.sources)
                self.report(loc + (index,), f"unknown source {shown(source_id)}{hint}")

    def ref(self, value: str | None, loc: tuple, *kinds: str) -> None:
        if value is None:
            return
        tables = {"organization": self.data.organizations, "person": self.data.people}
        if any(value in tables[kind] for kind in kinds):
            return
        candidates: set[str] = set()
        for kind in kinds:
            candidates |= set(tables[kind])
        hint = _did_you_mean(value, candidates)
        self.report(loc, f"unknown {' or '.join(kinds)} {shown(value)}{hint}")

    def span(self, fact: Fact, loc: tuple) -> None:
        start, end = getattr(fact, "start", None), getattr(fact, "end", None)
        if start and end and dates.before(end, start):
            self.report(loc + ("end",), f"end {end} is before start {start}")

    def organization(self, org: Organization) -> None:
        self.sources(org, ())
        self.ref(org.parent, ("parent",), "organization")
        if org.parent == org.id:
            self.report(("parent",), "an organisation cannot be its own parent")
        for index, total in enumerate(org.raised):
            self.sources(total, ("raised", index))

    def person(self, person: Person) -> None:
        self.sources(person, ())
        for index, school in enumerate(person.education):
            loc = ("education", index)
            self.sources(school, loc)
            self.ref(school.school, loc + ("school",), "organization")
            self.ref(school.advisor, loc + ("advisor",), "person")
            self.span(school, loc)
        previous: tuple[int, str] | None = None
        for index, role in enumerate(person.roles):
            loc = ("roles", index)
            self.sources(role, loc)
            self.ref(role.org, loc + ("org",), "organization")
            self.span(role, loc)
            if role.kind in CAREER_ROLE_KINDS and role.start:
                if previous and dates.before(role.start, previous[1]):
                    self.report(
                        loc + ("start",),
                        f"roles out of order: this role starts {role.start}, before roles[{previous[0]}] "
                        f"({previous[1]}); list a career in the order it happened",
                    )
                previous = (index, role.start)

    def deal(self, deal: Deal) -> None:
        self.sources(deal, ())
        self.ref(deal.acquirer, ("acquirer",), "organization")
        self.ref(deal.target, ("target",), "organization")
        for index, person_id in enumerate(deal.people):
            self.ref(person_id, ("people", index), "person")

    def funding_round(self, funding: FundingRound) -> None:
        self.sources(funding, ())
        self.ref(funding.org, ("org",), "organization")
        for index, lead in enumerate(funding.leads):
            self.ref(lead, ("leads", index), "organization", "person")
        for index, entry in enumerate(funding.investors):
            self.ref(entry.id, ("investors", index), "organization", "person")
            self.source_ids(entry.sources, ("investors", index, "sources"))


    def offer(self, offer: Offer) -> None:
        self.sources(offer, ())
        self.ref(offer.offered_by, ("offered_by",), "organization")
        for index, person_id in enumerate(offer.to):
            self.ref(person_id, ("to", index), "person")


def _check_aliases(dataset: Dataset, first_seen: dict[str, _Loaded], problems: list[Problem]) -> None:
    from kg.names import normalize

    owner: dict[str, tuple[str, str]] = {}
    for entity in list(dataset.organizations.values()) + list(dataset.people.values()):
        item = first_seen[entity.id]
        for position, name in enumerate([entity.name, *entity.aliases]):
            key = normalize(name)
            if not key:
                continue
            if key in owner and owner[key][0] != entity.id:
                other_id, other_name = owner[key]
                loc = ("name",) if position == 0 else ("aliases", position - 1)
                problems.append(
                    Problem(
                        item.path,
                        line_of(item.raw, loc, item.raw.line),
                        f"{entity.id!r}: the name {name!r} also names {other_id!r} ({other_name!r} at "
                        f"{dataset.location(other_id)})",
                    )
                )
            owner.setdefault(key, (entity.id, name))


def _check_parents(dataset: Dataset, first_seen: dict[str, _Loaded], problems: list[Problem]) -> None:
    for org in dataset.organizations.values():
        seen: set[str] = set()
        parent = org.parent
        while parent in dataset.organizations and parent not in seen and parent != org.id:
            seen.add(parent)
            parent = dataset.organizations[parent].parent
        if parent == org.id and org.parent != org.id:
            item = first_seen[org.id]
            line = line_of(item.raw, ("parent",), item.raw.line)
            problems.append(Problem(item.path, line, f"organization {org.id!r}: its chain of parents loops back to it"))


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    from kg.names import closest

    names = closest(value, choices)
    return f"; did you mean {', '.join(repr(n) for n in names)}?" if names else ""
