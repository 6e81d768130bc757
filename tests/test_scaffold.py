"""`python -m generators new TYPE`: a new record from its schema, valid as written when given its values.

For every record type in the registry, `new` with sensible options writes one
file where the registry says, and `validate` over the minimal dataset with it
reports no error. Without the values it cannot know, the fields stay empty and
`validate` names each of them. An id in use, or a file that exists, is refused.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest
from conftest import TODAY, run_cli

from generators.editors.scaffold import pinyin_id
from generators.spec.registry import REGISTRY

DAY = TODAY.isoformat()

# What staff would give for each type, inside the minimal dataset (township qingxi, village xikou,
# branch xikou-dangzhibu, plan jiceng-2025 with action zhuwang).
OPTIONS = {
    "county": [
        "--name",
        "云岭县",
        "--set",
        "party_committee=中共云岭县委员会",
        "--set",
        "site_title=云岭县党建引领基层治理公开平台",
        "--set",
        "maintainer=中共云岭县委组织部",
    ],
    "township": [
        "--name",
        "青山镇",
        "--set",
        "county=青溪县",
        "--set",
        "party_committee=中共青山镇委员会",
        "--set",
        "site_title=青山镇基层党建",
        "--set",
        "departments[0].id=qingshan-dangjianban",
        "--set",
        "departments[0].name=镇党建办",
        "--set",
        "disclosure_catalogue[0].key=dangwu-gongkai",
        "--set",
        "disclosure_catalogue[0].category=党务",
        "--set",
        "disclosure_catalogue[0].title=党务公开",
        "--set",
        "disclosure_catalogue[0].applies_to=镇党委",
        "--set",
        "disclosure_catalogue[0].rhythm=每年",
        "--set",
        "disclosure_catalogue[0].due_days=30",
        "--set",
        "decision_steps=村党组织提议,村两委会议商议,党员大会审议,村民代表会议决议",
    ],
    "village": [
        "--name",
        "下坪村",
        "--set",
        "kind=行政村",
        "--set",
        "township=qingxi",
        "--set",
        "groups=5",
        "--set",
        "committee_term.end=2026-12-31",
        "--set",
        "supervision_committee.term_end=2026-12-31",
        "--set",
        "households=300",
        "--set",
        "population=900",
        "--set",
        "grids=0",
        "--set",
        "leaders.secretary=李明",
        "--set",
        "leaders.director=王芳",
        "--set",
        "supervision_committee.size=3",
        "--set",
        "collective_economy[0].total_income=120000.00",
        "--set",
        "collective_economy[0].operating_income=50000",
    ],
    "branch": [
        "--name",
        "下坪村党支部",
        "--set",
        "level=党支部",
        "--set",
        "sector=农村",
        "--set",
        "township=qingxi",
        "--set",
        "established=2010-05-01",
        "--set",
        "committee[0].role=书记",
        "--set",
        "committee[0].name=李明",
        "--set",
        "members.total=20",
        "--set",
        "members.probationary=1",
        "--set",
        "members.female=6",
        "--set",
        "members.under_35=4",
        "--set",
        "members.college=5",
        "--set",
        "members.mobile=2",
        "--set",
        "term.end=2030-12-31",
    ],
    "meetings": ["--set", "branch=xikou-dangzhibu", "--set", "year=2024"],
    "plan": [
        "--name",
        "青溪镇2026年基层治理实施方案",
        "--set",
        "issuer=中共青溪镇委员会",
        "--set",
        "doc_number=青委发〔2025〕9号",
        "--set",
        "period.start=2026-01-01",
        "--set",
        "period.end=2026-12-31",
        "--set",
        "actions[0].id=lianhu",
        "--set",
        "actions[0].name=党员联户行动",
        "--set",
        "actions[0].goal=每名党员联系十户群众",
    ],
    "task": [
        "--name",
        "党员联户",
        "--plan",
        "jiceng-2025",
        "--set",
        "action=zhuwang",
        "--set",
        "content=每名党员联系十户群众",
        "--set",
        "lead_units=xikou-dangzhibu",
        "--set",
        "responsible_units=xikou",
        "--set",
        "deadline=长期坚持",
        "--set",
        "status=推进中",
        "--set",
        "progress=0",
    ],
    "disclosure": [
        "--name",
        "溪口村2025年第四季度财务公开",
        "--set",
        "category=财务",
        "--set",
        "item=cunji-caiwu",
        "--set",
        "subject=xikou",
        "--set",
        "period=2025-Q4",
        "--set",
        "review[0].step=提出",
        "--set",
        "review[0].by=溪口村党支部",
        "--set",
        "items[0].title=收支情况",
        "--set",
        "items[0].content=收支见附件: 第1页 #1 “明细”",
    ],
    "finding": [
        "--name",
        "党员活动室未按时开放",
        "--set",
        "unit=xikou",
        "--set",
        "source=自查",
        "--set",
        "measure=明确开放时间并公示",
        "--set",
        "responsible=郑海涛",
        "--set",
        "status=整改中",
        "--set",
        "deadline=2026-03-31",
    ],
    "new_org": [
        "--name",
        "青溪茶叶合作社",
        "--set",
        "kind=非公企业",
        "--set",
        "sector=茶叶加工",
        "--set",
        "township=qingxi",
        "--set",
        "staff=12",
        "--set",
        "party_members=0",
        "--set",
        "coverage=选派党建指导员",
        "--set",
        "instructor=李明",
    ],
    "pledge": [
        "--set",
        "branch=xikou-dangzhibu",
        "--set",
        "year=2023",
        "--set",
        "items[0].promise=修缮村道",
        "--set",
        "items[0].status=推进中",
    ],
    "grid": [
        "--name",
        "溪口村第四网格",
        "--set",
        "village=xikou",
        "--set",
        "leader=郑海涛",
        "--set",
        "households=80",
        "--set",
        "party_members=5",
    ],
    "deliberation": [
        "--id",
        "xikou-2025-1",
        "--set",
        "village=xikou",
        "--set",
        "kind=民主恳谈会",
        "--set",
        "date=2025-03-10",
        "--set",
        "topic=村道环境整治",
        "--set",
        "participants=30",
        "--set",
        "outcome=议定分段包干清理",
    ],
    "venue": [
        "--name",
        "溪口村党群服务中心",
        "--set",
        "village=xikou",
        "--set",
        "area=260",
        "--set",
        "opening_hours=周一至周五 8:30-17:30",
        "--set",
        "address=青溪镇溪口村溪口路8号",
    ],
    "oversight_log": ["--set", "village=xikou", "--set", "year=2024"],
    "training": [
        "--name",
        "党员冬训",
        *("--set", "township=qingxi", "--set", "organiser=青溪镇党委", "--set", "level=镇级"),
        *("--set", "date=2025-01-15", "--set", "hours=24", "--set", "audience=党员"),
        *("--set", "attendance[0].branch=xikou-dangzhibu", "--set", "attendance[0].present=20"),
    ],
    "appraisal": [
        *("--set", "branch=xikou-dangzhibu", "--set", "year=2023", "--set", "date=2023-12-26"),
        *("--set", "reporter=郑海涛", "--set", "heard_by=镇党委述职评议会议"),
    ],
    "member_points": [
        *("--set", "branch=xikou-dangzhibu", "--set", "year=2023"),
        *("--set", "scored=20", "--set", "average=90.5"),
        *("--set", "grades.excellent=4", "--set", "grades.qualified=15"),
        *("--set", "grades.basic=1", "--set", "grades.unqualified=0"),
    ],
    "recruitment": [
        *("--set", "branch=xikou-dangzhibu", "--set", "year=2023"),
        *("--set", "applicants.total=1", "--set", "applicants.under_35=1"),
        *("--set", "activists.total=1", "--set", "activists.under_35=1"),
        *("--set", "candidates.total=1", "--set", "candidates.under_35=1"),
        *("--set", "admitted.total=1", "--set", "admitted.under_35=1"),
        *("--set", "confirmed.total=1", "--set", "confirmed.under_35=1"),
    ],
}


def new(dataset, record_type: str, *options: str):
    return run_cli("new", record_type, "--today", DAY, *options, cwd=dataset.root)


def validate(dataset):
    return run_cli("validate", "--today", DAY, "--no-cache", cwd=dataset.root)


def created(done) -> str:
    match = re.search(r"已新建.+?记录：(\S+)", done.stdout)
    assert match, done.stdout + done.stderr
    return match.group(1)


def test_every_type_has_options():
    assert sorted(OPTIONS) == sorted(t.name for t in REGISTRY)


@pytest.mark.parametrize("record_type", [t.name for t in REGISTRY])
def test_new_record_with_its_values_is_valid_as_written(dataset, record_type):
    if record_type == "township":  # a second township: every plan says its own
        dataset.plan_in_township()
    before = set(dataset.data.rglob("*.yaml"))
    done = new(dataset, record_type, *OPTIONS[record_type])
    assert done.returncode == 0, done.stderr
    path = created(done)
    after = set(dataset.data.rglob("*.yaml"))
    assert [p.relative_to(dataset.root).as_posix() for p in after - before] == [path]
    made = REGISTRY.type_of(PurePosixPath(dataset.root.joinpath(path).relative_to(dataset.data)))
    assert made is not None and made.name == record_type
    assert "下一步" in done.stdout and "python -m generators validate" in done.stdout
    if record_type == "disclosure":  # a value YAML would misread unquoted is written quoted
        assert 'content: "收支见附件: 第1页 #1 “明细”"\n' in dataset.root.joinpath(path).read_text(
            encoding="utf-8"
        )
    checked = validate(dataset)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过" in checked.stdout or "共 0 个错误" in checked.stdout, checked.stdout


@pytest.mark.parametrize("record_type", [t.name for t in REGISTRY])
def test_every_field_left_empty_is_named_by_validate(dataset, record_type):
    """Given only what places the file, the fields to fill stay empty, and validate names each one."""
    placing = {
        "meetings": ["--set", "branch=xikou-dangzhibu", "--set", "year=2023"],
        "pledge": ["--set", "branch=xikou-dangzhibu", "--set", "year=2023"],
        "oversight_log": ["--set", "village=xikou", "--set", "year=2023"],
        "appraisal": ["--set", "branch=xikou-dangzhibu", "--set", "year=2023"],
        "recruitment": ["--set", "branch=xikou-dangzhibu", "--set", "year=2023"],
        "member_points": ["--set", "branch=xikou-dangzhibu", "--set", "year=2023"],
        "task": ["--name", "党员联户", "--plan", "jiceng-2025"],
    }
    done = new(dataset, record_type, *placing.get(record_type, ["--name", "新记录名称"]))
    assert done.returncode == 0, done.stderr
    text = dataset.root.joinpath(created(done)).read_text(encoding="utf-8")
    listed = [line.strip()[2:] for line in done.stdout.splitlines() if line.startswith("       - ")]
    checked = validate(dataset)
    empty = [line for line in checked.stdout.splitlines() if "schema.empty" in line]
    for label in listed:
        assert any(f"「{label}」" in line or label in line for line in empty), (
            label,
            checked.stdout,
        )
    assert len(empty) == len(listed), checked.stdout
    assert text.count("# ") >= len(listed)  # a comment over every field


def test_the_skeleton_comments_each_field_with_label_hint_and_choices(dataset):
    done = new(dataset, "disclosure", "--name", "溪口村2025年第四季度财务公开")
    assert done.returncode == 0, done.stderr
    path = created(done)
    assert path == "data/disclosures/2025/xikoucun-2025-niandisijiducaiwugongkai.yaml"
    text = dataset.root.joinpath(path).read_text(encoding="utf-8")
    assert "# 公开类别（必填）。可填：党务、村务、财务\ncategory:\n" in text
    assert f"# 公开日期（必填）。日期写成 2025-03-31\npublished: {DAY}\n" in text
    assert (
        "review:\n  # 环节（必填）。可填：提出、审核、审批\n  - step:\n    # 经办单位（必填）\n    by:\n"
        in text
    )
    assert "title: 溪口村2025年第四季度财务公开\n" in text
    assert "# 还可以填写的字段：finance（财务收支）" in text


def test_an_id_in_use_is_refused(dataset):
    for options in (
        ["village", "--id", "xikou"],
        ["branch", "--id", "xikou"],
        ["task", "--id", "wangge-fugai", "--plan", "jiceng-2025"],
    ):
        before = {p: p.read_bytes() for p in dataset.data.rglob("*.yaml")}
        done = new(dataset, *options)
        assert done.returncode == 1, done.stdout
        assert (
            "已经有记录在用（data/" in done.stderr
            and "不能重复" in done.stderr
            and "Traceback" not in done.stderr
        )
        assert {p: p.read_bytes() for p in dataset.data.rglob("*.yaml")} == before


def test_bad_requests_are_chinese_usage_errors(dataset):
    cases = [
        (["notice", "--name", "通知"], "没有「notice」这种记录"),
        (["task", "--name", "党员联户"], "请用 --plan 指定所属方案的编号"),
        (["village", "--name", "下坪村", "--set", "nmae=x"], "没有字段「nmae」"),
        (["village", "--name", "下坪村", "--set", "kind"], "应写成 字段=值"),
        (["village", "--id", "Xia Ping"], "编号「Xia Ping」不符合格式"),
        (["meetings"], "请用 --name 给出名称"),
        (["pledge", "--name", "承诺"], "没有名称字段"),
    ]
    for options, message in cases:
        done = new(dataset, *options)
        assert done.returncode == 1, (options, done.stdout)
        assert message in done.stderr and "Traceback" not in done.stderr, (options, done.stderr)
    assert not list(dataset.data.glob("villages/xiaping*.yaml"))


def test_pinyin_id():
    assert pinyin_id("下坪村2025年第四季度财务公开") == "xiapingcun-2025-niandisijiducaiwugongkai"
    assert pinyin_id("溪口村 党支部") == "xikoucun-dangzhibu"
    assert pinyin_id("“青溪”茶叶 Co.") == "qingxi-chaye-co"
