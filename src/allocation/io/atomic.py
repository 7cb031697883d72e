"""Writes that never leave a half-written file or scenario behind: stage in a temp, then rename."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import sys
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


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange_paths(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV, errno.EBUSY, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (no bytes copied); a copy where links are not possible."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _carry_over(source: Path, staging: Path, skip: set[str]) -> None:
    """Other files of the existing folder go along into the new one."""
    for entry in source.iterdir():
        if entry.name in skip:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, staging / entry.name)


def _holds_cwd(folder: Path) -> bool:
    """Whether the working directory is this folder or inside it (a swap would strand it)."""
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return False
    return cwd == folder or folder in cwd.parents


def _staging_folder(target: Path) -> Path:
    """A new hidden folder next to `target`; inside it when the parent is not writable (e.g. $HOME)."""
    name = f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        (target.parent / name).mkdir()
        return target.parent / name
    except PermissionError:
        if not target.is_dir():
            raise
        (target / name).mkdir()
        return target / name


def write_folder_atomic(
    target: Path, files: dict[str, Callable[[Path], None]], stale: tuple[str, ...] = ()
) -> None:
    """Write every file into a staging folder first; then put it in place in one step.

    A new folder appears in one rename. An existing folder is exchanged with the staging folder
    in one step (its other files carried over, `stale` files dropped), so a reader, or a process
    killed at any moment, sees all old files or all new ones. Where a folder swap is impossible
    (not Linux, a mount point, the working directory, a parent folder without write permission)
    each file is replaced by its own rename.
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a folder")
    staging = _staging_folder(target)
    try:
        for name, write in files.items():
            write(staging / name)
            with (staging / name).open("rb") as f:
                os.fsync(f.fileno())
        if not target.exists():
            os.rename(staging, target)
            return
        swappable = staging.parent == target.parent and not _holds_cwd(target)
        if swappable:
            shutil.copymode(target, staging)
            _carry_over(target, staging, set(files) | set(stale))
            if exchange_paths(staging, target):
                return  # the old folder is now at `staging` and goes in `finally`
        for name in files:
            os.replace(staging / name, target / name)
        for name in stale:
            if name not in files:
                (target / name).unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
