"""The path question between hubs of a generated graph, on the embedded backend and on Neo4j.

    python tests/benchmarks/bench_path.py [--sizes 10000 100000] [--pairs 6] [--heap 4g]

Starts its own Neo4j 5.26 server (tests/neo4j_server) unless NEO4J_URI is set. For each generated
graph size it takes the most connected people and organisations (the hubs, where shortest paths are
most numerous and a traversal has the most to explore), asks ``path`` between pairs of them on both
backends, checks that both give the same rows, and prints the median and worst time of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def hub_pairs(graph, count: int) -> list[tuple[str, str]]:
    """Pairs among the most connected people and organisations: person–person, org–org, person–org."""
    by_degree = lambda label: sorted(graph.by_label[label], key=lambda n: (-graph.g.degree(n), n))  # noqa: E731
    people, orgs = by_degree("Person")[:count], by_degree("Organization")[:count]
    pairs = [(people[i], people[-1 - i]) for i in range(count // 2)]
    pairs += [(orgs[i], orgs[-1 - i]) for i in range(count // 2)]
    pairs += [(people[i], orgs[i]) for i in range(count // 2)]
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pairs", type=int, default=6, help="hubs of each kind; pairs are made among them")
    parser.add_argument("--heap", default="4g", help="heap of the server this script starts")
    args = parser.parse_args()

    from generate import generate

    from kg.backends.embedded import EmbeddedBackend
    from kg.backends.neo4j import Neo4jBackend, Settings, load
    from kg.graph_model import build_elements
    from kg.questions import run
    from kg.store import TalentGraph

    server = None
    if os.environ.get("NEO4J_URI"):
        settings = Settings.from_environment()
    else:
        from tests.neo4j_server import launcher

        server = launcher.start(
            Path(tempfile.mkdtemp(prefix="kg-bench-path-")), heap=args.heap, pagecache="1g", timeout=300,
            jvm_args=["-XX:TieredStopAtLevel=4"],
        )
        settings = Settings(uri=server.uri, user=server.user, password=server.password)
    try:
        print(f"server: {settings.uri}; path between hubs, seconds per question (median / worst)")
        print(f"{'people':>8} {'pairs':>5} {'hops':>7} {'embedded':>17} {'neo4j':>17} {'same rows':>9}")
        for people in args.sizes:
            elements = build_elements(generate(people))
            embedded = EmbeddedBackend(TalentGraph(elements))
            load(elements, settings, batch_size=10_000)
            neo4j = Neo4jBackend(settings)
            pairs = hub_pairs(embedded.graph, args.pairs)
            run(embedded, "path", {"a": pairs[0][0], "b": pairs[0][1]})  # the undirected graph is built once
            run(neo4j, "path", {"a": pairs[0][0], "b": pairs[0][1]})  # the query plan is cached
            times: dict[str, list[float]] = {"embedded": [], "neo4j": []}
            hops, same = [], True
            for a, b in pairs:
                answers = {}
                for label, backend in (("embedded", embedded), ("neo4j", neo4j)):
                    started = time.perf_counter()
                    answers[label] = run(backend, "path", {"a": a, "b": b}).rows
                    times[label].append(time.perf_counter() - started)
                same = same and answers["embedded"] == answers["neo4j"]
                hops.append(len(answers["embedded"]))
            neo4j.close()
            shown = {label: f"{statistics.median(t):.3f} / {max(t):.3f}" for label, t in times.items()}
            print(f"{people:>8} {len(pairs):>5} {min(hops)}-{max(hops):<5} {shown['embedded']:>17} {shown['neo4j']:>17} {'yes' if same else 'NO':>9}")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
