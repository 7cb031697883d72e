"""What C libraries print on the process's standard output, kept off the command's own output.

HiGHS (inside OR-Tools) prints a debug line with printf during some MIP solves
("HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();"). It bypasses Python's
sys.stdout, so `allocation solve --json` would print it into the JSON a script reads; a replay
printed it dozens of times.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stdout_to(target: str) -> Iterator[None]:
    """File descriptor 1 points at `target` ("stderr" or "devnull") for the duration, then back.

    Process-wide, so Python's own prints in between go there too: use it around work that prints
    nothing of its own to stdout (solving; a replay task).
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all (closed by the caller): nothing to keep clean
        yield
        return
    sink = os.open(os.devnull, os.O_WRONLY) if target == "devnull" else None
    os.dup2(sink if sink is not None else 2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        if sink is not None:
            os.close(sink)
