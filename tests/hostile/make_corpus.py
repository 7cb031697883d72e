"""Rebuild the hostile-input corpus from tests/broken/_base: `python tests/hostile/make_corpus.py`.

Each item is a folder holding a scenario (CSV files, or one workbook named scenario.xlsx or
scenario.xlsm), the reviewed expected.txt and sometimes env. The files are committed; this script
documents how each was made and makes them again (expected.txt and env are kept).
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
BASE = HERE.parent / "broken" / "_base"
TABLES = ("municipalities", "dwellings", "households", "persons")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def base_rows(name: str) -> list[list[str]]:
    """The base scenario's table as rows of text (header first)."""
    text = (BASE / f"{name}.csv").read_text(encoding="utf-8")
    return [line.split(",") for line in text.splitlines()]


def csv_folder(folder: Path, changes: dict[str, str] | None = None) -> None:
    """The base CSV files, with some replaced by the given text."""
    for name in TABLES:
        shutil.copy(BASE / f"{name}.csv", folder / f"{name}.csv")
    for file, text in (changes or {}).items():
        (folder / file).write_text(text, encoding="utf-8", newline="")


def replace_in(name: str, old: str, new: str) -> str:
    """Base table text with one replacement (which must occur)."""
    text = (BASE / f"{name}.csv").read_text(encoding="utf-8")
    assert old in text, (name, old)
    return text.replace(old, new, 1)


def typed(value: str) -> object:
    """Cells as a planner types them: whole numbers as numbers, the rest as text, empty as None."""
    if value == "":
        return None
    return int(value) if value.isdigit() else value


def base_workbook(edit: Callable[[Workbook], None] | None = None) -> bytes:
    """The base scenario as a workbook typed by hand, changed by `edit`; deterministic bytes."""
    book = Workbook()
    book.remove(book.active)
    for name in TABLES:
        sheet = book.create_sheet(name)
        for row in base_rows(name):
            sheet.append([typed(v) for v in row])
    if edit is not None:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return normalized_zip(buffer.getvalue())


def normalized_zip(data: bytes, extra: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """Same entries with fixed timestamps (reproducible files); extra entries added, some dropped."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            content = src.read(info.filename)
            if extra and info.filename == "[Content_Types].xml" and "xl/vbaProject.bin" in extra:
                content = content.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
        for name, content in (extra or {}).items():
            dst.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def set_cell(sheet: str, ref: str, value: object) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        book[sheet][ref] = value

    return edit


def zip_bomb() -> bytes:
    """A valid workbook whose persons sheet unpacks to 250 MB of blanks (about 250 KB packed)."""
    data = base_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        sheet = src.read("xl/worksheets/sheet4.xml")
    head, tail = sheet.split(b"</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename == "xl/worksheets/sheet4.xml":
                with dst.open(entry, "w", force_zip64=True) as f:
                    f.write(head)
                    block = b" " * 1_000_000
                    for _ in range(250):
                        f.write(block)
                    f.write(b"</sheetData>" + tail)
            else:
                dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def rewritten_zip(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The workbook with some parts replaced or added (fixed timestamps, deflated)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        names = [i.filename for i in src.infolist()]
        for name in names + [n for n in parts if n not in names]:
            content = parts[name] if name in parts else src.read(name)
            dst.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def with_rows(sheet: bytes, rows: bytes) -> bytes:
    """A worksheet's XML with rows appended to its sheetData."""
    head, tail = sheet.split(b"</sheetData>")
    return head + rows + b"</sheetData>" + tail


def shared_string_bomb() -> bytes:
    """A few KB: one 100 KB shared string that 100,000 cells of the persons sheet refer to.

    Expanded (every cell its own copy, every message quoting it) that is 10 GB of text.
    """
    data = base_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        sheet = src.read("xl/worksheets/sheet4.xml")
        types = src.read("[Content_Types].xml")
        rels = src.read("xl/_rels/workbook.xml.rels")
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="100000"'
        b' uniqueCount="1"><si><t>' + b"X" * 100_000 + b"</t></si></sst>"
    )
    rows = b'<row><c t="s"><v>0</v></c></row>' * 100_000
    return rewritten_zip(
        data,
        {
            "xl/worksheets/sheet4.xml": with_rows(sheet, rows),
            "xl/sharedStrings.xml": strings,
            "[Content_Types].xml": types.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s" /></Types>'
                % SHARED_STRINGS_TYPE.encode(),
            ),
            "xl/_rels/workbook.xml.rels": rels.replace(
                b"</Relationships>",
                b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rId99" /></Relationships>'
                % SHARED_STRINGS_REL.encode(),
            ),
        },
    )


def styles_bomb() -> bytes:
    """Some 100 KB whose styles part declares a million cell formats (openpyxl builds each)."""
    data = base_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        styles = src.read("xl/styles.xml")
    head, _, rest = styles.partition(b"<cellXfs")
    _, _, tail = rest.partition(b"</cellXfs>")
    formats = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 1_000_000
    return rewritten_zip(
        data, {"xl/styles.xml": head + b'<cellXfs count="1000000">' + formats + b"</cellXfs>" + tail}
    )


def many_bad_rows() -> bytes:
    """A workbook of some 50 KB whose persons sheet has 100,000 identical rows, each with a wrong age."""
    data = base_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        sheet = src.read("xl/worksheets/sheet4.xml")
    row = (
        b'<row><c t="inlineStr"><is><t>P1</t></is></c><c t="inlineStr"><is><t>H1</t></is></c>'
        b'<c t="inlineStr"><is><t>child</t></is></c><c t="inlineStr"><is><t>old</t></is></c></row>'
    )
    return rewritten_zip(data, {"xl/worksheets/sheet4.xml": with_rows(sheet, row * 100_000)})


def long_number_sheet() -> bytes:
    """A 5000-digit number as P9's age (too long to convert), and a negative quota elsewhere."""
    data = base_workbook(set_cell("municipalities", "D3", -4))
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        sheet = src.read("xl/worksheets/sheet4.xml")
    old = b'<c r="D10" t="n"><v>29</v></c>'
    assert old in sheet
    return rewritten_zip(
        data,
        {"xl/worksheets/sheet4.xml": sheet.replace(old, b'<c r="D10" t="n"><v>' + b"7" * 5000 + b"</v></c>")},
    )


def chart_sheet_named_persons(book: Workbook) -> None:
    from openpyxl.chart import BarChart, Reference

    book["persons"].title = "people"
    chart = BarChart()
    chart.add_data(Reference(book["municipalities"], min_col=4, min_row=1, max_row=5), titles_from_data=True)
    book.create_chartsheet("persons").add_chart(chart)


def second_persons_sheet(book: Workbook) -> None:
    sheet = book.create_sheet("PERSONS ")
    for row in base_rows("persons")[:3]:
        sheet.append([typed(v) for v in row])


def make_fifo(folder: Path, name: str) -> None:
    """A named pipe cannot be committed: the item names it in `make_fifo`; the test creates it."""
    csv_folder(folder)
    (folder / "make_fifo").write_text(name + "\n", encoding="utf-8")


def many_columns_csv(extra: int) -> str:
    rows = base_rows("households")
    lines = [",".join(rows[0] + [f"note_{i}" for i in range(extra)])]
    lines += [",".join(r + ["x"] * extra) for r in rows[1:]]
    return "\n".join(lines) + "\n"


def many_columns_sheet(book: Workbook) -> None:
    sheet = book["dwellings"]
    for i in range(3000):
        sheet.cell(row=1, column=9 + i, value=f"extra_{i}")
        sheet.cell(row=2, column=9 + i, value=i)


def stray_formatting(book: Workbook) -> None:
    sheet = book["households"]
    sheet["Z40"].number_format = "0.00"
    sheet["AB2"].number_format = "0.00"


def formulas(book: Workbook) -> None:
    book["municipalities"]["D2"] = "=SUM(30,10)"
    book["persons"]["D3"] = "=2026-1995"


def big_persons_csv() -> str:
    rows = base_rows("persons")
    lines = [",".join(rows[0])] + [",".join(r) for r in rows[1:]]
    lines += [f"X{i},H4,child,{i % 17},f," for i in range(12000)]
    return "\n".join(lines) + "\n"


def build() -> dict[str, Callable[[Path], None]]:
    """Item name -> how to write it into its (empty) folder."""
    xlsx = base_workbook()

    def workbook(data: bytes, name: str = "scenario.xlsx") -> Callable[[Path], None]:
        return lambda folder: (folder / name).write_bytes(data)

    def folder(changes: dict[str, str] | None = None) -> Callable[[Path], None]:
        return lambda f: csv_folder(f, changes)

    def raw_csv(file: str, data: bytes) -> Callable[[Path], None]:
        def write(f: Path) -> None:
            csv_folder(f)
            (f / file).write_bytes(data)

        return write

    corrupted = bytearray(xlsx)
    for i in range(len(corrupted) // 2, len(corrupted) // 2 + 64):
        corrupted[i] ^= 0xA5
    only_readme = io.BytesIO()
    with zipfile.ZipFile(only_readme, "w") as z:
        z.writestr(zipfile.ZipInfo("readme.txt", ZIP_TIME), "not a workbook\n")
    persons = (BASE / "persons.csv").read_bytes()
    municipalities_text = (BASE / "municipalities.csv").read_text(encoding="utf-8")

    return {
        "truncated_xlsx": workbook(xlsx[: len(xlsx) // 2]),
        "corrupted_xlsx": workbook(bytes(corrupted)),
        "empty_xlsx": workbook(b""),
        "csv_text_named_xlsx": workbook((BASE / "persons.csv").read_bytes()),
        "zip_without_workbook": workbook(only_readme.getvalue()),
        "zip_bomb": workbook(zip_bomb()),
        "huge_file": folder({"persons.csv": big_persons_csv()}),
        "formulas_in_cells": workbook(base_workbook(formulas)),
        "formula_in_header": workbook(base_workbook(set_cell("households", "B1", '=LOWER("MUNICIPALITY")'))),
        "macro_workbook_xlsm": workbook(
            normalized_zip(xlsx, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 Sub AutoOpen() Shell(calc)"}),
            "scenario.xlsm",
        ),
        "formula_text_in_csv": folder(
            {"municipalities.csv": replace_in("municipalities", "Utrecht", '"=HYPERLINK(""http://x"")"')}
        ),
        "utf16_csv": raw_csv("municipalities.csv", municipalities_text.encode("utf-16")),
        "latin1_csv": raw_csv(
            "municipalities.csv", municipalities_text.replace("Zeist", "Súdwest-Fryslân").encode("latin-1")
        ),
        "utf8_bom_everywhere": lambda f: [
            (f / f"{n}.csv").write_bytes(b"\xef\xbb\xbf" + (BASE / f"{n}.csv").read_bytes()) for n in TABLES
        ],
        "binary_garbage_csv": raw_csv("dwellings.csv", bytes(range(256)) * 8),
        "nul_bytes_csv": raw_csv("persons.csv", persons.replace(b"P3,H1", b"P3\x00,H1")),
        "field_too_large_csv": folder({"persons.csv": replace_in("persons", "P9", "P9" + "9" * 200_000)}),
        "excel_date_number_xlsx": workbook(base_workbook(set_cell("households", "D2", 46023))),
        "excel_date_number_csv": folder({"households.csv": replace_in("households", "2026-02-01", "46023")}),
        "thousands_of_columns_csv": folder({"households.csv": many_columns_csv(5000)}),
        "thousands_of_columns_xlsx": workbook(base_workbook(many_columns_sheet)),
        "cell_at_end_of_grid_xlsx": workbook(base_workbook(set_cell("persons", "XFD1048576", "x"))),
        "formatting_beyond_header_xlsx": workbook(base_workbook(stray_formatting)),
        "semicolon_in_person_id": folder({"persons.csv": replace_in("persons", "P2,", "P2;P3,")}),
        "newline_in_id": folder(
            {
                "households.csv": replace_in("households", "H2,", '"H\n2",'),
                "persons.csv": replace_in("persons", "P4,H2", 'P4,"H\n2"'),
            }
        ),
        "invisible_character_in_id": folder({"dwellings.csv": replace_in("dwellings", "W3,", "W\u200b3,")}),
        "pinned_to_own_current_dwelling": folder(
            {
                "households.csv": replace_in(
                    "households", "H1,GM0344,W2,2026-02-01,false,,,", "H1,GM0344,W2,2026-02-01,false,,W2,"
                )
            }
        ),
        "pinned_to_dwelling_of_another_referent": folder(
            {
                "households.csv": replace_in(
                    "households", "H2,GM0355,,2026-03-15,yes,,,", "H2,GM0355,,2026-03-15,yes,,W2,"
                )
            }
        ),
        "pins_swapping_current_dwellings": folder(
            {
                "households.csv": replace_in(
                    "households", "H1,GM0344,W2,2026-02-01,false,,,", "H1,GM0344,W2,2026-02-01,false,,W3,"
                ).replace("H2,GM0355,,2026-03-15,yes,,,", "H2,GM0355,W3,2026-03-15,yes,,W2,")
            }
        ),
        "zero_person_household_xlsx": workbook(
            base_workbook(lambda book: book["households"].append(["H5", "GM0344"]))
        ),
        "only_zero_person_households": folder({"persons.csv": "id,household,role,age,sex,arriving\n"}),
        "folder_named_like_a_file": lambda f: (
            csv_folder(f),
            (f / "dwellings.csv").unlink(),
            (f / "dwellings.csv").mkdir(),
            (f / "dwellings.csv" / "W1.csv").write_text("id\nW1\n"),
        ),
        "deeply_nested_policy_toml": lambda f: (
            csv_folder(f),
            (f / "policy.toml").write_text("time_limit = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ),
        "shared_string_bomb_xlsx": workbook(shared_string_bomb()),
        "styles_bomb_xlsx": workbook(styles_bomb()),
        "many_bad_rows_xlsx": workbook(many_bad_rows()),
        "blank_lines_csv": folder(
            {
                "persons.csv": replace_in("persons", "P5,", "\n" * 50_000 + "P5,").replace(
                    "P9,", "\r\n" * 20_000 + "P9,"
                )
            }
        ),
        "long_number_csv": folder(
            {
                "persons.csv": replace_in("persons", "P9,H4,referent,29", "P9,H4,referent," + "7" * 5000),
                "households.csv": replace_in("households", "2026-03-15", "2026-13-15"),
            }
        ),
        "long_number_xlsx": workbook(long_number_sheet()),
        "chart_sheet_named_persons_xlsx": workbook(base_workbook(chart_sheet_named_persons)),
        "two_sheets_named_persons_xlsx": workbook(base_workbook(second_persons_sheet)),
        "lookalike_cyrillic_id": folder(
            {
                "households.csv": replace_in("households", "H2,", "\u041d2,"),
                "persons.csv": replace_in("persons", "P4,H2", "P4,\u041d2").replace("P5,H2", "P5,\u041d2"),
            }
        ),
        "mixed_script_id": folder({"dwellings.csv": replace_in("dwellings", "W3,", "W\u04173,")}),
        "nfc_and_nfd_ids": folder(
            {
                "households.csv": replace_in("households", "H1,", "H\u00e9,").replace("H2,", "He\u0301,"),
                "persons.csv": replace_in("persons", "H1,", "H\u00e9,")
                .replace("H1,", "H\u00e9,")
                .replace("H1,", "H\u00e9,")
                .replace("H2,", "He\u0301,")
                .replace("H2,", "He\u0301,"),
            }
        ),
        "invisible_characters_in_names": folder(
            {
                "municipalities.csv": replace_in("municipalities", "Utrecht", "Utr\u202eecht")
                .replace("Zeist", "Zei\u200bst")
                .replace("De Bilt", "De\x00Bilt")
                .replace("Enschede", "\u2066Enschede\u2069")
            }
        ),
        "formula_ids_csv": folder(
            {
                "households.csv": replace_in("households", "H2,", "\"=cmd|' /C calc'!A0\","),
                "persons.csv": replace_in("persons", "P4,H2", "@P4,\"=cmd|' /C calc'!A0\"")
                .replace("P5,H2", "+P5,\"=cmd|' /C calc'!A0\"")
                .replace("Utrecht", "-Utrecht"),
                "municipalities.csv": replace_in("municipalities", "Zeist", "=HYPERLINK(1)"),
            }
        ),
        "policy_toml_dangling_link": lambda f: (
            csv_folder(f),
            os.symlink("shared/policy.toml", f / "policy.toml"),
        ),
        "policy_toml_is_a_folder": lambda f: (
            csv_folder(f),
            (f / "policy.toml").mkdir(),
            (f / "policy.toml" / "settings.toml").write_text("split_allowed = false\n"),
        ),
        "policy_toml_is_a_pipe": lambda f: make_fifo(f, "policy.toml"),
        "policy_toml_in_other_case": lambda f: (
            csv_folder(f),
            (f / "Policy.toml").write_text("regional_cooperation = false\n"),
        ),
        "binary_policy_toml": lambda f: (
            csv_folder(f),
            (f / "policy.toml").write_bytes(b"\x00\xff" * 64 + b"= [[["),
        ),
    }


def main(only: list[str]) -> None:
    for name, write in build().items():
        if only and name not in only:
            continue
        folder = HERE / name
        keep = (folder / "expected.txt").read_bytes() if (folder / "expected.txt").is_file() else None
        env = (folder / "env").read_bytes() if (folder / "env").is_file() else None
        own = folder / "expected_upload.txt"
        upload = own.read_bytes() if own.is_file() else None
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        write(folder)
        if keep is not None:
            (folder / "expected.txt").write_bytes(keep)
        if env is not None:
            (folder / "env").write_bytes(env)
        if upload is not None:
            own.write_bytes(upload)
        print(name)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
