"""Run a plan in a separate process, so a user interface stays responsive and can stop it.

The child plans as `allocation solve` does, through allocation.replan (dated by default, the previous
plan kept where the objectives allow): it gets the scenario and the previous plan as JSON, reports
progress through a queue, watches a stop event (set -> the solve returns its best plan so far) and
sends the result back as JSON. It also watches its parent: when the parent is gone (a crash, a
SIGKILL) the child ends itself, so no solver is left running with nobody to report to.

Children are forked from a server process that has imported the library once (multiprocessing's
forkserver, where the platform has it; else each child is spawned and imports it anew), so a solve
starts in milliseconds instead of paying about a second of imports; `warm_up()` starts that server
ahead of the first solve.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import os
import queue as queue_module
import sys
import threading
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from allocation.plan import Plan
from allocation.reason_texts import Language
from allocation.replan import Change, Replanned
from allocation.scenario import Scenario


def _as_dict(progress: Any) -> dict[str, Any]:
    """A progress report as a plain dict (pydantic model, dataclass or simple object)."""
    if hasattr(progress, "model_dump"):
        return progress.model_dump()
    if dataclasses.is_dataclass(progress):
        return dataclasses.asdict(progress)
    if isinstance(progress, dict):
        return dict(progress)
    return dict(vars(progress))


ORPHAN_EXIT = 75
"""Exit code of a solver process that ended because its parent was gone."""
PARENT_POLL_SECONDS = 0.5
PRELOAD = ("allocation", "allocation.background")
"""What the fork server imports once for every solver process it forks."""


def _alive(pid: int) -> bool:
    """Whether a process of this id still exists (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(parent: int) -> None:
    """End this process as soon as PARENT (the process that asked for the solve) is gone.

    Forked by the fork server, the child's own parent is that server, which ends when PARENT
    does; either way the child is re-parented, or PARENT no longer exists.
    """
    born_of = os.getppid()
    while os.getppid() == born_of and _alive(parent):
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(ORPHAN_EXIT)  # no cleanup to wait for: nobody reads the result any more


def _context() -> mp.context.BaseContext:
    """Fork server with the library preloaded where the platform has one, else spawn."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


@contextmanager
def _bare_main() -> Iterator[None]:
    """Hosts like Streamlit run a script as __main__; a new interpreter would run it again, so
    processes are started with a bare __main__ (the targets live in this importable module)."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def warm_up() -> None:
    """Start the fork server now (it imports the library), so the first solve starts at once."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with _bare_main():
            forkserver.ensure_running()


@dataclasses.dataclass(frozen=True)
class PlanRequest:
    """What the child plans: the scenario and previous plan as JSON, and replan's options."""

    scenario_json: str
    previous_json: str | None
    solver: str
    time_limit: float | None
    deterministic: bool
    lang: Language
    today: date | None


def _result_json(result: Replanned) -> str:
    """A replan result as one JSON text (the plan and the planned scenario as their own JSON)."""
    return json.dumps(
        {
            "plan": result.plan.model_dump_json(),
            "scenario": result.scenario.model_dump_json(),
            "planning_date": result.planning_date.isoformat() if result.planning_date else None,
            "later": result.later,
            "changes": None if result.changes is None else [dataclasses.astuple(c) for c in result.changes],
            "notes": result.notes,
            "notes_in": result.notes_in,
        }
    )


def _result_from_json(text: str) -> Replanned:
    """The replan result the child sent."""
    data = json.loads(text)
    day = data["planning_date"]
    return Replanned(
        plan=Plan.model_validate_json(data["plan"]),
        scenario=Scenario.model_validate_json(data["scenario"]),
        planning_date=date.fromisoformat(day) if day else None,
        later=list(data["later"]),
        changes=None if data["changes"] is None else [Change(*row) for row in data["changes"]],
        notes=list(data["notes"]),
        notes_in={code: list(notes) for code, notes in data["notes_in"].items()},
    )


def _child(request: PlanRequest, out, stop, parent: int) -> None:
    """Process entry point: plan as `allocation solve` does, stream progress, send the result or an error."""
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    try:
        import allocation

        scenario = Scenario.model_validate_json(request.scenario_json)
        previous = Plan.model_validate_json(request.previous_json) if request.previous_json else None
        result = allocation.replan(
            scenario,
            previous,
            today=request.today,
            lang=request.lang,
            solver=request.solver,
            time_limit=request.time_limit,
            deterministic=request.deterministic,
            progress=lambda p: out.put(("progress", _as_dict(p))),
            stop=stop,
        )
        out.put(("done", _result_json(result)))
    except Exception as exc:  # reported to the planner, never raised in the UI
        out.put(("error", f"{type(exc).__name__}: {exc}"))


class BackgroundSolve:
    """One plan in a spawned process; poll() collects progress, stop() asks for the best plan so far.

    PREVIOUS is the plan the planner has now: the re-plan keeps its families in place unless moving
    them serves a term ranked before `changes`, and always those its marks (Plan.statuses) say were
    announced or moved in. TODAY stands in for the planning date when the policy sets none
    (default: the date today), as in allocation.replan.
    """

    def __init__(
        self,
        scenario: Scenario,
        solver: str = "highs",
        time_limit: float | None = None,
        deterministic: bool = False,
        previous: Plan | None = None,
        lang: Language = "en",
        today: date | None = None,
    ):
        self.scenario = scenario
        self.solver = solver
        self.time_limit = time_limit
        self.deterministic = deterministic
        self.previous = previous
        self.lang = lang
        """The language the plan's reasons are written in."""
        self.progress: dict[str, Any] | None = None
        self.result: Replanned | None = None
        """The replan result: plan, scenario as planned (for verify), planning date, LATER, changes."""
        self.plan: Plan | None = None
        self.error: str | None = None
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.stop_requested = False
        ctx = _context()
        self._queue = ctx.Queue()
        self._stop = ctx.Event()
        self._process = ctx.Process(
            target=_child,
            args=(
                PlanRequest(
                    # unset fields stay unset: a dated plan gives a policy without max_vacancy_days its
                    # four-week default, and one that sets it (even to none) its own value
                    scenario.model_dump_json(exclude_unset=True),
                    previous.model_dump_json() if previous is not None else None,
                    solver,
                    time_limit,
                    deterministic,
                    lang,
                    today,
                ),
                self._queue,
                self._stop,
                os.getpid(),
            ),
            daemon=True,
            name="allocation-solve",
        )

    def start(self) -> BackgroundSolve:
        """Launch the child process (with a bare __main__, see _bare_main)."""
        self.started_at = time.monotonic()
        with _bare_main():
            self._process.start()
        return self

    @property
    def elapsed(self) -> float:
        """Seconds since start (frozen once finished)."""
        if self.started_at is None:
            return 0.0
        return (self.finished_at or time.monotonic()) - self.started_at

    @property
    def pid(self) -> int | None:
        """The solver process id (None before start)."""
        return self._process.pid

    @property
    def alive(self) -> bool:
        """Whether the solver process still runs."""
        return self._process.is_alive()

    @property
    def finished(self) -> bool:
        """A plan or an error has arrived."""
        return self.plan is not None or self.error is not None

    def _handle(self, kind: str, payload: Any) -> None:
        """Apply one message from the child."""
        if kind == "progress":
            self.progress = payload
        elif kind == "done":
            self.result = _result_from_json(payload)
            self.plan = self.result.plan
        elif kind == "error":
            self.error = payload
        if kind in ("done", "error"):
            self.finished_at = time.monotonic()

    def poll(self) -> bool:
        """Take every waiting message; True while the solve is still running."""
        if self.finished or self.started_at is None:
            return False
        while True:
            try:
                self._handle(*self._queue.get_nowait())
            except queue_module.Empty:
                break
        if not self.finished and not self._process.is_alive():
            try:  # the last message may still be in the pipe
                self._handle(*self._queue.get(timeout=1.0))
            except queue_module.Empty:
                self.error = f"the solver process ended unexpectedly (exit code {self._process.exitcode})"
                self.finished_at = time.monotonic()
        if self.finished:
            self._process.join(timeout=5)
        return not self.finished

    def stop(self) -> None:
        """Ask the solve to end now with its best plan so far."""
        self.stop_requested = True
        self._stop.set()

    def wait(self, timeout: float | None = None, interval: float = 0.1) -> bool:
        """Block until finished (or timeout seconds); True when finished."""
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll():
            if end is not None and time.monotonic() > end:
                return False
            time.sleep(interval)
        return self.finished

    def kill(self) -> None:
        """End the child at once (used when the app discards a running solve)."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
        if self._process.is_alive():  # a solver deaf to SIGTERM
            self._process.kill()
            self._process.join(timeout=5)
        if not self.finished:
            self.error = "stopped"
            self.finished_at = time.monotonic()
