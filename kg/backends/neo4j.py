"""The Neo4j backend: connecting, loading the graph all-or-nothing, and answering from ``cypher/``.

kg's graph lives in Neo4j in **generations**. Every node kg writes carries the label ``KgNode``
and the id of its generation in ``gen``; the one node ``(:KgLive {name: 'live'})`` names the live
generation in its ``gen``. Every catalogue query starts ``MATCH (live:KgLive) WITH live.gen AS gen``
and keeps its first nodes to ``{gen: gen}`` (relationships only join nodes of one generation), so a
reader sees one whole graph, whatever a load is doing meanwhile. A load:

1. takes **the lock** (:class:`LoadLocked`, exit code 4, when another load holds it): the node
   ``(:KgLoadLock {name: 'load'})``, unique by a constraint, with its holder and start time; a lock
   whose holder is gone (a finished process on this machine, or silent for ten minutes) is taken over;
2. **stages** the new graph as a new generation, in batched ``UNWIND $rows … CREATE`` statements,
   each committed, with real labels but a ``gen`` no reader asks for (see :func:`stage` for what
   makes it fast: rows as plain lists, relationships joined by the node ids the server returned,
   several batches written at once, a batch that loses a deadlock to another written again);
3. **switches** ``KgLive.gen`` to it in one small transaction: readers move from the old graph to
   the new one at once, never through a mix;
4. **cleans up**: once the reads that began before the switch have ended (a minute at most), the
   replaced generation is deleted in committed batches. Between loads the database holds one graph.

A failure before the switch leaves the live graph as it was (the partial generation is deleted
at once, or by the next load). When the server goes away during the switch itself, kg asks which
generation is live and says so (exit 1 when the previous one still is); when it cannot tell, or the
server went away after the switch, it says that with exit code 3. Loading the same seeds twice
leaves identical nodes, relationships and properties; facts removed from the seeds are gone.

>>> settings = Settings.from_environment()              # doctest: +SKIP
>>> report = load(build_elements(load_seeds("seeds")), settings)  # doctest: +SKIP
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kg import collector
from kg.defaults import BATCH_SIZE, LOAD_WRITERS
from kg.errors import BackendUnavailable, KgError, UsageError, WriteRefused, at_least_one
from kg.names import Entry, NameIndex
from kg.schema import ALL_LABELS, NODE_LABELS



@dataclass(frozen=True)
class Settings:
    """Where the server is: ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"

    @classmethod
    def from_environment(cls, **overrides: str | None) -> Settings:
        values = {
            "uri": os.environ.get("NEO4J_URI") or cls.uri,
            "user": os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or cls.user,
            "password": os.environ.get("NEO4J_PASSWORD", cls.password),
            "database": os.environ.get("NEO4J_DATABASE") or cls.database,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


#: The URI schemes of the Bolt protocol, the only one the driver speaks.
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: The longest a ``kg cypher`` statement may run, in seconds.
MAX_TIMEOUT = 3600.0


class LoadFailed(KgError):
    """A load that stopped before its graph went live; the previous graph is intact."""


class LoadLocked(KgError):
    """Another ``kg load`` holds the database's load lock."""

    exit_code = 4


class LoadInterrupted(BackendUnavailable):
    """The server went away at or after the switch: the message says which graph is live, if known."""


def driver(settings: Settings):
    """A connected driver, or :class:`BackendUnavailable` within seconds."""
    scheme, sep, _ = settings.uri.partition("://")
    if not sep or scheme.lower() not in URI_SCHEMES:
        raise BackendUnavailable(
            f"NEO4J_URI must be a Bolt address such as bolt://127.0.0.1:7687 (schemes {', '.join(URI_SCHEMES)}), not {settings.uri!r}"
        )
    import neo4j

    with translated_errors(settings):
        handle = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=0.0,
            notifications_min_severity="OFF",
        )
        try:
            handle.verify_connectivity()
        except BaseException:
            handle.close()
            raise
    return handle


@contextmanager
def translated_errors(settings: Settings) -> Iterator[None]:
    """Driver exceptions as one-sentence kg errors."""
    import neo4j.exceptions as errors

    try:
        yield
    except errors.AuthError:
        raise BackendUnavailable(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r} (check NEO4J_PASSWORD)"
        ) from None
    except (errors.ServiceUnavailable, errors.SessionExpired, OSError) as err:
        raise BackendUnavailable(f"cannot reach Neo4j at {settings.uri}: {_reason(err)}") from None
    except errors.ConfigurationError as err:
        raise BackendUnavailable(f"cannot use Neo4j at {settings.uri}: {err}") from None
    except errors.ClientError as err:
        if err.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise BackendUnavailable(f"Neo4j at {settings.uri} has no database {settings.database!r}") from None
        raise


# -- schema and loading -------------------------------------------------------------------------


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher``, one by one."""
    from kg.locations import cypher_dir

    text = (cypher_dir() / "schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


@dataclass
class LoadReport:
    nodes: int
    relationships: int
    batches: int
    previous_nodes: int
    previous_relationships: int
    seconds: float = 0.0
    generation: str = ""

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    def describe(self, settings: Settings) -> str:
        """``loaded 1800 nodes and 5673 relationships into … in 8.7 s, …``: what ``kg load`` prints."""
        return (
            f"loaded {self.nodes} nodes and {self.relationships} relationships into {settings.uri} "
            f"(database {settings.database}) in {self.seconds:.1f} s, {self.batches} batches, "
            f"{self.rows / max(self.seconds, 1e-9):,.0f} rows/s; replaced a graph of {self.previous_nodes} nodes "
            f"and {self.previous_relationships} relationships"
        )


def load_folder(
    seeds, settings: Settings, batch_size: int = BATCH_SIZE, progress: Progress | None = None, writers: int = LOAD_WRITERS
) -> LoadReport:
    """Validate a seeds folder (default: the shipped one), derive, and :func:`load` it, timed."""
    import time

    from kg.locations import seeds_dir
    from kg.seeds import load_seeds

    elements = streamed(load_seeds(seeds or seeds_dir()))
    started = time.perf_counter()
    report = load(elements, settings, batch_size=batch_size, progress=progress, writers=writers)
    report.seconds = time.perf_counter() - started
    return report


#: ``progress(batches_done, batches_total, rows_in_batch)``, called after each committed batch
#: (``batches_total`` is None when the elements are streamed, and so not counted beforehand).
Progress = Callable[[int, int, int], None]
#: ``phase(name)``, called as a load passes each phase: "locked", "staged", "switching" (inside the
#: switch's transaction, before it commits), "switched" and "cleaned".
Phase = Callable[[str], None]

NODE_LABEL = "KgNode"
#: How every query starts: the live generation, bound once (a value, so a switch mid-query cannot change it).
LIVE_MATCH = "MATCH (live:KgLive) WITH live.gen AS gen"
LIVE_LABEL = "KgLive"
LOCK_LABEL = "KgLoadLock"
#: The longest a load waits after its switch for readers of the replaced graph to finish.
READER_GRACE_SECONDS = 60.0
#: A lock whose holder has not shown a sign of life for this long is taken over.
STALE_LOCK_SECONDS = 600
#: Labels of earlier kg versions' loading (one graph, staged under a label, then relabelled).
_LEGACY_LABELS = ("KgStaging", "KgRetired")
#: Load locks this process holds (a lock left by this process, but not in here, is stale).
_HELD: set[str] = set()


def load(
    elements,
    settings: Settings,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    phase: Phase | None = None,
    writers: int = LOAD_WRITERS,
) -> LoadReport:
    """Replace kg's graph in Neo4j with ``elements``: a new generation staged in batches, switched live at once.

    ``elements.nodes`` and ``elements.edges`` may be lists (a :class:`~kg.graph_model.GraphElements`)
    or iterators read once (:func:`streamed`): a big graph is written without being held in memory.
    ``writers`` batches are written at once, each in a session of its own.
    """
    import neo4j.exceptions as errors

    at_least_one(batch_size=batch_size, writers=writers)
    phase = phase or (lambda name: None)
    generation = new_generation()
    handle = driver(settings)
    holder = None
    staged = Staged()
    try:
        with translated_errors(settings), handle.session(database=settings.database) as session:
            for statement in schema_statements():
                session.run(statement).consume()
            holder = _lock(session)
            phase("locked")
            live = _live(session)
            _delete_generations(session, keep=[live["gen"]] if live.get("gen") else [])
            try:
                with collector.paused():  # millions of row lists, and no cycles among them
                    stage(handle, settings.database, elements, generation, holder, staged, batch_size, writers, progress)
                phase("staged")
            except (errors.Neo4jError, errors.DriverError, OSError, KgError) as err:
                _forget(session, generation)
                of = f" of {staged.total}" if staged.total else ""
                raise LoadFailed(
                    f"loading stopped at batch {staged.current}{of} ({_reason(err)}); "
                    "the graph in Neo4j is the previous one, unchanged"
                ) from None
            previous = _sizes(session, live)
            switched_at = None
            try:
                switched_at = session.execute_write(_switch, generation, holder, phase, staged)
            except (errors.Neo4jError, errors.DriverError, OSError) as err:
                if isinstance(err, errors.ClientError):
                    _forget(session, generation)
                    raise LoadFailed(f"the switch to the new graph failed ({_reason(err)}); the graph in Neo4j is the previous one, unchanged") from None
                _switch_outcome(settings, generation, err)
            phase("switched")
            try:
                _wait_for_readers(session, switched_at)
                _delete_generations(session, keep=[generation])
                _delete_legacy(session)
                phase("cleaned")
            except (errors.Neo4jError, errors.DriverError, OSError) as err:
                raise LoadInterrupted(
                    f"the new graph is live in {settings.uri} ({staged.nodes} nodes, {staged.relationships} relationships), "
                    f"but deleting older graphs stopped ({_reason(err)}); the next kg load deletes them"
                ) from None
            try:
                _unlock(session, holder)
            except (errors.Neo4jError, errors.DriverError, OSError):
                pass  # the load is done; a lock its finished process left is taken over by the next load
            holder = None
    finally:
        if holder:
            _HELD.discard(holder)
            try:
                with handle.session(database=settings.database) as session:
                    _unlock(session, holder)
            except Exception:  # the server is gone; a lock left by a finished process is taken over
                pass
        handle.close()
    return LoadReport(staged.nodes, staged.relationships, staged.batches, *previous, generation)


@dataclass
class Streamed:
    """A graph's nodes and relationships as iterators, each read once (see :func:`kg.graph_model.iter_elements`)."""

    nodes: Iterable
    edges: Iterable


def streamed(dataset, derived=None) -> Streamed:
    """The elements of a validated dataset, built one at a time as :func:`load` writes them."""
    from kg.graph_model import iter_elements

    return Streamed(*iter_elements(dataset, derived))


@dataclass
class Staged:
    """What a load has written so far: counts, and each node's server id and first label, by kg id."""

    nodes: int = 0
    relationships: int = 0
    #: batches committed, and the batch being written (or whose progress is being reported)
    batches: int = 0
    current: int = 0
    #: the number of batches, when known before the load starts (elements given as lists)
    total: int | None = None
    written: dict[str, tuple[int, str]] = field(default_factory=dict)


def stage(
    handle, database: str, elements, generation: str, holder: str, staged: Staged, batch_size: int, writers: int, progress: Progress | None
) -> None:
    """Write every node, then every relationship, as ``generation``, in committed batches, ``writers`` at a time.

    Where the time of a load goes is the server's work per row, so each row asks for little:
    rows are plain lists (no map keys to encode and decode per row; a batch's statement names
    each column once), a node is created with ``CREATE`` (its generation is new, so there is
    nothing to merge with), and a node batch returns its nodes' server ids as one list, so that a
    relationship finds its two ends by id (``NodeByIdSeek``) rather than through the unique index
    on ``(gen, id)``, which locks as it searches. Ids are only used within the load, while its
    lock keeps every other load away. Each relationship is checked against the vocabulary
    (:func:`kg.graph_model.check_edge`) with the labels of the nodes already written.

    Batches are written by ``writers`` sessions at once (:func:`_write_concurrently`): the server
    runs each transaction on one thread, so one writer leaves its other cores idle. Every batch
    commits on its own, and a reader asks for no generation but the live one, so the order in
    which batches commit does not matter; relationships start once every node is written.
    """
    if isinstance(elements.nodes, list) and isinstance(elements.edges, list):
        staged.total = sum(1 for _ in _batches(elements.nodes, lambda n: n.labels, batch_size)) + sum(
            1 for _ in _batches(elements.edges, lambda e: e.type, batch_size)
        )
    written = staged.written

    def node_batches():
        for labels, nodes in _batches(elements.nodes, lambda node: node.labels, batch_size):
            columns = _columns(node.props for node in nodes)
            rows = [[node.id, *(node.props.get(key) for key in columns)] for node in nodes]
            yield nodes, (_write_nodes, _node_statement(labels, columns), rows)

    def nodes_written(nodes, ids: list[int]) -> None:
        if len(ids) != len(nodes):
            raise LoadFailed(f"Neo4j returned {len(ids)} ids for a batch of {len(nodes)} nodes")
        for node, server_id in zip(nodes, ids):
            written[node.id] = (server_id, node.labels[0])
        _batch_done(staged, len(nodes), 0, progress)

    def relationship_batches():
        from kg.graph_model import check_edge

        for rel, edges in _batches(elements.edges, lambda edge: edge.type, batch_size):
            ends = [(written.get(edge.source), written.get(edge.target)) for edge in edges]
            for edge, (source, target) in zip(edges, ends):
                check_edge(edge, source and source[1], target and target[1])
            columns = _columns(edge.props for edge in edges)
            rows = [[source[0], target[0], edge.key, *(edge.props.get(key) for key in columns)] for edge, (source, target) in zip(edges, ends)]
            yield len(edges), (_run_batch, _relationship_statement(rel, columns), rows)

    def relationships_written(count: int, _: None) -> None:
        _batch_done(staged, 0, count, progress)

    def write(job) -> Any:
        work, statement, rows = job
        return _write_batch(handle, database, work, statement, rows, generation, holder)

    _write_concurrently(_prepared_ahead(node_batches(), depth=writers + 1), write, nodes_written, writers, staged)
    # relationship rows need the server ids of every node, so they are prepared once all are written
    _write_concurrently(_prepared_ahead(relationship_batches(), depth=writers + 1), write, relationships_written, writers, staged)


def _write_concurrently(batches: Iterator, write: Callable, done: Callable, writers: int, staged: Staged) -> None:
    """``write(job)`` for each ``(item, job)`` of ``batches``, at most ``writers`` at once; ``done(item, result)`` as each commits.

    ``done`` runs in the caller's thread, in the order batches commit. On the first failure no new
    batch starts and the ones under way are waited for, so that nothing is written after the
    caller deletes the partial generation; a failed write leaves ``staged.current`` naming the
    first batch that did not commit (a failure in ``done`` leaves the batch it was reporting).
    """
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    pending: dict = {}
    reporting = False  # whether a failure came from ``done``, about a batch that committed

    def settle(finished) -> None:
        nonlocal reporting
        for future in finished:
            item = pending.pop(future)
            result = future.result()
            staged.current, reporting = staged.batches + 1, True
            done(item, result)
            reporting = False

    with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="kg-load-write") as pool:
        try:
            for item, job in batches:
                while len(pending) >= writers:
                    settle(wait(pending, return_when=FIRST_COMPLETED)[0])
                pending[pool.submit(write, job)] = item
            while pending:
                settle(wait(pending, return_when=FIRST_COMPLETED)[0])
        except BaseException:
            wait(pending)  # the batches under way end (committed or not) before the caller cleans up
            if not reporting:  # a write or the preparing of a batch failed: the first batch not committed
                staged.current = staged.batches + sum(1 for future in pending if future.exception() is None) + 1
            raise


#: Times a batch is tried when the server reports a deadlock between two of the load's writers.
DEADLOCK_TRIES = 5


def _write_batch(handle, database: str, work: Callable, statement: str, rows: list, generation: str, holder: str) -> Any:
    """One batch in a transaction of its own; tried again (after a short pause) when it lost a deadlock."""
    import time

    import neo4j.exceptions as errors

    for attempt in range(1, DEADLOCK_TRIES + 1):
        try:
            with handle.session(database=database) as session:
                return session.execute_write(work, statement, rows, generation, holder)
        except errors.TransientError as err:
            if "DeadlockDetected" not in (err.code or "") or attempt == DEADLOCK_TRIES:
                raise
            time.sleep(0.05 * attempt)


def _prepared_ahead(batches: Iterator, depth: int = 2) -> Iterator:
    """``batches``, each prepared in a thread of its own while the server writes the one before.

    Building rows (and, when streaming, the elements themselves) is Python work and writing them is
    the server's: overlapped, a load takes the longer of the two rather than their sum. An error
    in preparing is raised here, in the caller's thread, where the load turns it into a clean stop.
    """
    import queue
    import threading

    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def prepare() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        ready.put((batch, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ready.put((end, None))
        except BaseException as err:  # handed to the caller's thread, which raises it
            ready.put((end, err))

    worker = threading.Thread(target=prepare, name="kg-load-prepare", daemon=True)
    worker.start()
    try:
        while True:
            batch, err = ready.get()
            if err is not None:
                raise err
            if batch is end:
                return
            yield batch
    finally:
        stop.set()
        while worker.is_alive():
            try:
                ready.get(timeout=0.1)
            except queue.Empty:
                pass
        worker.join()


def _batch_done(staged: Staged, nodes: int, relationships: int, progress: Progress | None) -> None:
    staged.batches += 1
    staged.nodes += nodes
    staged.relationships += relationships
    if progress:
        progress(staged.batches, staged.total, nodes + relationships)


def _batches(elements: Iterable, group: Callable[[Any], Any], size: int) -> Iterator[tuple[Any, list]]:
    """(group, elements) batches of at most ``size``: one statement per label set or type, any input order."""
    pending: dict[Any, list] = {}
    for element in elements:
        key = group(element)
        batch = pending.setdefault(key, [])
        batch.append(element)
        if len(batch) >= size:
            yield key, pending.pop(key)
    for key in sorted(pending):
        yield key, pending[key]


def _columns(props: Iterable[dict[str, Any]]) -> list[str]:
    """The property keys a batch's rows carry (a key a row lacks is null there, and Neo4j sets nothing)."""
    return sorted({key for each in props for key in each if key != "id"})


def _node_statement(labels: tuple[str, ...], columns: list[str]) -> str:
    # labels, types and keys come from kg's closed vocabulary and fact model, never from the data
    props = ", ".join(["id: row[0]", "gen: $gen", *(f"`{key}`: row[{i}]" for i, key in enumerate(columns, start=1))])
    # one list of ids, in the rows' order: a record per node costs the driver more than the write
    return f"UNWIND $rows AS row\nCREATE (n:{NODE_LABEL}:{':'.join(labels)} {{{props}}})\nRETURN collect(id(n)) AS ids"


def _relationship_statement(rel: str, columns: list[str]) -> str:
    props = ", ".join(["key: row[2]", *(f"`{key}`: row[{i}]" for i, key in enumerate(columns, start=3))])
    return "\n".join(
        [
            "UNWIND $rows AS row",
            "MATCH (a) WHERE id(a) = row[0]",
            "MATCH (b) WHERE id(b) = row[1]",
            f"CREATE (a)-[r:{rel} {{{props}}}]->(b)",
        ]
    )


class _Rows(list):
    """A batch's rows, which say only how many they are when printed.

    The driver formats every statement's parameters for its debug log whether or not that log is
    on; for a batch of thousands of rows that took a fifth of a load's time in the client.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _write_nodes(tx, query: str, rows: list[list[Any]], generation: str, holder: str) -> list[int]:
    ids = tx.run(query, rows=_Rows(rows), gen=generation).single()[0]
    _beat(tx, holder)
    return ids


def _run_batch(tx, query: str, rows: list[list[Any]], generation: str, holder: str) -> None:
    tx.run(query, rows=_Rows(rows), gen=generation).consume()
    _beat(tx, holder)


def _sizes(session, live: dict[str, Any]) -> tuple[int, int]:
    """Nodes and relationships of the live generation: as its load recorded them, else counted."""
    if live.get("nodes") is not None and live.get("relationships") is not None:
        return live["nodes"], live["relationships"]
    generation = live.get("gen")
    record = session.run(
        f"OPTIONAL MATCH (n:{NODE_LABEL} {{gen: $gen}}) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels",
        gen=generation,
    ).single()
    return record["nodes"], record["rels"]


def _switch(tx, generation: str, holder: str, phase: Phase, staged: Staged):
    """Make ``generation`` the live one: one node's property, in one transaction; returns when (server time).

    The marker also records the new graph's size, which the next load reports as the graph it replaced.
    """
    _beat(tx, holder)
    since = tx.run(
        f"MERGE (live:{LIVE_LABEL} {{name: 'live'}}) SET live.previous = live.gen, live.gen = $gen, live.since = datetime(), "
        "live.nodes = $nodes, live.relationships = $relationships RETURN live.since AS since",
        gen=generation, nodes=staged.nodes, relationships=staged.relationships,
    ).single()["since"]
    phase("switching")
    return since


def _wait_for_readers(session, switched_at, limit: float = READER_GRACE_SECONDS) -> None:
    """Wait (up to ``limit`` seconds) until the transactions that began before the switch have ended.

    They may be reading the replaced graph; it is deleted only once they are done, so no reader
    sees it vanish under it. Transactions the load's user cannot see are not waited for.
    """
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        record = session.run(
            "SHOW TRANSACTIONS YIELD transactionId, startTime, currentQuery "
            "WHERE startTime < coalesce($since, datetime()) AND NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
            "RETURN count(*) AS running",
            since=switched_at,
        ).single()
        if not record["running"]:
            return
        time.sleep(0.1)


def _switch_outcome(settings: Settings, generation: str, err: BaseException) -> None:
    """The switch's commit was not confirmed: ask the server which generation is live, and say so.

    Returns when the new graph is live; raises :class:`LoadFailed` when the previous one still is,
    and :class:`LoadInterrupted` when the server cannot be asked.
    """
    reason = _reason(err)
    try:
        handle = driver(settings)
        try:
            with handle.session(database=settings.database) as session:
                live = _live(session)
        finally:
            handle.close()
    except Exception:
        raise LoadInterrupted(
            f"Neo4j at {settings.uri} went away while the new graph was being switched in ({reason}); whether the new "
            "graph or the previous one is live cannot be known until it is back (then run kg load again)"
        ) from None
    if live.get("gen") != generation:
        raise LoadFailed(f"the switch to the new graph did not commit ({reason}); the graph in Neo4j is the previous one, unchanged")


def new_generation() -> str:
    """A new generation's id: when it was made (so generations sort by age), and a random part."""
    import secrets
    import time

    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(4)


def _live(session) -> dict[str, Any]:
    record = session.run(
        f"MATCH (live:{LIVE_LABEL} {{name: 'live'}}) RETURN live.gen AS gen, live.previous AS previous, "
        "live.nodes AS nodes, live.relationships AS relationships"
    ).single()
    return dict(record) if record else {}


def _delete_generations(session, keep: list[str]) -> None:
    """Delete every kg node (and its relationships) of a generation not in ``keep``, in bounded batches.

    Each such generation is found, and its nodes read, through the unique index on ``(gen, id)``
    (a range or an exact ``gen``), so the graph that stays is never scanned. Relationships go
    first, a batch of them at a time: deleting nodes in batches could put a node cited by every
    fact, with all its relationships, into one transaction. A generation only links to itself, so
    its nodes' outgoing relationships are all of them.
    """
    while (generation := _other_generation(session, keep)) is not None:
        _delete_generation(session, generation)


def _other_generation(session, keep: list[str]) -> str | None:
    """A generation in the database other than those in ``keep`` (at most one is kept), or None."""
    found = f"MATCH (n:{NODE_LABEL}) WHERE {{}} AND n.id IS NOT NULL RETURN n.gen AS gen LIMIT 1"
    if not keep:
        record = session.run(found.format("n.gen IS NOT NULL")).single()
        return record["gen"] if record else None
    (kept,) = keep
    for side in ("<", ">"):
        record = session.run(found.format(f"n.gen {side} $kept"), kept=kept).single()
        if record:
            return record["gen"]
    return None


def _delete_generation(session, generation: str) -> None:
    nodes = f"MATCH (n:{NODE_LABEL}) WHERE n.gen = $gen AND n.id IS NOT NULL"
    session.run(f"{nodes} MATCH (n)-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS", gen=generation).consume()
    session.run(f"{nodes} CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS", gen=generation).consume()


def _delete_legacy(session) -> None:
    """A graph an earlier kg version left (no generations), once a generation is live in its place."""
    old = " OR ".join(f"n:{label}" for label in (*ALL_LABELS, *_LEGACY_LABELS))
    where = f"WHERE ({old}) AND NOT n:{NODE_LABEL}"
    session.run(f"MATCH (n)-[r]->() {where} CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS").consume()
    session.run(f"MATCH (n) {where} CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS").consume()


def _forget(session, generation: str) -> None:
    try:
        _delete_generation(session, generation)
    except Exception:  # the server may be gone; the next load removes the partial copy
        pass


# -- the load lock --------------------------------------------------------------------------------


def _lock(session) -> str:
    """Take the database's load lock; :class:`LoadLocked` names who holds it and since when."""
    import os
    import secrets
    import socket

    holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    # known as held before it is written: another thread of this process that finds the lock just
    # written must not take it for one this process left behind (and take it over)
    _HELD.add(holder)
    try:
        return _take_lock(session, holder)
    except BaseException:
        _HELD.discard(holder)
        raise


def _take_lock(session, holder: str) -> str:
    """Write the lock as ``holder``'s, or take over a stale one; :class:`LoadLocked` when it is held."""
    import os
    import socket

    import neo4j.exceptions as errors

    for _ in range(3):
        try:
            session.execute_write(
                lambda tx: tx.run(
                    f"CREATE (:{LOCK_LABEL} {{name: 'load', holder: $holder, host: $host, pid: $pid, since: datetime(), beat: datetime()}})",
                    holder=holder, host=socket.gethostname(), pid=os.getpid(),
                ).consume()
            )
            return holder
        except errors.ConstraintError:
            pass
        current = session.run(
            f"MATCH (l:{LOCK_LABEL} {{name: 'load'}}) RETURN l.holder AS holder, l.host AS host, l.pid AS pid, "
            "toString(l.since) AS since, l.beat < datetime() - duration({seconds: $stale}) AS silent",
            stale=STALE_LOCK_SECONDS,
        ).single()
        if current is None:
            continue  # released meanwhile: try again
        if not _stale(current):
            since = (current["since"] or "?")[:19].replace("T", " ")
            raise LoadLocked(
                f"another load is running since {since} UTC (process {current['pid']} on {current['host']}); "
                "try again when it has finished"
            )
        taken = session.execute_write(
            lambda tx: tx.run(
                f"MATCH (l:{LOCK_LABEL} {{name: 'load', holder: $old}}) "
                "SET l.holder = $holder, l.host = $host, l.pid = $pid, l.since = datetime(), l.beat = datetime() RETURN count(l) AS n",
                old=current["holder"], holder=holder, host=socket.gethostname(), pid=os.getpid(),
            ).single()["n"]
        )
        if taken:
            return holder
    raise LoadLocked("another load took the lock at the same moment; try again when it has finished")


def _stale(lock) -> bool:
    """A lock whose holder is gone: a finished process on this machine, or silent for too long."""
    import os
    import socket

    if lock["silent"]:
        return True
    if lock["host"] != socket.gethostname():
        return False
    if lock["pid"] == os.getpid():
        return lock["holder"] not in _HELD
    try:
        os.kill(lock["pid"], 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _beat(tx, holder: str) -> None:
    """Show the lock's holder alive, inside the caller's transaction; a lock taken over stops the load."""
    held = tx.run(f"MATCH (l:{LOCK_LABEL} {{name: 'load', holder: $holder}}) SET l.beat = datetime() RETURN count(l) AS n", holder=holder).single()["n"]
    if not held:
        raise LoadFailed("another load took over the load lock (this one was silent too long)")


def _unlock(session, holder: str) -> None:
    _HELD.discard(holder)
    session.run(f"MATCH (l:{LOCK_LABEL} {{name: 'load', holder: $holder}}) DELETE l", holder=holder).consume()


def _reason(err: BaseException) -> str:
    text = getattr(err, "message", None) or str(err) or type(err).__name__
    return " ".join(text.split())[:200]


# -- answering ----------------------------------------------------------------------------------


class Neo4jBackend:
    """Catalogue questions answered by their ``cypher/NAME.cypher`` files, read-only."""

    name = "neo4j"

    def __init__(self, settings: Settings):
        self.settings = settings
        self._driver = driver(settings)
        self._index: NameIndex | None = None

    @classmethod
    def from_environment(cls) -> Neo4jBackend:
        return cls(Settings.from_environment())

    def close(self) -> None:
        self._driver.close()

    def read(
        self, query: str, params: dict[str, Any] | None = None, timeout: float = 60.0, raw: bool = False
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Run Cypher in a READ transaction: (column names, rows as dicts); writes are refused.

        ``raw`` keeps the driver's nodes, relationships and paths (for :func:`plain`) instead of
        turning them into property maps.
        """
        import neo4j
        import neo4j.exceptions as errors

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx):
            result = tx.run(query, params or {})
            keys = list(result.keys())
            if raw:
                return keys, [dict(zip(keys, record.values())) for record in result]
            return keys, [record.data() for record in result]

        try:
            with translated_errors(self.settings), self._driver.session(
                database=self.settings.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return session.execute_read(work)
        except errors.ClientError as err:
            if err.code in ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden"):
                raise WriteRefused("this statement writes, and kg only reads from Neo4j here (use kg load to write)") from None
            raise KgError(f"Neo4j rejected the query: {_reason(err)}") from None
        except errors.Neo4jError as err:
            raise KgError(f"Neo4j could not run the query: {_reason(err)}") from None

    def raw_rows(self, question, params: dict[str, Any]) -> list[dict[str, Any]]:
        from kg.locations import cypher_dir
        from kg.questions.base import cypher_parameters

        text = (cypher_dir() / f"{question.name}.cypher").read_text(encoding="utf-8")
        return self.read(text, cypher_parameters(question, params))[1]

    @property
    def name_index(self) -> NameIndex:
        if self._index is None:
            _, rows = self.read(
                f"{LIVE_MATCH} MATCH (n {{gen: gen}}) WHERE n:Person OR n:Organization "
                "RETURN n.id AS id, CASE WHEN n:Person THEN 'Person' ELSE 'Organization' END AS label, "
                "n.name AS name, coalesce(n.aliases, []) AS aliases"
            )
            entries = [Entry(row["id"], row["label"], row["name"]) for row in rows]
            self._index = NameIndex(entries, {row["id"]: row["aliases"] for row in rows})
        return self._index

    def resolve(self, name: str, label: str | None) -> Entry:
        return self.name_index.resolve(name, label)

    def talent_flows(self) -> list[dict[str, Any]]:
        return self.read(
            f"{LIVE_MATCH} MATCH (x:Organization {{gen: gen}})-[f:TALENT_FLOW]->(y:Organization) "
            "RETURN x.lineage AS from_lineage, y.lineage AS to_lineage, f.people AS people, f.sources AS sources"
        )[1]

    def subgraph(self, ids: list[str]):
        """The nodes with these ids, the relationships among them, and the sources either cites."""
        from kg.graph_model import Edge, GraphElements, Node
        from kg.store import TalentGraph

        _, found = self.read(
            f"{LIVE_MATCH} MATCH (n {{gen: gen}}) WHERE n.id IN $ids "
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, "
            "[(n)-[r]->(m {gen: gen}) WHERE m.id IN $ids | {type: type(r), target: m.id, props: properties(r)}] AS out",
            {"ids": ids},
        )
        cited = {s for row in found for s in row["props"].get("sources", [])}
        cited |= {s for row in found for rel in row["out"] for s in rel["props"].get("sources", [])}
        _, sources = self.read(
            f"{LIVE_MATCH} MATCH (s:Source {{gen: gen}}) WHERE s.id IN $ids RETURN s.id AS id, properties(s) AS props",
            {"ids": sorted(cited)},
        )
        for props in [*(row["props"] for row in [*found, *sources]), *(rel["props"] for row in found for rel in row["out"])]:
            props.pop("gen", None)  # kg's bookkeeping, not part of the graph
        nodes = [Node(row["id"], _ordered_labels(row["labels"]), row["props"]) for row in found]
        nodes += [Node(row["id"], ("Source",), row["props"]) for row in sources if row["id"] not in set(ids)]
        edges = sorted(
            (Edge(rel["type"], row["id"], rel["target"], rel["props"].pop("key"), rel["props"]) for row in found for rel in row["out"]),
            key=lambda edge: edge.key,
        )
        return TalentGraph(GraphElements(nodes, edges))

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        _, rows = self.read(
            f"{LIVE_MATCH} MATCH (s:Source {{gen: gen}}) WHERE s.id IN $ids RETURN s.id AS id, s.title AS title, s.publisher AS publisher, "
            "s.date AS date, s.url AS url",
            {"ids": ids},
        )
        return {row.pop("id"): row for row in rows}


def _ordered_labels(labels: list[str]) -> tuple[str, ...]:
    """Neo4j keeps labels as a set: the node label first, then its kind label, as kg wrote them."""
    main = [label for label in NODE_LABELS if label in labels]
    return (*main, *sorted(set(labels) - set(main) - {NODE_LABEL}))


def run_cypher(settings: Settings, query: str, params: dict[str, Any], timeout: float) -> tuple[list[str], list[dict[str, Any]]]:
    """Raw Cypher from a user, read-only and harmless: checked (:mod:`kg.cypher_guard`) before anything
    is sent, time-limited, in a READ transaction; (columns, rows as JSON-ready values)."""
    from kg.cypher_guard import check_statement

    if not (isinstance(timeout, (int, float)) and math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise UsageError(f"--timeout is a number of seconds above 0 and at most {MAX_TIMEOUT:,.0f}, not {timeout:g}")
    check_statement(query)
    backend = Neo4jBackend(settings)
    try:
        columns, rows = backend.read(query, params, timeout=timeout, raw=True)
    finally:
        backend.close()
    return columns, [{column: plain(row[column]) for column in columns} for row in rows]


def plain(value: Any) -> Any:
    """A value from the driver as JSON-ready Python: nodes and relationships become mappings."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        # kg's bookkeeping (the KgNode label, the generation) is not part of the graph a user reads
        labels = sorted(label for label in value.labels if label != NODE_LABEL)
        return {"_labels": labels, **{k: plain(v) for k, v in value.items() if k != "gen"}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [plain(part) for part in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
