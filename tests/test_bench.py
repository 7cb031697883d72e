"""The benchmark suite's fast subset: solvers agree, plans verify, the command writes its report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import allocation
import allocation.rules
from allocation.bench.configs import ConfigError, load_config, load_configs
from allocation.bench.harness import COLUMNS
from allocation.bench.pairwise import solve_pairwise
from allocation.bench.report import fit_growth, housed_ratios
from allocation.bench.score import lexicographic_key, plan_terms
from allocation.cli import main
from allocation.generate import generate_family
from allocation.policy import V1_ORDER

CONTRACT = [
    "instance",
    "size",
    "solver",
    "config",
    "seed",
    "status",
    "objective",
    "bound",
    "gap",
    "persons_housed",
    "splits",
    "wall_s",
    "build_s",
    "peak_mb",
]

INSTANCES = [("scarce-stock", 100), ("pinned", 100)]


@pytest.fixture(scope="module", params=INSTANCES, ids=lambda p: f"{p[0]}-{p[1]}")
def solved(request):
    """One small instance solved by every class-based backend, greedy and the per-pair reference."""
    family, size = request.param
    scenario = generate_family(family, size, 1)
    plans = {
        s: allocation.solve(scenario, solver=s, time_limit=30) for s in ("highs", "scip", "cpsat", "greedy")
    }
    plans["pairwise"] = solve_pairwise(scenario, time_limit=30)
    return scenario, plans


def test_every_optimizer_proves_optimality_and_greedy_is_feasible(solved):
    _, plans = solved
    assert {s: p.stats.status for s, p in plans.items()} == {
        "highs": "optimal",
        "scip": "optimal",
        "cpsat": "optimal",
        "greedy": "feasible",
        "pairwise": "optimal",
    }
    assert plans["pairwise"].stats.solver == "pairwise-cpsat"
    assert plans["pairwise"].stats.gap == 0.0


def test_class_based_backends_and_per_pair_reference_agree_on_every_objective_term(solved):
    scenario, plans = solved
    keys = {
        s: lexicographic_key(plan_terms(scenario, p), scenario) for s, p in plans.items() if s != "greedy"
    }
    assert len(set(keys.values())) == 1, keys
    # The per-pair model's own account of its terms matches the plan it returns.
    own = {k: int(v) for k, v in plans["pairwise"].stats.objective_terms.items()}
    assert own == plan_terms(scenario, plans["pairwise"])


def test_every_plan_passes_verify_and_optimum_houses_at_least_greedy(solved):
    scenario, plans = solved
    for solver, plan in plans.items():
        assert allocation.verify(scenario, plan) == [], solver
    greedy = plan_terms(scenario, plans["greedy"])["persons"]
    assert plan_terms(scenario, plans["highs"])["persons"] >= greedy


def test_pairwise_plan_reports_kinds_and_person_ids_like_the_optimizer(solved):
    scenario, plans = solved
    plan = plans["pairwise"]
    housed = plan.housed_households()
    assert len(housed) + len(plan.unassigned) == len(scenario.households)
    for a in plan.assignments:
        members = {p.id for p in scenario.members(a.household)}
        assert set(a.person_ids) <= members and len(a.person_ids) == a.persons
    for hid in housed:
        rows = plan.assignments_of(hid)
        assert {r.kind for r in rows} <= {"join", "move", "split"}
        assert len(rows) == (2 if rows[0].kind == "split" else 1)
        assert sorted(p for r in rows for p in r.person_ids) == sorted(p.id for p in scenario.members(hid))


def test_bench_command_writes_csv_with_contract_columns_markdown_and_plots(tmp_path: Path):
    out = tmp_path / "results"
    code = main(
        [
            "bench",
            "--family",
            "scarce-stock",
            "--sizes",
            "60",
            "100",
            "--solvers",
            "highs",
            "greedy",
            "pairwise",
            "--configs",
            str(Path(__file__).parents[1] / "benchmarks" / "configs"),
            "--time-limit",
            "30",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    with (out / "results.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == list(COLUMNS)
        rows = list(reader)
    assert set(CONTRACT) <= set(reader.fieldnames)
    assert sorted((r["instance"], r["solver"]) for r in rows) == sorted(
        (f"scarce-stock-{n}-s1", s) for n in (60, 100) for s in ("highs", "greedy", "pairwise")
    )
    for r in rows:
        assert r["verified"] == "true", r
        assert r["status"] == ("feasible" if r["solver"] == "greedy" else "optimal"), r
        assert float(r["peak_mb"]) > 0 and float(r["wall_s"]) >= 0
    by = {(r["size"], r["solver"]): r for r in rows}
    assert by[("100", "highs")]["persons_housed"] == by[("100", "pairwise")]["persons_housed"]
    text = (out / "results.md").read_text(encoding="utf-8")
    for heading in (
        "## Time by size",
        "## Per-pair reference",
        "## Persons housed against greedy",
        "## Growth",
    ):
        assert heading in text
    from allocation.bench.harness import source_commit

    assert {r["commit"] for r in rows} == {source_commit()}, "every row names the commit measured"
    if (Path(__file__).parents[1] / ".git").exists():
        assert source_commit().split("+")[0].isalnum()
    for png in ("time_vs_size.png", "housed_vs_greedy.png", "cactus.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pairwise_cap_skips_the_reference_on_larger_sizes(tmp_path: Path):
    from allocation.bench.configs import default_config
    from allocation.bench.harness import BenchSettings, Instance, planned_runs

    settings = BenchSettings(
        families=["regional"],
        sizes=[100, 5000],
        seeds=[1],
        configs=[default_config("highs"), default_config("pairwise")],
        pairwise_max_size=2000,
    )
    instances = [Instance("regional", n, 1, tmp_path / f"{n}.json", "x", n, n, 10) for n in (100, 5000)]
    runs = [(i.size, c.solver) for i, c, _ in planned_runs(settings, instances)]
    assert runs == [(100, "highs"), (100, "pairwise"), (5000, "highs")]


def test_config_files_map_onto_solver_options(tmp_path: Path):
    path = tmp_path / "highs-tuned.toml"
    path.write_text(
        'solver = "highs"\nrelative_gap = 0.01\npresolve = false\nrandom_seed = 7\n'
        "[backend_params]\nmip_heuristic_effort = 0.2\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.name == "highs-tuned"
    options = config.solver_options()
    assert (options.relative_gap, options.presolve, options.random_seed) == (0.01, False, 7)
    assert options.backend_params == {"mip_heuristic_effort": 0.2}


def test_bad_config_names_file_and_key(tmp_path: Path):
    (tmp_path / "a.toml").write_text('solver = "gurobi"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.toml: solver: unknown solver 'gurobi'"):
        load_configs(tmp_path, ["highs"])
    (tmp_path / "a.toml").write_text('solver = "highs"\nthreads = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.toml: threads: "):
        load_configs(tmp_path, ["highs"])


def test_bench_command_reports_bad_config_without_traceback(tmp_path: Path, capsys):
    (tmp_path / "x.toml").write_text("solver = [\n", encoding="utf-8")
    code = main(["bench", "--configs", str(tmp_path), "--sizes", "60", "--out", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err
    assert "x.toml: not valid TOML" in err and "Traceback" not in err


def test_growth_fit_and_housed_ratio_from_rows():
    rows = []
    for n in (100, 1000, 10000):
        rows.append(_row(n, "highs", wall=0.01 * n, persons=n))
        rows.append(_row(n, "greedy", wall=0.001 * n, persons=int(n * 0.9)))
    fits = fit_growth(rows)
    assert fits[("national", "highs/default")][0] == pytest.approx(1.0)
    assert fits[("national", "highs/default")][1] == 3
    ratios = housed_ratios(rows)
    assert min(ratios["national"]["highs/default"]) == pytest.approx(1 / 0.9, rel=1e-3)


def _row(size: int, solver: str, *, wall: float, persons: int) -> dict:
    return {
        "instance": f"national-{size}-s1",
        "family": "national",
        "size": size,
        "solver": solver,
        "config": "default",
        "status": "optimal" if solver != "greedy" else "feasible",
        "wall_s": wall,
        "persons_housed": persons,
    }


def test_bench_instances_are_the_same_for_the_same_seed(tmp_path: Path):
    from allocation.bench.harness import make_instance

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_instance("national", 80, 3, tmp_path / "a")
    again = make_instance("national", 80, 3, tmp_path / "b")
    other = make_instance("national", 80, 4, tmp_path / "b")
    assert first.sha == again.sha != other.sha
    assert first.path.read_bytes() == again.path.read_bytes()
    assert (first.households, first.name) == (80, "national-80-s3")


def test_pairwise_honours_wait_and_vacancy_limits_like_the_optimizer():
    from datetime import date

    base = generate_family("national", 150, 2)
    policy = base.policy.model_copy(
        update={"max_reception_wait_days": 14, "max_vacancy_days": 28, "planning_date": date(2026, 12, 1)}
    )
    scenario = base.model_copy(update={"policy": policy})
    reference = solve_pairwise(scenario, time_limit=30)
    optimum = allocation.solve(scenario, solver="highs", time_limit=30)
    assert allocation.verify(scenario, reference) == []
    assert reference.stats.status == optimum.stats.status == "optimal"
    assert plan_terms(scenario, reference) == plan_terms(scenario, optimum)
    # The limits bind: without them more persons are housed.
    assert (
        plan_terms(base, allocation.solve(base, time_limit=30))["persons"]
        > plan_terms(scenario, optimum)["persons"]
    )


def test_pairwise_agrees_with_the_optimizer_under_clashing_and_unfit_pins():
    import random

    base = generate_family("pinned", 120, 2)
    rnd = random.Random(1)
    households = []
    for h in base.households:
        if rnd.random() < 0.15:  # pinned to any home: some do not fit, some pins clash
            h = h.model_copy(
                update={"pinned_dwelling": rnd.choice(base.dwellings).id, "pinned_municipality": None}
            )
        elif rnd.random() < 0.05:
            code = rnd.choice(base.municipalities).code
            h = h.model_copy(update={"pinned_municipality": code, "pinned_dwelling": None})
        households.append(h)
    scenario = allocation.Scenario.model_validate({**base.model_dump(), "households": households})
    optimum = allocation.solve(scenario, solver="highs", time_limit=30)
    reference = solve_pairwise(scenario, time_limit=30)
    assert reference.stats.status == optimum.stats.status == "optimal"
    assert allocation.verify(scenario, reference) == []
    assert plan_terms(scenario, reference) == plan_terms(scenario, optimum)


V2_RULES = hasattr(allocation.rules, "needs_step_free")
"""The per-pair reference asks the split rule and the quota rule; these tests need their v2 form."""
needs_v2_rules = pytest.mark.skipif(
    not V2_RULES, reason="needs the v2 split and quota rules in allocation.rules"
)


def _casus4(*, big: bool = True, step_free_household: bool = False, step_free_child: bool = False, **policy):
    """Casus 4's family of nine (two adult children) and a family of eight that only the big home holds."""
    from builders import CASUS4_NINE, dwelling, family, household, municipality, scenario

    nine = family("H9", *CASUS4_NINE)
    if step_free_child:
        nine[2] = nine[2].model_copy(update={"needs_accessible": True})
    homes = [
        dwelling("MID", "GM0153", bedrooms=4, max_occupants=7, accessible=True),
        dwelling("PAIR", "GM0153", bedrooms=2, max_occupants=2),
    ]
    if big:
        homes.insert(0, dwelling("BIG", "GM0153", bedrooms=6, max_occupants=9))
    eight = family(
        "H8", ("referent", 40, "m"), ("partner", 38, "f"), *[("child", a, "m") for a in (10, 9, 8, 7, 6, 5)]
    )
    return scenario(
        [municipality("GM0153", "Enschede")],
        homes,
        [household("H8", "GM0153"), household("H9", "GM0153", needs_accessible=step_free_household)],
        eight + nine,
        **policy,
    )


def _housed(plan) -> set[tuple[str, str]]:
    return {(a.household, a.dwelling) for a in plan.assignments}


def _agrees_and_verifies(scenario):
    reference = solve_pairwise(scenario, time_limit=30)
    optimum = allocation.solve(scenario, solver="highs", time_limit=30)
    assert allocation.verify(scenario, reference) == []
    assert reference.stats.status == optimum.stats.status == "optimal"
    assert plan_terms(scenario, reference) == plan_terms(scenario, optimum)
    return reference


@needs_v2_rules
def test_pairwise_splits_the_nine_when_the_big_home_goes_to_the_eight_and_v1_does_not():
    v2 = _agrees_and_verifies(_casus4())
    assert _housed(v2) == {("H8", "BIG"), ("H9", "MID"), ("H9", "PAIR")}
    v1 = _agrees_and_verifies(_casus4(split_when="no_fitting_home", objective_order=list(V1_ORDER)))
    assert _housed(v1) == {("H9", "BIG")}


@needs_v2_rules
def test_pairwise_asks_step_free_only_of_the_group_that_needs_it():
    housed = _agrees_and_verifies(_casus4(big=False, step_free_household=True))
    assert _housed(housed) == {("H9", "MID"), ("H9", "PAIR")}  # the referent's group is step-free
    blocked = _agrees_and_verifies(_casus4(big=False, step_free_child=True))
    assert ("H9", "PAIR") not in _housed(blocked)  # the adult child at PAIR needs step-free itself


@needs_v2_rules
def test_pairwise_counts_a_home_free_after_the_period_for_the_next_one():
    from datetime import date

    from builders import dwelling, family, household, municipality, scenario

    def case(end: date):
        late = dwelling("LATE", "GM0153", bedrooms=2, max_occupants=4).model_copy(
            update={"available_from": date(2026, 8, 1)}
        )
        return scenario(
            [municipality("GM0153", "Enschede", quota=3)],
            [late],
            [household("H1", "GM0153")],
            family("H1", ("referent", 30, "m"), ("partner", 28, "f"), ("child", 4, "f")),
            quota_period_end=end,
        )

    inside = _agrees_and_verifies(case(date(2026, 9, 30)))
    after = _agrees_and_verifies(case(date(2026, 6, 30)))
    assert _housed(inside) == _housed(after) == {("H1", "LATE")}
    assert inside.stats.objective_terms["shortfall"] == 0
    assert after.stats.objective_terms["shortfall"] == 3


def test_a_configuration_may_set_rules_and_the_v1_order_leaves_the_nine_out(tmp_path: Path):
    """benchmarks/configs/orders: the same instance under the v2 and the v1 objective order."""
    import json

    from allocation.bench.worker import run_job

    scenario = allocation.load_scenario(Path(__file__).parent / "scenarios" / "casus4_home_taken")
    instance = tmp_path / "instance.json"
    instance.write_text(scenario.model_dump_json(), encoding="utf-8")
    orders = Path(__file__).parent.parent / "benchmarks" / "configs" / "orders"
    results = {}
    for name in ("highs", "highs-v1"):
        config = load_config(orders / f"{name}.toml")
        job = {"instance_path": str(instance), "config": config.model_dump(), "time_limit": 30}
        results[name] = run_job(json.loads(json.dumps(job)))
    assert all(r["verified"] and r["status"] == "optimal" for r in results.values())
    assert results["highs"]["splits"] == 1 and results["highs-v1"]["splits"] == 0
    assert results["highs"]["persons_housed"] > results["highs-v1"]["persons_housed"]


def test_a_configuration_with_an_unknown_rule_setting_names_file_and_key(tmp_path: Path):
    path = tmp_path / "odd.toml"
    path.write_text('solver = "highs"\n[policy]\nsplit_when = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"odd.toml: policy.split_when"):
        load_config(path)
