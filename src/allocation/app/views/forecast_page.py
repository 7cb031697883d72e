"""Prognose: expected arrivals per month per municipality, school places and deadlines (Q3, Q9-Q12)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from allocation.app import state
from allocation.app.session import session
from allocation.app.state import t
from allocation.forecast import (
    Forecast,
    arrival_rows,
    deadline_rows,
    forecast,
    housing_days,
    school_rows,
)
from allocation.forecast.ics import calendar_text
from allocation.forecast.views import overdue_rows, placements
from allocation.labels import value_label
from allocation.plan import Plan
from allocation.scenario import Scenario


def _figures(result: Forecast) -> None:
    """How many households and persons are expected, and who is left out."""
    cols = st.columns(5)
    cols[0].metric(t("forecast_households"), len(result.expected))
    cols[1].metric(t("forecast_persons"), sum(f.persons for f in result.expected))
    cols[2].metric(t("forecast_overdue"), len(result.overdue), help=t("forecast_overdue_help"))
    cols[3].metric(t("forecast_refused"), len(result.refused))
    cols[4].metric(t("forecast_unknown"), len(result.unknown))


def _overdue(scenario: Scenario, result: Forecast) -> None:
    """Households whose arrival window has ended without arrival: check the TVS (controleer TVS)."""
    rows = overdue_rows(result)
    if not rows:
        return
    st.warning(t("forecast_overdue_title", n=len(rows)), icon=":material/event_busy:")
    lang = state.lang()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("forecast_col_household"): r["household"],
                    t("col_municipality"): scenario.municipality(r["municipality"]).name,
                    t("family_step"): value_label(r["tvs_step"], lang) if r["tvs_step"] else "-",
                    t("forecast_col_step_date"): r["step_date"],
                    t("forecast_col_latest"): r["latest"],
                }
                for r in rows
            ]
        ),
        hide_index=True,
        key="forecast_overdue",
        column_config={
            t("forecast_col_step_date"): st.column_config.DateColumn(format="DD-MM-YYYY"),
            t("forecast_col_latest"): st.column_config.DateColumn(format="DD-MM-YYYY"),
        },
    )


def _arrival_chart(scenario: Scenario, result: Forecast, codes: set[str] | None) -> None:
    """Arriving persons per month, stacked by municipality (by the likely arrival day), distinct colours."""
    st.subheader(t("forecast_arrivals"))
    rows = [r for r in arrival_rows(scenario, result) if not codes or r["municipality"] in codes]
    if not rows:
        st.info(t("forecast_none"))
        return
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=t("forecast_col_month")),
            y=alt.Y("sum(persons):Q", title=t("chart_persons")),
            color=alt.Color(
                "name:N",
                title=t("col_municipality"),
                scale=alt.Scale(scheme="tableau20"),
                legend=alt.Legend(orient="bottom", columns=5, labelLimit=200, symbolLimit=0),
            ),
            tooltip=[
                alt.Tooltip("month:O", title=t("forecast_col_month")),
                alt.Tooltip("name:N", title=t("col_municipality")),
                alt.Tooltip("persons:Q", title=t("chart_persons")),
                alt.Tooltip("households:Q", title=t("col_households")),
            ],
        )
        .properties(height=380)
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("forecast_arrivals_caption"))


def _school_table(scenario: Scenario, result: Forecast, plan: Plan | None, codes: set[str] | None) -> None:
    """Arriving children by school type per municipality per month (Q12); with a plan, where it houses."""
    st.subheader(t("forecast_schools"))
    placed = placements(scenario, plan, result) if plan is not None else None
    rows = [r for r in school_rows(scenario, result, placed) if not codes or r["municipality"] in codes]
    if not rows:
        st.info(t("forecast_no_children"))
        return
    frame = pd.DataFrame(rows)[["month", "name", "region", "primary", "isk"]].rename(
        columns={
            "month": t("forecast_col_month"),
            "name": t("col_municipality"),
            "region": t("forecast_col_region"),
            "primary": t("forecast_col_primary"),
            "isk": t("forecast_col_isk"),
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="forecast_schools")
    st.caption(t("forecast_schools_caption"))


def _deadlines(scenario: Scenario, result: Forecast, plan: Plan | None, codes: set[str] | None) -> None:
    """Per household the deadlines after arrival (quota: the day the plan houses it), and the calendar."""
    st.subheader(t("forecast_deadlines"))
    all_rows = deadline_rows(
        result, housed=housing_days(scenario, plan, result) if plan is not None else None
    )
    rows = [r for r in all_rows if not codes or r["municipality"] in codes]
    if rows:
        frame = pd.DataFrame(rows)[["due", "household", "municipality", "deadline", "persons"]]
        frame["deadline"] = [t(f"forecast_deadline_{kind}") for kind in frame["deadline"]]
        frame["municipality"] = [scenario.municipality(code).name for code in frame["municipality"]]
        frame = frame.rename(
            columns={
                "due": t("forecast_col_due"),
                "household": t("forecast_col_household"),
                "municipality": t("col_municipality"),
                "deadline": t("forecast_col_deadline"),
                "persons": t("chart_persons"),
            }
        )
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key="forecast_deadline_table",
            column_config={t("forecast_col_due"): st.column_config.DateColumn(format="DD-MM-YYYY")},
        )
    st.caption(t("forecast_quota_from_plan") if plan is not None else t("forecast_quota_from_arrival"))
    st.download_button(
        t("forecast_download_ics"),
        data=calendar_text(
            rows, lang=state.lang(), names={m.code: m.name for m in scenario.municipalities}
        ).encode("utf-8"),
        file_name="calendar.ics",
        mime="text/calendar",
        key="forecast_download_ics",
    )


def render() -> None:
    """The Prognose page for the open scenario."""
    st.title(t("forecast_title"))
    st.caption(t("forecast_intro"))
    scenario: Scenario | None = session().scenario
    if scenario is None:
        st.warning(t("forecast_invalid"))
        return
    plan = state.plan_for(scenario)
    result = forecast(scenario)
    _figures(result)
    _overdue(scenario, result)
    names = {m.code: m.name for m in scenario.municipalities}
    chosen = st.multiselect(
        t("result_filter"),
        sorted(names, key=names.get),
        format_func=names.get,
        key="forecast_filter",
        placeholder=t("result_all"),
    )
    codes = set(chosen) or None
    _arrival_chart(scenario, result, codes)
    _school_table(scenario, result, plan, codes)
    _deadlines(scenario, result, plan, codes)


render()
