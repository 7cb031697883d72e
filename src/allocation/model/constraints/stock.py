"""Hard: every placed group takes one fitting dwelling; each dwelling houses one group at most.

Flow conservation per municipality and profile joins the two levels; a vacated home (a kamer of a
referent who moves, Q6) is offered only as often as its class's referents move out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from allocation.model.constraints.households import housed

if TYPE_CHECKING:
    from allocation.model.component import ComponentModel


def add(cm: ComponentModel) -> None:
    """Groups placed per (municipality, profile) == dwellings taken; type use <= its supply."""
    comp, prog = cm.component, cm.program
    demand: dict[tuple, list[int]] = defaultdict(list)
    for (cid, m, o), col in cm.place.items():
        for prof in comp.class_index[cid].options[o].profiles:
            demand[(m, prof)].append(col)
    supply: dict[tuple, list[int]] = defaultdict(list)
    use: dict[int, list[int]] = defaultdict(list)
    for (m, prof, tid), col in cm.take.items():
        supply[(m, prof)].append(col)
        use[tid].append(col)
    flows = [(cols, supply.get(key, [])) for key, cols in demand.items()]
    prog.rows_of(
        [cols + takes for cols, takes in flows],
        [[1.0] * len(cols) + [-1.0] * len(takes) for cols, takes in flows],
        lb=0.0,
        ub=0.0,
    )
    moving = housed(cm)
    rows: list[list[int]] = []
    coefs: list[list[float]] = []
    limits: list[float] = []
    for tid, cols in use.items():
        t = comp.type_index[tid]
        if t.vacated_by is not None:
            movers = moving.get(t.vacated_by, [])
            rows.append(cols + movers)
            coefs.append([1.0] * len(cols) + [-1.0] * len(movers))
            limits.append(0.0)
        elif len(cols) > 1:
            rows.append(cols)
            coefs.append([1.0] * len(cols))
            limits.append(len(t.dwellings))
    prog.rows_of(rows, coefs, ub=limits)
