"""Planner words for the tables, columns and values of the format (Dutch, English), for app and exports."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "nl"]
"""The languages every text of the tool comes in."""
LANGUAGES: tuple[Language, ...] = ("en", "nl")

TABLE_LABELS: dict[str, dict[Language, str]] = {
    "municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "dwellings": {"nl": "Woningen", "en": "Dwellings"},
    "households": {"nl": "Huishoudens", "en": "Households"},
    "persons": {"nl": "Personen", "en": "Persons"},
    "assignments": {"nl": "Toewijzingen", "en": "Assignments"},
    "unassigned": {"nl": "Niet gehuisvest", "en": "Not housed"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "policy": {"nl": "Regels", "en": "Rules"},
}

COLUMN_LABELS_NL: dict[str, str] = {
    "code": "code",
    "name": "naam",
    "region": "regio",
    "quota": "taakstelling",
    "housed": "al gehuisvest",
    "id": "id",
    "municipality": "gemeente",
    "bedrooms": "slaapkamers",
    "max_occupants": "max. bewoners",
    "rent": "huur (€)",
    "accessible": "toegankelijk",
    "kind": "soort",
    "available_from": "vrij vanaf",
    "current_dwelling": "huidige woning (referent)",
    "arrival": "aankomst",
    "needs_accessible": "toegankelijk nodig",
    "amv_municipality": "gemeente AMV",
    "pinned_dwelling": "vaste woning",
    "pinned_municipality": "vaste gemeente",
    "tvs_step": "TVS-stap",
    "step_date": "datum stap",
    "household": "huishouden",
    "role": "rol",
    "age": "leeftijd",
    "sex": "geslacht",
    "arriving": "reist na",
    "counted_before": "eerder geteld",
    "dwelling": "woning",
    "persons": "personen",
    "person_ids": "personen (id)",
    "reason_code": "redencode",
    "reason": "reden",
    "housed_before": "al gehuisvest",
    "newly_counted": "nieuw geteld",
    "shortfall": "tekort",
    "key": "kengetal",
    "value": "waarde",
    "score_quota_effect": "telt voor taakstelling",
    "score_away": "buiten eigen gemeente",
    "score_unused_capacity": "ongebruikte plaatsen",
    "score_split": "gesplitst",
    "score_persons": "personen",
    "score_wait_days": "wachtdagen opvang",
    "score_vacancy_days": "dagen leegstand",
    "municipality_name": "gemeentenaam",
}

VALUE_LABELS_NL: dict[str, str] = {
    "referent": "referent",
    "partner": "partner",
    "child": "kind",
    "parent": "ouder",
    "sibling": "broer/zus",
    "other": "overig",
    "independent": "zelfstandig",
    "room": "kamer",
    "join": "bij referent",
    "move": "verhuist",
    "split": "gesplitst",
    "planned": "gepland",
    "announced": "aangekondigd",
    "moved_in": "verhuisd",
    "m": "man",
    "f": "vrouw",
    "x": "x",
    "aanvraag_ingediend": "aanvraag ingediend",
    "toegekend": "toegekend",
    "afgewezen": "afgewezen",
    "mvv_afgegeven": "mvv afgegeven",
    "bij_referent": "bij referent",
    "in_opvang": "in opvang",
    "optimal": "optimaal",
    "feasible": "toegestaan (niet bewezen optimaal)",
    "infeasible": "onmogelijk",
    "unknown": "onbekend",
}

SUMMARY_LABELS_NL: dict[str, str] = {
    "persons_housed": "personen gehuisvest",
    "households_housed": "huishoudens gehuisvest",
    "households_unassigned": "huishoudens niet gehuisvest",
    "splits": "gesplitste gezinnen",
    "shortfall": "tekort op de taakstelling (personen)",
    "status": "status",
    "solver": "rekenmethode",
    "solve_seconds": "rekentijd (s)",
    "build_seconds": "opbouwtijd model (s)",
    "objective_terms": "doelen",
    "objective": "doelwaarde",
    "bound": "grens",
    "gap": "gat tot de grens",
    "message": "melding",
}


def column_label(name: str, lang: Language = "nl") -> str:
    """A column name as the planner reads it (the format's name in English)."""
    return COLUMN_LABELS_NL.get(name, name) if lang == "nl" else name


def value_label(value: str, lang: Language = "nl") -> str:
    """An enum value (role, kind, TVS step) in the planner's words."""
    return VALUE_LABELS_NL.get(value, value) if lang == "nl" else value


def table_label(name: str, lang: Language = "nl") -> str:
    """A table or sheet name in the planner's words."""
    return TABLE_LABELS.get(name, {}).get(lang, name)
