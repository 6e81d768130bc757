"""Every published version of a disclosure, from a real git history; the version pages as golden files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DISCLOSURE, TODAY
from gitrepo import GitRepo

from generators.check.validate import validate
from generators.history.difference import describe
from generators.history.versions import disclosure_versions
from generators.pipeline import GENERATED, generate
from generators.spec.registry import REGISTRY

GOLDEN = (
    Path(__file__).resolve().parent / "golden_versions"
)  # beside tests/golden/, which test_golden.py owns
ID = "xikou-2025-q1-caiwu"
SCHEMA = REGISTRY["disclosure"].schema
CORRECTION = """  - date: 2025-04-12
    reason: 经村务监督委员会核对票据，办公支出金额录入有误
    changes: 支出「办公」由 0.30 元更正为 0.20 元
"""


def versions(today=TODAY):
    result = validate(Path("data"), TODAY)
    assert result.ok, [p.text() for p in result.problems]
    return disclosure_versions(Path("data"), result.records, today)


def correct_the_expense(dataset):
    dataset.replace(
        DISCLOSURE, "    - item: 办公\n      amount: 0.30", "    - item: 办公\n      amount: 0.20"
    )
    dataset.replace(DISCLOSURE, "  closing: 1000.10", "  closing: 1000.20")
    dataset.write(DISCLOSURE, dataset.read(DISCLOSURE) + CORRECTION)


@pytest.fixture
def corrected(dataset):
    """Published on 2025-04-10, committed the next day, corrected the day after."""
    git = GitRepo(dataset.root).init()
    git.commit("Xikou's first-quarter accounts")
    correct_the_expense(dataset)
    git.commit("Correct the office expense")
    return git


def test_each_commit_of_a_published_disclosure_is_a_version(corrected):
    [first, second] = versions()[ID]
    assert (first.number, first.date, first.reasons, first.changes) == (
        1,
        dt.date(2025, 4, 11),
        (),
        (),
    )
    assert (second.number, second.date) == (2, dt.date(2025, 4, 12))
    assert second.reasons == ("经村务监督委员会核对票据，办公支出金额录入有误",)
    assert second.changes == (
        "支出「办公」由 0.30 元更正为 0.20 元",
        "「财务收支 › 期末余额（元）」由 1,000.10 元更正为 1,000.20 元",
    )
    assert len(first.fingerprint) == 12 and first.fingerprint != second.fingerprint
    assert second.commit == corrected.git("rev-parse", "HEAD")


def test_a_draft_replaced_before_its_published_date_is_no_version(dataset):
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2025-04-13")
    git = GitRepo(dataset.root).init()
    git.commit("Draft", date="2025-04-11T10:00:00+08:00")
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    git.commit("Draft reworded", date="2025-04-12T10:00:00+08:00")
    [only] = versions()[ID]
    assert (only.number, only.date) == (1, dt.date(2025, 4, 12))
    assert versions(today=dt.date(2025, 4, 12)) == {}  # not published yet on the 12th


def test_a_change_not_yet_committed_is_the_newest_version(corrected, dataset):
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    newest = versions()[ID][-1]
    assert (newest.number, newest.commit, newest.short_commit, newest.date) == (
        3,
        None,
        "未提交",
        TODAY,
    )
    assert newest.changes == ("公开内容「收支情况」的内容有改动",)


def test_a_version_with_a_personal_number_is_withheld(dataset):
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 联系人电话13812345678")
    git = GitRepo(dataset.root).init()
    git.commit("With a mobile number")
    dataset.replace(DISCLOSURE, "content: 联系人电话13812345678", "content: 本季度收支见下表")
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE) + CORRECTION.replace("办公支出金额录入有误", "删去个人电话"),
    )
    git.commit("Remove the number")
    [first, second] = versions()[ID]
    assert first.withheld and not second.withheld and second.changes == ()
    docs = dataset.root / "docs"
    docs.mkdir()
    assert generate(Path("data"), docs, TODAY).ok
    pages = "".join(p.read_text(encoding="utf-8") for p in (docs / GENERATED).rglob("*.md"))
    assert "13812345678" not in pages and "1381234" not in pages
    assert "此版本含有不应公开的个人信息" in (
        docs / GENERATED / "disclosures" / ID / "v1.md"
    ).read_text(encoding="utf-8")


def test_outside_git_there_are_no_versions(dataset):
    assert versions() == {}


def test_what_changed_said_in_chinese():
    old = {
        "title": "甲",
        "finance": {
            "opening": "10.00",
            "income": [{"item": "租金", "amount": "5.00"}],
            "expense": [{"item": "修路材料款", "amount": "12000.00"}],
            "closing": "x",
        },
        "review": [{"step": "审核", "by": "村务监督委员会", "date": "2025-04-05"}],
        "beneficiaries": [{"name": "张三丰", "benefit": "低保"}],
    }
    new = {
        "title": "乙",
        "finance": {
            "opening": "10.00",
            "income": [{"item": "补助", "amount": "1.50"}],
            "expense": [{"item": "修路材料款", "amount": "12600"}],
            "closing": "x",
        },
        "review": [{"step": "审核", "by": "村务监督委员会", "date": "2025-04-06"}],
        "beneficiaries": [{"name": "李四", "benefit": "低保"}],
        "withdrawn": {"date": "2025-05-01", "reason": "重复"},
    }
    assert describe(old, new, SCHEMA) == [
        "「标题」由「甲」更正为「乙」",
        "新增收入「补助」（1.50 元）",
        "删去收入「租金」（5.00 元）",
        "支出「修路材料款」由 12,000.00 元更正为 12,600.00 元",
        "审核程序「审核」的日期由「2025-04-05」更正为「2025-04-06」",
        "新增享受对象 1 人：李*（低保）",
        "删去享受对象 1 人：张*（低保）",
        "撤回：重复",
    ]


def test_version_pages_golden(corrected, dataset, request):
    docs = dataset.root / "docs"
    docs.mkdir()
    result = generate(Path("data"), docs, TODAY, site_url="https://example.org/qingxi/")
    assert result.ok
    out = docs / GENERATED / "disclosures"
    pages = {
        "v1.md": (out / ID / "v1.md"),
        "v2.md": (out / ID / "v2.md"),
        "current.md": out / f"{ID}.md",
    }
    update = request.config.getoption("--update-golden")
    for name, path in pages.items():
        text = path.read_text(encoding="utf-8")
        golden = GOLDEN / name
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), (
            f"{name} differs from tests/golden_versions/{name}"
        )
    fingerprints = (docs / GENERATED / "verify" / "fingerprints.json").read_text(encoding="utf-8")
    assert f'"url":"/disclosures/{ID}/v2/"' in fingerprints
