"""Exact break minimisation on the 20 JAIR-2022 industrial instances, against their known optima.

Reads the instances from ../shared/benchmarks/b2b-jair2022/ (INFOHARBOR_SHARED_DIR names the
shared folder from elsewhere); the optima are the published ones (Table 3 of Bofill et al., JAIR 74,
2022; fairness d = 2). Each instance gets 30 s on two cores. Prints one line per instance (breaks
found, optimum, status, time), then the figure: the sum of breaks against the sum of optima (36),
their ratio, how many were proven optimal, and the slowest time.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from infoharbor.matchmaking.scheduler import Status, minimise_breaks, parse_dzn

TIME_LIMIT = 30.0
OPTIMA = {
    "forum-13": 0,
    "forum-13crafb": 6,
    "forum-13crafc": 1,
    "forum-14": 2,
    "forumt-14": 5,
    "forumt-14crafc": 5,
    "forumt-14crafd": 4,
    "forumt-14crafe": 5,
    "tic-12": 0,
    "tic-12crafc": 0,
    "tic-13": 0,
    "tic-13crafb": 0,
    "tic-13crafc": 4,
    "tic-14crafa": 0,
    "tic-14crafc": 0,
    "tic-14crafd": 0,
    "ticf-13crafa": 0,
    "ticf-13crafb": 3,
    "ticf-13crafc": 1,
    "ticf-14crafa": 0,
}
SHARED = Path(
    os.environ.get("INFOHARBOR_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared")
)
FOLDER = SHARED / "benchmarks" / "b2b-jair2022"


def _worker_cpu() -> float:
    """CPU seconds the finished solver workers used: on a shared machine the wall time alone
    does not say how much of the two cores the solve had."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    if not FOLDER.is_dir():
        print(f"scheduler (JAIR-2022): skipped, {FOLDER} is absent (it holds the instances)")
        sys.exit(0)
    found = optimal = 0
    unsolved = []
    slowest = 0.0
    for name, optimum in OPTIMA.items():
        instance = parse_dzn((FOLDER / f"{name}.original.dzn").read_text())
        started = time.perf_counter()
        cpu_before = _worker_cpu()
        solution = minimise_breaks(instance, time_limit=TIME_LIMIT)
        elapsed = time.perf_counter() - started
        cpu = _worker_cpu() - cpu_before
        slowest = max(slowest, elapsed)
        optimal += solution.status is Status.OPTIMAL
        if solution.breaks is None:
            unsolved.append(name)
        else:
            found += solution.breaks
        print(
            f"  {name:15} breaks {solution.breaks!s:>4} optimum {optimum:>2} "
            f"lower bound {solution.lower_bound:>2} {solution.status.value:10} {elapsed:5.1f} s "
            f"(workers' CPU {cpu:5.1f} s)"
        )
    known = sum(OPTIMA.values())
    missing = f", no schedule for {len(unsolved)} ({', '.join(unsolved)})" if unsolved else ""
    print(
        f"scheduler (JAIR-2022, 20 instances, {TIME_LIMIT:.0f} s each): breaks {found} against "
        f"known optima {known} (ratio {known / found if found else 1:.2f}){missing}; "
        f"{optimal}/20 proven optimal; slowest {slowest:.1f} s"
    )


if __name__ == "__main__":
    main()
