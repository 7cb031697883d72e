"""Sweeps on Dask distributed: a two-worker LocalCluster on loopback gives the serial run's rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from allocation.bench.configs import default_config
from allocation.bench.harness import TIMING_COLUMNS, BenchSettings, run_bench
from allocation.cli import main
from allocation.generate import generate
from allocation.simulate.sweep import Engine, run_tasks, simulate_task

TIMING = TIMING_COLUMNS
"""Measured times and memory: the only values that may differ between two runs of the same sweep."""


@pytest.fixture(scope="module")
def cluster():
    """A two-worker LocalCluster on 127.0.0.1, as the default engine starts it, shared by the tests."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local.scheduler_address


def _untimed(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in TIMING}


def test_replay_sweep_on_two_workers_equals_the_serial_run_row_for_row(cluster):
    scenario = generate(35, 30, 3, 1, seed=8, dated=True, weeks=5).model_dump_json()
    tasks = [
        ("small", scenario, policy, seed, 5, "highs", 20.0)
        for policy in ("greedy", "snapshot", "lookahead", "hindsight")
        for seed in (1, 2)
    ]
    serial = run_tasks(simulate_task, tasks, Engine(serial=True))
    finished: list[str] = []
    distributed = run_tasks(
        simulate_task, tasks, Engine(scheduler=cluster), lambda r: finished.append(r["row"]["policy"])
    )
    assert len(finished) == len(tasks)
    assert [_untimed(r["row"]) for r in distributed] == [_untimed(r["row"]) for r in serial]
    assert [r["quota"] for r in distributed] == [r["quota"] for r in serial]
    assert [r["waits"] for r in distributed] == [r["waits"] for r in serial]
    assert len({r["row"]["persons_housed"] for r in serial}) > 1  # the policies do differ


def test_a_large_scenario_goes_to_the_workers_once_without_a_large_graph_warning(cluster):
    """A national scenario is tens of MB of JSON: sent inside every task, Dask warns of a large graph."""
    import warnings

    big = "x" * (12 << 20)
    tasks = [(big,), ("small",), (big,)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lengths = run_tasks(len, tasks, Engine(scheduler=cluster))
    assert lengths == [12 << 20, 5, 12 << 20]
    assert not [w for w in caught if "large graph" in str(w.message)]


def test_a_cluster_that_times_out_closing_after_the_runs_loses_no_result(monkeypatch):
    """Seen on a loaded machine after a 7-minute national replay: the close timed out and the
    command reported that it could not reach the cluster, writing nothing."""
    from distributed import LocalCluster

    closing = LocalCluster.close

    def slow_close(self, *args, **kwargs):
        closing(self, *args, **kwargs)
        raise TimeoutError

    monkeypatch.setattr(LocalCluster, "close", slow_close)
    assert run_tasks(len, [("abc",), ("de",)], Engine(workers=1)) == [3, 2]


def test_bench_on_two_workers_equals_the_serial_run_and_measures_each_child(cluster, tmp_path: Path):
    def settings(engine: Engine) -> BenchSettings:
        return BenchSettings(
            families=["scarce-stock"],
            sizes=[40],
            seeds=[1, 2],
            configs=[default_config("highs"), default_config("greedy")],
            time_limit=20,
            work_dir=tmp_path,
            engine=engine,
        )

    serial = run_bench(settings(Engine(serial=True)))
    distributed = run_bench(settings(Engine(scheduler=cluster)))
    assert [_untimed(r) for r in distributed] == [_untimed(r) for r in serial]
    assert all(r["verified"] is True for r in distributed)
    assert all(r["peak_mb"] > 0 for r in distributed)


def test_simulate_command_on_a_scheduler_writes_the_same_csv_as_serial(cluster, tmp_path: Path):
    import allocation

    folder = tmp_path / "dated"
    allocation.write_scenario(generate(25, 22, 2, 1, seed=2, dated=True, weeks=3), folder)
    texts = {}
    for name, engine in (("serial", ["--serial"]), ("dask", ["--scheduler", cluster])):
        out = tmp_path / name
        args = ["simulate", str(folder), "--out", str(out), "--weeks", "3", "--seeds", "1", "2"]
        assert main([*args, "--quiet", *engine]) == 0
        with (out / "results.csv").open(newline="", encoding="utf-8") as handle:
            texts[name] = list(csv.DictReader(handle))
    assert texts["dask"] == texts["serial"]
    assert len(texts["serial"]) == 8
