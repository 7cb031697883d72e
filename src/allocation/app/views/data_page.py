"""Gegevens: open a scenario (example, workbook or CSV files), edit the four tables, see problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from allocation.app import editors, state
from allocation.app.session import session
from allocation.app.state import TABLE_NAMES, t
from allocation.app.views_shared import open_or_ask
from allocation.io.problem_texts import shown_problem

# Per file: a region of 2,000 households is a 0.4 MB workbook, so 20 MB holds fifty such regions.
MAX_UPLOAD_MB = 20
UPLOAD_TYPES = ("xlsx", "csv", "toml")

# Streamlit's uploader has no parameter for its own two texts ("Upload", "20MB per file"): this
# hides them (font size 0) and shows the chosen language's in their place. Should Streamlit rename the
# test ids, the rule matches nothing and its English texts show again; nothing is hidden without a
# replacement, since both rules use the same selector.
UPLOADER_CSS = """
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {{
    content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: 0.875rem; }}
"""


def _uploader_texts() -> None:
    """The uploader's button and size limit in the chosen language (English: Streamlit's own)."""
    if state.lang() == "en":
        return
    types = ", ".join(u.upper() for u in UPLOAD_TYPES)
    limit = t("upload_limit", mb=MAX_UPLOAD_MB, types=types)
    css = UPLOADER_CSS.format(button=t("upload_browse"), limit=limit)
    st.html(f"<style>{css}</style>")


def _problem_table(problems) -> pd.DataFrame:
    """Problems as rows a planner can scan: file, row, column, message (in the chosen language)."""
    shown = [shown_problem(p, state.lang()) for p in problems]
    return pd.DataFrame(
        [
            {
                t("col_file"): p.table,
                t("col_row"): p.row,
                t("col_column"): p.column,
                t("col_message"): p.message,
            }
            for p in shown
        ]
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _warnings(content: str, lang: str) -> list:
    """The scenario's warnings (never blocking), once per content and language."""
    from allocation.scenario import Scenario
    from allocation.warning_texts import scenario_warnings

    return scenario_warnings(Scenario.model_validate_json(content), lang)


def _open(kind: str, uploads) -> None:
    """Open the example or the uploaded files in place of the session scenario."""
    sess = session()
    if kind == "upload":
        if uploads:
            state.apply_upload([(f.name, f.getvalue()) for f in uploads])
            sess.uploader_version = sess.uploader_version + 1  # the box is empty for the next file
            st.rerun()
    elif state.load_path(state.EXAMPLE_DIR, source=t("example_source")):
        st.rerun()


def _open_section() -> None:
    """Upload or the example; a bad upload lists its problems instead of failing.

    Over unsaved edits either asks first: opening another scenario is the one way edits are lost.
    """
    sess = session()
    left, right = st.columns([3, 1])
    chosen = None
    with left:
        uploads = st.file_uploader(
            t("upload_label"),
            type=list(UPLOAD_TYPES),
            accept_multiple_files=True,
            help=t("upload_help"),
            key=f"uploader_{sess.uploader_version}",
            max_upload_size=MAX_UPLOAD_MB,
        )
        _uploader_texts()
        if uploads and st.button(t("upload_button"), type="primary"):
            chosen = "upload"
    with right:
        st.write("")
        if st.button(t("example_button"), width="stretch", key="example_button"):
            chosen = "example"
    open_or_ask(chosen, "confirm_open", "open", lambda kind: _open(kind, uploads))
    bad = sess.upload_problems or []
    if bad:
        st.error(t("upload_failed", n=len(bad)))
        st.dataframe(_problem_table(bad), hide_index=True, width="stretch")


def _table_section(name: str) -> None:
    """One editable table, typed and in the planner's words, with its problems marked on their rows."""
    sess = session()
    problems = state.problems_for(name)
    key = state.editor_key(name)
    frame, config = editors.editor_frame(name, sess.tables, problems, state.lang())
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        width="stretch",
        height=editors.EDITOR_HEIGHT,
        hide_index=False,
        placeholder="",
        key=key,
        column_config=config,
    )
    if state.edited_table(name, editors.editor_output(name, edited)):
        st.rerun()
    if problems:
        st.error(t("table_problems", n=len(problems)))
        st.dataframe(_problem_table(problems), hide_index=True, width="stretch")


def render() -> None:
    """The Gegevens page."""
    sess = session()
    st.title(t("data_title"))
    st.caption(t("data_intro"))
    _open_section()

    if sess.start_hidden and not sess.source:
        st.info(t("scope_start_hidden"), icon=":material/lock:")
    if state.has_edits():
        note, undo = st.columns([4, 1])
        note.info(t("edits_kept"), icon=":material/edit_note:")
        if undo.button(t("edits_discard"), key="discard_edits"):
            state.discard_edits()
            st.rerun()
    scenario = sess.scenario
    outside = state.access().outside(scenario) if scenario is not None else []
    if outside:
        st.error(t("scope_outside", names=state.plain(", ".join(outside))))
    problems = sess.problems
    if problems:
        per_table = ", ".join(
            f"{t('table_' + n)}: {len(state.problems_for(n))}" for n in TABLE_NAMES if state.problems_for(n)
        )
        st.error(t("data_invalid", n=len(problems), tables=per_table or "-"))
        other = [p for p in problems if p.file.split(".")[0] not in TABLE_NAMES]
        if other:
            st.dataframe(_problem_table(other), hide_index=True, width="stretch")
    else:
        st.success(t("data_valid"))
    notes = sess.load_notes or []
    if notes:
        st.warning(t("load_notes", n=len(notes)))
        st.dataframe(_problem_table(notes), hide_index=True, width="stretch")
    tabs = st.tabs([t("table_" + n) for n in TABLE_NAMES])
    for tab, name in zip(tabs, TABLE_NAMES, strict=True):
        with tab:
            _table_section(name)
    scenario = sess.scenario
    if scenario is not None:
        warnings = _warnings(scenario.model_dump_json(), state.lang())
        if warnings:
            with st.expander(t("data_warnings", n=len(warnings)), icon=":material/info:"):
                st.caption(t("data_warnings_intro"))
                st.dataframe(_problem_table(warnings), hide_index=True, width="stretch")

    scenario = sess.scenario
    if scenario is not None:  # made when clicked: a large region is not written on every rerun
        st.download_button(
            t("download_scenario"),
            data=lambda scenario=scenario: state.scenario_xlsx(scenario),
            file_name="scenario.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            key="download_scenario",
        )


render()
