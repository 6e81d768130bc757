"""The form editor's configuration: made from the registry and field tree, and the settings in cms.yml."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import REPO, run_cli

from generators.editors import cms
from generators.spec.registry import REGISTRY


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """The configuration the pipeline writes for the sample data."""
    root = tmp_path_factory.mktemp("config")
    shutil.copytree(REPO / "data", root / "data")
    (root / "cms.yml").write_text(
        (REPO / "cms.yml")
        .read_text(encoding="utf-8")
        .replace("repo:\n", "repo: qingxi/dangjian\n"),
        encoding="utf-8",
    )
    shutil.copy(REPO / "docs" / "_intro.md", root / "_intro.md")
    done = run_cli(
        "generate",
        "--data",
        "data",
        "--docs",
        "docs",
        "--today",
        "2025-12-31",
        "--no-cache",
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    text = (root / "docs" / "generated" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert text.startswith("# 表单编辑")
    return yaml.safe_load(text)


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields, *path):
    for key in path:
        found = next(f for f in fields if f["name"] == key)
        fields = found.get("fields", [])
    return found


def test_one_collection_per_type_in_its_data_folder(config):
    names = [c["name"] for c in config["collections"]]
    # A yearly type has one collection per year folder: the sample's disclosures are of 2025.
    assert names == [f"{t.name}-2025" if t.name in cms.YEARLY else t.name for t in REGISTRY]
    assert config["locale"] == "zh_Hans" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {
        **config["backend"],
        "name": "github",
        "repo": "qingxi/dangjian",
        "branch": "main",
    }
    assert "local_backend" not in config
    villages = _collection(config, "village")
    assert (villages["folder"], villages["extension"], villages["format"], villages["label"]) == (
        "data/villages",
        "yaml",
        "strict-yaml",
        "村/社区",
    )
    tasks = _collection(config, "task")
    assert (tasks["folder"], tasks["path"]) == ("data/tasks", "{{plan}}/{{slug}}")
    assert _collection(config, "disclosure-2025")["folder"] == "data/disclosures/2025"


def test_widgets_follow_the_field_tree(config):
    disclosure = _collection(config, "disclosure-2025")["fields"]
    assert _field(disclosure, "category") == {
        "name": "category",
        "label": "公开类别",
        "required": True,
        "widget": "select",
        "options": ["党务", "村务", "财务"],
    }
    published = _field(disclosure, "published")
    assert (published["widget"], published["format"], published["time_format"]) == (
        "datetime",
        "YYYY-MM-DD",
        False,
    )
    amount = _field(disclosure, "finance", "income", "amount")
    assert (amount["widget"], amount["value_type"], amount["step"], amount["min"]) == (
        "number",
        "float",
        0.01,
        0,
    )
    # Inside an optional group nothing is required by the form; the validator still checks the group whole.
    assert _field(disclosure, "finance", "closing")["required"] is False
    assert _field(disclosure, "finance", "income", "item")["required"] is True
    review = _field(disclosure, "review")
    assert (review["widget"], review["min"], review["default"]) == ("list", 1, [])
    assert _field(disclosure, "items", "content")["widget"] == "text"
    ident = _field(disclosure, "id")
    assert ident["pattern"][0] == "^(?:[a-z0-9]+(-[a-z0-9]+)*)$" and "小写拼音" in ident["hint"]
    task = _collection(config, "task")["fields"]
    assert _field(task, "progress")["value_type"] == "int"
    assert _field(task, "milestones", "done") == {
        "name": "done",
        "label": "是否完成",
        "required": True,
        "widget": "boolean",
        "default": False,
    }


def test_references_are_relations_or_the_records_they_may_name(config):
    task = _collection(config, "task")["fields"]
    assert _field(task, "plan") == {
        "name": "plan",
        "label": "所属方案",
        "required": True,
        "widget": "relation",
        "collection": "plan",
        "value_field": "id",
        "search_fields": ["id", "title"],
        "display_fields": ["title"],
        "options_length": 500,
    }
    lead = _field(task, "lead_units")
    assert (lead["widget"], lead["multiple"], lead["min"]) == ("select", True, 1)
    values = {o["value"]: o["label"] for o in lead["options"]}
    assert values["zhen-caizhengsuo"] == "镇财政所（zhen-caizhengsuo）"  # a township's department
    # an id two townships have is offered in full, with its township
    assert values["hexi/zhen-dangjianban"] == "镇党建办（河西镇，hexi/zhen-dangjianban）"
    assert "qingxi/zhen-dangjianban" in values and "zhen-dangjianban" not in values
    assert values["zhukeng"] == "竹坑村（zhukeng）" and "shangtang-dangzhibu" in values
    subject = _field(_collection(config, "disclosure-2025")["fields"], "subject")
    assert {"qingxi", "zhukeng", "shangtang-dangzhibu"} <= {o["value"] for o in subject["options"]}
    grid = _field(_collection(config, "grid")["fields"], "village")
    assert (grid["widget"], grid["collection"]) == ("relation", "village")


def _settings(tmp_path, text):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "cms.yml").write_text(text, encoding="utf-8")
    return cms.load_settings(tmp_path / "data")


def test_forgejo_and_the_local_backend_are_chosen_in_cms_yml(tmp_path, monkeypatch):
    monkeypatch.delenv(cms.LOCAL_BACKEND_ENV, raising=False)
    settings = _settings(
        tmp_path,
        "backend: forgejo\nrepo: zhen/dangjian\n"
        "api_root: https://git.example/api/v1\napp_id: abc\n",
    )
    assert cms.backend(settings) == {
        **cms.backend(settings),
        "name": "forgejo",
        "repo": "zhen/dangjian",
        "api_root": "https://git.example/api/v1",
        "app_id": "abc",
    }
    assert "base_url" not in cms.backend(settings)
    monkeypatch.setenv(cms.LOCAL_BACKEND_ENV, "http://127.0.0.1:8081/api/v1")
    settings = _settings(tmp_path, "backend: github\nrepo: a/b\n")
    config = cms.config(REGISTRY, settings, cms.Choices({}), years=[2025])
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("backend: gitlab\n", "cms.yml 的 backend 填 github、gitea、forgejo 之一，不是“gitlab”"),
        (
            "backend: forgejo\nrepo: a/b\n",
            "cms.yml：backend 是 forgejo 时要填 api_root（Forgejo 的网址加 /api/v1）和 app_id"
            "（在 Forgejo 上建立的 OAuth 应用的客户端 ID），现在缺少 api_root、app_id。",
        ),
        ("backend: gitea\nrepo: a/b\n", "cms.yml：不能用 backend: gitea。"),
        ("backnd: github\n", "cms.yml 里有不认识的设置：backnd；"),
        ("- github\n", "cms.yml 应当是“设置名: 值”的列表"),
    ],
)
def test_bad_settings_are_a_chinese_error(tmp_path, text, message):
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", tmp_path / "data")
    (tmp_path / "cms.yml").write_text(text, encoding="utf-8")
    done = run_cli(
        "generate", "--data", "data", "--docs", "docs", "--today", "2025-12-31", cwd=tmp_path
    )
    assert done.returncode == 1
    assert f"表单编辑的设置有错误：{message}" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "docs" / "generated").exists()
