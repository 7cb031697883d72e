"""The app keeps its state in one Session object: st.session_state holds widget values and that key only."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

import pytest

from allocation.app.session import SESSION_KEY, Session
from app_fixtures import app_session, goto, open_app

APP_DIR = Path(__file__).resolve().parents[1] / "src" / "allocation" / "app"
ACCESSORS = {"get", "pop", "setdefault", "__contains__", "__getitem__", "__setitem__", "__delitem__"}


class Use(NamedTuple):
    """One place a source reads or writes st.session_state by a key."""

    where: str
    key: ast.expr | None
    """The key expression (None: the key is an attribute name, given in `attribute`)."""
    attribute: str | None = None


def _sources() -> dict[str, ast.Module]:
    """Every module of the app package, by its path inside the package."""
    return {
        str(p.relative_to(APP_DIR)): ast.parse(p.read_text(), str(p)) for p in sorted(APP_DIR.rglob("*.py"))
    }


def _constants(trees: dict[str, ast.Module]) -> dict[str, str]:
    """Module-level NAME = "text" of every app module (the named keys)."""
    out: dict[str, str] = {}
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        out[target.id] = node.value.value
    return out


def _is_session_state(node: ast.AST, aliases: set[str]) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "session_state":
        return isinstance(node.value, ast.Name) and node.value.id == "st"
    return isinstance(node, ast.Name) and node.id in aliases


def _uses(name: str, tree: ast.Module) -> tuple[list[Use], set[str]]:
    """Every keyed use of st.session_state (or a name bound to it) in one module, and the loop
    variables that walk over its keys."""
    aliases = {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_session_state(node.value, set())
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    walked: set[str] = set()
    for node in ast.walk(tree):
        loop = isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name)
        if loop and any(_is_session_state(n, aliases) for n in ast.walk(node.iter)):
            walked.add(node.target.id)
    uses: list[Use] = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Subscript) and _is_session_state(node.value, aliases):
            uses.append(Use(where, node.slice))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ACCESSORS and _is_session_state(node.func.value, aliases) and node.args:
                uses.append(Use(where, node.args[0]))
        elif isinstance(node, ast.Compare) and any(_is_session_state(c, aliases) for c in node.comparators):
            uses.append(Use(where, node.left))
        elif (
            isinstance(node, ast.Attribute)
            and _is_session_state(node.value, aliases)
            and node.attr not in ACCESSORS | {"keys", "items", "values", "clear"}
        ):
            uses.append(Use(where, None, node.attr))
    return uses, walked


def _prefix(expr: ast.expr, constants: dict[str, str], local: dict[str, ast.expr]) -> tuple[str, bool] | None:
    """The key as text and whether it is whole (False: only its leading part is known); None when unknown."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value, True
    if isinstance(expr, ast.Name):
        if expr.id in local:
            return _prefix(local[expr.id], constants, {})
        if expr.id in constants:
            return constants[expr.id], True
        return None
    if isinstance(expr, ast.JoinedStr):
        text = ""
        for part in expr.values:
            if isinstance(part, ast.Constant):
                text += str(part.value)
                continue
            known = _prefix(part.value, constants, local) if isinstance(part, ast.FormattedValue) else None
            if known is None or not known[1]:
                return (text + (known[0] if known else ""), False) if text or known else None
            text += known[0]
        return text, True
    return None


def _locals(tree: ast.Module) -> dict[int, dict[str, ast.expr]]:
    """Per function (by its first line) the names assigned once in it: a key kept in a variable."""
    out: dict[int, dict[str, ast.expr]] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef):
            names: dict[str, ast.expr] = {}
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                ):
                    names[node.targets[0].id] = node.value
            for node in ast.walk(fn):
                if hasattr(node, "lineno"):
                    out.setdefault(node.lineno, names)
    return out


def widget_keys(trees: dict[str, ast.Module], constants: dict[str, str]) -> tuple[set[str], set[str]]:
    """The `key=` of every widget call in the app: whole keys, and the leading parts of made ones."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    for tree in trees.values():
        local = _locals(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg != "key":
                    continue
                known = _prefix(keyword.value, constants, local.get(node.lineno, {}))
                if known is not None:
                    (whole if known[1] else prefixes).add(known[0])
    return whole, prefixes


def session_state_problems(trees: dict[str, ast.Module]) -> list[str]:
    """Each use of st.session_state by a key that is neither a widget's nor the session's."""
    constants = _constants(trees)
    whole, prefixes = widget_keys(trees, constants)
    allowed = whole | {SESSION_KEY}
    problems = []
    for name, tree in trees.items():
        uses, walked = _uses(name, tree)
        local = _locals(tree)
        for use in uses:
            if use.key is None:
                problems.append(f"{use.where}: st.session_state.{use.attribute} is no widget key")
                continue
            if isinstance(use.key, ast.Name) and use.key.id in walked:
                continue  # a key the loop took from st.session_state itself
            lineno = int(use.where.rsplit(":", 1)[1])
            known = _prefix(use.key, constants, local.get(lineno, {}))
            if known is None:
                problems.append(f"{use.where}: key {ast.unparse(use.key)} cannot be told")
            elif known[1] and known[0] not in allowed and not any(known[0].startswith(p) for p in prefixes):
                problems.append(f"{use.where}: {known[0]!r} is neither a widget key nor {SESSION_KEY!r}")
            elif not known[1] and not any(known[0].startswith(p) for p in prefixes):
                problems.append(f"{use.where}: {known[0]!r}... is no widget key")
    return problems


def test_pages_and_helpers_use_st_session_state_for_widget_keys_and_the_session_only():
    trees = _sources()
    assert {"main.py", "state.py", "views/data_page.py", "views/result_page.py"} <= set(trees)
    assert session_state_problems(trees) == []


def _module(source: str) -> dict[str, ast.Module]:
    """One page's source as the checker reads the app."""
    return {"page.py": ast.parse(source)}


@pytest.mark.parametrize(
    "source, found",
    [
        ('import streamlit as st\nst.session_state["plan"] = None\n', "'plan' is neither"),
        (
            'import streamlit as st\ndef f():\n    ss = st.session_state\n    return ss.get("tables")\n',
            "'tables'",
        ),
        ('import streamlit as st\nif "job" in st.session_state:\n    pass\n', "'job'"),
        ("import streamlit as st\nst.session_state.scenario = 1\n", "st.session_state.scenario"),
        ('import streamlit as st\nst.session_state[f"x_{1}"] = 1\n', "'x_'... is no widget key"),
        ('import streamlit as st\nst.session_state.pop("scen_notice", None)\n', "'scen_notice'"),
    ],
)
def test_a_string_key_of_the_app_itself_is_found(source, found):
    problems = session_state_problems(_module(source))
    assert len(problems) == 1 and found in problems[0], problems


def test_widget_keys_and_the_session_key_pass():
    source = (
        "import streamlit as st\n"
        'KEY = "lang"\n'
        "st.selectbox('x', [], key=KEY)\n"
        "def f(name):\n"
        '    key = f"policy_{name}"\n'
        "    st.toggle('y', key=key)\n"
        "    if key not in st.session_state:\n"
        "        st.session_state[key] = True\n"
        f'st.session_state["{SESSION_KEY}"] = 1\n'
        "x = st.session_state[KEY]\n"
    )
    assert session_state_problems(_module(source)) == []


@pytest.fixture(autouse=True)
def tmp_store(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATION_DB_URL", str(tmp_path / "scenarios.db"))
    monkeypatch.delenv("ALLOCATION_APP_SCENARIO", raising=False)


def test_every_page_runs_with_the_one_session_object():
    at = open_app()
    session = app_session(at)
    assert isinstance(session, Session)
    assert session.scenario is not None and session.tables is not None
    for page in ("regels", "oplossen", "resultaat", "gezin", "woning", "prognose", "scenarios", "gegevens"):
        goto(at, page)
        assert app_session(at) is session  # the same object across pages and reruns
