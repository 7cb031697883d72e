"""Interrupted work: a solve killed at any moment leaves the old plan or the new one; SIGINT/SIGTERM stop it.

The plan folder is checked as a planner would find it afterwards: the four files either all as
they were before, or all from the new run and agreeing with each other.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import allocation
from allocation.generate import generate_family
from allocation.io.plan_io import MANIFEST, PLAN_FILES
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from solving import load, solved

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and fork: Linux"),
    pytest.mark.serial,  # timed signals and kills: run apart from the parallel suite, whose load skews them
]


def solve_cli(scenario: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    """`allocation solve` as its own process, as a planner starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "allocation.cli", "solve", str(scenario), "--out", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def plan_files(out: Path) -> dict[str, bytes]:
    """The four plan files as they are on disk now (missing files left out)."""
    return {name: (out / name).read_bytes() for name in PLAN_FILES if (out / name).is_file()}


def assert_files_belong_together(out: Path) -> dict:
    """The four files are there, read back as a plan, and the summary matches the three tables."""
    assert sorted(plan_files(out)) == sorted(PLAN_FILES)
    plan = allocation.read_plan(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    with (out / "assignments.csv").open(encoding="utf-8", newline="") as f:
        persons = sum(int(r["persons"]) for r in csv.DictReader(f))
    with (out / "municipalities.csv").open(encoding="utf-8", newline="") as f:
        shortfall = sum(int(r["shortfall"]) for r in csv.DictReader(f))
    assert summary["persons_housed"] == persons
    assert summary["households_housed"] == len(plan.housed_households())
    assert summary["households_unassigned"] == len(plan.unassigned)
    assert summary["shortfall"] == shortfall
    return summary


@pytest.fixture(scope="module")
def slow_scenario(tmp_path_factory) -> Path:
    """Large families in four regions (seconds to solve, longer with CP-SAT), plus a one-household
    municipality whose region finishes at once: its progress line says the solve has started."""
    big = generate_family("large-families", 3000, seed=3)
    scenario = Scenario(
        municipalities=[Municipality(code="GM0000", name="Eerstdorp", quota=1), *big.municipalities],
        dwellings=[Dwelling(id="T1", municipality="GM0000", bedrooms=1, max_occupants=2), *big.dwellings],
        households=[Household(id="TH1", municipality="GM0000"), *big.households],
        persons=[Person(id="TP1", household="TH1", role="referent", age=30), *big.persons],
        policy=big.policy,
    )
    folder = tmp_path_factory.mktemp("slow") / "scenario"
    allocation.write_scenario(scenario, folder)
    return folder


@pytest.fixture(scope="module")
def two_plans() -> tuple[allocation.Plan, allocation.Plan]:
    """An old and a new plan that differ in every one of the four files."""
    return solved(load("fit_rules")), solved(load("persons_over_quota"))


# A child process writes the new plan over the old one and kills itself with SIGKILL after the
# k-th executed line of the writing code (atomic.py, plan_io.py), for k = 1, 2, ... until a write
# completes. After every kill it records the folder as found, what read_plan makes of it, and
# (after the next write into the same folder) whether any staging file was left behind.
KILL_AT_EVERY_LINE = r"""
import json, os, signal, sys
from pathlib import Path
import allocation.io.atomic as atomic
import allocation.io.plan_io as plan_io
from allocation.errors import ScenarioError
from allocation.io import read_plan, write_plan
from allocation.plan import Plan

out = Path(sys.argv[1])
old = Plan.model_validate_json(Path(sys.argv[2]).read_text())
new = Plan.model_validate_json(Path(sys.argv[3]).read_text())
watched = {atomic.__file__, plan_io.__file__}
found = []
k = 0
while True:
    k += 1
    write_plan(old, out)
    if found:
        found[-1]["left_after_next_write"] = sorted(n for n in os.listdir(out) if n.startswith("."))
    pid = os.fork()
    if pid == 0:
        lines = [0]

        def local(frame, event, arg):
            if event == "line":
                lines[0] += 1
                if lines[0] == k:
                    os.kill(os.getpid(), signal.SIGKILL)
            return local

        def tracer(frame, event, arg):
            return local if frame.f_code.co_filename in watched else None

        sys.settrace(tracer)
        write_plan(new, out)
        sys.settrace(None)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir()) if p.is_file()}
    plan = {n: files.pop(n, None) for n in plan_io.PLAN_FILES}
    files.pop(plan_io.MANIFEST, None)
    try:
        read_plan(out)
        readable = True
    except ScenarioError as err:
        readable = [str(p) for p in err.problems]
    found.append(
        {
            "kill_at": k,
            "killed": os.WIFSIGNALED(status),
            "files": plan,
            "readable": readable,
            "staging": sorted(n for n in files if n.startswith(".")),
            "other": sorted(n for n in files if not n.startswith(".")),
        }
    )
    if not os.WIFSIGNALED(status):
        break
print(json.dumps(found))
"""

INCOMPLETE = [
    "manifest.json:0: -: the plan in this folder is incomplete: writing it was interrupted; solve again"
]


def plan_state(out: Path) -> str:
    """What a reader makes of the folder: 'complete' (read_plan accepts it) or 'incomplete'."""
    try:
        allocation.read_plan(out)
    except allocation.ScenarioError as err:
        assert [str(p) for p in err.problems] == INCOMPLETE
        return "incomplete"
    return "complete"


def test_a_write_killed_after_any_line_leaves_the_old_plan_the_new_one_or_says_incomplete(
    tmp_path: Path, two_plans
) -> None:
    old, new = two_plans
    expected = {}
    for name, plan in (("old", old), ("new", new)):
        allocation.write_plan(plan, tmp_path / name)
        expected[name] = {n: (tmp_path / name / n).read_text(encoding="utf-8") for n in PLAN_FILES}
    assert all(expected["old"][n] != expected["new"][n] for n in PLAN_FILES)
    (tmp_path / "old.json").write_text(old.model_dump_json(), encoding="utf-8")
    (tmp_path / "new.json").write_text(new.model_dump_json(), encoding="utf-8")
    out = tmp_path / "work" / "plan"
    (out.parent).mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_AT_EVERY_LINE,
            str(out),
            str(tmp_path / "old.json"),
            str(tmp_path / "new.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found = json.loads(result.stdout)
    kills = [f for f in found if f["killed"]]
    assert len(kills) > 20, "the write path should have been cut at many points"
    assert not found[-1]["killed"] and found[-1]["files"] == expected["new"] and found[-1]["readable"] is True
    outcomes = set()
    for f in kills:
        at = f"killed after line {f['kill_at']}"
        if f["readable"] is True:
            state = next((n for n in ("old", "new") if f["files"] == expected[n]), None)
            assert state, f"{at}: read_plan accepts a folder that mixes old and new files"
        else:
            assert f["readable"] == INCOMPLETE, at
            state = "incomplete"
        assert f["other"] == [], f"{at}: stray files {f['other']} in the folder"
        assert f["left_after_next_write"] == [], f"{at}: the next write left {f['left_after_next_write']}"
        outcomes.add(state)
    assert outcomes == {"old", "new", "incomplete"}, "kills should land before, during and after the switch"
    assert any(f["staging"] for f in kills), "some kills should have left staging files to clean up"
    assert (out.parent / "plan").is_dir() and sorted(os.listdir(out.parent)) == ["plan"]
    print(f"write_plan killed at {len(kills)} points: every time all old, all new or marked incomplete")


def hidden(out: Path) -> list[str]:
    return sorted(n for n in os.listdir(out) if n.startswith("."))


@pytest.mark.parametrize("moment", ["writing", "just-written", "random", "random"])
def test_solve_killed_mid_run_leaves_a_complete_plan_or_says_incomplete(
    tmp_path: Path, slow_scenario: Path, two_plans, moment
):
    out = tmp_path / "plan"
    allocation.write_plan(two_plans[0], out)
    (out / "notes.txt").write_text("round 3\n", encoding="utf-8")
    inode = out.stat().st_ino
    old = plan_files(out)
    proc = solve_cli(slow_scenario, out, "--time-limit", "30", "--quiet")
    if moment == "random":
        time.sleep(random.uniform(0.2, 1.5))
    else:  # kill while the new plan's files are staged inside DIR, or just after they were put in place
        deadline = time.monotonic() + 60
        seen = False
        while proc.poll() is None and time.monotonic() < deadline:
            staging = bool(hidden(out))
            if (staging and moment == "writing") or (seen and not staging):
                break
            seen = seen or staging
    proc.kill()
    proc.communicate(timeout=30)
    assert out.stat().st_ino == inode and (out / "notes.txt").read_text(encoding="utf-8") == "round 3\n"
    assert sorted(os.listdir(tmp_path)) == ["plan"], "nothing is staged beside DIR"
    state = plan_state(out)
    if state == "complete":
        summary = assert_files_belong_together(out)
        now = plan_files(out)
        same = [n for n in PLAN_FILES if now[n] == old[n]]
        assert same in ([], list(PLAN_FILES)), f"old files {same} next to new ones"
        if not same:
            assert summary["persons_housed"] > 1000
        state = "old" if same else "new"
    allocation.write_plan(two_plans[0], out)
    assert hidden(out) == [], "the next write removes what a killed one staged"
    assert plan_files(out) == old
    print(f"solve killed ({moment}, exit {proc.returncode}): {state} plan")


def wait_for_solving(proc: subprocess.Popen[str]) -> list[str]:
    """Read stderr up to the first progress line: the scenario is loaded and the solver runs."""
    lines = [proc.stderr.readline()]
    while ": warning: " in lines[-1]:  # warnings about the scenario come before the solve starts
        lines.append(proc.stderr.readline())
    assert "region 1/" in lines[-1], lines
    return lines


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_solve_with_the_best_plan_so_far(tmp_path: Path, slow_scenario: Path, signum):
    out = tmp_path / "plan"
    proc = solve_cli(slow_scenario, out, "--solver", "cpsat", "--time-limit", "120")
    wait_for_solving(proc)
    started = time.monotonic()
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert time.monotonic() - started < 30, "a stop should not wait for the time limit"
    assert "stopped on request; wrote the best plan found so far" in stderr
    assert "stopping; the best plan so far will be written (interrupt again to end at once)" in stderr
    assert "Traceback" not in stderr
    summary = assert_files_belong_together(out)
    assert summary["status"] == "feasible" and summary["persons_housed"] > 0
    assert "status feasible" in stdout
    scenario = allocation.load_scenario(slow_scenario)
    assert allocation.verify(scenario, allocation.read_plan(out)) == []


def test_a_second_interrupt_ends_at_once_and_writes_nothing(tmp_path: Path, slow_scenario: Path, two_plans):
    out = tmp_path / "plan"
    allocation.write_plan(two_plans[0], out)
    before = plan_files(out)
    proc = solve_cli(slow_scenario, out, "--solver", "cpsat", "--time-limit", "120")
    wait_for_solving(proc)
    proc.send_signal(signal.SIGINT)
    while "interrupt again to end at once" not in (line := proc.stderr.readline()):
        assert line, "the solve ended before it said it was stopping"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted, nothing written" in stderr and "Traceback" not in stderr
    assert plan_files(out) == before and plan_state(out) == "complete"
    assert sorted(os.listdir(tmp_path)) == ["plan"], "no staging folder left behind"
    assert hidden(out) == [], "nothing staged inside DIR either"


# Solver faults: each ends with a defined exit code, status and message (README: command line).


def test_a_time_out_writes_the_plan_found_so_far_marked_feasible(tmp_path: Path, slow_scenario: Path) -> None:
    out = tmp_path / "plan"
    proc = solve_cli(slow_scenario, out, "--time-limit", "0.01", "--quiet", "--json")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "Traceback" not in stderr
    summary = assert_files_belong_together(out)
    assert summary == json.loads(stdout)
    assert summary["status"] == "feasible" and "time limit" in summary["message"]
    assert "first-come-first-served" in summary["message"] and summary["persons_housed"] > 0
    text, _ = solve_cli(slow_scenario, tmp_path / "again", "--time-limit", "0.01", "--quiet").communicate(
        timeout=120
    )
    lines = text.splitlines()  # the planner reads why under the status line
    assert lines[0].startswith("status feasible") and lines[1] == f"  {summary['message']}"


@pytest.mark.parametrize(
    ("solver", "message"),
    [
        ("highs", "option name was unknown"),
        ("scip", "SCIP error code"),
        ("cpsat", "unknown CP-SAT parameter 'no_such_option'"),
    ],
)
def test_a_parameter_the_solver_refuses_exits_1_with_a_message_and_writes_nothing(
    tmp_path: Path, solver: str, message: str
) -> None:
    out = tmp_path / "plan"
    scenario = Path(__file__).parent / "scenarios" / "q6_cooperation"
    proc = solve_cli(scenario, out, "--solver", solver, "--param", "no_such_option=1")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "allocation solve:" in stderr and message in stderr and "Traceback" not in stderr
    assert not out.exists()


def test_the_api_raises_on_a_refused_parameter() -> None:
    options = allocation.SolverOptions(backend_params={"no_such_option": 1})
    with pytest.raises(Exception, match="option name was unknown"):
        allocation.solve(load("q6_cooperation"), options=options)


def test_a_malformed_param_is_bad_input(tmp_path: Path) -> None:
    proc = solve_cli(Path(__file__).parent / "scenarios" / "amv", tmp_path / "o", "--param", "gap")
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "write KEY=VALUE" in stderr
    assert not (tmp_path / "o").exists()


def test_writing_into_the_working_directory_keeps_it(tmp_path: Path, two_plans, monkeypatch) -> None:
    """A planner inside DIR (`--out .`) keeps a working directory that exists and holds the new plan."""
    out = tmp_path / "plan"
    allocation.write_plan(two_plans[0], out)
    (out / "notes.txt").write_text("round 3\n", encoding="utf-8")
    monkeypatch.chdir(out)
    allocation.write_plan(two_plans[1], ".")
    assert Path.cwd() == out.resolve() and Path(os.getcwd()).is_dir()
    assert allocation.read_plan(".") == allocation.read_plan(out)
    assert sorted(p.name for p in out.iterdir()) == sorted([*PLAN_FILES, MANIFEST, "notes.txt"])
    assert sorted(os.listdir(tmp_path)) == ["plan"]


def test_a_parent_folder_that_may_not_be_written_is_never_needed(tmp_path: Path, two_plans, monkeypatch):
    """Nothing is created beside DIR (e.g. --out ~ with /home read-only): only DIR itself is written."""
    out = tmp_path / "plan"
    allocation.write_plan(two_plans[0], out)
    real_mkdir, real_replace = Path.mkdir, os.replace

    def mkdir(self: Path, *args, **kwargs) -> None:
        if self.parent == tmp_path and self != out:
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    def replace(src, dst) -> None:
        assert Path(src).parent == out and Path(dst).parent == out, (src, dst)
        real_replace(src, dst)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    monkeypatch.setattr(os, "replace", replace)
    allocation.write_plan(two_plans[1], out)
    new = tmp_path / "new"
    monkeypatch.undo()
    allocation.write_plan(two_plans[1], new)
    assert plan_files(out) == plan_files(new)
    assert sorted(p.name for p in out.iterdir()) == sorted([*PLAN_FILES, MANIFEST])
