"""The MathOpt model of one component: variables, hard constraints, objective terms."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.math_opt.python import mathopt

from allocation.model.aggregate import Component, Profile
from allocation.model.constraints import households, stock
from allocation.model.objectives import TERMS
from allocation.scenario import Scenario


@dataclass
class ComponentModel:
    """A built component: MathOpt model, placement and dwelling variables, objective terms."""

    component: Component
    model: mathopt.Model
    place: dict[tuple[int, str, int], mathopt.Variable] = field(default_factory=dict)
    """(class id, municipality, option index) -> number of class members housed that way."""
    take: dict[tuple[str, Profile, int], mathopt.Variable] = field(default_factory=dict)
    """(municipality, profile, dwelling type id) -> number of such groups in such dwellings."""
    shortfall: dict[str, mathopt.Variable] = field(default_factory=dict)
    terms: dict[str, mathopt.LinearExpression] = field(default_factory=dict)
    term_bounds: dict[str, float] = field(default_factory=dict)
    """An upper bound on each term's value, to separate weights exactly in weighted mode."""


def build(comp: Component, scenario: Scenario, fixed_counted: dict[str, int]) -> ComponentModel:
    """Variables for every feasible placement, then each constraint family, then each term."""
    cm = ComponentModel(component=comp, model=mathopt.Model(name="allocation"))
    _placement_variables(cm)
    households.add(cm)
    stock.add(cm)
    for name, term in TERMS.items():
        cm.terms[name], cm.term_bounds[name] = term(cm, scenario, fixed_counted)
    return cm


def _placement_variables(cm: ComponentModel) -> None:
    """Create x(class, municipality, option) only where every group has some fitting type there."""
    comp, model = cm.component, cm.model
    fitting_types: dict[tuple[str, Profile], list[int]] = defaultdict(list)
    muni_of_type = {t.id: t.municipality for t in comp.types}
    for (prof, tid), ok in comp.fits.items():
        if ok:
            fitting_types[(muni_of_type[tid], prof)].append(tid)
    for cls in comp.classes:
        n = len(cls.households)
        for m in cls.reach:
            for o, opt in enumerate(cls.options):
                if all(fitting_types.get((m, p)) for p in opt.profiles):
                    cm.place[(cls.id, m, o)] = model.add_integer_variable(
                        lb=0, ub=n, name=f"x_{cls.id}_{m}_{o}"
                    )
    used = {(m, p) for (cid, m, o) in cm.place for p in comp.class_index[cid].options[o].profiles}
    count = {t.id: len(t.dwellings) for t in comp.types}
    for m, p in sorted(used, key=repr):
        for tid in fitting_types[(m, p)]:
            cm.take[(m, p, tid)] = model.add_integer_variable(lb=0, ub=count[tid])
