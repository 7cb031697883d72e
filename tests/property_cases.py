"""Cases checked per property in this test run, for the summary line at the end of pytest's output."""

from __future__ import annotations

from collections import Counter

CASES: Counter[str] = Counter()
