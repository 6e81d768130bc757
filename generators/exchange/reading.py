"""What a clerk sends back: the sheets of an .xlsx, or a .csv, as rows of cell values.

A cell is read as Excel holds it (text, a number, a date, true/false), for
the field's type to turn into the text staff write in a record. A cell merged
down several rows (a township name over its villages) stands in each of
those rows, as the clerk sees it; one merged across columns cannot say which
column it belongs to and is reported. A formula gives the value Excel last
computed; one never computed is reported. Values are read with
python-calamine (a Rust reader, fast at a county's hundreds of thousands of
rows); openpyxl looks at the formulas of a workbook that has any. A CSV is
read as UTF-8 (with or without the BOM Excel writes) or, failing that, as
GB18030, the encoding Excel on Chinese Windows saves CSV files in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

CSV_SUFFIX, XLSX_SUFFIX = ".csv", ".xlsx"


class Unreadable(ValueError):
    """A file that is no workbook or CSV this can read; the text is the Chinese reason."""


@dataclass
class Trouble:
    """A problem found while reading, at a cell (row and column from 1)."""

    code: str
    row: int
    col: int
    params: dict = field(default_factory=dict)


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)  # row 1 first; None for an empty cell
    troubles: list[Trouble] = field(default_factory=list)


def read_tables(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        return [read_csv(path)]
    if suffix == XLSX_SUFFIX:
        return read_xlsx(path)
    raise Unreadable(
        f"{path.name} 不是 .xlsx 或 .csv 文件；请在 Excel 里“另存为” Excel 工作簿（.xlsx）"
    )


def read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise Unreadable(
                f"{path.name} 的编码无法识别；请在 Excel 里另存为“CSV UTF-8（逗号分隔）”"
            ) from None
    rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text))]
    return Sheet(path.stem, rows)


def read_xlsx(path: Path) -> list[Sheet]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
        visible = [
            m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible
        ]  # not the template's list of choices
        sheets = []
        for name in visible:
            data = book.get_sheet_by_name(name)
            sheet = Sheet(name)
            sheet.rows = [[_cell(v) for v in row] for row in data.to_python(skip_empty_area=False)]
            ranges = [
                (a + 1, b + 1, c + 1, d + 1) for (a, b), (c, d) in data.merged_cell_ranges or ()
            ]
            _spread_merged(ranges, sheet.rows, sheet)
            sheets.append(sheet)
        if _has_formulas(path):
            _uncomputed(path, sheets)
    except (CalamineError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Unreadable(
            f"{path.name} 打不开（{type(exc).__name__}）；请在 Excel 里另存为 Excel 工作簿（.xlsx）"
        ) from None
    return sheets


def _cell(value):
    """A cell as Excel holds it: None when empty, a day as a datetime at midnight."""
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value


_FORMULA = re.compile(rb"<f[ />]")  # a formula cell; not <formula1> of a drop-down list


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(
            _FORMULA.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _spread_merged(ranges, rows: list[list], sheet: Sheet) -> None:
    for top, left, bottom, right in ranges:
        if right > left and bottom > 1:  # across columns, below the headers
            sheet.troubles.append(Trouble("import.merged-columns", top, left))
            continue
        value = (
            rows[top - 1][left - 1]
            if top - 1 < len(rows) and left - 1 < len(rows[top - 1])
            else None
        )
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = value


def _uncomputed(path: Path, sheets: list[Sheet]) -> None:
    """Formulas whose value the file does not hold (never computed by Excel) read as empty."""
    import openpyxl  # only for a workbook with formulas: calamine reads values, not formulas

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    for sheet in sheets:
        rows = sheet.rows
        for r, row in enumerate(book[sheet.name].iter_rows(values_only=True), start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("=") and r - 1 < len(rows):
                    if c - 1 >= len(rows[r - 1]) or rows[r - 1][c - 1] is None:
                        sheet.troubles.append(
                            Trouble("import.formula", r, c, {"formula": value[:40]})
                        )
    book.close()
