"""The index pages of deliberation meetings (议事协商) and activity venues (阵地): every village
of every township against its township's requirement, from the sample."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.sample_data

SPAN = re.compile(r"</?span[^>]*>")


def plain(page: str) -> str:
    return html.unescape(SPAN.sub("", page))


def row(text: str, first_cell: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {first_cell}"))


def test_the_deliberation_index_shows_each_village_against_the_rhythm(sample_pages):
    page = plain(sample_pages["deliberations/index.md"])
    assert page.index("## 河西镇") < page.index("## 青溪镇")
    shangtang = row(page, "[上塘村](/generated/villages/shangtang.md)")
    assert "| 每季度至少1次 | 3 次 |" in shangtang
    assert "第三季度未达到" in shangtang and "未达标" in shangtang
    xikou = row(page, "[溪口村](/generated/villages/xikou.md)")
    assert "| 4 次 |" in xikou and "达标" in xikou and "未达到" not in xikou


def test_the_venue_index_shows_area_and_functions_against_the_standard(sample_pages):
    page = plain(sample_pages["venues/index.md"])
    shimen = row(page, "[石门村](/generated/villages/shimen.md)")
    assert "[石门村党员活动室](/generated/venues/shimen-zhendi.md)" in shimen
    assert "| 120 平方米 | 150 平方米 | 未达标 |" in shimen
    community = row(page, "[青溪社区](/generated/villages/qingxi-shequ.md)")
    assert "缺社会保障服务站" in community
    assert "河西镇石门村石门路4号" in shimen  # a venue's address is public by design


def test_the_navigation_lists_both(sample_pages):
    import json

    labels = [next(iter(entry)) for entry in json.loads(sample_pages[".nav.json"])["nav"]]
    assert labels.index("两新组织") < labels.index("阵地") < labels.index("议事协商")
    assert labels.index("议事协商") < labels.index("进度看板")
