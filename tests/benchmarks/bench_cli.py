"""Timings of the command line: kg --help, kg validate, building the graph, and a cold kg ask.

    python tests/benchmarks/bench_cli.py [--runs 5]

Each command runs in a new process (as a user would start it); the median of the runs is printed.
"kg ask (cold)" is a new process reading the cached graph; "build graph" validates, derives and
builds the graph in one process with no cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def timed_command(args: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "KG_CACHE_DIR": tempfile.mkdtemp(prefix="kg-bench-"), "KG_BACKEND": "embedded"}
    question = "who left OpenAI for which startup?"

    from kg.graph_model import build_elements
    from kg.seeds import load_seeds
    from kg.store import TalentGraph

    start = time.perf_counter()
    dataset = load_seeds(ROOT / "seeds")
    loaded = time.perf_counter()
    graph = TalentGraph(build_elements(dataset))
    built = time.perf_counter()

    subprocess.run([sys.executable, "-m", "kg", "ask", question], cwd=ROOT, env=env, check=True, capture_output=True)
    rows = [
        ("kg --help (new process)", timed_command(["--help"], args.runs, env)),
        ("kg validate (new process)", timed_command(["validate"], max(1, args.runs // 2), env)),
        ("load + validate seeds (in process)", loaded - start),
        ("derive + build graph (in process)", built - loaded),
        (f'kg ask "{question}" (cold process, cached graph)', timed_command(["ask", question], args.runs, env)),
        (f'kg ask (no cache: KG_NO_CACHE=1)', timed_command(["ask", question], max(1, args.runs // 2), {**env, "KG_NO_CACHE": "1"})),
    ]
    labels, types = graph.counts()
    print(f"seeds: {labels['Person']} people, {labels['Organization']} organisations, {labels['Move']} moves, "
          f"{sum(types.values())} relationships; median of {args.runs} runs; python {sys.version.split()[0]}")
    width = max(len(label) for label, _ in rows)
    print(f"{'what':<{width}}  seconds")
    for label, seconds in rows:
        print(f"{label:<{width}}  {seconds:7.3f}")


if __name__ == "__main__":
    main()
