"""Fault injection for kg load, on real Neo4j servers, many times over: one table.

    python tests/benchmarks/bench_load_faults.py [--rounds 3]

- the server killed (SIGKILL) at every phase of a load, then started again: what kg said must be
  true, one whole graph must be live, and the next load must tidy up;
- two loads at once: only LoadLocked may stop one, and one whole graph must be live after;
- reads during loads (two readers, loads back to back): every read must see one whole graph.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from kg.backends.neo4j import LoadLocked, Neo4jBackend, load
    from tests import test_neo4j_faults as faults
    from tests.test_neo4j import leftovers, snapshot

    graphs = faults.two_graphs(Path(tempfile.mkdtemp(prefix="kg-mini-smaller-")))
    killable = faults.KillableServer(Path(tempfile.mkdtemp(prefix="kg-faults-")))
    rows: list[tuple[str, int, int, str]] = []
    started = time.perf_counter()
    try:
        complete = {}
        for name, elements in graphs.items():
            load(elements, killable.settings)
            complete[name] = snapshot(killable.settings)
        for moment in faults.PHASES:
            survived, notes = 0, []
            for _ in range(args.rounds):
                try:
                    faults.kill_during_load(killable, graphs, complete, moment)
                    survived += 1
                except AssertionError as err:
                    notes.append(str(err).splitlines()[0][:120])
            rows.append((f"server killed at: {moment}", args.rounds, survived, "; ".join(notes)))

        survived, locked, notes = 0, 0, []
        settings = killable.settings
        for trial in range(args.rounds * 4):
            outcomes: dict[str, object] = {}
            barrier = threading.Barrier(2)

            def run(name: str) -> None:
                barrier.wait()
                try:
                    load(graphs[name], settings, batch_size=2)
                    outcomes[name] = "loaded"
                except Exception as err:  # LoadLocked is expected; anything else is counted
                    outcomes[name] = err

            threads = [threading.Thread(target=run, args=(name,)) for name in graphs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(600)
            ok = all(o == "loaded" or isinstance(o, LoadLocked) for o in outcomes.values())
            ok = ok and snapshot(settings) in complete.values() and leftovers(settings) == 0
            locked += sum(isinstance(o, LoadLocked) for o in outcomes.values())
            survived += ok
            if not ok:
                notes.append(repr(outcomes)[:120])
        rows.append((f"two loads at once ({locked} refused by the lock)", args.rounds * 4, survived, "; ".join(notes)))

        expected = {(c["labels"]["Person"], c["labels"]["Organization"], c["types"]["WORKED_AT"]) for c in complete.values()}
        stop = threading.Event()
        reads = {"tried": 0, "whole": 0}

        def read() -> None:
            backend = Neo4jBackend(settings)
            try:
                while not stop.is_set():
                    _, found = backend.read(faults.MIX_CHECK)
                    reads["tried"] += 1
                    reads["whole"] += (found[0]["people"], found[0]["orgs"], found[0]["worked"]) in expected
            finally:
                backend.close()

        readers = [threading.Thread(target=read) for _ in range(2)]
        for reader in readers:
            reader.start()
        for name in list(graphs) * (args.rounds * 4):
            load(graphs[name], settings, batch_size=10)
        stop.set()
        for reader in readers:
            reader.join(120)
        rows.append((f"reads during {len(graphs) * args.rounds * 4} loads", reads["tried"], reads["whole"], ""))
    finally:
        killable.server.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| area | tried | survived | failures |")
    print("| --- | --- | --- | --- |")
    for area, tried, survived, notes in rows:
        print(f"| {area} | {tried} | {survived} | {notes or '-'} |")
    print(f"\n{time.perf_counter() - started:.0f} s; peak memory of this process {peak:.0f} MB (the servers not included)")


if __name__ == "__main__":
    main()
