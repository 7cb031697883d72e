"""Arrival windows for the forecast: the rule lives in `allocation.rules.arrival` (Q1, Q3)."""

from allocation.rules.arrival import (
    ARRIVED_STEPS,
    ArrivalWindow,
    add_months,
    arrival_window,
    is_refused,
    month_of,
    remaining_terms,
)

__all__ = [
    "ARRIVED_STEPS",
    "ArrivalWindow",
    "add_months",
    "arrival_window",
    "is_refused",
    "month_of",
    "remaining_terms",
]
