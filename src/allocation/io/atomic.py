"""Writes that never leave a half-written file behind, and never touch what else a folder holds.

A file is staged under a hidden name beside its target and renamed over it, so a reader finds
the old file or the new one. A folder of files (a plan, a scenario, a forecast) is written into
the folder itself: every file staged first, then each renamed over its old one; the folder, its
other files and subfolders, its owner and any filesystem mounted in or at it stay as they are.
Where the set must be read as one (a plan), a manifest written last says it is complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

_STAGED = re.compile(r"\.(?P<name>.+)\.[0-9a-z_]{8}\.tmp")
"""Hidden staging names: `.NAME.xxxxxxxx.tmp` (this module's and tempfile's)."""


def _staging_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"


def _sync_folder(folder: Path) -> None:
    """Make renames in a folder durable (best effort where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _keep_mode(old: Path, new: Path) -> None:
    """A replaced file keeps its permissions (e.g. readable by the planners' group)."""
    with contextlib.suppress(OSError):
        shutil.copymode(old, new)


@contextlib.contextmanager
def staged_file(target: Path) -> Iterator[Path]:
    """A hidden temp path next to `target`; renamed over it only when the block finishes without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _staging_name(target)
    try:
        yield temp
        if target.exists():
            _keep_mode(target, temp)
        os.replace(temp, target)
        _sync_folder(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Replace `target` with this UTF-8 text in one rename."""
    with staged_file(target) as temp, temp.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def sha256_of(path: Path) -> str:
    """Hex digest of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def remove_leftovers(folder: Path, names: set[str]) -> list[str]:
    """Staging files of these names left by a write that was killed; returns what was removed.

    Also removes whole staging folders an earlier version of this module put inside or beside
    the folder (`.DIR.xxxxxxxx.tmp`); nothing else of the folder or its parent is touched.
    """
    removed: list[str] = []
    legacy = re.compile(rf"\.{re.escape(folder.name)}\.[0-9a-f]{{8}}\.tmp")
    places = [(folder, True)] + ([(folder.parent, False)] if folder.name else [])
    for place, inside in places:
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            match = _STAGED.fullmatch(entry.name)
            if match is None:
                continue
            if inside and match["name"] in names and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(entry.name)
            elif legacy.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
    return removed


class Manifest(NamedTuple):
    """What a manifest says: whether the set was completely written, and each file's sha256."""

    complete: bool
    files: dict[str, str]


def _manifest_text(complete: bool, digests: dict[str, str]) -> str:
    return json.dumps({"complete": complete, "files": digests}, indent=2) + "\n"


def read_manifest(path: Path) -> Manifest | None:
    """A folder's manifest, or None when there is none (or it is not one of ours)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return Manifest(data.get("complete") is True, {str(k): str(v) for k, v in data["files"].items()})


def write_folder_atomic(
    target: Path,
    files: dict[str, Callable[[Path], None]],
    stale: tuple[str, ...] = (),
    manifest: str | None = None,
) -> None:
    """Write every file into `target` (created if missing) in place of its old one.

    All files are staged inside the folder under hidden names first (a failure or a kill up to
    then leaves every old file as it was; leftovers of a kill are removed by the next write),
    then each is renamed over its old file and `stale` files are removed. With `manifest`, that
    file (sha256 of each file) is first replaced by one marked incomplete and, once every file
    is in place, by one marked complete: a reader trusts the set only when it says complete and
    the digests match. Staging inside the folder keeps every rename on one filesystem, so the
    folder may be a mount point; the folder itself is never replaced, moved or re-created.
    """
    target = Path(target)
    if str(target) == "":
        raise ValueError("the output folder name is empty")
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a folder")
    target.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target, set(files) | set(stale) | ({manifest} if manifest else set()))
    staged: dict[str, Path] = {}
    try:
        for name, write in files.items():
            temp = _staging_name(target / name)
            staged[name] = temp
            write(temp)
            _sync_file(temp)
            if (target / name).exists():
                _keep_mode(target / name, temp)
        digests = {name: sha256_of(temp) for name, temp in staged.items()} if manifest else {}
        if manifest:
            write_text_atomic(target / manifest, _manifest_text(False, digests))
        for name, temp in staged.items():
            os.replace(temp, target / name)
        for name in stale:
            if name not in files:
                (target / name).unlink(missing_ok=True)
        _sync_folder(target)
        if manifest:
            write_text_atomic(target / manifest, _manifest_text(True, digests))
    finally:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
