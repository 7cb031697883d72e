"""The planner's session: canonical tables, policy, validated scenario, plan and running solve.

Everything here calls the library (io, solve, store); the app itself holds no business rules.
"""

from __future__ import annotations

import io
import os
import string
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from allocation.access import LOCAL_USER, Access
from allocation.app.texts import text
from allocation.errors import Problem, ScenarioError
from allocation.plan import Plan
from allocation.policy import Policy
from allocation.scenario import Scenario

TABLE_NAMES: tuple[str, ...] = ("municipalities", "dwellings", "households", "persons")
EXAMPLE_DIR = Path(__file__).resolve().parents[3] / "data" / "example"
"""The bundled example of a checkout (src/allocation/app/ -> the repository root)."""
START_ENV = "ALLOCATION_APP_SCENARIO"
"""Scenario the app opens with (set by `allocation app SCENARIO`); default the bundled example."""


# ---------------------------------------------------------------- language


def lang() -> str:
    """The chosen UI language ('nl' by default)."""
    return st.session_state.get("lang", "nl")


def t(key: str, **values: Any) -> str:
    """A UI text in the chosen language."""
    return text(key, lang(), **values)


def t_in(lang_code: str):
    """t() bound to one language: for labels Streamlit formats after the script run (pick lists)."""
    return lambda key, **values: text(key, lang_code, **values)


MARKDOWN_SPECIALS = frozenset(string.punctuation)
"""ASCII punctuation: each may be backslash-escaped in (CommonMark) Markdown."""


def plain(value: object) -> str:
    """A user-supplied text (a name, a file name, an id) to put in Markdown: shown as typed, never as markup.

    Every ASCII punctuation character is backslash-escaped, so `<img ...>`, `![..](..)`, `**` and links
    stay literal text; newlines become spaces.
    """
    out = []
    for char in " ".join(str(value).splitlines()):
        out.append("\\" + char if char in MARKDOWN_SPECIALS else char)
    return "".join(out)


def money(value: float | None) -> str:
    """An amount in euros as the chosen language writes it (Dutch: € 1.234,56)."""
    if value is None:
        return "-"
    english = f"{value:,.2f}"
    if lang() == "nl":
        return "€ " + english.translate(str.maketrans(",.", ".,"))
    return "€" + english


def access() -> Access:
    """Who uses this session (the local user when the app runs without sign-in)."""
    return st.session_state.get("access") or LOCAL_USER


def page(url_path: str):
    """The navigation page with this url path (for links and switching)."""
    return st.session_state["_pages"][url_path]


# ---------------------------------------------------------------- tables


def _cell_text(value: object) -> str:
    """A cell as the planner would type it in a CSV file ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def as_text_table(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Every cell as text in the canonical column order, rows numbered from 1 like the problems."""
    from allocation.io.tables import TABLES

    columns = TABLES[name].column_names
    extra = [c for c in df.columns if c not in columns]
    out = pd.DataFrame(
        {c: [_cell_text(v) for v in df[c]] if c in df.columns else [""] * len(df) for c in columns + extra},
        dtype=object,
    )
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def _clean_for_validation(df: pd.DataFrame) -> pd.DataFrame:
    """Editor output (None for new cells) as the strings a CSV reader would give."""
    out = df.copy()
    for c in out.columns:
        out[c] = [_cell_text(v) for v in out[c]]
    return out.reset_index(drop=True)


def scenario_tables(scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The scenario as four text tables (through the library's writer side)."""
    from allocation.io import scenario_to_tables

    tables = scenario_to_tables(scenario)
    return {name: as_text_table(tables[name], name) for name in TABLE_NAMES}


def set_scenario(
    scenario: Scenario, plan: Plan | None = None, source: str = "", stored: tuple[str, int] | None = None
) -> None:
    """Make SCENARIO the session's scenario (tables, policy) and PLAN its current plan.

    STORED is (name, version) when the scenario comes from the store: a later save under that name
    overwrites that version only.
    """
    set_tables(
        scenario_tables(scenario), scenario.policy, source=source, stored=stored, plan=plan, valid=scenario
    )
    st.session_state["opened"] = (scenario, plan, source, stored)


def set_tables(
    tables: dict[str, pd.DataFrame],
    policy: Policy,
    source: str = "",
    stored: tuple[str, int] | None = None,
    plan: Plan | None = None,
    valid: Scenario | None = None,
) -> None:
    """Make these text tables the session's data, valid or not: problems are marked in the editors.

    VALID is the scenario the tables were written from (already validated: not checked again).
    """
    ss = st.session_state
    ss["opened"] = (tables, None, source, stored)
    ss["stored"] = stored
    ss["edited_names"] = set()
    ss["tables"] = {name: as_text_table(tables[name], name) for name in TABLE_NAMES}
    ss["editor_version"] = ss.get("editor_version", 0) + 1
    ss["policy"] = policy
    ss["source"] = source
    ss["upload_problems"] = []
    ss["start_hidden"] = False
    for key in [k for k in ss if str(k).startswith("policy_")]:
        del ss[key]
    if valid is not None:
        ss["scenario"], ss["problems"] = valid, []
    else:
        revalidate()
    ss["plan"] = plan
    ss["plan_scenario"] = ss["scenario"] if plan is not None else None
    ss["plan_result"] = None
    ss["previous_plan"] = None


def replace_table(name: str, df: pd.DataFrame) -> None:
    """Replace one table and show it fresh in the editor (e.g. after pinning)."""
    ss = st.session_state
    ss.setdefault("edited_names", set()).add(name)
    ss["tables"][name] = as_text_table(df, name)
    ss["editor_version"] = ss.get("editor_version", 0) + 1
    revalidate()


def edited_table(name: str, df: pd.DataFrame) -> bool:
    """Take the data editor's output (as text) as the canonical table when it differs; then revalidate.

    The editor is then built afresh from the canonical table (a new key), so what it shows is always
    what is solved and saved, and the problem marks follow the edit.
    """
    ss = st.session_state
    new = as_text_table(df, name)
    if new.equals(ss["tables"][name]):
        return False
    ss["tables"][name] = new
    ss.setdefault("edited_names", set()).add(name)
    ss["editor_version"] = ss.get("editor_version", 0) + 1
    revalidate()
    return True


def editor_key(name: str) -> str:
    """The data editor's widget key for one table (new whenever the canonical tables change)."""
    return f"editor_{name}_{st.session_state['editor_version']}"


def has_edits() -> bool:
    """Whether the planner changed the tables since the scenario was opened."""
    return bool(st.session_state.get("edited_names"))


def discard_edits() -> None:
    """Back to the scenario as it was opened (tables, policy and plan)."""
    opened, plan, source, stored = st.session_state["opened"]
    if isinstance(opened, Scenario):
        set_scenario(opened, plan, source=source, stored=stored)
    else:
        set_tables(opened, st.session_state.get("opened_policy") or Policy(), source=source, stored=stored)


def revalidate() -> None:
    """Run the same validation as for files; keep the scenario or the problem list."""
    from allocation.io import scenario_from_tables

    ss = st.session_state
    tables = {name: _clean_for_validation(ss["tables"][name]) for name in TABLE_NAMES}
    try:
        scenario = scenario_from_tables(tables, None, source="csv")
    except ScenarioError as exc:
        ss["scenario"] = None
        ss["problems"] = list(exc.problems)
        return
    ss["scenario"] = scenario.model_copy(update={"policy": ss["policy"]})
    ss["problems"] = []


def set_policy(policy: Policy) -> None:
    """A new policy for the session scenario."""
    ss = st.session_state
    ss["policy"] = policy
    if ss.get("scenario") is not None:
        ss["scenario"] = ss["scenario"].model_copy(update={"policy": policy})


def same_scenario(a: Scenario | None, b: Scenario | None) -> bool:
    """Whether two scenarios hold the same data (lookup caches aside)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a.model_dump() == b.model_dump()


def plan_for(scenario: Scenario | None) -> Plan | None:
    """The session's plan when it was made for this scenario's data, else None (it would mislead)."""
    ss = st.session_state
    return ss.get("plan") if same_scenario(scenario, ss.get("plan_scenario")) else None


def problems_for(name: str) -> list[Problem]:
    """Problems that belong to one table (by file or sheet name)."""
    return [p for p in st.session_state.get("problems", []) if p.file.split(".")[0] == name]


# ---------------------------------------------------------------- start, upload, example


def start_scenario_path() -> Path:
    """The scenario to open a new session with."""
    return Path(os.environ.get(START_ENV) or EXAMPLE_DIR)


def load_path(path: Path, source: str) -> bool:
    """Open a scenario folder or workbook; an invalid one opens in the editors with its problems marked.

    False (with upload_problems) only when nothing can be edited: not a workbook, no table readable.
    """
    from allocation.io.raw_tables import open_tables

    ss = st.session_state
    try:
        opened = open_tables(path)
    except Exception as exc:  # bad input must never end in a traceback
        ss["upload_problems"] = [Problem(path.name, 0, "-", f"the file cannot be read: {exc}")]
        return False
    if opened.scenario is not None:
        set_scenario(opened.scenario, source=source)
        return True
    if opened.tables is None:
        ss["upload_problems"] = list(opened.problems)
        return False
    set_tables(opened.tables, opened.policy, source=source)
    ss["opened_policy"] = opened.policy
    ss["load_notes"] = [p for p in opened.problems if p.row == 0 or p.file.split(".")[0] not in TABLE_NAMES]
    return True


def ensure_session() -> None:
    """Every run: open the start scenario in a new session; validate tables changed outside the editor."""
    ss = st.session_state
    if "tables" in ss:
        if ss.pop("tables_dirty", False):
            revalidate()
        return
    ss["load_notes"] = []
    ss.setdefault("plan", None)
    ss.setdefault("job", None)
    path = start_scenario_path()
    if not load_path(path, source=path.name):
        problems = ss.get("upload_problems") or [Problem(str(path), 0, "-", "could not be opened")]
        set_scenario(Scenario(), source="")
        revalidate()  # empty tables: nothing to solve until a scenario is opened
        ss["upload_problems"] = problems
    elif access().outside(ss["opened"][0]):  # a planner gets no other region's data, not even at start
        set_scenario(Scenario(), source="")
        revalidate()
        ss["start_hidden"] = True


def apply_upload(files: list[tuple[str, bytes]]) -> bool:
    """An uploaded workbook or set of CSV files (and policy.toml) as the session scenario.

    The files are staged by the library's rules (names kept as uploaded), so the app opens exactly
    what `allocation solve` would, with the same messages.
    """
    from allocation.io.upload import stage_upload, upload_name

    ss = st.session_state
    names = [upload_name(n) for n, _ in files]
    workbooks = [n for n in names if n.lower().endswith((".xlsx", ".xlsm"))]
    if workbooks and len(files) > 1:
        ss["upload_problems"] = [Problem(", ".join(names), 0, "-", t("upload_one_workbook"))]
        return False
    with tempfile.TemporaryDirectory() as tmp:
        target = stage_upload(files, Path(tmp))
        return load_path(target, source=", ".join(names))


# ---------------------------------------------------------------- downloads


def scenario_xlsx(scenario: Scenario) -> bytes:
    """The scenario as one workbook (same sheets and columns as the input format)."""
    from allocation.io import write_scenario

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.xlsx"
        write_scenario(scenario, path)
        return path.read_bytes()


def plan_xlsx(plan: Plan, lang: str = "nl", names=None, reasons=None) -> bytes:
    """The plan as a workbook in LANG (Dutch sheets and columns, names beside codes)."""
    from allocation.io.plan_xlsx import write_plan_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.xlsx"
        write_plan_workbook(plan, path, lang, names, reasons)
        return path.read_bytes()


def plan_csv_zip(plan: Plan, lang: str = "nl", names=None, reasons=None) -> bytes:
    """The plan's tables as CSV files in one zip; in English the contract files of `allocation solve`."""
    from allocation.io import write_plan
    from allocation.io.plan_xlsx import plan_csv_texts

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        if lang == "en":
            with tempfile.TemporaryDirectory() as tmp:
                for path in write_plan(plan, tmp):
                    zf.write(path, arcname=Path(path).name)
        else:
            for name, text in plan_csv_texts(plan, lang, names, reasons).items():
                zf.writestr(name, text)
    return buffer.getvalue()


# ---------------------------------------------------------------- store


@st.cache_resource(show_spinner=False)
def _store_for(url: str):
    """One store (engine) per database URL for the whole server (a fault is not cached: tried again)."""
    from allocation.store import ScenarioStore

    return ScenarioStore(url)


def store():
    """The scenario store named by ALLOCATION_DB_URL (or the default SQLite file); StoreError on a fault."""
    from allocation.store import default_url

    return _store_for(default_url())


def store_message(err) -> str:
    """A StoreError as the planner reads it: what went wrong with which database, and what to do."""
    from allocation.store import MAX_NAME

    key = f"store_{err.kind}"
    values = {
        "database": plain(err.database),
        "detail": plain(err.detail),
        "name": plain(err.name or ""),
        "max": MAX_NAME,
        "n": len(err.name or ""),
    }
    from allocation.app.texts import has_text

    return t(key, **values) if has_text(key, lang()) else plain(str(err))


def with_store(action, *args, **kwargs):
    """Run a store call; a fault is shown as a message (never a traceback) and gives None."""
    from allocation.store import StoreError

    try:
        return action(store(), *args, **kwargs)
    except StoreError as err:
        st.error(store_message(err), icon=":material/database:")
        return None


# ---------------------------------------------------------------- solving


def start_solve(solver: str, time_limit: float | None) -> bool:
    """Start a background solve of the session scenario; False when it is not valid."""
    from allocation.background import BackgroundSolve

    ss = st.session_state
    scenario = ss.get("scenario")
    if scenario is None:
        return False
    if access().outside(scenario):
        return False
    old = ss.get("job")
    if old is not None and not old.finished:
        old.kill()
    # as `allocation solve` plans: dated by default, and the plan on screen as the previous plan, so a
    # re-solve (after a pin or an edit) keeps every family where it is unless moving it serves a
    # term ranked before `changes`
    previous = ss.get("plan")
    job = BackgroundSolve(
        scenario, solver=solver, time_limit=time_limit, previous=previous, lang=lang()
    ).start()
    ss["job"] = job
    _reaper().watch(job)
    ss["job_scenario"] = scenario
    ss["last_solver"], ss["last_time_limit"] = solver, time_limit
    stored = ss.get("stored")
    detail = f"{solver}, {len(scenario.households)} households"
    with_store(lambda s: s.record(access(), "solve", stored[0] if stored else ss.get("source"), detail))
    return True


class SolveReaper:
    """Ends the solver process of a browser session that is gone (tab closed, connection lost).

    Streamlit drops a closed tab's session without a callback; one thread per server checks the
    sessions that run a solve, and kills a solve whose session stayed inactive for GRACE seconds.
    """

    GRACE = 2.0
    INTERVAL = 0.5

    def __init__(self) -> None:
        self._jobs: dict[int, tuple[str, Any]] = {}
        self._lock = threading.Lock()
        self._inactive_since: dict[int, float] = {}
        threading.Thread(target=self._run, name="allocation-solve-reaper", daemon=True).start()

    def watch(self, job) -> None:
        """Watch JOB on behalf of the current session (no-op outside a running server)."""
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not runtime.exists():
            return
        with self._lock:
            self._jobs[id(job)] = (ctx.session_id, job)

    def _run(self) -> None:
        from streamlit import runtime

        while True:
            time.sleep(self.INTERVAL)
            if not runtime.exists():
                continue
            active = runtime.get_instance().is_active_session
            now = time.monotonic()
            with self._lock:
                for key, (session_id, job) in list(self._jobs.items()):
                    if job.finished or not job.alive:
                        del self._jobs[key]
                    elif active(session_id):
                        self._inactive_since.pop(key, None)
                    elif now - self._inactive_since.setdefault(key, now) >= self.GRACE:
                        job.kill()
                        del self._jobs[key]
                        self._inactive_since.pop(key, None)


@st.cache_resource(show_spinner=False)
def _reaper() -> SolveReaper:
    """The server's one reaper thread."""
    return SolveReaper()


def collect_result() -> bool:
    """Poll the running solve; when it finished with a plan, make that the session plan."""
    ss = st.session_state
    job = ss.get("job")
    if job is None:
        return False
    running = job.poll()
    if not running and job.plan is not None and ss.get("plan_job") is not job:
        if ss.get("plan") is not None:  # kept for "what changed"
            ss["previous_plan"], ss["previous_scenario"] = ss["plan"], ss.get("plan_scenario")
        ss["plan"] = job.plan
        ss["plan_scenario"] = ss.get("job_scenario")
        ss["plan_result"] = job.result
        ss["plan_job"] = job
    return running
