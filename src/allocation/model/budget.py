"""A component's solving time: its share of the run, and when a solve may have the rest of it.

Components share the workers; each gets a share of the time so that a hard one cannot starve
those still waiting (optimize._Components sets the share). A solve's limit is fixed when it
starts (HiGHS under MathOpt cannot be interrupted), so a hard stage that needs more than its
share would end unproven while the run as a whole has time to spare. Once no component waits
for a worker, holding one delays nobody: the rest of the run is the component's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """When a component's time is up (time.perf_counter() values)."""

    share_end: Callable[[], float]
    """The end of its share, asked before each solve: it may move on as other components finish."""
    run_end: float
    """When the whole run must end, whatever the shares."""
    none_waiting: Callable[[], bool] | None = None
    """No other component waits for a worker; None: the share is the limit (deterministic runs,
    whose shares are fixed in advance)."""

    def end(self) -> float:
        """Until when the component may go on, asked now."""
        return self.run_end if self.freed() else min(self.share_end(), self.run_end)

    def freed(self) -> bool:
        """No other component waits for a worker now: the rest of the run is this one's."""
        return self.none_waiting is not None and self.none_waiting()
