"""A record type as tables: one row per record, and one table per list whose items are groups.

The main table has a column for every single value of a record, groups of
fields side by side (村（社区）主要负责人 › 党组织书记); a list of single values
is one cell, its items separated by 、. A list whose items are groups
(finance lines, committee members, progress updates) is a table of its own:
its first column names the record (编号), then a column per field of an item.
Where each field goes is its type's to say (`FieldType.place`); headers are
the fields' Chinese labels, and the hint row says how each is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generators.editors.json_schema import field_note
from generators.spec.fields import Field
from generators.spec.registry import RecordType, Registry
from generators.spec.types import SchemaError

SHEET_NAME_LIMIT = 31  # Excel's
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
OWNER_HEADER = "编号"  # a list's table: the first column names the record the row belongs to


@dataclass(frozen=True)
class Column:
    path: tuple  # document path inside a row's value: the record's, or a list item's
    spec: Field
    header: str
    hint: str
    required: bool  # every row must give it: the field and the groups above it are required
    owner: bool = False  # the first column of a list's table: the record's id (or its name)


@dataclass(frozen=True)
class Table:
    record_type: RecordType
    path: tuple  # () for the records' own table; the list's document path for a list's table
    name: str  # the sheet's name, also the CSV file's
    label: str  # 财务收支 › 收入
    columns: tuple[Column, ...]

    @property
    def main(self) -> bool:
        return not self.path

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def rows(self, document) -> list[list]:
        """The typed values of a record's rows in this table, a value per column (None: empty)."""
        if self.main:
            return [[value_at(document, c.path) for c in self.columns]]
        items = value_at(document, self.path) or ()
        return [
            [document["id"] if c.owner else value_at(item, c.path) for c in self.columns]
            for item in items
        ]


def value_at(value, path: tuple):
    """The value at a path of keys through groups, or None where one is missing."""
    for key in path:
        if not hasattr(value, "get"):
            return None
        value = value.get(key)
        if value is None:
            return None
    return value


def sheet_name(text: str) -> str:
    """A name Excel takes for a sheet: no []:*?/\\, at most 31 characters."""
    return _NOT_IN_SHEET_NAMES.sub("、", text)[:SHEET_NAME_LIMIT]


class _Builder:
    """Lays out one table; a list of groups met on the way starts a table of its own."""

    def __init__(self, record_type: RecordType, row: Field, path: tuple, tables: list[Table]):
        self.record_type, self.row, self.path, self.tables = record_type, row, path, tables
        self.columns: list[Column] = []

    def place(self, spec: Field, path: tuple) -> None:
        spec.kind.place(spec, path, self)

    def column(self, spec: Field, path: tuple) -> None:
        required = all(f.required for f in self.row.within(path))
        need = "必填" if required else "选填"
        note = field_note(spec)
        hint = f"{need}。{note}" if note else need
        self.columns.append(Column(path, spec, self.row.label_of(path), hint, required))

    def sheet(self, spec: Field, path: tuple) -> None:
        if self.path:
            raise SchemaError(
                f"{self.record_type.name}: a list of groups inside a list's items has no table"
            )
        record = self.record_type.schema.root
        assert spec.item is not None  # only a list (of groups) has a sheet of its own
        nested = _Builder(self.record_type, spec.item, path, self.tables)
        title = record.fields.get(self.record_type.title_field)
        names = f"，或主表的{title.label}" if title is not None and title.label != "编号" else ""
        nested.columns.append(
            Column(
                ("id",),
                record.fields["id"],
                OWNER_HEADER,
                f"必填。这一行属于哪条{self.record_type.label}：填它的编号{names}",
                True,
                owner=True,
            )
        )
        for key, sub in spec.item.fields.items():
            nested.place(sub, (key,))
        label = record.label_of(path)
        name = sheet_name(f"{self.record_type.label}-{label.replace(' › ', '-')}")
        self.tables.append(Table(self.record_type, path, name, label, tuple(nested.columns)))


@cache
def tables_of(record_type: RecordType) -> tuple[Table, ...]:
    """The record type's tables: its records' own first, then one per list of groups."""
    record = record_type.schema.root
    nested: list[Table] = []
    main = _Builder(record_type, record, (), nested)
    for key, sub in record.fields.items():
        main.place(sub, (key,))
    own = Table(
        record_type, (), sheet_name(record_type.label), record_type.label, tuple(main.columns)
    )
    return (own, *nested)


def file_stem(table: Table) -> str:
    """A table's file name in the downloads: villages, disclosures-finance-income."""
    parts = [table.record_type.folder, *(str(key).replace("_", "-") for key in table.path)]
    return "-".join(parts)


def all_tables(registry: Registry) -> list[Table]:
    return [table for record_type in registry for table in tables_of(record_type)]
