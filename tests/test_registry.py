"""One registry of record types: each needs a schema, a model, a template and a data folder."""

import dataclasses
import shutil
from pathlib import Path, PurePosixPath

import pytest
from conftest import MINIMAL, spawn_cli

from generators.model import records as model
from generators.render.pages import TEMPLATE_DIR
from generators.spec.fields import SCHEMA_DIR, SchemaError
from generators.spec.registry import RECORD_TYPES, REGISTRY, Relation, type_of

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns("__pycache__")


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


def project_with(tmp_path: Path, schema: str, old: str, new: str) -> Path:
    """A copy of the code and schemas with one schema edited, and the minimal data."""
    shutil.copytree(ROOT / "generators", tmp_path / "generators", ignore=IGNORED)
    shutil.copytree(SCHEMA_DIR, tmp_path / "schemas")
    shutil.copytree(MINIMAL, tmp_path / "data")
    path = tmp_path / "schemas" / f"{schema}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_an_unknown_reference_kind_in_a_schema_is_a_chinese_error(tmp_path):
    project = project_with(tmp_path, "grid", "ref: village}", "ref: vilage}")
    done = spawn_cli(
        "validate", "--today", "2025-12-31", cwd=project, env={"PYTHONPATH": str(project)}
    )
    assert done.returncode == 1
    assert done.stderr == (
        "记录格式的定义有错误：schemas/grid.yaml：字段 village 的 ref: vilage 不是可引用的类别，"
        "应为 township、village、branch、plan、unit、subject、finding 之一（是不是 village？）\n"
    )
    assert done.stdout == ""


def test_an_unknown_reference_kind_in_a_list_names_the_list(tmp_path):
    lead = "label: 牵头单位\n    minlength: 1\n    schema: {type: string, ref: unit"
    project = project_with(tmp_path, "task", lead, lead + "s")
    done = spawn_cli("new", "task", cwd=project, env={"PYTHONPATH": str(project)})
    assert done.returncode == 1
    assert "schemas/task.yaml：字段 lead_units[] 的 ref: units 不是可引用的类别" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_relation_names_a_reference_field_of_its_schema():
    grid = REGISTRY["grid"]
    for field in ("leader", "nope"):
        broken = dataclasses.replace(grid, relations=(Relation(field),))
        with pytest.raises(
            SchemaError, match=f"grid 的关系字段 {field} 在 grid.yaml 中不存在，或不是引用"
        ):
            _ = broken.schema  # building the schema is what raises
    twice = dataclasses.replace(
        REGISTRY["new_org"],
        relations=(Relation("village", owner=True), Relation("branch", owner=True)),
    )
    with pytest.raises(SchemaError, match="new_org 的关系只能有一个 owner"):
        _ = twice.schema


def test_every_reference_at_the_top_of_a_record_is_a_declared_relation():
    """What a record names, the site can find it from: no reference is left out of the indexes."""
    for record_type in RECORD_TYPES:
        references = {
            key
            for key, spec in record_type.schema.fields.items()
            if spec.ref or (spec.item is not None and spec.item.ref)
        }
        assert {r.field for r in record_type.relations} == references, record_type.name


def test_a_type_added_again_replaces_the_registry_own_and_no_two_share_a_name():
    grid = dataclasses.replace(REGISTRY["grid"], title_field="leader")
    again = REGISTRY.with_types(grid)
    assert [t.name for t in again] == [t.name for t in REGISTRY if t.name != "grid"] + ["grid"]
    assert again["grid"].title_field == "leader"
    with pytest.raises(ValueError, match="record types share a collection: grids"):
        REGISTRY.with_types(dataclasses.replace(grid, name="grid2"))
