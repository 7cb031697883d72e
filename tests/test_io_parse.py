"""Cell parsing: every accepted spelling, and a message that says what is allowed for the rest."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from allocation.io.parse import (
    CellError,
    Formula,
    check_range,
    is_empty,
    parse_bool,
    parse_date,
    parse_enum,
    parse_int,
    parse_number,
    parse_text,
)
from allocation.io.tables import DWELLINGS, PERSONS

TRUE_SPELLINGS = ["true", "TRUE", "True", "yes", "Yes", "ja", "JA", "1", " ja ", True, 1, 1.0]
FALSE_SPELLINGS = ["false", "FALSE", "no", "No", "nee", "NEE", "0", False, 0, 0.0]


@pytest.mark.parametrize("cell", TRUE_SPELLINGS)
def test_bool_true_spellings(cell):
    assert parse_bool(cell) is True


@pytest.mark.parametrize("cell", FALSE_SPELLINGS)
def test_bool_false_spellings(cell):
    assert parse_bool(cell) is False


@pytest.mark.parametrize("cell", ["maybe", "y", "j", "2", "waar", 2])
def test_bool_other_words_are_refused_with_the_allowed_spellings(cell):
    with pytest.raises(CellError, match=r"use true/false, yes/no, ja/nee or 1/0"):
        parse_bool(cell)


@pytest.mark.parametrize("cell", [None, "", "   ", float("nan")])
def test_empty_cells_mean_not_given(cell):
    assert is_empty(cell)
    assert parse_bool(cell) is None
    assert parse_int(cell) is None
    assert parse_date(cell) is None
    assert parse_text(cell) is None


def test_na_text_is_a_value_not_missing():
    assert parse_text("NA") == "NA"


def test_dates():
    assert parse_date("2026-03-01") == date(2026, 3, 1)
    assert parse_date(" 2026-12-31 ") == date(2026, 12, 31)
    assert parse_date(datetime(2026, 3, 1, 0, 0)) == date(2026, 3, 1)
    assert parse_date(date(2026, 3, 1)) == date(2026, 3, 1)


@pytest.mark.parametrize("cell", ["01-03-2026", "2026/03/01", "20260301", "1 maart 2026", "2026-3-1", 45000])
def test_dates_in_other_forms_are_refused(cell):
    with pytest.raises(CellError, match=r"is not a date; use YYYY-MM-DD"):
        parse_date(cell)


def test_impossible_date_is_named_as_such():
    with pytest.raises(CellError, match=r"'2026-02-30' is not a real calendar date"):
        parse_date("2026-02-30")


@pytest.mark.parametrize(("cell", "value"), [("3", 3), (" 3 ", 3), ("3.0", 3), ("-2", -2), (3, 3), (3.0, 3)])
def test_whole_numbers(cell, value):
    assert parse_int(cell) == value


@pytest.mark.parametrize("cell", ["3.5", 3.5, "three", "3e2", "1,000", True, "", "inf"])
def test_not_whole_numbers(cell):
    if cell == "":
        assert parse_int(cell) is None
        return
    with pytest.raises(CellError, match=r"is not a whole number; enter a whole number such as 3"):
        parse_int(cell)


def test_numbers_use_a_decimal_point():
    assert parse_number("712.50") == 712.5
    assert parse_number(".5") == 0.5
    assert parse_number(650) == 650.0
    with pytest.raises(CellError, match=r"'712,50' uses a decimal comma"):
        parse_number("712,50")
    for bad in ("nan", "inf", "€700", float("inf")):
        with pytest.raises(CellError, match=r"is not a number"):
            parse_number(bad)


def test_ids_are_text_even_when_a_sheet_stores_a_number():
    assert parse_text(123) == "123"
    assert parse_text(123.0) == "123"
    assert parse_text("  W12 ") == "W12"
    assert parse_text("007") == "007"


def test_enums_are_case_insensitive_and_list_the_allowed_words():
    assert parse_enum("Referent", ("referent", "child"), "role") == "referent"
    with pytest.raises(CellError, match=r"^'cousin' is not a known role; use one of: referent, child$"):
        parse_enum("cousin", ("referent", "child"), "role")


def test_formulas_are_never_values():
    with pytest.raises(CellError, match=r"^formulas are not allowed; enter the value$"):
        parse_int(Formula("=1+1"))
    with pytest.raises(CellError, match=r"^formulas are not allowed; enter the value$"):
        parse_text(Formula("=A1"))


def test_ranges():
    bedrooms, age = DWELLINGS.by_name["bedrooms"], PERSONS.by_name["age"]
    check_range(bedrooms, 0)
    check_range(bedrooms, 20)
    with pytest.raises(CellError, match=r"^-1 is negative; enter 0 or more$"):
        check_range(bedrooms, -1)
    with pytest.raises(CellError, match=r"^21 is implausibly large \(more than 20\); check the value$"):
        check_range(bedrooms, 21)
    check_range(age, 120)
    with pytest.raises(CellError, match=r"more than 120"):
        check_range(age, 121)
    with pytest.raises(CellError, match=r"^0 is too small; enter 1 or more$"):
        check_range(DWELLINGS.by_name["max_occupants"], 0)


# Look-alike input: ids in NFC and one script, names without hidden characters, long numbers.


def test_composed_and_decomposed_accents_are_one_id():
    from allocation.io.parse import parse_id

    assert parse_id("He\u0301") == parse_id("H\u00e9") == "H\u00e9"


@pytest.mark.parametrize(
    ("cell", "scripts"),
    [
        ("H\u041d1", "Latin and Cyrillic"),
        ("\u03a9mega", "Greek and Latin"),
        ("\uff21B", "Fullwidth and Latin"),
    ],
)
def test_an_id_mixing_scripts_is_refused(cell, scripts):
    from allocation.io.parse import parse_id

    with pytest.raises(CellError) as err:
        parse_id(cell)
    assert str(err.value) == (
        f"'{cell}' mixes {scripts} letters; an id must be written in one script"
        " (a look-alike letter makes two ids that look the same but differ)"
    )


@pytest.mark.parametrize("cell", ["\u041d1", "\u6771\u4eac\u3068", "M\u00fcnster-2", "12-34"])
def test_an_id_in_one_script_is_kept(cell):
    from allocation.io.parse import parse_id

    assert parse_id(cell) == cell


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("Utr\u202eecht", "Utrecht"),
        ("Zei\u200bst", "Zeist"),
        ("De\x00Bilt", "De Bilt"),
        ("\u2066Enschede\u2069", "Enschede"),
        ("S\u00fadwest-Frysl\u00e2n", "S\u00fadwest-Frysl\u00e2n"),
        ("Su\u0301dwest", "S\u00fadwest"),
        ("\u200b", None),
    ],
)
def test_names_keep_their_letters_but_lose_hidden_characters(cell, name):
    from allocation.io.parse import parse_name

    assert parse_name(cell) == name


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("7" * 5000, "'77777777777777777777...' is a number of 5,000 digits"),
        ("-" + "1" * 19, "'-1111111111111111111' is a number of 19 digits"),
        (10**25, "'10000000000000000000...' is a number of 26 digits"),
        (1e30, "'10000000000000000198...' is a number of 31 digits"),
        ("1" * 19 + ".5", "'1111111111111111111.5' is a number of 19 digits"),
    ],
)
def test_numbers_of_more_than_18_digits_are_refused_and_quoted_short(cell, shown):
    for parse in (parse_int, parse_number):
        if parse is parse_int and isinstance(cell, str) and "." in cell:
            continue
        with pytest.raises(CellError) as err:
            parse(cell)
        assert str(err.value) == f"{shown}; more than 18 digits cannot be right: check the value"
    assert parse_int("1" * 18) == int("1" * 18)


def test_the_first_200_problems_of_a_file_are_kept_then_a_count():
    import random

    from allocation.errors import MoreProblems, Problem, ProblemLog

    problems = [
        Problem("persons.csv", random.Random(i).randrange(5000), "age", f"bad {i}") for i in range(3000)
    ]
    problems += [Problem("households.csv", 3, "id", "one")]
    kept = ProblemLog(problems).sorted()
    everything = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.row))
    persons = [p for p in everything if p.file == "persons.csv"]
    assert kept[0] == Problem("households.csv", 3, "id", "one")
    assert kept[1:201] == persons[:200]
    assert isinstance(kept[201], MoreProblems) and kept[201].count == len(persons) - 200
    assert str(kept[201]) == (
        f"persons.csv:0: -: and {len(persons) - 200:,} more problems in this file; fix the ones above"
        " and validate again"
    )
    assert ProblemLog(kept).sorted() == kept, "sorting again changes nothing"
