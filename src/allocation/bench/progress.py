"""A plain-text progress bar on stderr: no extra dependency, readable in a log file too."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """`[#####.....] 12/40  30% national-25000 highs/default 3.2s`; redrawn in place on a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30):
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.started = time.perf_counter()
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line = ""

    def _line(self, label: str) -> str:
        filled = round(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        pct = 100 * self.done / self.total
        elapsed = time.perf_counter() - self.started
        return f"[{bar}] {self.done}/{self.total} {pct:3.0f}% {elapsed:7.1f}s  {label}"

    def show(self, label: str) -> None:
        """Redraw the bar with what is running now (only on a terminal, to keep logs short)."""
        if self.live:
            line = self._line(label)
            pad = max(0, len(self._last_line) - len(line))
            self.stream.write("\r" + line + " " * pad)
            self.stream.flush()
            self._last_line = line

    def advance(self, label: str) -> None:
        """One step finished; on a terminal redraw in place, in a log write one line per step."""
        self.done += 1
        if self.live:
            self.show(label)
        else:
            self.stream.write(self._line(label) + "\n")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.live:
            self.stream.write("\n")
            self.stream.flush()
