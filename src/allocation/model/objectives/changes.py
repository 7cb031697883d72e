"""Soft: fewest households moved away from the home the previous plan gave them (stable re-plans).

Members of a class with a `previous_type` all had homes of that type (model.aggregate), so the
model only counts how many of them stay: a keep column per option, at most the class's placements
that way in the home's municipality, and, with every other class's keeps of the same group
profile, at most the takes of that type. Disaggregation gives each kept member its own home.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from allocation.model.aggregate import OWN_HOME
from allocation.model.component import KeepKey, PlaceKey, TakeKey
from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Households with a previous home minus those whose main group takes it again (minimize)."""
    comp, prog = cm.component, cm.program
    before = sum(len(c.previous) for c in comp.classes)
    if not before:
        return Expr.of([]), 0.0
    per_take: dict[int, list[int]] = defaultdict(list)
    for cls in comp.classes:
        t = comp.type_index.get(cls.previous_type) if cls.previous_type is not None else None
        if t is None:
            continue
        for o, option in enumerate(cls.options):
            main = option.profiles[0]
            if main.reserved is not None and main.reserved.startswith(OWN_HOME):
                continue  # the part that stays in the referent's own home is not a kept home
            place = cm.place.get(PlaceKey(cls.id, t.municipality, o))
            take = cm.take.get(TakeKey(t.municipality, main, t.id))
            if place is None or take is None:
                continue
            col = prog.column(len(cls.households))
            cm.keep[KeepKey(cls.id, o)] = col
            prog.row(Expr.of([col, place], [1.0, -1.0]), ub=0.0)
            per_take[take].append(col)
    for take, cols in per_take.items():
        prog.row(Expr.of([*cols, take], [1.0] * len(cols) + [-1.0]), ub=0.0)
    changes = prog.column(before)
    prog.row(Expr.of([changes, *cm.keep.values()]), lb=float(before), ub=float(before))
    return Expr.of([changes]), float(before)
