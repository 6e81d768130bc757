"""Per-record validation against the field tree of its type, with Cerberus as the reference.

Two steps. First the text of each scalar is read as the type its field
declares (`integer`, `decimal`, `date`, …), with a precise problem when it
cannot be; YAML's own guessing never takes part. Then the rules are checked:
a compiled verdict (fastcheck.py) for the usual valid record, Cerberus when
something is wrong, its errors turned into problems. Cerberus' traps are
closed here: unknown fields are errors, booleans are not integers, regexes
must match the whole value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import weakref
from dataclasses import dataclass
from decimal import Decimal

import cerberus
from cerberus import errors as cerr

from generators.check.fastcheck import compile_schema
from generators.check.loader import LoadedFile, Mark
from generators.spec.fields import Field, RecordSchema, dotted
from generators.spec.problems import Problem, problem

# ---------------------------------------------------------------------------
# Cerberus with our types and rules


class RecordValidator(cerberus.Validator):
    types_mapping = dict(cerberus.Validator.types_mapping)
    types_mapping["integer"] = cerberus.TypeDefinition("integer", (int,), (bool,))
    types_mapping["decimal"] = cerberus.TypeDefinition("decimal", (Decimal, int), (bool,))
    types_mapping["number"] = cerberus.TypeDefinition("number", (Decimal, int), (bool,))
    types_mapping["date"] = cerberus.TypeDefinition("date", (dt.date,), (dt.datetime,))

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


_VALIDATORS: weakref.WeakKeyDictionary[RecordSchema, RecordValidator] = (
    weakref.WeakKeyDictionary()
)
_FAST_CHECKS: weakref.WeakKeyDictionary[RecordSchema, object] = weakref.WeakKeyDictionary()


def validator(schema: RecordSchema) -> RecordValidator:
    """Cerberus for a schema, the reference: run when the fast verdict says no (made once a schema)."""
    if schema not in _VALIDATORS:
        _VALIDATORS[schema] = RecordValidator(schema.cerberus())
    return _VALIDATORS[schema]


def fast_check(schema: RecordSchema):
    """Cerberus' verdict without its cost (fastcheck.py), compiled once a schema."""
    if schema not in _FAST_CHECKS:
        _FAST_CHECKS[schema] = compile_schema(schema.root, RecordValidator.types_mapping)
    return _FAST_CHECKS[schema]


TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "decimal": "金额（元，最多两位小数）",
    "number": "数字",
    "boolean": "true 或 false",
    "date": "日期（例如 2025-03-01）",
    "dict": "“字段: 值”形式的一组字段（下一行缩进两格书写）",
    "list": "列表（每项单独一行，以“- ”开头）",
}
WHAT = {"integer": "整数", "decimal": "金额（元）", "number": "数字"}


# ---------------------------------------------------------------------------
# step 1: scalar text → declared type

_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
MAX_DIGITS = 15  # before the decimal point; more is a typing slip, and int() refuses 4300+
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FULLWIDTH_DIGITS = re.compile("[０-９．，－]")
_YES_NO = {"true", "false", "yes", "no", "on", "off", "y", "n", "是", "否"}


class _Invalid:
    """Stands for a value already reported; Cerberus sees it as a string-less object."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<invalid>"


INVALID = _Invalid()


def shown(value, limit: int = 40) -> str:
    """A typed value as quoted in a message: one line, and not the whole of a pasted text."""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[:limit] + "…"


def _too_many_digits(text: str) -> bool:
    return len(text.lstrip("+-").split(".")[0]) > MAX_DIGITS


def _number_trouble(text: str, kind: str) -> tuple[str, dict]:
    value = shown(text)
    if _FULLWIDTH_DIGITS.search(text):
        return "value.fullwidth", {"value": value}
    if text.strip() != text:
        return "value.spaces", {"value": value}
    if re.fullmatch(r"[+-]?0[0-9]+", text) and not _too_many_digits(text):
        return "value.leading-zero", {"value": value, "fixed": str(int(text))}
    if "," in text or "，" in text:
        return "value.thousands-separator", {"value": value}
    if text.lower() in _YES_NO:
        return "value.word-for-number", {"value": value, "what": WHAT[kind]}
    return "value.not-number", {"value": value, "what": WHAT[kind]}


def convert_scalar(kind: str, text: str) -> tuple[object, tuple[str, dict] | None]:
    """Reads a scalar's text as its declared type; returns (value, (code, params) or None)."""
    if kind == "string":
        if not text.strip():
            return INVALID, ("value.blank", {})
        return text, None
    if kind in WHAT and re.fullmatch(r"[+-]?[0-9]+(\.[0-9]*)?", text) and _too_many_digits(text):
        return INVALID, ("value.too-many-digits", {"value": shown(text), "limit": MAX_DIGITS})
    if kind == "integer":
        if _INT.fullmatch(text):
            return int(text), None
        if re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
            return INVALID, ("value.decimal-in-integer", {"value": shown(text)})
        return INVALID, _number_trouble(text, kind)
    if kind == "decimal":
        if _DECIMAL.fullmatch(text):
            return Decimal(text), None
        if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", text):
            return INVALID, ("value.too-many-decimals", {"value": shown(text)})
        return INVALID, _number_trouble(text, kind)
    if kind == "number":
        if _NUMBER.fullmatch(text):
            return Decimal(text), None
        return INVALID, _number_trouble(text, kind)
    if kind == "boolean":
        if text in ("true", "false"):
            return text == "true", None
        return INVALID, ("value.not-boolean", {"value": shown(text)})
    if kind == "date":
        return convert_date(text)
    return text, None


def convert_date(text: str) -> tuple[object, tuple[str, dict] | None]:
    m = _DATE.fullmatch(text)
    if not m:
        loose = re.fullmatch(
            r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?", text
        )
        if loose:
            y, mo, d = (int(g) for g in loose.groups())
            return INVALID, (
                "date.format",
                {"value": shown(text), "fixed": f"{y:04d}-{mo:02d}-{d:02d}"},
            )
        return INVALID, ("date.not-a-date", {"value": shown(text)})
    try:
        return dt.date(*(int(g) for g in m.groups())), None
    except ValueError:
        return INVALID, ("date.no-such-day", {"value": shown(text)})


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
            if spec.type in ("dict", "list"):
                return value  # Cerberus reports the wrong shape
            converted, trouble = convert_scalar(spec.type, value)
            if trouble:
                self.report(path, *trouble)
            return converted
        if isinstance(value, dict) and spec.type == "dict":
            return {k: self.value(spec.fields.get(k), v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list) and spec.type == "list" and spec.item is not None:
            return [self.value(spec.item, v, path + (i,)) for i, v in enumerate(value)]
        return value


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
    code, params = "schema.invalid", {"rule": str(error.rule)}
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
            {"expected": TYPE_NAMES.get(error.constraint, error.constraint)},
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
            "items": spec is not None and spec.type == "list",
        }
    return problem(code, loaded.path, at.line, at.col, field=dotted(path), label=label, **params)


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
