"""The `allocation` command: thin argparse shell over the library, one module per subcommand."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from allocation.commands import OneLineParser

COMMANDS: tuple[str, ...] = ("validate", "solve", "generate", "app", "bench", "forecast", "simulate")
"""Subcommand modules under allocation.commands; each has register(subparsers)."""


def build_parser() -> argparse.ArgumentParser:
    """The full parser, so `--help` lists every subcommand."""
    parser = OneLineParser(
        prog="allocation",
        description="Match nareiziger households to dwellings across cooperating municipalities.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"allocation.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; every subcommand returns its exit code (0 ok, 2 bad input, 1 other failure)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("allocation: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early (e.g. `head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
