"""Uploaded files put where load_scenario reads them: the same rules as a folder on disk.

Names are kept as uploaded (only the folder part a browser may send is dropped): a Policy.toml
or Persons.csv gets the message the command line gives, instead of being applied by the app
and ignored by the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def upload_name(name: str) -> str:
    """The file name without any folder part ('C:\\\\data\\\\Persons.csv' is 'Persons.csv')."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    return base if base not in ("", ".", "..") else "upload"


def stage_upload(files: Sequence[tuple[str, bytes]], folder: Path) -> Path:
    """Write uploaded (name, bytes) into `folder`; returns what to give load_scenario.

    One workbook: its path. Otherwise the folder, holding every file by its own name.
    """
    names = [upload_name(n) for n, _ in files]
    if len(files) == 1 and names[0].lower().endswith(WORKBOOK_SUFFIXES):
        path = folder / names[0]
        path.write_bytes(files[0][1])
        return path
    for name, (_, data) in zip(names, files, strict=True):
        (folder / name).write_bytes(data)
    return folder
