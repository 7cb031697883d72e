"""Streamlit entry point of the planner app: language, sidebar status and page navigation."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import streamlit as st  # noqa: E402

from state import ensure_session, t  # noqa: E402
from texts import LANGUAGES  # noqa: E402

st.set_page_config(page_title="Nareizigers huisvesten", page_icon="🏠", layout="wide")
ensure_session()

with st.sidebar:
    st.selectbox(
        "Taal / Language",
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key="lang",
    )

pages = [
    st.Page("views/data_page.py", title=t("nav_data"), icon="📋", url_path="gegevens", default=True),
    st.Page("views/rules_page.py", title=t("nav_rules"), icon="⚖️", url_path="regels"),
    st.Page("views/solve_page.py", title=t("nav_solve"), icon="⚙️", url_path="oplossen"),
    st.Page("views/result_page.py", title=t("nav_result"), icon="📊", url_path="resultaat"),
    st.Page("views/scenarios_page.py", title=t("nav_scenarios"), icon="🗂️", url_path="scenarios"),
]
PAGE_PATHS = ("gegevens", "regels", "oplossen", "resultaat", "scenarios")
st.session_state["_pages"] = dict(zip(PAGE_PATHS, pages, strict=True))
current = st.navigation(pages)

with st.sidebar:
    ss = st.session_state
    scenario = ss.get("scenario")
    st.caption(t("sidebar_source", source=ss.get("source") or "-"))
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
        st.caption(t("sidebar_problems", n=len(ss.get("problems", []))))
    job = ss.get("job")
    if job is not None and not job.finished:
        st.caption(t("sidebar_solving"))

current.run()
