"""Neo4j at scale: ``kg load``, the bulk importer, and a naive per-row load, in rows per second.

    python tests/benchmarks/bench_neo4j_scale.py [--people 10000 100000] [--naive-rows 20000] [--heap 4g]

For each generated graph (tests/benchmarks/generate.py) :func:`measure` starts a Neo4j 5.26
(tests/neo4j_server, full JIT) unless NEO4J_URI is set, and times, with rows = nodes +
relationships:

- ``kg load`` into a database holding no graph (schema, lock, staging, switch, clean-up), with
  the elements streamed from the dataset as a seeds folder's are, after one load of another
  generated graph has warmed the server up (:func:`warm_up`);
- the naive load: one ``CREATE`` statement per node and one ``MATCH … MATCH … CREATE`` per
  relationship, each its own transaction, timed on a sample of ``--naive-rows`` rows (nodes and
  relationships in the graph's proportions) and extrapolated to the whole graph;
- ``kg export --to neo4j-import`` (the CSV set, streamed from the dataset) and
  ``neo4j-admin database import full`` on it into a new server home (the importer of the same
  Neo4j jars; its time includes starting its JVM).

tests/benchmarks/bench_scale.py puts these figures in its one table; this script prints them alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

NAIVE_ROWS = 20_000


def measure(dataset, naive_rows: int = NAIVE_ROWS, heap: str = "4g", pagecache: str = "2g") -> dict:
    """The Neo4j figures of one dataset: rows, load, naive load, export and import, times and rows/s.

    ``kg load`` is timed as it loads a seeds folder: the elements streamed from the dataset as the
    batches are written (a million people's elements, held whole, would not leave room for the
    server on a 24 GB machine).
    """
    from server import benchmark_server

    from kg.backends.neo4j import load, streamed
    from kg.derive import derive

    derived = derive(dataset)
    report: dict = {}
    with benchmark_server(heap, pagecache, "kg-bench-neo4j-scale-") as settings:
        warm_up(settings)
        wipe(settings)
        started = time.perf_counter()
        loaded = load(streamed(dataset, derived), settings)
        report["load_seconds"] = time.perf_counter() - started
        report["rows"] = loaded.rows
        report["naive_seconds"] = naive_load_seconds(dataset, derived, loaded.nodes, loaded.relationships, settings, naive_rows)
        print(f"kg load: {loaded.rows:,} rows in {report['load_seconds']:.1f} s", file=sys.stderr, flush=True)
        if os.environ.get("NEO4J_URI"):  # the caller's server is left as it was found; a server started here just stops
            wipe(settings)
    report |= bulk_import(dataset, derived, heap)
    rows = report["rows"]
    report["load_rows_per_s"] = rows / report["load_seconds"]
    report["naive_rows_per_s"] = rows / report["naive_seconds"]
    report["import_rows_per_s"] = rows / report["import_seconds"]
    return report


def warm_up(settings) -> None:
    """One load of a generated 10,000-person graph first, as a server that has been running has had.

    A new server's first load runs before the JIT has compiled its write paths and while its store
    files grow: measured here, the same 233,177 rows load in 19.5 s on a new server and in 10.3 s
    on the second load.
    """
    from generate import generate

    from kg.backends.neo4j import load
    from kg.graph_model import build_elements

    load(build_elements(generate(10_000, seed=3)), settings)


def bulk_import(dataset, derived, heap: str) -> dict:
    """Export the CSV set and import it into a new server home; the seconds of each."""
    from kg.neo4j_import import write_import_set
    from tests.neo4j_server import launcher

    work = Path(tempfile.mkdtemp(prefix="kg-bench-import-"))
    try:
        started = time.perf_counter()
        files = write_import_set(dataset, work / "import", derived)
        exported = time.perf_counter() - started
        imported = launcher.import_full(work / "server", files.command()[1:], heap=heap, timeout=3600)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"export_seconds": exported, "import_seconds": imported}


def naive_load_seconds(dataset, derived, total_nodes: int, total_edges: int, settings, sample: int) -> float:
    """The seconds a per-row load of the whole graph would take, from a sample of its rows.

    Runs after ``kg load``, so the sampled relationships find their ends (in the live generation);
    the sampled nodes go to a generation of their own. Both are removed by the next :func:`wipe`.
    The sample is the first nodes and every so many relationships (every type, in its share).
    """
    from itertools import islice

    from kg.backends.neo4j import NODE_LABEL, _live, driver
    from kg.graph_model import iter_elements

    node_sample = max(1, sample * total_nodes // (total_nodes + total_edges))
    edge_sample = max(1, sample - node_sample)
    step = max(1, total_edges // edge_sample)
    node_iter, edge_iter = iter_elements(dataset, derived)
    nodes = list(islice(node_iter, node_sample))
    edges = list(islice(edge_iter, 0, None, step))[:edge_sample]
    handle = driver(settings)
    try:
        with handle.session(database=settings.database) as session:
            live = _live(session)["gen"]
            started = time.perf_counter()
            for node in nodes:
                session.run(
                    f"CREATE (n:{NODE_LABEL}:{':'.join(node.labels)}) SET n = $props, n.id = $id, n.gen = 'naive'",
                    props=node.props, id=node.id,
                ).consume()
            per_node = (time.perf_counter() - started) / len(nodes)
            started = time.perf_counter()
            for edge in edges:
                session.run(
                    f"MATCH (a:{NODE_LABEL} {{gen: $gen, id: $source}}) MATCH (b:{NODE_LABEL} {{gen: $gen, id: $target}}) "
                    f"CREATE (a)-[r:{edge.type}]->(b) SET r = $props, r.key = $key",
                    gen=live, source=edge.source, target=edge.target, props=edge.props, key=edge.key,
                ).consume()
            per_edge = (time.perf_counter() - started) / len(edges)
    finally:
        handle.close()
    return per_node * total_nodes + per_edge * total_edges


def wipe(settings) -> None:
    """An empty database: relationships first, in batches (a node cited by everything has many)."""
    from kg.backends.neo4j import driver

    handle = driver(settings)
    try:
        with handle.session(database=settings.database) as session:
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    finally:
        handle.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--naive-rows", type=int, default=NAIVE_ROWS)
    parser.add_argument("--heap", default="4g", help="heap of the server this script starts, and of the importer")
    args = parser.parse_args()

    from generate import generate

    columns = ("people", "rows", "load s", "load rows/s", "naive rows/s", "export s", "import s", "import rows/s", "load/naive", "import/naive")
    print(" ".join(f"{name:>13}" for name in columns))
    for people in args.people:
        r = measure(generate(people), args.naive_rows, args.heap)
        values = (
            f"{people:,}", f"{r['rows']:,}", f"{r['load_seconds']:.1f}", f"{r['load_rows_per_s']:,.0f}", f"{r['naive_rows_per_s']:,.0f}",
            f"{r['export_seconds']:.1f}", f"{r['import_seconds']:.1f}", f"{r['import_rows_per_s']:,.0f}",
            f"{r['load_rows_per_s'] / r['naive_rows_per_s']:.0f}x", f"{r['import_rows_per_s'] / r['naive_rows_per_s']:.0f}x",
        )
        print(" ".join(f"{value:>13}" for value in values), flush=True)


if __name__ == "__main__":
    main()
