"""Writes that never leave a half-written file or scenario behind: stage in a temp, then rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def staged_file(target: Path) -> Iterator[Path]:
    """A temp path next to `target`; renamed over it only when the block finishes without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Replace `target` with this UTF-8 text in one rename."""
    with staged_file(target) as temp, temp.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def write_folder_atomic(
    target: Path, files: dict[str, Callable[[Path], None]], stale: tuple[str, ...] = ()
) -> None:
    """Write every file into a staging folder first; then move it into place.

    A new folder appears in one rename. An existing folder keeps its other files; each scenario
    file is replaced by rename only after all of them were written, and `stale` files are removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for name, write in files.items():
            write(staging / name)
        if not target.exists():
            os.replace(staging, target)
            return
        if not target.is_dir():
            raise NotADirectoryError(f"{target} exists and is not a folder")
        for name in files:
            os.replace(staging / name, target / name)
        for name in stale:
            if name not in files:
                (target / name).unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
