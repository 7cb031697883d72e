"""Scenario's: save the scenario and its plan under a name; list, open, delete and compare them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from allocation.app import state
from allocation.app.session import Opened, session
from allocation.app.state import t
from allocation.app.views_shared import open_or_ask
from allocation.plan import Plan


def _save(name: str, overwrite: bool = False, version: int | None = None) -> None:
    """Save the session scenario under NAME; an existing name asks first, a newer version is refused."""
    from allocation.store import StoreError

    sess = session()
    scenario = sess.scenario
    plan = state.with_marks(state.plan_for(scenario))  # the marks are saved with the plan
    try:
        saved = state.store().save(
            name, scenario, plan, overwrite=overwrite, version=version, access=state.access()
        )
    except StoreError as err:
        if err.kind == "exists":  # ask; the version to overwrite is the one this session opened
            stored = sess.stored
            seen = stored[1] if stored and stored[0] == err.name else err.version
            sess.confirm_overwrite = (err.name, seen)
        else:
            st.error(state.store_message(err), icon=":material/database:")
        return
    sess.stored = (name.strip(), saved)
    sess.source = name.strip()
    sess.edited_names = set()
    sess.opened = Opened(scenario, plan, name.strip(), sess.stored)
    sess.notice = t("scen_saved", name=state.plain(name.strip()))
    st.rerun()  # the sidebar names the scenario as saved


def _save_section() -> None:
    """Save the session scenario (with its plan when the plan belongs to it)."""
    sess = session()
    scenario = sess.scenario
    st.subheader(t("scen_save"))
    if scenario is None:
        st.warning(t("scen_save_invalid"))
        return
    outside = state.access().outside(scenario)
    if outside:
        st.error(t("scope_outside", names=state.plain(", ".join(outside))))
        return
    plan = state.plan_for(scenario)
    name = st.text_input(t("scen_name"), key="save_name", placeholder=t("scen_name_placeholder"))
    submitted = st.button(t("scen_save_button"), type="primary", key="save_button")
    st.caption(t("scen_save_with_plan") if plan is not None else t("scen_save_without_plan"))
    if submitted:
        sess.confirm_overwrite = None
        if not name.strip():
            st.error(t("scen_name_missing"))
            return
        _save(name)
    pending = sess.confirm_overwrite
    if pending is not None:
        st.warning(t("scen_exists", name=state.plain(pending[0])), icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button(t("scen_overwrite"), key="overwrite_yes", type="primary"):
            sess.confirm_overwrite = None
            _save(pending[0], overwrite=True, version=pending[1])
        elif no.button(t("scen_cancel"), key="overwrite_no"):
            sess.confirm_overwrite = None
            st.rerun()


def _open(name: str) -> None:
    """Open a stored scenario this user may see; any other name gets the same 'not found'."""
    from allocation.store import StoreError

    try:
        loaded = state.store().open(name, state.access())
    except StoreError as err:
        st.error(state.store_message(err), icon=":material/database:")
        return
    state.set_scenario(loaded.scenario, loaded.plan, source=name, stored=(name, loaded.version))
    session().notice = t("scen_loaded", name=state.plain(name))
    st.rerun()  # the sidebar (drawn before this page) names the scenario now open


def _list_section(stored) -> None:
    """The stored scenarios this user may see, and open or delete one (deleting asks first)."""
    sess = session()
    st.subheader(t("scen_list"))
    if not stored:
        st.info(t("scen_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_name"): s.name,
                    t("col_households"): s.households,
                    # a scenario saved without a plan has no figure: a dash, not Streamlit's "None"
                    t("figure_persons_housed"): "–" if s.persons_housed is None else str(s.persons_housed),
                    t("col_has_plan"): t("yes") if s.has_plan else t("no"),
                    t("col_saved_at"): s.updated_at.strftime("%Y-%m-%d %H:%M"),
                }
                for s in stored
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    names = [s.name for s in stored]
    chosen = st.selectbox(t("scen_choose"), names, key="scen_chosen")
    left, right = st.columns(2)
    load = left.button(t("scen_load"), key="scen_load", type="primary")
    open_or_ask(chosen if load else None, "confirm_load", "load", _open)
    if right.button(t("scen_delete"), key="scen_delete"):
        sess.confirm_delete = chosen
    pending = sess.confirm_delete
    if pending is not None:
        st.warning(t("scen_delete_confirm", name=state.plain(pending)), icon=":material/delete:")
        yes, no = st.columns(2)
        if yes.button(t("scen_delete_yes"), key="delete_yes", type="primary"):
            sess.confirm_delete = None
            if state.with_store(lambda store: store.delete(pending, state.access())):
                if (sess.stored or ("",))[0] == pending:
                    sess.stored = None  # the data stays open, no longer saved under that name
                    sess.source = t("scen_source_deleted", name=pending)
                sess.notice = t("scen_deleted", name=state.plain(pending))
            st.rerun()
        elif no.button(t("scen_cancel"), key="delete_no"):
            sess.confirm_delete = None
            st.rerun()


def _figures(plan: Plan | None) -> dict[str, object]:
    """Key figures of a stored plan ('-' when saved without one)."""
    if plan is None:
        return {}
    s = plan.summary()
    return {
        t("figure_persons_housed"): s["persons_housed"],
        t("figure_households_housed"): s["households_housed"],
        t("figure_households_unassigned"): s["households_unassigned"],
        t("figure_splits"): s["splits"],
        t("figure_shortfall"): s["shortfall"],
        t("figure_status"): t("status_" + s["status"]),
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
    if a == b:
        st.info(t("scen_compare_same"))
        return
    opened = [state.with_store(lambda store, n=n: store.open(n, state.access(), log=False)) for n in (a, b)]
    if None in opened:  # a row that cannot be read is reported above, never a broken section
        return
    (sa, pa, _), (sb, pb, _) = opened
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
    st.markdown(t("scen_compare_municipalities", a=state.plain(a), b=state.plain(b)))
    st.dataframe(pd.DataFrame(per), hide_index=True, width="stretch")
    _compare_changes(sa, pa, sb, pb, a, b)


def _compare_changes(sa, pa: Plan, sb, pb: Plan, a: str, b: str) -> None:
    """The households whose home differs between the two saved plans, with why."""
    from allocation.app.views_shared import reasons_for
    from allocation.changes import plan_changes

    changes = plan_changes(
        pa, pb, sb, state.lang(), reasons_for(pb, sb), same_data=state.same_scenario(sa, sb)
    )
    st.markdown(t("scen_compare_changes", n=len(changes), a=state.plain(a), b=state.plain(b)))
    if changes:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col_household"): c.household,
                        a: c.before,
                        b: c.after,
                        t("changes_why"): c.why,
                    }
                    for c in changes
                ]
            ),
            hide_index=True,
            width="stretch",
            key="compare_changes",
        )


def _figures_order() -> list[str]:
    """Row order of the comparison table."""
    return [
        t("figure_persons_housed"),
        t("figure_households_housed"),
        t("figure_households_unassigned"),
        t("figure_splits"),
        t("figure_shortfall"),
        t("figure_status"),
    ]


def _audit_section() -> None:
    """The audit log, for coordinators of a signed-in app."""
    from allocation.access import LOCAL_USER

    access = state.access()
    if access is LOCAL_USER or not access.is_coordinator:
        return
    st.subheader(t("audit_title"))
    st.caption(t("audit_intro"))
    entries = state.with_store(lambda store: store.audit_log())
    if not entries:
        st.info(t("audit_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_at"): e.at.strftime("%Y-%m-%d %H:%M:%S"),
                    t("col_user"): e.user,
                    t("col_action"): e.action,
                    t("col_scenario"): e.scenario or "",
                    t("col_detail"): e.detail,
                }
                for e in entries
            ]
        ),
        hide_index=True,
        width="stretch",
        key="audit_table",
    )


def render() -> None:
    """The Scenario's page; ?scenario=NAME opens a stored scenario by name (if this user may)."""
    st.title(t("scen_title"))
    st.caption(t("scen_intro"))
    notice = session().take_notice()
    if notice:
        st.success(notice)
    wanted = st.query_params.get("scenario")
    if wanted:
        del st.query_params["scenario"]
        _open(wanted)
    _save_section()
    stored = state.with_store(lambda store: store.list(state.access()))
    if stored is None:
        return
    _list_section(stored)
    _compare_section([s.name for s in stored])
    _audit_section()


render()
