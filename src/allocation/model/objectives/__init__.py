"""Objective terms of the class-based model, one module each; order and sense come from policy."""

from allocation.model.objectives import (
    away,
    changes,
    order,
    persons,
    pins,
    shortfall,
    splits,
    unused,
    vacancy,
    wait,
)

TERMS = {
    "pins": pins.term,
    "persons": persons.term,
    "shortfall": shortfall.term,
    "away": away.term,
    "splits": splits.term,
    "unused": unused.term,
    "wait": wait.term,
    "vacancy": vacancy.term,
    "changes": changes.term,
    "order": order.term,
}
"""Every term builder: (component model, scenario, fixed counted persons) -> (expression, bound)."""
