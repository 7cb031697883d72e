"""Scenario's: save the scenario and its plan under a name; list, open, delete and compare them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import state
from allocation.plan import Plan
from state import t


def _save_section() -> None:
    """Save the session scenario (with its plan when the plan belongs to it)."""
    ss = st.session_state
    scenario = ss.get("scenario")
    st.subheader(t("scen_save"))
    if scenario is None:
        st.warning(t("scen_save_invalid"))
        return
    plan = ss.get("plan") if state.same_scenario(scenario, ss.get("plan_scenario")) else None
    name = st.text_input(t("scen_name"), key="save_name", placeholder=t("scen_name_placeholder"))
    submitted = st.button(t("scen_save_button"), type="primary", key="save_button")
    st.caption(t("scen_save_with_plan") if plan is not None else t("scen_save_without_plan"))
    if submitted:
        if not name.strip():
            st.error(t("scen_name_missing"))
            return
        state.store().save(name, scenario, plan)
        st.success(t("scen_saved", name=name.strip()))


def _list_section(names: list[str]) -> None:
    """The stored scenarios, and open or delete one."""
    st.subheader(t("scen_list"))
    stored = state.store().list()
    if not stored:
        st.info(t("scen_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_name"): s.name,
                    t("col_households"): s.households,
                    t("metric_persons_housed"): s.persons_housed,
                    t("col_has_plan"): t("yes") if s.has_plan else t("no"),
                    t("col_saved_at"): s.updated_at.strftime("%Y-%m-%d %H:%M"),
                }
                for s in stored
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    chosen = st.selectbox(t("scen_choose"), names, key="scen_chosen")
    left, right = st.columns(2)
    if left.button(t("scen_load"), key="scen_load", type="primary"):
        scenario, plan = state.store().load(chosen)
        state.set_scenario(scenario, plan, source=chosen)
        st.success(t("scen_loaded", name=chosen))
    if right.button(t("scen_delete"), key="scen_delete"):
        state.store().delete(chosen)
        st.rerun()


def _figures(plan: Plan | None) -> dict[str, object]:
    """Key figures of a stored plan ('-' when saved without one)."""
    if plan is None:
        return {}
    s = plan.summary()
    return {
        t("metric_persons_housed"): s["persons_housed"],
        t("metric_households_housed"): s["households_housed"],
        t("metric_households_left"): s["households_unassigned"],
        t("metric_splits"): s["splits"],
        t("metric_shortfall"): s["shortfall"],
        t("metric_status"): t("status_" + s["status"]),
    }


def _compare_section(names: list[str]) -> None:
    """Two stored scenarios side by side: key figures and per-municipality differences."""
    st.subheader(t("scen_compare"))
    if len(names) < 2:
        st.info(t("scen_compare_need_two"))
        return
    left, right = st.columns(2)
    a = left.selectbox(t("scen_compare_a"), names, index=0, key="cmp_a")
    b = right.selectbox(t("scen_compare_b"), names, index=1, key="cmp_b")
    (sa, pa), (sb, pb) = state.store().load(a), state.store().load(b)
    fa, fb = _figures(pa), _figures(pb)
    rows = []
    for key in fa.keys() | fb.keys() or []:
        va, vb = fa.get(key, "-"), fb.get(key, "-")
        diff = vb - va if isinstance(va, int) and isinstance(vb, int) else ""
        rows.append({t("col_figure"): key, a: va, b: vb, t("col_difference"): diff})
    rows.insert(
        0,
        {
            t("col_figure"): t("col_households"),
            a: len(sa.households),
            b: len(sb.households),
            t("col_difference"): len(sb.households) - len(sa.households),
        },
    )
    order = [t("col_households"), *_figures_order()]
    rows.sort(key=lambda r: order.index(r[t("col_figure")]) if r[t("col_figure")] in order else 99)
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, width="stretch")
    if pa is None or pb is None:
        st.info(t("scen_compare_no_plan"))
        return
    qa = {q.code: q for q in pa.quota}
    qb = {q.code: q for q in pb.quota}
    per = []
    for code in list(dict.fromkeys([*qa, *qb])):
        x, y = qa.get(code), qb.get(code)
        name = (x or y).name
        per.append(
            {
                t("col_municipality"): name,
                t("chart_quota"): (y or x).quota,
                f"{t('chart_newly_counted')} ({a})": x.newly_counted if x else 0,
                f"{t('chart_newly_counted')} ({b})": y.newly_counted if y else 0,
                f"{t('chart_shortfall')} ({a})": x.shortfall if x else 0,
                f"{t('chart_shortfall')} ({b})": y.shortfall if y else 0,
                t("col_difference"): (y.newly_counted if y else 0) - (x.newly_counted if x else 0),
            }
        )
    st.markdown(t("scen_compare_municipalities", a=a, b=b))
    st.dataframe(pd.DataFrame(per), hide_index=True, width="stretch")


def _figures_order() -> list[str]:
    """Row order of the comparison table."""
    return [
        t("metric_persons_housed"),
        t("metric_households_housed"),
        t("metric_households_left"),
        t("metric_splits"),
        t("metric_shortfall"),
        t("metric_status"),
    ]


def render() -> None:
    """The Scenario's page."""
    st.title(t("scen_title"))
    st.caption(t("scen_intro"))
    _save_section()
    names = state.store().names()
    _list_section(names)
    _compare_section(state.store().names())


render()
