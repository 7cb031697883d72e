"""The app plans as `allocation solve` plans (allocation.replan): the same dated plan for the same file,
and a re-solve after one pin keeps every other family where the plan on screen had it."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import allocation
from allocation.background import BackgroundSolve
from allocation.inspect import family_view
from app_fixtures import EXAMPLE, app_session, goto, open_app

PLANNING_DATE = date(2026, 12, 1)


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> Path:
    """The example with a planning date in its policy.toml: families expected after the horizon wait."""
    scenario = allocation.load_scenario(EXAMPLE)
    policy = scenario.policy.model_copy(update={"planning_date": PLANNING_DATE})
    folder = tmp_path_factory.mktemp("dated") / "voorbeeld"
    allocation.write_scenario(scenario.model_copy(update={"policy": policy}), folder)
    assert (folder / "policy.toml").exists()
    return folder


@pytest.fixture(scope="module")
def cli_plan(dated, tmp_path_factory):
    """The plan `allocation solve --deterministic` writes for the dated example."""
    out = tmp_path_factory.mktemp("cli") / "plan"
    command = [sys.executable, "-m", "allocation.cli", "solve", str(dated), "--out", str(out)]
    done = subprocess.run(
        [*command, "--deterministic", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return allocation.read_plan(out)


def _homes(plan) -> dict[str, list[str]]:
    """Household -> its dwellings in the plan."""
    homes: dict[str, list[str]] = {}
    for a in plan.assignments:
        homes.setdefault(a.household, []).append(a.dwelling)
    return {h: sorted(d) for h, d in homes.items()}


def _later(plan) -> set[str]:
    return {u.household for u in plan.unassigned if u.reason_code == "LATER"}


def test_the_apps_background_solve_gives_the_clis_plan_for_a_dated_scenario(dated, cli_plan):
    scenario = allocation.load_scenario(dated)
    job = BackgroundSolve(scenario, solver="highs", deterministic=True).start()
    assert job.wait(timeout=120), job.error
    assert job.error is None
    assert job.result.planning_date == PLANNING_DATE
    assert _later(job.plan) == set(job.result.later) == _later(cli_plan) != set()
    assert _homes(job.plan) == _homes(cli_plan)
    assert {u.household: u.reason_code for u in job.plan.unassigned} == {
        u.household: u.reason_code for u in cli_plan.unassigned
    }
    assert allocation.verify(job.result.scenario, job.plan) == []


def _solve_in_app(at):
    """Start a solve on the Oplossen page and rerun until the plan is the session's."""
    goto(at, "oplossen")
    at.button(key="solve_start").click().run()
    return _finish(at)


def _finish(at):
    job = app_session(at).job
    end = time.monotonic() + 120
    while job.poll():
        assert time.monotonic() < end, "solve did not finish"
        time.sleep(0.2)
    at.run()
    assert not at.exception, at.exception
    assert job.error is None, job.error
    return job


def test_the_app_page_plans_the_dated_file_as_the_cli_does(dated, cli_plan, monkeypatch):
    monkeypatch.setenv("ALLOCATION_APP_SCENARIO", str(dated))
    at = open_app()
    job = _solve_in_app(at)
    plan = app_session(at).plan
    assert plan is job.plan and job.previous is None  # the first plan has nothing to keep
    # the same planning date, the same families planned later, as many persons and families housed
    assert job.result.planning_date == PLANNING_DATE
    assert _later(plan) == _later(cli_plan)
    for key in ("persons_housed", "households_housed", "households_unassigned", "splits", "shortfall"):
        assert plan.summary()[key] == cli_plan.summary()[key], key
    assert allocation.verify(job.result.scenario, plan) == []
    goto(at, "resultaat")
    assert any("Gepland op 01-12-2026 (planningsdatum)" in c.value for c in at.caption)


def _free_home_that_fits(scenario, plan) -> tuple[str, str]:
    """A household the plan houses in one home, and a home nobody gets that fits it (in its reach)."""
    taken = {a.dwelling for a in plan.assignments}
    for a in plan.assignments:
        if len(plan.assignments_of(a.household)) != 1 or a.kind == "join":
            continue
        view = family_view(scenario, a.household, plan, "nl", {})
        free = [c.dwelling for c in view.candidates if c.dwelling not in taken]
        if free:
            return a.household, free[0]
    raise AssertionError("the example has no free home that fits a housed family")


def test_a_re_solve_after_one_pin_moves_no_other_family(dated, monkeypatch):
    monkeypatch.setenv("ALLOCATION_APP_SCENARIO", str(dated))
    at = open_app()
    first = _solve_in_app(at)
    before = app_session(at).plan
    household, dwelling = _free_home_that_fits(first.result.scenario, before)

    goto(at, "resultaat")  # the pickers on the page, as a planner pins
    at.selectbox(key="pin_household").select(household).run()
    at.selectbox(key="pin_dwelling").select(dwelling).run()
    at.button(key="pin_hand_button").click().run()
    assert not at.exception, at.exception
    job = _finish(at)
    assert job is not first and job.previous is before  # the plan on screen is the previous plan
    after = app_session(at).plan
    assert _homes(after)[household] == [dwelling]
    old, new = _homes(before), _homes(after)
    moved = {h for h in old if h != household and new.get(h) != old[h]}
    assert moved == set(), {h: (old[h], new.get(h)) for h in moved}
    assert {c.household for c in job.result.changes if c.before is not None} == {household}
    assert allocation.verify(job.result.scenario, after) == []


def _reasons_on_screen(at, household: str, reason: str) -> dict[str, str]:
    """Resultaat's tables of households not housed (left out now, planned later): household ->
    reason, in the columns' current language."""
    shown: dict[str, str] = {}
    for table in (d.value for d in at.dataframe if {household, reason} <= set(d.value.columns)):
        shown.update(zip(table[household], table[reason], strict=True))
    return shown


def test_reasons_of_families_planned_later_follow_a_switch_of_language(dated, monkeypatch):
    from allocation.explain import later_reason

    monkeypatch.setenv("ALLOCATION_APP_SCENARIO", str(dated))
    at = open_app()
    job = _solve_in_app(at)  # solved in Dutch: the plan's own LATER reasons are Dutch
    later = sorted(_later(job.plan))
    assert later and allocation.verify(job.result.scenario, job.plan) == []
    planned = job.result.scenario
    first = later[0]
    assert "wordt rond" in next(u.reason for u in job.plan.unassigned if u.household == first)

    goto(at, "resultaat")
    dutch = _reasons_on_screen(at, "huishouden", "reden")
    assert all(dutch[h] == later_reason(planned, h, "nl") for h in later)
    assert "wordt dichter bij die tijd ingepland" in dutch[first]

    at.selectbox(key="lang").select("en").run()
    assert not at.exception, at.exception
    english = _reasons_on_screen(at, "household", "reason")
    assert english.keys() == dutch.keys()
    for h in later:
        assert english[h] == later_reason(planned, h, "en"), h
        assert english[h].startswith("expected to arrive around 20"), english[h]
    assert not any("wordt" in reason or "verwacht" in reason for reason in english.values()), english

    goto(at, "gezin")  # the family view gives the same reason, in English too
    at.selectbox(key="family_household").select(first).run()
    assert f"No home in this plan. Reason: {later_reason(planned, first, 'en')}" in [
        w.value.replace("\\", "") for w in at.warning
    ]

    at.selectbox(key="lang").select("nl").run()
    goto(at, "resultaat")
    assert _reasons_on_screen(at, "huishouden", "reden") == dutch


def test_notes_on_the_previous_plan_follow_a_switch_of_language(dated, monkeypatch):
    monkeypatch.setenv("ALLOCATION_APP_SCENARIO", str(dated))
    at = open_app()
    first = _solve_in_app(at)  # in Dutch
    gone = first.plan.assignments[0]
    session = app_session(at)
    households, persons = session.tables["households"], session.tables["persons"]
    session.tables["households"] = households[households["id"] != gone.household]
    session.tables["persons"] = persons[persons["household"] != gone.household]
    session.tables_dirty = True
    at.run()
    assert session.scenario is not None and gone.household not in {h.id for h in session.scenario.households}
    second = _solve_in_app(at)  # the plan on screen is the previous plan: it names the household gone
    assert second.previous is first.plan
    assert allocation.verify(second.result.scenario, second.plan) == []

    goto(at, "resultaat")
    dutch = f"vorig plan: huishouden {gone.household} staat niet meer in het scenario"
    assert any(dutch in i.value.replace("\\", "") for i in at.info), [i.value for i in at.info]

    at.selectbox(key="lang").select("en").run()
    assert not at.exception, at.exception
    shown = [i.value.replace("\\", "") for i in at.info]
    english = f"previous plan: household {gone.household} is no longer in the scenario"
    assert any(english in note for note in shown), shown
    assert not any("vorig plan" in note for note in shown), shown


def test_reasons_of_a_plan_solved_in_english_are_dutch_once_dutch_is_chosen(dated, monkeypatch):
    from allocation.explain import later_reason

    monkeypatch.setenv("ALLOCATION_APP_SCENARIO", str(dated))
    at = open_app()
    at.selectbox(key="lang").select("en").run()
    job = _solve_in_app(at)  # solved in English: the plan's own reasons are English
    assert allocation.verify(job.result.scenario, job.plan) == []
    later = sorted(_later(job.plan))
    assert later and all(u.reason.startswith("expected") for u in job.plan.unassigned if u.household in later)

    at.selectbox(key="lang").select("nl").run()
    goto(at, "resultaat")
    dutch = _reasons_on_screen(at, "huishouden", "reden")
    for h in later:
        assert dutch[h] == later_reason(job.result.scenario, h, "nl"), h
        assert dutch[h].startswith("wordt rond "), dutch[h]
    assert not any("expected" in reason or "planned" in reason for reason in dutch.values()), dutch
