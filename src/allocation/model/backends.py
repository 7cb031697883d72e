"""Solver backends through OR-Tools MathOpt, and how options map onto their parameters."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ortools.math_opt.python import mathopt
from pydantic import BaseModel, ConfigDict, Field

MIP_BACKENDS: dict[str, mathopt.SolverType] = {
    "highs": mathopt.SolverType.HIGHS,
    "scip": mathopt.SolverType.GSCIP,
    "cpsat": mathopt.SolverType.CP_SAT,
}


SOLVER_TYPES: dict[str, mathopt.SolverType] = {**MIP_BACKENDS, "glop": mathopt.SolverType.GLOP}
"""Every solver a stage may call: the MIP backends, and GLOP for LP relaxations."""
DEFAULT_LP_SOLVER = {"highs": "glop"}
"""A HiGHS run's LP relaxations go to GLOP: on the 107 stage LPs of the dated national 25,000 it
reached the same optima in 11.7 s where HiGHS took 15.4 s (benchmarks/README.md). Other backends
solve their own LPs unless told otherwise."""


def lp_solver(backend: str, options: SolverOptions) -> str:
    """The solver of a stage's LP relaxation under this backend and these options.

    Raw backend parameters tune the backend, LPs included, so with any of them (and no lp_solver
    chosen) the backend solves its own LPs as well.
    """
    if options.lp_solver is not None:
        return options.lp_solver
    return backend if options.backend_params else DEFAULT_LP_SOLVER.get(backend, backend)


HIGHS_WHOLE_STAGE_RULES_OFF = 1 << 12
"""HiGHS's presolve aggregator (presolve_rule_off bit 12) is off for a stage's own MIP, the one solved
when its LP optimum is not a whole number. On the week-2 re-plan of the national dated instance it
took 7.6 s of such a MIP's 14 s and left the search no easier (benchmarks/README.md). LPs and the
MIPs kept to an LP's optimal face keep it; a user's `--param presolve_rule_off=...` replaces it."""


class SolverOptions(BaseModel):
    """Tuning knobs shared by all backends; backend_params passes raw solver parameters through."""

    model_config = ConfigDict(extra="forbid")

    threads: int | None = Field(None, ge=1)
    relative_gap: float = Field(0.0, ge=0)
    absolute_gap: float = Field(0.5, ge=0, description="objectives are integer: < 1 proves optimality")
    presolve: bool | None = None
    random_seed: int | None = None
    lp_solver: Literal["glop", "highs"] | None = None
    """Who solves the stages' LP relaxations; None: GLOP under HiGHS without raw parameters, else
    the backend itself."""
    backend_params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    """Raw parameters of the backend, for its LPs as well (see lp_solver); GLOP takes none."""


def parameters(
    backend: str,
    options: SolverOptions,
    time_limit: float,
    *,
    deterministic: bool,
    whole_stage: bool = False,
) -> mathopt.SolveParameters:
    """MathOpt parameters for one stage solve within the remaining time (`whole_stage`: see above)."""
    params = mathopt.SolveParameters(
        time_limit=dt.timedelta(seconds=max(time_limit, 0.01)),
        relative_gap_tolerance=options.relative_gap,
        absolute_gap_tolerance=options.absolute_gap,
    )
    threads = 1 if deterministic else options.threads
    if backend == "cpsat" and threads is None:
        threads = 1  # components already run in parallel; measured faster than a 2-worker portfolio
    if threads is not None and backend != "highs":  # HiGHS takes its thread count globally only
        params.threads = threads
    seed = options.random_seed if options.random_seed is not None else (0 if deterministic else None)
    if seed is not None:
        params.random_seed = seed
    if options.presolve is not None:
        params.presolve = mathopt.Emphasis.MEDIUM if options.presolve else mathopt.Emphasis.OFF
    raw = dict(options.backend_params)
    if backend == "glop":
        return params  # the raw parameters are the MIP backend's
    if backend == "highs":
        if whole_stage:
            params.highs.int_options["presolve_rule_off"] = HIGHS_WHOLE_STAGE_RULES_OFF
        for key, value in raw.items():
            if isinstance(value, bool):
                params.highs.bool_options[key] = value
            elif isinstance(value, int):
                params.highs.int_options[key] = value
            elif isinstance(value, float):
                params.highs.double_options[key] = value
            else:
                params.highs.string_options[key] = value
    elif backend == "cpsat":
        raw.setdefault("linearization_level", 2)  # LP relaxation at every node: the model is flow-like
        for key, value in raw.items():
            field = params.cp_sat.DESCRIPTOR.fields_by_name.get(key)
            if field is None:
                raise ValueError(f"unknown CP-SAT parameter {key!r}")
            setattr(params.cp_sat, key, value)
    elif backend == "scip":
        for key, value in raw.items():
            target = {bool: params.gscip.bool_params, int: params.gscip.int_params}.get(type(value))
            if target is None:
                target = params.gscip.real_params if isinstance(value, float) else params.gscip.string_params
            target[key] = value
    return params
