"""The graph as the CSV set of ``neo4j-admin database import full``: the bulk path into a new database.

One nodes file per label set and one relationships file per type (a second file of a label set or
type holds the rows where a number property is a decimal, since a typed column holds one number
type). Each file has its header in a file of its own, written once every row is: the columns are
learnt as the rows stream past (a row stops at its last property; the importer reads a missing
field as no property). Headers name the id (``id:ID(kg)``), the labels (``:LABEL``), the ends and
type of a relationship (``:START_ID(kg)``, ``:END_ID(kg)``, ``:TYPE``) and each property's type
(``order:long``, ``lead:boolean``, ``sources:string[]``).

The imported database holds what ``kg load`` writes: the same labels and properties, every node
with the ``KgNode`` label and one generation in ``gen``, and the live marker ``(:KgLive)`` naming
that generation, so the catalogue's Cypher answers from it as it is.

>>> written = write_import_set(load_seeds("seeds"), Path("import"))   # doctest: +SKIP
>>> " ".join(written.command())                                        # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.backends.neo4j import LIVE_LABEL, NODE_LABEL, new_generation
from kg.errors import KgError, shown
from kg.graph_model import check_edge, iter_elements

#: Between the items of a list property and between labels: the ASCII unit separator, which no
#: text kg holds may contain (checked as each item is written) and which the importer takes as
#: ``--array-delimiter=\u001F``.
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "\\u001F"
#: The id space of kg's nodes, and the one of the live marker (which has no ``id`` property).
ID_SPACE = "kg"
LIVE_ID_SPACE = "kg-live"


class ImportSetError(KgError):
    """A graph that cannot be written as an import set, or a directory it cannot be written to."""


@dataclass
class ImportSet:
    """The files written, what they hold, and how to import them."""

    directory: Path
    generation: str
    nodes: int = 0
    relationships: int = 0
    #: (header, rows) file pairs: ``--nodes=`` and ``--relationships=`` arguments, in order
    node_files: list[tuple[Path, Path]] = field(default_factory=list)
    relationship_files: list[tuple[Path, Path]] = field(default_factory=list)
    #: a text value spans lines, so the importer must be told (it reads such files more slowly)
    multiline: bool = False

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    def describe(self) -> str:
        """What ``kg export --to neo4j-import`` prints: what it wrote, and the command that imports it."""
        import shlex

        files = 2 * (len(self.node_files) + len(self.relationship_files))
        return (
            f"wrote {self.nodes} nodes and {self.relationships} relationships in {files} files to {self.directory}; "
            f"import them into a new database (with the server stopped) with:\n{shlex.join(self.command())}"
        )

    def command(self, database: str = "neo4j", admin: str = "neo4j-admin") -> list[str]:
        """The ``neo4j-admin database import full`` command line that imports these files."""
        return [
            admin, "database", "import", "full", database,
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
            *(["--multiline-fields=true"] if self.multiline else []),
            *(f"--nodes={header},{rows}" for header, rows in self.node_files),
            *(f"--relationships={header},{rows}" for header, rows in self.relationship_files),
        ]


def export_import_set(seeds: Path | None, directory: Path) -> ImportSet:
    """Validate a seeds folder (default: the shipped one) and write its import set into ``directory``."""
    from kg.locations import seeds_dir
    from kg.seeds import load_seeds

    return write_import_set(load_seeds(seeds or seeds_dir()), directory)


def write_import_set(dataset, directory: Path, derived=None) -> ImportSet:
    """Write the CSV set of a validated dataset into ``directory`` (new or empty), streaming.

    The files are written in a folder beside it and moved in once complete, so a failure leaves
    no partial set behind.
    """
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ImportSetError(f"{directory} is not an empty folder; give a new or empty one for the import files")
    parent = directory.parent
    if not parent.is_dir():
        raise ImportSetError(f"cannot write into {directory}: no folder {parent}")
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=parent))
    try:
        written = _write(dataset, derived, staging, ImportSet(directory, new_generation()))
        if directory.exists():
            directory.rmdir()
        staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    moved = lambda pairs: [(directory / header.name, directory / rows.name) for header, rows in pairs]  # noqa: E731
    written.node_files, written.relationship_files = moved(written.node_files), moved(written.relationship_files)
    return written


def _write(dataset, derived, folder: Path, written: ImportSet) -> ImportSet:
    nodes, edges = iter_elements(dataset, derived)
    label_of: dict[str, str] = {}
    tables: dict[tuple, _Table] = {}
    try:
        for node in nodes:
            if node.id in label_of:
                raise ImportSetError(f"two nodes have the id {node.id!r}")
            label_of[node.id] = node.labels[0]
            props = {key: value for key, value in node.props.items() if key != "id"}
            table = _table(tables, folder, "nodes", node.labels, props, [f"id:ID({ID_SPACE})", ":LABEL", "gen"])
            table.add([node.id, ARRAY_DELIMITER.join((NODE_LABEL, *node.labels)), written.generation], props, node.id)
            written.nodes += 1
        for edge in edges:
            check_edge(edge, label_of.get(edge.source), label_of.get(edge.target))
            table = _table(tables, folder, "relationships", (edge.type,), edge.props, [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", ":TYPE", "key"])
            table.add([edge.source, edge.target, edge.type, edge.key], edge.props, edge.key)
            written.relationships += 1
    finally:
        for table in tables.values():
            table.close()
    for table in sorted(tables.values(), key=lambda t: t.name):
        table.write_header()
        written.multiline |= table.multiline
        (written.node_files if table.kind == "nodes" else written.relationship_files).append((table.header_path, table.path))
    written.node_files.insert(0, _live_marker(folder, written))
    return written


def _live_marker(folder: Path, written: ImportSet) -> tuple[Path, Path]:
    """``(:KgLive {name: 'live', gen})``, as ``kg load``'s switch leaves it (with the graph's size)."""
    header, rows = folder / "nodes-KgLive.header.csv", folder / "nodes-KgLive.csv"
    header.write_text(f":ID({LIVE_ID_SPACE}),:LABEL,name,gen,nodes:long,relationships:long,since:datetime\n", encoding="utf-8")
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rows.write_text(f'"live","{LIVE_LABEL}","live","{written.generation}",{written.nodes},{written.relationships},"{since}"\n', encoding="utf-8")
    return header, rows


def _table(tables: dict, folder: Path, kind: str, group: tuple[str, ...], props: dict[str, Any], fixed: list[str]) -> _Table:
    # the rows whose decimals sit in other columns go to a file of their own (a column holds one number type)
    decimals = tuple(sorted(key for key, value in props.items() if _kind(value) in ("double", "double[]")))
    key = (kind, group, decimals)
    table = tables.get(key)
    if table is None:
        name = "-".join([kind, *group, *(["decimal", *decimals] if decimals else [])])
        table = tables[key] = _Table(folder, name, kind, fixed)
    return table


class _Table:
    """One CSV file of rows, and the header its columns need (learnt as rows are added)."""

    def __init__(self, folder: Path, name: str, kind: str, fixed: list[str]):
        self.name, self.kind = name, kind
        self.path, self.header_path = folder / f"{name}.csv", folder / f"{name}.header.csv"
        self.fixed = fixed
        self.columns: dict[str, str] = {}  # property -> its type, in column order
        self.position: dict[str, int] = {}
        self.multiline = False
        self.handle = self.path.open("w", encoding="utf-8", newline="")

    def add(self, fixed: list[str], props: dict[str, Any], where: str) -> None:
        values: dict[int, Any] = {}
        for key, value in props.items():
            kind = _kind(value)
            if key not in self.position:
                self.position[key], self.columns[key] = len(self.position), kind
            elif kind != self.columns[key]:
                raise ImportSetError(f"{where}: {key} is {kind} here but {self.columns[key]} elsewhere, which one typed column cannot hold")
            values[self.position[key]] = self._text(value, key, where)
        # a row ends at its last property: the importer reads the missing fields as no property
        fields = [*fixed, *(values.get(i) for i in range(max(values, default=-1) + 1))]
        self.handle.write(",".join(_field(value) for value in fields) + "\n")

    def _text(self, value: Any, key: str, where: str) -> Any:
        """A value as its field holds it: a scalar as it is, a list as its items' text, joined."""
        if isinstance(value, str):
            self.multiline |= "\n" in value or "\r" in value
        if not isinstance(value, (list, tuple)):
            return value
        items = [self._text(item, key, where) for item in value]
        for item in items:
            if isinstance(item, str) and (item == "" or ARRAY_DELIMITER in item):
                raise ImportSetError(f"{where}: an item of {key} is {shown(item)}, which a list in an import file cannot hold")
        return ARRAY_DELIMITER.join(_field(item, quoted=False) for item in items)

    def close(self) -> None:
        self.handle.close()

    def write_header(self) -> None:
        columns = [f"{key}:{kind}" for key, kind in self.columns.items()]
        self.header_path.write_text(",".join([*self.fixed, *columns]) + "\n", encoding="utf-8")


def _field(value: Any, quoted: bool = True) -> str:
    """A CSV field: text quoted (so ``""`` is an empty text), a number or a boolean bare, no value empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"' if quoted else value
    return repr(value)


def _kind(value: Any) -> str:
    """The importer's type of a property value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    kinds = {_kind(item) for item in value}
    if kinds <= {"long", "double"} and "double" in kinds:
        return "double[]"
    if len(kinds) != 1:
        raise ImportSetError(f"a list property mixes {' and '.join(sorted(kinds))}, which one typed column cannot hold")
    return f"{kinds.pop()}[]"
