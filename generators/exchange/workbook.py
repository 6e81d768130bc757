"""Workbooks (.xlsx) of record tables: a blank template, an export, a download.

Written with XlsxWriter, byte for byte the same for the same tables and rows
(its zip entries carry a fixed date; the document's own date is given). A
row 1 of Chinese headers; for staff (templates, exports) a hint row under it
saying how each column is filled in, a drop-down wherever the values are
fixed (their lists on a hidden sheet, 可选值) and text, number and date
formats per column as each field's type gives them, so that Excel does not
turn a period typed 2025-10 into a date.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

import xlsxwriter

from generators.exchange.layout import Table

CHOICES_SHEET = "可选值"  # hidden: the values of the drop-downs
HINT_ROWS = 1
WIDTH, WIDE, NARROW = 14, 30, 10
TEMPLATE_ROWS = 2000  # rows of a template that get the drop-downs and formats


@dataclass(frozen=True)
class Sheet:
    """A table and its rows of typed values (one per column, None where empty)."""

    table: Table
    rows: list[list]


def workbook_bytes(sheets: Iterable[Sheet], for_staff: bool, created: dt.date) -> bytes:
    """An .xlsx of the sheets; `for_staff` adds the hint row, drop-downs and column formats."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": dt.datetime.combine(created, dt.time())})
    writer = _Writer(book, for_staff)
    for sheet in sheets:
        writer.sheet(sheet)
    writer.finish()
    book.close()
    return out.getvalue()


class _Writer:
    def __init__(self, book, for_staff: bool):
        self.book, self.for_staff = book, for_staff
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.hint = book.add_format(
            {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}
        )
        self.formats: dict[str, object] = {}
        self.choices: list[list[str]] = []

    def format(self, number_format: str):
        if number_format not in self.formats:
            self.formats[number_format] = self.book.add_format({"num_format": number_format})
        return self.formats[number_format]

    def sheet(self, sheet: Sheet) -> None:
        table = sheet.table
        ws = self.book.add_worksheet(table.name)
        first = 1 + (HINT_ROWS if self.for_staff else 0)
        for col, column in enumerate(table.columns):
            cell_format = self.format(column.spec.kind.cell_format)
            ws.set_column(col, col, _width(column), cell_format)
            ws.write_string(0, col, column.header, self.header)
            if self.for_staff:
                ws.write_string(1, col, column.hint, self.hint)
                self.drop_down(ws, first, col, column)
        for r, row in enumerate(sheet.rows, start=first):
            for col, value in enumerate(row):
                if value is not None:
                    column = table.columns[col]
                    self.write(ws, r, col, column.spec.kind.cell(column.spec, value), column)
        ws.freeze_panes(first, 1)

    def write(self, ws, row: int, col: int, value, column) -> None:
        cell_format = self.format(column.spec.kind.cell_format)
        if isinstance(value, bool):
            ws.write_boolean(row, col, value, cell_format)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, cell_format)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), cell_format)
        else:
            ws.write_string(row, col, str(value), cell_format)

    def drop_down(self, ws, first: int, col: int, column) -> None:
        choices = column.spec.kind.choices(column.spec)
        if not choices:
            return
        self.choices.append(choices)
        letter = xlsxwriter.utility.xl_col_to_name(len(self.choices) - 1)
        ws.data_validation(
            first,
            col,
            first + TEMPLATE_ROWS,
            col,
            {
                "validate": "list",
                "source": f"='{CHOICES_SHEET}'!${letter}$1:${letter}${len(choices)}",
                "error_title": column.header,
                "error_message": "请从下拉列表中选择：" + "、".join(choices)[:200],
            },
        )

    def finish(self) -> None:
        if not self.choices:
            return
        ws = self.book.add_worksheet(CHOICES_SHEET)
        for col, values in enumerate(self.choices):
            for row, value in enumerate(values):
                ws.write_string(row, col, value)
        ws.hide()


def _width(column) -> int:
    if column.spec.kind.holds_text and (column.spec.maxlength or 0) >= 100:
        return WIDE
    return max(NARROW, min(WIDE, len(column.header) * 2))
