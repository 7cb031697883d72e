"""Round trip: CSV -> Scenario -> xlsx -> Scenario -> CSV gives the same data and the same CSV text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from allocation.io import (
    load_scenario,
    scenario_csv_texts,
    scenario_from_tables,
    scenario_to_tables,
    write_scenario,
)
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example"


def awkward_scenario() -> Scenario:
    """Every column used, every policy key changed, and text that tempts a spreadsheet to reinterpret it."""
    return Scenario(
        municipalities=[
            Municipality(code="GM0344", name="Utrecht", region="U16", quota=40, housed=5),
            Municipality(code="GM1900", name="Súdwest-Fryslân", region=None, quota=25, housed=0),
            Municipality(code="0355", name='Zeist, "de Bosrand"', region="U16", quota=0, housed=3),
            Municipality(code="GM0999", name="=Formula-like name", region="U16", quota=7),
        ],
        dwellings=[
            Dwelling(
                id="123",
                municipality="GM0344",
                bedrooms=3,
                max_occupants=5,
                rent=712.99,
                accessible=True,
                kind="independent",
                available_from=date(2026, 3, 1),
            ),
            Dwelling(id="W-2", municipality="0355", bedrooms=0, max_occupants=1, kind="room"),
            Dwelling(id="W 3", municipality="GM1900", bedrooms=4, max_occupants=8, rent=0.0),
            Dwelling(id="007", municipality="GM0999", bedrooms=2, max_occupants=3, rent=1250.5),
        ],
        households=[
            Household(
                id="H1",
                municipality="GM0344",
                current_dwelling="123",
                arrival=date(2026, 2, 28),
                needs_accessible=True,
                amv_municipality="0355",
                pinned_dwelling="W-2",
                pinned_municipality="0355",
                tvs_step="mvv_afgegeven",
                step_date=date(2025, 12, 31),
            ),
            Household(id="42", municipality="GM1900", pinned_municipality="GM1900"),
            Household(id="H3", municipality="0355", amv_municipality="GM0999", pinned_dwelling="007"),
        ],
        persons=[
            Person(id="P1", household="H1", role="referent", age=16, sex="f", arriving=False),
            Person(id="P2", household="H1", role="parent", age=41, sex="m"),
            Person(id="P3", household="H1", role="sibling", age=0, sex="x", arriving=True),
            Person(id="1", household="42", role="referent", age=120),
            Person(id="2", household="42", role="other", age=19, arriving=False),
            Person(id="P6", household="H3", role="referent", age=30, sex="m"),
            Person(id="P7", household="H3", role="partner", age=29, sex="f", arriving=True),
            Person(id="P8", household="H3", role="child", age=12, sex="f"),
        ],
        policy=Policy(
            rent_limit_small=700.25,
            rent_limit_large=800.0,
            rent_large_from_persons=4,
            bedroom_norm="one_per_person",
            adult_age=21,
            child_shared_room_age=10,
            woningcheck=False,
            regional_cooperation=False,
            amv_municipality_allowed=True,
            split_allowed=False,
            split_roles=["child", "sibling", "other"],
            split_min_age=21,
            objective_order=["persons", "away", "shortfall", "unused", "splits"],
            objective_mode="weighted",
            time_limit=12.5,
            ind_decision_months=7,
            mvv_collect_months=2,
            travel_months=4,
            max_vacancy_days=30,
            max_reception_wait_days=0,
            planning_date=date(2026, 2, 28),
            plan_with_time=True,
            horizon_days=60,
            time_bucket_days=1,
            likely_term_share=0.25,
            rent_limit_young=450.5,
            rent_limit_young_applies=False,
            young_max_age=22,
            split_when="no_fitting_home",
            quota_period_end=date(2026, 12, 31),
        ),
    )


def test_awkward_scenario_changes_every_policy_key_but_one():
    changed = [
        k for k in Policy.model_fields if getattr(awkward_scenario().policy, k) != getattr(Policy(), k)
    ]
    assert set(Policy.model_fields) - set(changed) == {"amv_municipality_allowed"}


def source_folders(tmp_path: Path) -> dict[str, Path]:
    folders = {
        "awkward": tmp_path / "awkward",
        "corpus_base": ROOT / "tests" / "broken" / "_base",
        "example": EXAMPLE,
    }
    write_scenario(awkward_scenario(), folders["awkward"])
    return folders


@pytest.mark.parametrize("name", ["awkward", "corpus_base", "example"])
def test_csv_xlsx_csv_round_trip(name, tmp_path):
    folders = source_folders(tmp_path)
    first = load_scenario(folders[name])
    write_scenario(first, tmp_path / "first")
    write_scenario(first, tmp_path / "book.xlsx")
    second = load_scenario(tmp_path / "book.xlsx")
    write_scenario(second, tmp_path / "second")
    third = load_scenario(tmp_path / "second")

    assert second == first
    assert third == first
    first_files = sorted(p.name for p in (tmp_path / "first").iterdir())
    assert first_files == sorted(p.name for p in (tmp_path / "second").iterdir())
    for file in first_files:
        assert (tmp_path / "second" / file).read_bytes() == (tmp_path / "first" / file).read_bytes(), file


def test_bundled_example_folder_and_workbook_are_the_same_scenario():
    assert load_scenario(EXAMPLE.with_suffix(".xlsx")) == load_scenario(EXAMPLE)


def test_awkward_values_survive_the_workbook(tmp_path):
    write_scenario(awkward_scenario(), tmp_path / "book.xlsx")
    back = load_scenario(tmp_path / "book.xlsx")
    assert back == awkward_scenario()
    assert back.dwelling("123").rent == 712.99
    assert back.dwelling("007").municipality == "GM0999"
    assert back.municipality("GM0999").name == "=Formula-like name"
    assert back.municipality("0355").name == 'Zeist, "de Bosrand"'
    assert back.household("H1").arrival == date(2026, 2, 28)
    assert back.household("H1").step_date == date(2025, 12, 31)
    assert back.policy.max_reception_wait_days == 0
    assert back.person("P2").arriving is None
    assert back.policy.split_roles == ["child", "sibling", "other"]


def test_csv_text_is_canonical(tmp_path):
    write_scenario(awkward_scenario(), tmp_path / "s")
    texts = scenario_csv_texts(awkward_scenario())
    for file, text in texts.items():
        assert (tmp_path / "s" / file).read_text(encoding="utf-8") == text
    assert texts["dwellings.csv"].splitlines()[:3] == [
        "id,municipality,bedrooms,max_occupants,rent,accessible,kind,available_from",
        "123,GM0344,3,5,712.99,true,independent,2026-03-01",
        "W-2,0355,0,1,,false,room,",
    ]
    assert texts["municipalities.csv"].splitlines()[3] == '0355,"Zeist, ""de Bosrand""",U16,0,3'


def test_app_tables_round_trip():
    scenario = awkward_scenario()
    tables = scenario_to_tables(scenario)
    assert list(tables["households"].columns) == [
        "id",
        "municipality",
        "current_dwelling",
        "arrival",
        "needs_accessible",
        "amv_municipality",
        "pinned_dwelling",
        "pinned_municipality",
        "tvs_step",
        "step_date",
    ]
    assert tables["persons"]["arriving"].tolist() == [False, None, True, None, False, None, True, None]
    assert scenario_from_tables(tables, scenario.policy) == scenario
    assert scenario_from_tables(tables, scenario.policy.model_dump(), source="xlsx") == scenario
