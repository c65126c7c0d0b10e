"""HTML views: time to write the file, and time until the page is drawn and still in headless Chromium.

    python tests/benchmarks/bench_render.py [--sizes 100 1000 5000] [--people 20000]

Each view is the neighbourhood (two steps) of the busiest organisation of a generated graph, cut to
the size asked for. "drawn" is the time from navigation until vis-network has drawn the page;
"still" adds the wait until no node has moved for half a second (positions are computed before
writing, so it should be about the same).
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


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("google-chrome")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--window-size=1400,900", f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def drawn_and_still(driver, path: Path) -> tuple[float, float]:
    started = time.perf_counter()
    driver.get(path.resolve().as_uri())
    while driver.execute_script("return document.body.dataset.drawn") != "yes":
        time.sleep(0.01)
    drawn = time.perf_counter() - started
    positions = driver.execute_script("return JSON.stringify(network.getPositions())")
    while True:
        time.sleep(0.5)
        now = driver.execute_script("return JSON.stringify(network.getPositions())")
        if now == positions:
            return drawn, time.perf_counter() - started - 0.5
        positions = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args()

    from generate import generate

    from kg.graph_model import build_elements
    from kg.render import neighbourhood_view, write_html
    from kg.store import TalentGraph

    graph = TalentGraph(build_elements(generate(args.people)))
    hub = max(graph.by_label["Organization"], key=lambda o: graph.g.in_degree(o))
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-render-"))
    driver = browser()
    try:
        print(f"generated graph of {args.people} people; views around {graph.name(hub)}")
        print(f"{'nodes':>6} {'edges':>7} {'build view s':>13} {'write file s':>13} {'file MB':>8} {'drawn s':>8} {'still s':>8}")
        for size in args.sizes:
            started = time.perf_counter()
            view = neighbourhood_view(graph, hub, depth=2, max_nodes=size)
            built = time.perf_counter() - started
            started = time.perf_counter()
            path = write_html(view, folder / f"view-{size}.html")
            written = time.perf_counter() - started
            drawn, still = drawn_and_still(driver, path)
            megabytes = path.stat().st_size / 1e6
            print(f"{len(view.nodes):>6} {len(view.edges):>7} {built:>13.2f} {written:>13.2f} {megabytes:>8.1f} {drawn:>8.2f} {still:>8.2f}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
