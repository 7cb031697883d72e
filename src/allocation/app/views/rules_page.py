"""Regels: the policy (rule settings) of the scenario, each with its default and the seed it cites."""

from __future__ import annotations

import types
from datetime import date
from typing import Any, Literal, Union, get_args, get_origin

import streamlit as st
from pydantic import ValidationError

from allocation.app import state
from allocation.app.session import POLICY_WIDGET_PREFIX, forget_policy_widgets, session
from allocation.app.state import t
from allocation.app.texts import has_text
from allocation.policy import OBJECTIVE_TERMS, Policy, Role

# Fields by topic; a Policy field not listed here is shown under 'other', so new rules are editable.
# (A comment, not a string: Streamlit would show a bare string on the page.)
GROUPS: dict[str, tuple[str, ...]] = {
    "rules_group_fit": (
        "rent_limit_small",
        "rent_limit_large",
        "rent_large_from_persons",
        "rent_limit_young",
        "rent_limit_young_applies",
        "young_max_age",
        "bedroom_norm",
        "adult_age",
        "child_shared_room_age",
    ),
    "rules_group_where": ("woningcheck", "regional_cooperation", "amv_municipality_allowed"),
    "rules_group_split": ("split_allowed", "split_when", "split_roles", "split_min_age"),
    "rules_group_quota": ("quota_period_end",),
    "rules_group_procedure": (
        "ind_decision_months",
        "mvv_collect_months",
        "travel_months",
        "planning_date",
        "plan_with_time",
        "horizon_days",
        "max_vacancy_days",
        "max_reception_wait_days",
        "time_bucket_days",
        "likely_term_share",
    ),
    "rules_group_objective": ("objective_order", "objective_mode", "time_limit"),
}


def _groups() -> dict[str, list[str]]:
    """The groups holding the Policy's current fields, plus 'other' for any field not grouped yet."""
    fields = list(Policy.model_fields)
    groups = {g: [n for n in names if n in Policy.model_fields] for g, names in GROUPS.items()}
    listed = {n for names in groups.values() for n in names}
    groups["rules_group_other"] = [n for n in fields if n not in listed]
    return {g: names for g, names in groups.items() if names}


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """(type, optional) for `X | None`; other annotations unchanged."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _explanation(name: str) -> str:
    """The one-line explanation: the UI text when there is one, else the field's own description."""
    key = f"policy_help_{name}"
    if has_text(key, state.lang()):
        return t(key)
    return Policy.model_fields[name].description or ""


def _label(name: str) -> str:
    """Field label in the UI language."""
    key = f"policy_label_{name}"
    return t(key) if has_text(key, state.lang()) else name


def _bounds(name: str) -> tuple[Any, Any]:
    """The ge/gt and le limits pydantic holds for a numeric field."""
    low = high = None
    for m in Policy.model_fields[name].metadata:
        low = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else low
        if getattr(m, "gt", None) is not None:
            low = m.gt
        high = getattr(m, "le", None) if getattr(m, "le", None) is not None else high
    return low, high


def _widget(name: str, default: Any) -> Any:
    """One input built from the field's type; the key keeps the value while the page is open."""
    field = Policy.model_fields[name]
    key = f"{POLICY_WIDGET_PREFIX}{name}_{state.lang()}"  # per language: choice labels are part of the widget
    policy: Policy = session().policy
    if key not in st.session_state:
        st.session_state[key] = getattr(policy, name)
    label = _label(name)
    helptext = f"{_explanation(name)} — {t('rules_default', value=_shown(default))}"
    annotation, _optional = _unwrap_optional(field.annotation)
    labels = {v: _option(v) for v in [*get_args(Role), *OBJECTIVE_TERMS, *_literal_values(annotation)]}
    options_in = labels.get  # labels fixed now: widgets may format values outside the script run
    if annotation is bool and _optional:
        choices: list[bool | None] = [None, True, False]
        words = {None: t("rules_automatic"), True: t("rules_yes"), False: t("rules_no")}
        return st.radio(label, choices, key=key, help=helptext, horizontal=True, format_func=words.get)
    if annotation is bool:
        return st.toggle(label, key=key, help=helptext)
    if get_origin(annotation) is Literal:
        options = list(get_args(annotation))
        return st.radio(label, options, key=key, help=helptext, horizontal=True, format_func=options_in)
    if name == "split_roles":
        return st.multiselect(label, list(get_args(Role)), key=key, help=helptext, format_func=options_in)
    if name == "objective_order":
        return st.multiselect(label, list(OBJECTIVE_TERMS), key=key, help=helptext, format_func=options_in)
    if annotation is date:
        return st.date_input(label, key=key, help=helptext, format="YYYY-MM-DD")
    low, high = _bounds(name)
    if annotation is int:
        return st.number_input(label, min_value=low, max_value=high, step=1, key=key, help=helptext)
    return st.number_input(
        label,
        min_value=float(low) if low is not None else None,
        max_value=float(high) if high is not None else None,
        step=0.01 if "rent" in name or (high is not None and high <= 1) else 1.0,
        key=key,
        help=helptext,
        format="%.2f",
    )


def _literal_values(annotation: Any) -> tuple:
    """The allowed values of a Literal type (empty for other types)."""
    return get_args(annotation) if get_origin(annotation) is Literal else ()


def _option(value: str) -> str:
    """Choice label in the UI language (falls back to the value itself)."""
    key = f"option_{value}"
    return t(key) if has_text(key, state.lang()) else value


def _shown(value: Any) -> str:
    """A default as the planner reads it."""
    if value is None:
        return t("rules_none")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return ", ".join(_option(v) for v in value)
    if isinstance(value, str):
        return _option(value)
    if isinstance(value, float):
        return f"{value:.2f}"  # as the number field shows it: 498.20, not 498.2
    return str(value)


def _objective_order(order: list[str]) -> None:
    """The chosen order as a numbered list, each term with the rule it serves (v2 default: casus 4, Q6/Q7)."""
    st.markdown(f"**{t('rules_order_title')}** — {t('rules_order_intro')}")
    st.markdown("\n".join(f"{i}. {t(f'rules_term_{term}')}" for i, term in enumerate(order, start=1)))
    st.caption(t("rules_order_v1"))


def render() -> None:
    """The Regels page."""
    st.title(t("rules_title"))
    st.caption(t("rules_intro"))
    defaults = Policy()
    values: dict[str, Any] = session().policy.model_dump()
    for group, names in _groups().items():
        st.subheader(t(group))
        for name in names:
            values[name] = _widget(name, getattr(defaults, name))
            st.caption(f"{_explanation(name)} · {t('rules_default', value=_shown(getattr(defaults, name)))}")
            if name == "objective_order":
                _objective_order(list(values[name]))
    current: Policy = session().policy
    # a rule the file left out stays left out until the planner changes it: a dated plan then gives
    # it its dated default (max_vacancy_days: four weeks), as `allocation solve` does for that file
    given = {k: v for k, v in values.items() if k in current.model_fields_set or v != getattr(current, k)}
    try:
        policy = Policy(**given)
    except ValidationError as exc:
        st.error(t("rules_invalid"))
        for err in exc.errors():
            st.write(f"- {_label(str(err['loc'][0])) if err['loc'] else ''}: {err['msg']}")
        return
    if policy != session().policy:
        state.set_policy(policy)
    if st.button(t("rules_reset")):
        state.set_policy(Policy())
        forget_policy_widgets()
        st.rerun()


render()
