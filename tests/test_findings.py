"""问题整改 (findings): the schema, the checks of 销号 and dates, overdue states, the pages and 督办.

The minimal dataset holds one finding, 已销号, of the branch xikou-dangzhibu
(tests/fixtures/minimal/findings/xikou-sanhui-yike.yaml); each test changes it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FINDING, TODAY, TOWNSHIP

from generators.model.site import build_model
from generators.model.supervision import supervision
from generators.render.pages import render_site
from generators.spec.registry import REGISTRY

OPEN = (
    "status: 已销号\nclosed: 2025-05-20\nevidence: 2025年3月至5月支部委员会会议记录\n",
    "status: 整改中\n",
)


def problems(dataset, today: dt.date = TODAY):
    """(code, line, col, message, fix) of every problem, in report order (of the finding only for a past today)."""
    return [
        (p.code, p.line, p.col, p.message, p.fix)
        for p in dataset.validate(today).problems
        if today == TODAY or p.path.endswith(FINDING)
    ]


def site(dataset, today: dt.date = TODAY):
    result = dataset.validate(today)
    assert result.ok, [p.text() for p in result.problems]
    return build_model(result.records, today, {}, REGISTRY)


def reopen(dataset, deadline: str) -> None:
    """The minimal finding 整改中 with another deadline."""
    dataset.replace(FINDING, *OPEN)
    dataset.replace(FINDING, "deadline: 2025-05-31", f"deadline: {deadline}")


# -- the schema -------------------------------------------------------------


def test_the_source_is_one_of_the_five():
    assert REGISTRY["finding"].schema.root.fields["source"].allowed == (
        "巡察",
        "评议",
        "自查",
        "群众反映",
        "上级督查",
    )


def test_an_unknown_source_is_a_schema_error(dataset):
    dataset.replace(FINDING, "source: 自查", "source: 网上举报")
    [(code, line, col, message, fix)] = problems(dataset)
    assert (code, line, col, message) == ("schema.allowed", 4, 9, "「网上举报」不是可选的值")
    assert "巡察、评议、自查、群众反映、上级督查" in fix


def test_the_responsible_person_is_a_short_name(dataset):
    dataset.replace(FINDING, "responsible: 郑海涛", "responsible: " + "郑" * 21)
    assert [(code, line) for code, line, *_ in problems(dataset)] == [("schema.length", 7)]


def test_the_rectification_year_is_an_integer(dataset):
    dataset.replace(
        FINDING,
        "unit: xikou-dangzhibu\n",
        "unit: xikou-dangzhibu\nbranch_rectification: 二〇二四\n",
    )
    assert [code for code, *_ in problems(dataset)][0].startswith(("value.", "schema.type"))


# -- 销号 ---------------------------------------------------------------------


def test_closed_without_a_closing_date(dataset):
    dataset.replace(FINDING, "closed: 2025-05-20\n", "")
    assert problems(dataset) == [
        (
            "finding.closing-missing",
            9,
            9,
            "整改状态是「已销号」，但没有填写销号日期",
            "添加一行 closed: 并填写销号日期；还没有销号的，把状态改为整改中",
        )
    ]


def test_closed_without_evidence(dataset):
    dataset.replace(FINDING, "evidence: 2025年3月至5月支部委员会会议记录\n", "")
    assert [(code, line, message) for code, line, _, message, _ in problems(dataset)] == [
        ("finding.closing-missing", 9, "整改状态是「已销号」，但没有填写销号依据")
    ]


def test_open_with_a_closing_date_and_evidence(dataset):
    dataset.replace(FINDING, "status: 已销号", "status: 整改中")
    assert problems(dataset) == [
        (
            "finding.closing-while-open",
            10,
            9,
            "整改状态是「整改中」，却填写了销号日期",
            "已经验收销号的，把状态改为已销号；还在整改的，删除销号日期这一行",
        ),
        (
            "finding.closing-while-open",
            11,
            11,
            "整改状态是「整改中」，却填写了销号依据",
            "已经验收销号的，把状态改为已销号；还在整改的，删除销号依据这一行",
        ),
    ]


def test_open_without_them_is_clean(dataset):
    dataset.replace(FINDING, *OPEN)
    assert problems(dataset) == []


def test_closed_before_it_was_found(dataset):
    dataset.replace(FINDING, "closed: 2025-05-20", "closed: 2025-02-19")
    assert problems(dataset) == [
        (
            "date.end-before-start",
            10,
            9,
            "销号日期 2025-02-19 早于发现日期 2025-02-20",
            "检查发现日期和销号日期",
        )
    ]


def test_closed_on_the_day_it_was_found_is_fine(dataset):
    dataset.replace(FINDING, "closed: 2025-05-20", "closed: 2025-02-20")
    assert problems(dataset) == []


def test_closed_in_the_future(dataset):
    assert problems(dataset, dt.date(2025, 5, 19)) == [
        (
            "date.future",
            10,
            9,
            "销号日期 2025-05-20 晚于今天（2025-05-19）",
            "不能填写将来的日期，请检查年份和月份",
        )
    ]


def test_deadline_before_it_was_found(dataset):
    dataset.replace(FINDING, "deadline: 2025-05-31", "deadline: 2025-01-31")
    assert problems(dataset) == [
        (
            "date.end-before-start",
            8,
            11,
            "整改时限 2025-01-31 早于发现日期 2025-02-20",
            "检查发现日期和整改时限",
        )
    ]


def test_found_in_the_future(dataset):
    found = [(code, line) for code, line, *_ in problems(dataset, dt.date(2025, 2, 19))]
    assert ("date.future", 5) in found


def test_progress_out_of_date_order(dataset):
    dataset.replace(FINDING, "  - date: 2025-04-20", "  - date: 2025-03-01")
    assert problems(dataset) == [
        (
            "date.order",
            15,
            11,
            "整改进展的日期 2025-03-01 早于上一条的 2025-03-05",
            "按时间先后顺序排列，新的写在后面",
        )
    ]


def test_progress_before_it_was_found(dataset):
    dataset.replace(FINDING, "  - date: 2025-03-05", "  - date: 2025-02-01")
    assert [(code, line, message) for code, line, _, message, _ in problems(dataset)] == [
        ("date.end-before-start", 13, "进展日期 2025-02-01 早于发现日期 2025-02-20")
    ]


def test_the_unit_must_exist(dataset):
    dataset.replace(FINDING, "unit: xikou-dangzhibu", "unit: xikou-dangzhib")
    assert problems(dataset) == [
        (
            "ref.missing",
            2,
            7,
            "找不到编号为 xikou-dangzhib 的单位（部门、村或党组织）",
            "是不是 xikou-dangzhibu？",
        )
    ]


@pytest.mark.parametrize("unit", ["xikou", "zhen-dangjianban", "xikou-dangzhibu"])
def test_a_unit_is_a_village_a_department_or_a_branch(dataset, unit):
    dataset.replace(FINDING, "unit: xikou-dangzhibu", f"unit: {unit}")
    assert problems(dataset) == []


def test_a_township_is_not_a_unit(dataset):
    dataset.replace(FINDING, "unit: xikou-dangzhibu", "unit: qingxi")
    assert [(code, line) for code, line, *_ in problems(dataset)] == [("ref.missing", 2)]


# -- the 软弱涣散 整顿 it belongs to -----------------------------------------------

RECTIFICATION = (
    "rectifications:\n  - status: 已销号\n    started: 2024-10-08\n    finished: 2025-06-30\n"
    "    reason: 班子软弱\n"
)


def tie(dataset, year: int) -> None:
    dataset.replace(
        FINDING, "unit: xikou-dangzhibu\n", f"unit: xikou-dangzhibu\nbranch_rectification: {year}\n"
    )


def test_a_branch_without_a_rectification(dataset):
    tie(dataset, 2024)
    assert problems(dataset) == [
        (
            "finding.no-rectification",
            3,
            23,
            "党组织 xikou-dangzhibu 没有 2024 年开始的软弱涣散整顿",
            "先在党组织记录里填写整顿情况（rectifications），或删除 branch_rectification 这一行",
        )
    ]


def test_the_year_names_the_rectification(dataset):
    dataset.write(
        "branches/xikou-dangzhibu.yaml",
        dataset.read("branches/xikou-dangzhibu.yaml") + RECTIFICATION,
    )
    tie(dataset, 2024)
    assert problems(dataset) == []
    dataset.replace(FINDING, "branch_rectification: 2024", "branch_rectification: 2023")
    assert problems(dataset) == [
        (
            "finding.no-rectification",
            3,
            23,
            "党组织 xikou-dangzhibu 没有 2023 年开始的软弱涣散整顿",
            "该党组织的整顿开始于 2024-10-08，请填其中一次整顿开始的年份",
        )
    ]


def test_only_a_branch_has_a_rectification(dataset):
    dataset.replace(FINDING, "unit: xikou-dangzhibu", "unit: xikou")
    dataset.replace(FINDING, "unit: xikou\n", "unit: xikou\nbranch_rectification: 2024\n")
    assert [(code, message) for code, _, _, message, _ in problems(dataset)] == [
        ("finding.no-rectification", "xikou 不是党组织，不能填所属整顿")
    ]


def test_the_branch_page_counts_the_findings_of_its_rectification(dataset):
    dataset.write(
        "branches/xikou-dangzhibu.yaml",
        dataset.read("branches/xikou-dangzhibu.yaml") + RECTIFICATION,
    )
    tie(dataset, 2024)
    page = render_site(site(dataset))["branches/xikou-dangzhibu.md"]
    assert (
        '| <span class="nowrap">2024-10-08</span> | 班子软弱 | <span class="nowrap">2025-10-08</span> '
        "| 2025-06-30 销号 | 1 个，已销号 1 个 |" in page
    )


# -- overdue, due soon, 销号 ---------------------------------------------------------


@pytest.mark.parametrize(
    "deadline, overdue, days, due_soon",
    [
        ("2025-12-30", True, 1, False),
        ("2025-12-31", False, 0, True),  # the deadline is the last day
        ("2026-01-07", False, 0, True),  # within 7 days
        ("2026-01-08", False, 0, False),
        ("2025-06-30", True, 184, False),
    ],
)
def test_an_open_finding_is_overdue_after_its_deadline(dataset, deadline, overdue, days, due_soon):
    reopen(dataset, deadline)
    finding = site(dataset).findings["xikou-sanhui-yike"]
    assert (finding.overdue, finding.days_overdue, finding.due_soon) == (overdue, days, due_soon)


def test_a_closed_finding_is_never_overdue(dataset):
    finding = site(dataset).findings["xikou-sanhui-yike"]
    assert (finding.open, finding.overdue, finding.due_soon, finding.days_closed_late) == (
        False,
        False,
        False,
        0,
    )


def test_closed_after_its_deadline_says_by_how_much(dataset):
    dataset.replace(FINDING, "closed: 2025-05-20", "closed: 2025-06-10")
    finding = site(dataset).findings["xikou-sanhui-yike"]
    assert finding.days_closed_late == 10
    page = render_site(site(dataset))["findings/xikou-sanhui-yike.md"]
    assert '| 销号日期 | 2025-06-10 <span class="overdue">超过整改时限 10 天</span> |' in page


def test_the_pages_of_an_overdue_finding(dataset):
    reopen(dataset, "2025-10-31")
    pages = render_site(site(dataset))
    assert (
        '<span class="status status-doing">整改中</span> <span class="overdue">逾期 61 天</span>'
        in pages["findings/xikou-sanhui-yike.md"]
    )
    assert "## 销号" not in pages["findings/xikou-sanhui-yike.md"]
    row = next(
        line
        for line in pages["branches/xikou-dangzhibu.md"].splitlines()
        if "xikou-sanhui-yike" in line
    )
    assert row == (
        "| [支部委员会未按月召开](/generated/findings/xikou-sanhui-yike.md) | 自查 | 2025-02-20 | 2025-10-31 | "
        '<span class="status status-doing">整改中</span> <span class="overdue">逾期 61 天</span> | 郑海涛 |'
    )


def test_open_findings_come_first(dataset):
    reopen(dataset, "2026-03-31")
    closed = (
        dataset.read(FINDING)
        .replace("id: xikou-sanhui-yike", "id: xikou-dangfei")
        .replace(*reversed(OPEN))
    )
    closed = closed.replace("deadline: 2026-03-31", "deadline: 2025-05-31")
    dataset.write("findings/xikou-dangfei.yaml", closed)
    model = site(dataset)
    assert [f.id for f in model.findings_of("xikou-dangzhibu")] == [
        "xikou-sanhui-yike",
        "xikou-dangfei",
    ]
    index = render_site(model)["findings/index.md"]
    assert (
        index.index("## 整改中")
        < index.index("xikou-sanhui-yike")
        < index.index("## 已销号")
        < index.index("xikou-dangfei")
    )


def test_a_department_finding_is_on_its_townships_page(dataset):
    dataset.replace(FINDING, "unit: xikou-dangzhibu", "unit: zhen-dangjianban")
    pages = render_site(site(dataset))
    assert (
        "[支部委员会未按月召开](/generated/findings/xikou-sanhui-yike.md) | 镇党建办 |"
        in pages["townships/qingxi.md"]
    )
    assert "xikou-sanhui-yike" not in pages["branches/xikou-dangzhibu.md"]


def test_the_index_is_grouped_by_township_when_there_are_several(dataset):
    other = (
        dataset.read(TOWNSHIP)
        .replace("id: qingxi", "id: shanxia")
        .replace("name: 青溪镇", "name: 山下镇")
    )
    other = other.replace("id: zhen-", "id: shanxia-")
    dataset.write("townships/shanxia.yaml", other)
    dataset.plan_in_township()
    department = dataset.read(FINDING).replace("id: xikou-sanhui-yike", "id: shanxia-dangjian")
    dataset.write(
        "findings/shanxia-dangjian.yaml",
        department.replace("unit: xikou-dangzhibu", "unit: shanxia-dangjianban"),
    )
    model = site(dataset)
    assert [(t, [f.id for f in fs]) for t, fs in model.findings_by_township()] == [
        ("qingxi", ["xikou-sanhui-yike"]),
        ("shanxia", ["shanxia-dangjian"]),
    ]
    index = render_site(model)["findings/index.md"]
    assert (
        index.index("## [青溪镇]")
        < index.index("### 已销号")
        < index.index("xikou-sanhui-yike")
        < index.index("## [山下镇]")
        < index.index("shanxia-dangjian")
    )


def test_one_township_has_no_township_headings(dataset):
    index = render_site(site(dataset))["findings/index.md"]
    assert "## 整改中" in index and "## [青溪镇]" not in index


# -- 督办 -----------------------------------------------------------------------


def test_an_overdue_finding_is_on_the_supervision_list(dataset):
    reopen(dataset, "2025-10-31")
    entries = [
        (e.kind, e.what, e.units, str(e.due), e.days, e.record.id)
        for e in supervision(site(dataset))
    ]
    assert (
        "整改",
        "支部委员会未按月召开：逾期未整改销号",
        ("xikou-dangzhibu",),
        "2025-10-31",
        61,
        "xikou-sanhui-yike",
    ) in entries


@pytest.mark.parametrize("deadline", ["2025-12-31", "2026-01-05"])
def test_a_finding_not_yet_overdue_is_not(dataset, deadline):
    reopen(dataset, deadline)
    assert [e for e in supervision(site(dataset)) if e.kind == "整改"] == []


def test_a_closed_finding_is_not(dataset):
    assert [e for e in supervision(site(dataset)) if e.kind == "整改"] == []


def test_the_supervision_page_counts_the_findings(dataset):
    reopen(dataset, "2025-10-31")
    page = render_site(site(dataset))["supervision/index.md"]
    assert "| 公开 | 任务 | 任期 | 组织生活 | 议事协商 | 整顿 | 整改 | 目标 | 合计 |" in page
    assert "- [溪口村党支部](#unit-xikou-dangzhibu)：2 项（组织生活 1、整改 1）" in page
    assert (
        "| [支部委员会未按月召开：逾期未整改销号](/generated/findings/xikou-sanhui-yike.md) | "
        "2025-10-31 | 61 天 |" in page
    )


# -- the sample ---------------------------------------------------------------------


@pytest.mark.sample_data
def test_the_sample_findings():
    from generators.check.validate import validate

    result = validate(Path(__file__).resolve().parents[1] / "data", TODAY)
    model = build_model(result.records, TODAY, {}, REGISTRY)
    findings = model.sorted_findings()
    assert 5 <= len(findings) <= 8
    assert [f.id for f in model.overdue_findings()] == ["xikou-huanjing-zhengzhi"]
    assert {f["source"] for f in findings} == {"巡察", "评议", "自查", "群众反映", "上级督查"}
    assert all(f.get("evidence") for f in findings if not f.open)
    assert [
        f.id
        for f in model.rectification_findings(
            model.branches["lingxia-dangzhibu"], model.branches["lingxia-dangzhibu"].rectification
        )
    ] == ["lingxia-dangzhibu-banzi", "lingxia-dangzhibu-zuzhi-shenghuo"]
