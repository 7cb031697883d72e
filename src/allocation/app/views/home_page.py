"""Woning: one dwelling closely: who the plan gives it to, and which other families would fit, ranked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from allocation.app import state
from allocation.app.state import t
from allocation.app.views_shared import view_of_scenario
from allocation.inspect import home_view
from allocation.labels import value_label


def render() -> None:
    """The Woning page."""
    seen = view_of_scenario("home_title", "home_intro")
    if seen is None:
        return
    scenario, plan = seen
    tl = state.t_in(state.lang())
    names = {m.code: m.name for m in scenario.municipalities}
    dwellings = {d.id: d for d in scenario.dwellings}
    dwelling = st.selectbox(
        t("pick_dwelling"),
        list(dwellings),
        index=None,
        key="home_dwelling",
        placeholder=t("pick_dwelling_placeholder"),
        format_func=lambda d: (
            f"{d} · {names.get(dwellings[d].municipality, dwellings[d].municipality)} · "
            + tl("home_rooms", bedrooms=dwellings[d].bedrooms, most=dwellings[d].max_occupants)
        ),
    )
    if dwelling is None:
        return
    lang = state.lang()
    view = home_view(scenario, dwelling, plan, lang)
    d = view.dwelling
    cols = st.columns([2, 1, 1, 1])  # a municipality name needs room
    cols[0].metric(t("family_municipality"), names.get(d.municipality, d.municipality))
    cols[1].metric(t("home_bedrooms"), d.bedrooms)
    cols[2].metric(t("home_max"), d.max_occupants)
    cols[3].metric(t("home_rent"), state.money(d.rent))
    st.markdown(  # the kind in words, not a metric: "zelfstandig" is too long for a metric's big type
        t(
            "home_facts",
            kind=value_label(d.kind, lang),
            accessible=t("yes") if d.accessible else t("no"),
            free=d.available_from.strftime("%d-%m-%Y") if d.available_from else t("home_free_now"),
        )
    )
    st.subheader(t("home_occupants"))
    if plan is not None:
        if view.occupants:
            for a in view.occupants:
                st.success(
                    t(
                        "home_occupant_line",
                        household=a.household,
                        persons=a.persons,
                        kind=t("kind_" + a.kind),
                    )
                )
        else:
            st.warning(t("home_empty"))
    st.subheader(t("home_contenders", n=len(view.contenders)))
    st.caption(t("home_contenders_intro"))
    if not view.contenders:
        st.info(t("home_no_contenders"))
        if view.unfit:
            st.markdown(t("home_unfit_intro"))
            st.dataframe(
                pd.DataFrame(
                    [{t("col_reason"): u.reason, t("col_households"): u.households} for u in view.unfit]
                ),
                hide_index=True,
                width="stretch",
                column_config={t("col_reason"): st.column_config.TextColumn(width="large")},
            )
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("home_rank"): c.rank,
                    t("col_household"): c.household,
                    t("col_persons"): c.persons,
                    t("col_quota_effect"): c.counted,
                    t("col_away"): t("yes") if c.away else t("no"),
                    t("col_unused"): c.unused,
                    t("home_in_plan"): c.in_plan,
                }
                for c in view.contenders
            ]
        ),
        hide_index=True,
        width="stretch",
    )


render()
