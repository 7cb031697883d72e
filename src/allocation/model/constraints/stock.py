"""Hard: every placed group takes one fitting dwelling; each dwelling houses one group at most.

Flow conservation per municipality and profile joins the two levels; a vacated home (kamer of a
referent who moves, Q6) is offered only as often as its class's referents move out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

from allocation.model.constraints.households import placements

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel


def add(cm: ComponentModel) -> None:
    """Groups demanded per (municipality, profile) == dwellings taken; type use <= its supply."""
    comp, model = cm.component, cm.model
    demand: dict[tuple, list[tuple[int, mathopt.Variable]]] = defaultdict(list)
    for (cid, m, o), var in cm.place.items():
        for prof in comp.class_index[cid].options[o].profiles:
            demand[(m, prof)].append((1, var))
    supply: dict[tuple, list[mathopt.Variable]] = defaultdict(list)
    use: dict[int, list[mathopt.Variable]] = defaultdict(list)
    for (m, prof, tid), var in cm.take.items():
        supply[(m, prof)].append(var)
        use[tid].append(var)
    for key, terms in demand.items():
        lhs = mathopt.fast_sum(coef * var for coef, var in terms)
        model.add_linear_constraint(lhs == mathopt.fast_sum(supply[key]))
    housed = {cid: mathopt.fast_sum(vs) for cid, vs in placements(cm).items()}
    for tid, variables in use.items():
        t = comp.type_index[tid]
        total = mathopt.fast_sum(variables)
        if t.vacated_by is not None:
            model.add_linear_constraint(total <= housed.get(t.vacated_by, 0))
        elif len(variables) > 1:
            model.add_linear_constraint(total <= len(t.dwellings))
