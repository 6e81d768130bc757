"""`type: dict`, a group of named fields, and `type: list`, items alike; each has a `schema:`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from generators.spec.types.base import FieldType, SchemaError, SettingError

LIST_SEPARATOR = "、"  # between the items of a list written in one cell


def _deeper(path: str, step: str) -> str:
    """`new --set` given a whole group: it names a field inside instead."""
    return f"「{path}」下面还有字段，请写到具体字段，例如 --set {path}{step}.…=值"


def _required(spec, value_of) -> dict:
    """A dict's required fields, each with the value value_of(field, name) gives."""
    return {name: value_of(sub, name) for name, sub in spec.fields.items() if sub.required}


class DictType(FieldType):
    name = "dict"
    words = "“字段: 值”形式的一组字段（下一行缩进两格书写）"
    python = (Mapping,)
    group = True

    def parse_inner(self, inner, where, parse):
        if not isinstance(inner, dict):
            raise SchemaError(f"{where}: a dict needs `schema:` with its fields")
        return {name: parse(name, sub, f"{where}.{name}") for name, sub in inner.items()}, None

    def typed_inside(self, spec, value, path, visit):
        if isinstance(value, dict):
            fields = spec.fields
            return {key: visit(fields.get(key), item, path + (key,)) for key, item in value.items()}
        return value

    def fast_inner_check(self, spec, compile_field):
        checks = {key: compile_field(sub) for key, sub in spec.fields.items()}
        required = frozenset(key for key, sub in spec.fields.items() if sub.required)

        def check(value) -> bool:
            if not isinstance(value, Mapping):
                return True  # the type's check says no
            if not required.issubset(value.keys()):
                return False
            for key, item in value.items():
                field_check = checks.get(key)
                if field_check is None or not field_check(item):
                    return False  # unknown fields are errors
            return True

        return check

    def json_schema(self, spec, schema_of):
        out: dict = {
            "type": "object",
            "properties": {name: schema_of(sub) for name, sub in spec.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, sub in spec.fields.items() if sub.required]
        if required:
            out["required"] = required
        return out

    def own_widget(self, spec, form, optional):
        return {"widget": "object", "collapsed": False, "fields": form.fields(spec, optional)}

    def list_items(self, spec, form, label):
        out: dict = {"fields": form.fields(spec, False)}
        first = next(iter(spec.fields.values()), None)
        if first is not None and first.kind.in_summary:
            out["summary"] = f"{{{{fields.{first.key}}}}}"
        return out

    def skeleton(self, spec, today, start):
        return _required(spec, lambda sub, name: start(sub))

    def from_setting(self, spec, text, path):
        raise SettingError(_deeper(path, ""))

    def no_part(self, spec, here, tried):
        return f"没有字段「{tried}」。这里可以填：{'、'.join(spec.fields)}"

    def example(self, spec, name, sample):
        return _required(spec, sample.value)

    def place(self, spec, path, table):
        """Its fields, each where its type puts it (columns side by side)."""
        for key, sub in spec.fields.items():
            table.place(sub, path + (key,))


class ListType(FieldType):
    name = "list"
    words = "列表（每项单独一行，以“- ”开头）"
    python = (Sequence,)
    not_python = (str,)
    group = True
    counts_items = True
    in_summary = False

    def parse_inner(self, inner, where, parse):
        if not isinstance(inner, dict):
            raise SchemaError(f"{where}: a list needs `schema:` with the rules of its items")
        return {}, parse(None, inner, f"{where}[]")

    def typed_inside(self, spec, value, path, visit):
        if isinstance(value, list) and spec.item is not None:
            return [visit(spec.item, item, path + (i,)) for i, item in enumerate(value)]
        return value

    def fast_inner_check(self, spec, compile_field):
        if spec.item is None:
            return None
        item_check = compile_field(spec.item)
        return lambda v: (
            isinstance(v, str) or not isinstance(v, Iterable) or all(item_check(i) for i in v)
        )

    def json_schema(self, spec, schema_of):
        out: dict = {"type": "array"}
        if spec.item is not None:
            out["items"] = schema_of(spec.item)
        if spec.minlength is not None:
            out["minItems"] = spec.minlength
        if spec.maxlength is not None:
            out["maxItems"] = spec.maxlength
        return out

    def widget(self, spec, form, optional):
        """Items picked from a list (records, allowed texts) are one multiple choice."""
        item = spec.item
        picked = item.kind.picker(item, form, True) if item is not None else None
        if picked is None:
            return super().widget(spec, form, optional)
        if spec.minlength:
            picked["min"] = spec.minlength
        return picked

    def own_widget(self, spec, form, optional):
        # An empty list to start with: Decap would otherwise start a list whose items have a
        # default (是否完成) with one item, which the form then requires to be filled in.
        out: dict = {"widget": "list", "allow_add": True, "default": []}
        if spec.item is not None:
            out.update(spec.item.kind.list_items(spec.item, form, spec.label))
        if spec.minlength:
            out["min"] = spec.minlength
        return out

    def skeleton(self, spec, today, start):
        return [start(spec.item) for _ in range(spec.minlength or 0)] if spec.item else []

    def minimum_note(self, spec):
        return f"，至少 {spec.minlength} 项" if spec.minlength else ""

    def from_setting(self, spec, text, path):
        """Items of text separated by commas; items that are groups are named one by one."""
        if spec.item is None or spec.item.kind.group:
            raise SettingError(_deeper(path, "[0]"))
        return [item.strip() for item in re.split("[,，]", text) if item.strip()]

    def no_part(self, spec, here, tried):
        return f"「{here}」是列表，要写第几项，例如 [0]"

    def example(self, spec, name, sample):
        return [sample.value(spec.item, name)] if spec.item is not None else []

    def place(self, spec, path, table):
        """Items that are groups: a table of their own, a row per item; single values: one cell,
        separated by 、 (牵头单位 zhen-dangjianban、xikou)."""
        if spec.item is not None and spec.item.kind.group:
            table.sheet(spec, path)
        else:
            table.column(spec, path)

    def cell_text(self, spec, value):
        item = spec.item
        return LIST_SEPARATOR.join(item.kind.cell_text(item, v) for v in value)

    def json_value(self, spec, value):
        item = spec.item
        return [item.kind.json_value(item, v) for v in value]

    def choices(self, spec):
        return None  # several values in one cell: no drop-down

    def from_cell(self, spec, value):
        """The items of one cell: separated by 、 or on lines of their own."""
        if not isinstance(value, str):
            text, trouble = spec.item.kind.from_cell(spec.item, value)
            return ([text] if text is not None else None), trouble
        return [part.strip() for part in re.split("[、\n]", value) if part.strip()], None
