"""Warnings in the planner's language: the rules' doubts rendered as located lines that never block."""

from __future__ import annotations

from datetime import date
from typing import Literal

from allocation.errors import Problem
from allocation.reason_texts import Language
from allocation.rules.doubts import Doubt, scenario_doubts
from allocation.scenario import Scenario

WARNING_TEXTS: dict[str, dict[Language, str]] = {
    "more_partners": {
        "en": "household {household} has more than one partner ({count}); reunification covers one "
        "spouse or partner (Q2): check the application",
        "nl": "huishouden {household} heeft meer dan één partner ({count}); gezinshereniging geldt "
        "voor één echtgeno(o)t(e) of partner (Q2): controleer de aanvraag",
    },
    "young_partner": {
        "en": "partner {person} of household {household} is {age}, under {adult}; check the entitlement (Q2)",
        "nl": "partner {person} van huishouden {household} is {age} jaar, jonger dan {adult}; "
        "controleer het recht op gezinshereniging (Q2)",
    },
    "parent_of_adult": {
        "en": "parent {person} of household {household} joins a referent aged {age}; parents may "
        "join only an unaccompanied minor (Q2): check the application",
        "nl": "ouder {person} van huishouden {household} komt bij een referent van {age} jaar; ouders "
        "komen alleen over bij een alleenstaande minderjarige (amv) (Q2): controleer de aanvraag",
    },
    "window_past": {
        "en": "the arrival window from TVS step {step} on {step_date} ended on {latest}, before the "
        "planning date {planning}; check TVS (Q1, Q3)",
        "nl": "het aankomstvenster vanaf TVS-stap {step} op {step_date} liep af op {latest}, vóór de "
        "planningsdatum {planning}; controleer TVS (Q1, Q3)",
    },
    "with_referent_no_home": {
        "en": "tvs_step is bij_referent (the family went straight to the referent) but no "
        "current_dwelling is given; check TVS or fill in the referent's home (Q1)",
        "nl": "tvs_step is bij_referent (het gezin ging direct naar de referent) maar current_dwelling "
        "is leeg; controleer TVS of vul de woning van de referent in (Q1)",
    },
    "reached_by_nobody": {
        "en": "dwelling {dwelling}: no household may be housed in {municipality} (own municipality, "
        "region or AMV municipality); the home can only stay empty",
        "nl": "woning {dwelling}: geen enkel huishouden mag in {municipality} worden gehuisvest (eigen "
        "gemeente, regio of amv-gemeente); de woning kan alleen leeg blijven",
    },
    "fits_nobody": {
        "en": "dwelling {dwelling} fits no household that may live in {municipality}, neither a whole "
        "family nor a part of an allowed split (casus 4); the home can only stay empty",
        "nl": "woning {dwelling} past bij geen enkel huishouden dat in {municipality} mag wonen, niet "
        "bij een heel gezin en niet bij een deel van een toegestane splitsing (casus 4); de woning "
        "kan alleen leeg blijven",
    },
}
"""Every warning sentence in English and Dutch; `{...}` fields come from the doubt's params."""


def doubt_text(doubt: Doubt, lang: Language = "en") -> str:
    """The warning in the planner's language."""
    return WARNING_TEXTS[doubt.code][lang].format(**doubt.params)


def doubt_problem(doubt: Doubt, lang: Language = "en", source: Literal["csv", "xlsx"] = "csv") -> Problem:
    """As a located line `FILE:ROW: COLUMN: warning: message` (a sheet name stands for FILE)."""
    label = f"{doubt.table}.csv" if source == "csv" else doubt.table
    return Problem(label, doubt.row, doubt.column, f"warning: {doubt_text(doubt, lang)}")


def scenario_warnings(
    scenario: Scenario,
    lang: Language = "en",
    *,
    source: Literal["csv", "xlsx"] = "csv",
    today: date | None = None,
) -> list[Problem]:
    """The doubts as located warnings (`FILE:ROW: COLUMN: warning: message`); they never block a plan."""
    return [doubt_problem(d, lang, source) for d in scenario_doubts(scenario, today)]
