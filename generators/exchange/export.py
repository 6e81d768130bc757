"""Records as tables: the rows of each record type's tables, and workbooks of them.

A template is the same workbook without rows; an export for staff has the
template's hint row, drop-downs and formats, so that a clerk can edit it and
import it again (importing it unchanged changes no file: tests/test_exchange.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from generators.exchange.layout import tables_of
from generators.exchange.workbook import Sheet, workbook_bytes
from generators.spec.registry import RecordType


def sheets_of(record_type: RecordType, documents: Iterable[Mapping]) -> list[Sheet]:
    """The type's tables with the rows of the documents (typed values), in the order given."""
    documents = list(documents)
    return [
        Sheet(table, [row for document in documents for row in table.rows(document)])
        for table in tables_of(record_type)
    ]


def template_bytes(record_types: Iterable[RecordType], today: dt.date) -> bytes:
    sheets = [sheet for t in record_types for sheet in sheets_of(t, [])]
    return workbook_bytes(sheets, for_staff=True, created=today)


def export_bytes(
    records: Iterable[tuple[RecordType, Sequence[Mapping]]], today: dt.date, for_staff: bool = True
) -> bytes:
    sheets = [sheet for t, documents in records for sheet in sheets_of(t, documents)]
    return workbook_bytes(sheets, for_staff=for_staff, created=today)
