"""Hypothesis profiles "default" (a few hundred cases) and "nightly" (thousands), by HYPOTHESIS_PROFILE."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
}
settings.register_profile("default", max_examples=100, **_COMMON)
settings.register_profile("nightly", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_terminal_summary(terminalreporter) -> None:
    """One line with the number of generated cases each property was checked on."""
    from property_cases import CASES

    if CASES:
        parts = ", ".join(f"{name} {n}" for name, n in sorted(CASES.items()))
        profile = os.environ.get("HYPOTHESIS_PROFILE", "default")
        terminalreporter.write_line(f"properties ({profile} profile): {sum(CASES.values())} cases: {parts}")
