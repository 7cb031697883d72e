"""Streamlit entry point of the planner app: language, sidebar status and page navigation."""

from __future__ import annotations

import streamlit as st

from allocation.app import auth
from allocation.app.session import LANG_KEY, session
from allocation.app.state import collect_result, ensure_session, plain, solver_server, t
from allocation.app.texts import LANGUAGES

st.set_page_config(page_title="Nareizigers huisvesten", page_icon="🏠", layout="wide")
session().access = auth.current_access()  # may show the sign-in page and stop here
ensure_session()
solver_server()

with st.sidebar:
    st.selectbox(
        "Taal / Language",
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=LANG_KEY,
    )

PAGES = (  # (file, text key, icon, url path)
    ("views/data_page.py", "nav_data", ":material/table_chart:", "gegevens"),
    ("views/rules_page.py", "nav_rules", ":material/gavel:", "regels"),
    ("views/solve_page.py", "nav_solve", ":material/play_circle:", "oplossen"),
    ("views/result_page.py", "nav_result", ":material/bar_chart:", "resultaat"),
    ("views/family_page.py", "nav_family", ":material/family_restroom:", "gezin"),
    ("views/home_page.py", "nav_home", ":material/home:", "woning"),
    ("views/forecast_page.py", "nav_forecast", ":material/event:", "prognose"),
    ("views/scenarios_page.py", "nav_scenarios", ":material/folder_open:", "scenarios"),
)
pages = [
    st.Page(path, title=t(key), icon=icon, url_path=url, default=i == 0)
    for i, (path, key, icon, url) in enumerate(PAGES)
]
session().pages = {url: page for (_, _, _, url), page in zip(PAGES, pages, strict=True)}
current = st.navigation(pages)

with st.sidebar:
    sess = session()
    scenario = sess.scenario
    auth.sidebar_status(sess.access)
    st.caption(t("sidebar_source", source=plain(sess.source or "-")))
    if scenario is not None:
        st.caption(
            t(
                "sidebar_counts",
                municipalities=len(scenario.municipalities),
                dwellings=len(scenario.dwellings),
                households=len(scenario.households),
                persons=len(scenario.persons),
            )
        )
    else:
        st.caption(t("sidebar_problems", n=len(sess.problems)))
    if collect_result():  # polled first: a solve that ended since the last run is not shown as running
        st.caption(t("sidebar_solving"))

current.run()
