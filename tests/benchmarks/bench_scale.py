"""The embedded graph and the Neo4j load at 10k, 100k and 1M people: one table.

    python tests/benchmarks/bench_scale.py [--people 10000 100000 1000000] [--neo4j] [--work /tmp/kg-scale]

For each size a generated world (tests/benchmarks/generate.py) is written once as a seeds folder
under ``--work`` and reused. Each measure runs in a fresh process: validate and build the graph
from the folder (its time and peak memory), reopen the cached graph (time, and the memory the
graph holds: bytes per person and per relationship), then every catalogue question warm (median of
``--runs``, with its row count). Cold ``kg ask`` is timed on the shipped seeds. With ``--neo4j``,
the Neo4j figures of ``bench_neo4j_scale.measure`` join the table (``kg load`` and the bulk
importer, in rows/s, against a naive one-statement-per-row load). The last column of each row is
the growth factor from the size before.

Targets (issue 13): build at most 600 s and 8 GB at 1M; reopen at most 10 s; a question answering
at most 100 rows in at most 50 ms, larger answers at most 20 µs a row; path at most 100 ms;
influence at most 3 s; cold ``kg ask`` at most 0.25 s; ``kg load`` at least 50,000 rows/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def world(people: int, work: Path) -> Path:
    """The seeds folder of a generated world of ``people`` people (written once, then reused)."""
    folder = work / f"world-{people}"
    done = folder / ".complete"
    if not done.exists():
        from generate import generate, write_yaml

        start = time.perf_counter()
        written = write_yaml(generate(people), folder)
        done.write_text(json.dumps({"bytes": written, "seconds": round(time.perf_counter() - start, 1)}))
    return folder


def child(command: list[str], env: dict[str, str]) -> dict:
    """Run this script's ``--child`` step in a fresh process; its JSON report."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__)), "--child", *command], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if output.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _current_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def step_build(folder: str) -> dict:
    """Validate the folder and build its graph (written to the cache, as ``kg`` does)."""
    from kg.store import open_graph

    start = time.perf_counter()
    graph = open_graph(Path(folder))
    seconds = time.perf_counter() - start
    labels, types = graph.counts()
    return {"build_s": seconds, "build_peak": _peak_bytes(), "people": labels["Person"], "relationships": sum(types.values()), "nodes": len(graph.ids)}


def step_questions(folder: str, runs: str) -> dict:
    """Reopen the cached graph, then time every catalogue question warm."""
    import gc

    from bench_questions import generated_params

    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run

    gc.collect()
    before = _current_bytes()
    from kg.store import open_graph

    start = time.perf_counter()
    graph = open_graph(Path(folder))
    reopen = time.perf_counter() - start
    gc.collect()
    held = _current_bytes() - before
    backend = EmbeddedBackend(graph)
    timings = {}
    for name, values in generated_params(graph).items():
        times, rows = [], 0
        for _ in range(int(runs) + 1):
            begin = time.perf_counter()
            rows = len(run(backend, name, values).rows)
            times.append(time.perf_counter() - begin)
        timings[name] = [statistics.median(times[1:]), rows]  # the first run builds any lazy index
    return {"reopen_s": reopen, "graph_bytes": held, "questions": timings}


def cold_ask(runs: int) -> float:
    """Median seconds of a new ``kg ask`` process answering from the cached shipped graph.

    As on a user's machine, Python keeps its compiled modules: the first run writes them (and
    the cached graph) even when the calling environment says not to.
    """
    kg = Path(sys.executable).parent / "kg"
    with tempfile.TemporaryDirectory() as cache:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["KG_CACHE_DIR"] = cache
        question = ["ask", "who left OpenAI for which startup?"]
        subprocess.run([str(kg), *question], env=env, capture_output=True, check=True)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(kg), *question], env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def question_target(name: str, seconds: float, rows: int) -> str:
    if name == "path":
        return "ok" if seconds <= 0.100 else "SLOW"
    if name == "influence":
        return "ok" if seconds <= 3.0 else "SLOW"
    if rows <= 100:
        return "ok" if seconds <= 0.050 else "SLOW"
    return "ok" if seconds / rows <= 20e-6 else "SLOW"


def table(sizes: list[int], results: dict[int, dict], cold: float) -> str:
    """The one table: a row per figure, a column per size, and each size's growth over the one before."""
    head = ["figure"] + [f"{n:,} people" for n in sizes] + [f"x{a // 1000}k->{b // 1000}k" for a, b in zip(sizes, sizes[1:])]
    lines: list[list[str]] = []

    def row(label: str, values: list[float | None], fmt: str, unit: str = "") -> None:
        cells = [label] + [("-" if v is None else format(v, fmt) + unit) for v in values]
        for before, after in zip(values, values[1:]):
            cells.append("-" if not before or after is None else f"{after / before:.1f}")
        lines.append(cells)

    get = lambda key: [results[n].get(key) for n in sizes]  # noqa: E731
    row("seeds folder (MB)", [results[n]["seeds_bytes"] / 2**20 for n in sizes], ".0f")
    row("relationships", get("relationships"), ",.0f")
    row("validate + build (s)", get("build_s"), ".1f")
    row("build peak memory (GB)", [results[n]["build_peak"] / 2**30 for n in sizes], ".2f")
    row("reopen cached graph (s)", get("reopen_s"), ".2f")
    row("graph in memory (GB)", [results[n]["graph_bytes"] / 2**30 for n in sizes], ".2f")
    row("bytes per person", [results[n]["graph_bytes"] / results[n]["people"] for n in sizes], ",.0f")
    row("bytes per relationship", [results[n]["graph_bytes"] / results[n]["relationships"] for n in sizes], ",.0f")
    for name in results[sizes[0]]["questions"]:
        seconds = [results[n]["questions"][name][0] for n in sizes]
        counts = [results[n]["questions"][name][1] for n in sizes]
        verdicts = [question_target(name, s, c) for s, c in zip(seconds, counts)]
        cells = [f"{name} (ms; rows)"] + [f"{s * 1000:.1f}; {c:,} {v}" for s, c, v in zip(seconds, counts, verdicts)]
        cells += [f"{b / a:.1f}" if a else "-" for a, b in zip(seconds, seconds[1:])]
        lines.append(cells)
    for key, label in (("load_rows_per_s", "kg load (rows/s)"), ("import_rows_per_s", "bulk import (rows/s)"), ("naive_rows_per_s", "naive per-row load (rows/s)")):
        if all(key in results[n] for n in sizes):
            row(label, get(key), ",.0f")
    if all("load_rows_per_s" in results[n] and "naive_rows_per_s" in results[n] for n in sizes):
        row("kg load / naive", [results[n]["load_rows_per_s"] / results[n]["naive_rows_per_s"] for n in sizes], ".0f", "x")
        row("bulk import / naive", [results[n]["import_rows_per_s"] / results[n]["naive_rows_per_s"] for n in sizes], ".0f", "x")
    lines.append(["cold kg ask, shipped seeds (s)", f"{cold:.3f} {'ok' if cold <= 0.25 else 'SLOW'}"] + [""] * (len(head) - 2))
    widths = [max(len(str(cells[i])) for cells in [head, *lines] if i < len(cells)) for i in range(len(head))]
    text = [" | ".join(str(c).ljust(w) for c, w in zip(head, widths))]
    text.append("-|-".join("-" * w for w in widths))
    text += [" | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) for cells in lines]
    return "\n".join(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--neo4j", action="store_true", help="also load each world into Neo4j and bulk-import it")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-scale")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        steps = {"build": step_build, "questions": step_questions}
        print(json.dumps(steps[args.child[0]](*args.child[1:])))
        return
    results: dict[int, dict] = {}
    for people in args.people:
        folder = world(people, args.work)
        cache = tempfile.mkdtemp(prefix="kg-scale-cache-")
        env = {"KG_CACHE_DIR": cache}
        report = {"seeds_bytes": json.loads((folder / ".complete").read_text())["bytes"]}
        report |= child(["build", str(folder)], env)
        report |= child(["questions", str(folder), str(args.runs)], env)
        if args.neo4j:
            from bench_neo4j_scale import measure

            from kg.seeds import load_seeds

            report |= measure(load_seeds(folder))
        results[people] = report
        print(f"{people:,} people done: build {report['build_s']:.1f} s", file=sys.stderr)
    print(table(args.people, results, cold_ask(args.runs)))


if __name__ == "__main__":
    main()
