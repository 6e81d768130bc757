"""What a field type is: the base class every type of the schemas' `type:` subclasses.

A field type owns everything that differs from one type to another, from the
schema file to the synthetic data:

* the schema: what may stand under its `schema:` (only a dict's fields or a
  list's items), `parse_inner`;
* reading: the staff's text as a typed value, with the precise problem when
  it cannot be (`convert`), and the values inside a dict or a list
  (`typed_inside`);
* checking: the Python values it holds (`python`, `not_python`), which are
  the type Cerberus checks (`cerberus_type`) and the first step of the fast
  verdict (`fast_type_check`), and what the fast verdict checks inside it
  (`fast_inner_check`); `words`, what staff are told a value of it is;
* the editors: its JSON Schema (`json_schema`) and the note beside its label
  (`note`), its form-editor widget (`widget`, `picker`, `list_items`), the
  value a new record starts with (`skeleton`, `minimum_note`) and how
  `new --set` fills it (`from_setting`, `no_part`);
* the synthetic data: a valid example value (`example`);
* tables (workbooks, CSV, data packages: generators/exchange/): where its
  values go in a table (`place`), its column's Frictionless type and
  constraints (`table_type`, `table_constraints`), its cells' Excel format
  (`cell_format`), its value as a cell, as text and in JSON (`cell`, `cell_text`,
  `json_value`), and a cell a clerk filled in as the text staff write in a
  record, or the problem (`from_cell`).

The other modules ask a field's type (`field.kind`) and never test its name.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Protocol

import cerberus

if TYPE_CHECKING:
    from generators.spec.fields import Field

Check = Callable[[object], bool]  # the fast verdict on one value
Trouble = tuple[str, dict]  # a problem code and its parameters


class SchemaError(ValueError):
    """A schema file that does not describe fields as this project writes them."""


class SettingError(ValueError):
    """A value `new --set` cannot give a field whole; the text tells staff what to write instead."""


class _Invalid:
    """Stands for a value already reported; Cerberus sees it as a string-less object."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<invalid>"


INVALID = _Invalid()


def number_text(value: int | float) -> str:
    """A number in a workbook as the text a clerk sees: 356, 0.5, 386520.4 (not 356.0, 1e-05)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


def shown(value, limit: int = 40) -> str:
    """A typed value as quoted in a message: one line, and not the whole of a pasted text."""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[:limit] + "…"


def choice_widget(values, multiple: bool = False) -> dict:
    """The form editor's drop-down of fixed values."""
    return {
        "widget": "select",
        **({"multiple": True} if multiple else {}),
        "options": [str(value) for value in values],
    }


class Form(Protocol):
    """What a widget asks of the form editor's configuration (editors/cms.py)."""

    def reference(self, spec: Field, multiple: bool) -> dict:
        """The widget naming a record of the kind the field's `ref:` says."""
        ...

    def fields(self, group: Field, optional: bool) -> list[dict]:
        """The form fields of a dict's fields; inside an optional group none is required."""
        ...

    def widget(self, spec: Field) -> dict:
        """The widget of another field of the tree."""
        ...


class Table(Protocol):
    """What a field's place asks of the table being laid out (generators/exchange/layout.py)."""

    def column(self, spec: Field, path: tuple) -> None:
        """A column of its own for the field at a document path."""
        ...

    def sheet(self, spec: Field, path: tuple) -> None:
        """A table of its own for a list whose items are groups, a row per item."""
        ...

    def place(self, spec: Field, path: tuple) -> None:
        """Another field of the tree, placed as its type says."""
        ...


class Sample(Protocol):
    """What an example value asks of the synthetic data (bench/synth.py)."""

    rng: random.Random
    today: dt.date

    def quote(self, text: str) -> str:
        """Text as a YAML scalar that reads back unchanged."""
        ...

    def value(self, spec: Field, name: str):
        """The example value of another field of the tree."""
        ...


class FieldType:
    """One `type:` of the schemas. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]  # as written in a schema: `type: date`
    words: ClassVar[str]  # what staff are told a value is: 应为{words}
    python: ClassVar[tuple[type, ...]]  # the Python values it holds once read
    not_python: ClassVar[tuple[type, ...]] = ()  # ... but not these (a bool is no integer)
    group: ClassVar[bool] = False  # holds other fields' values (a dict, a list)
    holds_text: ClassVar[bool] = False  # staff write words of their own here
    counts_items: ClassVar[bool] = False  # minlength and maxlength count items, not characters
    in_summary: ClassVar[bool] = True  # the form editor can show it in a list's summary line

    def __repr__(self) -> str:
        return f"<field type {self.name}>"

    # -- the schema ------------------------------------------------------------

    def parse_inner(
        self, inner, where: str, parse: Callable[..., Field]
    ) -> tuple[dict[str, Field], Field | None]:
        """The fields (of a dict) and the item (of a list) its `schema:` gives."""
        if inner is not None:
            raise SchemaError(f"{where}: only a dict or a list has `schema:`")
        return {}, None

    # -- reading and checking --------------------------------------------------

    def convert(self, text: str) -> tuple[object, Trouble | None]:
        """A scalar's text as a value of this type, or INVALID and the problem."""
        return text, None  # a dict or a list written as text: Cerberus reports the shape

    def typed_inside(self, spec: Field, value, path: tuple, visit: Callable):
        """The value with the values inside it typed by visit(field, value, document path)."""
        return value

    def cerberus_type(self) -> cerberus.TypeDefinition:
        return cerberus.TypeDefinition(self.name, self.python, self.not_python)

    def fast_type_check(self) -> Check:
        included, excluded = self.python, self.not_python

        def check(value) -> bool:
            return isinstance(value, included) and not isinstance(value, excluded)

        return check

    def fast_inner_check(
        self, spec: Field, compile_field: Callable[[Field], Check]
    ) -> Check | None:
        """The fast verdict on the values inside, given how a field's verdict is compiled."""
        return None

    # -- the editors -----------------------------------------------------------

    def json_schema(self, spec: Field, schema_of: Callable[[Field], dict]) -> dict:
        """JSON Schema of the field, without title and description; schema_of for fields inside."""
        raise NotImplementedError(self.name)

    def note(self, spec: Field) -> str:
        """How a value is written, told beside the field's label (JSON Schema, new records)."""
        return ""

    def widget(self, spec: Field, form: Form, optional: bool) -> dict:
        """The form editor's widget (without name, label and required); `optional`: of a group
        that may be left out."""
        if spec.allowed is not None:
            return choice_widget(spec.allowed)
        return self.own_widget(spec, form, optional)

    def own_widget(self, spec: Field, form: Form, optional: bool) -> dict:
        return {"widget": "string"}

    def picker(self, spec: Field, form: Form, multiple: bool) -> dict | None:
        """A widget that picks the value from a list (records, allowed values), if it has one."""
        return None

    def list_items(self, spec: Field, form: Form, label: str) -> dict:
        """What a list widget says of its items when they are of this type."""
        return {"field": {"name": "item", "label": label, **form.widget(spec)}}

    def skeleton(self, spec: Field, today: dt.date, start: Callable[[Field], object]):
        """The value a new record starts with; None where staff must fill it in."""
        return None

    def minimum_note(self, spec: Field) -> str:
        """What a new record's comment adds to 必填/选填 (a list's least number of items)."""
        return ""

    def from_setting(self, spec: Field, text: str, path: str):
        """The value `new --set path=text` gives the field."""
        return text

    def no_part(self, spec: Field, here: str, tried: str) -> str:
        """Why `new --set` cannot go from the field at `here` down to `tried`."""
        return f"「{here}」是单个值，下面没有字段"

    # -- the synthetic data ----------------------------------------------------

    def example(self, spec: Field, name: str, sample: Sample):
        """A valid value as YAML text; a dict or a list of the values inside."""
        raise NotImplementedError(self.name)

    # -- tables ----------------------------------------------------------------

    table_type: ClassVar[str] = "string"  # its column's type in a Frictionless Table Schema
    cell_format: ClassVar[str] = "@"  # the Excel number format of its cells: text

    def place(self, spec: Field, path: tuple, table: Table) -> None:
        """Where its values go in a table: a column of its own."""
        table.column(spec, path)

    def table_constraints(self, spec: Field) -> dict:
        """Its column's constraints in a Table Schema, besides `required`."""
        return {"enum": [str(v) for v in spec.allowed]} if spec.allowed is not None else {}

    def cell_text(self, spec: Field, value) -> str:
        """A typed value as text, as staff write it in a record: a CSV cell."""
        return str(value)

    def cell(self, spec: Field, value):
        """A typed value as a workbook cell: text, a number, a date or true/false."""
        return self.cell_text(spec, value)

    def json_value(self, spec: Field, value):
        """A typed value in the JSON downloads."""
        return self.cell_text(spec, value)

    def from_cell(self, spec: Field, value) -> tuple[object, Trouble | None]:
        """A workbook cell as the text staff would write in the record (a list of texts for a
        list), or None and the problem; text (the clerk's, or a CSV's) stays as it is, for
        `convert` to judge as it judges a record's."""
        if isinstance(value, str):
            return value, None
        if isinstance(value, bool):
            return ("true" if value else "false"), None
        if isinstance(value, dt.datetime):
            return self.from_date_cell(spec, value)
        return number_text(value), None

    def from_date_cell(self, spec: Field, value: dt.datetime) -> tuple[object, Trouble | None]:
        """A cell Excel holds as a date, in a field of another type."""
        return None, ("import.date-cell", {"value": value.date().isoformat(), "what": self.words})

    def choices(self, spec: Field) -> list[str] | None:
        """The values a workbook's drop-down offers in its cells, if it has one."""
        return [str(v) for v in spec.allowed] if spec.allowed is not None else None
