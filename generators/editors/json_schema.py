"""JSON Schema (draft 2020-12) of every record type, made from the field tree, for editors.

Staff editing a record in VS Code (yaml-language-server) see a mistake
underlined while they type; check-jsonschema applies the same files on the
command line. The validator stays the authority: these schemas say what one
file may hold, as far as JSON Schema can say it, never more than the loader
accepts.

How the loader's text typing maps to what a YAML 1.2 editor sees:

* Every scalar reaches the loader as text, quoted or not, so `amount: 12.50`
  and `amount: "12.50"` are the same amount. An editor sees a number in the
  first and a string in the second: numeric fields accept both, the string
  by the loader's own pattern.
* A date is `2025-03-31`; YAML 1.2 has no dates, so editors see a string.
* A text field takes any non-blank text, also one an editor reads as a number
  or `true` (`period: 2025`): such fields accept those too.
* A plain empty value, `~` or `null` is an error (Cerberus' fields are not
  nullable): null is never accepted.
* Unknown fields are errors at every level: `additionalProperties: false`.

What JSON Schema cannot see: the text of a number (`010`, `0.305`, `1e3` all
arrive as numbers), and every rule across records (references, sums, periods,
the township's catalogue of items), left to `python -m generators validate`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generators.check.schema import MAX_DIGITS
from generators.spec.fields import Field
from generators.spec.registry import REFERENCE_KINDS, RecordType, Registry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
JSON_DIR = Path("schemas") / "json"
SETTINGS = Path(".vscode") / "settings.json"
REFRESH = "python -m generators json-schema"

# The loader's texts (schema.py), as ECMA-262 patterns.
_DIGITS = f"(0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"
PATTERNS = {
    "integer": f"^[+-]?{_DIGITS}$",
    "decimal": f"^-?{_DIGITS}(\\.[0-9]{{1,2}})?$",
    "number": f"^-?{_DIGITS}(\\.[0-9]+)?$",
    # a day that exists, as the loader's date.no-such-day: 30 days hath September …, 29 February in leap years
    "date": "^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
    "-02-29)$",
}
LIMIT = 10**MAX_DIGITS  # a number with more digits before the point is a typing slip
KIND_WORDS = {"integer": "整数", "decimal": "金额（元，最多两位小数）", "number": "数字"}
# Texts an editor reads as a number or a boolean, to learn whether a text field's pattern takes such values.
_NUMBER_LIKE = ("0", "1", "7", "12", "2025", "20250101", "1.5", "0.5", "-1")
_BOOLEAN_LIKE = ("true", "false")


def _text(spec: Field) -> dict:
    out: dict = {}
    if spec.allowed is not None:
        out["enum"] = [str(value) for value in spec.allowed]
        return {"type": "string", **out}
    if spec.regex is not None:
        out["pattern"] = f"^(?:{spec.regex})$"
    else:
        out["pattern"] = "\\S"  # not blank
    if spec.minlength is not None:
        out["minLength"] = spec.minlength
    if spec.maxlength is not None:
        out["maxLength"] = spec.maxlength
    regex = re.compile(spec.regex) if spec.regex else None
    takes = lambda texts: regex is None or any(regex.fullmatch(t) for t in texts)  # noqa: E731
    others = [
        kind
        for kind, texts in (("number", _NUMBER_LIKE), ("boolean", _BOOLEAN_LIKE))
        if takes(texts)
    ]
    if not others:
        return {"type": "string", **out}
    return {
        "anyOf": [{"type": "string", **out}, {"type": others[0] if len(others) == 1 else others}]
    }


def _numeric(spec: Field) -> dict:
    number: dict = {"type": "integer" if spec.type == "integer" else "number"}
    # One bound a side: yaml-language-server ignores `maximum` beside a numeric `exclusiveMaximum`.
    for rule, key, limit in (("min", "minimum", -LIMIT), ("max", "maximum", LIMIT)):
        value = getattr(spec, rule)
        if value is not None:
            number[key] = value
        else:
            number["exclusive" + key.capitalize()] = limit
    return {"anyOf": [number, {"type": "string", "pattern": PATTERNS[spec.type]}]}


def field_schema(spec: Field) -> dict:
    """The JSON Schema of one field of the tree, with its Chinese label and hint."""
    if spec.type == "dict":
        out = {
            "type": "object",
            "properties": {name: field_schema(sub) for name, sub in spec.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, sub in spec.fields.items() if sub.required]
        if required:
            out["required"] = required
    elif spec.type == "list":
        out = {"type": "array"}
        if spec.item is not None:
            out["items"] = field_schema(spec.item)
        if spec.minlength is not None:
            out["minItems"] = spec.minlength
        if spec.maxlength is not None:
            out["maxItems"] = spec.maxlength
    elif spec.type == "string":
        out = _text(spec)
    elif spec.type in KIND_WORDS:
        out = _numeric(spec)
    elif spec.type == "boolean":
        out = {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]}
    elif spec.type == "date":
        out = {"type": "string", "format": "date", "pattern": PATTERNS["date"]}
    else:  # pragma: no cover - fields.TYPES is closed
        raise ValueError(spec.type)
    return {**_words(spec), **out}


def _words(spec: Field) -> dict:
    words = {"title": spec.label} if spec.label else {}
    note = field_note(spec)
    if note:
        words["description"] = note
    return words


def field_note(spec: Field) -> str:
    """What staff are told about a field beside its label: hint, what it names, how it is written, choices."""
    notes = [spec.hint] if spec.hint else []
    if spec.ref in REFERENCE_KINDS:
        notes.append(f"填写{REFERENCE_KINDS[spec.ref].label}的编号")
    if spec.type in KIND_WORDS and not spec.hint:
        notes.append(f"填写{KIND_WORDS[spec.type]}")
    if spec.type == "date":
        notes.append("日期写成 2025-03-31")
    if spec.allowed is not None:
        notes.append("可填：" + "、".join(str(v) for v in spec.allowed))
    return "；".join(notes)


def record_schema(record_type: RecordType) -> dict:
    """The whole JSON Schema of one record type's files."""
    root = field_schema(record_type.schema.root)
    description = (
        f"{record_type.label}记录（data/{record_type.pattern}）的格式，由 schemas/{record_type.name}.yaml "
        f"生成，请勿手工修改（刷新：{REFRESH}）。这里只检查一个文件自身的字段、类型和取值；"
        "编号引用、金额合计、所属期间、公开目录等跨记录的规则，由 python -m generators validate 检查。"
    )
    return {
        "$schema": DRAFT,
        "$id": f"{record_type.name}.schema.json",
        "title": record_type.label,
        "description": description,
        **{k: v for k, v in root.items() if k not in ("title", "description")},
    }


def schema_file(record_type: RecordType) -> str:
    return f"{record_type.name}.schema.json"


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def vscode_settings(registry: Registry, json_dir: Path = JSON_DIR) -> dict:
    """VS Code's workspace settings: each data folder's files checked against their type's schema."""
    folder = json_dir.as_posix() if json_dir.is_absolute() else f"./{json_dir.as_posix()}"
    schemas = {f"{folder}/{schema_file(t)}": [f"data/{t.pattern}"] for t in registry}
    return {
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "editor.tabSize": 2,
        "editor.insertSpaces": True,
        "editor.detectIndentation": False,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True, "editor.autoIndent": "keep"},
        # The YAML extension's settings (spelt "yaml." + name, so no problem code is read into them).
        **{
            "yaml." + name: value
            for name, value in (
                ("validate", True),
                ("yamlVersion", "1.2"),
                ("schemaStore.enable", False),
                ("schemas", schemas),
            )
        },
    }


def outputs(
    registry: Registry, json_dir: Path = JSON_DIR, settings: Path | None = SETTINGS
) -> dict[Path, str]:
    """Every file the command writes, relative to the project folder: path → text."""
    files = {json_dir / schema_file(t): dumps(record_schema(t)) for t in registry}
    if settings is not None:
        files[settings] = dumps(vscode_settings(registry, json_dir))
    return files


def _extra(files: dict[Path, str], root: Path, json_dir: Path) -> list[Path]:
    """Schemas in the folder of a type no longer registered."""
    return [
        json_dir / path.name
        for path in sorted((root / json_dir).glob("*.schema.json"))
        if json_dir / path.name not in files
    ]


def stale(
    registry: Registry, root: Path, json_dir: Path = JSON_DIR, settings: Path | None = SETTINGS
) -> list[Path]:
    """The files under root that differ from what the command would write now, or should not be there."""
    files = outputs(registry, json_dir, settings)
    changed = [
        path
        for path, text in files.items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]
    return changed + _extra(files, root, json_dir)


def write(
    registry: Registry, root: Path, json_dir: Path = JSON_DIR, settings: Path | None = SETTINGS
) -> list[Path]:
    """Writes the schemas and the VS Code settings; removes schemas of types no longer registered."""
    files = outputs(registry, json_dir, settings)
    (root / json_dir).mkdir(parents=True, exist_ok=True)
    for path in _extra(files, root, json_dir):
        (root / path).unlink()
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
    return list(files)
