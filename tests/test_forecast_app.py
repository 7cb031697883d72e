"""The Prognose page: the example's figures, arrivals, school places and deadlines; with a plan; English."""

from __future__ import annotations

from datetime import date

from allocation.forecast import forecast, school_rows
from allocation.io import load_scenario
from app_fixtures import EXAMPLE, app_session, open_app, tiny_plan, tiny_scenario

PAGE = "views/forecast_page.py"


def _forecast_page(lang: str = "nl"):
    at = open_app()
    if lang != "nl":
        at.selectbox(key="lang").select(lang)
        at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def test_prognose_shows_the_example_forecast():
    at = _forecast_page()
    assert at.title[0].value == "Prognose"
    example = load_scenario(EXAMPLE)
    expected = forecast(example)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Huishoudens verwacht"] == str(len(expected.expected))
    assert metrics["Nareizigers verwacht"] == str(sum(f.persons for f in expected.expected))
    assert [s.value for s in at.subheader] == [
        "Aankomsten per maand",
        "Schoolplaatsen",
        "Termijnen per huishouden",
    ]
    schools = at.dataframe[0].value
    assert list(schools.columns) == ["maand", "gemeente", "regio", "basisschool (4-11)", "ISK (12-17)"]
    rows = school_rows(example, expected)
    assert len(schools) == len(rows)
    assert schools["basisschool (4-11)"].sum() == sum(r["primary"] for r in rows)
    assert schools["ISK (12-17)"].sum() == sum(r["isk"] for r in rows)


def test_prognose_in_english():
    at = _forecast_page("en")
    assert at.title[0].value == "Forecast"
    assert "School places" in [s.value for s in at.subheader]
    deadlines = at.dataframe[1].value
    assert "Q9: IND appointment (within 3 days)" in set(deadlines["deadline"])


def test_with_the_plan_of_the_scenario_the_quota_deadline_follows_the_plan():
    scenario = tiny_scenario()
    arriving = [h.model_copy(update={"arrival": date(2026, 3, 2)}) for h in scenario.households]
    scenario = scenario.model_copy(update={"households": arriving})
    at = open_app()
    app_session(at).scenario = scenario
    app_session(at).plan = tiny_plan()  # H1 in W1, H2 left out
    app_session(at).plan_scenario = scenario
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    deadlines = at.dataframe[1].value
    quota = deadlines[deadlines["termijn"].str.startswith("Q10")]
    assert quota["huishouden"].tolist() == ["H1"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Q10 telt vanaf de dag dat het plan het gezin huisvest") for c in captions)
