"""The data editors of Gegevens: typed columns, Dutch labels, pick lists, problems marked on their rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from allocation.app.texts import text
from allocation.errors import Problem
from allocation.io.parse import CellError, parse_bool, parse_date, parse_int, parse_number
from allocation.io.problem_texts import shown_problem
from allocation.io.tables import TABLES, Column
from allocation.labels import column_label, value_label

PROBLEM_COLUMN = "⚠"
EDITOR_HEIGHT = 560
"""Tall enough to work in: about fifteen rows."""


def _all(values: list[str], parse: Callable[[object], object]) -> list[object] | None:
    """Every value parsed (None when empty); None when one does not parse (then it stays text)."""
    out: list[object] = []
    for value in values:
        if value == "":
            out.append(None)
            continue
        try:
            out.append(parse(value))
        except CellError:
            return None
    return out


def _typed(column: Column, values: list[str]) -> tuple[object, bool]:
    """The column's values in their editor type, and whether that worked (else text is shown)."""
    typed, ok = _typed_values(column, values)
    return (typed, True) if ok else (pd.array(values, dtype=object), False)


def _typed_values(column: Column, values: list[str]) -> tuple[object, bool]:
    """The typed values, or (values, False) when one of them does not parse."""
    if column.kind == "bool":
        parsed = _all(values, parse_bool)
        return (pd.array(parsed, dtype="boolean"), True) if parsed is not None else (values, False)
    if column.kind == "int":
        parsed = _all(values, parse_int)
        return (pd.array(parsed, dtype="Int64"), True) if parsed is not None else (values, False)
    if column.kind == "number":
        parsed = _all(values, parse_number)
        return (pd.array(parsed, dtype="Float64"), True) if parsed is not None else (values, False)
    if column.kind == "date":
        parsed = _all(values, parse_date)
        return (pd.array(parsed, dtype=object), True) if parsed is not None else (values, False)
    return pd.array(values, dtype=object), True


def _options(column: Column, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Pick-list values of an enum or reference column."""
    if column.kind == "enum":
        return list(column.choices)
    ids = tables[column.refers_to].iloc[:, 0] if column.refers_to in tables else []
    return [i for i in dict.fromkeys(ids) if i]


def _config(
    table: str, column: Column, typed: bool, options: list[str], names: dict[str, str], lang: str
) -> object:
    """The st.column_config of one column; its tooltip says what to fill in, and the file's column."""
    label = column_label(column.name, lang)
    required = (" · verplicht" if lang == "nl" else " · required") if column.required else ""
    help_text = f"{text(f'column_help_{table}_{column.name}', lang)} ({column.name}{required})"
    if not typed:
        return st.column_config.TextColumn(label, help=help_text)
    if column.kind == "bool":
        return st.column_config.CheckboxColumn(label, help=help_text)
    if column.kind == "int":
        return st.column_config.NumberColumn(
            label, help=help_text, step=1, format="%d", min_value=column.minimum, max_value=column.maximum
        )
    if column.kind == "number":
        return st.column_config.NumberColumn(label, help=help_text, format="%.2f", min_value=column.minimum)
    if column.kind == "date":
        return st.column_config.DateColumn(
            label, help=help_text, format="DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD"
        )
    if column.kind == "enum":
        return st.column_config.SelectboxColumn(
            label, help=help_text, options=options, format_func=lambda v: value_label(v, lang)
        )
    if column.kind == "ref" and column.refers_to == "municipalities":
        return st.column_config.SelectboxColumn(
            label,
            help=help_text,
            options=options,
            format_func=lambda c: f"{names.get(c, c)} ({c})",
            width="medium",
        )
    if column.kind == "ref":
        return st.column_config.SelectboxColumn(label, help=help_text, options=options)
    return st.column_config.TextColumn(label, help=help_text, required=column.required)


def problem_marks(problems: list[Problem], rows: int, lang: str) -> list[str]:
    """Per editor row the problems of that row ('column: message'), '' for a row without any."""
    marks: list[list[str]] = [[] for _ in range(rows)]
    for problem in problems:
        if 1 <= problem.row <= rows:
            shown = shown_problem(problem, lang)
            marks[problem.row - 1].append(f"{shown.column}: {shown.message}")
    return ["⚠ " + " · ".join(m) if m else "" for m in marks]


def editor_frame(
    name: str, tables: dict[str, pd.DataFrame], problems: list[Problem], lang: str
) -> tuple[pd.DataFrame, dict[str, object]]:
    """The table as the editor shows it (typed where every value parses) and its column configs."""
    table = TABLES[name]
    text = tables[name]
    names = dict(zip(tables["municipalities"]["code"], tables["municipalities"]["name"], strict=False))
    frame = pd.DataFrame(index=text.index)
    config: dict[str, object] = {}
    rows = len(text)
    if problems:
        frame[PROBLEM_COLUMN] = problem_marks(problems, rows, lang)
        config[PROBLEM_COLUMN] = st.column_config.TextColumn(
            "⚠ " + ("probleem" if lang == "nl" else "problem"), disabled=True, width="large"
        )
    for column in table.columns:
        values = [str(v) for v in text[column.name]] if column.name in text else [""] * rows
        typed_values, typed = _typed(column, values)
        options = _options(column, tables) if column.kind in ("enum", "ref") else []
        if column.kind in ("enum", "ref") and any(v and v not in options for v in values):
            typed = False  # a value outside the list stays visible as typed, to be corrected
        frame[column.name] = typed_values
        config[column.name] = _config(name, column, typed, options, names, lang)
    return frame, config


def editor_output(name: str, edited: pd.DataFrame) -> pd.DataFrame:
    """The editor's frame without the problem marks (the caller turns it into text)."""
    return edited.drop(columns=[PROBLEM_COLUMN], errors="ignore")


def as_date(value: object) -> date | None:
    """A cell as a date (for pickers); None when empty or not a date."""
    try:
        return parse_date(value)
    except CellError:
        return None
