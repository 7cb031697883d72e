"""Policy overrides from policy.toml and the policy sheet; unknown keys and bad values are located."""

from __future__ import annotations

import pytest

from allocation.errors import ScenarioError
from allocation.io import policy_from_mapping
from allocation.io.policy_io import policy_overrides, policy_toml_text, read_policy_rows, read_policy_toml
from allocation.policy import Policy


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_toml_overrides_only_the_given_keys(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(
        'rent_limit_small = 700\nsplit_roles = ["child"]\n'
        'woningcheck = false\nbedroom_norm = "one_per_person"\n'
    )
    policy, problems = read_policy_toml(path)
    assert problems == []
    assert policy.rent_limit_small == 700.0
    assert policy.split_roles == ["child"]
    assert policy.woningcheck is False
    assert policy.bedroom_norm == "one_per_person"
    assert policy.rent_limit_large == Policy().rent_limit_large


def test_no_policy_file_means_defaults(tmp_path):
    assert read_policy_toml(tmp_path / "policy.toml") == (Policy(), [])


def test_toml_problems_name_the_key(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('split_min_age = "eighteen"\nwoningcheck = "sometimes"\nrent_limit = 700\n')
    _, problems = read_policy_toml(path)
    assert messages(problems) == [
        "policy.toml:0: split_min_age: 'eighteen' is not a whole number; enter a whole number such as 3",
        "policy.toml:0: woningcheck: 'sometimes' is not yes or no; use true/false, yes/no, ja/nee or 1/0",
        "policy.toml:0: rent_limit: unknown setting; did you mean rent_limit_young? "
        "every setting is listed in docs/FORMAT.md (Policy keys)",
    ]


def test_broken_toml_is_one_clear_problem(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("rent_limit_small = \n")
    _, problems = read_policy_toml(path)
    assert len(problems) == 1
    assert str(problems[0]).startswith("policy.toml:0: -: not valid TOML (")
    assert str(problems[0]).endswith("write one setting per line: key = value")


def test_objective_terms_must_be_known():
    with pytest.raises(ScenarioError) as err:
        policy_from_mapping({"objective_order": ["persons", "happiness"]})
    assert messages(err.value.problems) == [
        "policy.toml:0: objective_order: unknown objective term(s) ['happiness']; "
        "known: ['persons', 'shortfall', 'away', 'splits', 'unused', 'wait', 'vacancy', 'changes']"
    ]


def test_sheet_values_are_text_or_cells():
    rows = [
        ["key", "value"],
        ["split_roles", "child, sibling,other"],
        ["regional_cooperation", "nee"],
        ["rent_large_from_persons", 4.0],
        ["time_limit", "30"],
        [None, None],
        ["adult_age", None],
    ]
    policy, problems = read_policy_rows(rows)
    assert problems == []
    assert policy.split_roles == ["child", "sibling", "other"]
    assert policy.regional_cooperation is False
    assert policy.rent_large_from_persons == 4
    assert policy.time_limit == 30.0
    assert policy.adult_age == 18


def test_sheet_problems_name_the_row():
    rows = [
        ["Key", "Value"],
        ["time_limit", "0"],
        ["objective_mode", "fast"],
        ["time_limit", "5"],
        ["rent_limt_small", "700"],
    ]
    _, problems = read_policy_rows(rows)
    assert messages(problems) == [
        "policy:1: value: setting time_limit: 0 is too small; use more than 0",
        "policy:2: value: setting objective_mode: 'fast' is not allowed; use one of: lexicographic, weighted",
        "policy:3: key: duplicate setting time_limit (first at row 1)",
        "policy:4: key: setting rent_limt_small: unknown setting; did you mean rent_limit_small? "
        "every setting is listed in docs/FORMAT.md (Policy keys)",
    ]


def test_sheet_without_value_column():
    _, problems = read_policy_rows([["key", "setting"], ["woningcheck", "no"]])
    assert messages(problems) == ["policy:0: value: required column is missing; the header needs: key, value"]


def test_range_checked_after_typing():
    with pytest.raises(ScenarioError) as err:
        policy_from_mapping({"time_limit": "0"}, "policy", rows={"time_limit": 2})
    assert messages(err.value.problems) == [
        "policy:2: value: setting time_limit: 0 is too small; use more than 0"
    ]


def test_written_policy_holds_only_the_changes():
    policy = Policy(rent_limit_large=780.5, split_allowed=False)
    assert policy_overrides(policy) == {"rent_limit_large": 780.5, "split_allowed": False}
    assert policy_toml_text(policy) == "rent_limit_large = 780.5\nsplit_allowed = false\n"
    assert policy_toml_text(Policy()) == ""
