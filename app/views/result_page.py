"""Resultaat: key figures, the taakstelling chart, assignments with score parts, who is left out and why."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import state
from allocation.explain import explain_unassigned
from allocation.plan import Plan
from allocation.scenario import Scenario
from state import t


def _names(plan: Plan, scenario: Scenario | None) -> dict[str, str]:
    """Municipality code -> name, from the plan's quota lines and the scenario."""
    names = {m.code: m.name for m in scenario.municipalities} if scenario is not None else {}
    names.update({q.code: q.name for q in plan.quota})
    return names


def _figures(plan: Plan) -> None:
    """The key figures a planner reports."""
    s = plan.summary()
    cols = st.columns(6)
    cols[0].metric(t("metric_persons_housed"), s["persons_housed"])
    cols[1].metric(t("metric_households_housed"), s["households_housed"])
    cols[2].metric(t("metric_households_left"), s["households_unassigned"])
    cols[3].metric(t("metric_splits"), s["splits"])
    cols[4].metric(t("metric_status"), t("status_" + s["status"]))
    gap = s["gap"]
    cols[5].metric(t("metric_gap"), "-" if gap is None else f"{100 * gap:.2f} %")
    st.caption(
        t(
            "result_solver",
            solver=s["solver"] or "-",
            seconds=f"{s['solve_seconds']:.1f}",
            shortfall=s["shortfall"],
            message=state.plain(s["message"] or ""),
        )
    )


def _quota_chart(plan: Plan, codes: set[str] | None) -> None:
    """Per municipality: housed before, newly counted and shortfall stacked, the quota as a tick."""
    rows, ticks = [], []
    for q in plan.quota:
        if codes and q.code not in codes:
            continue
        for part, value in (
            (t("chart_housed_before"), q.housed_before),
            (t("chart_newly_counted"), q.newly_counted),
            (t("chart_shortfall"), q.shortfall),
        ):
            rows.append({"gemeente": q.name, "deel": part, "personen": value})
        ticks.append({"gemeente": q.name, "taakstelling": q.quota})
    if not rows:
        st.info(t("result_no_municipalities"))
        return
    order = [t("chart_housed_before"), t("chart_newly_counted"), t("chart_shortfall")]
    bars = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("gemeente:N", title=t("col_municipality"), sort=None),
            y=alt.Y("sum(personen):Q", title=t("chart_persons")),
            color=alt.Color(
                "deel:N",
                title="",
                sort=order,
                scale=alt.Scale(domain=order, range=["#9ecae1", "#3182bd", "#e6550d"]),
            ),
            order=alt.Order("deel_order:Q"),
            tooltip=["gemeente:N", "deel:N", "personen:Q"],
        )
        .transform_calculate(deel_order=f"indexof({order!r}, datum.deel)")
    )
    quota = (
        alt.Chart(pd.DataFrame(ticks))
        .mark_tick(color="black", thickness=3, size=30)
        .encode(
            x=alt.X("gemeente:N", sort=None),
            y="taakstelling:Q",
            tooltip=[alt.Tooltip("gemeente:N"), alt.Tooltip("taakstelling:Q", title=t("chart_quota"))],
        )
    )
    st.altair_chart((bars + quota).properties(height=340), width="stretch")
    st.caption(t("chart_caption"))


def _pinned(scenario: Scenario | None) -> set[str]:
    """Households whose placement the planner fixed in the scenario."""
    if scenario is None:
        return set()
    return {h.id for h in scenario.households if h.pinned_dwelling or h.pinned_municipality}


def _assignment_frame(
    plan: Plan, scenario: Scenario | None, names: dict[str, str], codes: set[str] | None
) -> pd.DataFrame:
    """One row per household and dwelling, with the score parts of the placement."""
    pins = _pinned(scenario)
    rows = []
    for a in plan.assignments:
        if codes and a.municipality not in codes:
            continue
        score = a.score
        rows.append(
            {
                t("col_pin"): a.household in pins,
                t("col_household"): a.household,
                t("col_dwelling"): a.dwelling,
                t("col_municipality"): names.get(a.municipality, a.municipality),
                t("col_kind"): t("kind_" + a.kind),
                t("col_persons"): a.persons,
                t("col_person_ids"): ";".join(a.person_ids),
                t("col_quota_effect"): score.quota_effect if score else None,
                t("col_away"): score.away if score else None,
                t("col_unused"): score.unused_capacity if score else None,
            }
        )
    return pd.DataFrame(rows)


def _assignments(
    plan: Plan, scenario: Scenario | None, names: dict[str, str], codes: set[str] | None
) -> None:
    """The assignment table with the score parts of each placement."""
    frame = _assignment_frame(plan, scenario, names, codes)
    st.subheader(t("result_assignments", n=len(frame)))
    if frame.empty:
        st.info(t("result_none"))
        return
    pin = t("col_pin")
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={pin: st.column_config.CheckboxColumn(pin, help=t("col_pin_help"))},
    )


def _reasons(plan: Plan, scenario: Scenario | None) -> dict[str, str]:
    """The plan's reasons in the UI language, from the library, once per plan and language."""
    lang = state.lang()
    if scenario is None or lang == "en":
        return {}
    ss = st.session_state
    key = (id(plan), lang)
    cached = ss.get("result_reasons")
    if cached is None or cached[0] != key:
        explained = explain_unassigned(scenario, plan.assignments, lang)
        ss["result_reasons"] = (key, {u.household: u.reason for u in explained})
    return ss["result_reasons"][1]


def _unassigned(plan: Plan, scenario: Scenario | None, names: dict[str, str], codes: set[str] | None) -> None:
    """Households left out, with the reason code and the reason (in the chosen language)."""
    reasons = _reasons(plan, scenario)
    rows = []
    for u in plan.unassigned:
        home = None
        if scenario is not None:
            try:
                home = scenario.household(u.household).municipality
            except KeyError:
                home = None
        if codes and home not in codes:
            continue
        rows.append(
            {
                t("col_household"): u.household,
                t("col_linked_municipality"): names.get(home, home or "-"),
                t("col_persons"): u.persons,
                t("col_reason_code"): u.reason_code,
                t("col_reason"): reasons.get(u.household, u.reason),
            }
        )
    st.subheader(t("result_unassigned", n=len(rows)))
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.success(t("result_all_housed"))


def _pin_and_resolve(plan: Plan, scenario: Scenario | None, names: dict[str, str]) -> None:
    """Fix chosen placements as planner decisions (pinned_dwelling) and solve again."""
    ss = st.session_state
    pinned = _pinned(scenario)
    options = plan.housed_households()
    labels = {}
    for hid in options:
        rows = plan.assignments_of(hid)
        where = " + ".join(a.dwelling for a in rows)
        labels[hid] = f"{hid} → {where} ({names.get(rows[0].municipality, rows[0].municipality)})"
    st.subheader(t("result_pin_title"))
    chosen = st.multiselect(
        t("result_pin_label"),
        options,
        default=[h for h in options if h in pinned],
        format_func=labels.get,
        key=f"pin_choice_{id(plan)}",
        placeholder=t("result_pin_placeholder"),
        help=t("col_pin_help"),
    )
    if not st.button(t("result_pin_button"), disabled=set(chosen) == pinned, key="pin_button"):
        return
    households = ss["tables"]["households"].copy()
    for hid in pinned | set(chosen):
        mask = households["id"] == hid
        rows = plan.assignments_of(hid)
        households.loc[mask, ["pinned_dwelling", "pinned_municipality"]] = ""
        if hid in chosen and len(rows) == 1:
            households.loc[mask, "pinned_dwelling"] = rows[0].dwelling
        elif hid in chosen and rows:
            households.loc[mask, "pinned_municipality"] = rows[0].municipality
    state.replace_table("households", households)
    if ss.get("scenario") is None:
        st.error(t("result_pin_invalid"))
        return
    state.start_solve(ss.get("last_solver", "highs"), ss.get("last_time_limit"))
    st.switch_page(state.page("oplossen"))


def _downloads(plan: Plan) -> None:
    """The plan as a workbook and as the CSV files of the output format (made once per plan)."""
    ss = st.session_state
    made = ss.get("_plan_downloads")
    if made is None or made[0] is not plan:
        made = (plan, state.plan_xlsx(plan), state.plan_csv_zip(plan))
        ss["_plan_downloads"] = made
    left, right = st.columns(2)
    left.download_button(
        t("download_plan_xlsx"),
        data=made[1],
        file_name="plan.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_plan_xlsx",
        on_click="ignore",
    )
    right.download_button(
        t("download_plan_csv"),
        data=made[2],
        file_name="plan-csv.zip",
        mime="application/zip",
        key="download_plan_csv",
        on_click="ignore",
    )


def render() -> None:
    """The Resultaat page."""
    ss = st.session_state
    st.title(t("result_title"))
    state.collect_result()
    plan: Plan | None = ss.get("plan")
    if plan is None:
        st.info(t("result_no_plan"))
        st.page_link(state.page("oplossen"), label=t("result_to_solve"), icon=":material/play_circle:")
        return
    scenario: Scenario | None = ss.get("plan_scenario")
    if scenario is not None and not state.same_scenario(ss.get("scenario"), scenario):
        st.warning(t("result_stale"))
    names = _names(plan, scenario)
    _figures(plan)
    chosen_names = st.multiselect(
        t("result_filter"), sorted(set(names.values())), key="result_filter", placeholder=t("result_all")
    )
    codes = {c for c, n in names.items() if n in chosen_names} or None
    st.subheader(t("result_quota"))
    _quota_chart(plan, codes)
    _assignments(plan, scenario, names, codes)
    _unassigned(plan, scenario, names, codes)
    _pin_and_resolve(plan, scenario, names)
    _downloads(plan)


render()
