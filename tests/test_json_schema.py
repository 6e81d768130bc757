"""The JSON Schemas editors use (schemas/json/) and VS Code's settings: current, and as strict as the loader.

check-jsonschema, a real JSON Schema validator reading YAML, checks every file
of the sample data and of the minimal dataset (all must pass), and every bad
input of one file that the validator rejects on its own (schema-level: unknown
field, wrong type, bad choice, bad date, missing field …), collected from the
bad-input corpus and the catalogue's examples: each must fail, but for the few
that JSON Schema cannot see, listed with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import check_jsonschema
import pytest
import yaml
import yaml_server
from click.testing import CliRunner
from conftest import MINIMAL, REPO, Dataset
from test_bad_input_corpus import CASES, build
from test_catalogue import apply_example

from generators.editors import json_schema
from generators.spec.registry import REGISTRY

SCHEMA_LEVEL = frozenset(
    yaml.safe_load((REPO / "generators/spec/catalogue/schema.yaml").read_text(encoding="utf-8"))
)
# What a YAML 1.2 editor reads as a number, whose text JSON Schema never sees.
UNSEEN = {
    "corpus:octal-looking-integer": "grids: 010 is the number 10 to an editor",
    "corpus:three-decimals": "0.305 is a number; multipleOf 0.01 fails on floats like 0.29 in Python validators",
    "catalogue:value.leading-zero": "households: 0356 is the number 356 to an editor",
    "catalogue:value.too-many-decimals": "a number with three decimals: see corpus:three-decimals",
}


def check(schema: Path, files: list[Path]) -> dict[str, list[str]]:
    """check-jsonschema's complaints about each file (an empty list when it passes).

    Its command line runs in this process (click's CliRunner), as `check-jsonschema
    --schemafile SCHEMA --output-format json FILES` would. Python refuses to read an integer
    of over 4300 digits (the corpus has one of 5000); an editor reads it as a number, too
    large: so may check-jsonschema here."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        done = CliRunner().invoke(
            check_jsonschema.main,
            ["--schemafile", str(schema), "--output-format", "json", *map(str, files)],
        )
    finally:
        sys.set_int_max_str_digits(limit)
    report = json.loads(done.stdout)
    found: dict[str, list[str]] = {str(f): [] for f in files}
    for error in report.get("errors", []) + report.get("parse_errors", []):
        found[error["filename"]].append(error.get("message", ""))
    assert done.exit_code == (1 if any(found.values()) else 0), done.stderr
    return found


def test_committed_schemas_and_settings_are_current():
    stale = json_schema.stale(REGISTRY, REPO)
    assert not stale, (
        f"{[p.as_posix() for p in stale]} are stale: run `make json-schema` "
        f"(python -m generators json-schema) and commit the result"
    )


def test_the_command_writes_what_is_committed(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generators",
            "json-schema",
            "--out",
            "out",
            "--settings",
            "editor/settings.json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert f"已生成 {len(REGISTRY.types)} 个 JSON Schema" in done.stdout
    for record_type in REGISTRY:
        name = json_schema.schema_file(record_type)
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (
            REPO / "schemas/json" / name
        ).read_text(encoding="utf-8")
    settings = json.loads((tmp_path / "editor/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./out/task.schema.json"] == ["data/tasks/*/*.yaml"]


def test_an_extra_schema_is_stale_and_removed(tmp_path):
    json_schema.write(REGISTRY, tmp_path)
    assert json_schema.stale(REGISTRY, tmp_path) == []
    (tmp_path / "schemas/json/notice.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "schemas/json/task.schema.json").write_text("{}", encoding="utf-8")
    assert sorted(p.as_posix() for p in json_schema.stale(REGISTRY, tmp_path)) == [
        "schemas/json/notice.schema.json",
        "schemas/json/task.schema.json",
    ]
    json_schema.write(REGISTRY, tmp_path)
    assert json_schema.stale(REGISTRY, tmp_path) == []


def test_every_schema_is_draft_2020_12_and_says_what_it_leaves_to_the_validator():
    from jsonschema import Draft202012Validator

    for record_type in REGISTRY:
        schema = json.loads(
            (REPO / "schemas/json" / json_schema.schema_file(record_type)).read_text("utf-8")
        )
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == record_type.label
        assert (
            "跨记录的规则" in schema["description"]
            and "python -m generators validate" in schema["description"]
        )
        assert schema["additionalProperties"] is False


def test_field_words_types_and_rules():
    disclosure = json_schema.record_schema(REGISTRY["disclosure"])
    fields = disclosure["properties"]
    assert disclosure["required"] == [
        "id",
        "category",
        "item",
        "subject",
        "period",
        "title",
        "published",
        "review",
        "items",
    ]
    assert fields["category"] == {
        "title": "公开类别",
        "description": "可填：党务、村务、财务",
        "type": "string",
        "enum": ["党务", "村务", "财务"],
    }
    assert fields["published"]["format"] == "date" and fields["published"]["type"] == "string"
    day = re.compile(fields["published"]["pattern"])
    for text, exists in (
        ("2025-03-31", True),
        ("2024-02-29", True),
        ("2000-02-29", True),
        ("1900-02-29", False),
        ("2025-02-29", False),
        ("2025-04-31", False),
        ("2025-13-01", False),
        ("0000-01-01", False),
        ("2025-3-1", False),
        ("2025/03/01", False),
    ):
        assert bool(day.fullmatch(text)) == exists, text
    assert fields["subject"]["description"] == "填写公开主体（村、党组织或镇）的编号"
    review = fields["review"]
    assert review["type"] == "array" and review["minItems"] == 1
    assert review["items"]["additionalProperties"] is False
    assert review["items"]["required"] == ["step", "by", "date"]
    amount = fields["finance"]["properties"]["income"]["items"]["properties"]["amount"]
    number, text = amount["anyOf"]
    assert number == {"type": "number", "minimum": 0, "exclusiveMaximum": 10**15}
    assert (
        text["type"] == "string" and text["pattern"] == "^-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$"
    )
    progress = json_schema.record_schema(REGISTRY["task"])["properties"]["progress"]
    assert progress["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 100}
    opening = fields["finance"]["properties"]["opening"]["anyOf"][0]
    assert opening == {"type": "number", "exclusiveMinimum": -(10**15), "exclusiveMaximum": 10**15}
    # A period such as 2025 is a number to an editor; the loader reads the text 2025.
    assert fields["period"]["anyOf"][1] == {"type": "number"}
    # A text field whose pattern cannot match a number or a boolean is text only.
    phone = json_schema.record_schema(REGISTRY["village"])["properties"]["office_phone"]
    assert phone["type"] == "string" and phone["pattern"] == "^(?:0[0-9]{2,3}-[0-9]{7,8})$"


def test_vscode_settings_map_every_data_folder_to_an_existing_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for schema_path in mapped:
        assert (REPO / schema_path).is_file(), schema_path
    globs = {glob for globs in mapped.values() for glob in globs}
    for record_type in REGISTRY:
        assert mapped[f"./schemas/json/{record_type.name}.schema.json"] == [
            f"data/{record_type.pattern}"
        ]
    assert len(globs) == len(REGISTRY.types)
    assert settings["files.encoding"] == "utf8" and settings["files.eol"] == "\n"
    assert settings["editor.tabSize"] == 2 and settings["[yaml]"]["editor.tabSize"] == 2
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("folder", [REPO / "data", MINIMAL], ids=["sample", "minimal"])
def test_every_data_file_passes_its_json_schema(folder):
    count = 0
    for record_type in REGISTRY:
        files = sorted(folder.glob(record_type.pattern))
        count += len(files)
        if files:
            complaints = {
                f: m
                for f, m in check(
                    REPO / "schemas/json" / json_schema.schema_file(record_type), files
                ).items()
                if m
            }
            assert not complaints, complaints
    assert count == len(list(folder.rglob("*.yaml")))


def _bad_inputs(root: Path) -> dict[str, tuple[str, Path, set[int]]]:
    """name → (record type, file, lines validate reports) of every schema-level bad input of one file."""
    out = {}
    for case in CASES:
        files = {path for _, path, _ in case.expected}
        if (
            case.some
            or len(files) != 1
            or not {code for code, _, _ in case.expected} <= SCHEMA_LEVEL
        ):
            continue
        (relative,) = files
        out[f"corpus:{case.id}"] = (
            relative,
            build(case, root / case.id).path(relative),
            {line for _, _, line in case.expected},
        )
    from generators.spec.catalogue import CATALOGUE

    for code in sorted(SCHEMA_LEVEL):
        example = CATALOGUE[code].example
        if example.get("kind", "replace") != "replace":
            continue
        dataset = Dataset(root / code)
        shutil.copytree(MINIMAL, dataset.data)
        relative = apply_example(dataset, example)
        out[f"catalogue:{code}"] = (relative, dataset.path(relative), {example["line"]})
    return {
        name: (_type_name(PurePosixPath(relative)), path, lines)
        for name, (relative, path, lines) in out.items()
    }


def test_every_schema_level_bad_input_fails_its_json_schema(tmp_path):
    cases = _bad_inputs(tmp_path)
    assert len([n for n in cases if n.startswith("corpus:")]) >= 20
    assert len([n for n in cases if n.startswith("catalogue:")]) >= 20
    by_type: dict[str, list[Path]] = {}
    for record_type, path, _ in cases.values():
        by_type.setdefault(record_type, []).append(path)
    found = {}
    for record_type, files in by_type.items():
        found.update(check(REPO / "schemas/json" / f"{record_type}.schema.json", files))
    passed = sorted(name for name, (_, path, _) in cases.items() if not found[str(path)])
    assert passed == sorted(UNSEEN), "passed its JSON Schema: " + ", ".join(
        set(passed) - set(UNSEEN)
    )


# -- in VS Code: its YAML extension's engine, with the committed settings ------------------------


def _type_name(relative: PurePosixPath) -> str:
    record_type = REGISTRY.type_of(relative)
    assert record_type is not None, relative
    return record_type.name


def _schema_of(path: Path, folder: Path) -> str:
    return f"schemas/json/{_type_name(PurePosixPath(path.relative_to(folder)))}.schema.json"


def test_vscode_underlines_nothing_in_the_sample_and_minimal_data():
    files = {
        path: _schema_of(path, folder)
        for folder in (REPO / "data", MINIMAL)
        for path in sorted(folder.rglob("*.yaml"))
    }
    found = yaml_server.diagnostics(files)
    assert {path: problems for path, problems in found.items() if problems} == {}
    assert len(found) == len(files) > 100


def test_vscode_underlines_every_schema_level_bad_input_on_the_line_validate_names(tmp_path):
    cases = _bad_inputs(tmp_path)
    found = yaml_server.diagnostics(
        {path: f"schemas/json/{record_type}.schema.json" for record_type, path, _ in cases.values()}
    )
    passed = sorted(name for name, (_, path, _) in cases.items() if not found[path])
    assert passed == sorted(UNSEEN), "not underlined in VS Code: " + ", ".join(
        set(passed) - set(UNSEEN)
    )
    elsewhere = {
        name: (lines, found[path])
        for name, (_, path, lines) in cases.items()
        if found[path] and not lines & {line for line, _ in found[path]}
    }
    assert elsewhere == {}
