"""The embedded backend: the talent graph as a networkx ``MultiDiGraph``, with a name index.

>>> graph = open_graph()                                   # doctest: +SKIP
>>> graph.resolve("翁荔").id                                # doctest: +SKIP
'lilian-weng'
>>> [e for e in graph.out_edges("lilian-weng", "WORKED_AT")]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.names import Entry, NameIndex

if TYPE_CHECKING:  # the cached path never imports the model or the loader
    from kg.graph_model import GraphElements
    from kg.result import Result

_CACHE_VERSION = "1"
_CACHE_KEEP = 16


class TalentGraph:
    """Nodes carry ``labels`` and their properties; edges carry ``type`` and properties, keyed by ``key``."""

    def __init__(self, elements: GraphElements):
        self.g = nx.MultiDiGraph()
        for node in elements.nodes:
            self.g.add_node(node.id, labels=node.labels, **node.props)
        for edge in elements.edges:
            self.g.add_edge(edge.source, edge.target, key=edge.key, type=edge.type, **edge.props)
        entries = [
            Entry(n, data["labels"][0], data["name"])
            for n, data in self.g.nodes(data=True)
            if data["labels"][0] in ("Person", "Organization")
        ]
        aliases = {entry.id: list(self.g.nodes[entry.id].get("aliases", [])) for entry in entries}
        self.names = NameIndex(entries, aliases)
        self.by_label: dict[str, list[str]] = {}
        for node_id, data in self.g.nodes(data=True):
            for label in data["labels"]:
                self.by_label.setdefault(label, []).append(node_id)
        self.by_type: dict[str, list[tuple[str, str, str]]] = {}
        for source, target, key, data in self.g.edges(keys=True, data=True):
            self.by_type.setdefault(data["type"], []).append((source, target, key))
        self.units: dict[str, set[str]] = {}
        for org_id, data in self.nodes("Organization"):
            for ancestor in data["lineage"]:
                self.units.setdefault(ancestor, set()).add(org_id)
        self._adjacency: dict[tuple[str, ...], dict[str, set[str]]] = {}
        self._undirected: dict[tuple[str, ...], nx.Graph] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_adjacency"] = {}  # rebuilt on demand; not worth the cache's bytes
        state["_undirected"] = {}
        return state

    # -- reading ---------------------------------------------------------------------------

    def node(self, node_id: str) -> dict[str, Any]:
        return self.g.nodes[node_id]

    def has(self, node_id: str, label: str | None = None) -> bool:
        return node_id in self.g and (label is None or label in self.g.nodes[node_id]["labels"])

    def label(self, node_id: str) -> str:
        return self.g.nodes[node_id]["labels"][0]

    def name(self, node_id: str) -> str:
        data = self.g.nodes[node_id]
        return data.get("name") or data.get("title") or node_id

    def nodes(self, label: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for node_id in self.by_label.get(label, []):
            yield node_id, self.g.nodes[node_id]

    def moves_from(self, orgs: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every move leaving one of the given organisations, in a stable order."""
        found = sorted(move for org in orgs for move, _ in self.in_edges(org, "FROM"))
        for move_id in found:
            yield move_id, self.g.nodes[move_id]

    def adjacency(self, types: tuple[str, ...]) -> dict[str, set[str]]:
        """Undirected neighbours over the given relationship types (computed once per graph)."""
        if types not in self._adjacency:
            neighbours: dict[str, set[str]] = {}
            for rel in types:
                for source, target, _ in self.by_type.get(rel, []):
                    neighbours.setdefault(source, set()).add(target)
                    neighbours.setdefault(target, set()).add(source)
            self._adjacency[types] = neighbours
        return self._adjacency[types]

    def undirected(self, types: tuple[str, ...]) -> nx.Graph:
        """The relationships of the given types as a simple undirected networkx graph (built once)."""
        if types not in self._undirected:
            self._undirected[types] = nx.Graph(self.adjacency(types))
        return self._undirected[types]

    def out_edges(self, node_id: str, rel: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(target, properties)`` of each ``rel`` relationship leaving a node."""
        for _, target, data in self.g.out_edges(node_id, data=True):
            if data["type"] == rel:
                yield target, data

    def in_edges(self, node_id: str, rel: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(source, properties)`` of each ``rel`` relationship arriving at a node."""
        for source, _, data in self.g.in_edges(node_id, data=True):
            if data["type"] == rel:
                yield source, data

    def edges(self, rel: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for source, target, key in self.by_type.get(rel, []):
            yield source, target, self.g.edges[source, target, key]

    def family(self, org_id: str) -> set[str]:
        """An organisation and every unit below it: the organisations whose stored lineage holds it."""
        return set(self.units.get(org_id, {org_id}))

    def ancestors(self, org_id: str) -> list[str]:
        """An organisation and its chain of parents, nearest first (its stored lineage)."""
        return list(self.g.nodes[org_id]["lineage"])

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title, publisher, date and url of each source id."""
        fields = ("title", "publisher", "date", "url")
        return {i: {f: self.g.nodes[i].get(f) for f in fields} for i in ids if i in self.g}

    def resolve(self, name: str, label: str | None = None) -> Entry:
        """The entity a name or alias means, in any script (see :mod:`kg.names`)."""
        return self.names.resolve(name, label)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label, and relationships per type."""
        return (
            {label: len(ids) for label, ids in self.by_label.items()},
            {rel: len(edges) for rel, edges in self.by_type.items()},
        )


def statistics(graph: TalentGraph) -> Result:
    """Nodes per label (main labels first, in the vocabulary's order, then kind labels) and relationships per type."""
    from kg.result import Result
    from kg.schema import NODE_LABELS

    labels, types = graph.counts()
    order = {label: position for position, label in enumerate(NODE_LABELS)}
    main_labels = sorted(labels, key=lambda label: (order.get(label, len(order)), label))
    rows = [{"kind": "node", "name": label, "count": labels[label]} for label in main_labels]
    rows += [{"kind": "relationship", "name": rel, "count": types[rel]} for rel in sorted(types)]
    return Result("stats", {}, ["kind", "name", "count"], rows, title="kg stats: nodes and relationships")


def build_graph(seeds: str | os.PathLike, files=None) -> TalentGraph:
    """Validate the seeds, derive, and build the embedded graph (no cache).

    ``files`` are the folder's files already read (:func:`kg.seeds.read_seed_files`).
    """
    from kg.graph_model import build_elements
    from kg.seeds import load_seeds

    return TalentGraph(build_elements(load_seeds(seeds, files)))


def open_graph(seeds: str | os.PathLike | None = None, cache: bool = True) -> TalentGraph:
    """The embedded graph of a seeds folder (default: the project's), cached by the seeds' content.

    The cache lives in ``$KG_CACHE_DIR`` (default ``~/.cache/kg``); it is keyed on the bytes of
    every seeds file and of kg's own code, so an edit to either rebuilds it. The seeds are read
    once, and the key is the hash of the very bytes the graph is built from: a file edited while
    the graph builds can never file the new graph under the old content's key. ``KG_NO_CACHE=1``
    turns it off.
    """
    from kg.locations import seeds_dir
    from kg.seeds import read_seed_files

    folder = Path(seeds) if seeds is not None else seeds_dir()
    if not cache or os.environ.get("KG_NO_CACHE"):
        return build_graph(folder)
    state = _tree_state(folder)
    known = _read_marker(state)
    if known:
        graph = _read_cached(known)
        if graph is not None:
            return graph
    files = read_seed_files(folder) if folder.is_dir() else None
    content = fingerprint(folder, files)
    graph = _read_cached(content)
    if graph is None:
        graph = build_graph(folder, files)
        _write_atomically(_cache_dir() / f"graph-{content}.pickle", pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL))
    if _tree_state(folder) == state:  # nothing changed while reading: this state of the tree has this content
        _write_atomically(_cache_dir() / f"stat-{state}", content.encode("ascii"))
    return graph


def fingerprint(folder: Path, files=None) -> str:
    """A hash of kg's code and of every seeds file (path and bytes), from ``files`` when given."""
    from kg.seeds import read_seed_files

    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for path, name in _code_files():
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    for seed_file in files if files is not None else read_seed_files(folder):
        digest.update(b"\0" + str(seed_file.path.relative_to(folder)).encode() + b"\0")
        digest.update(seed_file.data if seed_file.data is not None else b"\0unreadable")
    return digest.hexdigest()[:32]


def _read_cached(content: str) -> TalentGraph | None:
    try:
        with (_cache_dir() / f"graph-{content}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _read_marker(state: str) -> str | None:
    try:
        return (_cache_dir() / f"stat-{state}").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _tree_state(folder: Path) -> str:
    """The names, sizes and modification times of the files a graph is built from.

    Reading every file costs more than the rest of a cold start, so the content hash is
    remembered per state of the tree; touching a file without changing it costs one re-hash.
    """
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for path, name in [*_code_files(), *_seed_names(folder)]:
        try:
            stat = path.stat()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{name}\0unreadable\0".encode())
    return digest.hexdigest()[:32]


def _code_files() -> list[tuple[Path, str]]:
    code = Path(__file__).resolve().parent
    return [(path, f"kg/{path.relative_to(code)}") for path in sorted(code.rglob("*.py"))]


def _seed_names(folder: Path) -> list[tuple[Path, str]]:
    from kg.seeds import seed_files

    return [(path, str(path.relative_to(folder))) for path in seed_files(folder)] if folder.is_dir() else []


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kg"
    )
    return Path(base)


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        for pattern in ("graph-*.pickle", "stat-*"):
            stale = sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in stale[_CACHE_KEEP * 4 if pattern == "stat-*" else _CACHE_KEEP :]:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs the cache, never the answer
