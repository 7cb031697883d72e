"""The bundled Twente example: valid in both forms, the same scenario, and showing what it promises."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from allocation.io import load_scenario
from allocation.rules import group_fits, joins_referent, reachable_municipalities, split_groups

DATA = Path(__file__).resolve().parents[1] / "data"
TWENTE = {
    "GM0141": "Almelo",
    "GM0147": "Borne",
    "GM1774": "Dinkelland",
    "GM0153": "Enschede",
    "GM0158": "Haaksbergen",
    "GM0163": "Hellendoorn",
    "GM0164": "Hengelo",
    "GM1735": "Hof van Twente",
    "GM0168": "Losser",
    "GM0173": "Oldenzaal",
    "GM1742": "Rijssen-Holten",
    "GM0183": "Tubbergen",
    "GM1700": "Twenterand",
    "GM0189": "Wierden",
}


@pytest.fixture(scope="module")
def example():
    return load_scenario(DATA / "example")


@pytest.mark.parametrize("form", ["example", "example.xlsx"])
def test_validate_accepts_both_forms(form):
    done = subprocess.run(
        [sys.executable, "-m", "allocation.cli", "validate", str(DATA / form)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    not_warnings = [line for line in done.stderr.splitlines() if ": warning: " not in line]
    assert not_warnings == [], "validation prints nothing but warnings (homes no family can use)"


def test_workbook_holds_the_same_scenario_as_the_folder(example):
    assert load_scenario(DATA / "example.xlsx") == example


def test_files_are_what_the_build_script_makes(example):
    spec = importlib.util.spec_from_file_location("make_example", DATA / "make_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build_example() == example


def test_real_twente_municipalities_and_a_neighbour_outside_the_region(example):
    twente = {m.code: m.name for m in example.municipalities if m.region == "Twente"}
    assert twente == TWENTE
    outside = [m for m in example.municipalities if m.region != "Twente"]
    assert [(m.code, m.name) for m in outside] == [("GM1859", "Berkelland")]
    berkelland = next(h for h in example.households if h.municipality == "GM1859")
    assert reachable_municipalities(berkelland, example) == ("GM1859",)


def test_quotas_follow_population_and_some_towns_are_past_them(example):
    by_name = {m.name: m for m in example.municipalities}
    largest = sorted(example.municipalities, key=lambda m: -m.quota)
    assert [m.name for m in largest[:3]] == ["Enschede", "Hengelo", "Almelo"]
    assert by_name["Enschede"].quota == 162  # 18,000 x 161,000 / 17,942,942 persons
    assert by_name["Tubbergen"].quota == 22
    past = [m.name for m in example.municipalities if m.housed >= m.quota]
    far_behind = [m.name for m in example.municipalities if m.housed < m.quota / 3]
    assert {"Borne", "Oldenzaal"} <= set(past)
    assert len(far_behind) >= 3


def test_size_and_stock(example):
    assert 60 <= len(example.households) <= 120
    sizes = Counter(len(example.members(h.id)) for h in example.households)
    assert sizes[2] >= 10 and sum(v for s, v in sizes.items() if 7 <= s <= 10) >= 5
    assert max(sizes) <= 10
    assert 1.0 <= len(example.dwellings) / len(example.households) <= 1.3
    kinds = Counter(d.kind for d in example.dwellings)
    assert kinds["room"] >= 5
    assert sum(1 for d in example.dwellings if d.bedrooms == 6) >= 3
    assert any(d.accessible for d in example.dwellings)
    assert any(d.rent and d.rent > 764.14 for d in example.dwellings)
    assert any(d.available_from for d in example.dwellings)
    assert all(p.id.startswith("P") and p.id[1:].isdigit() for p in example.persons)


def test_casus_4_family_of_nine_fits_no_home_whole_but_may_split(example):
    nine = [h for h in example.households if len(example.members(h.id)) == 9]
    family = next(
        h for h in nine if sum(p.role == "child" and p.age >= 18 for p in example.members(h.id)) == 2
    )
    members = example.members(family.id)
    assert not any(
        group_fits(members, d, example.policy, needs_accessible=family.needs_accessible)
        for d in example.dwellings
    )
    options = split_groups(family, example)
    assert options and all(all(p.age >= 18 for p in second) for _, second in options)
    main_groups = [main for main, second in options if len(second) == 2]
    assert any(
        group_fits(main, d, example.policy, needs_accessible=False)
        for main in main_groups
        for d in example.dwellings
        if d.municipality == family.municipality
    )


def test_amv_family_with_parents_and_siblings(example):
    amv = [h for h in example.households if h.amv_municipality]
    assert len(amv) >= 2
    for h in amv:
        roles = Counter(p.role for p in example.members(h.id))
        assert 14 <= example.referent(h.id).age <= 17
        assert roles["parent"] >= 1
    assert any(h.amv_municipality != h.municipality for h in amv)
    assert any(Counter(p.role for p in example.members(h.id))["sibling"] >= 2 for h in amv)


def test_referents_already_housed_fitting_and_not(example):
    housed = [h for h in example.households if h.current_dwelling]
    joining = [h for h in housed if joins_referent(h, example)]
    in_room = [h for h in housed if example.dwelling(h.current_dwelling).kind == "room"]
    unfitting_home = [
        h
        for h in housed
        if example.dwelling(h.current_dwelling).kind == "independent" and not joins_referent(h, example)
    ]
    assert joining and in_room and unfitting_home
    assert all(len(example.members(h.id)) >= 2 for h in in_room)


def test_singles_joining_a_partner_and_step_free_needs(example):
    couples = [
        h
        for h in example.households
        if sorted(p.role for p in example.members(h.id)) == ["partner", "referent"]
    ]
    assert len(couples) >= 5
    needing = [h for h in example.households if h.needs_accessible]
    assert len(needing) >= 3
    grandmother = next(h for h in needing if any(p.role == "other" for p in example.members(h.id)))
    assert any(
        d.accessible and group_fits(example.members(grandmother.id), d, example.policy, needs_accessible=True)
        for d in example.dwellings
        if d.municipality in reachable_municipalities(grandmother, example)
    )
    arrivals = [h.arrival for h in example.households]
    assert all(a is not None and 2026 <= a.year <= 2027 for a in arrivals)
