"""What more than one page needs: a plan's reasons in the chosen language (cached by content), and
the question asked before opening another scenario over unsaved edits, and the head of a view page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.plan import Plan
from allocation.scenario import Scenario


@st.cache_data(show_spinner=False, max_entries=8)
def _explained(scenario_json: str, plan_json: str, lang: str) -> dict[str, str]:
    """Why each left-out household has no home, in LANG (keyed by content, computed once)."""
    from allocation.explain import explain_unassigned, later_reason
    from allocation.plan import REASON_LATER

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


Asking = Literal["confirm_open", "confirm_load"]
"""The session field that holds what a page asks to open over unsaved edits (one per page)."""


def open_or_ask(chosen: str | None, asking: Asking, key: str, open_: Callable[[str], None]) -> None:
    """Open CHOSEN at once, or over unsaved edits only once the planner says yes (the one way edits
    are lost); the question stays on the page until it is answered. `key` prefixes its buttons."""
    sess = session()
    if chosen is not None:
        if state.has_edits():
            setattr(sess, asking, chosen)
        else:
            open_(chosen)
    pending = getattr(sess, asking)
    if pending is None:
        return
    st.warning(state.t("edits_open_confirm"), icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(state.t("edits_open_yes"), key=f"{key}_yes", type="primary"):
        setattr(sess, asking, None)
        open_(pending)
    elif no.button(state.t("scen_cancel"), key=f"{key}_no"):
        setattr(sess, asking, None)
        st.rerun()


def view_of_scenario(title: str, intro: str) -> tuple[Scenario, Plan | None] | None:
    """A view page's title and intro; the session scenario and its plan, or None (and a warning)
    when the data does not validate: the Gezin and Woning pages look at one thing of a scenario."""
    st.title(state.t(title))
    st.caption(state.t(intro))
    scenario = session().scenario
    if scenario is None:
        st.warning(state.t("forecast_invalid"))
        return None
    plan = state.plan_for(scenario)
    if plan is None:
        st.info(state.t("family_no_plan"))
    return scenario, plan
