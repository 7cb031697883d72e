"""Prognose: expected arrivals per month per municipality, school places and deadlines (Q3, Q9-Q12)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import state
from allocation.forecast import (
    Forecast,
    arrival_rows,
    deadline_rows,
    forecast,
    forecast_texts,
    housing_days,
    school_rows,
)
from allocation.plan import Plan
from allocation.scenario import Scenario
from state import t


def _figures(result: Forecast) -> None:
    """How many households and persons are expected, and who is left out."""
    cols = st.columns(4)
    cols[0].metric(t("forecast_households"), len(result.expected))
    cols[1].metric(t("forecast_persons"), sum(f.persons for f in result.expected))
    cols[2].metric(t("forecast_refused"), len(result.refused))
    cols[3].metric(t("forecast_unknown"), len(result.unknown))


def _arrival_chart(scenario: Scenario, result: Forecast) -> None:
    """Arriving persons per month, stacked by municipality (by the likely arrival day)."""
    st.subheader(t("forecast_arrivals"))
    rows = arrival_rows(scenario, result)
    if not rows:
        st.info(t("forecast_none"))
        return
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=t("forecast_col_month")),
            y=alt.Y("sum(persons):Q", title=t("chart_persons")),
            color=alt.Color("name:N", title=t("col_municipality")),
            tooltip=[
                alt.Tooltip("month:O", title=t("forecast_col_month")),
                alt.Tooltip("name:N", title=t("col_municipality")),
                alt.Tooltip("persons:Q", title=t("chart_persons")),
                alt.Tooltip("households:Q", title=t("col_households")),
            ],
        )
        .properties(height=340)
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("forecast_arrivals_caption"))


def _school_table(scenario: Scenario, result: Forecast) -> None:
    """Arriving children by school type per municipality per month (Q12)."""
    st.subheader(t("forecast_schools"))
    rows = school_rows(scenario, result)
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


def _deadlines(scenario: Scenario, result: Forecast, plan: Plan | None) -> None:
    """Per household the deadlines after arrival (quota: the day the plan houses it), and the calendar."""
    st.subheader(t("forecast_deadlines"))
    rows = deadline_rows(result, housed=housing_days(scenario, plan, result) if plan is not None else None)
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
        st.dataframe(frame, hide_index=True, width="stretch", key="forecast_deadline_table")
    st.caption(t("forecast_quota_from_plan") if plan is not None else t("forecast_quota_from_arrival"))
    st.download_button(
        t("forecast_download_ics"),
        data=forecast_texts(scenario, plan=plan)[1]["calendar.ics"].encode("utf-8"),
        file_name="calendar.ics",
        mime="text/calendar",
        key="forecast_download_ics",
    )


def render() -> None:
    """The Prognose page for the open scenario."""
    st.title(t("forecast_title"))
    st.caption(t("forecast_intro"))
    scenario: Scenario | None = st.session_state.get("scenario")
    if scenario is None:
        st.warning(t("forecast_invalid"))
        return
    ss = st.session_state
    plan = ss.get("plan") if state.same_scenario(scenario, ss.get("plan_scenario")) else None
    result = forecast(scenario)
    _figures(result)
    _arrival_chart(scenario, result)
    _school_table(scenario, result)
    _deadlines(scenario, result, plan)


render()
