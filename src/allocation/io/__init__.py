"""Scenario and plan files in and out, with validation that reports every problem by file, row, column."""

from allocation.io.plan_io import plan_to_tables, read_plan, write_plan, write_plan_xlsx
from allocation.io.policy_io import policy_from_mapping
from allocation.io.scenario_io import (
    load_scenario,
    scenario_csv_texts,
    scenario_from_tables,
    scenario_to_tables,
    write_scenario,
)

__all__ = [
    "load_scenario",
    "plan_to_tables",
    "policy_from_mapping",
    "read_plan",
    "scenario_csv_texts",
    "scenario_from_tables",
    "scenario_to_tables",
    "write_plan",
    "write_plan_xlsx",
    "write_scenario",
]
