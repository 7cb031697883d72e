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
    """x(class, municipality, option) only where every group has a fitting type there; y per fit.

    Profiles are numbered once per component, so the class x municipality x option scan compares
    small numbers instead of hashing profiles; columns are appended in the same order as one by one.
    """
    comp, prog = cm.component, cm.program
    types = comp.type_index
    number: dict[Profile, int] = {}
    fitting_types: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (prof, tid), ok in comp.fits.items():
        if ok:
            fitting_types[(types[tid].municipality, number.setdefault(prof, len(number)))].append(tid)
    profiles = list(number)
    fits_at: dict[str, set[int]] = defaultdict(set)
    for m, pid in fitting_types:
        fits_at[m].add(pid)
    used: dict[tuple[str, int], None] = {}
    bounds: list[float] = []
    first = prog.size
    for cls in comp.classes:
        n = float(len(cls.households))
        options = []
        for o, opt in enumerate(cls.options):
            pids = tuple(number.get(p, -1) for p in opt.profiles)  # -1: a profile that fits nowhere
            options.append((o, pids, frozenset(pids)))
        for m in cls.reach:
            here = fits_at.get(m)
            if not here:
                continue
            for o, pids, needed in options:
                if needed <= here:
                    cm.place[PlaceKey(cls.id, m, o)] = first + len(bounds)
                    bounds.append(n)
                    for pid in pids:
                        used[(m, pid)] = None
    prog.columns(bounds)
    takes: list[TakeKey] = []
    supply: list[float] = []
    for m, pid in used:
        for tid in sorted(fitting_types[(m, pid)]):
            takes.append(TakeKey(m, profiles[pid], tid))
            supply.append(len(types[tid].dwellings))
    cm.take.update(zip(takes, prog.columns(supply), strict=True))
