"""Each schema in schemas/ parsed once into a tree of fields: the one place that reads its rules.

A field has its Chinese label, its type (a class of spec/types/, `field.kind`),
its rules, the kind of record it references and its privacy role. The
loader's typing, the Cerberus adapter, the fast verdict, the editors, the
privacy scan, the cross-record checks and the pages all read this tree; none
of them walks the rule dicts of the YAML file.

A document path is a tuple of keys and list indexes from the top of a
record, e.g. ("updates", 2, "note"); a field answers for any such path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import yaml

from generators.spec.types import FIELD_TYPES, FieldType, SchemaError
from generators.spec.types.groups import DictType

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

# The rules a schema may give a field, ours and Cerberus'.
OURS = frozenset({"label", "hint", "ref", "public_phone", "public_address", "masked"})
CHECKED = frozenset(
    {"type", "required", "allowed", "min", "max", "minlength", "maxlength", "regex", "schema"}
)


@dataclass(frozen=True)
class Field:
    """One field of a record type, or the items of a list (key None), or a whole record (key None)."""

    key: str | None
    type: str  # its name in the schema; `kind` is the type itself
    label: str = ""
    hint: str = ""
    required: bool = False
    ref: str | None = None  # the kind of record the value names, e.g. "village" or "unit"
    public_phone: bool = False  # a public office phone may stand here
    public_address: bool = False  # a public building's address stands here (a venue's)
    masked: bool = False  # a private person's name: published masked (张*), pages and downloads
    allowed: tuple | None = None
    min: object = None
    max: object = None
    minlength: int | None = None
    maxlength: int | None = None
    regex: str | None = None
    fields: Mapping[str, Field] = field(default_factory=lambda: MappingProxyType({}))  # of a dict
    item: Field | None = None  # of a list
    rules: Mapping = field(default_factory=lambda: MappingProxyType({}), repr=False, compare=False)

    @cached_property
    def kind(self) -> FieldType:
        """The field's type: how its values are read, checked, edited and made up."""
        return FIELD_TYPES[self.type]

    # -- reading the tree ------------------------------------------------------

    def child(self, part) -> Field | None:
        """The field one step down a document path: a key of a dict, an index of a list."""
        if isinstance(part, int):
            return self.item  # only a list has one
        return self.fields.get(part)  # only a dict has them

    def at(self, path) -> Field | None:
        """The field at a document path, or None where the schema has no such field."""
        current: Field | None = self
        for part in path:
            if current is None:
                return None
            current = current.child(part)
        return current

    def within(self, path) -> Iterator[Field]:
        """The fields along a document path, outermost first, as far as the schema has them."""
        current: Field | None = self
        for part in path:
            current = current.child(part) if current is not None else None
            if current is None:
                return
            yield current

    def label_of(self, path) -> str:
        """Chinese label of a document path, e.g. 「更新记录 第2项 › 进度」; unknown keys as typed."""
        text = ""
        current: Field | None = self
        for part in path:
            current = current.child(part) if current is not None else None
            if isinstance(part, int):
                text += f" 第{part + 1}项" if text else f"第{part + 1}项"
                continue
            name = current.label if current is not None and current.label else str(part)
            text += f" › {name}" if text else name
        return text

    def is_public_address(self, path) -> bool:
        """Whether the field at a path is meant for the address of a public building."""
        field = self.at(path)
        return field is not None and field.public_address

    def is_public_phone(self, path) -> bool:
        """Whether the field at a path, or a field holding it, is meant for a public office phone."""
        return any(f.public_phone for f in self.within(path))

    @cached_property
    def has_public_phone(self) -> bool:
        """Whether this field or any field inside it is meant for a public office phone."""
        return (
            self.public_phone
            or any(f.has_public_phone for f in self.fields.values())
            or (self.item is not None and self.item.has_public_phone)
        )

    @cached_property
    def has_ref(self) -> bool:
        """Whether this field or any field inside it names another record."""
        return (
            self.ref is not None
            or any(f.has_ref for f in self.fields.values())
            or (self.item is not None and self.item.has_ref)
        )

    def references(self, value, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
        """(path, kind, value) for every reference in a typed document under this field."""
        if not self.has_ref:
            return
        if self.ref is not None and isinstance(value, str):
            yield path, self.ref, value
        if isinstance(value, Mapping):
            for key, item in value.items():
                sub = self.fields.get(key)  # only a dict has them
                if sub is not None:
                    yield from sub.references(item, path + (key,))
        elif self.item is not None and isinstance(value, (list, tuple)):  # only a list has one
            for i, item in enumerate(value):
                yield from self.item.references(item, path + (i,))

    def walk(self, path: tuple = ()) -> Iterator[tuple[tuple, Field]]:
        """(schema path, field) for this field and every field under it; list items as the key "[]"."""
        yield path, self
        for key, sub in self.fields.items():
            yield from sub.walk(path + (key,))
        if self.item is not None:
            yield from self.item.walk(path + ("[]",))

    def cerberus(self) -> dict:
        """This field's rules as Cerberus reads them (the adapter in schema.py passes them on)."""
        return _exact_limits(dict(self.rules))


def _exact_limits(rules):
    """Limits written with decimals (min: 0.01) as the Decimal they say: YAML reads a float, a hair off."""
    if isinstance(rules, dict):
        return {
            key: (
                Decimal(repr(value))
                if key in ("min", "max") and isinstance(value, float)
                else _exact_limits(value)
            )
            for key, value in rules.items()
        }
    return rules


def dotted(path: tuple) -> str:
    """A document path as staff read it in messages: updates[2].note."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------------------
# parsing


def parse_field(key: str | None, rules, where: str) -> Field:
    if not isinstance(rules, dict):
        raise SchemaError(f"{where}: rules must be a mapping")
    unknown = set(rules) - OURS - CHECKED
    if unknown:
        raise SchemaError(f"{where}: unknown rules {sorted(unknown)}")
    kind = rules.get("type")
    if kind not in FIELD_TYPES:
        raise SchemaError(f"{where}: type must be one of {sorted(FIELD_TYPES)}, not {kind!r}")
    if "regex" in rules:
        re.compile(rules["regex"])
    fields, item = FIELD_TYPES[kind].parse_inner(rules.get("schema"), where, parse_field)
    return Field(
        key=key,
        type=kind,
        label=str(rules.get("label", "")),
        hint=str(rules.get("hint", "")),
        required=bool(rules.get("required", False)),
        ref=rules.get("ref"),
        public_phone=rules.get("public_phone") is True,
        public_address=rules.get("public_address") is True,
        masked=rules.get("masked") is True,
        allowed=tuple(rules["allowed"]) if "allowed" in rules else None,
        min=rules.get("min"),
        max=rules.get("max"),
        minlength=rules.get("minlength"),
        maxlength=rules.get("maxlength"),
        regex=rules.get("regex"),
        fields=MappingProxyType(fields),
        item=item,
        rules=MappingProxyType(dict(rules)),
    )


@dataclass(frozen=True, eq=False)
class RecordSchema:
    """A record type's schema: its Chinese name and the tree of its fields."""

    name: str
    label: str
    root: Field  # type dict, key None

    @property
    def fields(self) -> Mapping[str, Field]:
        return self.root.fields

    def at(self, path) -> Field | None:
        return self.root.at(path)

    def label_of(self, path) -> str:
        return self.root.label_of(path)

    def cerberus(self) -> dict:
        """The whole schema as Cerberus reads it: field name → rules."""
        return {name: sub.cerberus() for name, sub in self.root.fields.items()}


def load_schema(name: str, directory: Path = SCHEMA_DIR) -> RecordSchema:
    path = Path(directory) / f"{name}.yaml"
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict) or not raw.get("label"):
        raise SchemaError(f"{path}: a schema has `label:` and `fields:`")
    root = parse_field(None, {"type": DictType.name, "schema": raw["fields"]}, name)  # a record
    return RecordSchema(name, str(raw["label"]), root)
