"""A party organisation's own training attendance, secretaries' reports (述职评议) and member
development (发展党员) on its page, as counts, and its village's page linking them (the sample)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.sample_data


def section(page: str, heading: str) -> str:
    """The text of a page's section, from its heading to the next one of its level."""
    start = page.index(f"\n## {heading}")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_a_branch_lists_the_sessions_its_people_attended(sample_pages):
    training = section(sample_pages["branches/xikou-dangzhibu.md"], "培训")
    assert "2025 年参加 8 期培训" in training
    assert (
        "| 2025-07-01 | [“七一”专题党课和党章党纪学习](/generated/trainings/qingxi-2025-07-dangke.md)"
        " | 党员 | 8学时 | 36 人 |"
    ) in training
    assert "只公开参训人数" in training


def test_a_branch_lists_its_reports_and_member_development_as_counts(sample_pages):
    page = sample_pages["branches/xikou-dangzhibu.md"]
    reports = section(page, "述职评议")
    assert (
        "| [2025 年](/generated/appraisals/xikou-dangzhibu-2025.md) | 2025-12-26 | 周文斌"
        " | 好（满意率 97&#46;8&#37;） |"  # as escaped for Markdown
    ) in reports
    development = section(page, "发展党员")
    assert (
        "| [2025 年](/generated/recruitment/xikou-dangzhibu-2025.md) | 4 | 3 | 2 | 1 | 1 | 2 |"
        in (development)
    )
    assert development.index("2025 年") < development.index("2023 年")


def test_a_branch_without_a_new_member_in_three_years_says_so(sample_pages):
    development = section(sample_pages["branches/lingxia-dangzhibu.md"], "发展党员")
    assert "2023—2025年未发展党员，应挂牌督办" in development
    assert "2023—2025年未发展党员" not in sample_pages["branches/xikou-dangzhibu.md"]


def test_a_branch_without_such_records_has_no_such_sections(sample_pages):
    general = sample_pages["branches/taoyuan-dangzongzhi.md"]
    assert "\n## 发展党员" not in general and "\n## 述职评议" in general
    first = sample_pages["branches/taoyuan-diyi-dangzhibu.md"]
    assert "\n## 述职评议" not in first and "\n## 发展党员" in first


def test_the_village_page_links_its_organisations_records(sample_pages):
    page = sample_pages["villages/xikou.md"]
    organisations = section(page, "党组织")
    assert "培训 8 期](/generated/branches/xikou-dangzhibu.md#peixun)" in organisations
    assert "[2025 年述职评议](/generated/appraisals/xikou-dangzhibu-2025.md)" in organisations
    assert "[发展党员](/generated/branches/xikou-dangzhibu.md#fazhan)" in organisations
