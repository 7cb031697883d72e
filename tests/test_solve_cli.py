"""`allocation solve` as docs/FORMAT.md promises it: files, columns, exit codes, messages."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import allocation
from allocation.cli import main
from allocation.io.plan_io import MANIFEST, PLAN_FILES
from solving import SCENARIOS

BROKEN = Path(__file__).parent / "broken"
SUMMARY_KEYS = {
    "status",
    "persons_housed",
    "households_housed",
    "households_unassigned",
    "splits",
    "objective",
    "bound",
    "gap",
    "solve_seconds",
    "solver",
}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_solve_writes_the_four_files_with_the_contract_columns(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan"
    scenario = tmp_path / "casus4_split"
    shutil.copytree(SCENARIOS / "casus4_split", scenario)
    # The split-off children are 19 and 20: without the youth rent limit D2 (650.00) may house them.
    (scenario / "policy.toml").write_text("rent_limit_young_applies = false\n", encoding="utf-8")
    assert main(["solve", str(scenario), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "assignments.csv",
        "manifest.json",
        "municipalities.csv",
        "summary.json",
        "unassigned.csv",
    ]
    assert header(out / "assignments.csv")[:6] == [
        "household",
        "dwelling",
        "municipality",
        "kind",
        "persons",
        "person_ids",
    ]
    assert header(out / "unassigned.csv") == ["household", "persons", "reason_code", "reason"]
    assert header(out / "municipalities.csv") == [
        "code",
        "name",
        "quota",
        "housed_before",
        "newly_counted",
        "shortfall",
        "counted_next_period",
    ]
    split = {r["dwelling"]: r for r in rows(out / "assignments.csv")}
    assert split["D2"]["kind"] == "split" and split["D2"]["person_ids"] == "P3;P4"
    assert split["D1"]["persons"] == "7"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary.keys() >= SUMMARY_KEYS
    assert summary["status"] == "optimal" and summary["splits"] == 1 and summary["persons_housed"] == 9
    text = capsys.readouterr().out
    assert "status optimal" in text and "housed 9 persons in 1 household (1 split" in text


def test_solved_files_read_back_as_a_plan_that_verifies(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    assert main(["solve", "data/example", "--out", str(out), "--quiet"]) == 0
    plan = allocation.read_plan(out)
    # The example has dates, so solve plans with time from today; the plan records the rules it
    # was made under (planning date, vacancy limit, horizon), and verifies against the files.
    assert plan.policy is not None and plan.policy.planning_date is not None
    assert allocation.verify(allocation.load_scenario("data/example"), plan) == []
    unassigned = rows(out / "unassigned.csv")
    assert all(r["reason_code"] and r["reason"] for r in unassigned)


def test_json_prints_the_summary(tmp_path: Path, capsys) -> None:
    code = main(["solve", str(SCENARIOS / "woningcheck"), "--out", str(tmp_path / "o"), "--json", "--quiet"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["households_housed"] == 2 and summary["solver"] == "highs"


@pytest.mark.parametrize("solver", ["highs", "scip", "cpsat", "greedy"])
def test_every_solver_is_selectable(tmp_path: Path, solver: str, capsys) -> None:
    out = tmp_path / solver
    assert (
        main(["solve", str(SCENARIOS / "big_and_small"), "--out", str(out), "--solver", solver, "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["solver"] == solver


def test_invalid_scenario_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan"
    assert main(["solve", str(BROKEN / "unknown_municipality"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        "dwellings.csv:3: municipality: unknown municipality GM0356; it is not in municipalities.csv" in err
    )
    assert not out.exists()


def test_missing_scenario_exits_2_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "allocation.cli",
            "solve",
            str(tmp_path / "nope"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "nope" in result.stderr


def test_the_command_leaves_quickly_with_all_its_output_written(tmp_path: Path) -> None:
    """The installed command ends its process without tearing Python down (cli.QUICK_EXIT): what
    it printed to a pipe (block-buffered) and every plan file are still there, whole."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(Path(allocation.__file__).parents[1])
    out = tmp_path / "o"
    command = [sys.executable, "-m", "allocation.cli", "solve", str(SCENARIOS / "q6_cooperation")]
    solve = [*command, "--out", str(out), "--json", "--quiet"]
    result = subprocess.run(solve, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads((out / "summary.json").read_text(encoding="utf-8"))
    plan = allocation.read_plan(out)
    assert sum(a.persons for a in plan.assignments) == 7
    assert allocation.verify(allocation.load_scenario(SCENARIOS / "q6_cooperation"), plan) == []


def test_the_summary_says_why_a_plan_is_not_proven_and_why_the_command_ran_past_its_limit(
    tmp_path: Path, capsys
) -> None:
    from allocation.commands.solve import human_summary
    from allocation.replan import replan

    scenario = allocation.load_scenario(SCENARIOS / "q6_cooperation")
    result = replan(scenario, time_limit=30)
    assert allocation.verify(scenario, result.plan) == []
    plan = result.plan
    plan.stats.read_seconds, plan.stats.explain_seconds, plan.stats.verify_seconds = 4.4, 4.8, 3.2
    plan.stats.write_seconds = 0.8
    within = human_summary(result, "out", elapsed=30.9, limit=30)
    assert within.splitlines()[0].startswith("status optimal") and "past the time limit" not in within
    past = human_summary(result, "out", elapsed=18.5, limit=5).splitlines()
    assert past[-2] == (
        "took 18.5 s, past the time limit of 5 s: the limit stops the solver, but reading (4.4 s), "
        "explaining who is left out (4.8 s), verifying (3.2 s) and writing (0.8 s) always run in full"
    )
    plan.stats.status, plan.stats.message = "feasible", "the time limit was reached before any region"
    assert human_summary(result, "out").splitlines()[1] == "  the time limit was reached before any region"


def test_bad_time_limit_and_unknown_solver_are_refused(tmp_path: Path, capsys) -> None:
    args = ["solve", str(SCENARIOS / "amv"), "--out", str(tmp_path / "o")]
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--time-limit", "0"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--solver", "gurobi"])
    assert exit_info.value.code == 2
    assert not (tmp_path / "o").exists()


def test_progress_lines_go_to_stderr(tmp_path: Path, capsys) -> None:
    assert main(["solve", str(SCENARIOS / "q6_cooperation"), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "region 1/1: 7 persons housed" in err


# Output folders: only the plan files are replaced; DIR itself and what else it holds stay.


def test_solve_into_a_folder_with_other_things_keeps_the_folder_and_everything_else(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "shared"
    (out / "minutes").mkdir(parents=True)
    (out / "minutes" / "round3.md").write_text("agreed\n", encoding="utf-8")
    (out / "budget.xlsx").write_bytes(b"not really a workbook")
    if os.geteuid() == 0:
        os.chown(out / "minutes", 4321, 4321)
    os.chmod(out / "minutes", 0o750)
    (out / "assignments.csv").write_text("an old plan file\n", encoding="utf-8")
    kept = (out, out / "minutes", out / "minutes" / "round3.md", out / "budget.xlsx")
    before = {p: os.lstat(p) for p in kept}
    assert main(["solve", str(SCENARIOS / "casus4_split"), "--out", str(out), "--quiet"]) == 0
    after = {p: os.lstat(p) for p in before}
    for path, stat in before.items():
        assert (after[path].st_ino, after[path].st_uid, after[path].st_mode) == (
            stat.st_ino,
            stat.st_uid,
            stat.st_mode,
        ), path
    assert (out / "minutes" / "round3.md").read_text(encoding="utf-8") == "agreed\n"
    assert (out / "budget.xlsx").read_bytes() == b"not really a workbook"
    assert sorted(p.name for p in out.iterdir()) == sorted([*PLAN_FILES, MANIFEST, "minutes", "budget.xlsx"])
    assert sorted(os.listdir(tmp_path)) == ["shared"], "nothing staged beside DIR"
    scenario = allocation.load_scenario(SCENARIOS / "casus4_split")
    assert allocation.verify(scenario, allocation.read_plan(out)) == []


def test_the_manifest_lists_every_plan_file_with_its_sha256(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    assert main(["solve", str(SCENARIOS / "amv"), "--out", str(out), "--quiet"]) == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert manifest["files"] == {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in PLAN_FILES}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc: Linux")
def test_a_process_working_inside_the_folder_keeps_its_working_directory(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    inside = subprocess.Popen(["sleep", "30"], cwd=out)
    try:
        assert main(["solve", str(SCENARIOS / "amv"), "--out", str(out), "--quiet"]) == 0
        assert os.path.samefile(f"/proc/{inside.pid}/cwd", out)
        assert not os.readlink(f"/proc/{inside.pid}/cwd").endswith("(deleted)")
    finally:
        inside.kill()
        inside.wait()


MOUNTED = r"""
import json, os, subprocess, sys
from pathlib import Path
from allocation.cli import main

out, scenario = Path(sys.argv[1]), sys.argv[2]
out.mkdir()
subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(out)], check=True)
(out / "share").mkdir()
subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(out / "share")], check=True)
(out / "share" / "data.txt").write_text("on the share\n")
inode = out.stat().st_ino
code = main(["solve", scenario, "--out", str(out), "--quiet"])
mounts = [line.split()[4] for line in open("/proc/self/mountinfo")]
print(json.dumps({
    "code": code,
    "same_inode": out.stat().st_ino == inode,
    "mounted": [str(out) in mounts, str(out / "share") in mounts],
    "share": (out / "share" / "data.txt").read_text(),
    "files": sorted(os.listdir(out)),
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0, reason="mounts need root")
def test_solve_into_a_mount_point_with_a_mount_inside_it(tmp_path: Path) -> None:
    """DIR is a filesystem of its own (a Docker volume, a share), with another mounted inside it."""
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here")
    out = tmp_path / "volume"
    command = ["unshare", "--mount", "--propagation", "private", sys.executable, "-c", MOUNTED]
    result = subprocess.run(
        [*command, str(out), str(SCENARIOS / "amv")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert found == {
        "code": 0,
        "same_inode": True,
        "mounted": [True, True],
        "share": "on the share\n",
        "files": sorted([*PLAN_FILES, MANIFEST, "share"]),
    }, result.stderr
    assert "Invalid cross-device link" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--time-limit", "nan"], "argument --time-limit: must be a number of seconds above 0, got 'nan'"),
        (["--time-limit", "inf"], "argument --time-limit: must be a number of seconds above 0, got 'inf'"),
        (["--time-limit", "-5"], "argument --time-limit: must be a number of seconds above 0, got '-5'"),
        (
            ["--time-limit", "1e9"],
            "argument --time-limit: must be at most 604800 seconds (a week), got '1e9'",
        ),
        (["--threads", "0"], "argument --threads: must be from 1 to {max} (twice the {cores} cores), got 0"),
        (
            ["--threads", "1000"],
            "argument --threads: must be from 1 to {max} (twice the {cores} cores), got 1000",
        ),
        (["--threads", "many"], "argument --threads: 'many' is not a whole number"),
        (["--out", ""], "argument --out: is empty; name the folder to write into, e.g. --out out/plan"),
        (["--out", "  "], "argument --out: is empty; name the folder to write into, e.g. --out out/plan"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_bad_option_is_one_line_and_exit_2_and_nothing_is_written(
    tmp_path: Path, monkeypatch, capsys, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    cores = os.cpu_count() or 1
    with pytest.raises(SystemExit) as stop:
        main(["solve", str(SCENARIOS.resolve() / "amv"), "--out", "plan", *args])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    expected = message.format(max=2 * cores, cores=cores)
    assert err.splitlines() == [f"allocation solve: error: {expected} (see allocation solve --help)"]
    assert out == "" and os.listdir(tmp_path) == []


def test_threads_up_to_twice_the_cores_are_accepted(tmp_path: Path) -> None:
    top = str(2 * (os.cpu_count() or 1))
    out = tmp_path / "plan"
    assert main(["solve", str(SCENARIOS / "amv"), "--out", str(out), "--threads", top, "--quiet"]) == 0
    assert allocation.verify(allocation.load_scenario(SCENARIOS / "amv"), allocation.read_plan(out)) == []


def test_the_api_refuses_an_empty_output_folder() -> None:
    plan = allocation.solve(allocation.load_scenario(SCENARIOS / "amv"))
    with pytest.raises(ValueError, match="the output folder name is empty"):
        allocation.write_plan(plan, "")
