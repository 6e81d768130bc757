"""A village's own records: deliberation meetings (议事协商) — their checks on the minimal dataset,
the quarterly rhythm and its metric on small fixtures, 督办, and the pages of the sample."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import PLAN, VILLAGE

from generators.check.validate import validate
from generators.model.deliberation import DeliberationRhythm
from generators.model.site import build_model
from generators.model.supervision import supervision
from generators.model.targets import Result, Targets
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 12, 31)


def computed(found) -> Result:
    """A target's computed result, which these tests expect to exist."""
    assert found.result is not None, found
    return found.result


def texts(dataset, today=TODAY) -> list[str]:
    return [p.text() for p in dataset.validate(today).problems]


def deliberation(dataset, number: int, date: str, findings: tuple[str, ...] = ()) -> None:
    text = (
        f"id: xikou-2025-{number}\nvillage: xikou\nkind: 议事协商会\ndate: {date}\n"
        f"topic: 村级重点工作\nparticipants: 30\noutcome: 议定3项为民办实事项目\n"
    )
    if findings:
        text += "findings:\n" + "".join(f"  - {f}\n" for f in findings)
    dataset.write(f"deliberations/xikou-2025-{number}.yaml", text)


def model(dataset, today=TODAY):
    validation = validate(Path("data"), today)
    assert not [p for p in validation.problems if p.is_error], [
        p.text() for p in validation.problems
    ]
    return build_model(validation.records, today, {}, REGISTRY)


# -- checks ------------------------------------------------------------------------


def test_an_unknown_kind_names_the_allowed_ones(dataset):
    deliberation(dataset, 1, "2025-03-10")
    dataset.replace("deliberations/xikou-2025-1.yaml", "kind: 议事协商会", "kind: 茶话会")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line, problem.field) == ("schema.allowed", 3, "kind")
    assert "议事协商会、民主恳谈会、民主听证会、民主议事会、民情沟通日、座谈会" in problem.text()


def test_a_finding_passed_on_is_found_on_or_after_the_meeting(dataset):
    deliberation(dataset, 1, "2025-03-10", ("xikou-sanhui-yike",))
    assert texts(dataset) == [
        "data/deliberations/xikou-2025-1.yaml:9:5: 警告 deliberation.finding-before-meeting"
        " 字段「转入问题整改的事项 第1项」：问题 xikou-sanhui-yike 的发现日期 2025-02-20 早于这次议事协商"
        "（2025-03-10） — 核对问题编号和日期；会上提出的问题，发现日期填写议事协商的日期或之后"
    ]
    deliberation(dataset, 1, "2025-02-20", ("xikou-sanhui-yike",))
    assert texts(dataset) == []


def test_a_finding_of_another_village_is_a_warning(dataset):
    dataset.replace(
        "findings/xikou-sanhui-yike.yaml", "unit: xikou-dangzhibu", "unit: zhen-dangjianban"
    )
    deliberation(dataset, 1, "2025-02-20", ("xikou-sanhui-yike",))
    assert [p.code for p in dataset.validate().problems] == ["deliberation.finding-elsewhere"]
    assert texts(dataset) == [
        "data/deliberations/xikou-2025-1.yaml:9:5: 警告 deliberation.finding-elsewhere"
        " 字段「转入问题整改的事项 第1项」：问题 xikou-sanhui-yike 的责任单位是 zhen-dangjianban，"
        "不是本村（社区）xikou 或其党组织 — 核对问题编号；本村议事协商提出的问题，"
        "责任单位应是本村（社区）或本村的党组织"
    ]


def test_an_unknown_finding_is_a_missing_reference(dataset):
    deliberation(dataset, 1, "2025-03-10", ("xikou-nosuch",))
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line) == ("ref.missing", 9)


def test_a_meeting_after_the_build_date(dataset):
    deliberation(dataset, 1, "2026-01-05")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line) == ("date.future", 4)


# -- the quarterly rhythm and its metric ---------------------------------------------


REQUIREMENT = "deliberation_requirement:\n  rhythm: 每季度\n  times: 1\n  effective: 2025-01-01\n"


def required(dataset) -> None:
    """The minimal township asks for a deliberation meeting a quarter."""
    township = "townships/qingxi.yaml"
    dataset.write(township, dataset.read(township) + REQUIREMENT)


def target(dataset) -> None:
    """The minimal plan's target is the rhythm's, under the township's requirement, and the
    minimal dataset's meeting is gone."""
    required(dataset)
    dataset.delete("deliberations/xikou-yishi-1.yaml")
    dataset.replace(
        PLAN, "    metric: one_shoulder_share\n", "    metric: deliberation_quarterly_share\n"
    )


def test_no_requirement_of_the_township_is_no_data(dataset):
    dataset.replace(
        PLAN, "    metric: one_shoulder_share\n", "    metric: deliberation_quarterly_share\n"
    )
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, found.reason) == (
        "无数据",
        "镇里没有规定议事协商要求（deliberation_requirement）",
    )


def test_a_closed_quarter_without_a_meeting_falls_short_and_an_open_one_does_not(dataset):
    target(dataset)
    deliberation(dataset, 1, "2025-02-10")
    deliberation(dataset, 2, "2025-08-12")
    site = model(dataset, dt.date(2025, 11, 30))
    [(_, found)] = Targets(site).all()
    assert (found.state, computed(found).value) == ("未达标", Decimal("0.0"))
    assert [(u.unit, u.shown) for u in computed(found).short] == [
        ("xikou", "第二季度未达到每季度至少1次")
    ]
    grid = DeliberationRhythm(site).grid(site.villages["xikou"], 2025)
    assert [(p.short_label, c.held, c.short, c.open) for p, (c,) in grid.rows] == [
        ("第一季度", 1, False, False),
        ("第二季度", 0, True, False),
        ("第三季度", 1, False, False),
        ("第四季度", 0, False, True),
    ]


def test_every_quarter_held_meets_the_target(dataset):
    target(dataset)
    for n, date in enumerate(("2025-01-10", "2025-04-10", "2025-07-10", "2025-10-10"), 1):
        deliberation(dataset, n, date)
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, computed(found).value, computed(found).short) == (
        "达标",
        Decimal("100.0"),
        (),
    )


def test_a_short_year_is_one_entry_of_supervision(dataset):
    target(dataset)
    deliberation(dataset, 1, "2025-02-10")
    deliberation(dataset, 2, "2025-11-10")
    entries = [e for e in supervision(model(dataset)) if e.kind == "议事协商"]
    assert [(e.what, e.units, e.due, e.period) for e in entries] == [
        (
            "2025年第二季度、第三季度议事协商会少于规定（每季度至少1次）",
            ("xikou",),
            dt.date(2025, 6, 30),
            "2025年",
        )
    ]


# -- the sample ---------------------------------------------------------------------


def test_sample_deliberation_target_names_who_falls_short(sample_model):
    results = {r.target["id"]: r for _, r in Targets(sample_model).all()}
    found = results["yishi-xieshang"]
    assert (found.state, computed(found).value) == ("未达标", Decimal("50.0"))
    assert [(u.unit, u.shown) for u in computed(found).short] == [
        ("shimen", "第二季度未达到每季度至少1次")
    ]


def test_sample_supervision_lists_the_short_villages(sample_model):
    entries = [(e.units, e.what) for e in supervision(sample_model) if e.kind == "议事协商"]
    assert sorted(entries) == [
        (("shangtang",), "2025年第三季度议事协商会少于规定（每季度至少1次）"),
        (("shimen",), "2025年第二季度议事协商会少于规定（每季度至少1次）"),
        (("zhukeng",), "2025年第一季度议事协商会少于规定（每季度至少1次）"),
    ]


def test_village_page_shows_the_quarters_and_the_meetings(sample_pages):
    page = sample_pages["villages/shimen.md"]
    assert "## 议事协商" in page
    assert '| 第二季度 | 0/1 <span class="overdue">少 1 次</span> |' in page
    assert '| 第四季度 | 1/1 <span class="due due-not-yet">进行中</span> |' in page
    assert "[新阶层人士和两新组织参与社区治理]" in sample_pages["villages/hexicun.md"]


def test_meeting_page_links_the_findings_it_passed_on(sample_pages):
    page = sample_pages["deliberations/xikou-2025-3.md"]
    assert "# 溪口村 民情沟通日：村道沿线环境卫生" in page
    assert "/generated/findings/xikou-huanjing-zhengzhi.md" in page
    finding = sample_pages["findings/xikou-huanjing-zhengzhi.md"]
    assert (
        "- 2025-08-18 民情沟通日：[村道沿线环境卫生](/generated/deliberations/xikou-2025-3.md)"
        in finding
    )


# -- venues (阵地) ----------------------------------------------------------------------

VENUE = "venues/xikou-zhendi.yaml"


def venue(dataset, area: str = "260", functions=("党员活动室", "便民服务站"), **more: str) -> None:
    fields = {"opening_hours": "周一至周五 8:30-17:30", "address": "青溪镇溪口村溪口路8号", **more}
    dataset.write(
        VENUE,
        f"id: xikou-zhendi\nvillage: xikou\nname: 溪口村党群服务中心\narea: {area}\nfunctions:\n"
        + "".join(f"  - {f}\n" for f in functions)
        + "".join(f"{key}: {value}\n" for key, value in fields.items()),
    )


def test_a_function_outside_the_township_standard_names_the_standard(dataset):
    venue(dataset, functions=("党员活动室", "便民服务大厅"))
    assert texts(dataset) == [
        "data/venues/xikou-zhendi.yaml:7:5: 警告 venue.unknown-function 字段「已有功能 第2项」："
        "功能「便民服务大厅」不在镇里为行政村规定的阵地功能中（党员活动室、便民服务站、文体活动室）"
        " — 改用镇阵地标准（镇文件的 venue_standards）中的名称；标准里确实没有的功能可以不写"
    ]


def test_a_venue_address_in_a_residential_block_is_a_public_building(dataset):
    venue(dataset, address="青溪镇锦绣小区5栋2单元101室")
    assert texts(dataset) == []


def test_a_house_address_in_a_person_context_is_caught_even_in_the_venue_address(dataset):
    venue(dataset, address="村民郑某家，溪口村3组15号")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line, problem.field) == ("privacy.address", 9, "address")


def test_the_same_address_in_another_field_is_still_a_house_address(dataset):
    venue(dataset, opening_hours="锦绣小区5栋2单元101室 周一至周五")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line, problem.field) == ("privacy.address", 8, "opening_hours")


def venue_target(dataset, metric: str) -> None:
    dataset.replace(PLAN, "    metric: one_shoulder_share\n", f"    metric: {metric}\n")


def test_area_and_functions_against_the_standard(dataset):
    venue(dataset, area="180.5", functions=("党员活动室", "便民服务站"))
    venue_target(dataset, "venue_area_share")
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, computed(found).value) == ("未达标", Decimal("0.0"))
    assert [(u.unit, u.shown) for u in computed(found).short] == [
        ("xikou", "180.5 平方米（标准 200 平方米）")
    ]
    dataset.replace(PLAN, "venue_area_share", "venue_function_share")
    [(_, found)] = Targets(model(dataset)).all()
    assert [(u.unit, u.shown) for u in computed(found).short] == [("xikou", "缺文体活动室")]
    venue(dataset, area="200", functions=("党员活动室", "便民服务站", "文体活动室"))
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, computed(found).value, computed(found).units[0].shown) == (
        "达标",
        Decimal("100.0"),
        "3 项功能齐全",
    )


def test_no_venue_records_or_no_standard_is_no_data(dataset):
    dataset.delete(VENUE)
    venue_target(dataset, "venue_area_share")
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, found.reason) == ("无数据", "范围内没有活动阵地记录（data/venues/）")
    dataset.replace(
        "townships/qingxi.yaml", "    functions: [党员活动室, 便民服务站, 文体活动室]\n", ""
    )
    dataset.replace(PLAN, "venue_area_share", "venue_function_share")
    venue(dataset)
    [(_, found)] = Targets(model(dataset)).all()
    assert found.reason == "镇里没有为范围内的村（社区）规定阵地应有功能（venue_standards）"


def test_sample_venue_targets(sample_model):
    results = {r.target["id"]: r for _, r in Targets(sample_model).all()}
    area, functions = results["zhendi-mianji"], results["liuzhan-yipingtai"]
    assert (area.state, computed(area).value) == ("未达标", Decimal("77.8"))
    assert [(u.unit, u.shown) for u in computed(area).short] == [
        ("meilin", "150 平方米（标准 200 平方米）"),
        ("zhukeng", "180 平方米（标准 200 平方米）"),
    ]
    assert (functions.state, computed(functions).value) == ("未达标", Decimal("0.0"))
    assert [(u.unit, u.shown) for u in computed(functions).short] == [
        ("qingxi-shequ", "缺社会保障服务站")
    ]


def test_village_page_shows_its_venue_against_the_standard(sample_pages):
    page = sample_pages["villages/qingxi-shequ.md"]
    assert "## 活动阵地" in page
    assert "| 名称和位置 | 青溪社区党群服务中心，青溪镇青溪大道66号 |" in page
    assert "| 面积 | 452 平方米（镇定标准 300 平方米，达标） |" in page
    assert "| 对照标准 | 缺社会保障服务站 |" in page
    assert (
        "| 面积 | 120 平方米（镇定标准 150 平方米，未达标） |" in sample_pages["villages/shimen.md"]
    )


# -- village supervision committees (村务监督委员会) ---------------------------------------

OVERSIGHT = "oversight/xikou-2025.yaml"
COMMITTEE_END = "  term_end: 2026-05-30\n"


def test_a_committee_elected_apart_from_the_two_committees(dataset):
    dataset.replace(VILLAGE, "  term_start: 2021-05-30\n", "  term_start: 2022-03-01\n")
    assert texts(dataset) == [
        "data/villages/xikou.yaml:17:15: 警告 oversight.term-apart 字段「村（居）务监督委员会 › 任期开始日期」："
        "村务监督委员会任期开始于 2022-03-01，与“两委”任期开始（2021-05-30）相差 275 天"
        " — 核对任期开始日期；村务监督委员会成员应结合村“两委”换届同步推选，任期与“两委”一致"
    ]


def test_the_chair_is_the_discipline_member_where_the_village_says_so(dataset):
    dataset.replace(
        VILLAGE,
        COMMITTEE_END,
        COMMITTEE_END
        + "  chair: 郑伟东\n  members: [蒋建国, 方秀英]\n  chair_is_discipline_member: true\n",
    )
    assert texts(dataset) == []
    dataset.replace(VILLAGE, "  chair: 郑伟东", "  chair: 蒋丽娟")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line) == ("oversight.chair-not-discipline-member", 19)
    assert "主任 蒋丽娟 不是本村党组织的纪检委员（郑伟东）" in problem.message


def test_a_log_records_its_own_year(dataset):
    dataset.replace(OVERSIGHT, "  - date: 2025-01-20\n", "  - date: 2024-12-20\n")
    [problem] = dataset.validate().problems
    assert (problem.code, problem.line, problem.field) == ("oversight.year", 13, "matters[0].date")


def test_attendance_share_names_the_missed_meetings(dataset):
    dataset.replace(
        PLAN, "    metric: one_shoulder_share\n", "    metric: oversight_attendance_share\n"
    )
    [(_, found)] = Targets(model(dataset)).all()
    assert (found.state, computed(found).value) == ("达标", Decimal("100.0"))
    dataset.replace(OVERSIGHT, "    chair_attended: true", "    chair_attended: false")
    [(_, found)] = Targets(model(dataset)).all()
    assert [(u.unit, u.shown) for u in computed(found).short] == [
        ("xikou", "“两委”会议 1 次，主任参加或列席 0 次")
    ]
    dataset.delete(OVERSIGHT)
    [(_, found)] = Targets(model(dataset)).all()
    assert found.reason == "范围内没有2025年的村务监督工作记录（data/oversight/）"


def test_sample_oversight_target(sample_model):
    results = {r.target["id"]: r for _, r in Targets(sample_model).all()}
    found = results["jianwei-liexi"]
    assert (found.state, computed(found).value) == ("未达标", Decimal("50.0"))
    assert [(u.unit, u.shown) for u in computed(found).short] == [
        ("shimen", "“两委”会议 3 次，主任参加或列席 2 次")
    ]


def test_village_page_shows_the_committee_and_its_year(sample_pages):
    page = sample_pages["villages/shimen.md"]
    assert "主任 牛德胜（村党组织纪检委员兼任）；" in page
    assert "委员 牛秀英、石国强；" in page
    assert (
        "村“两委”会议 3 次，监委会主任参加或列席 2 次（1 次未参加：2025-08-12）；"
        "审核公开和财务事项 1 项；提出意见建议 0 条，已办结 0 条。" in page
    )
    assert "| 2025-08-12 | 研究村道维修 | 否 |" in sample_pages["oversight/shimen-2025.md"]


# -- 村规民约 and 结对共建 ---------------------------------------------------------------

RULES = (
    "village_rules:\n  title: 溪口村村规民约\n  adopted: 2021-09-18\n  text: 爱护公共设施。\n"
    "rules_revisions:\n  - date: {date}\n    note: 增加垃圾分类条款\n"
)
BRANCH = "branches/xikou-dangzhibu.yaml"


def test_a_revision_before_the_rules_were_adopted(dataset):
    dataset.write(VILLAGE, dataset.read(VILLAGE) + RULES.format(date="2023-03-12"))
    assert texts(dataset) == []
    dataset.write(VILLAGE, dataset.read(VILLAGE).replace("2023-03-12", "2020-03-12"))
    [problem] = dataset.validate().problems
    assert (problem.code, problem.field) == (
        "date.end-before-start",
        "rules_revisions[0].date",
    )


def test_a_pair_is_written_once(dataset):
    other = dataset.read(BRANCH).replace("id: xikou-dangzhibu", "id: xikou-dier-dangzhibu")
    other = other.replace("name: 溪口村党支部", "name: 溪口村第二党支部")
    pairing = "pairings:\n  - partner: {}\n    since: 2025-03-01\n    content: 党建共抓\n"
    dataset.write("branches/xikou-dier-dangzhibu.yaml", other + pairing.format("xikou-dangzhibu"))
    dataset.write(BRANCH, dataset.read(BRANCH) + pairing.format("xikou-dier-dangzhibu"))
    found = [
        (p.path, p.code, p.message) for p in dataset.validate().problems if "pairing" in p.code
    ]
    assert found == [
        (
            "data/branches/xikou-dier-dangzhibu.yaml",
            "pairing.twice",
            "这对结对已经写在 xikou-dangzhibu 的记录里",
        )
    ]


def test_village_page_shows_its_rules_and_revisions(sample_pages):
    page = sample_pages["villages/xikou.md"]
    assert (
        "**溪口村村规民约**，村民会议通过于 2021-09-18，修订 2 次（最近一次 2025-03-20）。" in page
    )
    assert "| 2023-03-12 | 增加垃圾分类和废弃地膜回收条款 |" in page
    assert "五、邻里互助，尊老爱幼，家庭和睦。" in page


def test_a_pair_shows_on_both_organisations_pages(sample_pages):
    row = "| 2025-02-20 | 党建共抓、资源共享、活动共办，共同推进人居环境整治 |"
    assert (
        f"| [溪口村党支部](/generated/branches/xikou-dangzhibu.md) {row}"
        in sample_pages["branches/zhen-jiguan-diyi-dangzhibu.md"]
    )
    assert "## 结对共建" in sample_pages["branches/xikou-dangzhibu.md"]
    assert (
        "/generated/branches/zhen-jiguan-diyi-dangzhibu.md) " + row
        in sample_pages["branches/xikou-dangzhibu.md"]
    )
