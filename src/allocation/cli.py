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


QUICK_EXIT: frozenset[str] = frozenset({"validate", "solve", "generate", "forecast"})
"""Subcommands that start no service of their own (no Dask cluster, no server): once they are done,
the installed command leaves without tearing the interpreter down. After a national solve, Python
freeing the scenario's objects one by one at exit took 0.4 s of the command's 8 (benchmarks/README.md)."""


def main(argv: list[str] | None = None, *, quick_exit: bool = False) -> int:
    """Entry point; every subcommand returns its exit code (0 ok, 2 bad input, 1 other failure).

    `quick_exit` (the installed command, `python -m allocation.cli`): after a QUICK_EXIT subcommand,
    flush the output and end the process at once instead of returning.
    """
    args = build_parser().parse_args(argv)
    try:
        code = int(args.run(args))
    except KeyboardInterrupt:
        print("allocation: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:  # output piped into a reader that stopped early (e.g. `head`)
        _quiet_stdout()
        code = 0
    if quick_exit and args.command in QUICK_EXIT:
        _leave(code)
    return code


def _quiet_stdout() -> None:
    """stdout goes to /dev/null from here on: its reader has gone, and a later flush must not fail."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _leave(code: int) -> None:
    """End the process with `code` once stdout and stderr are flushed; every file a subcommand
    writes is closed (and renamed into place) before it returns."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)


def entry() -> None:
    """The installed `allocation` command."""
    sys.exit(main(quick_exit=True))


if __name__ == "__main__":
    entry()
