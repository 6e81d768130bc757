"""Per-record validation: schema rules kept as YAML in schemas/, run by Cerberus.

Two steps. First the text of each scalar is read as the type its field
declares (`integer`, `decimal`, `date`, …), with a precise message when it
cannot be; YAML's own guessing never takes part. Then Cerberus checks the
structure and the rules. Cerberus' traps are closed here: unknown fields are
errors, booleans are not integers, regexes must match the whole value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import cerberus
import yaml
from cerberus import errors as cerr

from .fastcheck import compile_schema
from .loader import LoadedFile, Mark
from .problems import Problem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

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


TYPE_NAMES = {
    "string": "文字", "integer": "整数", "decimal": "金额（元，最多两位小数）", "number": "数字",
    "boolean": "true 或 false", "date": "日期（例如 2025-03-01）",
    "dict": "“字段: 值”形式的一组字段（下一行缩进两格书写）",
    "list": "列表（每项单独一行，以“- ”开头）",
}


@dataclass(frozen=True)
class Schema:
    """One record type's rules, read from schemas/<name>.yaml."""

    name: str
    label: str
    fields: dict

    @classmethod
    def load(cls, name: str, directory: Path = SCHEMA_DIR) -> "Schema":
        with open(directory / f"{name}.yaml", encoding="utf-8") as f:
            raw = yaml.safe_load(f)
        return cls(name, raw["label"], raw["fields"])

    @cached_property
    def validator(self) -> RecordValidator:
        return RecordValidator(self.fields)

    @cached_property
    def fast_check(self):
        """Cerberus' verdict without its cost, or None when the rules need Cerberus itself."""
        return compile_schema(self.fields, RecordValidator.types_mapping)


def rules_at(fields: dict, path: tuple) -> dict | None:
    """The rules of the field at a document path, or None if the schema has no such field."""
    rules: dict | None = {"type": "dict", "schema": fields}
    for part in path:
        if rules is None:
            return None
        inner = rules.get("schema")
        if isinstance(part, int):
            rules = inner if rules.get("type") == "list" else None
        else:
            rules = inner.get(part) if isinstance(inner, dict) and rules.get("type") == "dict" else None
    return rules


def label_of(fields: dict, path: tuple) -> str:
    """Chinese label of a path, e.g. 「更新记录 第2项 › 进度」."""
    parts = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            parts.append(f"第{part + 1}项")
            continue
        rules = rules_at(fields, path[: i + 1])
        parts.append((rules or {}).get("label", part) if rules else part)
    text = ""
    for part in parts:
        if part.startswith("第") and part.endswith("项") and text:
            text += f" {part}"
        else:
            text += f" › {part}" if text else part
    return text


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------------------
# step 1: scalar text → declared type

_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
MAX_DIGITS = 15  # before the decimal point; more is a typing slip, and int() refuses 4300+
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FULLWIDTH_DIGITS = re.compile("[０-９．，－]")
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "是", "否", "True", "False", "TRUE", "FALSE"}


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


def _number_hint(text: str, what: str) -> tuple[str, str]:
    typed = shown(text)
    if _FULLWIDTH_DIGITS.search(text):
        return f"「{typed}」里有全角数字或符号", "请切换到半角（英文）输入法重新输入数字"
    if text.strip() != text:
        return f"「{typed}」前后有多余的空格", "删掉多余的空格"
    if re.fullmatch(r"[+-]?0[0-9]+", text) and not _too_many_digits(text):
        return f"「{typed}」以 0 开头", f"去掉开头的 0，写成 {int(text)}"
    if "," in text or "，" in text:
        return f"「{typed}」里有千位分隔逗号", "去掉逗号，例如 12345.67"
    if text.lower() in {"true", "false"} | _BOOL_WORDS:
        return f"这里应填{what}，却写了「{typed}」", f"填写{what}"
    return f"「{typed}」不是{what}", f"填写{what}"


def _too_large(text: str) -> tuple[str, str]:
    return (f"「{shown(text)}」位数太多（整数部分超过 {MAX_DIGITS} 位）",
            "检查是否多打了数字，或把几个数连在了一起")


def convert_scalar(kind: str, text: str) -> tuple[object, tuple[str, str] | None]:
    """Reads a scalar's text as its declared type; returns (value, (what, fix) or None)."""
    if kind == "string":
        if not text.strip():
            return INVALID, ("只有空白，没有内容", "填写内容，或删除这一行")
        return text, None
    if kind in ("integer", "decimal", "number") and re.fullmatch(r"[+-]?[0-9]+(\.[0-9]*)?", text) \
            and _too_many_digits(text):
        return INVALID, _too_large(text)
    if kind == "integer":
        if _INT.fullmatch(text):
            return int(text), None
        if re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
            return INVALID, (f"「{shown(text)}」有小数，这里只能填整数", "改成整数（不带小数点），按实际数目填写")
        return INVALID, _number_hint(text, "整数")
    if kind == "decimal":
        if _DECIMAL.fullmatch(text):
            return Decimal(text), None
        if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", text):
            return INVALID, (f"金额「{shown(text)}」超过两位小数", "金额精确到分，最多两位小数")
        return INVALID, _number_hint(text, "金额（元）")
    if kind == "number":
        if _NUMBER.fullmatch(text):
            return Decimal(text), None
        return INVALID, _number_hint(text, "数字")
    if kind == "boolean":
        if text in ("true", "false"):
            return text == "true", None
        return INVALID, (f"「{text}」不是 true 或 false", "只能写 true（是）或 false（否）")
    if kind == "date":
        return convert_date(text)
    return text, None


def convert_date(text: str) -> tuple[object, tuple[str, str] | None]:
    m = _DATE.fullmatch(text)
    if not m:
        loose = re.fullmatch(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?", text)
        if loose:
            y, mo, d = (int(g) for g in loose.groups())
            return INVALID, (f"日期「{shown(text)}」的写法不对", f"写成 {y:04d}-{mo:02d}-{d:02d}")
        return INVALID, (f"「{shown(text)}」不是日期", "日期写成 年-月-日，例如 2025-03-01")
    try:
        return dt.date(*(int(g) for g in m.groups())), None
    except ValueError:
        return INVALID, (f"日期「{text}」不存在（没有这一天）", "检查月份和日期，例如 2 月没有 30 日")


@dataclass
class _Conversion:
    fields: dict
    loaded: LoadedFile
    problems: list
    reported: set

    def report(self, path: tuple, what: str, fix: str, code: str = "schema.type") -> None:
        at = self.loaded.values.get(path) or self.loaded.mark(path)
        self.problems.append(Problem(code, self.loaded.path, at.line, at.col, what, fix,
                                     field=dotted(path), label=label_of(self.fields, path)))
        self.reported.add(path)

    def value(self, rules: dict | None, value, path: tuple):
        if rules is None or value is None:
            return value
        kind = rules.get("type")
        if isinstance(value, str):
            if kind in ("dict", "list"):
                return value  # Cerberus reports the wrong shape
            converted, trouble = convert_scalar(kind, value)
            if trouble:
                code = "schema.blank" if kind == "string" else "schema.type"
                self.report(path, *trouble, code=code)
            return converted
        inner = rules.get("schema")
        if isinstance(value, dict) and kind == "dict" and isinstance(inner, dict):
            return {k: self.value(inner.get(k), v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list) and kind == "list" and isinstance(inner, dict):
            return [self.value(inner, v, path + (i,)) for i, v in enumerate(value)]
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


def _suggest(key: str, siblings: dict, present) -> str | None:
    """The field staff most likely meant: same letters in another case, its Chinese
    label, or a close spelling (fields the record still lacks first)."""
    known = list(siblings)
    for name in known:
        if name.lower() == key.lower():
            return name
    labels = {str(rules.get("label")): name for name, rules in siblings.items()
              if isinstance(rules, dict) and rules.get("label")}
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.5)
    if close:
        return labels[close[0]]
    absent = [name for name in known if name not in present]
    for pool in (absent, known):
        close = difflib.get_close_matches(key.lower(), pool, n=1, cutoff=0.6)
        if close:
            return close[0]
    return None


def _describe(error, schema: Schema, loaded: LoadedFile) -> Problem | None:
    path = tuple(error.document_path)
    key = path[-1] if path else ""
    rules = rules_at(schema.fields, path) or {}
    label = label_of(schema.fields, path)
    at = loaded.values.get(path) or loaded.mark(path)
    code, what, fix = "schema.invalid", f"不符合规则（{error.rule}）", "对照记录模板修改"
    if error.code == cerr.UNKNOWN_FIELD.code:
        parent = rules_at(schema.fields, path[:-1]) or {}
        siblings = parent.get("schema") or {}
        present = _value_at(loaded.data, path[:-1])
        close = _suggest(str(key), siblings, present if isinstance(present, dict) else {})
        code, at = "schema.unknown-field", loaded.keys.get(path, at)
        what = f"没有名为 {shown(key)} 的字段，这一行的内容不会被采用"
        fix = (f"是不是想写 {close}？请改正字段名" if close
               else f"删除这一行，或改成以下字段之一：{_choices(siblings)}")
        label = shown(key)
    elif error.code == cerr.REQUIRED_FIELD.code:
        code = "schema.required"
        at = loaded.keys.get(path[:-1]) or loaded.mark(path[:-1]) if path[:-1] else Mark(1, 1)
        what = f"缺少必填字段 {key}（{rules.get('label', key)}）"
        fix = f"添加一行 {key}: 并填写{rules.get('label', '内容')}"
    elif error.code in (cerr.NOT_NULLABLE.code, cerr.EMPTY_NOT_ALLOWED.code):
        code, what, fix = "schema.empty", "没有填写内容", f"填写{rules.get('label', '内容')}，或删除这一行"
    elif error.code == cerr.BAD_TYPE.code:
        expected = TYPE_NAMES.get(error.constraint, error.constraint)
        code, what, fix = "schema.type", f"应为{expected}", f"按模板写成{expected}"
    elif error.code == cerr.REGEX_MISMATCH.code:
        hint = rules.get("hint") or f"应符合格式 {error.constraint}"
        code, what, fix = "schema.pattern", f"「{shown(error.value)}」的格式不对", hint
        if isinstance(error.value, str) and error.value.endswith("\n") and \
                re.fullmatch(error.constraint, error.value.rstrip("\n")):
            what = f"「{shown(error.value)}」末尾多了换行（| 或 > 多行写法会在末尾加上换行）"
            fix = "把值直接写在冒号后面，不要用 | 或 >"
        elif isinstance(error.value, str) and error.value.strip() != error.value:
            what = f"「{shown(error.value)}」前后有多余的空白"
            fix = f"删掉多余的空白；{hint}"
    elif error.code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        bound = "小于" if error.code == cerr.MIN_VALUE.code else "大于"
        code = "schema.range"
        what, fix = f"「{shown(error.value)}」不能{bound} {error.constraint}", "检查数值是否填写正确"
    elif error.code in (cerr.UNALLOWED_VALUE.code, cerr.UNALLOWED_VALUES.code):
        code = "schema.allowed"
        what = f"「{shown(error.value)}」不是可选的值"
        fix = f"只能填写：{_choices(error.constraint)}"
    elif error.code in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        code = "schema.length"
        size = "至少" if error.code == cerr.MIN_LENGTH.code else "最多"
        what, fix = f"长度或项数不对（{size} {error.constraint}）", "检查内容是否完整"
    elif error.code == cerr.EXCLUDES_FIELD.code:
        code, what, fix = "schema.excludes", "与其他字段不能同时填写", "只保留其中一个字段"
    elif error.code in (cerr.DEPENDENCIES_FIELD.code, cerr.DEPENDENCIES_FIELD_VALUE.code):
        code, what, fix = "schema.dependencies", "需要同时填写相关字段", f"补充字段 {error.constraint}"
    return Problem(code, loaded.path, at.line, at.col, what, fix,
                   field=dotted(path), label=label)


def _value_at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def typed_document(schema: Schema, data) -> dict | None:
    """The typed document of data that passed its schema before, or None if it does not pass now."""
    conversion = _Conversion(schema.fields, LoadedFile("", data), [], set())
    document = conversion.value({"type": "dict", "schema": schema.fields}, data, ())
    if conversion.problems or not isinstance(document, dict):
        return None
    if schema.fast_check is not None:
        return document if schema.fast_check(document) else None
    return document if schema.validator.validate(document, normalize=False) else None


def validate_document(schema: Schema, loaded: LoadedFile) -> tuple[dict | None, list[Problem]]:
    """Typed document (or None if it has errors) and the problems of one file."""
    conversion = _Conversion(schema.fields, loaded, [], set())
    document = conversion.value({"type": "dict", "schema": schema.fields}, loaded.data, ())
    if not conversion.problems and schema.fast_check is not None and schema.fast_check(document):
        return document, []
    validator = schema.validator
    validator.validate(document, normalize=False)  # no defaults or coercion: normalizing is wasted time
    problems = conversion.problems
    for error in _flatten(validator._errors):
        path = tuple(error.document_path)
        if any(path[: i + 1] in conversion.reported for i in range(len(path))):
            continue
        if error.code == cerr.BAD_TYPE.code and error.value is INVALID:
            continue
        problem = _describe(error, schema, loaded)
        if problem:
            problems.append(problem)
    return (None if problems else document), problems
