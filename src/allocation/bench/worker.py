"""One benchmark run in its own process: load the instance, solve, verify, write a result record.

Run as `python -m allocation.bench.worker JOB.json RESULT.json`; the parent measures peak memory
from this process's resource usage and kills it when it outlives its allowance.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

from allocation.bench.configs import BenchConfig
from allocation.bench.score import plan_terms
from allocation.scenario import Scenario


def run_job(job: dict) -> dict:
    """Solve the job's instance with its solver and configuration; wall time includes model build."""
    import allocation
    from allocation.bench.pairwise import solve_pairwise

    scenario = Scenario.model_validate_json(Path(job["instance_path"]).read_text(encoding="utf-8"))
    config = BenchConfig.model_validate(job["config"])
    scenario = config.apply_policy(scenario)
    time_limit = float(job["time_limit"])
    started = time.perf_counter()
    if config.solver == "pairwise":
        plan = solve_pairwise(
            scenario, time_limit=time_limit, options=config, deterministic=config.deterministic
        )
    else:
        plan = allocation.solve(
            scenario,
            solver=config.solver,
            time_limit=time_limit,
            deterministic=config.deterministic,
            options=None if config.solver == "greedy" else config.solver_options(),
        )
    wall = time.perf_counter() - started
    checked = time.perf_counter()
    violations = allocation.verify(scenario, plan)
    verify_seconds = time.perf_counter() - checked
    terms = plan_terms(scenario, plan)
    stats = plan.stats
    return {
        "status": stats.status,
        "objective": stats.objective,
        "bound": stats.bound,
        "gap": stats.gap,
        "persons_housed": terms["persons"],
        "households_housed": len(plan.housed_households()),
        "splits": terms["splits"],
        "pins": terms["pins"],
        "shortfall": terms["shortfall"],
        "away": terms["away"],
        "unused": terms["unused"],
        "wall_s": wall,
        "build_s": stats.build_seconds,
        "aggregate_s": stats.aggregate_seconds,
        "solve_s": stats.solve_phase_seconds,
        "solver_s": stats.solver_seconds,
        "explain_s": stats.explain_seconds,
        "verify_s": verify_seconds,
        "verified": not violations,
        "violations": len(violations),
        "message": stats.message,
    }


def main(argv: list[str]) -> int:
    """Read the job, run it, write the result; an exception becomes an 'error' record, not a crash."""
    job_path, result_path = Path(argv[0]), Path(argv[1])
    job = json.loads(job_path.read_text(encoding="utf-8"))
    try:
        result = run_job(job)
    except Exception as exc:  # the harness reports it as a row, the run continues
        detail = traceback.format_exc(limit=3).strip().splitlines()[-1]
        result = {"status": "error", "message": f"{type(exc).__name__}: {exc}"[:300] or detail}
    result_path.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
