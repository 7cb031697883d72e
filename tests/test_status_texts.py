"""Why a plan is not proven optimal: the solver's English message, said again in Dutch part by part."""

from __future__ import annotations

import pytest

from allocation.model.run import REASONS
from allocation.policy import OBJECTIVE_TERMS
from allocation.status_texts import OUTCOMES_NL, TERM_NAMES, TEXTS, in_language, joined, status_text

FIELDS = {"terms": "shortfall/unused", "outcome": "feasible"}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_every_part_the_solver_writes_reads_back_in_dutch(code):
    fields = {name: value for name, value in FIELDS.items() if "{" + name + "}" in TEXTS[code]["en"]}
    english = status_text(code, **fields)
    dutch = {"terms": "tekort taakstelling/ongebruikte ruimte", "outcome": "toegestaan"}
    assert in_language(english, "nl") == TEXTS[code]["nl"].format(**{k: dutch[k] for k in fields})
    assert in_language(english, "en") == english


def test_a_message_of_several_regions_is_said_again_part_by_part_and_an_unknown_part_stays():
    message = joined(
        status_text("limit_before_region"),
        status_text("first_come_region"),
        status_text("stage_unproven", terms="order", outcome="no solution was found"),
        "something no template made",
    )
    assert in_language(message, "nl") == (
        "de tijdslimiet was bereikt voordat deze regio aan de beurt was; voor deze regio is een plan op "
        "volgorde van binnenkomst gebruikt; volgorde bij gelijke keus: het beste gevonden plan is niet "
        "bewezen optimaal (geen oplossing gevonden); something no template made"
    )
    assert in_language("", "nl") == ""


def test_every_term_and_every_way_a_solve_ends_has_a_dutch_name():
    assert set(OBJECTIVE_TERMS) | {"pins", "order"} <= set(TERM_NAMES)
    assert set(REASONS.values()) | {"no solution was found", "other"} <= set(OUTCOMES_NL)
