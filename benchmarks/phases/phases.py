"""One `allocation solve`-like run split into phases, for before/after tables on any commit.

Times what the CLI does in its order (read, warnings, solve, verify, write) by wrapping the
library's functions, so it runs unchanged on older commits: PYTHONPATH=<checkout>/src python
benchmarks/phases/phases.py SCENARIO SOLVER. Prints one JSON line. Model phases inside solve
(build, solver, disaggregate) are summed over the threads that run them.
"""

import contextlib
import functools
import io
import json
import sys
import threading
import time
from collections import defaultdict

TOTALS: dict[str, float] = defaultdict(float)
LOCK = threading.Lock()


def timed(module: object, name: str, label: str) -> None:
    """Replace module.name by a wrapper adding its seconds to TOTALS[label]."""
    inner = getattr(module, name)

    @functools.wraps(inner)
    def wrapper(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            with LOCK:
                TOTALS[label] += time.perf_counter() - started

    setattr(module, name, wrapper)


def main() -> None:
    started = time.perf_counter()
    import allocation.model.stages as stages
    import allocation.optimize as optimize
    from allocation.commands.validate import load_or_report, report_warnings
    from allocation.io import write_plan
    from allocation.verify import verify

    for name, label in [
        ("aggregate", "aggregate"),
        ("build", "build"),
        ("disaggregate", "disaggregate"),
        ("with_scores", "explain"),
        ("explain_unassigned", "explain"),
    ]:
        timed(optimize, name, label)
    timed(stages, "run", "solver")
    path, solver = sys.argv[1], sys.argv[2]
    t = time.perf_counter()
    scenario = load_or_report(path)
    TOTALS["read"] = time.perf_counter() - t
    t = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        report_warnings(path, scenario)
    TOTALS["warnings"] = time.perf_counter() - t
    t = time.perf_counter()
    plan = optimize.solve(scenario, solver=solver)
    TOTALS["solve"] = time.perf_counter() - t
    t = time.perf_counter()
    violations = verify(scenario, plan)
    TOTALS["verify"] = time.perf_counter() - t
    t = time.perf_counter()
    write_plan(plan, "/tmp/phases-out")
    TOTALS["write"] = time.perf_counter() - t
    TOTALS["total"] = time.perf_counter() - started
    TOTALS["cpu"] = time.process_time()
    row = {k: round(v, 2) for k, v in TOTALS.items()}
    housed = sum(a.persons for a in plan.assignments)
    row.update(status=plan.stats.status, persons=housed, violations=len(violations))
    print(json.dumps(row))


if __name__ == "__main__":
    main()
