"""The field types the schemas name in `type:`, one class each (Lektor's `types/` does the same).

A type's class owns everything that differs by type (base.FieldType lists it):
how staff's text is read as its value, the type Cerberus checks, the fast
verdict, its JSON Schema, its form-editor widget, its line in a new record and
its example value in the synthetic data. Every other module asks a field's
type (`field.kind`) and never tests its name.

A new type is a subclass of FieldType, in this folder, and one entry in
FIELD_TYPES below; tests/test_field_types.py adds one that way.
"""

from __future__ import annotations

from generators.spec.types.base import INVALID, FieldType, SchemaError, SettingError, shown
from generators.spec.types.boolean import BooleanType
from generators.spec.types.date import DateType
from generators.spec.types.groups import DictType, ListType
from generators.spec.types.numbers import DecimalType, IntegerType, NumberType
from generators.spec.types.text import StringType

__all__ = ["FIELD_TYPES", "INVALID", "FieldType", "SchemaError", "SettingError", "shown"]

# The one place a type is registered: its name in the schemas → the type.
FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        StringType(),
        IntegerType(),
        DecimalType(),
        NumberType(),
        BooleanType(),
        DateType(),
        DictType(),
        ListType(),
    )
}


def field_type(name: str) -> FieldType:
    return FIELD_TYPES[name]
