"""Rows of a clerk's sheets as records: the text staff would have written, and where it came from.

Each sheet is matched to a table (layout.py) by its name (a CSV by its file
name or its headers), each header to a column; then each row of a records'
table is a record, and each row of a list's table an item of the record its
first column names (by id, or by the name in the records' table). A cell is
read by its field's type (`FieldType.from_cell`): what a clerk typed stays as
typed, for the checks `validate` runs to judge; spaces around a text are
dropped, as YAML drops them, and said. A record without an id is given one
from its name in pinyin, as `new` gives it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generators.editors.scaffold import ScaffoldError, proposed_id
from generators.exchange.layout import Column, Table, all_tables, file_stem, value_at
from generators.exchange.reading import Sheet
from generators.spec.registry import RecordType, Registry
from generators.spec.types import shown


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a sheet, a row (from 1) and a column (from 1; 0: the whole row)."""

    sheet: str
    row: int
    col: int = 0
    header: str = ""


@dataclass(frozen=True)
class Trouble:
    """A problem found in the sheets before any record is checked: its code, place, parameters."""

    code: str
    origin: Origin
    params: dict = field(default_factory=dict)
    field: tuple = ()  # the document path, when the cell is a record's


@dataclass
class Incoming:
    """One record as the sheets give it: its values as text, and where each came from."""

    record_type: RecordType
    origin: Origin  # its row in the records' table (or the first row naming it)
    document: dict
    origins: dict = field(default_factory=dict)  # document path → Origin
    columns: set = field(default_factory=set)  # paths of the fields the sheets have columns for
    lists: set = field(default_factory=set)  # paths of the lists the sheets have tables for
    main: bool = True  # it has a row in its records' table
    proposed: bool = False  # its id was made from its name
    duplicate: bool = False  # another row has its id

    @property
    def id(self) -> str | None:
        value = self.document.get("id")
        return value if isinstance(value, str) else None

    def origin_of(self, path: tuple) -> Origin:
        """The cell a document path came from, or the nearest one above it, or the record's row."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.origins:
                return self.origins[path[:end]]
        return self.origin


@dataclass
class Rows:
    records: list[Incoming] = field(default_factory=list)
    troubles: list[Trouble] = field(default_factory=list)
    by_id: dict = field(default_factory=dict)  # (type name, id) → the first record with it
    by_title: dict = field(default_factory=dict)  # (type name, title) → the records with it

    def index(self) -> None:
        """The records' tables are read: index them for the lists' rows that name them."""
        for incoming in self.records:
            name = incoming.record_type.name
            if incoming.id is not None:
                self.by_id.setdefault((name, incoming.id), incoming)
            title = incoming.document.get(incoming.record_type.title_field)
            if isinstance(title, str):
                self.by_title.setdefault((name, title), []).append(incoming)


# ---------------------------------------------------------------------------
# sheets to tables


def match(sheets: list[Sheet], registry: Registry, only: RecordType | None) -> tuple[list, list]:
    """[(sheet, table)] and the troubles of sheets that are no table."""
    tables = [t for t in all_tables(registry) if only is None or t.record_type is only]
    by_name = {t.name: t for t in tables} | {file_stem(t): t for t in tables}
    matched, troubles = [], []
    for sheet in sheets:
        table = by_name.get(sheet.name.strip()) or _by_headers(sheet, tables)
        if table is None:
            names = "、".join(t.name for t in tables if t.main)
            code = "import.which-table" if len(sheets) == 1 else "import.unknown-sheet"
            troubles.append(Trouble(code, Origin(sheet.name, 1), {"tables": names}))
        else:
            matched.append((sheet, table))
    return matched, troubles


def _by_headers(sheet: Sheet, tables: list[Table]) -> Table | None:
    """The one table whose headers hold every header of the sheet (a CSV named otherwise)."""
    headers = {str(h).strip() for h in (sheet.rows[0] if sheet.rows else ()) if h is not None}
    fits = [t for t in tables if headers and headers <= set(t.headers)]
    return fits[0] if len(fits) == 1 else None


# ---------------------------------------------------------------------------
# rows to records


def read_rows(sheets: list[Sheet], registry: Registry, only: RecordType | None = None) -> Rows:
    rows = Rows()
    matched, rows.troubles = match(sheets, registry, only)
    for sheet, _ in matched:
        headers = sheet.rows[0] if sheet.rows else []
        for t in sheet.troubles:
            header = headers[t.col - 1] if t.col - 1 < len(headers) else None
            origin = Origin(sheet.name, t.row, t.col, str(header).strip() if header else "")
            rows.troubles.append(Trouble(t.code, origin, t.params))
    # The records' tables first: a list's rows name records they give.
    indexed = False
    for sheet, table in sorted(matched, key=lambda pair: not pair[1].main):
        if not table.main and not indexed:
            rows.index()
            indexed = True
        columns = _columns(sheet, table, rows)
        for number, values in _data_rows(sheet, table, columns):
            if table.main:
                _record(sheet, table, columns, number, values, rows)
            else:
                _item(sheet, table, columns, number, values, rows)
        if not table.main:
            for incoming in rows.records:
                if incoming.record_type is table.record_type:
                    incoming.lists.add(table.path)
    for incoming in rows.records:
        if incoming.main and incoming.id is None:
            _propose_id(incoming, rows)
    _duplicates(rows)
    return rows


def _columns(sheet: Sheet, table: Table, rows: Rows) -> dict[int, Column]:
    """Column number → column of the table, by the headers in row 1."""
    by_header = {c.header: c for c in table.columns}
    by_key = {".".join(c.path): c for c in table.columns if not c.owner}
    out: dict[int, Column] = {}
    header_row = sheet.rows[0] if sheet.rows else []
    for col, header in enumerate(header_row, start=1):
        text = str(header).strip() if header is not None else ""
        if not text:
            if _column_has_values(sheet, col):
                rows.troubles.append(Trouble("import.no-header", Origin(sheet.name, 1, col)))
            continue
        column = by_header.get(text) or by_key.get(text)
        if column is None:
            close = difflib.get_close_matches(text, list(by_header), n=1, cutoff=0.5)
            rows.troubles.append(
                Trouble(
                    "import.unknown-column",
                    Origin(sheet.name, 1, col, text),
                    {"header": text, "close": close[0] if close else ""},
                )
            )
        elif column in out.values():
            rows.troubles.append(
                Trouble(
                    "import.duplicate-column", Origin(sheet.name, 1, col, text), {"header": text}
                )
            )
        else:
            out[col] = column
    return out


def _column_has_values(sheet: Sheet, col: int) -> bool:
    return any(len(row) >= col and row[col - 1] is not None for row in sheet.rows[1:])


def _data_rows(sheet: Sheet, table: Table, columns: dict[int, Column]):
    """(row number, values) of the rows that hold anything, below the headers and the hint row."""
    first = 1
    if len(sheet.rows) > 1 and _is_hint_row(sheet.rows[1], columns):
        first = 2
    for index in range(first, len(sheet.rows)):
        values = sheet.rows[index]
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
            yield index + 1, values


def _is_hint_row(values: list, columns: dict[int, Column]) -> bool:
    given = [(col, v) for col, v in enumerate(values, start=1) if v is not None]
    return bool(given) and all(
        col in columns and isinstance(v, str) and v.strip() == columns[col].hint for col, v in given
    )


def _cell(sheet: Sheet, number: int, col: int, column: Column, values: list, rows: Rows, where):
    """A cell's value as the text staff write (a list of texts for a list), or None."""
    raw = values[col - 1] if col - 1 < len(values) else None
    origin = Origin(sheet.name, number, col, column.header)
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped and stripped != raw:
            rows.troubles.append(Trouble("import.spaces", origin, {"value": shown(raw)}, where))
        raw = stripped or None
    if raw is None:
        return None, origin
    text, trouble = column.spec.kind.from_cell(column.spec, raw)
    if trouble is not None:
        code, params = trouble
        rows.troubles.append(Trouble(code, origin, params, where))
        return None, origin
    return text, origin


def _record(sheet, table: Table, columns, number: int, values: list, rows: Rows) -> None:
    incoming = Incoming(table.record_type, Origin(sheet.name, number), {})
    for col, column in columns.items():
        incoming.columns.add(column.path)
        text, origin = _cell(sheet, number, col, column, values, rows, column.path)
        incoming.origins[column.path] = origin
        if text is not None:
            set_at(incoming.document, column.path, text)
    rows.records.append(incoming)


def _item(sheet, table: Table, columns, number: int, values: list, rows: Rows) -> None:
    owner_col = next((col for col, c in columns.items() if c.owner), None)
    row_origin = Origin(
        sheet.name, number, owner_col or 0, columns[owner_col].header if owner_col else ""
    )
    owner_text = None
    if owner_col is not None:
        owner_text, _ = _cell(sheet, number, owner_col, columns[owner_col], values, rows, ())
    incoming = _owner(table, owner_text, row_origin, rows) if owner_text else None
    if incoming is None:
        code = "import.no-owner"
        rows.troubles.append(Trouble(code, row_origin, {"owner": owner_text or ""}))
        return
    items = value_at(incoming.document, table.path)
    if items is None:
        items = []
        set_at(incoming.document, table.path, items)
    path = (*table.path, len(items))
    incoming.origins.setdefault(table.path, row_origin)
    incoming.origins[path] = row_origin
    item: dict = {}
    for col, column in columns.items():
        if column.owner:
            continue
        where = path + column.path
        text, origin = _cell(sheet, number, col, column, values, rows, where)
        incoming.origins[where] = origin
        if text is not None:
            set_at(item, column.path, text)
    items.append(item)


def _owner(table: Table, text: str, origin: Origin, rows: Rows) -> Incoming | None:
    """The record a list's row names: by its id, or by its name; one only in the data folder is
    taken up with the list alone (to change it, with --update)."""
    name = table.record_type.name
    if (name, text) in rows.by_id:
        return rows.by_id[name, text]
    named = rows.by_title.get((name, text), [])
    if len(named) == 1:
        return named[0]
    if named or not _looks_like_id(table.record_type, text):
        return None
    incoming = Incoming(table.record_type, origin, {"id": text}, main=False)
    rows.records.append(incoming)
    rows.by_id[name, text] = incoming
    return incoming


def _looks_like_id(record_type: RecordType, text: str) -> bool:
    spec = record_type.schema.fields["id"]
    return spec.regex is None or re.fullmatch(spec.regex, text) is not None


def _propose_id(incoming: Incoming, rows: Rows) -> None:
    record_type = incoming.record_type
    title = incoming.document.get(record_type.title_field)
    try:
        made = proposed_id(
            record_type, incoming.document, title if isinstance(title, str) else None
        )
    except ScaffoldError:
        origin = incoming.origins.get(("id",), incoming.origin)
        rows.troubles.append(Trouble("import.no-id", origin, {"title": _title_label(record_type)}))
        return
    incoming.document = {"id": made, **incoming.document}
    incoming.proposed = True


def _title_label(record_type: RecordType) -> str:
    spec = record_type.schema.fields.get(record_type.title_field)
    return spec.label if spec is not None else "名称"


def _duplicates(rows: Rows) -> None:
    seen: dict[tuple, Incoming] = {}
    for incoming in rows.records:
        if not incoming.main or incoming.id is None:
            continue
        group = incoming.record_type.id_group or incoming.record_type.name
        first = seen.setdefault((group, incoming.id), incoming)
        if first is not incoming:
            rows.troubles.append(
                Trouble(
                    "import.duplicate-id",
                    incoming.origins.get(("id",), incoming.origin),
                    {"id": incoming.id, "row": first.origin.row, "sheet": first.origin.sheet},
                )
            )
            incoming.duplicate = True


def set_at(document: dict, path: tuple, value) -> None:
    """Sets a value at a path of keys (and list indexes), making the groups on the way."""
    node = document
    for key in path[:-1]:
        if isinstance(node, list):
            node = node[key]
            continue
        node = node.setdefault(key, {})
    node[path[-1]] = value


def fill_required_lists(incoming: Incoming) -> None:
    """A required list whose table the sheets have, with no rows for the record, is an empty list
    (in a group that is there): a table cannot tell an empty list from none."""
    root = incoming.record_type.schema.root
    for path in incoming.lists:
        parent = value_at(incoming.document, path[:-1]) if len(path) > 1 else incoming.document
        spec = root.at(path)
        if (
            isinstance(parent, dict)
            and path[-1] not in parent
            and spec is not None
            and spec.required
        ):
            parent[path[-1]] = []
