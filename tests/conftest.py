"""Hypothesis profiles by HYPOTHESIS_PROFILE: "default" (fixed cases), "nightly" (thousands of new ones)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
}
settings.register_profile("default", max_examples=100, derandomize=True, **_COMMON)
"""Derandomized: every run of the suite checks the same cases, so a red run is a change, not luck."""
settings.register_profile("nightly", max_examples=1000, **_COMMON)
"""Random: new cases each run, to find what the default profile's fixed cases miss."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_COUNTS_DIR = "ALLOCATION_PROPERTY_CASES_DIR"
"""Where pytest-xdist workers leave their case counts for the summary line."""


def pytest_configure(config) -> None:
    if not hasattr(config, "workerinput"):
        os.environ[_COUNTS_DIR] = tempfile.mkdtemp(prefix="property-cases-")


def pytest_sessionfinish(session) -> None:
    from property_cases import CASES

    worker = getattr(session.config, "workerinput", None)
    if worker is not None and CASES and os.environ.get(_COUNTS_DIR):
        path = Path(os.environ[_COUNTS_DIR]) / f"{worker['workerid']}.json"
        path.write_text(json.dumps(CASES), encoding="utf-8")


def pytest_terminal_summary(terminalreporter) -> None:
    """One line with the number of generated cases each property was checked on."""
    from property_cases import CASES

    if hasattr(terminalreporter.config, "workerinput"):
        return  # the controller adds up what every worker counted
    counts = Counter(CASES)
    folder = os.environ.get(_COUNTS_DIR)
    if folder and Path(folder).is_dir():
        for path in Path(folder).glob("*.json"):
            counts.update(json.loads(path.read_text(encoding="utf-8")))
        shutil.rmtree(folder, ignore_errors=True)
    if counts:
        parts = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
        profile = os.environ.get("HYPOTHESIS_PROFILE", "default")
        terminalreporter.write_line(f"properties ({profile} profile): {sum(counts.values())} cases: {parts}")
