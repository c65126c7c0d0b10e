"""How long kg ask takes to understand a question: warm, over the whole test table, and cold.

    python tests/benchmarks/bench_ask.py [--runs 5]

Targets: under 5 ms to understand a question warm (median over tests/fixtures/ask_questions.yaml:
parse, score every catalogue question, fill the parameters; not running the question), and under
0.3 s for a cold ``kg ask`` (a new process reading the cached graph). Also prints how the time grows
with the question's length, which must stay linear up to the 500-character cap.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def understanding_times(backend, questions: list[str], runs: int) -> list[float]:
    """The median of ``runs`` warm timings of each question (refusals included: they are answers too)."""
    from kg.ask import understand
    from kg.errors import KgError

    today = date(2026, 12, 1)
    medians = []
    for text in questions:
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            try:
                understand(backend, text, today=today)
            except KgError:
                pass
            times.append(time.perf_counter() - start)
        medians.append(statistics.median(times[1:]))  # the first run warms the caches
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import yaml

    from kg.backends.embedded import EmbeddedBackend
    from kg.store import open_graph

    table = yaml.safe_load((ROOT / "tests" / "fixtures" / "ask_questions.yaml").read_text(encoding="utf-8"))
    backend = EmbeddedBackend(open_graph(ROOT / "seeds"))
    medians = understanding_times(backend, [row["q"] for row in table], args.runs)
    by_language: dict[str, list[float]] = defaultdict(list)
    for row, seconds in zip(table, medians):
        by_language[row["lang"]].append(seconds)

    print(f"understanding a question, warm (median of {args.runs} runs each), {len(table)} questions; python {sys.version.split()[0]}")
    print(f"{'questions':<22} {'count':>5}  {'median ms':>9}  {'p90 ms':>7}  {'max ms':>7}")
    for label, values in [("all", medians), *sorted(by_language.items())]:
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
        print(f"{label:<22} {len(values):>5}  {statistics.median(values) * 1000:9.2f}  {p90 * 1000:7.2f}  {ordered[-1] * 1000:7.2f}")

    print("\nby length (one question repeated up to the cap; linear growth expected)")
    print(f"{'characters':>10}  {'ms':>7}  {'ms per 100 chars':>16}")
    phrase = "who left OpenAI for which startup and "
    for size in (50, 100, 200, 300, 400, 500):
        text = (phrase * (size // len(phrase) + 1))[:size]
        seconds = statistics.median(understanding_times(backend, [text], args.runs))
        print(f"{len(text):>10}  {seconds * 1000:7.2f}  {seconds * 1000 * 100 / len(text):16.2f}")

    env = {**os.environ, "KG_CACHE_DIR": tempfile.mkdtemp(prefix="kg-bench-"), "KG_BACKEND": "embedded"}
    question = "who left OpenAI for which startup?"
    subprocess.run([sys.executable, "-m", "kg", "ask", question], cwd=ROOT, env=env, check=True, capture_output=True)
    print("\ncold kg ask (a new process, cached graph)")
    print(f"{'question':<50}  {'seconds':>7}")
    for text in (question, "谁离开了OpenAI加入了哪家创业公司？", "how much did Thinking Machines Lab raise?"):
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kg", "ask", text, "--format", "json"], cwd=ROOT, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"{text:<50}  {statistics.median(times):7.3f}")


if __name__ == "__main__":
    main()
