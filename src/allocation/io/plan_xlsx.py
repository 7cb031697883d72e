"""The plan for planners in their language: a workbook and CSV files with Dutch sheet and column names.

The contract files of `allocation solve` (plan_io) stay English; these are the downloads of the app.
Municipality names stand beside codes; reasons are passed in (explained by the caller, in its language).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from allocation.io.atomic import staged_file
from allocation.io.csv_io import csv_text
from allocation.io.plan_io import STATUS_COLUMN, plan_rows
from allocation.io.xlsx_io import write_workbook
from allocation.labels import SUMMARY_LABELS_NL, Language, column_label, table_label, value_label
from allocation.plan import Plan

Sheets = dict[str, tuple[list[str], list[list[object]]]]

NL_FILE_NAMES = {
    "assignments": "toewijzingen",
    "unassigned": "niet_gehuisvest",
    "municipalities": "gemeenten",
    "summary": "samenvatting",
}


def _summary_value(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def plan_sheets(
    plan: Plan,
    lang: Language = "nl",
    names: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> Sheets:
    """The plan's tables keyed by table name, columns and values in LANG; a municipality name column
    beside each municipality code; REASONS (household -> text) replace the plan's reasons."""
    names = names or {q.code: q.name for q in plan.quota}
    names = {**{q.code: q.name for q in plan.quota}, **names}
    reasons = reasons or {}
    out: Sheets = {}
    for table, (columns, rows) in plan_rows(plan).items():
        columns = list(columns)
        rows = [list(r) for r in rows]
        if table == "unassigned":
            rows = [[*r[:3], reasons.get(str(r[0]), r[3])] for r in rows]
        if table == "assignments":
            at = columns.index("municipality") + 1
            columns.insert(at, "municipality_name")
            for r in rows:
                r.insert(at, names.get(str(r[at - 1]), ""))
            labelled = [columns.index(c) for c in ("kind", STATUS_COLUMN) if c in columns]
            for r in rows:
                for at in labelled:
                    r[at] = value_label(str(r[at]), lang)
        out[table] = ([column_label(c, lang) for c in columns], rows)
    summary = plan.summary()
    out["summary"] = (
        [column_label("key", lang), column_label("value", lang)],
        [
            [
                SUMMARY_LABELS_NL.get(k, k) if lang == "nl" else k,
                value_label(str(v), lang) if k == "status" else _summary_value(v),
            ]
            for k, v in summary.items()
        ],
    )
    return out


def write_plan_workbook(
    plan: Plan,
    path: str | Path,
    lang: Language = "nl",
    names: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> None:
    """plan.xlsx with sheets Toewijzingen, Niet gehuisvest, Gemeenten, Samenvatting (in Dutch)."""
    sheets = {table_label(t, lang): v for t, v in plan_sheets(plan, lang, names, reasons).items()}
    with staged_file(Path(path)) as temp:
        write_workbook(temp, sheets)


def plan_csv_texts(
    plan: Plan,
    lang: Language = "nl",
    names: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The plan's tables as CSV texts by file name (toewijzingen.csv, ... in Dutch)."""
    out = {}
    for table, (columns, rows) in plan_sheets(plan, lang, names, reasons).items():
        stem = NL_FILE_NAMES[table] if lang == "nl" else table
        out[f"{stem}.csv"] = csv_text(columns, [["" if v is None else str(v) for v in r] for r in rows])
    return out
