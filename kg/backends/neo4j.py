"""The Neo4j backend: connecting, loading the graph all-or-nothing, and answering from ``cypher/``.

Loading writes the same nodes and relationships the embedded backend holds
(:func:`kg.graph_model.build_elements`) in three stages, so that it is all-or-nothing at any size:

1. **stage**: the new graph is written as ``:KgStaging`` nodes and their relationships, with batched
   ``UNWIND $rows … MERGE`` statements, each batch committed; no query sees these nodes;
2. **swap**: one transaction relabels the live graph ``:KgRetired`` and gives the staged nodes their
   real labels: readers see the old graph until it commits and the new one after;
3. **clean up**: the retired graph is deleted in committed batches.

A failure before the swap (server gone, bad batch) leaves the live graph as it was; the partial copy
is deleted at once if the server is still there, else by the next load. Loading the same seeds
twice leaves identical nodes, relationships and properties; facts removed from the seeds are gone.

>>> settings = Settings.from_environment()              # doctest: +SKIP
>>> report = load(build_elements(load_seeds("seeds")), settings)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kg.defaults import BATCH_SIZE
from kg.errors import BackendUnavailable, KgError, WriteRefused
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


class LoadFailed(KgError):
    """A load that stopped part-way; the transaction was rolled back, the previous graph is intact."""


def driver(settings: Settings):
    """A connected driver, or :class:`BackendUnavailable` within seconds."""
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

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


#: ``progress(batches_done, batches_total, rows_in_batch)``, called after each committed batch.
Progress = Callable[[int, int, int], None]

STAGING = "KgStaging"
RETIRED = "KgRetired"


def load(elements, settings: Settings, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> LoadReport:
    """Replace kg's graph in Neo4j with ``elements``: staged in batches, swapped in one transaction."""
    import neo4j.exceptions as errors

    plan = list(load_plan(elements, batch_size))
    labels_of: dict[tuple[str, ...], list[str]] = {}
    for node in elements.nodes:
        labels_of.setdefault(node.labels, []).append(node.id)
    handle = driver(settings)
    done = 0
    try:
        with translated_errors(settings), handle.session(database=settings.database) as session:
            for statement in schema_statements():
                session.run(statement).consume()
            _delete_all(session, STAGING)  # what an earlier load left when it failed
            _delete_all(session, RETIRED)
            try:
                for done, (query, rows) in enumerate(plan, start=1):
                    session.execute_write(_run, query, rows)
                    if progress:
                        progress(done, len(plan), len(rows))
                previous = session.execute_write(_swap, labels_of)
            except (errors.Neo4jError, errors.DriverError, OSError, KgError) as err:
                _forget_staging(session)
                raise LoadFailed(
                    f"loading stopped at batch {done} of {len(plan)} ({_reason(err)}); "
                    "the graph in Neo4j is the previous one, unchanged"
                ) from None
            _delete_all(session, RETIRED)
    finally:
        handle.close()
    return LoadReport(len(elements.nodes), len(elements.edges), len(plan), *previous)


def load_plan(elements, batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs that stage the graph: nodes first, then relationships by type."""
    nodes = [{"id": node.id, "props": node.props} for node in elements.nodes]
    for chunk in _chunks(nodes, batch_size):
        yield _NODE_STATEMENT, chunk
    by_type: dict[str, list[dict[str, Any]]] = {}
    for edge in elements.edges:
        by_type.setdefault(edge.type, []).append(
            {"source": edge.source, "target": edge.target, "key": edge.key, "props": edge.props}
        )
    for rel, rows in sorted(by_type.items()):
        for chunk in _chunks(rows, batch_size):
            yield _relationship_statement(rel), chunk


_NODE_STATEMENT = f"""UNWIND $rows AS row
MERGE (n:{STAGING} {{id: row.id}})
SET n = row.props"""


def _relationship_statement(rel: str) -> str:
    # the type comes from kg's closed vocabulary (kg.schema), never from the data
    return "\n".join(
        [
            "UNWIND $rows AS row",
            f"MATCH (a:{STAGING} {{id: row.source}})",
            f"MATCH (b:{STAGING} {{id: row.target}})",
            f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b)",
            "SET r = row.props, r.key = row.key",
        ]
    )


def _run(tx, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def _swap(tx, labels_of: dict[tuple[str, ...], list[str]]) -> tuple[int, int]:
    """Retire the live graph and promote the staged one, in one transaction; returns the old sizes."""
    live = " OR ".join(f"n:{label}" for label in NODE_LABELS)
    counted = tx.run(
        f"MATCH (n) WHERE {live} OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels"
    ).single()
    tx.run(f"MATCH (n) WHERE {live} SET n:{RETIRED} REMOVE n:{':'.join(ALL_LABELS)}").consume()
    for labels, ids in sorted(labels_of.items()):
        for chunk in _chunks(ids, 50_000):
            tx.run(
                f"UNWIND $ids AS id MATCH (n:{STAGING} {{id: id}}) SET n:{':'.join(labels)} REMOVE n:{STAGING}",
                ids=chunk,
            ).consume()
    return counted["nodes"], counted["rels"]


def _delete_all(session, label: str) -> None:
    """Delete every node of a label and its relationships, in bounded committed batches.

    Relationships go first, a batch of them at a time: deleting nodes in batches could put a node
    cited by every fact, with all its relationships, into one transaction. A staged or retired graph
    only links to itself, so its nodes' outgoing relationships are all of them.
    """
    session.run(f"MATCH (:{label})-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS").consume()
    session.run(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS").consume()


def _forget_staging(session) -> None:
    try:
        _delete_all(session, STAGING)
    except Exception:  # the server may be gone; the next load removes the partial copy
        pass


def _chunks(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


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
                "MATCH (n) WHERE n:Person OR n:Organization "
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
            "MATCH (x:Organization)-[f:TALENT_FLOW]->(y:Organization) "
            "RETURN x.lineage AS from_lineage, y.lineage AS to_lineage, f.people AS people, f.sources AS sources"
        )[1]

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        _, rows = self.read(
            "MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, s.title AS title, s.publisher AS publisher, "
            "s.date AS date, s.url AS url",
            {"ids": ids},
        )
        return {row.pop("id"): row for row in rows}


def plain(value: Any) -> Any:
    """A value from the driver as JSON-ready Python: nodes and relationships become mappings."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
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
