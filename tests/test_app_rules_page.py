"""The Regels page shows the v2 settings with their citations in Dutch, and no developer text."""

from __future__ import annotations

import pytest

import allocation
from app_fixtures import EXAMPLE, app_session, goto, open_app, texts_of


@pytest.fixture(autouse=True)
def tmp_store(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATION_DB_URL", str(tmp_path / "scenarios.db"))
    monkeypatch.delenv("ALLOCATION_APP_SCENARIO", raising=False)


def test_rules_page_shows_the_v2_settings_with_their_sources_in_dutch():
    at = goto(open_app(), "regels")
    labels = {w.label for w in [*at.number_input, *at.toggle, *at.radio, *at.multiselect, *at.date_input]}
    assert {
        "Huurgrens 18-20-jarigen (€)",
        "Huurgrens jongeren toepassen",
        "Huurgrens jongeren tot en met (jaar)",
        "Wanneer splitsen",
        "Einde van de taakstellingsperiode",
        "Slaapkamernorm",
    } <= labels
    captions = " ".join(texts_of(at.caption))
    for cited in (
        "Huurtoeslag 2026",
        "standaard: 498.20",  # as the field shows it
        "standaard: 20",
        "standaard: geen woning in het plan",
        "Q10: laatste dag van de taakstellingsperiode",
        "Twee per kamer",
        "minste splitsingen (casus 4: alleen als het moet)",
    ):
        assert cited in captions, cited
    assert at.radio(key="policy_bedroom_norm_nl").options == [
        "Eurostat",
        "één kamer per persoon",
        "twee per kamer",
    ]
    order = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert order == [
        "1. meeste personen gehuisvest\n2. minste splitsingen (casus 4: alleen als het moet)\n"
        "3. minst buiten de eigen gemeente (Q6: samenwerking als de eigen gemeente geen woning heeft; "
        "Q7: het netwerk van de minderjarige)\n4. minste tekort op de taakstelling (Q10)\n"
        "5. minste ongebruikte ruimte"
    ]
    shown = " ".join(m.value for m in at.markdown)
    assert "Fields by topic" not in shown and "Policy field" not in shown


def test_choosing_the_v1_split_rule_and_the_youth_limit_off_changes_the_policy():
    at = goto(open_app(), "regels")
    at.radio(key="policy_split_when_nl").set_value("no_fitting_home").run()
    at.toggle(key="policy_rent_limit_young_applies_nl").set_value(False).run()
    policy = app_session(at).scenario.policy
    assert policy.split_when == "no_fitting_home"
    assert policy.rent_limit_young_applies is False
    example = allocation.load_scenario(EXAMPLE).policy
    assert policy == example.model_copy(
        update={"split_when": "no_fitting_home", "rent_limit_young_applies": False}
    )
