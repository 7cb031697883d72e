"""Oplossen: start a solve in the background, watch its progress, stop it for the best plan so far."""

from __future__ import annotations

import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.app.state import t
from allocation.app.texts import has_text

DEFAULT_SOLVERS: tuple[str, ...] = ("highs", "scip", "cpsat", "greedy")
REFRESH_SECONDS = 0.25


def _solvers() -> list[str]:
    """The library's solver names."""
    import allocation

    return list(getattr(allocation, "SOLVERS", DEFAULT_SOLVERS))


def _fmt(value, digits: int = 2) -> str:
    """A number for the progress panel ('-' when not known yet)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _solver_label(solver: str) -> str:
    """The solver as a planner reads it: what it does first, its engine after (no bare library names)."""
    key = f"solver_{solver}"
    return t(key) if has_text(key, state.lang()) else solver


def _progress_panel() -> None:
    """Live figures of the running solve; reruns itself while the solve runs."""
    sess = session()
    job = sess.job
    if job is None:
        return
    running = state.collect_result()
    p = job.progress or {}
    st.subheader(t("solve_progress"))
    cols = st.columns(2)
    cols[0].metric(t("metric_persons_housed"), _fmt(p.get("persons_housed")))
    cols[1].metric(t("metric_elapsed"), f"{job.elapsed:.1f} s")
    with st.expander(t("result_details"), icon=":material/tune:"):
        gap = p.get("gap")
        st.caption(
            t(
                "solve_details",
                objective=_fmt(p.get("objective")),
                bound=_fmt(p.get("bound")),
                gap="-" if gap is None else f"{100 * gap:.2f} %",
                solver=_solver_label(job.solver),
            )
        )
    done, total = p.get("regions_done"), p.get("regions_total")
    if total:
        st.progress(
            min(1.0, (done or 0) / total),
            text=t("solve_regions", done=done or 0, total=total),
        )
    if running:
        st.info(t("solve_running", solver=_solver_label(job.solver)))
        if st.button(t("solve_stop"), key="stop_button", disabled=job.stop_requested):
            job.stop()
            st.rerun(scope="fragment")
        return
    if job.error:
        st.error(t("solve_error", error=state.plain(job.error)))
    elif job.plan is not None:
        summary = job.plan.summary()
        st.success(
            t(
                "solve_done",
                status=t("status_" + summary["status"]),
                persons=summary["persons_housed"],
                seconds=f"{job.elapsed:.1f}",
            )
        )
        st.page_link(state.page("resultaat"), label=t("solve_to_result"), icon=":material/bar_chart:")
    if sess.panel_was_running:
        sess.panel_was_running = False
        st.rerun()


def _previous_choice() -> str:
    """What the solve keeps families against: the plan on screen (when there is one), a saved
    scenario's plan (last week's, after a new export), or nothing."""
    sess = session()
    tl = state.t_in(state.lang())
    labels = {state.ON_SCREEN: tl("previous_screen")} if sess.plan is not None else {}
    for name in state.saved_plans():
        labels[state.STORED_PREVIOUS + name] = tl("previous_stored", name=name)
    labels[state.NO_PREVIOUS] = tl("previous_none")
    return st.selectbox(
        t("solve_previous"),
        list(labels),
        index=0,
        key=f"solve_previous_{sess.plan_version}",
        format_func=labels.get,
        help=t("solve_previous_help"),
    )


def render() -> None:
    """The Oplossen page."""
    sess = session()
    st.title(t("solve_title"))
    scenario = sess.scenario
    job = sess.job
    running = job is not None and not job.finished and job.poll()
    if scenario is None:
        st.error(t("solve_blocked", n=len(sess.problems)))
        st.page_link(state.page("gegevens"), label=t("solve_to_data"), icon=":material/table_chart:")
    else:
        st.caption(
            t(
                "solve_scenario",
                households=len(scenario.households),
                persons=len(scenario.persons),
                dwellings=len(scenario.dwellings),
            )
        )
    solvers = _solvers()
    labels = {name: _solver_label(name) for name in solvers}  # fixed now: widgets format outside the run
    left, right = st.columns(2)
    solver = left.selectbox(
        t("solve_solver"),
        solvers,
        index=0,
        key="solve_solver",
        format_func=labels.get,
        help=t("solve_solver_help"),
    )
    limit_default = float(sess.policy.time_limit)
    time_limit = right.number_input(  # whole seconds, as a planner thinks of them ("60", not "60.00")
        t("solve_time_limit"),
        min_value=1,
        max_value=86_400,
        value=max(1, round(limit_default)),
        step=5,
        key="solve_time_limit",
        help=t("solve_time_limit_help"),
    )
    previous = _previous_choice()
    outside = state.access().outside(scenario) if scenario is not None else []
    if outside:
        st.error(t("scope_outside", names=state.plain(", ".join(outside))))
    blocked = scenario is None or running or bool(outside)
    if st.button(t("solve_start"), type="primary", disabled=blocked, key="solve_start"):
        from allocation.store import StoreError

        try:
            state.start_solve(solver, float(time_limit), previous)
        except StoreError as err:
            st.error(state.store_message(err), icon=":material/database:")
        else:
            st.rerun()
    if running:
        sess.panel_was_running = True
    st.fragment(_progress_panel, run_every=REFRESH_SECONDS if running else None)()


render()
