"""Every sentence of the explanations in English and Dutch, so a planner reads reasons in their language."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from allocation.labels import Language
from allocation.policy import Policy

if TYPE_CHECKING:
    from allocation.rules.fit import FitProblem


TEXTS: dict[str, dict[Language, str]] = {
    "refused": {
        "en": "the application was refused (afgewezen){when}; no home is needed",
        "nl": "de aanvraag is afgewezen{when}; er is geen woning nodig",
    },
    "on_date": {"en": " on {date}", "nl": " op {date}"},
    "not_in_time": {
        "en": "{homes}, none free in time: the closest, {dwelling}, is free from {when}, "
        "{relation} ({limit})",
        "nl": "{homes}, geen op tijd vrij: de dichtstbijzijnde, {dwelling}, is vrij vanaf {when}, "
        "{relation} ({limit})",
    },
    "not_in_time_one": {
        "en": "{homes}, not free in time: {dwelling} is free from {when}, {relation} ({limit})",
        "nl": "{homes}, niet op tijd vrij: {dwelling} is vrij vanaf {when}, {relation} ({limit})",
    },
    "now": {"en": "now", "nl": "nu"},
    "unknown": {"en": "unknown", "nl": "onbekend"},
    "after_arrival": {
        "en": "{days} after the family's likely arrival on {date}",
        "nl": "{days} na de verwachte aankomst van het gezin op {date}",
    },
    "before_arrival": {
        "en": "{days} before the family's likely arrival on {date}",
        "nl": "{days} voor de verwachte aankomst van het gezin op {date}",
    },
    "wait_limit": {"en": "at most {days} in reception", "nl": "hoogstens {days} in de opvang"},
    "vacancy_limit": {
        "en": "a home may stand empty at most {days}",
        "nl": "een woning mag hoogstens {days} leegstaan",
    },
    "not_placed": {
        "en": "fitting home {names} stayed free: the solve stopped before placing this household, "
        "or the objective order ranks other goals first",
        "nl": "passende woning {names} bleef vrij: de berekening stopte voordat dit huishouden geplaatst "
        "was, of de volgorde van de doelen laat andere doelen voorgaan",
    },
    "pinned_out_of_reach": {
        "en": "pinned dwelling {dwelling} lies in {place}, which this household may not be housed in "
        "(own municipality, region or AMV municipality); change the pin",
        "nl": "vastgezette woning {dwelling} ligt in {place}, waar dit huishouden niet mag worden "
        "gehuisvest (eigen gemeente, regio of amv-gemeente); pas de keuze aan",
    },
    "not_placed_split": {
        "en": "homes {main} and {second} stayed free and would hold this household split over two "
        "addresses (casus 4): the solve stopped before placing it, the objective order ranks other "
        "goals first, or (first come, first served) they were not free yet when its turn came",
        "nl": "woningen {main} en {second} bleven vrij en zouden dit huishouden verdeeld over twee "
        "adressen huisvesten (casus 4): de berekening stopte voordat het geplaatst was, de volgorde "
        "van de doelen laat andere doelen voorgaan, of (wie het eerst komt) ze waren nog niet vrij "
        "toen het aan de beurt was",
    },
    "taken": {
        "en": "{homes}, all taken: {parts}{more}. Housing this household ({persons}) there instead "
        "houses no more persons in total",
        "nl": "{homes}, alle vergeven: {parts}{more}. Dit huishouden ({persons}) daar huisvesten levert "
        "in totaal niet meer gehuisveste personen op",
    },
    "taken_one": {
        "en": "{homes}, taken: {parts}. Housing this household ({persons}) there instead "
        "houses no more persons in total",
        "nl": "{homes}, vergeven: {parts}. Dit huishouden ({persons}) daar huisvesten levert "
        "in totaal niet meer gehuisveste personen op",
    },
    "taken_pinned": {
        "en": "{homes}, all taken: {parts}{more}; the planner's pins come first",
        "nl": "{homes}, alle vergeven: {parts}{more}; de keuzes van de planner gaan voor",
    },
    "taken_one_pinned": {
        "en": "{homes}, taken: {parts}; the planner's pins come first",
        "nl": "{homes}, vergeven: {parts}; de keuzes van de planner gaan voor",
    },
    "taken_first": {
        "en": "{homes}, all taken: {parts}{more}; first come, first served",
        "nl": "{homes}, alle vergeven: {parts}{more}; wie eerst komt, eerst maalt",
    },
    "taken_one_first": {
        "en": "{homes}, taken: {parts}; first come, first served",
        "nl": "{homes}, vergeven: {parts}; wie eerst komt, eerst maalt",
    },
    "more": {"en": " and {n} more", "nl": " en {n} meer"},
    "went_to": {
        "en": "{dwelling} ({place}) went to {other}{why}",
        "nl": "{dwelling} ({place}) ging naar {other}{why}",
    },
    "stays": {
        "en": "{dwelling} ({place}) is the home of {occupant}'s referent, who stays",
        "nl": "{dwelling} ({place}) is de woning van de referent van {occupant}, die blijft",
    },
    "why_joins": {
        "en": " ({persons}, joining its referent, who lives there)",
        "nl": " ({persons}, trekt in bij de referent, die er woont)",
    },
    "why_pinned": {
        "en": " ({persons}, pinned by the planner)",
        "nl": " ({persons}, vastgezet door de planner)",
    },
    "why_more": {"en": " ({persons}, more persons)", "nl": " ({persons}, meer personen)"},
    "why_own": {"en": " ({persons}, its own municipality)", "nl": " ({persons}, eigen gemeente)"},
    "why_here": {
        "en": " ({persons}, already in the Netherlands)",
        "nl": " ({persons}, al in Nederland)",
    },
    "why_longer": {
        "en": " ({persons}, waits longer, since {date})",
        "nl": " ({persons}, wacht langer, sinds {date})",
    },
    "why_id": {
        "en": " ({persons}, the same on every count, decided by id)",
        "nl": " ({persons}, op alle punten gelijk, beslist op id)",
    },
    "why_plain": {"en": " ({persons})", "nl": " ({persons})"},
    "pinned_misfit": {
        "en": "pinned dwelling {dwelling} does not fit: {problems}{split}",
        "nl": "vastgezette woning {dwelling} past niet: {problems}{split}",
    },
    "no_dwellings": {
        "en": "no dwellings in its reachable municipalities ({names}){split}",
        "nl": "geen woningen in de bereikbare gemeenten ({names}){split}",
    },
    "only_rooms": {
        "en": "only rooms are reachable; a room houses one person, family has {size}{split}",
        "nl": "alleen kamers bereikbaar; een kamer is voor één persoon, het gezin telt {size}{split}",
    },
    "largest_bedrooms": {
        "en": "largest reachable home has {most}, family needs {need}{split}",
        "nl": "grootste bereikbare woning heeft {most}, het gezin heeft er {need} nodig{split}",
    },
    "too_many_people": {
        "en": "homes with {need} or more bedrooms take at most {most} persons, family has {size}{split}",
        "nl": "woningen met {need} of meer slaapkamers zijn voor hoogstens {most} personen, "
        "het gezin telt {size}{split}",
    },
    "not_step_free_one": {
        "en": "the only home large enough is not step-free{split}",
        "nl": "de enige woning die groot genoeg is, is niet gelijkvloers{split}",
    },
    "not_step_free": {
        "en": "none of the {homes} large enough is step-free{split}",
        "nl": "geen van de {homes} die groot genoeg zijn is gelijkvloers{split}",
    },
    "rent_one": {
        "en": "the only home large enough exceeds the rent limit of {limit} for {group}{split}",
        "nl": "de enige woning die groot genoeg is ligt boven de huurgrens van {limit} voor {group}{split}",
    },
    "rent_all": {
        "en": "all {n} homes large enough exceed the rent limit of {limit} for {group}{split}",
        "nl": "alle {n} woningen die groot genoeg zijn liggen boven de huurgrens van {limit} "
        "voor {group}{split}",
    },
    "group_large": {"en": "{n}+ persons", "nl": "{n}+ personen"},
    "group_small": {"en": "1-{n} persons", "nl": "1-{n} personen"},
    "group_young": {"en": "persons aged {low}-{high}", "nl": "personen van {low}-{high} jaar"},
    "fit_rent_young": {
        "en": "rent {rent} exceeds the limit {limit} for {persons} aged {low}-{high}",
        "nl": "huur {rent} ligt boven de grens {limit} voor {persons} van {low}-{high} jaar",
    },
    "split_note": {
        "en": "; no split over two homes in one municipality fits either",
        "nl": "; ook verdelen over twee woningen in één gemeente past niet",
    },
    "split_no_main": {
        "en": "; a split does not help: no home in reach fits the family without {adults}",
        "nl": "; verdelen helpt niet: geen bereikbare woning past het gezin zonder {adults}",
    },
    "split_no_second": {
        "en": "; no second home for {adults} in {places}{problem}",
        "nl": "; geen tweede woning voor {adults} in {places}{problem}",
    },
    "split_taken": {
        "en": "; a split needs two free homes in one municipality, and the plan gives them to others",
        "nl": "; verdelen vraagt twee vrije woningen in één gemeente, en het plan geeft ze aan anderen",
    },
    "adults_apart": {
        "en": "the {n} adult children",
        "nl": "de {n} volwassen kinderen",
    },
    "adult_apart": {"en": "the adult child", "nl": "het volwassen kind"},
    "fit_occupants": {
        "en": "{size}, dwelling takes at most {most}",
        "nl": "{size}, woning is voor hoogstens {most}",
    },
    "fit_bedrooms": {
        "en": "needs {need}, dwelling has {has}",
        "nl": "heeft {need} nodig, woning heeft er {has}",
    },
    "fit_accessible": {"en": "needs a step-free dwelling", "nl": "heeft een gelijkvloerse woning nodig"},
    "fit_room": {
        "en": "a room (kamerbewoning) houses one person only",
        "nl": "een kamer (kamerbewoning) is voor één persoon",
    },
    "fit_rent": {
        "en": "rent {rent} exceeds the limit {limit} for {persons}",
        "nl": "huur {rent} ligt boven de grens {limit} voor {persons}",
    },
}

NOUNS: dict[str, dict[Language, tuple[str, str]]] = {
    "person": {"en": ("person", "persons"), "nl": ("persoon", "personen")},
    "home": {"en": ("home", "homes"), "nl": ("woning", "woningen")},
    "fitting home": {"en": ("fitting home", "fitting homes"), "nl": ("passende woning", "passende woningen")},
    "bedroom": {"en": ("bedroom", "bedrooms"), "nl": ("slaapkamer", "slaapkamers")},
    "day": {"en": ("day", "days"), "nl": ("dag", "dagen")},
    "household": {"en": ("household", "households"), "nl": ("huishouden", "huishoudens")},
}


def say(lang: Language, key: str, **fields: object) -> str:
    """One sentence (or part) in the language, its fields filled in."""
    return TEXTS[key][lang].format(**fields)


def count(lang: Language, n: int, noun: str) -> str:
    """'1 person', '3 persons'; '1 persoon', '3 personen'."""
    one, many = NOUNS[noun][lang]
    return f"{n} {one if n == 1 else many}"


DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def month(lang: Language, day: date | None) -> str:
    """The month of a day: '2027-09' in English (docs/FORMAT.md), 'september 2027' in Dutch."""
    if day is None:
        return "?"
    return f"{DUTCH_MONTHS[day.month - 1]} {day.year}" if lang == "nl" else f"{day:%Y-%m}"


def money(lang: Language, amount: float) -> str:
    """Euros with two decimals, with a decimal comma in Dutch."""
    text = f"{amount:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def fit_problem_text(lang: Language, problem: FitProblem, policy: Policy | None = None) -> str:
    """Why a group does not fit a dwelling (a FitProblem's code and numbers), in the language."""
    params = problem.params
    fields: dict[str, object] = dict(params)
    key = f"fit_{problem.code}"
    if problem.code == "occupants":
        fields["size"] = count(lang, int(params["size"]), "person")
    elif problem.code == "bedrooms":
        fields["need"] = count(lang, int(params["need"]), "bedroom")
    elif problem.code == "rent":
        policy = policy or Policy()
        fields = {
            "rent": money(lang, float(params["rent"])),
            "limit": money(lang, float(params["limit"])),
            "persons": count(lang, int(params["size"]), "person"),
            "low": policy.adult_age,
            "high": policy.young_max_age,
        }
        if params.get("young"):
            key = "fit_rent_young"
    return say(lang, key, **fields)


# Dated plans and re-plans: the LATER reason, why a family's home changed, notes on the previous plan.
TEXTS |= {
    "later": {
        "en": "expected to arrive around {month}; planned nearer the time",
        "nl": "wordt rond {month} verwacht; wordt dichter bij die tijd ingepland",
    },
    "change_new": {
        "en": "housed now; the previous plan left this household out",
        "nl": "nu gehuisvest; het vorige plan liet dit huishouden buiten",
    },
    "change_left_out": {"en": "left out now: {reason}", "nl": "nu buiten het plan: {reason}"},
    "change_gone": {
        "en": "{dwelling} is no longer in the stock",
        "nl": "{dwelling} is niet meer beschikbaar",
    },
    "change_later_home": {
        "en": "{dwelling} is free only from {date}, beyond the planning horizon",
        "nl": "{dwelling} is pas vrij vanaf {date}, voorbij de planningshorizon",
    },
    "change_unfit": {
        "en": "{dwelling} no longer fits this household under the rules",
        "nl": "{dwelling} past volgens de regels niet meer bij dit huishouden",
    },
    "change_not_in_time": {
        "en": "{dwelling} is no longer free in time for this household",
        "nl": "{dwelling} is niet meer op tijd vrij voor dit huishouden",
    },
    "change_kept_for": {
        "en": "{dwelling} is kept for {other}, {how} there",
        "nl": "{dwelling} blijft voor {other}, dat daar {how} is",
    },
    "change_pinned": {"en": "pinned", "nl": "vastgezet"},
    "change_announced": {"en": "announced", "nl": "aangekondigd"},
    "change_moved_in": {"en": "moved in", "nl": "ingetrokken"},
    "change_more_persons": {
        "en": "{dwelling} now houses {other} ({persons}); this move houses more persons in total",
        "nl": "{dwelling} huisvest nu {other} ({persons}); deze verhuizing huisvest in totaal meer personen",
    },
    "change_no_split": {
        "en": "{dwelling} now houses {other} ({persons}), so that {other} is not split over two addresses",
        "nl": "{dwelling} huisvest nu {other} ({persons}), zodat {other} niet over twee adressen "
        "verdeeld wordt",
    },
    "change_for_other": {
        "en": "{dwelling} now houses {other} ({persons}); the objective order ({order}) is better "
        "served that way",
        "nl": "{dwelling} huisvest nu {other} ({persons}); de volgorde van de doelen ({order}) is zo "
        "beter gediend",
    },
    "change_own_goal": {
        "en": "the objective order ({order}) is better served by {after}",
        "nl": "de volgorde van de doelen ({order}) is beter gediend met {after}",
    },
    "change_split_now": {
        "en": "housed whole now instead of split over two addresses",
        "nl": "nu als geheel gehuisvest in plaats van over twee adressen",
    },
    "note_household_gone": {
        "en": "previous plan: household {household} is no longer in the scenario; its home {dwelling} "
        "is planned afresh",
        "nl": "vorig plan: huishouden {household} staat niet meer in het scenario; de woning {dwelling} "
        "wordt opnieuw gepland",
    },
    "note_dwelling_gone": {
        "en": "previous plan: dwelling {dwelling} of household {household} is no longer in the "
        "scenario; the household is planned afresh",
        "nl": "vorig plan: woning {dwelling} van huishouden {household} staat niet meer in het "
        "scenario; het huishouden wordt opnieuw gepland",
    },
    "note_pin_differs": {
        "en": "previous plan: household {household} was kept at {dwelling}, but the scenario pins it "
        "elsewhere; the scenario's pin holds",
        "nl": "vorig plan: huishouden {household} zou in {dwelling} blijven, maar het scenario zet het "
        "elders vast; die vastzetting geldt",
    },
    "note_kept_lost": {
        "en": "previous plan: household {household}, {how} at {dwelling}, cannot stay there under the "
        "rules of this scenario",
        "nl": "vorig plan: huishouden {household}, {how} in {dwelling}, kan daar volgens de regels van "
        "dit scenario niet blijven",
    },
}
