"""Model objects of many validated rows at once, as `model_construct` makes them, without its cost per row."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import TypeVar

import numpy as np
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from allocation.collector import collector_paused

M = TypeVar("M", bound=BaseModel)


def _default(model: type[BaseModel], name: str) -> object:
    info = model.model_fields[name]
    if info.default is PydanticUndefined:
        raise ValueError(f"{model.__name__}.{name} has no default; its column is required")
    return info.default


def construct_many(
    model: type[M], count: int, columns: dict[str, Sequence[object]], given: dict[str, Sequence[bool]]
) -> list[M]:
    """`count` objects, row i built from `columns[name][i]`, exactly as `model_construct` builds it.

    Only for values already checked against every constraint of the model (the columnar reader
    does that). A missing column or a None value takes the field's default; `given[name][i]` says
    whether row i had a value (the model's fields set, as validation records it). Each object gets
    the same `__dict__` (in field order), fields set, extra and private state as `model_construct`,
    but the work per row runs in C loops (`map`) instead of Python code.
    """
    if model.__private_attributes__ or model.model_config.get("extra") == "allow":
        raise TypeError(f"{model.__name__} has private or extra attributes; construct it one by one")
    names = tuple(model.model_fields)
    values: list[Sequence[object] | repeat[object]] = []
    for name in names:
        column = columns.get(name)
        if column is None:
            values.append(repeat(_default(model, name), count))
            continue
        if len(column) != count:
            raise ValueError(f"column {name} has {len(column)} values, not {count}")
        default = model.model_fields[name].default
        if default is not None and default is not PydanticUndefined and None in column:
            column = [default if v is None else v for v in column]
        values.append(column)
    new = object.__new__
    setattr_ = object.__setattr__
    with collector_paused():
        fields_sets = _fields_sets(names, count, given)
        objects: list[M] = list(map(new, repeat(model, count)))
        dicts = map(dict, map(zip, repeat(names), zip(*values, strict=True)))
        deque(map(setattr_, objects, repeat("__dict__"), dicts), maxlen=0)
        deque(map(setattr_, objects, repeat("__pydantic_fields_set__"), fields_sets), maxlen=0)
        deque(map(setattr_, objects, repeat("__pydantic_extra__"), repeat(None)), maxlen=0)
        deque(map(setattr_, objects, repeat("__pydantic_private__"), repeat(None)), maxlen=0)
    return objects


def _fields_sets(names: tuple[str, ...], count: int, given: dict[str, Sequence[bool]]) -> Iterator[set[str]]:
    """One new set per row of the fields that row gave, built from one pattern per distinct combination."""
    present = [name for name in names if name in given]
    always = [name for name in present if all(given[name])]
    varying = [name for name in present if name not in always and any(given[name])]
    if not varying:
        return map(set.copy, repeat(set(always), count))
    code = np.zeros(count, dtype=np.int64)
    for bit, name in enumerate(varying):
        code |= np.asarray(given[name], dtype=np.int64) << bit
    distinct, inverse = np.unique(code, return_inverse=True)
    patterns = [{*always, *(n for bit, n in enumerate(varying) if int(p) >> bit & 1)} for p in distinct]
    return map(set.copy, map(patterns.__getitem__, inverse.tolist()))
