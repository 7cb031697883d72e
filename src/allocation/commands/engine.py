"""Where independent runs go: this process, a local Dask cluster or an existing one (simulate, bench)."""

from __future__ import annotations

import argparse

from allocation.commands import at_least


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """--serial, --workers and --scheduler: where the independent runs go (shared with bench)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--serial", action="store_true", help="run one after another in this process")
    group.add_argument(
        "--workers",
        type=at_least(1),
        metavar="N",
        help="worker processes of the local Dask cluster (default: one per core)",
    )
    group.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://HOST:8786)"
    )


def engine_from(args: argparse.Namespace):
    """The Engine the engine arguments ask for."""
    from allocation.simulate.sweep import Engine

    return Engine(serial=args.serial, workers=args.workers, scheduler=args.scheduler)
