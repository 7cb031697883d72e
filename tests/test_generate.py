"""The synthetic generator: reproducible files, valid scenarios, realistic shapes, feasible pins."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from allocation.cli import main
from allocation.forecast import arrival_window
from allocation.generate import FAMILIES, generate, generate_family
from allocation.io import load_scenario, write_scenario
from allocation.rules import group_fits, joins_referent, reachable_municipalities


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def _cli(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    argv = ["generate", "--households", "150", "--dwellings", "160", "--municipalities", "12"]
    assert main([*argv, "--regions", "2", *args, "--out", str(out)]) == 0
    return out


def test_same_seed_gives_byte_identical_files(tmp_path):
    first = _cli(tmp_path, "a", "--seed", "7")
    second = tmp_path / "b"
    argv = ["generate", "--households", "150", "--dwellings", "160", "--municipalities", "12"]
    argv += ["--regions", "2", "--seed", "7", "--out", str(second)]
    # another process with another string-hash seed: no set or dict order may leak into the files
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "allocation.cli", *argv], check=True, env=env, capture_output=True)
    hashes = _hashes(first)
    assert set(hashes) == {"municipalities.csv", "dwellings.csv", "households.csv", "persons.csv"}
    assert hashes == _hashes(second)


def test_different_seed_gives_different_files(tmp_path):
    first = _hashes(_cli(tmp_path, "a", "--seed", "7"))
    second = _hashes(_cli(tmp_path, "b", "--seed", "8"))
    assert all(first[name] != second[name] for name in first)


def test_cli_prints_one_summary_line(tmp_path, capsys):
    _cli(tmp_path, "a", "--seed", "7")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"wrote {tmp_path / 'a'}: 150 households (")
    assert "160 dwellings, 12 municipalities in 2 regions (seed 7)" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["--households", "0"],
        ["--households", "ten"],
        ["--households", "10", "--dwellings", "0"],
        ["--households", "10", "--municipalities", "2", "--regions", "3"],
        ["--households", "10", "--family", "continental"],
        ["--households", "10", "--weeks", "4"],
        ["--households", "10", "--dated", "--weeks", "0"],
    ],
)
def test_cli_rejects_bad_arguments_with_exit_2(tmp_path, capsys, args):
    out = tmp_path / "never"
    with pytest.raises(SystemExit) as stop:
        main(["generate", *args, "--out", str(out)])
    assert stop.value.code == 2
    assert "allocation generate: error:" in capsys.readouterr().err
    assert not out.exists()


def test_generated_scenario_round_trips_through_the_files(tmp_path):
    scenario = generate(300, 300, 15, 3, seed=11)
    write_scenario(scenario, tmp_path / "s")
    assert load_scenario(tmp_path / "s") == scenario


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_generates_quickly_and_validates(tmp_path, family):
    started = time.perf_counter()
    scenario = generate_family(family, 200, seed=5)
    assert time.perf_counter() - started < 1.0
    assert len(scenario.households) == 200
    write_scenario(scenario, tmp_path / family)
    assert load_scenario(tmp_path / family) == scenario


def test_family_sizes_follow_their_recipe():
    national = generate_family("national", 2000, seed=1)
    assert len(national.municipalities) == 342
    assert len({m.region for m in national.municipalities}) == 25
    province = generate_family("province", 600, seed=1)
    assert len(province.municipalities) == 40
    assert len({m.region for m in province.municipalities}) == 4
    regional = generate_family("regional", 200, seed=1)
    assert 10 <= len(regional.municipalities) <= 20
    assert len({m.region for m in regional.municipalities}) == 1
    scarce = generate_family("scarce-stock", 400, seed=1)
    assert len(scarce.dwellings) == 200


def test_household_sizes_are_skewed_to_two_to_six_with_a_large_tail():
    scenario = generate(3000, 3000, 30, 3, seed=2)
    sizes = Counter(len(scenario.members(h.id)) for h in scenario.households)
    share = {size: count / 3000 for size, count in sizes.items()}
    assert sum(share.get(s, 0) for s in range(2, 7)) > 0.75
    large = sum(v for s, v in share.items() if s >= 7)
    assert 0.08 <= large <= 0.22
    assert max(sizes) <= 12 and min(sizes) >= 2
    assert sum(s for s, v in sizes.items() if s >= 10) > 0
    large_families = generate_family("large-families", 1000, seed=2)
    big = sum(1 for h in large_families.households if len(large_families.members(h.id)) >= 7)
    assert big / 1000 > 0.3


def test_compositions_and_housed_referents_are_realistic():
    scenario = generate(2000, 2000, 20, 2, seed=4)
    households = scenario.households
    amv = [h for h in households if h.amv_municipality]
    assert 0.04 < len(amv) / 2000 < 0.12
    for h in amv:
        roles = Counter(p.role for p in scenario.members(h.id))
        assert 14 <= scenario.referent(h.id).age <= 17
        assert 1 <= roles["parent"] <= 2 and roles["partner"] == 0
        assert h.current_dwelling is None
    assert 0.03 < sum(h.needs_accessible for h in households) / 2000 < 0.08
    housed = [h for h in households if h.current_dwelling]
    assert 0.13 < len(housed) / 2000 < 0.17
    in_room = [h for h in housed if scenario.dwelling(h.current_dwelling).kind == "room"]
    joining = [h for h in housed if joins_referent(h, scenario)]
    assert 0.4 < len(in_room) / len(housed) < 0.6
    assert 0.15 < len(joining) / len(housed) < 0.35
    adult_children = [p for p in scenario.persons if p.role == "child" and p.age >= 18]
    assert adult_children
    ids = [p.id for p in scenario.persons]
    assert len(set(ids)) == len(ids)


def test_quotas_follow_population_and_dwelling_kinds_follow_the_mix():
    scenario = generate(2000, 2000, 40, 4, seed=6)
    assert [m.code for m in scenario.municipalities][:3] == ["GM0001", "GM0002", "GM0003"]
    quotas = sorted((m.quota for m in scenario.municipalities), reverse=True)
    assert quotas[0] > 4 * quotas[len(quotas) // 2]  # a few large cities, many small towns
    assert sum(quotas[:4]) > 0.25 * sum(quotas)
    kinds = Counter(d.kind for d in scenario.dwellings)
    assert 0.12 < kinds["room"] / 2000 < 0.25
    only_flats = generate(500, 500, 10, 1, seed=6, stock_mix={"flat": 1.0}, current_dwelling_share=0.0)
    assert {d.bedrooms for d in only_flats.dwellings} <= {1, 2}
    rents = [d.rent for d in scenario.dwellings if d.kind == "independent"]
    assert any(r > 764.14 for r in rents) and any(713.02 < r <= 764.14 for r in rents)


def test_pins_are_reachable_fitting_and_never_share_a_dwelling():
    scenario = generate_family("pinned", 600, seed=9)
    pinned = [h for h in scenario.households if h.pinned_dwelling or h.pinned_municipality]
    assert len(pinned) == 300
    dwellings = [h.pinned_dwelling for h in pinned if h.pinned_dwelling]
    assert len(set(dwellings)) == len(dwellings)
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    for h in pinned:
        reach = reachable_municipalities(h, scenario)
        members = scenario.members(h.id)
        if h.pinned_dwelling:
            home = scenario.dwelling(h.pinned_dwelling)
            assert home.municipality in reach and home.id not in occupied
            assert group_fits(members, home, scenario.policy, needs_accessible=h.needs_accessible)
        else:
            assert h.pinned_municipality in reach


@pytest.mark.slow
def test_the_national_family_gives_twenty_five_thousand_households_in_342_municipalities():
    started = time.perf_counter()
    scenario = generate_family("national", 25_000, seed=1)
    print(f"national 25,000 generated in {time.perf_counter() - started:.1f} s")  # speed: benchmarks/
    assert len(scenario.households) == 25_000 and len(scenario.municipalities) == 342


def test_unknown_family_and_parameter_are_named():
    with pytest.raises(ValueError, match="unknown instance family 'continental'"):
        generate_family("continental", 100, seed=1)
    with pytest.raises(TypeError, match="unknown generator parameter"):
        generate(10, 10, 2, 1, seed=1, colour="red")


def test_v2_young_adults_step_free_persons_and_members_living_with_the_referent():
    scenario = generate(3000, 3000, 30, 3, seed=5)
    adults = [p for p in scenario.persons if p.role == "child" and p.age >= 18]
    young = [p for p in adults if p.age <= 20]
    assert 0.45 < len(young) / len(adults) < 0.8  # most adult children are 18-20 (youth rent limit)
    in_couples = [h for h in scenario.households if scenario.referent(h.id).age >= 36]
    assert any(
        sum(1 for p in scenario.members(h.id) if p.role == "child" and 18 <= p.age <= 20) == 1
        and len(scenario.members(h.id)) <= 7
        for h in in_couples
    )
    elderly = [p for p in scenario.persons if p.age >= 65]
    assert 0.15 < sum(p.needs_accessible for p in elderly) / len(elderly) < 0.5
    younger = [p for p in scenario.persons if p.age < 65]
    assert 0.002 < sum(p.needs_accessible for p in younger) / len(younger) < 0.03
    here = [p for p in scenario.persons if p.role != "referent" and not p.is_arriving]
    assert here
    for household_id in {p.household for p in here}:
        household = scenario.household(household_id)
        home = scenario.dwelling(household.current_dwelling or "")
        members = scenario.members(household_id)
        staying = [p for p in members if not p.is_arriving]
        assert home.kind == "independent" and len(staying) <= home.max_occupants
        assert any(p.is_arriving for p in members)  # someone still comes (casus 1: the husband)


def test_generate_dated_writes_tvs_steps_and_homes_free_over_the_weeks(tmp_path, capsys):
    out = tmp_path / "dated"
    argv = ["generate", "--households", "400", "--municipalities", "6", "--regions", "1", "--dated"]
    assert main([*argv, "--weeks", "8", "--seed", "3", "--out", str(out)]) == 0
    assert "dated from 2026-01-01" in capsys.readouterr().out
    again = tmp_path / "again"
    assert main([*argv, "--weeks", "8", "--seed", "3", "--out", str(again)]) == 0
    assert _hashes(out) == _hashes(again)
    assert (out / "policy.toml").read_text(encoding="utf-8").strip() == "planning_date = 2026-01-01"
    scenario = load_scenario(out)
    start, end = date(2026, 1, 1), date(2026, 1, 1) + timedelta(weeks=8)
    steps = Counter(h.tvs_step for h in scenario.households)
    assert set(steps) == {
        "aanvraag_ingediend",
        "toegekend",
        "mvv_afgegeven",
        "in_opvang",
        "bij_referent",
        "afgewezen",
    }
    for household in scenario.households:
        assert household.arrival is None and household.step_date < start + timedelta(days=1)
        window = arrival_window(household, scenario.policy)
        if household.tvs_step in ("in_opvang", "bij_referent"):
            assert window.latest <= start  # already in the Netherlands
        elif household.tvs_step != "afgewezen":
            assert window.latest > start  # still on its way: the Q3 window is open
        if household.tvs_step == "bij_referent":
            assert scenario.dwelling(household.current_dwelling).kind == "independent"
    referents_homes = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    free = [d for d in scenario.dwellings if d.id not in referents_homes]
    later = [d.available_from for d in free if d.available_from is not None]
    assert 0.6 < len(later) / len(free) < 0.8
    assert all(start <= day < end for day in later) and max(later) > start + timedelta(weeks=6)
    assert all(d.available_from is None for d in scenario.dwellings if d.id in referents_homes)


def test_dated_benchmark_families():
    regional = generate_family("regional-dated", 200, seed=1)
    assert regional.policy.planning_date == date(2026, 1, 1)
    assert all(h.tvs_step for h in regional.households)
    assert len(regional.dwellings) == 180 and len({m.region for m in regional.municipalities}) == 1
    assert "national-dated" in FAMILIES
