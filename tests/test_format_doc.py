"""docs/FORMAT.md stays in step with the code: every policy key with its default, every file and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from allocation.forecast.files import FILES
from allocation.forecast.views import (
    ARRIVAL_COLUMNS,
    DEADLINE_COLUMNS,
    OVERDUE_COLUMNS,
    SCHOOL_COLUMNS,
    WINDOW_COLUMNS,
)
from allocation.io.tables import TABLES
from allocation.policy import Policy

DOC = (Path(__file__).resolve().parents[1] / "docs" / "FORMAT.md").read_text(encoding="utf-8")


def _policy_table() -> dict[str, str]:
    """key -> default cell of the Policy keys table."""
    section = DOC.split("## Policy keys", 1)[1].split("\n## ", 1)[0]
    return {m[1]: m[2] for m in re.finditer(r"^\| `(\w+)` \| ([^|]+) \|", section, flags=re.MULTILINE)}


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, str):
        return value
    return f"{value:g}" if isinstance(value, float) else str(value)


@pytest.mark.parametrize("key", list(Policy.model_fields))
def test_every_policy_key_is_documented_with_its_default(key):
    table = _policy_table()
    assert key in table, f"{key} is not in the policy keys table"
    default = getattr(Policy(), key)
    cell = table[key].strip().strip("`")
    if isinstance(default, float):
        assert float(cell) == default
    else:
        assert cell == _shown(default)


@pytest.mark.parametrize("name", list(TABLES))
def test_every_input_column_is_documented(name):
    section = DOC.split(f"### {name}.csv", 1)[1].split("\n### ", 1)[0]
    for column in TABLES[name].columns:
        assert f"| `{column.name}` |" in section, f"{name}.{column.name}"


def test_every_forecast_file_is_documented_with_its_columns():
    columns = {
        "windows.csv": WINDOW_COLUMNS,
        "arrivals.csv": ARRIVAL_COLUMNS,
        "school_places.csv": SCHOOL_COLUMNS,
        "deadlines.csv": DEADLINE_COLUMNS,
        "overdue.csv": OVERDUE_COLUMNS,
    }
    for name in FILES:
        assert f"| `{name}` |" in DOC, name
        if name in columns:
            assert f"| `{name}` | `{','.join(columns[name])}`" in DOC, name
