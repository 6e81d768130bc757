"""A published disclosure never changes silently: checked against a base version in a real git repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DISCLOSURE, TODAY, run_cli
from gitrepo import GitRepo

from generators.check.validate import validate

SHOWN = "data/" + DISCLOSURE
CORRECTION = """  - date: 2025-12-01
    reason: 经村务监督委员会核对票据，办公支出金额录入有误
    changes: 支出「办公」由 0.30 元更正为 0.20 元
"""


@pytest.fixture
def repo(dataset):
    """The minimal dataset committed once: its disclosure (published 2025-04-10) is public."""
    git = GitRepo(dataset.root).init()
    git.commit("Minimal dataset")
    return git


def problems(base="HEAD", today=TODAY):
    return [
        (p.code, p.path, p.line, p.col) for p in validate(Path("data"), today, base=base).problems
    ]


def spend_less(dataset):
    dataset.replace(
        DISCLOSURE, "    - item: 办公\n      amount: 0.30", "    - item: 办公\n      amount: 0.20"
    )
    dataset.replace(DISCLOSURE, "  closing: 1000.10", "  closing: 1000.20")


def test_an_unchanged_disclosure_passes(repo):
    assert problems() == []


def test_a_silent_edit_is_an_error_at_its_line(repo, dataset):
    spend_less(dataset)
    [found] = validate(Path("data"), TODAY, base="HEAD").problems
    assert (found.code, found.path, found.line, found.col) == (
        "published.silent-edit",
        SHOWN,
        30,
        15,
    )
    assert found.text() == (
        f"{SHOWN}:30:15: 错误 published.silent-edit 字段「财务收支 › 支出 第1项 › 金额（元）」："
        "这份公开已于 2025-04-10 公开，这里等 2 处被改动了，但没有新增更正记录"
        " — 在 corrections 下新增一条更正，写明 date（更正日期）、reason（更正原因）、changes（改了什么）；"
        "如果不是有意改动，恢复原来的内容"
    )


def test_an_edit_with_a_correction_is_accepted(repo, dataset):
    spend_less(dataset)
    dataset.write(DISCLOSURE, dataset.read(DISCLOSURE) + CORRECTION)
    assert problems() == []


def test_a_change_of_wording_alone_is_a_change_too(repo, dataset):
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支见下表。")
    assert problems() == [("published.silent-edit", SHOWN, 20, 14)]


def test_a_draft_may_change_freely(dataset):
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2025-12-30")
    git = GitRepo(dataset.root).init()
    git.commit("A disclosure to be published on 2025-12-30")
    spend_less(dataset)
    before = [p for p in problems(today=TODAY.replace(day=29)) if p[0].startswith("published.")]
    assert (
        before == []
    )  # (the published date is then in the future: date.future, not a published.* problem)
    after = [p for p in problems(today=TODAY) if p[0].startswith("published.")]
    assert after == [("published.silent-edit", SHOWN, 30, 15)]  # public from the 30th


def test_a_deletion_is_an_error_and_a_withdrawal_is_accepted(repo, dataset):
    original = dataset.read(DISCLOSURE)
    dataset.delete(DISCLOSURE)
    assert problems() == [("published.deleted", SHOWN, 1, 1)]
    [found] = validate(Path("data"), TODAY, base="HEAD").problems
    assert "已于 2025-04-10 公开的「溪口村2025年第一季度财务收支公开」被删除了" in found.text()
    dataset.write(
        DISCLOSURE,
        original + "withdrawn:\n  date: 2025-12-20\n  reason: 该期账目由镇财政所统一重新公开\n",
    )
    assert problems() == []


@pytest.mark.parametrize("folder", ["2025", "2024"])  # renamed, and renamed and moved
def test_renaming_a_published_id_is_an_error(repo, dataset, folder):
    renamed = f"disclosures/{folder}/xikou-caiwu-2025-q1.yaml"
    dataset.write(
        renamed,
        dataset.read(DISCLOSURE).replace("id: xikou-2025-q1-caiwu", "id: xikou-caiwu-2025-q1"),
    )
    dataset.delete(DISCLOSURE)
    [found] = [
        p
        for p in validate(Path("data"), TODAY, base="HEAD").problems
        if p.code != "disclosure.year-folder"
    ]
    assert (found.code, found.path, found.line, found.col) == (
        "published.id-changed",
        "data/" + renamed,
        1,
        5,
    )
    assert "已公开的 xikou-2025-q1-caiwu 被改成了编号 xikou-caiwu-2025-q1" in found.text()


def test_earlier_corrections_stay_as_they_were(repo, dataset):
    dataset.replace(
        DISCLOSURE, "    reason: 更正一笔收入的项目名称", "    reason: 更正收入项目名称"
    )
    assert problems() == [("published.correction-changed", SHOWN, 38, 5)]
    dataset.replace(
        DISCLOSURE, "corrections:\n  - date: 2025-04-20\n    reason: 更正收入项目名称\n", ""
    )
    assert [code for code, *_ in problems()] == ["published.correction-changed"]


def test_a_withdrawal_cannot_be_undone(dataset):
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE) + "withdrawn:\n  date: 2025-12-20\n  reason: 重复公开\n",
    )
    GitRepo(dataset.root).init().commit("Withdrawn")
    dataset.replace(DISCLOSURE, "withdrawn:\n  date: 2025-12-20\n  reason: 重复公开\n", "")
    assert [code for code, *_ in problems()] == ["published.withdrawal-changed"]


def test_a_base_that_cannot_be_read_is_an_error(repo, dataset):
    assert problems("no-such-branch") == [("published.no-base", "data", 1, 1)]
    [found] = validate(Path("data"), TODAY, base="no-such-branch").problems
    assert "找不到基准版本 no-such-branch" in found.text()


def test_outside_git_the_check_is_an_error_not_a_pass(dataset):
    [found] = validate(Path("data"), TODAY, base="HEAD").problems
    assert found.code == "published.no-base" and "不在 git 仓库中" in found.text()


def test_a_shallow_clone_says_so(repo, dataset, tmp_path):
    repo.commit("Second commit")
    clone = tmp_path / "clone"
    repo.git("clone", "--quiet", "--depth=1", f"file://{dataset.root}", str(clone))
    done = run_cli("validate", "--base", "HEAD~1", "--today", "2025-12-31", cwd=clone)
    assert done.returncode == 1
    assert (
        "找不到基准版本 HEAD~1（当前是浅克隆，历史不完整：检出时请用 fetch-depth: 0）"
        in done.stdout
    )


def test_a_rewritten_history_is_detected(repo, dataset):
    repo.git("tag", "published")
    spend_less(dataset)
    repo.git("add", "-A")
    repo.git("commit", "--quiet", "--amend", "-m", "Rewritten", date="2025-04-12T10:00:00+08:00")
    assert problems("published") == [("published.history-rewritten", "data", 1, 1)]


def test_github_annotation_on_the_changed_line(repo, dataset):
    spend_less(dataset)
    done = run_cli(
        "validate",
        "--base",
        "HEAD",
        "--today",
        "2025-12-31",
        "--format",
        "github",
        cwd=dataset.root,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(
        f"::error file={SHOWN},line=30,col=15,title=published.silent-edit"
    )


# A move to another year folder: the published rule follows the id, so it holds there too.
IN_2024 = "disclosures/2024/xikou-2025-q1-caiwu.yaml"


def published_problems():
    return [p for p in problems() if p[0].startswith("published.")]


def test_a_move_with_the_published_date_changed_silently_is_an_error(repo, dataset):
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2024-12-30")
    dataset.move(DISCLOSURE, IN_2024)
    assert published_problems() == [("published.silent-edit", "data/" + IN_2024, 7, 12)]


def test_a_move_with_an_edit_keeps_its_corrections_rule(repo, dataset):
    dataset.replace(
        DISCLOSURE, "    reason: 更正一笔收入的项目名称", "    reason: 更正收入项目名称"
    )
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2024-12-30")
    dataset.write(DISCLOSURE, dataset.read(DISCLOSURE) + CORRECTION)
    dataset.move(DISCLOSURE, IN_2024)
    assert published_problems() == [("published.correction-changed", "data/" + IN_2024, 38, 5)]


def test_a_copy_in_another_year_folder_is_a_duplicate_id(repo, dataset):
    dataset.write(IN_2024, dataset.read(DISCLOSURE))
    assert ("id.duplicate", "data/" + DISCLOSURE, 1, 5) in problems()
