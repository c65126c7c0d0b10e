"""Warm time of every catalogue question, on the shipped seeds and on a generated graph.

    python tests/benchmarks/bench_questions.py [--people 100000] [--runs 5]

The graph is built once; each question then runs ``--runs`` times in the same process and the
median is printed, with the number of rows answered.
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

SHIPPED = {
    "left_for": {"org": "OpenAI", "startups_only": True},
    "founders": {"org": "Thinking Machines Lab"},
    "alumni_founders": {"org": "Tsinghua University"},
    "people_at": {"org": "Google", "as_of": "2020"},
    "career": {"person": "Mira Murati"},
    "coworkers": {"person": "Lilian Weng"},
    "investors": {"org": "Anthropic"},
    "portfolio": {"investor": "Andreessen Horowitz"},
    "co_investors": {"a": "SSI", "b": "Thinking Machines Lab"},
    "acquisitions": {"org": "Meta"},
    "attempted_deals": {},
    "flows": {"a": "OpenAI", "b": "Anthropic"},
    "top_flows": {"by": "org"},
    "path": {"a": "Lilian Weng", "b": "Alexandr Wang"},
    "influence": {"kind": "person"},
    "moves": {"org": "OpenAI", "direction": "arrivals", "since": "2023"},
    "role": {"person": "Mira Murati", "org": "OpenAI"},
    "rounds": {"investor": "Andreessen Horowitz", "since": "2023"},
    "deal": {"acquirer": "Meta"},
    "companies": {"country": "CN", "startups_only": True},
}


def generated_params(graph) -> dict[str, dict]:
    """Parameters that make each question work hard on a generated graph."""
    busiest = max(graph.by_label["Organization"], key=lambda o: graph.degree(o, 'in'))
    busy_person = max(graph.by_label["Person"][:5000], key=lambda p: graph.degree(p, 'out'))
    startups = [o for o in graph.by_label["Startup"] if any(True for _ in graph.out_edges(o, "RAISED"))]
    university = max(graph.by_label["University"], key=lambda o: graph.degree(o, 'in'))
    investor = max(graph.by_label["Investor"], key=lambda o: graph.degree(o, 'out'))
    founded = next(o for o in graph.by_label["Startup"] if any(True for _ in graph.in_edges(o, "FOUNDED")))
    labs = sorted(graph.by_label["FrontierLab"], key=lambda o: -graph.degree(o, 'in'))
    people = graph.by_label["Person"]
    return {
        "left_for": {"org": busiest, "startups_only": True},
        "founders": {"org": founded},
        "alumni_founders": {"org": university},
        "people_at": {"org": busiest, "as_of": "2015"},
        "career": {"person": busy_person},
        "coworkers": {"person": busy_person},
        "investors": {"org": startups[0]},
        "portfolio": {"investor": investor},
        "co_investors": {"a": startups[0], "b": startups[1]},
        "acquisitions": {"org": graph.by_label["BigTech"][0]},
        "attempted_deals": {},
        "flows": {"a": busiest, "b": labs[0]},
        "top_flows": {"by": "org"},
        "path": {"a": people[0], "b": people[-1]},
        "influence": {"kind": "org"},
        "moves": {"org": busiest, "direction": "both", "since": "2015", "until": "2020"},
        "role": {"person": busy_person, "since": "2010"},
        "rounds": {"investor": investor, "since": "2015"},
        "deal": {"acquirer": graph.by_label["BigTech"][0]},
        "companies": {"kind": "startup"},
    }


def bench(graph, params: dict[str, dict], runs: int) -> list[tuple[str, float, int]]:
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run

    backend = EmbeddedBackend(graph)
    results = []
    for name, values in params.items():
        times, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(run(backend, name, values).rows)
            times.append(time.perf_counter() - start)
        results.append((name, statistics.median(times), rows))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from generate import generate

    from kg.graph_model import build_elements
    from kg.store import TalentGraph, build_graph

    shipped = build_graph(ROOT / "seeds")
    start = time.perf_counter()
    big = TalentGraph(build_elements(generate(args.people)))
    built = time.perf_counter() - start
    labels, types = big.counts()
    shipped_rows = bench(shipped, SHIPPED, args.runs)
    big_rows = bench(big, generated_params(big), max(1, args.runs // 2))
    print(f"generated graph: {labels['Person']} people, {labels['Organization']} organisations, {labels['Move']} moves, "
          f"{sum(types.values())} relationships; built in {built:.1f} s")
    print(f"{'question':<16} {'shipped s':>10} {'rows':>6} {'generated s':>12} {'rows':>7}")
    for (name, seconds, rows), (_, big_seconds, big_count) in zip(shipped_rows, big_rows):
        print(f"{name:<16} {seconds:10.4f} {rows:6d} {big_seconds:12.3f} {big_count:7d}")


if __name__ == "__main__":
    main()
