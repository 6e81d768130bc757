"""Field types: each a class in generators/spec/types/, and a new one is only that.

A toy type, a month written 2025-03, is added below as one class registered in
FIELD_TYPES and nothing else; a record type using it is then read, checked by
Cerberus and by the fast verdict, given a JSON Schema, a form-editor widget, a
line in a new record and example values in the synthetic data. Every
registered type's example values pass its own checks and its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

import generators.cli  # noqa: F401  (the command line first, as `python -m generators` imports it)
from bench.synth import _generic_record
from generators.check.loader import load_bytes
from generators.check.schema import fast_check, validate_document, validator
from generators.editors import cms, json_schema, scaffold
from generators.spec.registry import REGISTRY, RecordType
from generators.spec.types import FIELD_TYPES, INVALID, FieldType, shown

GENERATORS = Path(__file__).resolve().parents[1] / "generators"
TODAY = dt.date(2025, 6, 30)


# ---------------------------------------------------------------------------
# the toy type: this class is all that adding it takes


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class MonthType(FieldType):
    """A month, written 2025-03."""

    name = "month"
    words = "月份（例如 2025-03）"
    python = (Month,)

    def convert(self, text):
        m = re.fullmatch(r"([0-9]{4})-(0[1-9]|1[0-2])", text)
        if m is None:
            return INVALID, ("date.not-a-date", {"value": shown(text)})
        return Month(int(m.group(1)), int(m.group(2))), None

    def json_schema(self, spec, schema_of):
        return {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}

    def note(self, spec):
        return "月份写成 2025-03"

    def own_widget(self, spec, form, optional):
        return {"widget": "datetime", "format": "YYYY-MM", "date_format": "YYYY-MM"}

    def skeleton(self, spec, today, start):
        return f"{today:%Y-%m}"

    def example(self, spec, name, sample):
        return f"2025-{sample.rng.randint(1, 12):02d}"


SCHEMA = """label: 月报
fields:
  id: {type: string, required: true, label: 编号, regex: '[a-z0-9]+(-[a-z0-9]+)*'}
  month: {type: month, required: true, label: 月份}
  months: {type: list, label: 补报月份, schema: {type: month}}
"""


@pytest.fixture
def monthly(tmp_path, monkeypatch):
    """A record type whose schema uses the toy type, with the type registered."""
    monkeypatch.setitem(FIELD_TYPES, MonthType.name, MonthType())
    (tmp_path / "monthly.yaml").write_text(SCHEMA, encoding="utf-8")
    return RecordType(
        "monthly",
        "monthlies/*.yaml",
        "monthlies/<编号>.yaml",
        "monthlies",
        "monthly.md.j2",
        "monthlies",
        title_field="id",
        schema_dir=tmp_path,
    )


def check(record_type: RecordType, text: str):
    loaded = load_bytes(text.encode("utf-8"), "monthlies/a.yaml")
    assert loaded.problems == []
    document, problems = validate_document(record_type.schema, loaded)
    return document, [p.text() for p in problems]


def test_a_new_type_is_read_as_its_value(monthly):
    document, problems = check(monthly, "id: a\nmonth: 2025-03\nmonths:\n  - 2025-01\n")
    assert problems == []
    assert document == {"id": "a", "month": Month(2025, 3), "months": [Month(2025, 1)]}


def test_a_new_type_reports_text_it_cannot_read_on_its_line(monthly):
    _, problems = check(monthly, "id: a\nmonth: 2025-03\nmonths:\n  - 2025-13\n")
    assert problems == [
        "monthlies/a.yaml:4:5: 错误 date.not-a-date 字段「补报月份 第1项」：「2025-13」不是日期"
        " — 日期写成 年-月-日，例如 2025-03-01"
    ]


def test_cerberus_checks_a_new_type_and_names_it_in_its_words(monthly):
    _, problems = check(monthly, "id: a\nmonth:\n  - 2025-03\n")
    assert problems == [
        "monthlies/a.yaml:3:3: 错误 schema.type 字段「月份」：应为月份（例如 2025-03）"
        " — 按模板写成月份（例如 2025-03）"
    ]
    assert validator(monthly.schema).validate({"id": "a", "month": Month(2025, 3)})
    assert not validator(monthly.schema).validate({"id": "a", "month": "2025-03"})


def test_the_fast_verdict_checks_a_new_type_as_cerberus_does(monthly):
    verdict = fast_check(monthly.schema)
    cerberus = validator(monthly.schema)
    for document in (
        {"id": "a", "month": Month(2025, 3)},
        {"id": "a", "month": Month(2025, 3), "months": [Month(2024, 12)]},
        {"id": "a", "month": "2025-03"},
        {"id": "a", "month": Month(2025, 3), "months": [dt.date(2025, 1, 1)]},
        {"id": "a"},
    ):
        assert verdict(document) == cerberus.validate(document, normalize=False), document
    assert verdict({"id": "a", "month": Month(2025, 3)})


def test_a_new_type_has_a_json_schema(monthly):
    schema = json_schema.record_schema(monthly)
    assert schema["properties"]["month"] == {
        "title": "月份",
        "description": "月份写成 2025-03",
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
    }
    jsonschema.Draft202012Validator.check_schema(schema)
    editor = jsonschema.Draft202012Validator(schema)
    assert editor.is_valid({"id": "a", "month": "2025-03", "months": ["2025-12"]})
    assert not editor.is_valid({"id": "a", "month": "2025-13"})


def test_a_new_type_has_a_form_widget(monthly):
    registry = REGISTRY.with_types(monthly)
    collection = cms.collection(
        monthly, registry, cms.choices_of(None, registry), "data/monthlies", "monthly", "月报"
    )
    fields = {f["name"]: f for f in collection["fields"]}
    widget = {"widget": "datetime", "format": "YYYY-MM", "date_format": "YYYY-MM"}
    assert fields["month"] == {"name": "month", "label": "月份", "required": True, **widget}
    assert fields["months"]["field"] == {"name": "item", "label": "补报月份", **widget}


def test_a_new_type_has_its_line_in_a_new_record(monthly):
    record = scaffold.skeleton(monthly.schema.root, TODAY)
    record["id"] = "a"
    text = scaffold.render(monthly, {"id": "a", "month": record["month"]})
    assert "# 月份（必填）。月份写成 2025-03\nmonth: 2025-06\n" in text
    assert check(monthly, text) == ({"id": "a", "month": Month(2025, 6)}, [])


def test_a_new_type_gives_valid_synthetic_values(monthly):
    rng = random.Random(1)
    for n in range(20):
        lines = _generic_record(monthly.schema.root, f"monthly-{n:04d}", rng)
        document, problems = check(monthly, "\n".join(lines) + "\n")
        assert problems == [] and isinstance(document["month"], Month)


def test_without_its_class_the_type_is_unknown(tmp_path):
    (tmp_path / "monthly.yaml").write_text(SCHEMA, encoding="utf-8")
    record_type = RecordType("monthly", "m/*.yaml", "m/", "m", "m.md.j2", "m", schema_dir=tmp_path)
    with pytest.raises(ValueError, match="type must be one of .*not 'month'"):
        record_type.schema  # noqa: B018


# ---------------------------------------------------------------------------
# every registered type


EVERY_TYPE = """label: 各类字段
fields:
  id: {type: string, required: true, label: 编号, regex: '[a-z0-9]+(-[a-z0-9]+)*'}
  text: {type: string, required: true, label: 文字, maxlength: 10}
  count: {type: integer, required: true, label: 数目, min: -5, max: 5}
  amount: {type: decimal, required: true, label: 金额, min: 0.5, max: 1.5}
  ratio: {type: number, required: true, label: 比例}
  done: {type: boolean, required: true, label: 完成}
  day: {type: date, required: true, label: 日期}
  office: {type: dict, required: true, label: 办公, schema: {since: {type: date, required: true}}}
  steps:
    type: list
    required: true
    label: 步骤
    schema: {type: dict, schema: {by: {type: string, required: true}, n: {type: integer}}}
  tags: {type: list, required: true, label: 标签, schema: {type: string}}
  grid: {type: list, required: true, label: 表格, schema: {type: list, schema: {type: integer}}}
"""


def test_the_schema_below_uses_every_registered_type():
    used = set(re.findall(r"type: (\w+)", EVERY_TYPE))
    assert used == set(FIELD_TYPES)


class Yaml12(yaml.SafeLoader):
    """Reads as a YAML 1.2 editor does where the examples differ: dates are text."""

    yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def test_every_types_example_passes_its_checks_and_its_json_schema(tmp_path):
    (tmp_path / "every.yaml").write_text(EVERY_TYPE, encoding="utf-8")
    record_type = RecordType("every", "e/*.yaml", "e/", "e", "e.md.j2", "e", schema_dir=tmp_path)
    editor = jsonschema.Draft202012Validator(json_schema.record_schema(record_type))
    rng = random.Random(7)
    for n in range(30):
        text = "\n".join(_generic_record(record_type.schema.root, f"e-{n}", rng)) + "\n"
        loaded = load_bytes(text.encode("utf-8"), "e/a.yaml")
        document, problems = validate_document(record_type.schema, loaded)
        assert [p.text() for p in problems] == [], text
        assert document is not None and set(document) == set(record_type.schema.fields)
        assert editor.is_valid(yaml.load(text, Yaml12)), text


# ---------------------------------------------------------------------------
# nothing else tests a type's name


NAMES = "|".join(FIELD_TYPES)
TYPE_TESTS = re.compile(
    rf"""\.type\s*(==|!=|\bin\b|\bnot in\b)"""  # spec.type == …, spec.type in (…)
    rf"""|(==|!=|\bin)\s*[([{{]?["']({NAMES})["']"""  # kind == "date", kind in ("dict", …)
    rf"""|["']({NAMES})["']\s*(==|!=)"""
)


def test_no_module_outside_the_field_types_tests_a_fields_type_name():
    outside = [
        path
        for path in sorted([*GENERATORS.rglob("*.py"), *GENERATORS.parent.glob("bench/*.py")])
        if "types" not in path.relative_to(GENERATORS.parent).parts
    ]
    assert len(outside) > 40
    found = [
        f"{path.relative_to(GENERATORS.parent)}:{number}: {line.strip()}"
        for path in outside
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TYPE_TESTS.search(line)
    ]
    assert found == []
