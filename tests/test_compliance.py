"""What was due and what is late: the catalogue, organisational life and the 督办 list.

On the minimal dataset, edited per test, and on the bundled sample at the
fixed reference date (whose states and counts are pinned here).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import BRANCH, DISCLOSURE, MEETINGS, PLAN, REPO, TASK, TODAY, TOWNSHIP, VILLAGE

from generators.check.validate import validate
from generators.model.compliance import DUE_SOON, LATE, MISSING, NOT_DUE, ON_TIME, Compliance, tally
from generators.model.listings import dues_by_place
from generators.model.site import build_model
from generators.model.supervision import counts, supervision
from generators.pipeline import generate
from generators.spec.registry import REGISTRY

CATALOGUE_ITEM = """  - key: cunji-caiwu
    category: 财务
    title: 村级财务收支情况
    applies_to: [行政村, 社区]
    rhythm: 每季度
    due_days: 10
    effective: 2025-01-01
"""


def model(folder: Path, today: dt.date = TODAY):
    result = validate(folder, today)
    assert result.ok, [p.text() for p in result.problems]
    assert not [p for p in result.problems if p.severity == "error"]
    return build_model(result.records, today, {}, REGISTRY)


def compliance(dataset, today: dt.date = TODAY) -> Compliance:
    return Compliance(model(Path("data"), today))


def states(c: Compliance, key: str = "cunji-caiwu"):
    return [
        (d.subject, d.period.code, str(d.due), d.state, d.days)
        for d in c.dues
        if d.item["key"] == key
    ]


def add_item(dataset, text: str) -> None:
    dataset.replace(TOWNSHIP, CATALOGUE_ITEM, CATALOGUE_ITEM + text)


# -- the catalogue ------------------------------------------------------------


def test_every_quarter_from_the_effective_date_to_the_build_date(dataset):
    assert states(compliance(dataset)) == [
        ("xikou", "2025-Q1", "2025-04-10", ON_TIME, 0),
        ("xikou", "2025-Q2", "2025-07-10", MISSING, 174),
        ("xikou", "2025-Q3", "2025-10-10", MISSING, 82),
        ("xikou", "2025-Q4", "2026-01-10", NOT_DUE, 10),
    ]


def test_the_effective_date_starts_the_count(dataset):
    dataset.replace(TOWNSHIP, "    effective: 2025-01-01\n", "    effective: 2025-08-15\n")
    c = compliance(dataset)
    assert [(p, s) for _, p, _, s, _ in states(c)] == [("2025-Q3", MISSING), ("2025-Q4", NOT_DUE)]
    disclosure = c.site.disclosures["xikou-2025-q1-caiwu"]
    assert c.of_disclosure(disclosure) is None
    assert (
        c.uncounted_reason(disclosure) == "公开目录中此事项自 2025-08-15 起施行，此前的期间不统计"
    )


def test_nothing_is_due_before_the_item_takes_effect(dataset):
    dataset.replace(TOWNSHIP, "    effective: 2025-01-01\n", "    effective: 2026-01-01\n")
    assert states(compliance(dataset)) == []


def test_due_soon_within_seven_days_and_late_the_day_after(dataset):
    def q4(today):
        return next(s for s in states(compliance(dataset, today)) if s[1] == "2025-Q4")

    assert q4(dt.date(2026, 1, 2)) == ("xikou", "2025-Q4", "2026-01-10", NOT_DUE, 8)
    assert q4(dt.date(2026, 1, 3)) == ("xikou", "2025-Q4", "2026-01-10", DUE_SOON, 7)
    assert q4(dt.date(2026, 1, 10)) == ("xikou", "2025-Q4", "2026-01-10", DUE_SOON, 0)
    assert q4(dt.date(2026, 1, 11)) == ("xikou", "2025-Q4", "2026-01-10", MISSING, 1)


def test_a_late_disclosure_says_how_late(dataset):
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2025-04-13")
    dataset.replace(DISCLOSURE, "  - date: 2025-04-20\n", "  - date: 2025-04-23\n")
    c = compliance(dataset)
    due = c.of_disclosure(c.site.disclosures["xikou-2025-q1-caiwu"])
    assert due is not None
    assert (due.state, due.days, due.text) == (LATE, 3, "逾期 3 天公开")


def test_the_first_disclosure_of_a_period_counts(dataset):
    second = dataset.read(DISCLOSURE).replace(
        "id: xikou-2025-q1-caiwu", "id: xikou-2025-q1-caiwu-2"
    )
    dataset.write(
        "disclosures/2025/xikou-2025-q1-caiwu-2.yaml",
        second.replace("published: 2025-04-10", "published: 2025-04-20"),
    )
    c = compliance(dataset)
    first = c.of_disclosure(c.site.disclosures["xikou-2025-q1-caiwu"])
    assert first is not None and first.disclosure is not None
    assert (first.state, first.disclosure.id) == (ON_TIME, "xikou-2025-q1-caiwu")
    assert c.of_disclosure(c.site.disclosures["xikou-2025-q1-caiwu-2"]) is None
    assert (
        c.uncounted_reason(c.site.disclosures["xikou-2025-q1-caiwu-2"])
        == "同一期间已于 2025-04-10 公开过，以先公开的为准"
    )


EVENT_ITEM = """  - key: siyi-jueyi
    category: 村务
    title: “四议两公开”决议
    applies_to: [行政村]
    rhythm: 按事项
    due_days: 7
    effective: 2025-03-01
"""


def event_disclosure(dataset, name: str, event: str, published: str) -> None:
    text = dataset.read(DISCLOSURE)
    text = text.replace("id: xikou-2025-q1-caiwu", f"id: {name}").replace(
        "category: 财务", "category: 村务"
    )
    text = text.replace("item: cunji-caiwu", "item: siyi-jueyi").replace(
        "period: 2025-Q1", f"period: {event}"
    )
    text = text.replace("published: 2025-04-10", f"published: {published}")
    text = (
        text[: text.index("finance:")] + text[text.index("decision:") : text.index("corrections:")]
    )
    dataset.write(f"disclosures/2025/{name}.yaml", text)


def test_an_event_item_is_due_days_after_its_event(dataset):
    add_item(dataset, EVENT_ITEM)
    event_disclosure(dataset, "xikou-jueyi-a", "2025-04-01", "2025-04-08")  # the 7th day: on time
    event_disclosure(dataset, "xikou-jueyi-b", "2025-05-20", "2025-05-29")  # 2 days late
    event_disclosure(
        dataset, "xikou-jueyi-c", "2025-02-20", "2025-04-10"
    )  # before the item took effect
    c = compliance(dataset)
    assert states(c, "siyi-jueyi") == [
        ("xikou", "2025-04-01", "2025-04-08", ON_TIME, 0),
        ("xikou", "2025-05-20", "2025-05-27", LATE, 2),
    ]
    assert "2025-03-01 起施行" in c.uncounted_reason(c.site.disclosures["xikou-jueyi-c"])


def test_who_must_publish(dataset):
    add_item(
        dataset,
        """  - key: dangfei
    category: 党务
    title: 党费收缴、使用和管理情况
    applies_to: [党支部, 镇]
    rhythm: 每半年
    due_days: 15
    effective: 2025-01-01
  - key: shequ-only
    category: 村务
    title: 社区事务
    applies_to: [社区]
    rhythm: 每年
    due_days: 15
    effective: 2025-01-01
  - key: listed
    category: 村务
    title: 只适用于列出的村
    applies_to: [行政村]
    subjects: [xikou]
    rhythm: 每年
    due_days: 15
    effective: 2025-01-01
""",
    )
    c = compliance(dataset)
    assert {(d.subject, d.period.code) for d in c.dues if d.item["key"] == "dangfei"} == {
        ("xikou-dangzhibu", "2025-H1"),
        ("xikou-dangzhibu", "2025-H2"),
        ("qingxi", "2025-H1"),
        ("qingxi", "2025-H2"),
    }
    assert states(c, "shequ-only") == []
    assert [s for s, *_ in states(c, "listed")] == ["xikou"]


def test_each_township_is_judged_by_its_own_catalogue(dataset):
    township = (
        dataset.read(TOWNSHIP).replace("id: qingxi", "id: dongshan").replace("青溪镇", "东山镇")
    )
    township = township.replace("zhen-dangjianban", "dongshan-dangjianban").replace(
        "rhythm: 每季度", "rhythm: 每月"
    )
    dataset.write("townships/dongshan.yaml", township)
    dataset.plan_in_township()
    dataset.write(
        "villages/nanling.yaml",
        dataset.read(VILLAGE)
        .replace("id: xikou", "id: nanling")
        .replace("溪口村", "南岭村")
        .replace("township: qingxi", "township: dongshan"),
    )
    c = compliance(dataset)
    assert len([d for d in c.dues if d.subject == "nanling"]) == 12  # monthly: every month of 2025
    assert [
        (township, name, [i["rhythm"] for i in items], subjects)
        for township, name, items, subjects in c.matrices()
    ] == [
        ("dongshan", "村（社区）", ["每月"], ["nanling"]),
        ("qingxi", "村（社区）", ["每季度"], ["xikou"]),
    ]


def test_tally_and_on_time_rate_count_only_what_is_judged(dataset):
    c = compliance(dataset)
    assert tally(c.dues) == {
        ON_TIME: 1,
        LATE: 0,
        MISSING: 2,
        DUE_SOON: 0,
        NOT_DUE: 1,
        "judged": 3,
        "rate": "33%",
    }
    assert tally([])["rate"] == "—"


# -- organisational life ----------------------------------------------------


def test_meetings_month_by_month_and_a_party_group_meeting_for_every_group(dataset):
    dataset.replace(BRANCH, "  mobile: 2\n", "  mobile: 2\nparty_groups: 3\n")
    dataset.replace(
        MEETINGS,
        "  - date: 2025-03-28\n",
        "".join(
            f"  - date: 2025-02-{day:02d}\n    type: 党小组会\n    topic: 第{n}党小组学习\n    due: 7\n    present: 7\n"
            for n, day in ((1, 3), (2, 4))
        )
        + "  - date: 2025-03-28\n",
    )
    c = compliance(dataset)
    branch = c.site.branches["xikou-dangzhibu"]
    monthly = next(g for g in c.meeting_grids(branch, 2025) if g.rhythm == "每月")
    assert monthly.types == ("支部委员会", "党小组会", "主题党日") and monthly.required == (1, 3, 1)
    january, february = monthly.rows[0][1], monthly.rows[1][1]
    assert [(x.held, x.required, x.short) for x in january] == [
        (1, 1, False),
        (0, 3, True),
        (0, 1, True),
    ]
    assert (february[1].held, february[1].required, february[1].short) == (2, 3, True)
    december = monthly.rows[-1][1]
    assert all(cell.open and not cell.short for cell in december)  # the month is not over on 12-31
    quarterly = next(g for g in c.meeting_grids(branch, 2025) if g.rhythm == "每季度")
    assert [(p.code, cells[0].held) for p, cells in quarterly.rows] == [
        ("2025-Q1", 1),
        ("2025-Q2", 0),
        ("2025-Q3", 0),
        ("2025-Q4", 0),
    ]


def test_the_township_sets_its_own_meeting_rhythm(dataset):
    dataset.replace(
        TOWNSHIP,
        "decision_steps:\n",
        "meeting_requirements:\n"
        "  - type: 支部委员会\n    rhythm: 每季度\n    times: 2\n"
        "  - type: 党小组会\n    rhythm: 每季度\n    per_group: true\n"
        "report_days: 60\ndecision_steps:\n",
    )
    c = compliance(dataset)
    branch = c.site.branches["xikou-dangzhibu"]
    [grid] = c.meeting_grids(branch, 2025)
    assert (grid.rhythm, grid.types, grid.required) == (
        "每季度",
        ("支部委员会", "党小组会"),
        (2, 1),
    )
    assert [(p.code, [x.held for x in cells]) for p, cells in grid.rows][:2] == [
        ("2025-Q1", [1, 0]),
        ("2025-Q2", [0, 0]),
    ]
    assert c.report_days("qingxi") == 60


def test_every_year_from_the_first_log_to_the_build_year(dataset):
    c = compliance(dataset, dt.date(2027, 3, 1))
    branch = c.site.branches["xikou-dangzhibu"]
    assert c.meeting_years(branch) == [2027, 2026, 2025]
    grids = c.meeting_grids(branch, 2027)
    assert [p.code for p, _ in grids[0].rows] == ["2027-01", "2027-02", "2027-03"]


# -- 督办 ---------------------------------------------------------------------


def entries(dataset, today: dt.date = TODAY):
    site = model(Path("data"), today)
    return [(e.kind, e.what, e.units, str(e.due), e.days, e.record.id) for e in supervision(site)]


def test_supervision_lists_everything_late_the_latest_first(dataset):
    found = entries(dataset)
    assert found == sorted(found, key=lambda e: -e[4])
    assert (
        "公开",
        "2025年第二季度 村级财务收支情况：未公开",
        ("xikou",),
        "2025-07-10",
        174,
        "xikou",
    ) in found
    assert (
        "任务",
        "网格党小组全覆盖：逾期未完成",
        ("qingxi/zhen-dangjianban",),
        "2025-06-30",
        184,
        "wangge-fugai",
    ) in found
    assert [e for e in found if e[0] == "组织生活"] == [
        (
            "组织生活",
            "2025年组织生活少于规定：支部党员大会少 2 次、支部委员会少 10 次、党小组会少 11 次、"
            "党课少 3 次、主题党日少 11 次",
            ("xikou-dangzhibu",),
            "2025-01-31",
            334,
            "xikou-dangzhibu-2025",
        )
    ]


def test_a_disclosure_published_late_is_done_and_off_the_list(dataset):
    """督办 lists what is still to do: a late disclosure, once published, is 公开情况's to tell."""
    missing = "2025年第二季度 村级财务收支情况：未公开"
    assert missing in [e[1] for e in entries(dataset)]
    dataset.write(
        "disclosures/2025/xikou-2025-q2-caiwu.yaml",
        dataset.read(DISCLOSURE)
        .replace("xikou-2025-q1-caiwu", "xikou-2025-q2-caiwu")
        .replace("period: 2025-Q1", "period: 2025-Q2")
        .replace("published: 2025-04-10", "published: 2025-07-20")
        .replace("  - date: 2025-04-20\n", "  - date: 2025-07-25\n"),
    )
    assert [e for e in entries(dataset) if "第二季度 村级财务收支情况" in e[1]] == []
    late = [d for d in compliance(dataset).late() if d.period.code == "2025-Q2"]
    assert [(d.subject, d.state, d.days) for d in late] == [("xikou", LATE, 10)]


def test_a_years_organisational_life_is_listed_by_its_year_not_a_day(dataset):
    """A whole year's shortfall has no day of its own: its entry carries the year to show."""
    assert [(e.kind, e.period) for e in supervision(model(Path("data"))) if e.period] == [
        ("组织生活", "2025年")
    ]


def test_the_list_by_place_and_unit(dataset):
    """Each unit under the village or township it belongs to, the place itself first; an entry of
    two units under each; every unit's entries by kind."""
    from generators.model.supervision import by_place

    site = model(Path("data"))
    found = by_place(site, supervision(site))
    shape = [(place, [(u.unit, u.counts) for u in units]) for place, units in found]
    assert shape == [
        ("qingxi", [("qingxi/zhen-dangjianban", {"任务": 1})]),
        ("xikou", [("xikou", {"公开": 2}), ("xikou-dangzhibu", {"组织生活": 1})]),
    ], shape
    [(_, [xikou, _])] = [(p, u) for p, u in found if p == "xikou"]
    assert [(kind, len(entries)) for kind, entries in xikou.by_kind()] == [("公开", 2)]


def test_a_task_that_stopped_reporting(dataset):
    dataset.replace(TASK, "deadline: 2025-06-30", "deadline: 2026-06-30")
    [stale] = [e for e in entries(dataset) if e[0] == "任务"]
    # The last update was on 2025-05-31; 35 days later, 2025-07-05, a report was due.
    assert stale == (
        "任务",
        "网格党小组全覆盖：超过 35 天没有报送进展（最近一次 2025-05-31）",
        ("qingxi/zhen-dangjianban",),
        "2025-07-05",
        179,
        "wangge-fugai",
    )


def test_expired_terms(dataset):
    found = entries(dataset, dt.date(2026, 6, 1))
    assert (
        "任期",
        "溪口村党支部任期已于 2026-05-14 届满，尚未换届",
        ("qingxi",),
        "2026-05-14",
        18,
        "xikou-dangzhibu",
    ) in found
    assert (
        "任期",
        "溪口村“两委”任期已于 2026-05-30 届满，尚未换届",
        ("qingxi",),
        "2026-05-30",
        2,
        "xikou",
    ) in found


def test_rectification_past_its_deadline(dataset):
    dataset.replace(
        BRANCH,
        "  mobile: 2\n",
        "  mobile: 2\nrectifications:\n  - status: 整顿中\n    started: 2024-10-01\n"
        "    reason: 班子不团结\n",
    )
    assert (
        "整顿",
        "溪口村党支部软弱涣散整顿已过期限（2025-10-01），尚未销号",
        ("qingxi",),
        "2025-10-01",
        91,
        "xikou-dangzhibu",
    ) in entries(dataset)
    dataset.replace(
        BRANCH, "    started: 2024-10-01\n", "    started: 2024-10-01\n    deadline: 2026-03-31\n"
    )
    assert [e for e in entries(dataset) if e[0] == "整顿"] == []


def test_a_target_past_its_deadline_and_unmet(dataset):
    dataset.replace(PLAN, "    deadline: 2025-12-31\n", "    deadline: 2025-11-30\n")
    dataset.replace(
        PLAN, "    comparator: ≥\n    value: 50\n", "    comparator: <\n    value: 50\n"
    )
    assert (
        "目标",
        "目标“五星级党组织比例”到期未达到",
        ("qingxi",),
        "2025-11-30",
        31,
        "jiceng-2025",
    ) in entries(dataset)


# -- the sample at the reference date ------------------------------------------

SAMPLE = REPO / "data"


@pytest.fixture(scope="module")
def sample():
    site = model(SAMPLE)
    return Compliance(site)


@pytest.mark.sample_data
def test_the_sample_has_every_state(sample):
    assert tally(sample.dues) == {
        ON_TIME: 12,
        LATE: 6,
        MISSING: 22,
        DUE_SOON: 1,
        NOT_DUE: 72,
        "judged": 40,
        "rate": "30%",
    }


@pytest.mark.sample_data
def test_the_sample_late_and_missing(sample):
    late = [(d.subject, d.item["key"], d.period.label, str(d.due), d.text) for d in sample.late()]
    assert len(late) == 28  # 河西镇's two among them
    assert late[:5] == [
        (v, "cunji-caiwu", "2025年第三季度", "2025-10-10", "未公开，已逾期 82 天")
        for v in ("fengshuwan", "lingxia", "meilin", "shiqiao", "zhukeng")
    ]
    assert late[-5:] == [
        ("shangtang", "siyi-jieguo", "2025年11月10日", "2025-11-25", "逾期 3 天公开"),
        ("taoyuan", "cunji-caiwu", "2025年第三季度", "2025-10-10", "逾期 2 天公开"),
        ("qingxi-shequ", "cunji-caiwu", "2025年第三季度", "2025-10-10", "逾期 1 天公开"),
        ("shangtang", "caiwu-yuedu", "2025年10月", "2025-11-07", "逾期 1 天公开"),
        ("shangtang", "caiwu-yuedu", "2025年11月", "2025-12-07", "逾期 1 天公开"),
    ]
    [soon] = [d for d in sample.dues if d.state == DUE_SOON]
    assert (soon.subject, soon.period.code, str(soon.due), soon.text) == (
        "shangtang",
        "2025-12",
        "2026-01-07",
        "即将到期（还有 7 天）",
    )


@pytest.mark.sample_data
def test_the_sample_supervision_counts(sample):
    found = supervision(sample.site, sample)
    assert counts(found) == {
        "公开": 22,
        "任务": 8,
        "任期": 1,
        "组织生活": 12,
        "议事协商": 3,
        "整顿": 0,
        "整改": 1,
        "目标": 0,
    }
    assert [e.record.id for e in found if e.kind == "任期"] == ["shehui-zuzhi-lianhe-dangzhibu"]
    assert [(e.record.id, e.units, str(e.due), e.days) for e in found if e.kind == "整改"] == [
        ("xikou-huanjing-zhengzhi", ("xikou",), "2025-10-31", 61)
    ]
    assert any(e.record.id == "suzhi-xueli-tisheng" and "没有报送进展" in e.what for e in found)


# -- the pages -----------------------------------------------------------------


def rows_of(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| ")
    ]


@pytest.mark.sample_data
def test_deleting_a_due_disclosure_puts_it_on_the_supervision_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    docs = tmp_path / "docs"
    before = generate(data, docs, TODAY, use_history=False)
    page = (docs / "generated" / "supervision" / "index.md").read_text(encoding="utf-8")
    row = [
        "[2025年第三季度 村级财务收支情况：未公开](/generated/villages/xikou.md)",
        "2025-10-10",
        "82 天",
    ]
    assert row not in rows_of(page)
    assert "- [溪口村](#unit-xikou)：3 项（公开 2、整改 1）" in page

    (data / "disclosures" / "2025" / "xikou-caiwu-2025-q3.yaml").unlink()
    after = generate(data, docs, TODAY, use_history=False)
    assert before.ok and after.ok
    page = (docs / "generated" / "supervision" / "index.md").read_text(encoding="utf-8")
    assert row in rows_of(page)
    assert "- [溪口村](#unit-xikou)：4 项（公开 3、整改 1）" in page
    section = page[page.index("### 溪口村：待办 4 项 { #unit-xikou }") :]
    assert section.index("**公开**（3 项）") < section.index("**整改**（1 项）")
    assert "逾期未办结的事项共 **48** 项：公开 23 项" in (
        docs / "generated" / "index.md"
    ).read_text(encoding="utf-8")


@pytest.mark.sample_data
def test_the_compliance_page_lists_every_late_item_with_its_due_date(sample, tmp_path):
    docs = tmp_path / "docs"
    generate(SAMPLE, docs, TODAY, use_history=False)
    page = (docs / "generated" / "compliance" / "index.md").read_text(encoding="utf-8")
    summary = page[: page.index("## 逾期和未公开")]
    assert "## 各村（社区）比较" in summary and "## 本期和上期一览" in summary
    listed = page[page.index("## 逾期和未公开") : page.index("## 按事项公开")]
    by_place = dues_by_place(sample.site, sample.late())
    assert re.findall(r"^### (.+)$", listed, re.M) == [
        sample.site.unit_name(place) + ("（镇党委和镇属单位）" if place == "qingxi" else "")
        for place, _ in by_place
    ]
    expected = [
        [sample.site.unit_name(d.subject), d.item["title"], d.period.label, str(d.due), d.text]
        for _, dues in by_place
        for d in dues
    ]
    shown = [
        [r[0].split("]")[0].lstrip("["), r[1], r[2], r[3], r[4].split(">")[1].split("<")[0]]
        for r in rows_of(listed)
        if r[0] != "公开主体"
    ]
    assert shown == expected
    assert len(expected) == len(sample.late()) == 28
