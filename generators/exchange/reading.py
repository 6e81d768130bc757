"""What a clerk sends back: the sheets of an .xlsx, or a .csv, as rows of cell values.

A cell is read as Excel holds it (text, a number, a date, true/false), for
the field's type to turn into the text staff write in a record. A cell merged
down several rows (a township name over its villages) stands in each of
those rows, as the clerk sees it; one merged across columns cannot say which
column it belongs to and is reported. A formula gives the value Excel last
computed; one never computed is reported. A CSV is read as UTF-8 (with or
without the BOM Excel writes) or, failing that, as GB18030, the encoding
Excel on Chinese Windows saves CSV files in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
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
    import openpyxl  # only when a workbook is imported: it takes a while to load

    try:
        book = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False) if _has_formulas(path) else None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Unreadable(
            f"{path.name} 打不开（{type(exc).__name__}）；请在 Excel 里另存为 Excel 工作簿（.xlsx）"
        ) from None
    sheets = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue  # the template's list of choices
        sheet = Sheet(ws.title)
        rows = [[_cell(c.value) for c in row] for row in ws.iter_rows()]
        _spread_merged(ws, rows, sheet)
        if formulas is not None:
            _uncomputed(formulas[ws.title], rows, sheet)
        sheet.rows = rows
        sheets.append(sheet)
    return sheets


def _cell(value):
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(
            b"<f" in archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _spread_merged(ws, rows: list[list], sheet: Sheet) -> None:
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        if merged.max_col > left and merged.max_row > 1:  # across columns, below the headers
            sheet.troubles.append(Trouble("import.merged-columns", top, left))
            continue
        value = rows[top - 1][left - 1] if top - 1 < len(rows) else None
        for r in range(top, merged.max_row + 1):
            for c in range(left, merged.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = value


def _uncomputed(ws, rows: list[list], sheet: Sheet) -> None:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                if rows[c.row - 1][c.column - 1] is None:
                    sheet.troubles.append(
                        Trouble("import.formula", c.row, c.column, {"formula": c.value[:40]})
                    )
