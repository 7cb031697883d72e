"""Resultaat: key figures, the taakstelling chart, assignments with score parts, who is left out and why."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.app.state import t
from allocation.plan import REASON_LATER, Mark, Plan
from allocation.scenario import Scenario
from allocation.status_texts import in_language


def _names(plan: Plan, scenario: Scenario | None) -> dict[str, str]:
    """Municipality code -> name, from the plan's quota lines and the scenario."""
    names = {m.code: m.name for m in scenario.municipalities} if scenario is not None else {}
    names.update({q.code: q.name for q in plan.quota})
    return names


def _planned_later(plan: Plan) -> int:
    """Households the plan leaves for a later plan (LATER): not left out, only not yet due."""
    return sum(1 for u in plan.unassigned if u.reason_code == REASON_LATER)


def _figures(plan: Plan) -> None:
    """The key figures a planner reports, in plain words; solver details in an expander.

    Families expected after the horizon are counted apart from those left out now: a planner
    reports the latter, and the former come back in a later week's plan.
    """
    s = plan.summary()
    later = _planned_later(plan)
    cols = st.columns(6 if later else 5)
    cols[0].metric(t("metric_persons_housed"), s["persons_housed"])
    cols[1].metric(t("metric_households_housed"), s["households_housed"])
    cols[2].metric(t("metric_households_left"), s["households_unassigned"] - later)
    cols[3].metric(t("metric_splits"), s["splits"])
    cols[4].metric(t("metric_shortfall"), s["shortfall"], help=t("metric_shortfall_help"))
    if later:
        cols[5].metric(t("metric_households_later"), later, help=t("metric_households_later_help"))
    if s["splits"]:
        st.caption(t("result_split_rows", splits=s["splits"]))
    with st.expander(t("result_details"), icon=":material/tune:"):
        gap = s["gap"]
        st.markdown(
            t(
                "result_details_text",
                status=t("status_" + s["status"]),
                solver=s["solver"] or "-",
                objective="-" if s["objective"] is None else f"{s['objective']:,.0f}",
                bound="-" if s["bound"] is None else f"{s['bound']:,.0f}",
                gap="-" if gap is None else f"{100 * gap:.2f} %",
                solve=f"{s['solve_seconds']:.1f}",
                build=f"{s['build_seconds']:.1f}",
            )
        )
        if s["message"]:
            st.text(in_language(s["message"], state.lang()))


def _planned_on(result) -> None:
    """A dated plan's planning date and who waits for a later plan; replan's notes on the previous plan."""
    if result is None:
        return
    if result.planning_date is not None:
        st.caption(
            t("result_planned_on", date=result.planning_date.strftime("%d-%m-%Y"), later=len(result.later))
        )
    for note in result.notes_for(state.lang()):  # in the language chosen now, not the solve's
        st.info(state.plain(note), icon=":material/info:")


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
    short = [
        {t("col_municipality"): q.name, t("chart_quota"): q.quota, t("chart_shortfall"): q.shortfall}
        for q in plan.quota
        if q.shortfall and (not codes or q.code in codes)
    ]
    if short:
        st.markdown(t("result_shortfall_list"))
        st.dataframe(pd.DataFrame(short), hide_index=True)


def _pinned(scenario: Scenario | None) -> set[str]:
    """Households whose placement the planner fixed in the scenario."""
    if scenario is None:
        return set()
    return {h.id for h in scenario.households if h.pinned_dwelling or h.pinned_municipality}


def _assignment_frame(
    plan: Plan, scenario: Scenario | None, names: dict[str, str], codes: set[str] | None
) -> pd.DataFrame:
    """One row per household and dwelling, with the planner's mark and the score parts of the placement."""
    pins = _pinned(scenario)
    marks = session().statuses
    rows = []
    for a in plan.assignments:
        if codes and a.municipality not in codes:
            continue
        score = a.score
        rows.append(
            {
                t("col_status"): t("mark_" + marks.get(a.household, "planned")),
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
    households = len(set(frame[t("col_household")])) if not frame.empty else 0
    st.subheader(t("result_assignments", n=households))
    if len(frame) != households:
        st.caption(t("result_assignments_rows", rows=len(frame), households=households))
    if frame.empty:
        st.info(t("result_none"))
        return
    pin, status = t("col_pin"), t("col_status")
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            pin: st.column_config.CheckboxColumn(pin, help=t("col_pin_help")),
            status: st.column_config.TextColumn(status, help=t("col_status_help")),
        },
    )


def _household_labels(plan: Plan, names: dict[str, str]) -> dict[str, str]:
    """Housed household -> 'H017 → D004 (Gemeente)', for the pickers."""
    labels = {}
    for hid, rows in plan.assignments_by_household().items():
        where = " + ".join(a.dwelling for a in rows)
        labels[hid] = f"{hid} → {where} ({names.get(rows[0].municipality, rows[0].municipality)})"
    return labels


def _take_marks() -> None:
    """The pickers' choices as the session's marks; a family marked both has moved in (and the
    pickers are built afresh, so it shows in one only)."""
    sess = session()
    version = sess.plan_version
    announced = st.session_state.get(f"mark_announced_{version}", [])
    moved_in = st.session_state.get(f"mark_moved_in_{version}", [])
    marks: dict[str, Mark] = {hid: "announced" for hid in announced}
    marks |= {hid: "moved_in" for hid in moved_in}
    sess.statuses = marks
    if set(announced) & set(moved_in):
        sess.plan_version += 1


def _marks(labels: dict[str, str]) -> None:
    """Mark families announced or moved in (the weekly meeting's decisions); a re-solve keeps them.
    LABELS: the housed households as the pickers show them."""
    sess = session()
    st.subheader(t("result_status_title"))
    st.markdown(t("result_status_text"))
    version = sess.plan_version
    left, right = st.columns(2)

    def marked(status: str) -> list[str]:
        return [h for h, mark in sess.statuses.items() if mark == status and h in labels]

    left.multiselect(
        t("result_announced_label"),
        list(labels),
        default=marked("announced"),
        format_func=labels.get,
        key=f"mark_announced_{version}",
        placeholder=t("result_pin_placeholder"),
        on_change=_take_marks,
    )
    right.multiselect(
        t("result_moved_in_label"),
        list(labels),
        default=marked("moved_in"),
        format_func=labels.get,
        key=f"mark_moved_in_{version}",
        placeholder=t("result_pin_placeholder"),
        on_change=_take_marks,
    )
    marks = list(sess.statuses.values())
    if marks:
        st.caption(
            t("result_status_count", announced=marks.count("announced"), moved_in=marks.count("moved_in"))
        )
    if st.button(t("result_status_button"), key="mark_resolve_button", disabled=sess.scenario is None):
        state.start_solve(sess.last_solver, sess.last_time_limit)
        st.switch_page(state.page("oplossen"))


def _reasons(plan: Plan, scenario: Scenario | None) -> dict[str, str]:
    """The plan's reasons in the UI language, from the library."""
    from allocation.app.views_shared import reasons_for

    return reasons_for(plan, scenario)


def _unassigned(plan: Plan, scenario: Scenario | None, names: dict[str, str], codes: set[str] | None) -> None:
    """Households left out, with the reason (in the chosen language); those planned later apart."""
    reasons = _reasons(plan, scenario)
    left: list[dict[str, object]] = []
    later: list[dict[str, object]] = []
    for u in plan.unassigned:
        home = None
        if scenario is not None:
            try:
                home = scenario.household(u.household).municipality
            except KeyError:
                home = None
        if codes and home not in codes:
            continue
        (later if u.reason_code == REASON_LATER else left).append(
            {
                t("col_household"): u.household,
                t("col_linked_municipality"): names.get(home, home or "-"),
                t("col_persons"): u.persons,
                t("col_reason"): reasons.get(u.household, u.reason),
            }
        )
    st.subheader(t("result_unassigned", n=len(left)))
    wide = {t("col_reason"): st.column_config.TextColumn(width="large")}
    if left:
        st.dataframe(pd.DataFrame(left), hide_index=True, width="stretch", column_config=wide)
    else:
        st.success(t("result_all_housed_now" if later else "result_all_housed"))
    if later:
        with st.expander(t("result_later", n=len(later)), icon=":material/schedule:"):
            st.caption(t("result_later_caption"))
            st.dataframe(pd.DataFrame(later), hide_index=True, width="stretch", column_config=wide)


def _resolve_with(scenario: Scenario) -> None:
    """Take SCENARIO's households (with their new pins) as the table and solve again."""
    sess = session()
    state.replace_table("households", state.scenario_tables(scenario)["households"])
    if sess.scenario is None:
        st.error(t("result_pin_invalid"))
        return
    state.start_solve(sess.last_solver, sess.last_time_limit)
    st.switch_page(state.page("oplossen"))


def _pin_and_resolve(
    plan: Plan, scenario: Scenario | None, names: dict[str, str], labels: dict[str, str]
) -> None:
    """Fix placements as planner decisions and solve again: this plan's homes, or a home picked by hand."""
    from allocation.pins import pin, pin_plan, pinned

    current = ss_scenario = session().scenario
    if ss_scenario is None or scenario is None:
        return
    pins = pinned(current)
    tl = state.t_in(state.lang())
    st.subheader(t("result_pin_title"))
    left, right = st.columns(2)
    with left:
        st.markdown(t("result_pin_plan"))
        options = plan.housed_households()
        chosen = st.multiselect(
            t("result_pin_label"),
            options,
            default=[h for h in options if h in pins],
            format_func=labels.get,
            key="pin_choice",
            placeholder=t("result_pin_placeholder"),
            help=t("col_pin_help"),
        )
        if st.button(
            t("result_pin_button"), disabled=set(chosen) == set(pins) & set(options), key="pin_button"
        ):
            cleared = current
            for hid in set(pins) - set(chosen):
                cleared = pin(cleared, hid)
            _resolve_with(pin_plan(cleared, plan, chosen))
    with right:
        st.markdown(t("result_pin_hand"))
        households = [h.id for h in current.households]
        members = {h.id: len(current.members(h.id)) for h in current.households}
        household = st.selectbox(
            t("pick_household"),
            households,
            index=None,
            format_func=lambda h: tl("pick_household_label", id=h, persons=members[h], where=pins.get(h, "")),
            key="pin_household",
            placeholder=t("pick_household_placeholder"),
        )
        dwellings = {d.id: d for d in current.dwellings}
        taken = {a.dwelling: a.household for a in plan.assignments}
        dwelling = st.selectbox(
            t("pick_dwelling"),
            list(dwellings),
            index=None,
            format_func=lambda d: tl(
                "pick_dwelling_label",
                id=d,
                municipality=names.get(dwellings[d].municipality, dwellings[d].municipality),
                bedrooms=dwellings[d].bedrooms,
                taken=taken.get(d, "-"),
            ),
            key="pin_dwelling",
            placeholder=t("pick_dwelling_placeholder"),
        )
        _pick_summary(plan, household, dwelling, taken)
        a, b = st.columns(2)
        if a.button(
            t("pick_pin_button"), disabled=not (household and dwelling), key="pin_hand_button", type="primary"
        ):
            _resolve_with(pin(current, household, dwelling=dwelling))
        if b.button(t("pick_unpin_button"), disabled=household not in pins, key="unpin_button"):
            _resolve_with(pin(current, household))


def _pick_summary(plan: Plan, household: str | None, dwelling: str | None, taken: dict[str, str]) -> None:
    """What the picked household and home have in this plan, so the planner sees what a pin changes."""
    if household:
        homes = " + ".join(a.dwelling for a in plan.assignments_of(household)) or t("pick_no_home")
        st.caption(t("pick_household_now", household=state.plain(household), homes=state.plain(homes)))
    if dwelling:
        who = taken.get(dwelling) or t("pick_nobody")
        st.caption(t("pick_dwelling_now", dwelling=state.plain(dwelling), household=state.plain(who)))


def _changes(plan: Plan, scenario: Scenario | None) -> None:
    """After a re-solve: the households whose home changed since the previous plan, and the figures."""
    from allocation.changes import figures_side_by_side, plan_changes

    sess = session()
    before = sess.previous_plan
    if before is None or scenario is None:
        return
    st.subheader(t("changes_title"))
    figures = figures_side_by_side(before, plan)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_figure"): t("figure_" + f.key),
                    t("changes_before"): f.before,
                    t("changes_after"): f.after,
                    t("col_difference"): f.after - f.before,
                }
                for f in figures
            ]
        ),
        hide_index=True,
    )
    same = state.same_scenario(sess.previous_scenario, scenario)
    changes = plan_changes(before, plan, scenario, state.lang(), _reasons(plan, scenario), same_data=same)
    if not changes:
        st.success(t("changes_none"))
        return
    st.caption(t("changes_count", n=len(changes)))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_household"): c.household,
                    t("changes_before"): c.before,
                    t("changes_after"): c.after,
                    t("changes_why"): c.why,
                }
                for c in changes
            ]
        ),
        hide_index=True,
        width="stretch",
        key="changes_table",
    )


def _downloads(plan: Plan, scenario: Scenario | None, names: dict[str, str]) -> None:
    """The plan as a workbook and as CSV files in the chosen language, made when clicked."""
    lang = state.lang()
    reasons = _reasons(plan, scenario)
    left, right = st.columns(2)
    marked = state.with_marks(plan)
    left.download_button(
        t("download_plan_xlsx"),
        data=lambda: state.plan_xlsx(marked, lang, names, reasons),
        file_name="plan.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_plan_xlsx",
        on_click="ignore",
    )
    right.download_button(
        t("download_plan_csv"),
        data=lambda: state.plan_csv_zip(marked, lang, names, reasons),
        file_name="plan-csv.zip",
        mime="application/zip",
        key="download_plan_csv",
        on_click="ignore",
    )


def render() -> None:
    """The Resultaat page."""
    sess = session()
    st.title(t("result_title"))
    state.collect_result()
    plan: Plan | None = sess.plan
    if plan is None:
        st.info(t("result_no_plan"))
        st.page_link(state.page("oplossen"), label=t("result_to_solve"), icon=":material/play_circle:")
        return
    scenario: Scenario | None = sess.plan_scenario
    if scenario is not None and not state.same_scenario(sess.scenario, scenario):
        st.warning(t("result_stale"))
    names = _names(plan, scenario)
    _figures(plan)
    _planned_on(sess.plan_result)
    chosen_names = st.multiselect(
        t("result_filter"), sorted(set(names.values())), key="result_filter", placeholder=t("result_all")
    )
    codes = {c for c, n in names.items() if n in chosen_names} or None
    st.subheader(t("result_quota"))
    _quota_chart(plan, codes)
    _assignments(plan, scenario, names, codes)
    _unassigned(plan, scenario, names, codes)
    _changes(plan, scenario)
    labels = _household_labels(plan, names)  # the housed households as both pickers show them
    _marks(labels)
    _pin_and_resolve(plan, scenario, names, labels)
    _downloads(plan, scenario, names)


render()
