"""Solver configurations for the benchmark, one TOML file each (benchmarks/configs/*.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

BENCH_SOLVERS: tuple[str, ...] = ("highs", "scip", "cpsat", "greedy", "pairwise")
"""Class-based backends, the greedy baseline and the per-pair CP-SAT reference."""


class ConfigError(Exception):
    """A configuration file cannot be used; the message names the file and the key."""


class BenchConfig(BaseModel):
    """One solver configuration: which solver and how it is tuned (threads, gap, presolve, seed)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    solver: str
    threads: int | None = Field(None, ge=1)
    time_limit: float | None = Field(None, gt=0)
    relative_gap: float | None = Field(None, ge=0)
    absolute_gap: float | None = Field(None, ge=0)
    presolve: bool | None = None
    random_seed: int | None = None
    lp_solver: Literal["glop", "highs"] | None = None
    deterministic: bool = False
    backend_params: dict[str, Any] = Field(default_factory=dict)
    policy: dict[str, Any] = Field(default_factory=dict)
    """Rule settings overridden for this configuration (e.g. the v1 objective order), as in policy.toml."""
    description: str = ""

    def apply_policy(self, scenario):
        """The scenario under this configuration's rule settings (unchanged when it sets none)."""
        if not self.policy:
            return scenario
        from allocation.policy import Policy

        policy = Policy.model_validate({**scenario.policy.model_dump(), **self.policy})
        return scenario.model_copy(update={"policy": policy})

    def solver_options(self):
        """The allocation.SolverOptions this configuration stands for (class-based solvers)."""
        import allocation

        given = {
            "threads": self.threads,
            "relative_gap": self.relative_gap,
            "absolute_gap": self.absolute_gap,
            "presolve": self.presolve,
            "random_seed": self.random_seed,
            "lp_solver": self.lp_solver,
        }
        return allocation.SolverOptions(
            **{k: v for k, v in given.items() if v is not None}, backend_params=dict(self.backend_params)
        )


def default_config(solver: str) -> BenchConfig:
    """The untuned configuration used when a chosen solver has no TOML file."""
    return BenchConfig(name="default", solver=solver)


def load_config(path: Path) -> BenchConfig:
    """Read one TOML file; its name defaults to the file name without .toml."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    data.setdefault("name", path.stem)
    try:
        config = BenchConfig.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise ConfigError("\n".join(lines)) from None
    from allocation.policy import Policy

    try:
        Policy.model_validate(config.policy)
    except ValidationError as exc:
        lines = [f"{path}: policy.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise ConfigError("\n".join(lines)) from None
    if config.solver not in BENCH_SOLVERS:
        raise ConfigError(
            f"{path}: solver: unknown solver {config.solver!r}; known: {', '.join(BENCH_SOLVERS)}"
        )
    return config


def load_configs(directory: Path | None, solvers: list[str]) -> list[BenchConfig]:
    """Every configuration in the folder for the chosen solvers, plus a default for solvers without one."""
    configs: list[BenchConfig] = []
    if directory is not None:
        if not directory.is_dir():
            raise ConfigError(f"{directory}: no such folder of configurations")
        configs = [load_config(p) for p in sorted(directory.glob("*.toml"))]
        names = [c.name for c in configs]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigError(f"{directory}: configuration name(s) used twice: {', '.join(duplicates)}")
    chosen = [c for c in configs if c.solver in solvers]
    for solver in solvers:
        if not any(c.solver == solver for c in chosen):
            chosen.append(default_config(solver))
    order = {s: i for i, s in enumerate(solvers)}
    return sorted(chosen, key=lambda c: (order[c.solver], c.name))
