"""`type: boolean`: true or false, and no other word (not yes, 是 or 1)."""

from __future__ import annotations

from generators.spec.types.base import INVALID, FieldType, shown


class BooleanType(FieldType):
    name = "boolean"
    words = "true 或 false"
    python = (bool,)

    def convert(self, text):
        if text in ("true", "false"):
            return text == "true", None
        return INVALID, ("value.not-boolean", {"value": shown(text)})

    def json_schema(self, spec, schema_of):
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]}

    def own_widget(self, spec, form, optional):
        return {"widget": "boolean", "default": False}

    table_type = "boolean"
    cell_format = "General"

    def cell(self, spec, value):
        return value

    def cell_text(self, spec, value):
        return "true" if value else "false"

    def json_value(self, spec, value):
        return value

    def choices(self, spec):
        return ["true", "false"]

    def example(self, spec, name, sample):
        return sample.rng.choice(["true", "false"])
