"""`allocation app [SCENARIO]`: start the Streamlit planner app on a scenario (default: the example).

Safe defaults: it listens on 127.0.0.1 only (`--host` opens it to the network and says so), sends no
usage statistics and shows the toolbar in viewer mode.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APP_MAIN = Path(__file__).resolve().parents[1] / "app" / "main.py"
EXAMPLE = ROOT / "data" / "example"
LOOPBACK = "127.0.0.1"
SAFE_OPTIONS = (
    "--browser.gatherUsageStats",
    "false",
    "--client.toolbarMode",
    "viewer",
    "--runner.magicEnabled",
    "false",
)
"""No usage statistics leave the machine; no Deploy or developer menu for planners; no bare string
in a page's code shown on screen (the pages call st.* for all they show)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the app subcommand."""
    parser = subparsers.add_parser(
        "app",
        help="start the planner app in the browser",
        description="Start the Streamlit planner app with SCENARIO opened (default: the bundled example). "
        "Saved scenarios go to ALLOCATION_DB_URL (default: an SQLite file in the user's data folder).",
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", nargs="?", default=None, help="scenario folder or .xlsx workbook"
    )
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    parser.add_argument(
        "--host",
        default=LOOPBACK,
        help=f"address to listen on (default {LOOPBACK}: this computer only); 0.0.0.0 opens the app to "
        "the network, which needs sign-in (see README)",
    )
    parser.add_argument("--db", default=None, help="database URL or SQLite file for saved scenarios")
    parser.add_argument("--headless", action="store_true", help="do not open a browser window")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run `streamlit run` of the app with the scenario in the environment (replacing this process)."""
    scenario = Path(args.scenario) if args.scenario else EXAMPLE
    if not scenario.exists():
        print(f"{scenario}:0: -: no such scenario folder or workbook", file=sys.stderr)
        return 2
    if not APP_MAIN.is_file():
        print(f"allocation app: the app is not installed alongside the package ({APP_MAIN})", file=sys.stderr)
        return 1
    env = dict(os.environ, ALLOCATION_APP_SCENARIO=str(scenario.resolve()))
    if args.db:
        env["ALLOCATION_DB_URL"] = args.db
    command = [sys.executable, "-m", "streamlit", "run", str(APP_MAIN), *SAFE_OPTIONS]
    command += ["--server.address", args.host, "--server.port", str(args.port)]
    if args.headless:
        command += ["--server.headless", "true"]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Planner app: http://{shown}:{args.port}")
    if args.host not in (LOOPBACK, "localhost", "::1"):
        print(
            f"allocation app: listening on {args.host}: the app is reachable from other computers; "
            "without sign-in configured in .streamlit/secrets.toml anyone who reaches it sees all data",
            file=sys.stderr,
        )
    if os.name == "posix":  # become the server, so signals (Ctrl-C, SIGTERM) reach it directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, command, env)
    return subprocess.call(command, env=env)
