"""`allocation simulate`: replay weekly allocation meetings under several policies and seeds."""

from __future__ import annotations

import argparse
import io
import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

from allocation.commands import at_least, seconds
from allocation.commands.engine import add_engine_arguments, engine_from
from allocation.commands.validate import load_or_report

DEFAULT_WEEKS = 26
DEFAULT_TIME_LIMIT = 60.0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `simulate` subcommand."""
    from allocation.simulate.protect import SUGGESTED_PROTECT_GAP
    from allocation.simulate.replay import POLICIES

    parser = subparsers.add_parser(
        "simulate",
        help="replay weekly planning over the weeks and compare policies against hindsight",
        description=(
            "Replay the scenario week by week from its planning date (else its earliest date): homes "
            "come free, families' procedures advance and arrive (drawn with each seed from their Q3 "
            "window), the policy plans and families that are here move into planned homes that are "
            "free. Writes results.csv, quota.csv, weekly.csv, results.md, wait_days.png and "
            "quota_fulfilment.png into --out. Runs are tasks on Dask distributed (a local cluster by "
            "default)."
        ),
    )
    parser.add_argument("scenario", nargs="+", metavar="SCENARIO", help="scenario folder(s) or .xlsx")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
    parser.add_argument(
        "--weeks", type=at_least(1), default=DEFAULT_WEEKS, metavar="N", help=f"default: {DEFAULT_WEEKS}"
    )
    parser.add_argument(
        "--policy",
        nargs="+",
        choices=list(POLICIES),
        default=list(POLICIES),
        metavar="P",
        help="policies to replay (default: all): " + ", ".join(POLICIES),
    )
    parser.add_argument("--seeds", nargs="+", type=int, default=[1], metavar="S", help="default: 1")
    parser.add_argument(
        "--solver", default="highs", metavar="NAME", help="solver of the weekly optimum (default: highs)"
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help=f"seconds per solve (default: {DEFAULT_TIME_LIMIT:.0f})",
    )
    parser.add_argument(
        "--notice-days",
        type=at_least(0),
        default=0,
        metavar="D",
        help="days before its arrival that a family's travel date is known, as once it has booked its "
        "journey; lookahead then plans for that day instead of the forecast (default: 0, not before)",
    )
    parser.add_argument(
        "--protect-gap",
        type=at_least(0),
        default=0,
        metavar="N",
        help="lookahead keeps a home free this week when the forecast expects more families at least N "
        "persons larger that fit it, within the planning horizon, than free homes that fit them "
        f"(default: 0, never; {SUGGESTED_PROTECT_GAP} did best in the regional replays)",
    )
    add_engine_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load every scenario, run every (scenario, policy, seed), write the report; 1 if a plan failed."""
    from allocation.bench.progress import ProgressBar
    from allocation.optimize import SOLVERS
    from allocation.simulate.report import write_report
    from allocation.simulate.sweep import run_tasks, simulate_task

    if args.solver not in SOLVERS or args.solver == "greedy":
        print(f"allocation simulate: --solver must be one of {', '.join(SOLVERS[:-1])}", file=sys.stderr)
        return 2
    instances = []
    for path in args.scenario:
        scenario = load_or_report(path)
        if isinstance(scenario, int):
            return scenario
        instances.append((Path(path).name or path, scenario.model_dump_json()))
    seeds = list(dict.fromkeys(args.seeds))
    lookahead = (args.notice_days, args.protect_gap)
    tasks = [
        (name, text, policy, seed, args.weeks, args.solver, args.time_limit, *lookahead)
        for name, text in instances
        for policy in args.policy
        for seed in seeds
    ]
    engine = engine_from(args)
    bar = ProgressBar(len(tasks), stream=io.StringIO() if args.quiet else sys.stderr)
    bar.show("starting")
    try:
        results = run_tasks(
            simulate_task,
            tasks,
            engine,
            lambda r: bar.advance(f"{r['row']['instance']} {r['row']['policy']} seed {r['row']['seed']}"),
        )
    except OSError as err:
        print(f"allocation simulate: cannot reach the cluster: {err}", file=sys.stderr)
        return 1
    bar.close()
    meta = {
        "command": "allocation " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "allocation simulate",
        "date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "runs": engine.describe(),
        "solver": f"{args.solver}, {args.time_limit:g} s per solve, deterministic",
        "travel dates known": f"{args.notice_days} days before arrival"
        if args.notice_days
        else "not before arrival (lookahead plans by the forecast)",
        "homes kept for larger families": f"expected at least {args.protect_gap} persons larger"
        if args.protect_gap
        else "never",
    }
    try:
        written = write_report(results, Path(args.out), meta)
    except OSError as err:
        print(f"allocation simulate: cannot write {args.out}: {err.strerror or err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    bad = [r["row"] for r in results if r["row"]["violations"]]
    if bad:
        print(f"allocation simulate: {len(bad)} run(s) with plans the verifier rejected", file=sys.stderr)
        return 1
    return 0
