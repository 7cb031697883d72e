"""`allocation solve SCENARIO --out DIR`: solve, verify, write the four plan files, summarise."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from allocation.collector import collector_paused
from allocation.commands import folder_name, iso_date, max_threads, seconds, thread_count
from allocation.commands.validate import load_or_report, report_warnings
from allocation.errors import ScenarioError
from allocation.io import write_plan
from allocation.io.csv_io import csv_text
from allocation.io.previous_io import read_previous
from allocation.labels import LANGUAGES
from allocation.library_output import stdout_to
from allocation.model.backends import SolverOptions
from allocation.optimize import SOLVERS, Progress
from allocation.reason_texts import count
from allocation.replan import CHANGE_COLUMNS, Replanned, replan
from allocation.verify import verify

CHANGES_FILE = "changes.csv"
STOPPING = "allocation solve: stopping; the best plan so far will be written (interrupt again to end at once)"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the solve subcommand."""
    parser = subparsers.add_parser(
        "solve",
        help="match households to dwellings and write the plan",
        description=(
            "Exit 0 when a plan was written (even with households left out), 2 on invalid input "
            "(nothing written), 1 on any other failure."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario folder of CSV files or .xlsx workbook")
    parser.add_argument(
        "--out", required=True, type=folder_name, metavar="DIR", help="folder for the plan files"
    )
    parser.add_argument(
        "--time-limit", type=seconds, metavar="SECONDS", help="default: the policy's time_limit"
    )
    parser.add_argument("--solver", choices=SOLVERS, default="highs", help="backend (default: highs)")
    parser.add_argument("--deterministic", action="store_true", help="same input, same plan, every run")
    parser.add_argument(
        "--threads",
        type=thread_count,
        metavar="N",
        help=f"solver threads, 1 to {max_threads()} (default: solver's own)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="raw backend parameter, repeatable (e.g. mip_rel_gap=0.01 for highs)",
    )
    parser.add_argument(
        "--lp-solver",
        choices=("glop", "highs"),
        help="solver of the stages' LP relaxations (default: glop under highs, else the backend itself)",
    )
    parser.add_argument(
        "--planning-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="plan as on this day (default: the policy's planning_date, else today); "
        "only a scenario with dates plans with time",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the reasons in unassigned.csv (default: en)",
    )
    parser.add_argument(
        "--previous",
        metavar="PLAN_DIR",
        help="re-plan: a plan folder solve wrote; its assignments.csv status column (planned, "
        "announced, moved_in) keeps announced and moved-in families, the others move only when "
        "that serves a term ranked before `changes`; writes changes.csv",
    )
    parser.add_argument("--json", action="store_true", help="print summary.json to stdout instead of text")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.set_defaults(run=run)


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """SIGINT/SIGTERM ask the solver to stop and return its best plan instead of killing the run."""
    stop = threading.Event()
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print(STOPPING, file=sys.stderr, flush=True)

    for s in previous:
        signal.signal(s, handler)
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def run(args: argparse.Namespace) -> int:
    """Load, solve, verify, write; the exit code follows docs/FORMAT.md.

    The cyclic collector waits for the whole command, reading included: the scenario's objects
    live until the end, and full collections over them free nothing.
    """
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()  # --time-limit bounds the whole command, reading included
    scenario = load_or_report(args.scenario)
    if isinstance(scenario, int):
        return scenario
    if getattr(args, "planning_date", None) is not None:
        policy = scenario.policy.model_copy(update={"planning_date": args.planning_date})
        scenario = scenario.model_copy(update={"policy": policy})
    report_warnings(args.scenario, scenario, getattr(args, "lang", "en"))
    read_seconds = time.perf_counter() - started
    previous = None
    if getattr(args, "previous", None):
        try:
            previous = read_previous(args.previous)
        except ScenarioError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return 2
    try:
        options = SolverOptions(
            threads=args.threads, lp_solver=args.lp_solver, backend_params=backend_params(args.param)
        )
    except ValueError as err:
        print(f"allocation solve: {err}", file=sys.stderr)
        return 2

    def show(p: Progress) -> None:
        if not args.quiet:
            print(
                f"[{p.elapsed:6.1f}s] region {p.regions_done}/{p.regions_total}: "
                f"{p.persons_housed} persons housed",
                file=sys.stderr,
            )

    try:
        with stop_on_signals() as stop, stdout_to("stderr"):  # stdout is for the plan's summary
            result = replan(
                scenario,
                previous,
                solver=args.solver,
                time_limit=args.time_limit,
                deterministic=args.deterministic,
                options=options,
                progress=show,
                stop=stop,
                lang=args.lang,
                started=started,
            )
        plan = result.plan
        plan.stats.read_seconds = read_seconds
        for note in result.notes:
            print(f"allocation solve: {note}", file=sys.stderr)
        checking = time.perf_counter()
        # A first plan is checked against the scenario as given, as anyone re-checking the files
        # would; a re-plan against the scenario its previous plan leaves (moved-in families fixed).
        violations = verify(result.scenario if previous else scenario, plan)
        plan.stats.verify_seconds = time.perf_counter() - checking
        if violations:
            for v in violations:
                print(f"allocation solve: plan breaks a rule: {v}", file=sys.stderr)
            return 1
        changes = {CHANGES_FILE: csv_text(CHANGE_COLUMNS, result.change_rows())} if previous else {}
        writing = time.perf_counter()
        write_plan(
            plan,
            args.out,
            summary_extra=result.summary_extra(),
            extra_files=changes,
            stale=() if previous else (CHANGES_FILE,),
            timed=True,
        )
        plan.stats.write_seconds = time.perf_counter() - writing  # summary.json has its own figure
    except KeyboardInterrupt:
        print("allocation solve: interrupted, nothing written", file=sys.stderr)
        return 130
    except (OSError, ValueError, RuntimeError) as err:
        print(f"allocation solve: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a solver library refusing the model or its parameters: a message, not a trace
        print(f"allocation solve: the solver failed, nothing written: {err}", file=sys.stderr)
        return 1
    if stop.is_set():
        print("allocation solve: stopped on request; wrote the best plan found so far", file=sys.stderr)
    if args.json:  # the summary as written, write seconds included
        print((Path(args.out) / "summary.json").read_text(encoding="utf-8"), end="")
    else:
        limit = args.time_limit if args.time_limit is not None else scenario.policy.time_limit
        print(human_summary(result, args.out, elapsed=time.perf_counter() - started, limit=limit))
    return 0


def backend_params(pairs: list[str]) -> dict[str, str | int | float | bool]:
    """KEY=VALUE options as typed values: true/false, whole numbers, decimals, else text."""
    params: dict[str, str | int | float | bool] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {pair!r}: write KEY=VALUE")
        value: str | int | float | bool = text.strip()
        if text.strip().lower() in ("true", "false"):
            value = text.strip().lower() == "true"
        else:
            for kind in (int, float):
                try:
                    value = kind(text)
                    break
                except ValueError:
                    continue
        params[key.strip()] = value
    return params


LIMIT_SLACK_SECONDS = 1.0
"""How far past --time-limit the whole command may end before the summary says why."""


def human_summary(
    result: Replanned, out: str, *, elapsed: float | None = None, limit: float | None = None
) -> str:
    """A few lines a planner reads at a glance; `elapsed` (the command so far) and `limit` (its time
    limit) add a line when the command ran past the limit."""
    plan = result.plan
    s = result.summary()
    gap = f", gap {s['gap']:.2%}" if s["gap"] else ""
    left_out = s["households_unassigned"] - s.get("households_later", 0)  # those planned later: below
    lines = [
        f"status {s['status']} ({s['solver']}: solver {s.get('solver_seconds', 0):.2f} s of"
        f" {s['solve_seconds']:.2f} s solving{gap})",
    ]
    if s["status"] != "optimal" and s.get("message"):  # why it is not proven: time, a stop, a region
        lines.append(f"  {s['message']}")
    lines += [
        f"housed {_n(s['persons_housed'], 'person')} in {_n(s['households_housed'], 'household')}"
        f" ({s['splits']} split over two addresses); {_n(left_out, 'household')} left out",
        f"taakstelling shortfall after the plan: {_n(s['shortfall'], 'person')}",
    ]
    reasons: dict[str, int] = {}
    for u in plan.unassigned:
        reasons[u.reason_code] = reasons.get(u.reason_code, 0) + 1
    lines += [f"  {n} x {code}" for code, n in sorted(reasons.items())]
    if "planning_date" in s:
        later = _n(s["households_later"], "household")
        lines.append(f"planned with time on {s['planning_date']}: {later} planned later")
    if "households_changed" in s:
        changed = _n(s["households_changed"], "household")
        lines.append(f"{changed} changed home against the previous plan")
        if s["households_announced"] or s["households_moved_in"]:
            lines.append(
                f"kept as marked: {s['households_announced']} announced, {s['households_moved_in']} moved in"
            )
    if elapsed is not None and limit is not None and elapsed > limit + LIMIT_SLACK_SECONDS:
        lines.append(_past_the_limit(s.get("phase_seconds", {}), elapsed, limit))
    lines.append(f"plan written to {out}")
    return "\n".join(lines)


def _past_the_limit(phases: dict[str, float], elapsed: float, limit: float) -> str:
    """Why the command took longer than its time limit: the limit stops the solver only."""
    done = [
        ("reading", "read"),
        ("explaining who is left out", "explain"),
        ("verifying", "verify"),
        ("writing", "write"),
    ]
    parts = [f"{name} ({phases[key]:.1f} s)" for name, key in done if phases.get(key)]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
    always = f", but {listed} always run in full" if parts else ""
    return f"took {elapsed:.1f} s, past the time limit of {limit:g} s: the limit stops the solver{always}"


def _n(n: int, noun: str) -> str:
    """'1 household', '3 households'."""
    return count("en", n, noun)
