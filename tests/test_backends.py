"""How solver options become HiGHS parameters for the stage LPs and MIPs, and who solves the LPs."""

from allocation.model.backends import HIGHS_WHOLE_STAGE_RULES_OFF, SolverOptions, lp_solver, parameters


def test_a_stages_own_highs_mip_runs_without_the_presolve_aggregator_and_an_lp_with_it():
    mip = parameters("highs", SolverOptions(), 10.0, deterministic=True, whole_stage=True)
    lp = parameters("highs", SolverOptions(), 10.0, deterministic=True)  # and a MIP on an LP's face
    assert mip.highs.int_options["presolve_rule_off"] == HIGHS_WHOLE_STAGE_RULES_OFF == 4096
    assert "presolve_rule_off" not in lp.highs.int_options


def test_a_users_presolve_rules_replace_the_default_one():
    options = SolverOptions(backend_params={"presolve_rule_off": 0})
    mip = parameters("highs", options, 10.0, deterministic=True, whole_stage=True)
    assert mip.highs.int_options["presolve_rule_off"] == 0


def test_other_backends_get_no_highs_options():
    mip = parameters("scip", SolverOptions(), 10.0, deterministic=True, whole_stage=True)
    assert not mip.highs.int_options


def test_glop_solves_a_highs_runs_lps_unless_told_otherwise_or_highs_is_tuned():
    assert lp_solver("highs", SolverOptions()) == "glop"
    assert lp_solver("highs", SolverOptions(lp_solver="highs")) == "highs"
    assert lp_solver("highs", SolverOptions(backend_params={"simplex_strategy": 4})) == "highs"
    assert lp_solver("highs", SolverOptions(lp_solver="glop", backend_params={"mip_rel_gap": 0.1})) == "glop"
    assert lp_solver("scip", SolverOptions()) == "scip"
    assert lp_solver("scip", SolverOptions(lp_solver="glop")) == "glop"


def test_glop_gets_none_of_the_backends_raw_parameters():
    lp = parameters("glop", SolverOptions(backend_params={"mip_rel_gap": 0.1}), 10.0, deterministic=True)
    assert not lp.highs.double_options and not lp.glop.ListFields()
