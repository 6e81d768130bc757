"""A new record type is a schema, two templates, one registry entry and its data: nothing else.

The toy type 通知 is taken from ARCHITECTURE.md ("Adding a record type") as
written there; a second one, 村规民约, belongs to a village (a `ref:` field and
its relation) and is added the same way from the blocks below. Both are added
to the registry of a copy of the project, validated, rendered, built with a
real `mkdocs build --strict` and made as synthetic data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pagefinddata
import pytest
from conftest import MINIMAL, REPO

from generators.build import search
from generators.check.validate import validate
from generators.model.site import build_model
from generators.pipeline import generate
from generators.spec.fields import SCHEMA_DIR
from generators.spec.registry import REGISTRY, IndexPage, RecordType, Relation

TODAY = dt.date(2025, 12, 31)
pytestmark = pytest.mark.slow


def walkthrough() -> dict[str, str]:
    """The blocks of ARCHITECTURE.md's walkthrough: what each one is → its text."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- file: (.+?) -->\n```\w*\n(.*?)```", text, re.S))


# The second type, added as the walkthrough says: a village's rules (村规民约), which belong to it.
VILLAGE_RULE = {
    "schemas/village_rule.yaml": """label: 村规民约
fields:
  id: {type: string, required: true, label: 编号, regex: '[a-z0-9]+(-[a-z0-9]+)*'}
  village: {type: string, required: true, label: 所属村（社区）, ref: village}
  title: {type: string, required: true, label: 标题, maxlength: 60}
  adopted: {type: date, required: true, label: 村民会议通过日期}
  body: {type: string, required: true, label: 正文, maxlength: 2000}
""",
    "generators/render/templates/village_rule.md.j2": """---
title: {{ record.title | front_title }}
---

# {{ record.title }}

{{ link(site.villages[record.village]) }}村民会议通过于 {{ record.adopted }}。

{{ record.body }}
""",
    "generators/render/templates/village_rules.md.j2": """---
title: {{ "村规民约" | front_title }}
---

# 村规民约

{% for village in site.villages.values() | sort(attribute="id") %}
{% for rule in site.related("village_rule", "village", village.id) %}
- {{ village.name }}：{{ link(rule) }}
{% endfor %}
{% endfor %}
""",
    "registry entry": """RecordType(
    "village_rule",
    "village-rules/*.yaml",
    "village-rules/<村规民约编号>.yaml",
    "village-rules",
    "village_rule.md.j2",
    "village_rules",
    title_field="title",
    index=IndexPage("village-rules/index.md", "village_rules.md.j2", "村规民约", 61),
    relations=(Relation("village", owner=True),),
)""",
    "data/village-rules/xikou-2024.yaml": """id: xikou-2024
village: xikou
title: 溪口村村规民约
adopted: 2024-06-18
body: 爱护公共设施，保持村容整洁。
""",
}
NAMES = {"RecordType": RecordType, "IndexPage": IndexPage, "Relation": Relation}


def add_type(root: Path, blocks: dict[str, str]) -> RecordType:
    """Writes a type's schema, templates and data into a copy of the project; its registry entry."""
    for name, text in blocks.items():
        if name.startswith("schemas/"):
            (root / "schemas" / Path(name).name).write_text(text, encoding="utf-8")
        elif name.startswith("generators/render/templates/"):
            (root / "templates" / Path(name).name).write_text(text, encoding="utf-8")
        elif name.startswith("data/"):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
    entry = eval(blocks["registry entry"], dict(NAMES))  # noqa: S307
    return dataclasses.replace(entry, schema_dir=root / "schemas", template_dir=root / "templates")


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    blocks = walkthrough()
    root = tmp_path_factory.mktemp("toy")
    shutil.copytree(SCHEMA_DIR, root / "schemas")
    (root / "templates").mkdir()
    shutil.copytree(MINIMAL, root / "data")
    entries = [add_type(root, blocks), add_type(root, VILLAGE_RULE)]
    return root, root / "data", REGISTRY.with_types(*entries), blocks


def test_the_walkthrough_names_five_files(toy):
    _, _, _, blocks = toy
    assert len(blocks) == 5
    assert {name.split("/")[0] for name in blocks} == {
        "schemas",
        "generators",
        "registry entry",
        "data",
    }


def test_the_new_type_is_validated_by_its_field_tree(toy, tmp_path, monkeypatch):
    _, data, registry, _ = toy
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    monkeypatch.chdir(tmp_path)
    assert validate(Path("data"), TODAY, registry=registry).problems == []
    notice = copy / "notices" / "dangfei-2025.yaml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(
        text.replace("date: 2025-03-01", "date: 2025-02-30").replace(
            "请各党支部", "联系人 138 1234 5678，请各党支部"
        )
        + "author: 党建办\n",
        encoding="utf-8",
    )
    found = [
        (p.code, p.line, p.label) for p in validate(Path("data"), TODAY, registry=registry).problems
    ]
    assert found == [
        ("date.no-such-day", 3, "发布日期"),
        ("privacy.mobile", 4, "正文"),
        ("schema.unknown-field", 5, "author"),
    ]


def test_the_second_type_belongs_to_its_village(toy, tmp_path, monkeypatch):
    _, data, registry, _ = toy
    shutil.copytree(data, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = validate(Path("data"), TODAY, registry=registry)
    assert result.problems == []
    site = build_model(result.records, TODAY, {}, registry)
    [rule] = site.related("village_rule", "village", "xikou")
    # a collection the registry adds, which the type checker cannot know: read as the instance's
    assert vars(site)["village_rules"] == {"xikou-2024": rule} and rule["title"] == "溪口村村规民约"
    path = tmp_path / "data" / "village-rules" / "xikou-2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("xikou\n", "xikuo\n"), "utf-8")
    [problem] = validate(Path("data"), TODAY, registry=registry).problems
    assert (problem.code, problem.line, problem.label) == ("ref.missing", 2, "所属村（社区）")
    assert "找不到编号为 xikuo 的村（社区）" in problem.text() and "xikou" in problem.text()


def test_a_misplaced_file_names_the_new_folder(toy, tmp_path, monkeypatch):
    _, data, registry, _ = toy
    shutil.copytree(data, tmp_path / "data")
    (tmp_path / "data" / "notice").mkdir()
    (tmp_path / "data" / "notice" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [problem] = validate(Path("data"), TODAY, registry=registry).problems
    assert problem.code == "file.misplaced" and "notices/<通知编号>.yaml" in problem.fix


def test_a_real_site_is_built_with_the_new_type(toy, tmp_path):
    _, data, registry, _ = toy
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(
        REPO / "overrides", project / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )
    result = generate(data, project / "docs", TODAY, use_history=False, registry=registry)
    assert result.ok, result.problems
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANGJIAN_", "GITHUB_", "SITE_URL"))
    }
    env.update(NO_MKDOCS_2_WARNING="1")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    site = project / "site"
    page = (site / "notices" / "dangfei-2025" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)  # figures are kept on one line by <span class="nowrap">
    assert "关于收缴2025年党费的通知" in text and "请各党支部于3月底前完成党费收缴。" in text
    index = (site / "notices" / "index.html").read_text(encoding="utf-8")
    assert 'href="dangfei-2025/"' in index
    nav = index[index.index('<nav class="md-nav md-nav--primary"') :]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    assert labels.index("公开") < labels.index("通知") < labels.index("关于本站")
    search.index_site(site)  # the published site's search, as the build writes it after MkDocs
    assert "notices/dangfei-2025/" in pagefinddata.locations(site)
    rule = (site / "village-rules" / "xikou-2024" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../villages/xikou/">溪口村</a>村民会议通过于 <span class="nowrap">2024-06-18'
        in rule
    )
    rules = (site / "village-rules" / "index.html").read_text(encoding="utf-8")
    assert '溪口村：<a href="xikou-2024/">溪口村村规民约</a>' in rules


def test_synthetic_data_has_records_of_the_new_type(toy, tmp_path, monkeypatch):
    from bench.synth import synthesize

    _, _, registry, _ = toy
    stats = synthesize(tmp_path / "synth", "township", registry=registry)
    assert stats.counts["notice"] == stats.counts["village_rule"] == 5
    monkeypatch.chdir(tmp_path)
    result = validate(Path("synth"), TODAY, registry=registry)
    assert [p.text() for p in result.problems if p.is_error] == []
    site = build_model(result.records, TODAY, {}, registry)
    village_rules = vars(site)["village_rules"]  # added by the registry, unknown to mypy
    rules = sorted(village_rules)
    assert rules[0] == "village-rule-0001" and len(rules) == 5
    assert all(site.villages[village_rules[i]["village"]] for i in rules)
