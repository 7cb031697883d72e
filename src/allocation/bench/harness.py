"""Run every chosen solver configuration on the same generated instances, each in its own process.

Fair comparison: identical instances (regenerated from family, size and seed), the same time
limit for every optimizer, wall clock including model build, one child process per run so that
peak memory is that run's own and a solver that overruns its allowance can be killed. With an
engine other than serial the runs are Dask distributed tasks (allocation.simulate.sweep); each task
still starts its own child process, so peak memory and the kill allowance stay per run.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from allocation.bench.configs import BenchConfig
from allocation.bench.progress import ProgressBar
from allocation.simulate.sweep import Engine, run_tasks

COLUMNS: tuple[str, ...] = (
    "instance",
    "family",
    "size",
    "solver",
    "config",
    "seed",
    "repeat",
    "status",
    "objective",
    "bound",
    "gap",
    "persons_housed",
    "households_housed",
    "splits",
    "pins",
    "shortfall",
    "away",
    "unused",
    "wall_s",
    "build_s",
    "peak_mb",
    "verified",
    "violations",
    "time_limit",
    "households",
    "dwellings",
    "municipalities",
    "instance_sha",
    "message",
    "aggregate_s",
    "solve_s",
    "solver_s",
    "explain_s",
    "verify_s",
    "commit",
)
"""Columns of results.csv; the first fourteen of the issue's contract plus verification and context."""
TIMING_COLUMNS: tuple[str, ...] = (
    "wall_s",
    "build_s",
    "peak_mb",
    "aggregate_s",
    "solve_s",
    "solver_s",
    "explain_s",
    "verify_s",
)
"""Columns measured by the clock or the kernel: the same run gives other values every time."""

DEFAULT_PAIRWISE_MAX_SIZE = 2000
DEFAULT_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Instance:
    """One generated scenario, stored once as JSON so every solver reads the very same input."""

    family: str
    size: int
    seed: int
    path: Path
    sha: str
    households: int
    dwellings: int
    municipalities: int

    @property
    def name(self) -> str:
        return f"{self.family}-{self.size}-s{self.seed}"


@dataclass
class BenchSettings:
    """What to run: instance grid, configurations, limits and repetitions."""

    families: list[str]
    sizes: list[int]
    seeds: list[int]
    configs: list[BenchConfig]
    repeat: int = 1
    time_limit: float | None = None
    pairwise_max_size: int = DEFAULT_PAIRWISE_MAX_SIZE
    kill_after: float | None = None
    work_dir: Path | None = None
    engine: Engine = field(default_factory=lambda: Engine(serial=True))
    """Where the runs go; the command line's default is a local Dask cluster."""

    def limit_for(self, config: BenchConfig) -> float:
        """The command line's limit for everyone when given, else the configuration's, else 60 s."""
        if self.time_limit is not None:
            return self.time_limit
        return config.time_limit if config.time_limit is not None else DEFAULT_TIME_LIMIT

    def allowance(self, limit: float) -> float:
        """Seconds a child may live before it is killed: the limit plus room for build and verify."""
        return self.kill_after if self.kill_after is not None else 2 * limit + 120


def make_instance(family: str, size: int, seed: int, directory: Path) -> Instance:
    """Generate the scenario of (family, size, seed) and store it as JSON with its SHA-256."""
    from allocation.generate import generate_family

    scenario = generate_family(family, size, seed)
    text = scenario.model_dump_json()
    path = directory / f"{family}-{size}-s{seed}.json"
    path.write_text(text, encoding="utf-8")
    return Instance(
        family=family,
        size=size,
        seed=seed,
        path=path,
        sha=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        households=len(scenario.households),
        dwellings=len(scenario.dwellings),
        municipalities=len(scenario.municipalities),
    )


def source_commit() -> str:
    """The commit of the code being measured, `+dirty` when its sources differ from it; "" outside git."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(here), "diff", "--quiet", "HEAD", "--", str(here.parent)],
            capture_output=True,
            timeout=10,
        ).returncode
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + ("+dirty" if changed else "")


def planned_runs(
    settings: BenchSettings, instances: list[Instance]
) -> list[tuple[Instance, BenchConfig, int]]:
    """Every (instance, configuration, repetition); the per-pair model only up to its size cap."""
    runs = []
    for inst in instances:
        for config in settings.configs:
            if config.solver == "pairwise" and inst.size > settings.pairwise_max_size:
                continue
            for r in range(settings.repeat):
                runs.append((inst, config, r + 1))
    return runs


def run_child(job: dict, work_dir: Path, allowance: float, tick: Callable[[float], None]) -> dict:
    """Run one job in a fresh Python process; returns its result plus peak_mb from its rusage."""
    fd, job_name = tempfile.mkstemp(prefix="job-", suffix=".json", dir=work_dir)
    os.close(fd)
    job_path = Path(job_name)
    result_path = job_path.with_name(job_path.name.replace("job-", "result-"))
    err_path = job_path.with_suffix(".err")
    job_path.write_text(json.dumps(job), encoding="utf-8")
    started = time.perf_counter()
    with err_path.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "allocation.bench.worker", str(job_path), str(result_path)],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - started
            if elapsed > allowance and not killed:
                proc.kill()
                killed = True
            tick(elapsed)
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024.0
    if killed:
        result = {"status": "killed", "wall_s": elapsed, "message": f"killed after {allowance:.0f} s"}
    elif result_path.exists():
        result = json.loads(result_path.read_text(encoding="utf-8"))
    else:
        lines = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {proc.returncode}"
        result = {"status": "error", "wall_s": elapsed, "message": detail[:300]}
    for path in (job_path, result_path, err_path):
        path.unlink(missing_ok=True)
    result["peak_mb"] = round(peak_mb, 1)
    return result


def run_bench(settings: BenchSettings, stream=None) -> list[dict]:
    """Generate the instances, run every planned job with a progress bar, return one row per run."""
    with tempfile.TemporaryDirectory(prefix="allocation-bench-", dir=settings.work_dir) as tmp:
        work = Path(tmp)
        grid = [(f, n, s) for f in settings.families for n in settings.sizes for s in settings.seeds]
        bar = ProgressBar(len(grid), stream=stream)
        instances = []
        for family, size, seed in grid:
            bar.show(f"generating {family}-{size}-s{seed}")
            instances.append(make_instance(family, size, seed, work))
            bar.advance(f"generated {family}-{size}-s{seed}")
        bar.close()
        runs = planned_runs(settings, instances)
        commit = source_commit()
        bar = ProgressBar(len(runs), stream=stream)
        if not settings.engine.serial:
            rows = _run_on_cluster(settings, runs, bar)
            bar.close()
            return [{**row, "commit": commit} for row in rows]
        rows = []
        for inst, config, repeat in runs:
            limit = settings.limit_for(config)
            label = f"{inst.name} {config.solver}/{config.name}"
            job = {"instance_path": str(inst.path), "config": config.model_dump(), "time_limit": limit}
            result = run_child(
                job, work, settings.allowance(limit), lambda t, lb=label: bar.show(f"{lb} {t:.0f}s")
            )
            rows.append({**_row(inst, config, repeat, limit, result), "commit": commit})
            bar.advance(f"{label} {result.get('status')} {result.get('wall_s', 0):.2f}s")
        bar.close()
    return rows


def _run_on_cluster(
    settings: BenchSettings, runs: list[tuple[Instance, BenchConfig, int]], bar: ProgressBar
) -> list[dict]:
    """Every run as a Dask task that gets the instance's text (a remote worker has no shared disk)."""
    texts = {inst.path: inst.path.read_text(encoding="utf-8") for inst, _, _ in runs}
    tasks = []
    for inst, config, _ in runs:
        limit = settings.limit_for(config)
        job = {"config": config.model_dump(), "time_limit": limit}
        label = f"{inst.name} {config.solver}/{config.name}"
        tasks.append((job, texts[inst.path], settings.allowance(limit), label))
    results = run_tasks(
        bench_task,
        tasks,
        settings.engine,
        lambda r: bar.advance(f"{r['label']} {r.get('status')} {r.get('wall_s', 0):.2f}s"),
    )
    return [
        _row(inst, config, repeat, settings.limit_for(config), result)
        for (inst, config, repeat), result in zip(runs, results, strict=True)
    ]


def bench_task(job: dict, instance_text: str, allowance: float, label: str) -> dict:
    """One run on a Dask worker: the instance written to a local temporary folder, solved in a child."""
    with tempfile.TemporaryDirectory(prefix="allocation-bench-task-") as tmp:
        path = Path(tmp) / "instance.json"
        path.write_text(instance_text, encoding="utf-8")
        result = run_child(job | {"instance_path": str(path)}, Path(tmp), allowance, lambda t: None)
    return result | {"label": label}


def _row(inst: Instance, config: BenchConfig, repeat: int, limit: float, result: dict) -> dict:
    """One results.csv row in COLUMNS order; values a run did not produce stay empty."""
    row = {c: None for c in COLUMNS}
    row.update(
        instance=inst.name,
        family=inst.family,
        size=inst.size,
        solver=config.solver,
        config=config.name,
        seed=inst.seed,
        repeat=repeat,
        time_limit=limit,
        households=inst.households,
        dwellings=inst.dwellings,
        municipalities=inst.municipalities,
        instance_sha=inst.sha,
    )
    row.update({k: v for k, v in result.items() if k in row and k not in ("instance", "solver", "config")})
    return row
