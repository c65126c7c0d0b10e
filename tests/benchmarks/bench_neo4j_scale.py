"""Neo4j at scale: ``kg load``, the bulk importer, and a naive per-row load, in rows per second.

    python tests/benchmarks/bench_neo4j_scale.py [--people 10000 100000] [--naive-rows 20000] [--heap 4g]

For each generated graph (tests/benchmarks/generate.py) :func:`measure` starts a Neo4j 5.26
(tests/neo4j_server, full JIT) unless NEO4J_URI is set, and times, with rows = nodes +
relationships and the elements built beforehand:

- ``kg load`` into a database holding no graph (schema, lock, staging, switch, clean-up), after
  one load of another generated graph has warmed the server up (:func:`warm_up`);
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
    """The Neo4j figures of one dataset: rows, load, naive load, export and import, times and rows/s."""
    from server import benchmark_server

    from kg.backends.neo4j import load
    from kg.derive import derive
    from kg.graph_model import build_elements

    derived = derive(dataset)
    elements = build_elements(dataset, derived)
    rows = len(elements.nodes) + len(elements.edges)
    report: dict = {"rows": rows}
    with benchmark_server(heap, pagecache, "kg-bench-neo4j-scale-") as settings:
        warm_up(settings)
        wipe(settings)
        started = time.perf_counter()
        load(elements, settings)
        report["load_seconds"] = time.perf_counter() - started
        report["naive_seconds"] = naive_load_seconds(elements, settings, naive_rows)
        wipe(settings)
    del elements
    report |= bulk_import(dataset, derived, heap)
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


def naive_load_seconds(elements, settings, sample: int) -> float:
    """The seconds a per-row load of the whole graph would take, from a sample of its rows.

    Runs after ``kg load``, so the sampled relationships find their ends (in the live generation);
    the sampled nodes go to a generation of their own. Both are removed by the next :func:`wipe`.
    """
    from kg.backends.neo4j import NODE_LABEL, _live, driver

    nodes, edges = elements.nodes, elements.edges
    node_sample = max(1, sample * len(nodes) // (len(nodes) + len(edges)))
    edge_sample = max(1, sample - node_sample)
    handle = driver(settings)
    try:
        with handle.session(database=settings.database) as session:
            live = _live(session)["gen"]
            started = time.perf_counter()
            for node in nodes[:node_sample]:
                session.run(
                    f"CREATE (n:{NODE_LABEL}:{':'.join(node.labels)}) SET n = $props, n.id = $id, n.gen = 'naive'",
                    props=node.props, id=node.id,
                ).consume()
            per_node = (time.perf_counter() - started) / node_sample
            step = max(1, len(edges) // edge_sample)  # every type, in its share
            started = time.perf_counter()
            for edge in edges[::step][:edge_sample]:
                session.run(
                    f"MATCH (a:{NODE_LABEL} {{gen: $gen, id: $source}}) MATCH (b:{NODE_LABEL} {{gen: $gen, id: $target}}) "
                    f"CREATE (a)-[r:{edge.type}]->(b) SET r = $props, r.key = $key",
                    gen=live, source=edge.source, target=edge.target, props=edge.props, key=edge.key,
                ).consume()
            per_edge = (time.perf_counter() - started) / len(edges[::step][:edge_sample])
    finally:
        handle.close()
    return per_node * len(nodes) + per_edge * len(edges)


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
