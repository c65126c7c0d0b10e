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

from pydantic import ValidationError

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
from kg.yamlio import LineDict, LineList, YamlProblem, decode_yaml, line_of, read_yaml

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
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
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


@dataclass(frozen=True)
class SeedFile:
    """One seeds file as read from disk: its bytes, or the problem that kept them from being read."""

    path: Path
    data: bytes | None
    problem: Problem | None = None

    @property
    def name(self) -> str:
        return display(self.path)


def seed_files(directory: str | os.PathLike) -> list[Path]:
    """The YAML files under a seeds folder, in a stable order (without reading them)."""
    return [path for path, _ in _walk(Path(directory))]


def read_seed_files(directory: str | os.PathLike) -> list[SeedFile]:
    """Every ``*.yaml`` file under a folder, read once, in a stable order.

    Symlinked folders are followed unless they lead back to a folder already read (a loop); a
    file that cannot be read (permissions, a symlink loop, a dangling link, a pipe) is kept with
    its problem, so the graph, its cache key and the errors all come from this one reading.
    """
    return [SeedFile(path, None, problem) if problem else _read_bytes(path) for path, problem in _walk(Path(directory))]


def _walk(root: Path) -> list[tuple[Path, Problem | None]]:
    found: list[tuple[Path, Problem | None]] = []
    seen = {os.path.realpath(root)}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as err:
            found.append((folder, Problem(display(folder), 1, f"folder cannot be read ({_os_reason(err)})")))
            continue
        for entry in entries:
            path = Path(entry.path)
            if _is_folder(entry):
                real = os.path.realpath(path)
                if real in seen:
                    found.append((path, Problem(display(path), 1, f"symlink loop: it leads back to {display(Path(real))}, which is read already")))
                    continue
                seen.add(real)
                pending.append(path)
            elif path.suffix in (".yaml", ".yml"):
                found.append((path, None))
    return sorted(found, key=lambda item: item[0])


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop is not a folder; reading it reports the loop
        return False


def _read_bytes(path: Path) -> SeedFile:
    import stat

    try:
        # a named pipe or a device would block or never end: only regular files are read
        if not stat.S_ISREG(path.stat().st_mode):
            return SeedFile(path, None, Problem(display(path), 1, "not a regular file (a pipe, socket or device); not read"))
        return SeedFile(path, path.read_bytes())
    except OSError as err:
        return SeedFile(path, None, Problem(display(path), 1, f"cannot be read ({_os_reason(err)})"))


def _os_reason(err: OSError) -> str:
    import errno

    if err.errno == errno.ELOOP:
        return "a symlink loop"
    if err.errno == errno.ENOENT and os.path.islink(err.filename or ""):
        return "a symlink to nothing"
    return (err.strerror or type(err).__name__).lower()


def load_seeds(directory: str | os.PathLike, files: list[SeedFile] | None = None) -> Dataset:
    """Validate every file under ``directory``; raise :class:`DataError` listing all problems.

    ``files`` are the folder's files already read (:func:`read_seed_files`), so that a caller can
    key a cache on the very bytes the dataset is built from.
    """
    root = Path(directory)
    if files is None:
        if not root.is_dir():
            raise DataError([Problem(display(root), 0, "no such seeds folder")])
        files = read_seed_files(root)
    loaded: list[_Loaded] = []
    problems: list[Problem] = []
    for seed_file in files:
        if seed_file.problem:
            problems.append(seed_file.problem)
        else:
            _read_file(seed_file, loaded, problems)
    dataset = Dataset()
    _check_references(loaded, dataset, problems)
    errors = sorted(p for p in problems if p.severity == "error")
    dataset.warnings = sorted(p for p in problems if p.severity == "warning")
    if errors:
        raise DataError(errors + dataset.warnings)
    return dataset


# -- pass one: each file against the model ---------------------------------------------------


@dataclass
class _Loaded:
    """A record that passed the model, with the raw YAML it came from (for line numbers)."""

    record: Record
    section: str
    path: str
    raw: LineDict


def _read_file(seed_file: SeedFile, loaded: list[_Loaded], problems: list[Problem]) -> None:
    file_name = seed_file.name
    try:
        document = read_yaml(decode_yaml(seed_file.data or b""))
    except YamlProblem as err:
        problems.append(Problem(file_name, err.line, str(err)))
        return
    if document is None:
        return
    if not isinstance(document, LineDict):
        problems.append(Problem(file_name, 1, f"a seeds file is a mapping of sections ({', '.join(SECTIONS)})"))
        return
    for section, items in document.items():
        line = document.key_lines[section]
        if section not in SECTIONS:
            hint = f"; did you mean {_SECTION_HINTS[section]!r}?" if section in _SECTION_HINTS else _did_you_mean(section, SECTIONS)
            problems.append(Problem(file_name, line, f"unknown section {shown(section)}{hint}"))
            continue
        if items is None:
            continue
        if not isinstance(items, LineList):
            problems.append(Problem(file_name, line, f"section {shown(section)} must be a list of records"))
            continue
        for index, raw in enumerate(items):
            item_line = items.item_lines[index]
            if not isinstance(raw, LineDict):
                problems.append(Problem(file_name, item_line, f"a {_SINGULAR[section]} must be a mapping of keys"))
                continue
            try:
                record = SECTIONS[section].model_validate(raw)
            except ValidationError as err:
                problems.extend(_explain(err, raw, file_name, section))
                continue
            loaded.append(_Loaded(record, section, file_name, raw))


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
        dataset.locations[record_id] = (item.path, item.raw.line)
        for key, value in item.raw.items():
            if isinstance(value, LineList):  # roles, education, raised …: "lilian-weng/roles/2"
                for index, line in enumerate(value.item_lines):
                    dataset.locations[f"{record_id}/{key}/{index}"] = (item.path, line)

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
