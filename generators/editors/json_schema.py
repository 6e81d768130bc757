"""JSON Schema (draft 2020-12) of every record type, made from the field tree, for editors.

Staff editing a record in VS Code (yaml-language-server) see a mistake
underlined while they type; check-jsonschema applies the same files on the
command line. The validator stays the authority: these schemas say what one
file may hold, as far as JSON Schema can say it, never more than the loader
accepts.

How the loader's text typing maps to what a YAML 1.2 editor sees (each field
type's `json_schema` in spec/types/ says it for its values):

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
from pathlib import Path

from generators.spec.fields import Field
from generators.spec.registry import REFERENCE_KINDS, RecordType, Registry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
JSON_DIR = Path("schemas") / "json"
SETTINGS = Path(".vscode") / "settings.json"
REFRESH = "python -m generators json-schema"


def field_schema(spec: Field) -> dict:
    """The JSON Schema of one field of the tree (its type's), with its Chinese label and hint."""
    return {**_words(spec), **spec.kind.json_schema(spec, field_schema)}


def _words(spec: Field) -> dict:
    words = {"title": spec.label} if spec.label else {}
    note = field_note(spec)
    if note:
        words["description"] = note
    return words


def field_note(spec: Field) -> str:
    """What staff read beside a field's label: hint, what it names, how it is written, choices."""
    notes = [spec.hint] if spec.hint else []
    if spec.ref in REFERENCE_KINDS:
        notes.append(f"填写{REFERENCE_KINDS[spec.ref].label}的编号")
    written = spec.kind.note(spec)
    if written:
        notes.append(written)
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


def dumps(value: object) -> str:
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
