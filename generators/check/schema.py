"""Per-record validation against the field tree of its type, with Cerberus as the reference.

Two steps. First the text of each scalar is read as the type its field
declares (its class in spec/types/ reads it), with a precise problem when it
cannot be; YAML's own guessing never takes part. Then the rules are checked:
a compiled verdict (fastcheck.py) for the usual valid record, Cerberus when
something is wrong, its errors turned into problems. Cerberus' traps are
closed here: unknown fields are errors, booleans are not integers, regexes
must match the whole value.
"""

from __future__ import annotations

import difflib
import functools
import re
import weakref
from dataclasses import dataclass

import cerberus
from cerberus import errors as cerr

from generators.check.fastcheck import compile_schema
from generators.check.loader import LoadedFile, Mark
from generators.spec.fields import Field, RecordSchema, dotted
from generators.spec.problems import Problem, problem
from generators.spec.types import FIELD_TYPES, INVALID, FieldType, shown

# ---------------------------------------------------------------------------
# Cerberus with our field types and rules


class RecordValidator(cerberus.Validator):
    """Cerberus with our rules; `validator_class` gives it the types of spec/types/."""

    def _validate_regex(self, pattern, field, value):
        """{'type': 'string'}"""
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            self._error(field, cerr.REGEX_MISMATCH)

    def _validate_label(self, label, field, value):
        """{'type': 'string'}"""

    def _validate_hint(self, hint, field, value):
        """{'type': 'string'}"""

    def _validate_ref(self, kind, field, value):
        """{'type': 'string'}"""

    def _validate_public_phone(self, flag, field, value):
        """{'type': 'boolean'}"""

    def _validate_public_address(self, flag, field, value):
        """{'type': 'boolean'}"""

    def _validate_masked(self, flag, field, value):
        """{'type': 'boolean'}"""


@functools.cache
def _validator_class(field_types: tuple[FieldType, ...]) -> type[RecordValidator]:
    class TypedValidator(RecordValidator):
        types_mapping = {
            **cerberus.Validator.types_mapping,
            **{t.name: t.cerberus_type() for t in field_types},
        }

    return TypedValidator


def validator_class() -> type[RecordValidator]:
    """RecordValidator checking the field types registered now (made once for a set of types)."""
    return _validator_class(tuple(FIELD_TYPES.values()))


_VALIDATORS: weakref.WeakKeyDictionary[RecordSchema, RecordValidator] = weakref.WeakKeyDictionary()
_FAST_CHECKS: weakref.WeakKeyDictionary[RecordSchema, object] = weakref.WeakKeyDictionary()


def validator(schema: RecordSchema) -> RecordValidator:
    """Cerberus for a schema, the reference: run when the fast verdict says no (made once)."""
    if schema not in _VALIDATORS:
        _VALIDATORS[schema] = validator_class()(schema.cerberus())
    return _VALIDATORS[schema]


def fast_check(schema: RecordSchema):
    """Cerberus' verdict without its cost (fastcheck.py), compiled once a schema."""
    if schema not in _FAST_CHECKS:
        _FAST_CHECKS[schema] = compile_schema(schema.root)
    return _FAST_CHECKS[schema]


# ---------------------------------------------------------------------------
# step 1: scalar text → declared type (each field type's `convert`)


@dataclass
class _Conversion:
    schema: RecordSchema
    loaded: LoadedFile
    problems: list
    reported: set

    def report(self, path: tuple, code: str, params: dict) -> None:
        at = self.loaded.values.get(path) or self.loaded.mark(path)
        self.problems.append(
            problem(
                code,
                self.loaded.path,
                at.line,
                at.col,
                field=dotted(path),
                label=self.schema.label_of(path),
                **params,
            )
        )
        self.reported.add(path)

    def value(self, spec: Field | None, value, path: tuple):
        if spec is None or value is None:
            return value
        if isinstance(value, str):
            converted, trouble = spec.kind.convert(value)
            if trouble:
                self.report(path, *trouble)
            return converted
        return spec.kind.typed_inside(spec, value, path, self.value)


# ---------------------------------------------------------------------------
# step 2: Cerberus, its errors turned into problems


def _flatten(errors):
    for error in errors:
        if error.is_group_error:
            yield from _flatten(error.child_errors)
        else:
            yield error


def _choices(values) -> str:
    return "、".join(str(v) for v in values)


def _suggest(key: str, siblings: dict[str, Field], present) -> str | None:
    """The field staff most likely meant: same letters in another case, its Chinese
    label, or a close spelling (fields the record still lacks first)."""
    known = list(siblings)
    for name in known:
        if name.lower() == key.lower():
            return name
    labels = {f.label: name for name, f in siblings.items() if f.label}
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.5)
    if close:
        return labels[close[0]]
    absent = [name for name in known if name not in present]
    for pool in (absent, known):
        close = difflib.get_close_matches(key.lower(), pool, n=1, cutoff=0.6)
        if close:
            return close[0]
    return None


def _describe(error, schema: RecordSchema, loaded: LoadedFile) -> Problem:
    path = tuple(error.document_path)
    key = path[-1] if path else ""
    spec = schema.at(path)
    label = schema.label_of(path)
    at = loaded.values.get(path) or loaded.mark(path)
    code = "schema.invalid"
    params: dict[str, object] = {"rule": str(error.rule)}
    if error.code == cerr.UNKNOWN_FIELD.code:
        siblings = dict((schema.at(path[:-1]) or schema.root).fields)
        present = _value_at(loaded.data, path[:-1])
        close = _suggest(str(key), siblings, present if isinstance(present, dict) else {})
        code, at, label = "schema.unknown-field", loaded.keys.get(path, at), shown(key)
        params = {"key": shown(key), "suggestion": close or "", "choices": _choices(siblings)}
    elif error.code == cerr.REQUIRED_FIELD.code:
        code = "schema.required"
        at = loaded.keys.get(path[:-1]) or loaded.mark(path[:-1]) if path[:-1] else Mark(1, 1)
        params = {"key": str(key), "name": spec.label if spec and spec.label else str(key)}
    elif error.code in (cerr.NOT_NULLABLE.code, cerr.EMPTY_NOT_ALLOWED.code):
        code, params = "schema.empty", {"name": spec.label if spec and spec.label else "内容"}
    elif error.code == cerr.BAD_TYPE.code:
        code, params = (
            "schema.type",
            {"expected": _words(error.constraint)},
        )
    elif error.code == cerr.REGEX_MISMATCH.code:
        value = error.value
        code, params = (
            "schema.pattern",
            {
                "value": shown(value),
                "hint": (spec.hint if spec else "") or f"应符合格式 {error.constraint}",
            },
        )
        if (
            isinstance(value, str)
            and value.endswith("\n")
            and re.fullmatch(error.constraint, value.rstrip("\n"))
        ):
            code = "schema.pattern-newline"
        elif isinstance(value, str) and value.strip() != value:
            code = "schema.pattern-spaces"
    elif error.code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        code = "schema.range"
        params = {
            "value": shown(error.value),
            "limit": str(error.constraint),
            "bound": "小于" if error.code == cerr.MIN_VALUE.code else "大于",
        }
    elif error.code in (cerr.UNALLOWED_VALUE.code, cerr.UNALLOWED_VALUES.code):
        code, params = (
            "schema.allowed",
            {"value": shown(error.value), "choices": _choices(error.constraint)},
        )
    elif error.code in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        code = "schema.length"
        params = {
            "limit": int(error.constraint),
            "bound": "至少" if error.code == cerr.MIN_LENGTH.code else "最多",
            "items": spec is not None and spec.kind.counts_items,
        }
    return problem(code, loaded.path, at.line, at.col, field=dotted(path), label=label, **params)


def _words(type_name) -> str:
    """What staff are told a value of a type is."""
    return FIELD_TYPES[type_name].words if type_name in FIELD_TYPES else str(type_name)


def _value_at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate_document(
    schema: RecordSchema, loaded: LoadedFile
) -> tuple[dict | None, list[Problem]]:
    """Typed document (or None if it has errors) and the problems of one file."""
    conversion = _Conversion(schema, loaded, [], set())
    document = conversion.value(schema.root, loaded.data, ())
    if not conversion.problems and fast_check(schema)(document):
        return document, []
    cerberus_validator = validator(schema)
    cerberus_validator.validate(
        document, normalize=False
    )  # no defaults or coercion: normalizing is wasted time
    problems = conversion.problems
    for error in _flatten(cerberus_validator._errors):
        path = tuple(error.document_path)
        if any(path[: i + 1] in conversion.reported for i in range(len(path))):
            continue
        if error.code == cerr.BAD_TYPE.code and error.value is INVALID:
            continue
        problems.append(_describe(error, schema, loaded))
    return (None if problems else document), problems


def typed_document(schema: RecordSchema, data) -> dict | None:
    """The typed document of data that passed its schema before, or None if it does not pass now."""
    conversion = _Conversion(schema, LoadedFile("", data), [], set())
    document = conversion.value(schema.root, data, ())
    if conversion.problems or not isinstance(document, dict):
        return None
    return document if fast_check(schema)(document) else None
