"""党员积分 (member points): its checks on the minimal dataset, the coverage metric, and the pages,
which carry counts and averages only, never a member's score."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import PLAN, TODAY
from test_metrics import result as computed
from test_metrics import summary

from generators.pipeline import GENERATED, generate

FILE = "points/xikou-dangzhibu-2025.yaml"


def record(dataset, scored: int = 22, grades: tuple[int, int, int, int] = (4, 17, 1, 0)) -> None:
    keys = ("excellent", "qualified", "basic", "unqualified")
    dataset.write(
        FILE,
        f"id: xikou-dangzhibu-2025\nbranch: xikou-dangzhibu\nyear: 2025\nscored: {scored}\n"
        "average: 90.5\ngrades:\n"
        + "".join(f"  {key}: {count}\n" for key, count in zip(keys, grades, strict=True)),
    )


def texts(dataset) -> list[str]:
    return [p.text() for p in dataset.validate().problems]


def test_the_minimal_record_is_clean(dataset):
    assert texts(dataset) == []


def test_grades_that_do_not_add_up_to_those_scored(dataset):
    record(dataset, grades=(4, 16, 1, 0))
    assert texts(dataset) == [
        f"data/{FILE}:7:3: 错误 points.grades-sum 字段「评定等次人数」："
        "各等次人数（优秀 4、合格 16、基本合格 1、不合格 0）合计 21 人，参加积分的党员却是 22 人"
        " — 核对各等次的人数和参加积分的党员数，使两者相等"
    ]


def test_more_scored_than_the_organisation_has_is_a_warning(dataset):
    record(dataset, scored=23, grades=(4, 18, 1, 0))
    assert texts(dataset) == [
        f"data/{FILE}:4:9: 警告 points.scored-exceeds 字段「参加积分的党员数」："
        "参加积分的党员 23 人，但溪口村党支部党员总数只有 22 人"
        " — 核对参加积分的党员数；党员总数有变化的，同时更新党组织记录的“党员情况”"
    ]


def target(dataset) -> None:
    dataset.replace(
        PLAN, "    metric: one_shoulder_share\n", "    metric: member_points_coverage_share\n"
    )


def test_coverage_counts_organisations_whose_members_were_all_scored(dataset):
    target(dataset)
    assert summary(computed(dataset))[:3] == ("达标", Decimal("100.0"), [])
    record(dataset, scored=20, grades=(4, 15, 1, 0))
    assert summary(computed(dataset))[:3] == (
        "未达标",
        Decimal("0.0"),
        [("xikou-dangzhibu", "积分管理党员 20 / 22 名")],
    )
    dataset.delete(FILE)
    assert summary(computed(dataset))[2] == [("xikou-dangzhibu", "未实行党员积分管理")]


def test_the_pages_show_counts_only(dataset, tmp_path):
    out = tmp_path / "out"
    generate(Path("data"), out, TODAY)
    page = (out / GENERATED / "points" / "xikou-dangzhibu-2025.md").read_text("utf-8")
    assert "参加积分的党员 22 名，平均积分 90.5 分。" in page
    assert "| 基本合格 | 1 人 |" in page
    index = (out / GENERATED / "points" / "index.md").read_text("utf-8")
    assert (
        "参加积分的党员 22 名，平均积分 90.5 分；优秀 4 人，合格 17 人，基本合格 1 人，不合格 0 人。"
        in index
    )
    assert "各村（社区）党组织的党员都参加了积分管理。" in index
    branch = (out / GENERATED / "branches" / "xikou-dangzhibu.md").read_text("utf-8")
    assert "## 党员积分 { #jifen }" in branch
