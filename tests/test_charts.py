"""Charts as static SVG: well-formed, self-contained, scalable, labelled in Chinese, drawing the numbers given."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from generators.render import charts
from generators.render.charts import Milestone, StatusRow, TimelineRow

NS = {"svg": charts.SVG_NS}
TODAY = dt.date(2025, 12, 31)
NASTY = '<script>alert(1)</script> & "引号" | *星* ]]>'

SEGMENTS = {"已完成": 3, "推进中": 2, "未启动": 1, "逾期": 1, "已取消": 1}


def status_chart(label="高质量换届行动") -> str:
    return charts.status_bars(
        [
            StatusRow(label, SEGMENTS, "8 项，进度 57.9%"),
            StatusRow("筑网强基行动", {"已完成": 4}),
            StatusRow("空行动", {}),
        ],
        "各行动任务状态",
    )


def timeline_chart(label="信访积案清零") -> str:
    rows = [
        TimelineRow(
            label,
            dt.date(2025, 4, 1),
            dt.date(2025, 10, 31),
            "已完成",
            completed=dt.date(2025, 10, 28),
        ),
        TimelineRow(
            "风险排查",
            dt.date(2025, 9, 1),
            dt.date(2025, 12, 31),
            "推进中",
            milestones=(
                Milestone(dt.date(2025, 10, 31), True),
                Milestone(dt.date(2025, 12, 31), False),
            ),
        ),
        TimelineRow(
            "三会一课", dt.date(2025, 3, 1), dt.date(2026, 12, 31), "推进中", long_term=True
        ),
        TimelineRow("任期审计", dt.date(2025, 8, 1), dt.date(2025, 12, 20), "逾期"),
    ]
    return charts.timeline(
        rows, dt.date(2025, 3, 1), dt.date(2026, 12, 31), TODAY, "高质量换届行动时间安排"
    )


def economy_chart() -> str:
    return charts.economy_bars(
        [
            (2023, Decimal("386520.40"), Decimal("152300.00")),
            (2024, Decimal("412870.25"), Decimal("168450.60")),
            (2025, Decimal("455230.18"), Decimal("186720.35")),
        ],
        "上塘村集体经济收入",
    )


def bar_chart(label="五星级党组织比例") -> str:
    return charts.bar_with_threshold(Decimal("44.4"), Decimal(50), Decimal(100), label, "%")


CHARTS = {
    "bar": bar_chart,
    "status": status_chart,
    "timeline": timeline_chart,
    "economy": economy_chart,
}


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def attr(element: ET.Element, name: str) -> str:
    value = element.get(name)
    assert value is not None, name
    return value


def desc_of(root: ET.Element) -> str:
    desc = root.find("svg:desc", NS)
    assert desc is not None and desc.text is not None
    return desc.text


def floats(element: ET.Element, *names: str) -> tuple[float, ...]:
    return tuple(float(attr(element, name)) for name in names)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_is_one_line_of_well_formed_svg(name):
    svg = CHARTS[name]()
    assert "\n" not in svg and "\r" not in svg
    root = parsed(svg)  # raises if not well-formed XML
    assert root.tag == f"{{{charts.SVG_NS}}}svg"
    assert "<?xml" not in svg and "<script" not in svg.lower() and "<style" not in svg.lower()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_has_a_chinese_title_and_description_and_is_an_image(name):
    root = parsed(CHARTS[name]())
    assert root.get("role") == "img"
    assert root.get("aria-hidden") == "true"  # the table after it carries the numbers
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert list(root)[:2] == [title, desc]
    for element in (title, desc):
        assert element is not None and re.search(r"[\u4e00-\u9fff]", element.text or "")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_scales_to_its_container(name):
    svg = CHARTS[name]()
    root = parsed(svg)
    assert re.fullmatch(r"0 0 [0-9.]+ [0-9.]+", attr(root, "viewBox"))
    assert root.get("width") is None and root.get("height") is None
    assert root.get("style") is None and root.get("preserveAspectRatio") is None
    # Text in the page's font: nothing sets a family.
    assert "font-family" not in svg


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_refers_to_nothing_outside_itself(name):
    svg = CHARTS[name]()
    assert re.findall(r"https?:[^\"'\s<>]*", svg, re.IGNORECASE) == [charts.SVG_NS]
    assert not re.search(r"\b(href|src)\s*=|url\(|@import", svg, re.IGNORECASE)
    # No id either: a page holds many charts, and ids would clash.
    assert not any(element.get("id") for element in parsed(svg).iter())


@pytest.mark.parametrize("draw", [bar_chart, status_chart, timeline_chart])
def test_typed_text_is_escaped(draw):
    svg = draw(NASTY)
    root = parsed(svg)
    assert "<script" not in svg and "]]>" not in svg
    assert NASTY.split()[0] in "".join(root.itertext())  # the reader sees what was typed


def test_the_bar_draws_the_value_and_marks_the_threshold_on_the_scale():
    root = parsed(charts.bar_with_threshold(Decimal(30), Decimal(80), Decimal(200), "指标", "%"))
    width = float(attr(root, "viewBox").split()[2])
    track, value = root.findall("svg:rect", NS)
    assert floats(value, "width")[0] == pytest.approx(width * 30 / 200, abs=1.5)
    [mark] = root.findall("svg:line", NS)
    assert floats(mark, "x1")[0] == pytest.approx(width * 80 / 200, abs=0.5)
    assert "当前值 30%" in desc_of(root) and "目标值 80%" in desc_of(root)


def test_the_bar_scale_defaults_to_a_round_number_above_both_values_and_clamps():
    root = parsed(
        charts.bar_with_threshold(Decimal("162345.90"), Decimal(50000), None, "收入", "元")
    )
    assert "刻度 0 至 200,000.00 元" in desc_of(root)
    over = parsed(charts.bar_with_threshold(Decimal(120), Decimal(50), Decimal(100), "比例", "%"))
    width = float(attr(over, "viewBox").split()[2])
    assert floats(over.findall("svg:rect", NS)[1], "width")[0] <= width
    with pytest.raises(ValueError):
        charts.bar_with_threshold(1, 1, 0, "x", "%")


def test_status_bars_draw_segments_in_proportion_on_one_scale():
    root = parsed(status_chart())
    numbers = [t.text for t in root.findall("svg:text", NS)]
    # Each segment wide enough carries its count; the empty action says so.
    assert numbers.count("3") >= 1 and "暂无任务" in numbers
    widths: dict[str | None, list[float]] = {}
    for rect in root.findall("svg:rect", NS):
        if float(attr(rect, "height")) == 18:
            widths.setdefault(rect.get("y"), []).append(float(attr(rect, "width")) + 1)
    first, second = widths.values()
    assert sum(first) == pytest.approx(charts.WIDTH)  # the longest row (8 tasks) fills the width
    assert sum(second) == pytest.approx(charts.WIDTH * 4 / 8)
    desc = desc_of(root)
    assert "高质量换届行动：已完成 3 项，推进中 2 项，未启动 1 项，逾期 1 项，已取消 1 项" in desc


def test_timeline_puts_the_build_date_line_and_draws_long_term_tasks_to_the_plan_end():
    root = parsed(timeline_chart())
    width = charts.WIDTH
    first, last = dt.date(2025, 3, 1), dt.date(2026, 12, 31)

    def x(day):
        return 4 + (width - 8) * (day - first).days / (last - first).days

    today_lines = [
        line
        for line in root.findall("svg:line", NS)
        if line.get("stroke-dasharray")
        and line.get("x1") == line.get("x2")
        and float(attr(line, "y2")) - float(attr(line, "y1")) > 50
    ]
    assert [float(attr(line, "x1")) for line in today_lines] == [pytest.approx(x(TODAY), abs=0.1)]
    bars = [r for r in root.findall("svg:rect", NS) if r.get("height") == "10"]
    long_term = bars[2]
    assert float(attr(long_term, "x")) + float(attr(long_term, "width")) == pytest.approx(
        x(last), abs=0.1
    )
    assert (
        len(root.findall(".//svg:path[@stroke-width='1.2']", NS)) == 2 + 2
    )  # two milestones, two in the legend
    assert "（长期坚持）" in "".join(root.itertext())


def test_timeline_stretches_to_tasks_outside_the_plan_period():
    rows = [TimelineRow("提前开始", dt.date(2025, 1, 1), dt.date(2027, 6, 30), "推进中")]
    root = parsed(
        charts.timeline(rows, dt.date(2025, 3, 1), dt.date(2026, 12, 31), TODAY, "时间安排")
    )
    [bar] = [
        r
        for r in root.findall("svg:rect", NS)
        if r.get("height") == "10" and float(attr(r, "width")) > 10
    ]
    assert float(attr(bar, "x")) == pytest.approx(4) and float(attr(bar, "width")) == pytest.approx(
        charts.WIDTH - 8
    )


def test_economy_bars_are_in_proportion_on_a_round_scale():
    root = parsed(economy_chart())
    texts = [t.text for t in root.findall("svg:text", NS)]
    assert {"0", "20", "40", "60", "万元", "2023年", "2025年"} <= set(texts)
    bars = [r for r in root.findall("svg:rect", NS) if float(attr(r, "width")) > 10]
    heights = [float(attr(r, "height")) for r in bars]
    assert heights[0] / heights[1] == pytest.approx(386520.40 / 152300.00, rel=0.01)
    assert "2025年总收入 455,230.18 元，其中经营性收入 186,720.35 元" in desc_of(root)
    with pytest.raises(ValueError):
        charts.economy_bars([], "x")


@pytest.mark.parametrize(
    "maximum, top, step", [(45.5, 60, 20), (4, 4, 1), (7.3, 8, 2), (0, 1, 1), (0.3, 0.3, 0.1)]
)
def test_axis_scales_are_round(maximum, top, step):
    assert charts.scale(Decimal(str(maximum))) == (Decimal(str(top)), Decimal(str(step)))


def test_long_labels_are_cut_to_fit():
    text = charts.fit("村（社区）“两委”任期经济责任审计和离任审计全覆盖工作", charts.FONT, 120)
    assert text.endswith("…") and charts.text_width(text, charts.FONT) <= 120
    assert charts.fit("短", charts.FONT, 120) == "短"


@pytest.mark.parametrize(
    "first, last",
    [
        (dt.date(2025, 3, 1), dt.date(2026, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2025, 6, 1), dt.date(2025, 9, 30)),
        (dt.date(2020, 1, 1), dt.date(2027, 12, 31)),
    ],
)
def test_timeline_month_labels_never_overlap(first, last):
    """The axis labels (2025年4月, 7月 …) stand apart at the chart's text size: months are left
    out evenly rather than drawn over each other."""
    rows = [TimelineRow("任务", first, last, "推进中")]
    root = parsed(charts.timeline(rows, first, last, first, "时间安排"))
    labels = [t for t in root.findall("svg:text", NS) if t.get("text-anchor") == "middle"]
    spans = sorted(
        (float(attr(t, "x")) - w / 2, float(attr(t, "x")) + w / 2, t.text)
        for t in labels
        for w in [charts.text_width(t.text or "", float(attr(t, "font-size")))]
    )
    assert len(spans) >= 2
    assert all(a[1] + 4 <= b[0] for a, b in itertools.pairwise(spans)), spans
