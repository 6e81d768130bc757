"""A fast yes/no on a typed document: does it satisfy its schema's Cerberus rules?

Cerberus stays the reference. Most records are valid, and for them Cerberus'
answer is only "no errors" — at a few milliseconds a record, the slowest step
of a county-sized build. This module compiles the rules our schemas use into
plain functions that give the same verdict in a fraction of the time; when the
verdict is "no", Cerberus runs and its errors become the messages.

A schema using any rule not compiled here gets no fast check (always Cerberus).
tests/test_fastcheck.py holds the verdict equal to Cerberus' on mutated records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sized

Check = Callable[[object], bool]

IGNORED_RULES = {"label", "hint", "ref", "public_phone"}  # ours, never failing in Cerberus
COMPILED_RULES = {"type", "required", "allowed", "min", "max", "minlength", "maxlength", "regex", "schema"}


class Unsupported(Exception):
    """The schema uses a rule this module does not compile."""


def compile_schema(fields: dict, types_mapping: dict) -> Check | None:
    """A function telling whether a whole document is valid, or None if a rule is not supported."""
    try:
        return _mapping_check(fields, types_mapping)
    except Unsupported:
        return None


def _mapping_check(fields: dict, types_mapping: dict) -> Check:
    checks = {key: _rules_check(rules, types_mapping) for key, rules in fields.items()}
    required = frozenset(key for key, rules in fields.items() if rules.get("required"))

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


def _rules_check(rules: dict, types_mapping: dict) -> Check:
    unknown = set(rules) - COMPILED_RULES - IGNORED_RULES
    if unknown:
        raise Unsupported(unknown)
    parts: list[Check] = []
    if "type" in rules:
        if not isinstance(rules["type"], str):
            raise Unsupported("type lists")
        parts.append(_type_check(rules["type"], types_mapping))
    if "allowed" in rules:
        allowed = tuple(rules["allowed"])
        parts.append(lambda v: all(i in allowed for i in v)
                     if isinstance(v, Iterable) and not isinstance(v, str) else v in allowed)
    if "min" in rules:
        low = rules["min"]
        parts.append(lambda v: not (v < low))
    if "max" in rules:
        high = rules["max"]
        parts.append(lambda v: not (v > high))
    if "minlength" in rules:
        shortest = rules["minlength"]
        parts.append(lambda v: not isinstance(v, Sized) or len(v) >= shortest)
    if "maxlength" in rules:
        longest = rules["maxlength"]
        parts.append(lambda v: not isinstance(v, Sized) or len(v) <= longest)
    if "regex" in rules:
        pattern = re.compile(rules["regex"])
        parts.append(lambda v: not isinstance(v, str) or pattern.fullmatch(v) is not None)
    if "schema" in rules:
        parts.append(_inner_check(rules, types_mapping))

    def check(value) -> bool:
        if value is None:
            return False  # Cerberus: null value not allowed
        return all(part(value) for part in parts)

    return check


def _inner_check(rules: dict, types_mapping: dict) -> Check:
    inner = rules["schema"]
    if rules.get("type") == "dict":
        mapping = _mapping_check(inner, types_mapping)
        return lambda v: not isinstance(v, Mapping) or mapping(v)
    if rules.get("type") == "list":
        item = _rules_check(inner, types_mapping)
        return lambda v: isinstance(v, str) or not isinstance(v, Iterable) or all(item(i) for i in v)
    raise Unsupported("schema without a dict or list type")
