"""`allocation forecast` output: the planning views as CSV files and the deadlines as calendar.ics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from allocation.forecast.ics import calendar_text
from allocation.forecast.views import (
    ARRIVAL_COLUMNS,
    DEADLINE_COLUMNS,
    OVERDUE_COLUMNS,
    SCHOOL_COLUMNS,
    WINDOW_COLUMNS,
    Forecast,
    arrival_rows,
    deadline_rows,
    forecast,
    housing_days,
    overdue_rows,
    placements,
    school_rows,
    window_rows,
)
from allocation.io.atomic import write_folder_atomic
from allocation.io.csv_io import csv_text
from allocation.plan import Plan
from allocation.scenario import Scenario

FILES = (
    "windows.csv",
    "arrivals.csv",
    "school_places.csv",
    "deadlines.csv",
    "calendar.ics",
    "overdue.csv",
)
"""What `allocation forecast` writes, in this order."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv(columns: Sequence[str], rows: list[dict[str, object]]) -> str:
    return csv_text(list(columns), [[_cell(r[c]) for c in columns] for r in rows])


def forecast_texts(
    scenario: Scenario, as_of: date | None = None, now: datetime | None = None, plan: Plan | None = None
) -> tuple[Forecast, dict[str, str]]:
    """The forecast and each output file's text (deadlines and calendar from as_of on, when given;
    windows that ended before as_of, else the planning date, are overdue). With a plan, school
    places and the quota deadline are where and when the plan houses each household."""
    result = forecast(scenario, as_of)
    placed = placements(scenario, plan, result) if plan is not None else None
    housed = housing_days(scenario, plan, result) if plan is not None else None
    deadlines = deadline_rows(result, as_of, housed)
    texts = {
        "windows.csv": _csv(WINDOW_COLUMNS, window_rows(result)),
        "arrivals.csv": _csv(ARRIVAL_COLUMNS, arrival_rows(scenario, result)),
        "school_places.csv": _csv(SCHOOL_COLUMNS, school_rows(scenario, result, placed)),
        "deadlines.csv": _csv(DEADLINE_COLUMNS, deadlines),
        "calendar.ics": calendar_text(deadlines, now),
        "overdue.csv": _csv(OVERDUE_COLUMNS, overdue_rows(result)),
    }
    return result, texts


def write_forecast(
    scenario: Scenario,
    out_dir: str | Path,
    as_of: date | None = None,
    now: datetime | None = None,
    plan: Plan | None = None,
) -> Forecast:
    """Write every forecast file into out_dir at once (all old files or all new ones)."""
    result, texts = forecast_texts(scenario, as_of, now, plan)
    files: dict[str, Callable[[Path], None]] = {
        name: (lambda p, t=text: p.write_text(t, encoding="utf-8", newline=""))
        for name, text in texts.items()
    }
    write_folder_atomic(Path(out_dir), files)
    return result
