"""Gezin: one household closely: members, where it is now, the plan's home or why none, and what else fits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.app.state import t
from allocation.app.views_shared import reasons_for, view_of_scenario
from allocation.inspect import family_view
from allocation.labels import value_label
from allocation.plan import MARKS


def _take_mark(household: str, version: int, shown: str) -> None:
    """The planner changed this family's mark: the session's marks follow (planned: no mark)."""
    marks = session().statuses
    chosen = st.session_state.get(f"family_mark_{household}_{version}_{shown}", "planned")
    if chosen == "planned":
        marks.pop(household, None)
    else:
        marks[household] = chosen


def _mark(household: str) -> None:
    """Mark the housed family announced or moved in, as on Resultaat (built afresh when its mark
    changes there or a new plan comes, so it never shows a stale mark)."""
    sess = session()
    shown = sess.statuses.get(household, "planned")
    tl = state.t_in(state.lang())
    st.radio(
        t("family_mark"),
        MARKS,
        index=MARKS.index(shown),
        format_func=lambda mark: tl("mark_" + mark),
        horizontal=True,
        key=f"family_mark_{household}_{sess.plan_version}_{shown}",
        help=t("col_status_help"),
        on_change=_take_mark,
        args=(household, sess.plan_version, shown),
    )


def render() -> None:
    """The Gezin page."""
    seen = view_of_scenario("family_title", "family_intro")
    if seen is None:
        return
    scenario, plan = seen
    tl = state.t_in(state.lang())
    names = {m.code: m.name for m in scenario.municipalities}
    sizes = {h.id: len(scenario.members(h.id)) for h in scenario.households}
    household = st.selectbox(
        t("pick_household"),
        [h.id for h in scenario.households],
        index=None,
        key="family_household",
        placeholder=t("pick_household_placeholder"),
        format_func=lambda h: tl("pick_household_label", id=h, persons=sizes[h], where=""),
    )
    if household is None:
        return
    lang = state.lang()
    view = family_view(scenario, household, plan, lang, reasons_for(plan, scenario))
    h = view.household
    cols = st.columns([2, 1, 1])  # a municipality name needs room
    cols[0].metric(t("family_municipality"), names.get(h.municipality, h.municipality))
    cols[1].metric(t("family_persons"), len(view.members))
    cols[2].metric(t("family_arrival"), view.arrival.strftime("%d-%m-%Y") if view.arrival else "-")
    st.markdown(t("family_now", now=state.plain(view.now)))
    # a sentence, not a metric: a step's name ("aanvraag ingediend") is too long for a metric's big type
    step = value_label(h.tvs_step, lang) if h.tvs_step else "-"
    if h.step_date:
        st.markdown(t("family_step_date", step=step, date=h.step_date.strftime("%d-%m-%Y")))
    else:
        st.markdown(t("family_step_line", step=step))
    st.subheader(t("family_members"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("member_id"): m.id,
                    t("member_role"): value_label(m.role, lang),
                    t("member_age"): m.age,
                    t("member_sex"): value_label(m.sex, lang) if m.sex else "-",
                    t("member_arriving"): t("yes") if m.arriving else t("no"),
                    t("member_accessible"): t("yes") if m.needs_accessible else t("no"),
                }
                for m in view.members
            ]
        ),
        hide_index=True,
    )
    st.subheader(t("family_home"))
    if plan is not None:
        if view.home:
            _mark(household)
            for a in view.home:
                st.success(
                    t(
                        "family_home_line",
                        dwelling=a.dwelling,
                        municipality=names.get(a.municipality, a.municipality),
                        persons=a.persons,
                        kind=t("kind_" + a.kind),
                    )
                )
        else:
            st.warning(t("family_no_home", reason=state.plain(view.reason or "-")))
    st.subheader(t("family_candidates", n=len(view.candidates)))
    if not view.candidates:
        st.info(t("family_no_candidates"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_dwelling"): c.dwelling,
                    t("col_municipality"): names.get(c.municipality, c.municipality),
                    t("col_bedrooms"): c.bedrooms,
                    t("col_max"): c.max_occupants,
                    t("col_rent"): c.rent,
                    t("col_away"): t("yes") if c.away else t("no"),
                    t("family_why"): c.why,
                }
                for c in view.candidates
            ]
        ),
        hide_index=True,
        width="stretch",
        height=420,
        column_config={t("col_rent"): st.column_config.NumberColumn(format="euro")},  # browser's locale
    )


render()
