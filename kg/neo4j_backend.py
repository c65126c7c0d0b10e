"""The Neo4j backend: connecting, loading the graph all-or-nothing, and answering from ``cypher/``.

Loading writes the same nodes and relationships the embedded backend holds
(:func:`kg.graph_model.build_elements`), with batched ``UNWIND $rows … MERGE`` statements inside
**one** transaction: a failure part-way rolls everything back and the previous graph stays as it
was. Every node and relationship carries ``kg_load``, a hash of the whole graph loaded; after the
merges, anything of kg's labels and types with another stamp is deleted, so facts removed from the
seeds disappear, and loading the same graph twice changes nothing.

>>> settings = Settings.from_environment()              # doctest: +SKIP
>>> report = load(build_elements(load_seeds("seeds")), settings)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kg.errors import BackendUnavailable, KgError, WriteRefused
from kg.names import Entry, NameIndex
from kg.schema import KIND_LABELS, NODE_LABELS, RELATIONSHIPS

#: Rows per ``UNWIND`` statement.
BATCH_SIZE = 5000


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
    from kg.paths import cypher_dir

    text = (cypher_dir() / "schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


@dataclass
class LoadReport:
    nodes: int
    relationships: int
    batches: int
    deleted_nodes: int
    deleted_relationships: int
    stamp: str

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


#: ``progress(batches_done, batches_total, rows_in_batch)``, called after each batch.
Progress = Callable[[int, int, int], None]


def load(elements, settings: Settings, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> LoadReport:
    """Write the graph into Neo4j in one transaction of batched MERGEs; see the module docstring."""
    import neo4j.exceptions as errors

    stamp = elements_stamp(elements)
    plan = list(load_plan(elements, batch_size))
    handle = driver(settings)
    try:
        with translated_errors(settings), handle.session(database=settings.database) as session:
            for statement in schema_statements():
                session.run(statement).consume()
            tx = session.begin_transaction()
            done = 0
            try:
                for done, (query, rows) in enumerate(plan, start=1):
                    tx.run(query, rows=rows, stamp=stamp).consume()
                    if progress:
                        progress(done, len(plan), len(rows))
                deleted_nodes, deleted_rels = _delete_stale(tx, stamp)
                tx.commit()
            except (errors.Neo4jError, errors.DriverError, OSError, KgError) as err:
                _close_quietly(tx)
                raise LoadFailed(
                    f"loading stopped at batch {done} of {len(plan)} ({_reason(err)}); "
                    "nothing was written, the previous graph is intact"
                ) from None
            except BaseException:
                _close_quietly(tx)
                raise
    finally:
        handle.close()
    return LoadReport(len(elements.nodes), len(elements.edges), len(plan), deleted_nodes, deleted_rels, stamp)


def load_plan(elements, batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs: nodes first (grouped by labels), then relationships by type and endpoints."""
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    primary: dict[str, str] = {}
    for node in elements.nodes:
        by_labels.setdefault(node.labels, []).append({"id": node.id, "props": node.props})
        primary[node.id] = node.labels[0]
    for labels, rows in sorted(by_labels.items()):
        for chunk in _chunks(rows, batch_size):
            yield _node_statement(labels), chunk
    by_shape: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for edge in elements.edges:
        shape = (edge.type, primary[edge.source], primary[edge.target])
        by_shape.setdefault(shape, []).append(
            {"source": edge.source, "target": edge.target, "key": edge.key, "props": edge.props}
        )
    for shape, rows in sorted(by_shape.items()):
        for chunk in _chunks(rows, batch_size):
            yield _relationship_statement(*shape), chunk


def elements_stamp(elements) -> str:
    """A hash of everything a load writes: the same graph always gets the same stamp."""
    digest = hashlib.sha256()
    for node in sorted(elements.nodes, key=lambda n: n.id):
        digest.update(json.dumps([node.id, node.labels, node.props], sort_keys=True, default=str).encode())
    for edge in sorted(elements.edges, key=lambda e: e.key):
        digest.update(json.dumps([edge.type, edge.source, edge.target, edge.key, edge.props], sort_keys=True, default=str).encode())
    return digest.hexdigest()[:24]


def _node_statement(labels: tuple[str, ...]) -> str:
    # labels come from kg's closed vocabulary (kg.schema), never from the data
    primary, extra = labels[0], labels[1:]
    lines = ["UNWIND $rows AS row", f"MERGE (n:{primary} {{id: row.id}})", "SET n = row.props, n.kg_load = $stamp"]
    if primary == "Organization":
        lines.append("REMOVE n:" + ":".join(sorted(KIND_LABELS.values())))
    if extra:
        lines.append("SET n:" + ":".join(extra))
    return "\n".join(lines)


def _relationship_statement(rel: str, source: str, target: str) -> str:
    return "\n".join(
        [
            "UNWIND $rows AS row",
            f"MATCH (a:{source} {{id: row.source}})",
            f"MATCH (b:{target} {{id: row.target}})",
            f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b)",
            "SET r = row.props, r.key = row.key, r.kg_load = $stamp",
        ]
    )


def _delete_stale(tx, stamp: str) -> tuple[int, int]:
    """Delete kg's relationships and nodes that the graph just loaded does not have."""
    deleted_rels = deleted_nodes = 0
    for rel in RELATIONSHIPS:
        summary = tx.run(
            f"MATCH ()-[r:{rel}]->() WHERE r.kg_load IS NULL OR r.kg_load <> $stamp DELETE r", stamp=stamp
        ).consume()
        deleted_rels += summary.counters.relationships_deleted
    for label in NODE_LABELS:
        summary = tx.run(
            f"MATCH (n:{label}) WHERE n.kg_load IS NULL OR n.kg_load <> $stamp DETACH DELETE n", stamp=stamp
        ).consume()
        deleted_nodes += summary.counters.nodes_deleted
        deleted_rels += summary.counters.relationships_deleted
    return deleted_nodes, deleted_rels


def _chunks(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _close_quietly(tx) -> None:
    try:
        tx.close()
    except Exception:  # the connection may already be gone; the server rolls back on its own
        pass


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
        from kg.paths import cypher_dir

        text = (cypher_dir() / f"{question.name}.cypher").read_text(encoding="utf-8")
        values = {param.name: params.get(param.name) for param in question.params}
        return self.read(text, values)[1]

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
        index = self.name_index
        if name in index.entries and (label is None or index.entries[name].label == label):
            return index.entries[name]
        return index.resolve(name, label)

    def names(self, ids: list[str]) -> dict[str, str]:
        _, rows = self.read("MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name", {"ids": ids})
        return {row["id"]: row["name"] for row in rows}

    def parents(self, ids: list[str]) -> dict[str, list[str]]:
        _, rows = self.read(
            "MATCH (o:Organization) WHERE o.id IN $ids "
            "OPTIONAL MATCH chain = (o)-[:PART_OF*1..]->(p:Organization) "
            "WITH o, chain ORDER BY length(chain) "
            "RETURN o.id AS id, [c IN collect(chain) | last(nodes(c)).id] AS parents",
            {"ids": ids},
        )
        return {row["id"]: row["parents"] for row in rows}

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
