"""A township's figures of party building (基层党建指标): each later type's metric over the
township, with who falls short, on the township page and compared on the county home."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import TODAY

from generators.model.indicators import INDICATORS, NO_RECORDS, figures_of
from generators.model.targets import METRICS, Targets
from generators.pipeline import GENERATED, generate

SPAN = re.compile(r"</?span[^>]*>")


def section(page: str, heading: str) -> str:
    """A page's section as a reader sees its text (entities read, no spans), up to the next
    heading."""
    start = page.index(f"\n## {heading}")
    end = page.find("\n## ", start + 1)
    return html.unescape(SPAN.sub("", page[start : end if end != -1 else len(page)]))


def row(text: str, first_cell: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {first_cell}"))


def test_every_indicator_is_a_metric_plans_offer():
    assert all(i.metric in METRICS for i in INDICATORS)


@pytest.mark.sample_data
def test_a_township_figure_is_the_plan_target_over_the_same_township(sample_model):
    """Where a township's own plan holds the same standard, the figure is the target's value."""
    by_metric = {
        result.metric.name: result
        for plan, result in Targets(sample_model).all()
        if result.metric and sample_model.township_of_plan(plan) == "qingxi"
    }
    figures = {f.indicator.metric: f for f in figures_of(sample_model, "qingxi")}
    for name in (
        "secretary_report_share",
        "recruitment_stalled_share",
        "venue_area_share",
        "venue_function_share",
    ):
        share = figures[name].share
        result = by_metric[name].result
        assert share is not None and result is not None
        assert share.rate == result.value, name
    reports = figures["secretary_report_share"].share
    assert reports is not None and reports.shown == "77.8%（7 / 9）"


@pytest.mark.sample_data
def test_the_township_page_names_who_falls_short(sample_pages):
    figures = section(sample_pages["townships/qingxi.md"], "基层党建指标")
    reports = row(figures, "党组织书记述职评议")
    assert "77.8%（7 / 9）" in reports and "未达标" in reports
    assert "[岭下村党支部](/generated/branches/lingxia-dangzhibu.md)：2025年未述职" in reports
    assert "[竹坑村党支部](/generated/branches/zhukeng-dangzhibu.md)：2025年未述职" in reports
    stalled = row(figures, "三年未发展党员")
    assert "| ≤ 0% | " in stalled and "22.2%（2 / 9）" in stalled
    assert "[竹坑村党支部](/generated/branches/zhukeng-dangzhibu.md)：2023—2025年未发展党员" in (
        stalled
    )
    members = row(figures, "党员年人均培训达到 32 学时")
    assert "77.8%（7 / 9）" in members
    assert "[石桥村党支部](/generated/branches/shiqiao-dangzhibu.md)：人均 30.67学时" in members
    hexi = section(sample_pages["townships/hexi.md"], "基层党建指标")
    assert "| 100%（2 / 2） 达标 | — |" in row(hexi, "党组织书记述职评议")
    assert "| 100%（1 / 1） 达标 | — |" in row(hexi, "每个已满季度都组织了")
    assert "镇里没有为范围内的村（社区）规定阵地应有功能" in row(hexi, "活动阵地功能齐全")


def test_a_township_without_records_of_the_year_has_no_figure(dataset, tmp_path):
    """The minimal township's only 述职 is of 2024: in 2025 it has none, so no 0%."""
    out = tmp_path / "out"
    generate(Path("data"), out, TODAY)
    page = (out / GENERATED / "townships" / "qingxi.md").read_text("utf-8")
    assert f"| ≥ 100% | {NO_RECORDS} | — |" in row(
        section(page, "基层党建指标"), "党组织书记述职评议"
    )
    dataset.write(
        "appraisals/xikou-dangzhibu-2025.yaml",
        "id: xikou-dangzhibu-2025\nbranch: xikou-dangzhibu\nyear: 2025\ndate: 2025-12-20\n"
        "reporter: 郑海涛\nheard_by: 青溪镇党委述职评议会议\n",
    )
    generate(Path("data"), out, TODAY)
    page = (out / GENERATED / "townships" / "qingxi.md").read_text("utf-8")
    assert "100%（1 / 1）" in row(section(page, "基层党建指标"), "党组织书记述职评议")


@pytest.mark.sample_data
def test_the_county_home_compares_the_figures_of_its_townships(sample_pages):
    table = section(sample_pages["index.md"], "各镇（街道）")
    heading = row(table, "镇（街道） | 党员学时")
    others = row(table, "镇（街道） | 议事协商")  # two tables, each fits a desktop's column
    assert heading.count("|") + others.count("|") == len(INDICATORS) + 4
    qingxi = row(table, "[青溪镇](/generated/townships/qingxi.md) | 77.8%")
    assert qingxi.split(" | ")[5] == "77.8%（7 / 9）"  # 书记述职面
    figures = table[table.index("### 基层党建指标") :]
    hexi = [
        [c.strip() for c in line.strip("| ").split(" | ")][1:]
        for line in figures.splitlines()
        if line.startswith("| [河西镇](/generated/townships/hexi.md) |")
    ]
    assert hexi == [
        [
            "0%（0 / 2）",
            "0%（0 / 2）",
            "100%（1 / 1）",  # the township trained its secretaries in every quarter ended
            "100%（2 / 2）",  # both villages' cadres in a training of the year
            "100%（2 / 2）",
            "50%（1 / 2）",
            "100%（2 / 2）",  # both new members under 35 (people, not villages)
        ],
        ["50%（1 / 2）", "50%（1 / 2）", "—", "50%（1 / 2）"],
    ]


@pytest.mark.sample_data
def test_quarterly_training_rotation_and_young_members_on_the_township_page(sample_pages):
    """The township's own quarterly training names the quarter it missed (the fourth is still
    open on 12-31); the share under 35 counts people, and lists the organisation below it."""
    figures = section(sample_pages["townships/qingxi.md"], "基层党建指标")
    quarterly = row(figures, "每个已满季度都组织了村（社区）书记和班子成员培训的镇党委")
    assert "0%（0 / 1） 未达标" in quarterly
    assert "[青溪镇](/generated/townships/qingxi.md)：第三季度未举办" in quarterly
    assert "| 100%（9 / 9） 达标 | — |" in row(figures, "当年村（社区）干部参加了轮训")
    young = row(figures, "35岁以下的当年新发展党员")
    assert "| ≥ 50% | 71.4%（5 / 7） 达标 |" in young
    assert (
        "[上塘村党支部](/generated/branches/shangtang-dangzhibu.md)：新发展 1 名，35岁以下 0 名"
        in (young)
    )
