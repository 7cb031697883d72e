"""What more than one page needs from a plan: the reasons in the chosen language, cached by content."""

from __future__ import annotations

import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.plan import Plan
from allocation.scenario import Scenario


@st.cache_data(show_spinner=False, max_entries=8)
def _explained(scenario_json: str, plan_json: str, lang: str) -> dict[str, str]:
    """Why each left-out household has no home, in LANG (keyed by content, computed once)."""
    from allocation.explain import explain_unassigned, later_reason
    from allocation.rules.horizon import REASON_LATER

    scenario = Scenario.model_validate_json(scenario_json)
    plan = Plan.model_validate_json(plan_json)
    if plan.policy is not None:  # a dated plan is explained under the rules it was made with
        scenario = scenario.model_copy(update={"policy": plan.policy})
    reasons = {u.household: u.reason for u in explain_unassigned(scenario, plan.assignments, lang)}
    # planned later (beyond the horizon): said again in LANG, not in the language the plan was solved in
    for u in plan.unassigned:
        if u.reason_code == REASON_LATER:
            try:
                reasons[u.household] = later_reason(scenario, u.household, lang)
            except KeyError:  # a stored plan of data since changed: its own words are all there is
                reasons[u.household] = u.reason
    return reasons


def reasons_for(plan: Plan | None, scenario: Scenario | None) -> dict[str, str]:
    """The plan's reasons in the UI language, from the library ({} without a plan)."""
    if plan is None or scenario is None or not plan.unassigned:
        return {}
    sess = session()
    result = sess.plan_result
    if result is not None and result.plan is plan:  # explained in the scenario as planned (dated)
        job = sess.plan_job
        if job is not None and job.lang == state.lang():  # the solve wrote them in this language
            return {u.household: u.reason for u in plan.unassigned}
        scenario = result.scenario
    return _explained(scenario.model_dump_json(), plan.model_dump_json(), state.lang())
