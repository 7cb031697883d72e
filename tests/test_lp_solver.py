"""The stages' LP relaxations by GLOP (the default under HiGHS) or by HiGHS itself: the same optimum."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import allocation
from allocation.generate import generate_family
from allocation.verify import verify


@pytest.mark.parametrize(("family", "households"), [("large-families", 300), ("regional-dated", 300)])
def test_glop_and_highs_lps_give_plans_equal_on_every_optimised_term(family: str, households: int) -> None:
    scenario = generate_family(family, households, 2)
    by_glop = allocation.solve(scenario, deterministic=True, time_limit=120)
    by_highs = allocation.solve(
        scenario, deterministic=True, time_limit=120, options=allocation.SolverOptions(lp_solver="highs")
    )
    assert by_glop.stats.status == by_highs.stats.status == "optimal"
    optimised = [*scenario.policy.objective_order, "pins"]
    terms = {t: by_glop.stats.objective_terms.get(t) for t in optimised}
    assert terms == {t: by_highs.stats.objective_terms.get(t) for t in optimised}
    assert terms["persons"] and terms["splits"]  # a plan with splits, where LPs can be fractional
    assert verify(scenario, by_glop) == [] and verify(scenario, by_highs) == []


def test_the_lp_solver_is_chosen_on_the_command_line_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    example = Path(__file__).parents[1] / "data" / "example"

    def solve(*extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "allocation.cli", "solve", str(example), "--quiet", *extra]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    chosen = solve("--out", str(tmp_path / "highs"), "--lp-solver", "highs")
    assert chosen.returncode == 0, chosen.stderr
    wrong = solve("--out", str(tmp_path / "wrong"), "--lp-solver", "cplex")
    assert wrong.returncode == 2 and "--lp-solver" in wrong.stderr and "cplex" in wrong.stderr
    assert not (tmp_path / "wrong").exists()
