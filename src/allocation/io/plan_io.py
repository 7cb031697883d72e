"""Plan files of `allocation solve`: the four contract files, an xlsx report, and reading them back."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from allocation.errors import Problem, ScenarioError
from allocation.io.atomic import read_manifest, staged_file, write_folder_atomic
from allocation.io.csv_io import csv_text, restore_cell
from allocation.io.xlsx_io import write_workbook
from allocation.plan import (
    MARKS,
    PHASE_FIELDS,
    Assignment,
    Mark,
    Plan,
    QuotaLine,
    ScoreParts,
    SolveStats,
    Unassigned,
)
from allocation.policy import Policy

if TYPE_CHECKING:
    import pandas as pd

ASSIGNMENT_COLUMNS = ["household", "dwelling", "municipality", "kind", "persons", "person_ids"]
SCORE_COLUMNS = [f"score_{name}" for name in ScoreParts.model_fields]
UNASSIGNED_COLUMNS = ["household", "persons", "reason_code", "reason"]
QUOTA_COLUMNS = ["code", "name", "quota", "housed_before", "newly_counted", "shortfall"]
QUOTA_EXTRA_COLUMNS = ["counted_next_period"]
"""Appended after the contract's columns (v2, Q10: persons in homes free after quota_period_end)."""
PLAN_FILES = ("assignments.csv", "unassigned.csv", "municipalities.csv", "summary.json")
MANIFEST = "manifest.json"
"""Written last into a plan folder: the plan files with their sha256, and whether the set is complete."""
PERSON_ID_SEPARATOR = ";"
STATUS_COLUMN = "status"
"""Appended to assignments.csv when the plan holds the planner's marks (Plan.statuses): planned,
announced or moved_in, the column `solve --previous` reads."""
PLANNED = "planned"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def plan_rows(plan: Plan) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Assignments, unassigned and municipalities as (columns, rows); score columns when scored, and
    the status column when the plan holds marks."""
    statuses = plan.statuses
    scored = any(a.score is not None for a in plan.assignments)
    columns = ASSIGNMENT_COLUMNS + (SCORE_COLUMNS if scored else []) + ([STATUS_COLUMN] if statuses else [])
    assignments = []
    for a in plan.assignments:
        row: list[object] = [a.household, a.dwelling, a.municipality, a.kind, a.persons]
        row.append(PERSON_ID_SEPARATOR.join(a.person_ids))
        if scored:
            row += list(a.score.model_dump().values()) if a.score else [None] * len(SCORE_COLUMNS)
        if statuses:
            row.append(statuses.get(a.household, PLANNED))
        assignments.append(row)
    unassigned = [[u.household, u.persons, u.reason_code, u.reason] for u in plan.unassigned]
    quota = [[getattr(q, c) for c in QUOTA_COLUMNS + QUOTA_EXTRA_COLUMNS] for q in plan.quota]
    return {
        "assignments": (columns, assignments),
        "unassigned": (UNASSIGNED_COLUMNS, unassigned),
        "municipalities": (QUOTA_COLUMNS + QUOTA_EXTRA_COLUMNS, quota),
    }


def write_plan(
    plan: Plan,
    out_dir: str | Path,
    *,
    summary_extra: Mapping[str, object] | None = None,
    extra_files: Mapping[str, str] | None = None,
    stale: tuple[str, ...] = (),
    timed: bool = False,
) -> list[Path]:
    """The four files of docs/FORMAT.md into out_dir, then manifest.json; returns their paths.

    `timed` (the CLI's solve) reports in summary.json how long writing the other files took;
    otherwise the plan's own `write_seconds` is written, so the same plan gives the same bytes.

    Only the plan files are replaced; the folder and whatever else it holds stay. Until the
    manifest says complete, read_plan refuses the folder (see write_folder_atomic). A re-plan adds
    summary keys and files (changes.csv) written in the same step; `stale` files are removed.
    """
    if str(out_dir) == "":
        raise ValueError("the output folder name is empty; name a folder for the plan")
    out = Path(out_dir)
    started = time.perf_counter()
    texts = {
        f"{name}.csv": csv_text(columns, [[_text(v) for v in r] for r in rows])
        for name, (columns, rows) in plan_rows(plan).items()
    }
    files: dict[str, Callable[[Path], None]] = {
        name: partial(_write_text, text=text) for name, text in texts.items()
    }

    def write_summary(path: Path) -> None:
        """summary.json, rendered once the other plan files are written so it can say how long that took."""
        shown = plan
        if timed:
            stats = plan.stats.model_copy(update={"write_seconds": time.perf_counter() - started})
            shown = plan.model_copy(update={"stats": stats})
        summary = shown.summary() | dict(summary_extra or {})
        _write_text(path, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")

    files["summary.json"] = write_summary
    files |= {name: partial(_write_text, text=text) for name, text in (extra_files or {}).items()}
    write_folder_atomic(out, files, stale=stale, manifest=MANIFEST)
    return [out / name for name in PLAN_FILES]


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def plan_to_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The plan as DataFrames (assignments, unassigned, municipalities, summary as key/value)."""
    import pandas as pd

    frames = {name: pd.DataFrame(rows, columns=columns) for name, (columns, rows) in plan_rows(plan).items()}
    frames["summary"] = pd.DataFrame(
        [[k, _summary_text(v)] for k, v in plan.summary().items()], columns=["key", "value"]
    )
    return frames


def _summary_text(value: object) -> object:
    return json.dumps(value) if isinstance(value, dict | list) else value


def write_plan_xlsx(plan: Plan, path: str | Path) -> None:
    """One workbook for planners: sheets assignments, unassigned, municipalities, summary."""
    sheets: dict[str, tuple[list[str], list[list[object]]]] = dict(plan_rows(plan))
    sheets["summary"] = (["key", "value"], [[k, _summary_text(v)] for k, v in plan.summary().items()])
    with staged_file(Path(path)) as temp:
        write_workbook(temp, sheets)


def _read_csv(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ScenarioError([Problem(path.name, 0, "-", "file is missing from the plan folder")])
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ScenarioError([Problem(path.name, 0, c, "required column is missing") for c in missing])
    return [
        (i, {k: restore_cell(v) if isinstance(v, str) else v for k, v in row.items()})
        for i, row in enumerate(reader, start=1)
    ]


def manifest_problems(out: Path) -> list[Problem]:
    """Why the plan files in `out` are not one complete set: a write of them was interrupted.

    A folder without a manifest (an older plan) is read as it is; files edited after the plan
    was written are read too (their sha256 in the manifest lets a tool tell).
    """
    manifest = read_manifest(out / MANIFEST)
    if manifest is None or manifest.complete:
        return []
    return [
        Problem(
            MANIFEST,
            0,
            "-",
            "the plan in this folder is incomplete: writing it was interrupted; solve again",
        )
    ]


def _optional(value: str | None, kind: type) -> object:
    if value is None or value == "":
        return None
    if kind is bool:
        return value.strip().lower() in ("true", "1", "yes")
    return kind(value)


def read_plan(out_dir: str | Path) -> Plan:
    """A plan written by write_plan; lossless for every contract column and summary field."""
    out = Path(out_dir)
    problems = manifest_problems(out)
    if problems:
        raise ScenarioError(problems)
    assignments, unassigned, quota = [], [], []
    statuses: dict[str, Mark] = {}
    try:
        for row_no, r in _read_csv(out / "assignments.csv", ASSIGNMENT_COLUMNS):
            score = None
            if any(r.get(c) for c in SCORE_COLUMNS):
                fields = {
                    n: _optional(r.get(f"score_{n}"), bool if isinstance(d.default, bool) else int)
                    for n, d in ScoreParts.model_fields.items()
                }
                score = ScoreParts(**{k: v for k, v in fields.items() if v is not None})
            ids = r["person_ids"].split(PERSON_ID_SEPARATOR) if r["person_ids"] else []
            if r.get(STATUS_COLUMN) in MARKS and r[STATUS_COLUMN] != PLANNED:
                statuses[r["household"]] = r[STATUS_COLUMN]
            try:
                assignments.append(
                    Assignment(
                        household=r["household"],
                        dwelling=r["dwelling"],
                        municipality=r["municipality"],
                        kind=r["kind"],
                        persons=int(r["persons"]),
                        person_ids=ids,
                        score=score,
                    )
                )
            except (ValidationError, ValueError) as err:
                problems.append(Problem("assignments.csv", row_no, "-", f"unreadable row: {err}"))
        for row_no, r in _read_csv(out / "unassigned.csv", UNASSIGNED_COLUMNS):
            try:
                unassigned.append(Unassigned(**{c: r[c] for c in UNASSIGNED_COLUMNS}))
            except ValidationError as err:
                problems.append(Problem("unassigned.csv", row_no, "-", f"unreadable row: {err}"))
        for row_no, r in _read_csv(out / "municipalities.csv", QUOTA_COLUMNS):
            try:
                extra = {c: r[c] for c in QUOTA_EXTRA_COLUMNS if r.get(c)}
                quota.append(QuotaLine(**{c: r[c] for c in QUOTA_COLUMNS}, **extra))
            except ValidationError as err:
                problems.append(Problem("municipalities.csv", row_no, "-", f"unreadable row: {err}"))
        summary_path = out / "summary.json"
        if not summary_path.is_file():
            raise ScenarioError([Problem("summary.json", 0, "-", "file is missing from the plan folder")])
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ScenarioError([Problem(str(out), 0, "-", f"the plan cannot be read: {err}")]) from None
    if problems:
        raise ScenarioError(problems)
    stats = SolveStats(**{k: summary[k] for k in SolveStats.model_fields if k in summary})
    phases = summary.get("phase_seconds")
    for phase, name in PHASE_FIELDS.items() if isinstance(phases, dict) else ():
        if isinstance(phases.get(phase), int | float):
            setattr(stats, name, float(phases[phase]))
    try:
        policy = Policy.model_validate(summary["policy"]) if "policy" in summary else None
    except ValidationError as err:
        raise ScenarioError([Problem("summary.json", 0, "policy", f"unreadable rules: {err}")]) from None
    return Plan(
        assignments=assignments,
        unassigned=unassigned,
        quota=quota,
        stats=stats,
        policy=policy,
        statuses=statuses,
    )


__all__ = ["MANIFEST", "PLAN_FILES", "plan_to_tables", "read_plan", "write_plan", "write_plan_xlsx"]
