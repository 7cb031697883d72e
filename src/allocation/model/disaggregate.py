"""From class counts to named households and dwellings, deterministically.

Within a class households are housed in the tie order (rules.order: already in the Netherlands,
then longest waiting, then id); each municipality's groups take dwellings of the chosen types in
id order. A vacated home is handed out only when its referent moved. In a re-plan, members placed
in a staying option get their own previous home (a split its two) before any other group takes a
dwelling.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import NamedTuple

from allocation.model.aggregate import Component, Profile
from allocation.plan import Assignment
from allocation.scenario import Scenario

Counts = dict[tuple, int]


class Group(NamedTuple):
    """One group of a housed household waiting for a dwelling; `stays` names its previous home."""

    household: str
    persons: tuple[str, ...]
    split: bool
    stays: str | None = None


def disaggregate(comp: Component, place: Counts, take: Counts, scenario: Scenario) -> list[Assignment]:
    """Assignments realising the counts; a household is housed only if all its groups got a home."""
    pending: dict[tuple[str, Profile], list[Group]] = defaultdict(list)
    housed_by_class: dict[int, list[str]] = {}
    place_by_class: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for (cid, m, o), n in place.items():
        place_by_class[cid].extend([(m, o)] * n)
    for cls in comp.classes:
        reach_rank = {m: i for i, m in enumerate(cls.reach)}
        slots = sorted(place_by_class[cls.id], key=lambda s: (s[0] != cls.home, reach_rank[s[0]], s[1]))
        housed = cls.households[: len(slots)]
        housed_by_class[cls.id] = housed
        for hid, (m, o) in zip(housed, slots, strict=True):
            option = cls.options[o]
            kept = (cls.previous.get(hid), cls.previous_second.get(hid))
            for i, (profile, persons) in enumerate(zip(option.profiles, cls.groups[hid][o], strict=True)):
                stays = kept[i] if profile.stays is not None else None
                pending[(m, profile)].append(Group(hid, persons, option.split, stays))

    free: dict[int, list[str]] = {}
    type_of: dict[str, int] = {}
    for t in comp.types:
        type_of.update(dict.fromkeys(t.dwellings, t.id))
        if t.vacated_by is None:
            free[t.id] = list(t.dwellings)
            continue
        homes = {scenario.household(h).current_dwelling for h in housed_by_class.get(t.vacated_by, [])}
        free[t.id] = [d for d in t.dwellings if d in homes]

    left = defaultdict(int, take)
    placed: dict[str, list[tuple[str, tuple[str, ...], bool]]] = defaultdict(list)
    for (m, profile), groups in pending.items():  # kept homes first, before others take the type
        waiting = []
        for g in groups:
            tid = type_of.get(g.stays or "")
            if tid is not None and g.stays in free[tid] and left[(m, profile, tid)] > 0:
                free[tid].remove(g.stays)
                left[(m, profile, tid)] -= 1
                placed[g.household].append((g.stays, g.persons, g.split))
            else:
                waiting.append(g)
        pending[(m, profile)] = waiting

    take_by_group: dict[tuple[str, Profile], list[tuple[int, int]]] = defaultdict(list)
    for (m, profile, tid), n in left.items():
        take_by_group[(m, profile)].append((tid, n))
    for (m, profile), groups in sorted(pending.items(), key=lambda kv: repr(kv[0])):
        queue = deque(groups)
        for tid, n in sorted(take_by_group[(m, profile)]):
            for _ in range(n):
                if not queue or not free[tid]:
                    break
                g = queue.popleft()
                dwelling = _pick(free[tid], scenario.household(g.household).current_dwelling)
                placed[g.household].append((dwelling, g.persons, g.split))
        for g in queue:
            placed[g.household].append(("", (), False))

    assignments: list[Assignment] = []
    for cls in comp.classes:
        for hid in housed_by_class[cls.id]:
            parts = placed.get(hid, [])
            if not parts or any(not d for d, _, _ in parts):
                continue
            own = scenario.household(hid).current_dwelling
            for dwelling, persons, split in parts:
                kind = "split" if split else ("join" if dwelling == own else "move")
                assignments.append(
                    Assignment(
                        household=hid,
                        dwelling=dwelling,
                        municipality=scenario.dwelling(dwelling).municipality,
                        kind=kind,
                        persons=len(persons),
                        person_ids=list(persons),
                    )
                )
    return assignments


def _pick(candidates: list[str], own_home: str | None) -> str:
    """Next dwelling in id order, avoiding the household's own current home when another exists."""
    for i, d in enumerate(candidates):
        if d != own_home or len(candidates) == 1:
            return candidates.pop(i)
    return candidates.pop(0)
