"""The long run of the seeds fuzzer: mutated seeds folders validated by kg, in one table.

    python tests/benchmarks/bench_fuzz.py [--cases 12000] [--seed 0] [--hang-seconds 20]

A case survives when kg accepts the folder or rejects it with every message at ``path:line`` on
one line (see tests/seed_fuzz.py). Peak memory is the whole process's (the largest resident size).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang-seconds", type=int, default=20)
    args = parser.parse_args()
    from tests import seed_fuzz

    summary = seed_fuzz.run(args.cases, seed=args.seed, hang_seconds=args.hang_seconds)
    failures: dict[tuple[str, str], int] = {}
    for failure in summary.failures:
        failures[failure.area, failure.kind] = failures.get((failure.area, failure.kind), 0) + 1
    header = ("area", "tried", "survived", "accepted", "rejected at path:line", "without path:line", "tracebacks", "hangs")
    rows = []
    for area in seed_fuzz.AREAS:
        tried = summary.tried.get(area, 0)
        accepted, located = summary.accepted.get(area, 0), summary.located.get(area, 0)
        rows.append((area, tried, accepted + located, accepted, located, failures.get((area, "unlocated"), 0),
                     failures.get((area, "traceback"), 0), failures.get((area, "hang"), 0)))
    rows.append(("all", *[sum(row[i] for row in rows) for i in range(1, len(header))]))
    print(f"| {' | '.join(header)} |")
    print(f"|{'|'.join(' --- ' for _ in header)}|")
    for row in rows:
        print(f"| {' | '.join(f'{cell:,}' if isinstance(cell, int) else cell for cell in row)} |")
    print(f"\n{sum(summary.tried.values()):,} cases (seed {args.seed}) in {summary.seconds:.0f} s; peak memory {summary.peak_mb:.0f} MB")
    for failure in summary.failures[:20]:
        print(f"- {failure.area}, {failure.kind}: {failure.detail}")


if __name__ == "__main__":
    main()
