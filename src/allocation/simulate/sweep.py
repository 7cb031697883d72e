"""Independent runs (policy x seed x instance) as tasks on Dask distributed, or one after another.

By default a LocalCluster of worker processes on 127.0.0.1 (one per core, one thread each, no
dashboard, no memory limit: a bench task measures its own child process); `scheduler` connects to
an existing cluster instead (`dask scheduler` / `dask worker ADDRESS` on the machines). A serial run
calls the same task functions in this process. Results come back in task order either way, so the
same seeds give the same rows.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from allocation.library_output import stdout_to
from allocation.scenario import Scenario

SHARED_BYTES = 1 << 20
"""Arguments this large (a scenario as JSON) go to the workers once, not inside every task."""


@dataclass(frozen=True)
class Engine:
    """Where the runs go: serial in this process, a LocalCluster of `workers`, or a scheduler address."""

    serial: bool = False
    workers: int | None = None
    scheduler: str | None = None

    def describe(self) -> str:
        """One line for the report: how the sweep ran."""
        if self.serial:
            return "serial, in one process"
        if self.scheduler:
            return f"Dask distributed, scheduler {self.scheduler}"
        return f"Dask distributed, LocalCluster of {self.workers or os.cpu_count()} worker processes"


def run_tasks(
    task: Callable[..., Any],
    arguments: Sequence[tuple],
    engine: Engine,
    on_done: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Every task's result, in the order of `arguments`; `on_done` sees each as it finishes."""
    done = on_done or (lambda result: None)
    if engine.serial:
        results = []
        for args in arguments:
            results.append(task(*args))
            done(results[-1])
        return results
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if engine.scheduler:
        client = Client(engine.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=engine.workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            memory_limit=0,
            silence_logs=logging.CRITICAL,
        )
        client = Client(cluster)
    try:
        futures = [client.submit(task, *args, pure=False) for args in _shared(client, arguments)]
        position = {future.key: i for i, future in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for future in as_completed(futures):
            results[position[future.key]] = future.result()
            done(results[position[future.key]])
        return results
    finally:
        _close(client, cluster)


def _close(client: Any, cluster: Any) -> None:
    """Close the client, then the local cluster; a slow shutdown loses no result already in.

    Under load a worker may miss its last heartbeat and the cluster's close time out (TimeoutError,
    an OSError): the runs are done by then, so neither is an error of the sweep, nor worth a trace.
    """
    quiet = [logging.getLogger(name) for name in ("distributed", "tornado.application")]
    levels = [log.level for log in quiet]
    for log in quiet:
        log.setLevel(logging.CRITICAL)
    try:
        with contextlib.suppress(OSError):
            client.close()
        if cluster is not None:
            with contextlib.suppress(OSError):
                cluster.close()
    finally:
        for log, level in zip(quiet, levels, strict=True):
            log.setLevel(level)


def _shared(client: Any, arguments: Sequence[tuple]) -> list[tuple]:
    """The arguments with each large text scattered to the workers once and passed by reference."""
    scattered: dict[str | bytes, Any] = {}
    out = []
    for args in arguments:
        row = []
        for value in args:
            if isinstance(value, str | bytes) and len(value) >= SHARED_BYTES:
                if value not in scattered:
                    scattered[value] = client.scatter(value, broadcast=True, hash=False)
                value = scattered[value]
            row.append(value)
        out.append(tuple(row))
    return out


def simulate_task(
    instance: str,
    scenario_json: str,
    policy: str,
    seed: int,
    weeks: int,
    solver: str,
    time_limit: float,
    notice_days: int = 0,
    protect_gap: int = 0,
) -> dict:
    """One replay run as plain data: its results row, quota rows, weekly fulfilment and wait days."""
    from allocation.simulate.metrics import quota_rows, result_row, weekly_fulfilment
    from allocation.simulate.replay import replay

    scenario = Scenario.model_validate_json(scenario_json)
    with stdout_to("devnull"):  # the solver library's debug prints, dozens in a national replay
        run = replay(
            scenario,
            policy,
            seed,
            weeks,
            solver=solver,
            time_limit=time_limit,
            notice_days=notice_days,
            protect_gap=protect_gap,
        )
    return {
        "row": result_row(instance, scenario, run),
        "quota": quota_rows(instance, scenario, run),
        "weekly": weekly_fulfilment(scenario, run),
        "waits": [m.wait_days for m in run.move_ins],
    }
