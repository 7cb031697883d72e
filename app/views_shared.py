"""What more than one page needs from a plan: the reasons in the chosen language, cached by content."""

from __future__ import annotations

import streamlit as st

import state
from allocation.plan import Plan
from allocation.scenario import Scenario


@st.cache_data(show_spinner=False, max_entries=8)
def _explained(scenario_json: str, plan_json: str, lang: str) -> dict[str, str]:
    """Why each left-out household has no home, in LANG (keyed by content, computed once)."""
    from allocation.explain import explain_unassigned

    scenario = Scenario.model_validate_json(scenario_json)
    plan = Plan.model_validate_json(plan_json)
    return {u.household: u.reason for u in explain_unassigned(scenario, plan.assignments, lang)}


def reasons_for(plan: Plan | None, scenario: Scenario | None) -> dict[str, str]:
    """The plan's reasons in the UI language, from the library ({} without a plan)."""
    if plan is None or scenario is None or not plan.unassigned:
        return {}
    return _explained(scenario.model_dump_json(), plan.model_dump_json(), state.lang())
