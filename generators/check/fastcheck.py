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
from collections.abc import Iterable, Sized

from generators.spec.fields import Field
from generators.spec.types.base import Check


def compile_schema(root: Field) -> Check:
    """A function telling whether a whole document is valid."""
    return field_check(root)


def field_check(spec: Field) -> Check:
    """The verdict on one field's value: its type (the type's own check, Cerberus' TypeDefinition),
    the rules of the schema, and what its type holds inside (a dict's fields, a list's items)."""
    parts: list[Check] = [spec.kind.fast_type_check()]
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
        # The type's check comes first in `parts`: only numbers and dates are compared.
        parts.append(lambda v: not (v < low))  # type: ignore[operator]
    if spec.max is not None:
        high = spec.max
        parts.append(lambda v: not (v > high))  # type: ignore[operator]
    if spec.minlength is not None:
        shortest = spec.minlength
        parts.append(lambda v: not isinstance(v, Sized) or len(v) >= shortest)
    if spec.maxlength is not None:
        longest = spec.maxlength
        parts.append(lambda v: not isinstance(v, Sized) or len(v) <= longest)
    if spec.regex is not None:
        pattern = re.compile(spec.regex)
        parts.append(lambda v: not isinstance(v, str) or pattern.fullmatch(v) is not None)
    inner = spec.kind.fast_inner_check(spec, field_check)
    if inner is not None:
        parts.append(inner)

    def check(value: object) -> bool:
        if value is None:
            return False  # Cerberus: null value not allowed
        return all(part(value) for part in parts)

    return check
