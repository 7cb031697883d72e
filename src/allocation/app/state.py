"""The planner's session: canonical tables, policy, validated scenario, plan and running solve.

What these functions change lives in the one Session object (allocation.app.session). Everything here
calls the library (io, solve, store); the app itself holds no business rules.
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
from allocation.app.session import LANG_KEY, KeptTo, Opened, forget_policy_widgets, session
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
    return st.session_state.get(LANG_KEY, "nl")


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
    return session().access or LOCAL_USER


def page(url_path: str):
    """The navigation page with this url path (for links and switching)."""
    return session().pages[url_path]


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
    session().opened = Opened(scenario, plan, source, stored)


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
    s = session()
    s.opened = Opened(tables, None, source, stored)
    s.stored = stored
    s.edited_names = set()
    s.tables = {name: as_text_table(tables[name], name) for name in TABLE_NAMES}
    s.editor_version += 1
    s.policy = policy
    s.source = source
    s.upload_problems = []
    s.start_hidden = False
    forget_policy_widgets()
    if valid is not None:
        s.scenario, s.problems = valid, []
    else:
        revalidate()
    s.plan = plan
    s.plan_scenario = s.scenario if plan is not None else None
    s.plan_result = None
    s.previous_plan = None
    s.statuses = dict(plan.statuses) if plan is not None else {}
    s.plan_version += 1


def replace_table(name: str, df: pd.DataFrame) -> None:
    """Replace one table and show it fresh in the editor (e.g. after pinning)."""
    s = session()
    s.edited_names.add(name)
    s.tables[name] = as_text_table(df, name)
    s.editor_version += 1
    revalidate()


def edited_table(name: str, df: pd.DataFrame) -> bool:
    """Take the data editor's output (as text) as the canonical table when it differs; then revalidate.

    The editor is then built afresh from the canonical table (a new key), so what it shows is always
    what is solved and saved, and the problem marks follow the edit.
    """
    s = session()
    new = as_text_table(df, name)
    if new.equals(s.tables[name]):
        return False
    s.tables[name] = new
    s.edited_names.add(name)
    s.editor_version += 1
    revalidate()
    return True


def editor_key(name: str) -> str:
    """The data editor's widget key for one table (new whenever the canonical tables change)."""
    return f"editor_{name}_{session().editor_version}"


def has_edits() -> bool:
    """Whether the planner changed the tables since the scenario was opened."""
    return bool(session().edited_names)


def discard_edits() -> None:
    """Back to the scenario as it was opened (tables, policy and plan)."""
    s = session()
    opened, plan, source, stored = s.opened
    if isinstance(opened, Scenario):
        set_scenario(opened, plan, source=source, stored=stored)
    else:
        set_tables(opened, s.opened_policy or Policy(), source=source, stored=stored)


def revalidate() -> None:
    """Run the same validation as for files; keep the scenario or the problem list."""
    from allocation.io import scenario_from_tables

    s = session()
    tables = {name: _clean_for_validation(s.tables[name]) for name in TABLE_NAMES}
    try:
        scenario = scenario_from_tables(tables, None, source="csv")
    except ScenarioError as exc:
        s.scenario = None
        s.problems = list(exc.problems)
        return
    s.scenario = scenario.model_copy(update={"policy": s.policy})
    s.problems = []


def set_policy(policy: Policy) -> None:
    """A new policy for the session scenario."""
    s = session()
    s.policy = policy
    if s.scenario is not None:
        s.scenario = s.scenario.model_copy(update={"policy": policy})


def same_scenario(a: Scenario | None, b: Scenario | None) -> bool:
    """Whether two scenarios hold the same data (lookup caches aside)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a.model_dump() == b.model_dump()


def plan_for(scenario: Scenario | None) -> Plan | None:
    """The session's plan when it was made for this scenario's data, else None (it would mislead)."""
    s = session()
    return s.plan if same_scenario(scenario, s.plan_scenario) else None


def with_marks(plan: Plan | None) -> Plan | None:
    """The plan with this session's marks (announced, moved in): saved, downloaded and passed to a
    re-solve with them."""
    marks = session().statuses
    if plan is None or plan.statuses == marks:
        return plan
    return plan.model_copy(update={"statuses": dict(marks)})


def problems_for(name: str) -> list[Problem]:
    """Problems that belong to one table (by file or sheet name)."""
    return [p for p in session().problems if p.file.split(".")[0] == name]


# ---------------------------------------------------------------- start, upload, example


def start_scenario_path() -> Path:
    """The scenario to open a new session with."""
    return Path(os.environ.get(START_ENV) or EXAMPLE_DIR)


def load_path(path: Path, source: str) -> bool:
    """Open a scenario folder or workbook; an invalid one opens in the editors with its problems marked.

    False (with upload_problems) only when nothing can be edited: not a workbook, no table readable.
    """
    from allocation.collector import collector_paused
    from allocation.io.raw_tables import open_tables

    s = session()
    try:
        with collector_paused():  # reading builds many small objects and frees none of them
            opened = open_tables(path)
    except Exception as exc:  # bad input must never end in a traceback
        s.upload_problems = [Problem(path.name, 0, "-", f"the file cannot be read: {exc}")]
        return False
    if opened.scenario is not None:
        set_scenario(opened.scenario, source=source)
        return True
    if opened.tables is None:
        s.upload_problems = list(opened.problems)
        return False
    set_tables(opened.tables, opened.policy, source=source)
    s.opened_policy = opened.policy
    s.load_notes = [p for p in opened.problems if p.row == 0 or p.file.split(".")[0] not in TABLE_NAMES]
    return True


def ensure_session() -> None:
    """Every run: open the start scenario in a new session; validate tables changed outside the editor."""
    s = session()
    if s.tables is not None:
        if s.tables_dirty:
            s.tables_dirty = False
            revalidate()
        return
    s.load_notes = []
    path = start_scenario_path()
    if not load_path(path, source=path.name):
        problems = s.upload_problems or [Problem(str(path), 0, "-", "could not be opened")]
        set_scenario(Scenario(), source="")
        revalidate()  # empty tables: nothing to solve until a scenario is opened
        s.upload_problems = problems
    elif access().outside(s.opened.data):  # a planner gets no other region's data, not even at start
        set_scenario(Scenario(), source="")
        revalidate()
        s.start_hidden = True


def apply_upload(files: list[tuple[str, bytes]]) -> bool:
    """An uploaded workbook or set of CSV files (and policy.toml) as the session scenario.

    The files are staged by the library's rules (names kept as uploaded), so the app opens exactly
    what `allocation solve` would, with the same messages.
    """
    from allocation.io.upload import stage_upload, upload_name

    names = [upload_name(n) for n, _ in files]
    workbooks = [n for n in names if n.lower().endswith((".xlsx", ".xlsm"))]
    if workbooks and len(files) > 1:
        session().upload_problems = [Problem(", ".join(names), 0, "-", t("upload_one_workbook"))]
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


ON_SCREEN = "screen"
"""Re-plan against the plan on screen (the default, as every re-solve after a pin or a mark)."""
NO_PREVIOUS = "none"
STORED_PREVIOUS = "stored:"
"""Prefix of a saved scenario's name: re-plan against the plan saved with it (last week's, say)."""


def saved_plans() -> list[str]:
    """Names of this user's saved scenarios that hold a plan ([] when the store cannot be read)."""
    from allocation.store import StoreError

    try:
        return [found.name for found in store().list(access()) if found.has_plan]
    except StoreError:
        return []


def previous_for(choice: str) -> KeptTo | None:
    """The plan a solve keeps families against (ON_SCREEN, NO_PREVIOUS or STORED_PREVIOUS + name);
    StoreError when a saved one cannot be opened."""
    s = session()
    if choice == ON_SCREEN and s.plan is not None:
        return KeptTo(with_marks(s.plan), s.plan_scenario, "")
    if choice.startswith(STORED_PREVIOUS):
        name = choice.removeprefix(STORED_PREVIOUS)
        loaded = store().open(name, access(), log=False)
        if loaded.plan is not None:
            return KeptTo(loaded.plan, loaded.scenario, name)
    return None


def start_solve(solver: str, time_limit: float | None, previous: str = ON_SCREEN) -> bool:
    """Start a background solve of the session scenario, kept close to PREVIOUS (see previous_for);
    False when the scenario is not valid. StoreError when a saved previous plan cannot be opened."""
    from allocation.background import BackgroundSolve

    s = session()
    scenario = s.scenario
    if scenario is None:
        return False
    if access().outside(scenario):
        return False
    # as `allocation solve --previous` plans: dated by default, and every family kept where the
    # previous plan has it unless moving it serves a term ranked before `changes`; by default the
    # plan on screen, so a re-solve after a pin, a mark or an edit moves nobody needlessly
    before = previous_for(previous)  # a saved plan that cannot be read stops here, the old solve runs on
    old = s.job
    if old is not None and not old.finished:
        old.kill()
    job = BackgroundSolve(
        scenario,
        solver=solver,
        time_limit=time_limit,
        previous=before.plan if before is not None else None,
        lang=lang(),
    ).start()
    s.job = job
    _reaper().watch(job)
    s.job_scenario = scenario
    s.job_previous = before
    s.last_solver, s.last_time_limit = solver, time_limit
    stored = s.stored
    detail = f"{solver}, {len(scenario.households)} households"
    if before is not None and before.source:  # a saved scenario's plan was read: the audit names it
        detail += f", against the plan of {before.source}"
    with_store(lambda db: db.record(access(), "solve", stored[0] if stored else s.source, detail))
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


@st.cache_resource(show_spinner=False)
def solver_server() -> bool:
    """Start the server solves are forked from once per app server, while the planner reads.

    Only under a running server: a script run bare (a test, or a process that imports the page
    while it is being started) starts no processes.
    """
    from streamlit import runtime

    from allocation.background import warm_up

    if not runtime.exists():
        return False
    warm_up()
    return True


def collect_result() -> bool:
    """Poll the running solve; when it finished with a plan, make that the session plan."""
    s = session()
    job = s.job
    if job is None:
        return False
    running = job.poll()
    if not running and job.plan is not None and s.plan_job is not job:
        before = s.job_previous
        if before is not None:  # "what changed": against the plan it kept families to
            s.previous_plan, s.previous_scenario = before.plan, before.scenario
        elif s.plan is not None:
            s.previous_plan, s.previous_scenario = s.plan, s.plan_scenario
        s.statuses = dict(job.plan.statuses)  # the re-plan keeps the marks of families it keeps in place
        s.plan_version += 1
        s.plan = job.plan
        s.plan_scenario = s.job_scenario
        s.plan_result = job.result
        s.plan_job = job
    return running
