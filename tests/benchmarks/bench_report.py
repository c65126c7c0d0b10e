"""kg report: time to build and write a lab's dossier, and time until headless Chromium has drawn it.

    python tests/benchmarks/bench_report.py [--orgs OpenAI "Google DeepMind" Meta] [--runs 5]

"drawn" runs from navigation until every chart says it is drawn (``document.body.dataset.drawn``);
the page holds plotly.js itself, so nothing is fetched. Target: under 2 s for a large lab.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import browser  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", nargs="+", default=["OpenAI", "Google DeepMind", "Meta", "Thinking Machines Lab"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from kg.report import build_report, generate_report
    from kg.store import open_graph

    graph = open_graph()
    driver = browser()
    folder = Path(tempfile.mkdtemp(prefix="kg-report-"))
    print(f"{'organisation':<24} {'build':>8} {'write':>8} {'size':>8} {'drawn (median of ' + str(args.runs) + ')':>20} {'max':>8}")
    try:
        for org in args.orgs:
            started = time.perf_counter()
            report = build_report(graph, org)
            built = time.perf_counter() - started
            started = time.perf_counter()
            path = folder / f"{report['id']}.html"
            path.write_text(generate_report(graph, report), encoding="utf-8")
            written = time.perf_counter() - started
            drawn = []
            for _ in range(args.runs):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(path.as_uri())
                while driver.execute_script("return document.body && document.body.dataset.drawn") != "yes":
                    time.sleep(0.01)
                drawn.append(time.perf_counter() - started)
            size = path.stat().st_size / 1e6
            print(f"{report['name']:<24} {built:>7.2f}s {written:>7.2f}s {size:>6.1f}MB {statistics.median(drawn):>19.2f}s {max(drawn):>7.2f}s")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
