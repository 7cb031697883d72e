"""The replay: families move in only when here and their home is free, once; every weekly plan verifies;
hindsight is never beaten on persons housed; lookahead holds a home for a family about to arrive."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

import allocation
from allocation import Dwelling, Household, Municipality, Person, Policy, Scenario
from allocation.cli import main
from allocation.forecast import ArrivalWindow, arrival_window
from allocation.generate import generate
from allocation.simulate.draws import Timeline
from allocation.simulate.protect import PROTECT_ROUNDS, arrival_chance
from allocation.simulate.replay import POLICIES, replay, week_date
from allocation.simulate.weekly import StockState, week_scenario

WEEKS = 8
START = date(2026, 1, 1)


@pytest.fixture(scope="module", params=[(3, 1), (5, 2)], ids=["s3-seed1", "s5-seed2"])
def runs(request):
    """One small dated scenario replayed under every policy with one seed."""
    instance_seed, seed = request.param
    scenario = generate(45, 40, 3, 1, seed=instance_seed, dated=True, weeks=WEEKS)
    return scenario, {p: replay(scenario, p, seed, WEEKS, time_limit=20) for p in POLICIES}


def test_no_family_moves_in_before_it_arrives_or_before_its_home_is_free(runs):
    scenario, by_policy = runs
    end = week_date(START, WEEKS - 1)
    occupant = {h.current_dwelling: h.id for h in scenario.households if h.current_dwelling}
    for policy, run in by_policy.items():
        assert run.move_ins, policy
        moved_on = {m.household: m.day for m in run.move_ins}
        for move in run.move_ins:
            household = scenario.household(move.household)
            window = arrival_window(household, scenario.policy)
            assert window is not None and household.tvs_step != "afgewezen"
            assert window.earliest <= move.arrival <= max(window.latest, START), (policy, move)
            assert move.arrival <= move.day <= end, (policy, move)
            assert (move.day - START).days % 7 == 0
            for home_id in move.homes:
                home = scenario.dwelling(home_id)
                assert (home.available_from or START) <= move.day, (policy, move)
                referent_family = occupant.get(home_id)
                if referent_family is not None and referent_family != move.household:
                    # a referent's home is free only once the referent's family has moved out
                    assert moved_on[referent_family] <= move.day, (policy, move)


def test_nobody_moves_twice_and_no_home_is_given_twice(runs):
    _, by_policy = runs
    for policy, run in by_policy.items():
        households = [m.household for m in run.move_ins]
        homes = [h for m in run.move_ins for h in m.homes]
        assert len(households) == len(set(households)), policy
        assert len(homes) == len(set(homes)), policy


def test_every_weekly_plan_passes_the_verifier(runs):
    _, by_policy = runs
    for policy, run in by_policy.items():
        assert run.plans == (1 if policy == "hindsight" else WEEKS)
        assert run.violations == 0, policy
    assert by_policy["hindsight"].statuses == {"optimal"}


def test_hindsight_is_never_beaten_on_persons_housed(runs):
    _, by_policy = runs
    persons = {p: sum(m.persons for m in run.move_ins) for p, run in by_policy.items()}
    assert persons["hindsight"] >= max(persons[p] for p in ("greedy", "snapshot", "lookahead")), persons
    assert persons["snapshot"] > 0 and persons["greedy"] > 0


def test_same_seed_same_replay_and_another_seed_other_arrivals(runs):
    scenario, by_policy = runs
    again = replay(scenario, "snapshot", by_policy["snapshot"].seed, WEEKS, time_limit=20)
    assert again.move_ins == by_policy["snapshot"].move_ins
    other = replay(scenario, "greedy", by_policy["greedy"].seed + 10, WEEKS)
    assert other.timelines != by_policy["greedy"].timelines


def _hold_scenario() -> Scenario:
    """One family home free now; a couple here already, a family of six arriving in two weeks."""
    people = [
        Person(id="P1", household="H1", role="referent", age=30, sex="m"),
        Person(id="P2", household="H1", role="partner", age=29, sex="f"),
        Person(id="P3", household="H2", role="referent", age=40, sex="m"),
        Person(id="P4", household="H2", role="partner", age=38, sex="f"),
        *[Person(id=f"P{5 + i}", household="H2", role="child", age=3 + 2 * i, sex="m") for i in range(4)],
    ]
    return Scenario(
        municipalities=[Municipality(code="GM0001", name="Almelo", region="Twente", quota=10)],
        dwellings=[Dwelling(id="D1", municipality="GM0001", bedrooms=3, max_occupants=6, rent=650.0)],
        households=[
            Household(id="H1", municipality="GM0001", tvs_step="in_opvang", step_date=START),
            Household(id="H2", municipality="GM0001", arrival=START + timedelta(days=14)),
        ],
        persons=people,
        policy=Policy(planning_date=START),
    )


def test_lookahead_holds_the_home_for_the_family_of_six_snapshot_gives_it_to_the_couple():
    scenario = _hold_scenario()
    snapshot = replay(scenario, "snapshot", 1, 4)
    lookahead = replay(scenario, "lookahead", 1, 4)
    hindsight = replay(scenario, "hindsight", 1, 4)
    assert [(m.household, m.day) for m in snapshot.move_ins] == [("H1", START)]
    assert [(m.household, m.day, m.vacancy_days) for m in lookahead.move_ins] == [
        ("H2", START + timedelta(days=14), 14)
    ]
    assert [m.household for m in hindsight.move_ins] == ["H2"]
    assert lookahead.violations == snapshot.violations == 0


def test_a_travel_date_known_two_weeks_ahead_lets_lookahead_hold_the_home_for_the_family_of_six():
    # the family of six has its mvv: the forecast puts it about six weeks out, beyond the 28-day hold
    mvv = {"arrival": None, "tvs_step": "mvv_afgegeven", "step_date": START - timedelta(days=5)}
    base = _hold_scenario()
    scenario = base.model_copy(
        update={"households": [base.households[0], base.households[1].model_copy(update=mvv)]}
    )
    travels = START + timedelta(days=10)
    timelines = {
        "H1": Timeline("H1", START, (("in_opvang", START),)),
        "H2": Timeline("H2", travels, (("mvv_afgegeven", START - timedelta(days=5)),)),
    }
    planned = {}
    for notice in (0, 14):
        seen = week_scenario(scenario, timelines, StockState(START), START, True, notice_days=notice)
        plan = allocation.solve(seen)
        assert allocation.verify(seen, plan) == []
        planned[notice] = (
            {h.id: h.arrival for h in seen.households},
            [(a.household, a.dwelling) for a in plan.assignments],
        )
    assert planned[0] == ({"H1": START}, [("H1", "D1")])  # the forecast does not see H2 coming
    assert planned[14] == ({"H1": START, "H2": travels}, [("H2", "D1")])  # held ten days for six persons


def test_simulate_command_writes_tables_and_plots(tmp_path: Path, capsys):
    folder = tmp_path / "dated"
    allocation.write_scenario(generate(30, 28, 2, 1, seed=4, dated=True, weeks=4), folder)
    out = tmp_path / "out"
    args = ["simulate", str(folder), "--out", str(out), "--weeks", "4", "--seeds", "1", "2", "--serial"]
    code = main([*args, "--policy", "greedy", "hindsight", "--quiet"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    with (out / "results.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["policy"], r["seed"]) for r in rows] == [
        ("greedy", "1"),
        ("greedy", "2"),
        ("hindsight", "1"),
        ("hindsight", "2"),
    ]
    assert all(r["violations"] == "0" for r in rows)
    for seed in ("1", "2"):
        by = {r["policy"]: int(r["persons_housed"]) for r in rows if r["seed"] == seed}
        assert by["hindsight"] >= by["greedy"]
    quota = list(csv.DictReader((out / "quota.csv").open(encoding="utf-8")))
    assert {q["label"] for q in quota} == {"end of replay"}  # four weeks from 1 January: no peildatum yet
    text = (out / "results.md").read_text(encoding="utf-8")
    assert "| dated | hindsight |" in text and "% of hindsight" in text
    assert "- travel dates known: not before arrival" in text and {r["notice_days"] for r in rows} == {"0"}
    for png in ("wait_days.png", "quota_fulfilment.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_simulate_command_names_a_bad_scenario_and_exits_2(tmp_path: Path, capsys):
    code = main(["simulate", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "--serial"])
    assert code == 2
    assert "missing" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_family_pinned_to_a_home_not_free_yet_waits_for_that_home():
    scenario = _hold_scenario()
    later = Dwelling(
        id="D2",
        municipality="GM0001",
        bedrooms=2,
        max_occupants=4,
        rent=600.0,
        available_from=START + timedelta(days=10),
    )
    households = [scenario.households[0].model_copy(update={"pinned_dwelling": "D2"})]
    pinned = scenario.model_copy(
        update={
            "dwellings": [*scenario.dwellings, later],
            "households": households,
            "persons": [p for p in scenario.persons if p.household == "H1"],
        }
    )
    for policy in POLICIES:
        run = replay(pinned, policy, 1, 4)
        assert [(m.household, m.homes, m.day) for m in run.move_ins] == [
            ("H1", ("D2",), START + timedelta(days=14))
        ], policy
        assert run.violations == 0


def _large_home_scenario(second_home: bool) -> Scenario:
    """The couple here now, the family of six with its mvv (due within three months, not within the
    28-day hold), one family home free, and (second_home) another that fits the six as well."""
    base = _hold_scenario()
    mvv = {"arrival": None, "tvs_step": "mvv_afgegeven", "step_date": START - timedelta(days=5)}
    homes = [*base.dwellings]
    if second_home:
        homes.append(homes[0].model_copy(update={"id": "D2"}))
    return base.model_copy(
        update={
            "dwellings": homes,
            "households": [base.households[0], base.households[1].model_copy(update=mvv)],
        }
    )


def test_lookahead_keeps_the_only_family_home_for_the_family_of_six_the_forecast_expects():
    scenario = _large_home_scenario(second_home=False)
    kept = replay(scenario, "lookahead", 1, 16, protect_gap=3)
    given = replay(scenario, "lookahead", 1, 16)  # by default no home is kept
    assert [(m.household, m.homes) for m in kept.move_ins] == [("H2", ("D1",))]
    assert kept.move_ins[0].day >= kept.timelines["H2"].arrival  # not before the six arrive
    assert kept.kept_homes > 0 and kept.protect_gap == 3
    assert 16 < kept.plans <= 16 * (1 + PROTECT_ROUNDS)  # a week that keeps a home is solved again
    assert [(m.household, m.homes, m.day) for m in given.move_ins] == [("H1", ("D1",), START)]
    assert given.kept_homes == 0
    assert kept.violations == given.violations == 0


def test_a_second_free_family_home_lets_the_couple_move_in_now():
    run = replay(_large_home_scenario(second_home=True), "lookahead", 1, 16, protect_gap=3)
    first = run.move_ins[0]
    assert (first.household, first.day) == ("H1", START)
    assert [m.household for m in run.move_ins] == ["H1", "H2"]  # the other home is left for the six
    assert run.kept_homes == 0 and run.violations == 0


def test_a_family_only_two_persons_larger_does_not_keep_the_home():
    # the gap is three persons: a family of four expected does not keep the home from the couple
    scenario = _large_home_scenario(second_home=False)
    four = [p for p in scenario.persons if p.household != "H2" or p.id in ("P3", "P4", "P5", "P6")]
    run = replay(scenario.model_copy(update={"persons": four}), "lookahead", 1, 16, protect_gap=3)
    assert [(m.household, m.day) for m in run.move_ins] == [("H1", START)]
    assert run.kept_homes == 0 and run.violations == 0


def test_arrival_chance_is_uniform_over_what_is_left_of_the_window():
    window = ArrivalWindow(START, START + timedelta(days=50), START + timedelta(days=99), "mvv_afgegeven")
    assert arrival_chance(window, START - timedelta(days=1), 50) == 0.5
    assert arrival_chance(window, START + timedelta(days=49), 100) == 1.0
    assert arrival_chance(window, START - timedelta(days=200), 91) == 0.0
