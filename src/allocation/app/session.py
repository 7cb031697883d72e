"""The planner's session as one typed object under one key of st.session_state.

Widgets with `key=` keep their own values in st.session_state by that key (Streamlit's rule); the
widget keys more than one file reads are named here. Everything else the app remembers between
reruns lives in `Session`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd
import streamlit as st

from allocation.access import Access
from allocation.errors import Problem
from allocation.plan import Mark, Plan
from allocation.policy import Policy
from allocation.scenario import Scenario

if TYPE_CHECKING:
    from streamlit.navigation.page import Page

    from allocation.background import BackgroundSolve
    from allocation.replan import Replanned

SESSION_KEY = "allocation_session"
"""The one st.session_state key the app's own state lives under."""
LANG_KEY = "lang"
"""Widget key of the language picker (the sidebar), read wherever a text is made."""
POLICY_WIDGET_PREFIX = "policy_"
"""Widget keys of the Regels inputs start with this; they are forgotten when another policy opens."""

Stored = tuple[str, int]
"""(name, version) of a scenario opened from or saved to the store."""


class Opened(NamedTuple):
    """What was last opened or saved, to go back to when the planner discards the edits."""

    data: Scenario | dict[str, pd.DataFrame]
    """The scenario, or the text tables of one that did not validate."""
    plan: Plan | None
    source: str
    stored: Stored | None


class KeptTo(NamedTuple):
    """The plan a solve keeps families against, the data it was made for, and where it came from."""

    plan: Plan
    scenario: Scenario | None
    source: str
    """'' for the plan on screen, else the saved scenario's name."""


@dataclass
class Session:
    """Everything one browser session remembers between reruns (widget values aside)."""

    access: Access | None = None
    """Who uses the session (None until main has asked; then the local user without sign-in)."""
    pages: dict[str, Page] = field(default_factory=dict)
    """The navigation pages by url path (for links and switching)."""

    tables: dict[str, pd.DataFrame] | None = None
    """The four canonical text tables the editors show (None before the start scenario opens)."""
    tables_dirty: bool = False
    """Tables changed outside the editors: validate them again on the next run."""
    editor_version: int = 0
    """Part of the editors' widget keys: a new one builds every editor afresh from the tables."""
    edited_names: set[str] = field(default_factory=set)
    """Tables the planner changed since the scenario was opened (unsaved edits)."""
    uploader_version: int = 0
    """Part of the upload box's widget key: a new one empties the box after a load."""
    opened: Opened | None = None
    """The scenario as opened, for discarding edits."""
    opened_policy: Policy | None = None
    """The policy of an opened scenario whose tables did not validate."""
    policy: Policy = field(default_factory=Policy)
    """The rules the session scenario is planned under (the Regels page edits it)."""
    source: str = ""
    """Where the data came from (file, example, stored name), shown in the sidebar."""
    stored: Stored | None = None
    """The stored scenario a save overwrites, when the data came from (or went to) the store."""
    upload_problems: list[Problem] = field(default_factory=list)
    """Why the last upload could not be opened at all (nothing to edit)."""
    load_notes: list[Problem] = field(default_factory=list)
    """Problems of the opened file outside any table row (a missing sheet or column)."""
    start_hidden: bool = False
    """The start scenario holds data outside this planner's scope, so it was not opened."""

    scenario: Scenario | None = None
    """The validated scenario of the tables and policy (None while they have problems)."""
    problems: list[Problem] = field(default_factory=list)
    """What the validation found in the tables."""

    plan: Plan | None = None
    """The plan on screen."""
    plan_scenario: Scenario | None = None
    """The scenario the plan was made for (a plan of other data is marked as stale)."""
    plan_result: Replanned | None = None
    """The replan result of the plan when this session solved it (scenario as planned, notes)."""
    plan_job: BackgroundSolve | None = None
    """The solve whose plan is on screen (its result is taken once)."""
    previous_plan: Plan | None = None
    """The plan before the last solve, for "what changed"."""
    previous_scenario: Scenario | None = None
    """The scenario of the previous plan."""
    statuses: dict[str, Mark] = field(default_factory=dict)
    """Households of the plan on screen the planner marked announced (told) or moved in: every
    re-solve keeps them in their homes; a moved-in family's home leaves the stock. Kept apart from
    the plan, whose identity the reasons are cached on; state.with_marks joins them."""
    plan_version: int = 0
    """Part of the widget keys of choices about the plan on screen (the marks, what a solve keeps
    families against): a new plan builds them afresh."""

    job: BackgroundSolve | None = None
    """The running (or last) background solve."""
    job_scenario: Scenario | None = None
    """The scenario the background solve plans."""
    job_previous: KeptTo | None = None
    """The plan the background solve keeps families against (on screen, or a saved scenario's)."""
    last_solver: str = "highs"
    """Solver of the last solve, used again by a re-solve after pinning."""
    last_time_limit: float | None = None
    """Time limit of the last solve, used again by a re-solve after pinning."""
    panel_was_running: bool = False
    """The progress panel showed a running solve: rerun the page once when it ends."""

    confirm_open: str | None = None
    """"upload" or "example" waiting for the planner to confirm losing the edits."""
    confirm_load: str | None = None
    """A stored scenario's name waiting for the planner to confirm losing the edits."""
    confirm_delete: str | None = None
    """A stored scenario's name waiting for the planner to confirm deleting it."""
    confirm_overwrite: Stored | None = None
    """(name, version seen) waiting for the planner to confirm overwriting it."""
    notice: str | None = None
    """A success message of the Scenario's page, shown once after its rerun."""

    def take_notice(self) -> str | None:
        """The pending notice, shown once."""
        notice, self.notice = self.notice, None
        return notice


def session() -> Session:
    """This browser session's Session, made on first use."""
    current = st.session_state.get(SESSION_KEY)
    if current is None:
        current = st.session_state[SESSION_KEY] = Session()
    return current


def forget_policy_widgets() -> None:
    """Drop the Regels inputs' values, so they show the session policy afresh."""
    for key in [k for k in st.session_state if str(k).startswith(POLICY_WIDGET_PREFIX)]:
        del st.session_state[key]
