"""The model of one component: placement and dwelling columns, hard constraints, objective terms."""

from __future__ import annotations

from collections import defaultdict

from allocation.model.aggregate import Component, Profile
from allocation.model.component import ComponentModel, PlaceKey, TakeKey
from allocation.model.constraints import households, release, stock
from allocation.model.objectives import TERMS
from allocation.scenario import Scenario

__all__ = ["ComponentModel", "build"]
# ComponentModel lives in model.component; it stays importable from here for the term modules.


def build(
    comp: Component, scenario: Scenario, fixed_counted: dict[str, int], order: list[str]
) -> ComponentModel:
    """Columns for every feasible placement, then each constraint family, then the ordered terms."""
    cm = ComponentModel(component=comp)
    _placement_columns(cm)
    households.add(cm)
    stock.add(cm)
    release.add(cm, scenario)
    for name in order:
        cm.terms[name], cm.term_bounds[name] = TERMS[name](cm, scenario, fixed_counted)
    return cm


def _placement_columns(cm: ComponentModel) -> None:
    """x(class, municipality, option) only where every group has a fitting type there; y per fit."""
    comp, prog = cm.component, cm.program
    fitting_types: dict[tuple[str, Profile], list[int]] = defaultdict(list)
    types = comp.type_index
    for (prof, tid), ok in comp.fits.items():
        if ok:
            fitting_types[(types[tid].municipality, prof)].append(tid)
    used: dict[tuple[str, Profile], None] = {}
    for cls in comp.classes:
        n = len(cls.households)
        for m in cls.reach:
            for o, opt in enumerate(cls.options):
                if all(fitting_types.get((m, p)) for p in opt.profiles):
                    cm.place[PlaceKey(cls.id, m, o)] = prog.column(n)
                    used.update(((m, p), None) for p in opt.profiles)
    for m, p in used:
        for tid in sorted(fitting_types[(m, p)]):
            cm.take[TakeKey(m, p, tid)] = prog.column(len(types[tid].dwellings))
