"""Secretaries' reports (述职评议): their checks on the minimal dataset, the share of secretaries who
reported on a small fixture, and the pages with each township's results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import PLAN, TODAY
from test_metrics import result as computed
from test_metrics import summary

from generators.pipeline import GENERATED, generate

FILE = "appraisals/xikou-dangzhibu-2025.yaml"


def report(dataset, year: int = 2025, date: str = "2025-12-26", extra: str = "") -> None:
    dataset.write(
        f"appraisals/xikou-dangzhibu-{year}.yaml",
        f"id: xikou-dangzhibu-{year}\nbranch: xikou-dangzhibu\nyear: {year}\ndate: {date}\n"
        f"reporter: 郑海涛\nheard_by: 镇党委抓基层党建工作述职评议会议\n{extra}",
    )


def texts(dataset) -> list[str]:
    return [p.text() for p in dataset.validate().problems]


def test_a_report_is_clean(dataset):
    report(dataset, extra="rating: 较好\nsatisfaction: 96.5\nvoters: 40\n")
    assert texts(dataset) == []


def test_a_date_outside_the_reporting_time(dataset):
    report(dataset, 2024, "2025-05-10")
    assert texts(dataset) == [
        "data/appraisals/xikou-dangzhibu-2024.yaml:4:7: 错误 appraisal.date 字段「述职日期」："
        "述职日期 2025-05-10 不在 2024 年下半年，也不在次年 2025-03-31 之前 — "
        "检查述职日期和年度：2024 年的工作在当年年底或次年3月底前述职，其他年份的述职记到对应年份的文件中"
    ]


def test_a_future_report_and_a_satisfaction_above_100(dataset):
    report(dataset, 2025, "2025-12-26", "satisfaction: 101\n")
    assert [(p.code, p.line) for p in dataset.validate().problems] == [("schema.range", 7)]
    report(dataset, 2025, "2026-01-08")
    assert [(p.code, p.line) for p in dataset.validate().problems] == [("date.future", 4)]


def test_the_share_of_secretaries_who_reported(dataset):
    dataset.replace(
        PLAN, "    metric: one_shoulder_share\n", "    metric: secretary_report_share\n"
    )
    dataset.replace(PLAN, "    value: 50\n", "    value: 100\n")
    assert summary(computed(dataset)) == (
        "未达标",
        Decimal("0.0"),
        [("xikou-dangzhibu", "2025年未述职")],
        "",
    )
    report(dataset, extra="rating: 较好\nsatisfaction: 96.5\n")
    assert summary(computed(dataset))[:3] == ("达标", Decimal("100.0"), [])
    found = computed(dataset).result.units[0]
    assert found.shown == "2025-12-26 述职，较好（满意率 96.5%）"


def test_the_pages_show_each_townships_results(dataset, tmp_path):
    report(dataset, extra="rating: 较好\n")
    out = tmp_path / "out"
    generate(Path("data"), out, TODAY)
    index = (out / GENERATED / "appraisals" / "index.md").read_text("utf-8")
    assert "| 1 个 | 1 个 | 100&#37; | 较好 1 个 |" in index
    page = (out / GENERATED / "appraisals" / "xikou-dangzhibu-2025.md").read_text("utf-8")
    assert "| 述职人 | 郑海涛 |" in page and "| 满意率 | 未公布 |" in page


def test_pledge_share_counts_organisations_that_published_the_years_pledges(dataset):
    """公开承诺、述职的党组织书记面要达 100%: the pledges half, from 承诺践诺评诺 records."""
    dataset.replace(
        PLAN,
        "    metric: one_shoulder_share\n",
        "    metric: secretary_pledge_share\n    year: 2024\n",
    )
    assert summary(computed(dataset))[:3] == ("达标", Decimal("100.0"), [])
    dataset.delete("pledges/xikou-dangzhibu-2024.yaml")
    assert summary(computed(dataset))[:3] == (
        "未达标",
        Decimal("0.0"),
        [("xikou-dangzhibu", "2024年未公开承诺")],
    )
