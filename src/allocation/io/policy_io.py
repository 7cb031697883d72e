"""Policy overrides from policy.toml or a `policy` sheet, and back; unknown keys are problems."""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from allocation.errors import Problem, ScenarioError
from allocation.io.limits import file_size_problems
from allocation.io.parse import CellError, is_empty, parse_bool, parse_int, parse_number, parse_text, shown
from allocation.io.tables import POLICY_FILE, POLICY_SHEET
from allocation.policy import Policy


def _choices(annotation: object) -> tuple[str, ...]:
    return tuple(str(a) for a in typing.get_args(annotation))


def _convert(key: str, value: object) -> object:
    """A policy value typed after its Policy field, from TOML values or sheet text alike."""
    annotation = Policy.model_fields[key].annotation
    given = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(given) == 1 and len(typing.get_args(annotation)) == 2:
        annotation = given[0]  # an optional setting (None: no limit) is typed after its value
    if annotation is bool:
        return parse_bool(value)
    if annotation is int:
        return parse_int(value)
    if annotation is float:
        return parse_number(value)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        text = parse_text(value)
        choices = _choices(annotation)
        if text is None or text.lower() not in choices:
            raise CellError(f"'{shown(value)}' is not allowed; use one of: {', '.join(choices)}")
        return text.lower()
    if origin is list:
        items = value if isinstance(value, list | tuple) else str(value).split(",")
        words = [(parse_text(i) or "").lower() for i in items]
        words = [w for w in words if w]
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) is typing.Literal:
            allowed = _choices(inner)
            wrong = [w for w in words if w not in allowed]
            if wrong:
                raise CellError(f"'{', '.join(wrong)}' is not allowed; use any of: {', '.join(allowed)}")
        return words
    return value


def _pydantic_message(err: Mapping[str, typing.Any]) -> str:
    """Pydantic's error in planner words."""
    ctx = err.get("ctx") or {}
    kind = err.get("type")
    if kind == "greater_than_equal":
        return f"{shown(err.get('input'))} is too small; use {shown(ctx['ge'])} or more"
    if kind == "less_than_equal":
        return f"{shown(err.get('input'))} is too large; use {shown(ctx['le'])} or less"
    if kind == "greater_than":
        return f"{shown(err.get('input'))} is too small; use more than {shown(ctx['gt'])}"
    message = str(err.get("msg", "is not allowed"))
    return message.removeprefix("Value error, ")


def _unknown_setting(key: str, known: list[str]) -> str:
    """A misspelt setting names the nearest known one; docs/FORMAT.md lists them all."""
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"unknown setting; {hint}every setting is listed in docs/FORMAT.md (Policy keys)"


def policy_from_mapping(
    mapping: Mapping[str, object], file: str = POLICY_FILE, rows: Mapping[str, int] | None = None
) -> Policy:
    """Policy() with the given keys overridden; every unknown key or bad value is a located problem.

    With `rows` (a policy sheet) problems name the sheet row and the key/value column; without
    (policy.toml) they name the key at row 0.
    """
    problems: list[Problem] = []
    values: dict[str, object] = {}
    known = list(Policy.model_fields)

    def locate(key: str, column: str, message: str) -> Problem:
        if rows is None:
            return Problem(file, 0, key, message)
        return Problem(file, rows.get(key, 0), column, f"setting {key}: {message}")

    for key, value in mapping.items():
        if key not in Policy.model_fields:
            problems.append(locate(key, "key", _unknown_setting(key, known)))
            continue
        if is_empty(value):
            continue
        try:
            converted = _convert(key, value)
            Policy(**{key: converted})
        except CellError as err:
            problems.append(locate(key, "value", str(err)))
        except ValidationError as err:
            problems += [locate(key, "value", _pydantic_message(e)) for e in err.errors()]
        else:
            values[key] = converted
    if not problems:
        return Policy(**values)
    problems.sort(key=lambda p: p.row)
    raise ScenarioError(problems)


def policy_file_problems(path: Path) -> list[Problem] | None:
    """Why a policy.toml that is there cannot be read (None: there is none; []: a readable file).

    A link to nothing, a folder, a pipe or a device is reported, never silently skipped (and a
    pipe is never opened, so nothing blocks).
    """
    try:
        link = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as err:
        return [Problem(POLICY_FILE, 0, "-", f"the file cannot be read: {err.strerror or err}")]
    try:
        info = path.stat()
    except OSError:
        target = os.readlink(path) if stat.S_ISLNK(link.st_mode) else "?"
        return [
            Problem(
                POLICY_FILE,
                0,
                "-",
                f"the file is a link to {target}, which does not exist; the policy is not applied:"
                " copy the policy file itself into the folder",
            )
        ]
    if stat.S_ISDIR(info.st_mode):
        return [
            Problem(
                POLICY_FILE,
                0,
                "-",
                "is a folder, not a file; the policy is not applied: put the settings in a file",
            )
        ]
    if not stat.S_ISREG(info.st_mode):
        return [
            Problem(
                POLICY_FILE,
                0,
                "-",
                "is not a normal file (a pipe, socket or device); the policy is not applied:"
                " save the settings as a file",
            )
        ]
    return []


def read_policy_toml(path: Path) -> tuple[Policy, list[Problem]]:
    """policy.toml of a scenario folder; Policy() when there is none."""
    unusable = policy_file_problems(path)
    if unusable is None:
        return Policy(), []
    if unusable:
        return Policy(), unusable
    too_large = file_size_problems(path, POLICY_FILE)
    if too_large:
        return Policy(), too_large
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return Policy(), [Problem(POLICY_FILE, 0, "-", "the file is not UTF-8 text; save it as UTF-8")]
    except OSError as err:
        return Policy(), [Problem(POLICY_FILE, 0, "-", f"the file cannot be read: {err.strerror or err}")]
    try:
        mapping = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return Policy(), [
            Problem(POLICY_FILE, 0, "-", f"not valid TOML ({err}); write one setting per line: key = value")
        ]
    except RecursionError:
        return Policy(), [
            Problem(
                POLICY_FILE,
                0,
                "-",
                "not valid TOML (nested too deeply); write one setting per line: key = value",
            )
        ]
    try:
        return policy_from_mapping(mapping, POLICY_FILE), []
    except ScenarioError as err:
        return Policy(), err.problems


def read_policy_rows(rows: list[list[object]]) -> tuple[Policy, list[Problem]]:
    """A `policy` sheet: header key,value then one setting per row (values as text or cells)."""
    if not rows:
        return Policy(), []
    header = [(parse_text(c) or "").lower() for c in rows[0]]
    missing = [c for c in ("key", "value") if c not in header]
    if missing:
        return Policy(), [
            Problem(POLICY_SHEET, 0, c, "required column is missing; the header needs: key, value")
            for c in missing
        ]
    k, v = header.index("key"), header.index("value")
    mapping: dict[str, object] = {}
    at: dict[str, int] = {}
    problems: list[Problem] = []
    for row_no, cells in enumerate(rows[1:], start=1):
        key_cell = cells[k] if k < len(cells) else None
        value = cells[v] if v < len(cells) else None
        try:
            key = (parse_text(key_cell) or "").lower()
        except CellError as err:
            problems.append(Problem(POLICY_SHEET, row_no, "key", str(err)))
            continue
        if not key:
            if not is_empty(value):
                problems.append(Problem(POLICY_SHEET, row_no, "key", "a value without a setting name"))
            continue
        if key in at:
            problems.append(
                Problem(POLICY_SHEET, row_no, "key", f"duplicate setting {key} (first at row {at[key]})")
            )
            continue
        mapping[key], at[key] = value, row_no
    try:
        policy = policy_from_mapping(mapping, POLICY_SHEET, rows=at)
    except ScenarioError as err:
        return Policy(), sorted(problems + err.problems, key=lambda p: p.row)
    return policy, problems


def policy_overrides(policy: Policy) -> dict[str, object]:
    """Only the settings that differ from Policy() defaults, in field order."""
    default = Policy()
    return {
        name: getattr(policy, name)
        for name in Policy.model_fields
        if getattr(policy, name) != getattr(default, name)
    }


def policy_value_text(value: object) -> str:
    """A policy value as sheet text: lists comma-joined, booleans true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def policy_toml_text(policy: Policy) -> str:
    """policy.toml text holding the overridden settings (empty when all are defaults)."""
    import tomli_w

    return tomli_w.dumps(policy_overrides(policy))
