"""A phase's independent parts on the machine's other cores, in forked copies of this process.

Explaining and verifying a national plan are pure Python loops over households that share
nothing but what they read; on two cores the second one idles while they run. A forked copy
reads the scenario and the plan where they are (copy on write) and sends back only its part of
the answer, as rows of plain values in JSON (nothing that could run code when read). Forking is
safe only from a process with no other Python thread (the command line, a test); anywhere else
(the app's server, a Dask worker) the parts run one after the other. `ALLOCATION_PROCESSES=1`
keeps every phase in one process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

T = TypeVar("T")
Row = tuple[str | int | float | bool | None, ...]
"""What a part sends back per item: plain values, as JSON carries them."""

MIN_PART = 2000
"""Items per part below which forking costs more than the second core saves (about 20 ms)."""


class _Child(NamedTuple):
    """A forked copy working on one part, and the pipe its answer comes back through."""

    pid: int
    answer: int


def usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parts_for(count: int, min_part: int | None = None) -> int:
    """Into how many parts work on `count` items is cut here: one unless forking is safe and pays.

    `min_part`: items per part below which it does not pay (default MIN_PART).
    """
    if not hasattr(os, "fork") or os.environ.get("ALLOCATION_PROCESSES") == "1":
        return 1
    if not _only_thread():
        return 1
    return max(1, min(usable_cores(), count // (min_part or MIN_PART)))


def _only_thread() -> bool:
    """No other Python thread runs: none holds a lock that a forked copy would find taken."""
    return threading.active_count() == 1


def map_parts(work: Callable[[Sequence[T]], list[Row]], items: Sequence[T], parts: int) -> list[Row]:
    """`work(items)`, with the items cut in `parts` runs worked on at the same time; the same rows.

    `work` must only read what it is given and the objects it reaches, and return rows of plain
    values (a part worked on elsewhere comes back as plain tuples, not as a subclass). A part
    whose copy fails (killed, out of memory) is worked on again here, so the answer never
    depends on a copy's fate; an error in `work` itself is raised here as in one call.
    """
    parts = min(parts, len(items))
    if parts <= 1:
        return work(items)
    cuts = [len(items) * i // parts for i in range(parts + 1)]
    chunks = [items[cuts[i] : cuts[i + 1]] for i in range(parts)]
    children = [_start(work, chunk) for chunk in chunks[1:]]
    try:
        out = work(chunks[0])
    except BaseException:  # interrupted or failed here: the copies are not left behind
        for child in children:
            if child is not None:
                _stop(child)
        raise
    for child, chunk in zip(children, chunks[1:], strict=True):
        answer = _collect(child) if child is not None else None
        out.extend(work(chunk) if answer is None else answer)
    return out


def _start(work: Callable[[Sequence[T]], list[Row]], chunk: Sequence[T]) -> _Child | None:
    """Fork a copy that works on `chunk` and writes its rows to a pipe as JSON, then exits."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the copy: no handlers, no exit hooks, no buffers of the parent's flushed
        status = 1
        try:
            os.close(read)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            data = json.dumps(work(chunk), ensure_ascii=False, allow_nan=False).encode()
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return _Child(pid, read)


def _collect(child: _Child) -> list[Row] | None:
    """The copy's rows, or None when it did not end well."""
    with os.fdopen(child.answer, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not data:
        return None
    return [tuple(row) for row in json.loads(data)]


def _stop(child: _Child) -> None:
    """End a copy whose answer is no longer wanted, and reap it."""
    os.close(child.answer)
    with contextlib.suppress(ProcessLookupError):  # it may have ended already
        os.kill(child.pid, signal.SIGKILL)
    os.waitpid(child.pid, 0)
