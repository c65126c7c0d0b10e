"""Neo4j figures: load throughput, batched against one row per transaction, and query latency.

    python tests/benchmarks/bench_neo4j.py [--sizes 10000 100000] [--naive-rows 20000] [--heap 8g]

Starts its own Neo4j 5.26 server (tests/neo4j_server) unless NEO4J_URI is set. For each generated
graph size it prints the rows (nodes + relationships) loaded per second by ``kg load``'s loader (one
transaction per batch of UNWIND … CREATE) and by a naive loader that sends each row as its own
statement and transaction (timed on --naive-rows rows and extrapolated, as bench_neo4j_scale.py
does). "reload" is loading the same graph again over itself (stage, swap, delete the old copy).
Then the median latency of every catalogue question on the shipped seeds, on the embedded
backend and on Neo4j.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--naive-rows", type=int, default=20_000)
    parser.add_argument("--heap", default="8g", help="heap of the server this script starts")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from bench_neo4j_scale import naive_load_seconds, wipe
    from generate import generate
    from server import benchmark_server

    from kg.graph_model import build_elements
    from kg.backends.neo4j import Neo4jBackend, load
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run
    from kg.store import build_graph

    with benchmark_server(args.heap, "2g", "kg-bench-neo4j-") as settings:
        print(f"server: {settings.uri}; rows = nodes + relationships")
        print(f"{'people':>8} {'rows':>10} {'kg load s':>10} {'rows/s':>9} {'reload s':>9} {'naive rows':>11} {'naive rows/s':>13} {'speed-up':>9}")
        for people in args.sizes:
            elements = build_elements(generate(people))
            rows = len(elements.nodes) + len(elements.edges)
            wipe(settings)
            started = time.perf_counter()
            load(elements, settings, batch_size=10_000)
            batched = time.perf_counter() - started
            started = time.perf_counter()
            load(elements, settings, batch_size=10_000)
            reload = time.perf_counter() - started
            naive_seconds = naive_load_seconds(elements, settings, args.naive_rows)
            wipe(settings)
            fast, slow = rows / batched, rows / naive_seconds
            print(f"{people:>8} {rows:>10} {batched:>10.1f} {fast:>9,.0f} {reload:>9.1f} {args.naive_rows:>11} {slow:>13,.0f} {fast / slow:>8.0f}x")

        from bench_questions import SHIPPED

        shipped = build_graph(ROOT / "seeds")
        load(build_elements(__import__("kg.seeds", fromlist=["load_seeds"]).load_seeds(ROOT / "seeds")), settings)
        backends = {"embedded": EmbeddedBackend(shipped), "neo4j": Neo4jBackend(settings)}
        print(f"\nquery latency on the shipped seeds, median of {args.runs} (warm), seconds")
        print(f"{'question':<16} {'embedded':>9} {'neo4j':>9} {'rows':>5}")
        for name, params in SHIPPED.items():
            medians = {}
            for label, backend in backends.items():
                run(backend, name, params)  # warm caches and query plans
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    rows = len(run(backend, name, params).rows)
                    times.append(time.perf_counter() - started)
                medians[label] = statistics.median(times)
            print(f"{name:<16} {medians['embedded']:>9.4f} {medians['neo4j']:>9.4f} {rows:>5}")


if __name__ == "__main__":
    main()
