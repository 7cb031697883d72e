"""From class counts to named households and dwellings, deterministically.

Within a class households are housed in the tie order (rules.order: already in the Netherlands,
then longest waiting, then id); each municipality's groups take dwellings of the chosen types in
id order, the groups of the classes in class order. A vacated home is handed out only when its
referent moved. In a re-plan, members placed in a staying option get their own previous home (a
split its two) before any other group takes a dwelling.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from typing import NamedTuple

from allocation.model.aggregate import Component, Profile
from allocation.model.component import PlaceKey, TakeKey
from allocation.plan import Assignment
from allocation.scenario import Scenario


class Group(NamedTuple):
    """One group of a housed household waiting for a dwelling; `stays` names its previous home."""

    household: str
    persons: tuple[str, ...]
    split: bool
    stays: str | None = None


class ProfilePlace(NamedTuple):
    """Groups of one profile housed in one municipality: they share that profile's dwelling counts."""

    municipality: str
    profile: Profile


def disaggregate(
    comp: Component, place: Mapping[PlaceKey, int], take: Mapping[TakeKey, int], scenario: Scenario
) -> list[Assignment]:
    """Assignments realising the counts; a household is housed only if all its groups got a home."""
    pending: dict[ProfilePlace, list[Group]] = defaultdict(list)  # in class order, as classes are placed
    housed_by_class: dict[int, list[str]] = {}
    place_by_class: dict[int, list[PlaceKey]] = defaultdict(list)
    for key, n in place.items():
        place_by_class[key.class_id].extend([key] * n)
    for cls in comp.classes:
        reach_rank = {m: i for i, m in enumerate(cls.reach)}
        slots = sorted(
            place_by_class[cls.id],
            key=lambda s: (s.municipality != cls.home, reach_rank[s.municipality], s.option),
        )
        housed = cls.households[: len(slots)]
        housed_by_class[cls.id] = housed
        for hid, slot in zip(housed, slots, strict=True):
            option = cls.options[slot.option]
            kept = (cls.previous.get(hid), cls.previous_second.get(hid))
            groups = cls.groups[hid][slot.option]
            for i, (profile, persons) in enumerate(zip(option.profiles, groups, strict=True)):
                stays = kept[i] if profile.stays is not None else None
                pending[ProfilePlace(slot.municipality, profile)].append(
                    Group(hid, persons, option.split, stays)
                )

    free: dict[int, list[str]] = {}
    type_of: dict[str, int] = {}
    for t in comp.types:
        type_of.update(dict.fromkeys(t.dwellings, t.id))
        if t.vacated_by is None:
            free[t.id] = list(t.dwellings)
            continue
        homes = {scenario.household(h).current_dwelling for h in housed_by_class.get(t.vacated_by, [])}
        free[t.id] = [d for d in t.dwellings if d in homes]

    left: defaultdict[TakeKey, int] = defaultdict(int, take)
    placed: dict[str, list[tuple[str, tuple[str, ...], bool]]] = defaultdict(list)
    for key, groups in pending.items():  # kept homes first, before others take the type
        waiting = []
        for g in groups:
            tid = type_of.get(g.stays or "")
            kept = TakeKey(key.municipality, key.profile, tid)
            if tid is not None and g.stays in free[tid] and left[kept] > 0:
                free[tid].remove(g.stays)
                left[kept] -= 1
                placed[g.household].append((g.stays, g.persons, g.split))
            else:
                waiting.append(g)
        pending[key] = waiting

    take_by_group: dict[ProfilePlace, list[tuple[int, int]]] = defaultdict(list)
    for tk, n in left.items():
        take_by_group[ProfilePlace(tk.municipality, tk.profile)].append((tk.type_id, n))
    for key, groups in pending.items():
        queue = deque(groups)
        for tid, n in sorted(take_by_group[key]):
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
