"""One registry of record types: each needs a schema, a model, a template and a data folder."""

from pathlib import Path, PurePosixPath

import pytest

from generators.model import records as model
from generators.render.pages import TEMPLATE_DIR
from generators.spec.fields import SCHEMA_DIR
from generators.spec.registry import RECORD_TYPES, type_of

ROOT = Path(__file__).resolve().parent.parent


def test_schema_files_and_registry_agree():
    schemas = {p.stem for p in SCHEMA_DIR.glob("*.yaml")}
    assert schemas == {t.name for t in RECORD_TYPES}


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.name)
def test_record_type_is_complete(record_type):
    assert (SCHEMA_DIR / f"{record_type.name}.yaml").is_file()
    assert issubclass(record_type.model, model.Record)
    assert (TEMPLATE_DIR / record_type.template).is_file()
    assert record_type.label  # the Chinese name from the schema file
    assert (ROOT / "data" / record_type.pattern.split("/")[0]).is_dir()


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.name)
def test_every_field_has_a_chinese_label(record_type):
    # List items take their list's label ("第2项"), so only named fields need one.
    assert [
        path
        for path, spec in record_type.schema.root.walk()
        if path and path[-1] != "[]" and not spec.label
    ] == []


@pytest.mark.parametrize(
    "path, expected",
    [
        ("villages/qingxi.yaml", "village"),
        ("tasks/plan-a/t1.yaml", "task"),
        ("disclosures/2025/d1.yaml", "disclosure"),
        ("villages/nested/qingxi.yaml", None),
        ("tasks/t1.yaml", None),
        ("villages/qingxi.yml", None),
    ],
)
def test_files_are_typed_by_folder(path, expected):
    found = type_of(PurePosixPath(path))
    assert (found.name if found else None) == expected
