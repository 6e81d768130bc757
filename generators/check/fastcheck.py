"""A fast yes/no on a typed document: does it satisfy its schema's Cerberus rules?

Cerberus stays the reference. Most records are valid, and for them Cerberus'
answer is only "no errors" — at a few milliseconds a record, the slowest step
of a county-sized build. This module compiles a record type's field tree into
plain functions that give the same verdict in a fraction of the time; when
the verdict is "no", Cerberus runs and its errors become the messages.

tests/test_fastcheck.py holds the verdict equal to Cerberus' on mutated records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sized

from generators.spec.fields import Field

Check = Callable[[object], bool]


def compile_schema(root: Field, types_mapping: dict) -> Check:
    """A function telling whether a whole document is valid; `types_mapping` is the validator's."""
    return _mapping_check(root.fields, types_mapping)


def _mapping_check(fields: Mapping[str, Field], types_mapping: dict) -> Check:
    checks = {key: _field_check(spec, types_mapping) for key, spec in fields.items()}
    required = frozenset(key for key, spec in fields.items() if spec.required)

    def check(value) -> bool:
        if not isinstance(value, Mapping):
            return False
        if not required.issubset(value.keys()):
            return False
        for key, item in value.items():
            field_check = checks.get(key)
            if field_check is None or not field_check(item):
                return False  # unknown fields are errors
        return True

    return check


def _type_check(name: str, types_mapping: dict) -> Check:
    definition = types_mapping[name]
    included, excluded = tuple(definition.included_types), tuple(definition.excluded_types)

    def check(value) -> bool:
        return isinstance(value, included) and not isinstance(value, excluded)

    return check


def _field_check(spec: Field, types_mapping: dict) -> Check:
    parts: list[Check] = [_type_check(spec.type, types_mapping)]
    if spec.allowed is not None:
        allowed = spec.allowed
        parts.append(
            lambda v: (
                all(i in allowed for i in v)
                if isinstance(v, Iterable) and not isinstance(v, str)
                else v in allowed
            )
        )
    if spec.min is not None:
        low = spec.min
        parts.append(lambda v: not (v < low))
    if spec.max is not None:
        high = spec.max
        parts.append(lambda v: not (v > high))
    if spec.minlength is not None:
        shortest = spec.minlength
        parts.append(lambda v: not isinstance(v, Sized) or len(v) >= shortest)
    if spec.maxlength is not None:
        longest = spec.maxlength
        parts.append(lambda v: not isinstance(v, Sized) or len(v) <= longest)
    if spec.regex is not None:
        pattern = re.compile(spec.regex)
        parts.append(lambda v: not isinstance(v, str) or pattern.fullmatch(v) is not None)
    if spec.type == "dict":
        mapping = _mapping_check(spec.fields, types_mapping)
        parts.append(lambda v: not isinstance(v, Mapping) or mapping(v))
    elif spec.type == "list" and spec.item is not None:
        item = _field_check(spec.item, types_mapping)
        parts.append(
            lambda v: isinstance(v, str) or not isinstance(v, Iterable) or all(item(i) for i in v)
        )

    def check(value) -> bool:
        if value is None:
            return False  # Cerberus: null value not allowed
        return all(part(value) for part in parts)

    return check
