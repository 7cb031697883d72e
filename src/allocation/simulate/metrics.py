"""What a replay run achieved: persons housed, reception waits, vacancy, taakstelling fulfilment."""

from __future__ import annotations

from collections import Counter
from datetime import date
from math import ceil

from allocation.scenario import Scenario
from allocation.simulate.replay import Replay, week_date

SIZE_CLASSES: tuple[tuple[str, int, int], ...] = (("1-2", 1, 2), ("3-4", 3, 4), ("5-6", 5, 6), ("7+", 7, 99))
"""Family sizes the wait is reported by."""

COLUMNS: tuple[str, ...] = (
    "instance",
    "policy",
    "seed",
    "weeks",
    "start",
    "end",
    "arrived",
    "persons_arrived",
    "households_housed",
    "persons_housed",
    "waiting_at_end",
    "wait_mean",
    "wait_p50",
    "wait_p90",
    *(f"wait_mean_{name}" for name, _, _ in SIZE_CLASSES),
    "vacancy_days",
    "quota_fulfilment_end",
    "announced_changes",
    "replan_changes",
    "plans",
    "violations",
    "status",
    "notice_days",
    "protect_gap",
    "kept_homes",
)
"""Columns of simulate's results.csv, one row per (instance, policy, seed): all fixed by the seeds, so a
sweep on a cluster writes the very same file as a serial run (solve times are in results.md only)."""

QUOTA_COLUMNS: tuple[str, ...] = (
    "instance",
    "policy",
    "seed",
    "date",
    "label",
    "municipality",
    "quota",
    "housed",
)
"""Columns of quota.csv: each municipality's taakstelling at each half-year end and peildatum."""


def percentile(values: list[int], share: float) -> float | None:
    """Nearest-rank percentile (p50 of 1..4 is 2); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, ceil(share * len(ordered)) - 1)])


def mean(values: list[int]) -> float | None:
    """Mean, rounded to 0.1; None for no values."""
    return round(sum(values) / len(values), 1) if values else None


def report_dates(start: date, end: date) -> list[tuple[date, str]]:
    """Peildata (1 April, 1 October) and half-year ends within the period, and its last week."""
    found: list[tuple[date, str]] = []
    for year in range(start.year, end.year + 1):
        for month, day, label in ((4, 1, "peildatum"), (6, 30, "half-year end"), (10, 1, "peildatum")):
            found.append((date(year, month, day), label))
        found.append((date(year, 12, 31), "half-year end"))
    dated = [(d, label) for d, label in found if start <= d <= end]
    return [*dated, (end, "end of replay")]


def result_row(instance: str, scenario: Scenario, run: Replay) -> dict:
    """The results.csv row of one run."""
    end = run.end
    arrived = [t for t in run.timelines.values() if t.arrival is not None and t.arrival <= end]
    arrived_ids = {t.household for t in arrived}
    housed = {m.household for m in run.move_ins}
    waits = [m.wait_days for m in run.move_ins]
    row = {
        "instance": instance,
        "policy": run.policy,
        "seed": run.seed,
        "weeks": run.weeks,
        "start": run.start.isoformat(),
        "end": end.isoformat(),
        "arrived": len(arrived),
        "persons_arrived": sum(len(scenario.members(h)) for h in arrived_ids),
        "households_housed": len(housed),
        "persons_housed": sum(m.persons for m in run.move_ins),
        "waiting_at_end": len(arrived_ids - housed),
        "wait_mean": mean(waits),
        "wait_p50": percentile(waits, 0.5),
        "wait_p90": percentile(waits, 0.9),
        "vacancy_days": sum(m.vacancy_days for m in run.move_ins),
        "quota_fulfilment_end": round(fulfilment(scenario, run, end), 4),
        "announced_changes": 0,
        "replan_changes": run.replan_changes,
        "plans": run.plans,
        "violations": run.violations,
        "status": "/".join(sorted(run.statuses)),
        "notice_days": run.notice_days,
        "protect_gap": run.protect_gap,
        "kept_homes": run.kept_homes,
        "solve_s": round(run.solve_seconds, 2),
    }
    for name, low, high in SIZE_CLASSES:
        row[f"wait_mean_{name}"] = mean([m.wait_days for m in run.move_ins if low <= m.size <= high])
    return row


def counted_by(run: Replay, day: date) -> Counter:
    """Municipality -> persons counted for its taakstelling by move-ins up to this day."""
    counted: Counter = Counter()
    for move in run.move_ins:
        if move.day <= day:
            for code, count in move.counted:
                counted[code] += count
    return counted


def fulfilment(scenario: Scenario, run: Replay, day: date) -> float:
    """Share of the summed taakstelling housed by this day (housed before plus counted move-ins)."""
    quota = sum(m.quota for m in scenario.municipalities)
    if quota == 0:
        return 1.0
    counted = counted_by(run, day)
    housed = sum(min(m.quota, m.housed + counted[m.code]) for m in scenario.municipalities)
    return housed / quota


def quota_rows(instance: str, scenario: Scenario, run: Replay) -> list[dict]:
    """quota.csv rows: each municipality's quota and persons housed at each report date."""
    rows = []
    for day, label in report_dates(run.start, run.end):
        counted = counted_by(run, day)
        for m in scenario.municipalities:
            rows.append(
                {
                    "instance": instance,
                    "policy": run.policy,
                    "seed": run.seed,
                    "date": day.isoformat(),
                    "label": label,
                    "municipality": m.code,
                    "quota": m.quota,
                    "housed": m.housed + counted[m.code],
                }
            )
    return rows


def weekly_fulfilment(scenario: Scenario, run: Replay) -> list[float]:
    """The summed taakstelling's fulfilment at each week's date (for the plot)."""
    return [round(fulfilment(scenario, run, week_date(run.start, w)), 4) for w in range(run.weeks)]
