"""`allocation bench`: compare solvers and configurations on generated instances; CSV, markdown, plots."""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

from allocation.bench.configs import BENCH_SOLVERS, ConfigError, load_configs
from allocation.bench.harness import DEFAULT_PAIRWISE_MAX_SIZE, BenchSettings, run_bench, source_commit
from allocation.bench.report import CSV_NAME, MD_NAME, fit_growth, merge_rows, read_csv, write_report
from allocation.commands import at_least, folder_name, seconds
from allocation.commands.engine import add_engine_arguments, engine_from

DEFAULT_SIZES = (100, 300, 1000, 3000, 10000, 25000)
DEFAULT_CONFIGS = Path("benchmarks/configs")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `bench` subcommand."""
    from allocation.generate import FAMILIES

    parser = subparsers.add_parser(
        "bench",
        help="benchmark solvers and configurations on generated instance families",
        description=(
            "Generate each (family, size, seed) instance once, run every chosen solver configuration "
            "on it in its own process, verify every plan, and write results.csv, results.md and "
            "PNG plots (time against size, persons housed against greedy) into --out."
        ),
    )
    parser.add_argument(
        "--family",
        nargs="+",
        choices=list(FAMILIES),
        default=list(FAMILIES),
        metavar="F",
        help="instance families (default: all): " + ", ".join(FAMILIES),
    )
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=at_least(1),
        default=list(DEFAULT_SIZES),
        metavar="N",
        help="households per instance (default: " + " ".join(map(str, DEFAULT_SIZES)) + ")",
    )
    parser.add_argument(
        "--solvers",
        nargs="+",
        choices=list(BENCH_SOLVERS),
        default=list(BENCH_SOLVERS),
        metavar="S",
        help="solvers to compare (default: all): " + ", ".join(BENCH_SOLVERS),
    )
    parser.add_argument(
        "--configs",
        metavar="DIR",
        help=f"folder of *.toml solver configurations (default: {DEFAULT_CONFIGS} when it exists)",
    )
    parser.add_argument("--seeds", nargs="+", type=int, default=[1], metavar="N", help="default: 1")
    parser.add_argument(
        "--repeat", type=at_least(1), default=1, metavar="R", help="runs per job (default: 1)"
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        metavar="S",
        help="seconds per run for every optimizer (default: each configuration's, else 60)",
    )
    parser.add_argument(
        "--pairwise-max-size",
        type=at_least(1),
        default=DEFAULT_PAIRWISE_MAX_SIZE,
        metavar="N",
        help=f"largest size the per-pair reference runs on (default: {DEFAULT_PAIRWISE_MAX_SIZE})",
    )
    parser.add_argument(
        "--kill-after",
        type=seconds,
        metavar="S",
        help="kill a run after this many seconds (default: twice its time limit plus 120)",
    )
    parser.add_argument(
        "--out", default="bench-results", type=folder_name, metavar="DIR", help="default: bench-results"
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="keep the rows of an earlier results.csv in --out (same instance and config: replaced)",
    )
    parser.add_argument(
        "--report-from",
        metavar="CSV",
        help="run nothing: redraw results.md and the plots in --out from an earlier results.csv",
    )
    add_engine_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark; exit 0 when every run produced a verified plan, 1 otherwise, 2 on bad configs."""
    config_dir = (
        Path(args.configs) if args.configs else (DEFAULT_CONFIGS if DEFAULT_CONFIGS.is_dir() else None)
    )
    try:
        configs = load_configs(config_dir, list(args.solvers))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    out = Path(args.out)
    if args.report_from:
        source = Path(args.report_from)
        if not source.is_file():
            print(f"{source}: no such results file", file=sys.stderr)
            return 2
        rows = read_csv(source)
        return _finish(rows, write_report(rows, out, _meta_from(out / MD_NAME, config_dir)))
    settings = BenchSettings(
        families=list(args.family),
        sizes=sorted(set(args.sizes)),
        seeds=list(dict.fromkeys(args.seeds)),
        configs=configs,
        repeat=args.repeat,
        time_limit=args.time_limit,
        pairwise_max_size=args.pairwise_max_size,
        kill_after=args.kill_after,
        engine=engine_from(args),
    )
    rows = run_bench(settings)
    meta = machine_meta(config_dir)
    meta["runs"] = settings.engine.describe()
    if args.append and (out / CSV_NAME).is_file():
        rows = merge_rows(read_csv(out / CSV_NAME), rows)
        earlier = _meta_from(out / MD_NAME, None).get("command")
        if earlier and earlier != meta["command"]:
            meta["command"] = f"{earlier}; {meta['command']}"
    return _finish(rows, write_report(rows, out, meta))


def _finish(rows: list[dict], written: list[Path]) -> int:
    """Print the growth fits and the files written; 1 when any run lacks a verified plan."""
    for (family, name), (slope, points) in sorted(fit_growth(rows).items()):
        print(f"growth {family} {name}: time ~ size^{slope:.2f} ({points} sizes)")
    for path in written:
        print(f"wrote {path}")
    failed = [r for r in rows if r.get("verified") is not True]
    if failed:
        print(f"allocation bench: {len(failed)} run(s) without a verified plan", file=sys.stderr)
        return 1
    return 0


def _meta_from(markdown: Path, config_dir: Path | None) -> dict[str, str]:
    """Keep the machine lines of the report being redrawn; describe this machine when there are none."""
    meta: dict[str, str] = {}
    if markdown.is_file():
        for line in markdown.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                break
            if line.startswith("- ") and ": " in line:
                key, value = line[2:].split(": ", 1)
                meta[key] = value
    return meta or machine_meta(config_dir)


def machine_meta(config_dir: Path | None) -> dict[str, str]:
    """What results.md states about where and how the numbers were made."""
    import ortools

    commit = source_commit()
    return {
        "command": "allocation " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "allocation bench",
        "date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, {_cpu_model()}, {_memory_gib():.0f} GiB RAM",
        "software": f"Python {platform.python_version()}, OR-Tools {ortools.__version__}",
        "configurations": str(config_dir) if config_dir else "built-in defaults",
        "code": f"commit {commit}" if commit else "unknown",
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0
