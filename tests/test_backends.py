"""How solver options become HiGHS parameters for the stage LPs and MIPs."""

from allocation.model.backends import HIGHS_WHOLE_STAGE_RULES_OFF, SolverOptions, parameters


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
