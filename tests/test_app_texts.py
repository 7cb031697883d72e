"""Every text the app shows exists in Dutch and English, and every text key used in the app is defined."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pandas as pd

import allocation.app
from allocation.app.editors import editor_frame
from allocation.app.texts import LANGUAGES, TEXTS
from allocation.io.tables import TABLES
from allocation.policy import OBJECTIVE_TERMS, Policy

APP = Path(allocation.app.__file__).resolve().parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_every_literal_text_key_in_the_app_is_defined():
    used = set()
    for path in [*APP.glob("*.py"), *APP.glob("views/*.py")]:
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+)\"\s*[,)]", path.read_text()))
    assert used, "no text keys found"
    assert sorted(used - set(TEXTS)) == []


def test_composed_keys_exist():
    for status in ("optimal", "feasible", "infeasible", "unknown"):
        assert f"status_{status}" in TEXTS
    for kind in ("join", "move", "split"):
        assert f"kind_{kind}" in TEXTS
    for table in ("municipalities", "dwellings", "households", "persons"):
        assert f"table_{table}" in TEXTS
    for name, field in Policy.model_fields.items():  # every rule has a one-line explanation
        assert f"policy_help_{name}" in TEXTS or field.description, name
    for term in OBJECTIVE_TERMS:
        assert f"option_{term}" in TEXTS


def test_rule_explanations_cite_the_seed():
    cites = {
        "woningcheck": "Q5",
        "regional_cooperation": "Q6",
        "amv_municipality_allowed": "Q7",
        "split_allowed": "Casus 4",
        "split_roles": "Casus 4",
    }
    for name, ref in cites.items():
        for lang in LANGUAGES:
            assert TEXTS[f"policy_help_{name}"][lang].startswith(ref), (name, lang)


def test_no_page_holds_a_bare_string_that_magic_would_show():
    # Pages run as Streamlit scripts: with magic on (a bare `streamlit run`), a string standing
    # alone in a page's top level is shown on screen, in English, as a developer note once was.
    pages = [APP / "main.py", *sorted((APP / "views").glob("*.py"))]
    found = []
    for path in pages:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
        found += [
            f"{path.name}:{node.lineno}"
            for node in body
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ]
    assert found == []


def test_counts_are_said_in_the_singular_or_the_plural_never_both():
    from allocation.app.texts import text

    assert text("data_invalid", "nl", n=1, tables="Huishoudens: 1") == (
        "1 probleem in de gegevens (Huishoudens: 1). Los het op voordat u gaat rekenen."
    )
    assert text("data_invalid", "nl", n=3, tables="x").startswith("3 problemen in de gegevens")
    assert text("data_invalid", "en", n=1, tables="x").startswith("1 problem in the data")
    planned = text("result_planned_on", "nl", date="01-12-2026", later=1)
    assert "1 huishouden komt naar verwachting na de horizon en wordt in een later plan" in planned
    for key, entry in TEXTS.items():
        for lang, template in entry.items():
            both = re.search(r"[a-z]\([a-z]{1,4}\)|probleem/problemen|family/families", template)
            assert not both, (key, lang)


def test_every_column_of_the_four_tables_says_what_to_fill_in_in_both_languages():
    expected = {
        f"column_help_{table.name}_{column.name}" for table in TABLES.values() for column in table.columns
    }
    tooltips = {key for key in TEXTS if key.startswith("column_help_")}
    assert tooltips == expected  # a new column needs its tooltip, a gone one loses it
    for key in tooltips:
        assert set(TEXTS[key]) == set(LANGUAGES) and all(TEXTS[key].values()), key


def test_the_editors_tooltip_says_what_the_column_holds_and_which_file_column_it_is():
    tables = {
        name: pd.DataFrame({c.name: [] for c in table.columns}, dtype=object)
        for name, table in TABLES.items()
    }
    _, config = editor_frame("households", tables, [], "nl")
    assert config["arrival"]["help"].startswith("Aankomstdatum van de nareizigers")
    assert config["arrival"]["help"].endswith("(arrival)")
    assert config["id"]["help"].endswith("(id · verplicht)")
    _, config = editor_frame("dwellings", tables, [], "en")
    assert (
        config["available_from"]["help"] == "The day the home comes free. Empty: free now. (available_from)"
    )
