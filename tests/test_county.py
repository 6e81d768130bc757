"""A county of townships: every record in its own township, department ids scoped per township.

Two townships in the minimal dataset, as a county adds one: 河西镇 with its own 党建办
(the same id as 青溪镇's), one village, one plan and one task."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import TASK, TODAY

from generators.model.site import build_model
from generators.model.targets import evaluate
from generators.spec.registry import REGISTRY

HEXI_TOWNSHIP = """\
id: hexi
name: 河西镇
county: 云岭县
party_committee: 中共河西镇委员会
site_title: 河西镇公开平台
departments:
  - id: zhen-dangjianban
    name: 镇党建办
disclosure_catalogue:
  - key: cunji-caiwu
    category: 财务
    title: 村级财务收支情况
    applies_to: [行政村, 社区]
    rhythm: 每季度
    due_days: 10
    effective: 2025-01-01
decision_steps:
  - 村党组织提议
  - 村两委会议商议
  - 党员大会审议
  - 村民代表会议决议
  - 决议公开
  - 实施结果公开
"""

HEXI_VILLAGE = """\
id: hexicun
name: 河西村
kind: 行政村
township: hexi
groups: 5
households: 298
population: 1046
grids: 2
leaders:
  secretary: 王建国
  director: 王建国
committee_term:
  start: 2021-05-30
  end: 2026-05-30
supervision_committee:
  size: 3
  term_start: 2021-05-30
  term_end: 2026-05-30
collective_economy:
  - year: 2025
    total_income: 98000.00
    operating_income: 52000.00
party_funds:
  - year: 2025
    amount: 30000.00
"""

HEXI_PLAN = """\
id: hexi-2025
title: 河西镇2025年基层党建实施方案
issuer: 中共河西镇委员会
doc_number: 河委发〔2025〕2号
issued: 2025-01-15
township: hexi
period:
  start: 2025-01-01
  end: 2025-12-31
actions:
  - id: baozhang
    name: 保障落实行动
    goal: 落实村级党建工作经费
targets:
  - id: jingfei
    indicator: 村级党建工作经费（每村每年）
    comparator: ≥
    value: 40000
    unit: 元
    deadline: 2025-12-31
    scope: 全镇村（社区）
    metric: party_funds_each
"""

HEXI_TASK = """\
id: hexi-jingfei
plan: hexi-2025
action: baozhang
title: 落实村级党建工作经费
content: 按每村每年不少于4万元落实党建工作经费
lead_units:
  - zhen-dangjianban
responsible_units:
  - hexicun
start: 2025-02-01
deadline: 2025-12-31
status: 推进中
progress: 50
updates:
  - date: 2025-12-20
    progress: 50
    note: 上半年经费拨付到位
"""


def add_hexi(dataset, plan_township: str | None = "hexi"):
    """河西镇 beside 青溪镇; 青溪镇's plan says its township, as a county's plans do."""
    dataset.write("townships/hexi.yaml", HEXI_TOWNSHIP)
    dataset.write("villages/hexicun.yaml", HEXI_VILLAGE)
    plan = HEXI_PLAN if plan_township else HEXI_PLAN.replace("township: hexi\n", "")
    dataset.write("plans/hexi-2025.yaml", plan)
    dataset.write("tasks/hexi-2025/hexi-jingfei.yaml", HEXI_TASK)
    dataset.plan_in_township("qingxi")
    dataset.replace(
        "villages/xikou.yaml",
        "collective_economy:",
        "party_funds:\n  - year: 2025\n    amount: 36000.00\ncollective_economy:",
    )


def problems(dataset):
    return [
        (p.code, p.path.removeprefix("data/"), p.line, p.message)
        for p in dataset.validate().problems
    ]


def model(dataset):
    result = dataset.validate()
    assert result.ok, [(p.code, p.path, p.line, p.message) for p in result.problems]
    return build_model(result.records, TODAY, {}, REGISTRY)


def test_a_plan_is_scored_on_its_own_townships_villages(dataset):
    add_hexi(dataset)
    site = model(dataset)
    plan = site.plans["hexi-2025"]
    result = evaluate(site, plan, plan["targets"][0]).result
    assert result is not None  # the target has records to count
    assert [(u.unit, u.value) for u in result.units] == [("hexicun", Decimal(30000))]
    assert site.township_of_plan(plan) == "hexi"
    assert site.township_of_plan(site.plans["jiceng-2025"]) == "qingxi"


def test_tasks_are_counted_in_their_plans_township(dataset):
    add_hexi(dataset)
    site = model(dataset)
    assert [t.id for t in site.tasks_of_township("hexi")] == ["hexi-jingfei"]
    assert [t.id for t in site.tasks_of_township("qingxi")] == ["wangge-fugai"]


def test_a_task_names_the_department_of_its_own_township(dataset):
    add_hexi(dataset)
    site = model(dataset)
    hexi_office, qingxi_office = "hexi/zhen-dangjianban", "qingxi/zhen-dangjianban"
    assert site.tasks["hexi-jingfei"]["lead_units"] == (hexi_office,)
    assert site.tasks["wangge-fugai"]["lead_units"] == (qingxi_office,)
    assert [t.id for t in site.tasks_of(hexi_office)] == ["hexi-jingfei"]
    assert site.township_of(hexi_office) == "hexi"
    assert site.unit_name(hexi_office) == "镇党建办（河西镇）"
    assert [u for u, _ in site.counts_by_unit(within=site.townships["hexi"])] == [hexi_office]


def test_one_township_needs_no_township_on_its_plan(dataset):
    site = model(dataset)
    assert site.township_of_plan(site.plans["jiceng-2025"]) == "qingxi"
    assert site.unit_name("qingxi/zhen-dangjianban") == "镇党建办"


def test_with_two_townships_a_plan_must_say_its_township(dataset):
    add_hexi(dataset, plan_township=None)
    assert problems(dataset) == [
        (
            "ref.plan-township",
            "plans/hexi-2025.yaml",
            1,
            "本站有 2 个镇（街道）（河西镇、青溪镇），方案 hexi-2025 没有写明所属的镇（township）",
        ),
        (
            "ref.ambiguous-unit",
            "tasks/hexi-2025/hexi-jingfei.yaml",
            7,
            "编号 zhen-dangjianban 既是河西镇的部门，也是青溪镇的部门，不知道指的是哪一个",
        ),
    ]


def test_a_county_plan_has_no_township_and_names_departments_in_full(dataset):
    add_hexi(dataset)
    dataset.replace("plans/hexi-2025.yaml", "township: hexi\n", "level: 县\n")
    assert [p[:3] for p in problems(dataset)] == [
        ("ref.ambiguous-unit", "tasks/hexi-2025/hexi-jingfei.yaml", 7)
    ]
    dataset.replace(
        "tasks/hexi-2025/hexi-jingfei.yaml", "  - zhen-dangjianban", "  - hexi/zhen-dangjianban"
    )
    site = model(dataset)
    assert site.township_of_plan(site.plans["hexi-2025"]) is None
    assert site.tasks["hexi-jingfei"]["lead_units"] == ("hexi/zhen-dangjianban",)


def test_a_county_plan_with_a_township_is_refused(dataset):
    add_hexi(dataset)
    dataset.replace("plans/hexi-2025.yaml", "township: hexi\n", "township: hexi\nlevel: 县\n")
    assert [p[:3] for p in problems(dataset)] == [
        ("ref.county-plan-township", "plans/hexi-2025.yaml", 7)
    ]


def test_the_same_department_id_in_two_townships_is_accepted(dataset):
    add_hexi(dataset)
    assert problems(dataset) == []


def test_a_department_id_twice_in_one_township_is_an_error(dataset):
    from conftest import TOWNSHIP

    dataset.replace(
        TOWNSHIP,
        "  - id: zhen-dangjianban\n    name: 镇党建办\n",
        "  - id: zhen-dangjianban\n    name: 镇党建办\n"
        "  - id: zhen-dangjianban\n    name: 镇组织办\n",
    )
    assert problems(dataset) == [
        (
            "id.duplicate-department",
            TOWNSHIP,
            11,
            "部门编号 zhen-dangjianban 在青溪镇重复",
        )
    ]


def test_a_finding_of_a_shared_department_id_must_name_its_township(dataset):
    add_hexi(dataset)
    finding = "findings/xikou-sanhui-yike.yaml"
    dataset.replace(finding, "unit: xikou-dangzhibu", "unit: zhen-dangjianban")
    assert [p[:3] for p in problems(dataset)] == [("ref.ambiguous-unit", finding, 2)]
    dataset.replace(finding, "unit: zhen-dangjianban", "unit: hexi/zhen-dangjianban")
    site = model(dataset)
    assert [f.id for f in site.findings_of_departments(site.townships["hexi"])] == [
        "xikou-sanhui-yike"
    ]


def test_a_qualified_department_of_no_such_township_is_missing(dataset):
    add_hexi(dataset)
    dataset.replace(TASK, "  - zhen-dangjianban", "  - dongshan/zhen-dangjianban")
    assert [p[:3] for p in problems(dataset)] == [("ref.missing", TASK, 7)]


# ---------- the site's identity comes from the data ----------

COUNTY = """\
id: yunling
name: 云岭县
party_committee: 中共云岭县委员会
site_title: 云岭县党建引领基层治理公开平台
maintainer: 中共云岭县委组织部
"""


def generated(dataset) -> dict[str, str]:
    """The generated pages and navigation file (.nav.json) of the dataset, as of TODAY."""
    from generators.pipeline import GENERATED, generate

    docs = dataset.root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "_intro.md").write_text(
        "本站公开{{ 地区 }}各村（社区）的公开信息。\n", encoding="utf-8"
    )
    result = generate(dataset.data, docs, TODAY, use_history=False)
    assert result.ok, [p.text() for p in result.problems]
    folder = docs / GENERATED
    pages = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in {".md", ".json"}
    }
    return pages


def nav_of(pages: dict[str, str]) -> dict:
    """The navigation file among the generated pages: the site's name, description and owner."""
    import json

    return json.loads(pages[".nav.json"])


def section(page: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next one."""
    start = page.index(f"\n## {heading}\n") + len(heading) + 5
    end = page.find("\n## ", start)
    return page[start : end if end >= 0 else len(page)]


def test_a_township_site_is_named_from_its_township(dataset):
    dataset.replace(
        "townships/qingxi.yaml",
        "site_title: 青溪镇公开平台\n",
        "site_title: 青溪镇公开平台\nmaintainer: 青溪镇党委党建工作办公室\n",
    )
    pages = generated(dataset)
    assert nav_of(pages)["site_name"] == "青溪镇基层党建与治理公开"
    assert nav_of(pages)["site_description"] == "青溪镇党务、村务、财务公开和基层党建工作进度"
    assert nav_of(pages)["copyright"] == "本站由青溪镇党委党建工作办公室维护，数据经审核后发布。"
    assert nav_of(pages)["identity"] == {
        "地区": "青溪镇",
        "维护单位": "青溪镇党委党建工作办公室",
        "监督单位": "镇纪委",
    }
    home = pages["index.md"]
    assert "\n# 青溪镇公开平台\n\n本站公开青溪镇各村（社区）的公开信息。\n" in home
    assert "## 各镇（街道）" not in home


def test_a_townships_maintainer_defaults_to_its_party_committee(dataset):
    assert (
        nav_of(generated(dataset))["copyright"] == "本站由中共青溪镇委员会维护，数据经审核后发布。"
    )


def test_a_county_site_is_named_from_its_county(dataset):
    add_hexi(dataset)
    dataset.write("counties/yunling.yaml", COUNTY)
    pages = generated(dataset)
    assert nav_of(pages)["site_name"] == "云岭县基层党建与治理公开"
    assert nav_of(pages)["copyright"] == "本站由中共云岭县委组织部维护，数据经审核后发布。"
    assert nav_of(pages)["identity"]["地区"] == "云岭县"
    assert nav_of(pages)["identity"]["监督单位"] == "各镇（街道）纪委"
    home = pages["index.md"]
    assert "\n# 云岭县党建引领基层治理公开平台\n\n本站公开云岭县各村（社区）的公开信息。\n" in home


def test_the_county_home_has_its_townships_apart_from_the_overdue_tasks(dataset):
    add_hexi(dataset)
    home = generated(dataset)["index.md"]
    townships = section(home, "各镇（街道）")
    assert "| [河西镇](/generated/townships/hexi.md) |" in townships
    assert "| [青溪镇](/generated/townships/qingxi.md) |" in townships
    overdue = section(home, "逾期任务")
    assert overdue.strip().startswith("以下 1 项任务已过完成时限但尚未完成")
    assert "| 镇（街道） |" not in overdue


def test_the_county_home_compares_its_townships_in_a_chart_and_a_table(dataset):
    add_hexi(dataset)
    townships = section(generated(dataset)["index.md"], "各镇（街道）")
    assert '<figure class="chart"' in townships and "各镇（街道）任务状态" in townships
    assert (
        "| 镇（街道） | 村（社区） | 党组织 | 任务 | 逾期任务 | 公开 | 按期公开率（排名） "
        "| 目标达标 | 组织生活达标 | 未销号问题 |" in townships
    )
    # 河西镇: its plan's one target (河西村 30,000 元 < 40,000 元) unmet; 青溪镇's one met;
    # 河西镇 keeps no 组织生活 records, 青溪镇's one branch (溪口村党支部) falls short
    assert (
        "| [河西镇](/generated/townships/hexi.md) | 1 | 0 | 1 | 0 | 0 "
        '| <span class="nowrap">0&#37;（第 2）</span> | 0 / 1 | — | 0 |' in townships
    )
    assert (
        '33&#37;（第 1）</span> | 1 / 1 | <span class="nowrap">0&#37;（0 / 1）</span> |'
        in townships
    )
    assert "\n按期公开率排名：第 1 名 青溪镇（33&#37;），第 2 名 河西镇（0&#37;）。\n" in townships
    assert '\n<div class="sortable-table" markdown>\n\n| 镇（街道） |' in townships


def test_renaming_the_county_changes_only_the_lines_that_name_it(dataset):
    add_hexi(dataset)
    dataset.write("counties/yunling.yaml", COUNTY)
    before = generated(dataset)
    dataset.write("counties/yunling.yaml", COUNTY.replace("云岭县", "云山县"))
    for township in ("townships/qingxi.yaml", "townships/hexi.yaml"):  # their county's name
        dataset.replace(township, "county: 云岭县", "county: 云山县")
    after = generated(dataset)
    # every page's title and footer: the site's name and copyright line, and nothing else
    assert nav_of(before)["site_name"] == "云岭县基层党建与治理公开"
    assert nav_of(after)["site_name"] == "云山县基层党建与治理公开"
    assert nav_of(after)["copyright"] == "本站由中共云山县委组织部维护，数据经审核后发布。"
    assert json.loads(pages_renamed(before[".nav.json"])) == nav_of(after)
    assert before.keys() == after.keys()
    assert "\n云山县 · 中共河西镇委员会\n" in after["townships/hexi.md"]
    for path, page in before.items():
        if not path.endswith(".md") or path == "counties/yunling.md":
            continue  # the search dictionary's words are sorted; the county's own page
        changed = [
            (old, new)
            for old, new in zip(page.splitlines(), after[path].splitlines(), strict=True)
            if old != new
        ]
        assert all(pages_renamed(old) == new for old, new in changed), path


def pages_renamed(text: str) -> str:
    return text.replace("云岭县", "云山县")


# ---------- views that compare townships ----------


def test_the_village_list_names_each_villages_township(dataset):
    add_hexi(dataset)
    villages = generated(dataset)["villages/index.md"]
    assert "| 名称 | 镇（街道） | 类型 |" in villages
    rows = [line for line in villages.splitlines() if line.startswith("| [")]
    assert [row.split(" | ")[:2] for row in rows] == [
        ["| [河西村](/generated/villages/hexicun.md)", "[河西镇](/generated/townships/hexi.md)"],
        ["| [溪口村](/generated/villages/xikou.md)", "[青溪镇](/generated/townships/qingxi.md)"],
    ]


def test_a_township_sites_village_list_has_no_township_column(dataset):
    assert "| 名称 | 类型 |" in generated(dataset)["villages/index.md"]


def test_compliance_opens_with_each_townships_figures(dataset):
    add_hexi(dataset)
    page = generated(dataset)["compliance/index.md"]
    townships = section(page, "各镇（街道）")
    assert (
        "| 镇（街道） | 按期公开 | 逾期公开 | 未公开 | 即将到期 | 未到期 | 按期公开率 |"
        in townships
    )
    # 河西村 published none of its three quarters due; the fourth is not due yet
    assert "| [河西镇](/generated/townships/hexi.md) | 0 | 0 | 3 | 0 | 1 | 0&#37; |" in townships
    assert "| [青溪镇](/generated/townships/qingxi.md) | 1 | 0 | 2 | 0 | 1 | 33&#37; |" in townships
    assert page.index("## 各镇（街道）") < page.index("## 逾期和未公开")


def test_supervision_opens_with_each_townships_counts(dataset):
    add_hexi(dataset)
    page = generated(dataset)["supervision/index.md"]
    townships = section(page, "各镇（街道）")
    header = townships.splitlines()[1]
    assert header.startswith("| 镇（街道） | 公开 | 任务 |") and header.endswith(" 合计 |")
    rows = [line for line in townships.splitlines() if line.startswith("| [")]
    # 河西村's three missing disclosures; its task reports on time
    assert rows[0].startswith("| [河西镇](/generated/townships/hexi.md) | 3 | 0 |")
    assert rows[1].startswith("| [青溪镇](/generated/townships/qingxi.md) |")
    # the task of 青溪镇 led by its 党建办 counts in 青溪镇, not in 河西镇
    assert rows[1].split(" | ")[2] == "1"


@pytest.mark.slow
def test_a_county_sites_pages_carry_its_name_and_maintainer(dataset):
    """A real MkDocs build: every page's title and footer, and the about page, from the data."""
    from sitebuild import build_site, copy_site_project

    add_hexi(dataset)
    dataset.write("counties/yunling.yaml", COUNTY)
    project = dataset.root / "project"
    project.mkdir()
    copy_site_project(project)
    process = build_site(project, dataset.data)
    assert process.returncode == 0, process.stderr[-2000:]
    site = project / "site"
    pages = [
        site / "index.html",
        site / "about" / "index.html",
        site / "villages" / "xikou" / "index.html",
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "云岭县基层党建与治理公开</title>" in html, page
        assert "本站由中共云岭县委组织部维护，数据经审核后发布。" in html, page
        assert "青溪镇党委党建工作办公室" not in html, page
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "本站是云岭县基层党建与治理信息的公开网站" in about
    assert "村务监督委员会和各镇（街道）纪委对公开内容进行监督" in about
    assert "{{" not in about
    description = '<meta name="description" content="云岭县党务、村务、财务公开和基层党建工作进度">'
    assert description in (site / "index.html").read_text(encoding="utf-8")


# ---------- a township's own overview ----------


def test_a_township_page_lists_its_units_late_items_linking_to_supervision(dataset):
    add_hexi(dataset)
    page = generated(dataset)["townships/hexi.md"]
    late = section(page, "督办事项 { data-search-exclude }")
    # 河西村's three quarters of 村级财务收支情况 are not published; nothing of 青溪镇's is here
    assert "| [河西村](/generated/supervision/index.md#unit-hexicun) | 3 | 公开 3 |" in late
    assert "溪口村" not in late
    assert late.strip().startswith("截至 2025-12-31，本镇各单位已过期限、还没有办完的事项共 3 项")


def test_a_township_page_lists_every_department_even_without_tasks(dataset):
    add_hexi(dataset)
    dataset.replace(
        "townships/hexi.yaml",
        "  - id: zhen-dangjianban\n    name: 镇党建办\n",
        "  - id: zhen-dangjianban\n    name: 镇党建办\n  - id: zhen-jiwei\n    name: 镇纪委\n",
    )
    page = generated(dataset)["townships/hexi.md"]
    table = section(page, "镇属部门任务情况 { data-search-exclude }")
    rows = [line for line in table.splitlines() if line.startswith("| 镇")]
    assert rows == ["| 镇党建办（河西镇） | 1 | 0 | 0 |", "| 镇纪委（河西镇） | 0 | 0 | 0 |"]


def headings(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("#")]


def test_the_county_organisation_list_has_each_townships_tree_under_its_name(dataset):
    add_hexi(dataset)
    page = generated(dataset)["branches/index.md"]
    assert headings(page) == [
        "# 支部档案",
        "## 河西镇 { #township-hexi }",
        "## 青溪镇 { #township-qingxi }",
        "### 组织体系",
        "### 各党组织情况",
        "## 组织生活记录",
    ]
    qingxi = section(page, "青溪镇 { #township-qingxi }")
    assert "- [溪口村党支部](/generated/branches/xikou-dangzhibu.md)" in qingxi
    assert "共 1 个党组织：[河西镇](#township-hexi) 0 个，[青溪镇](#township-qingxi) 1 个。" in page
    assert "\n暂无党组织记录。本镇概况见[河西镇](/generated/townships/hexi.md)。\n" in page


def test_a_township_sites_organisation_list_keeps_one_tree(dataset):
    page = generated(dataset)["branches/index.md"]
    assert headings(page) == ["# 支部档案", "## 组织体系", "## 各党组织情况", "## 组织生活记录"]


def test_townships_with_the_same_on_time_rate_share_a_rank_and_one_without_has_none(dataset):
    from generators.model.comparison import Share, TownshipRow, _ranked

    def row(name: Any, part: int, whole: int) -> TownshipRow:
        return TownshipRow(name, 0, 0, 0, 0, 0, Share(part, whole), "", Share(0, 0), None, 0)

    rows = _ranked([row("a", 1, 3), row("b", 2, 6), row("c", 0, 0), row("d", 1, 2)])
    assert [(str(r.township), r.rank) for r in rows] == [
        ("a", 2),
        ("b", 2),
        ("c", None),
        ("d", 1),
    ]


def test_organisational_life_counts_a_townships_branches_meeting_every_period(dataset):
    from generators.model.comparison import Share, meeting_life
    from generators.model.compliance import Compliance

    add_hexi(dataset)
    site = model(dataset)
    compliance = Compliance(site)
    assert meeting_life(site, compliance, "qingxi") == Share(0, 1)
    assert meeting_life(site, compliance, "hexi") is None  # no 组织生活 records at all


# ---------- targets at the county's scope ----------

# 云岭县's own plan: the county's, over every township; the same target, at 35,000 元
COUNTY_PLAN = (
    HEXI_PLAN.replace("id: hexi-2025", "id: yunling-2025")
    .replace("河西镇2025年", "云岭县2025年")
    .replace("issuer: 中共河西镇委员会", "issuer: 中共云岭县委员会")
    .replace("township: hexi\n", "level: 县\n")
    .replace("value: 40000", "value: 35000")
    .replace("scope: 全镇村（社区）", "scope: 全县各村（社区）")
)


def test_a_county_target_counts_every_township_and_names_those_short(dataset):
    from generators.model.targets import Targets

    add_hexi(dataset)
    dataset.write("plans/yunling-2025.yaml", COUNTY_PLAN)
    site = model(dataset)
    plan = site.plans["yunling-2025"]
    targets = Targets(site)
    result = targets.of(plan, plan["targets"][0])
    # 河西村 30,000 元 is the weakest of the county's two villages; 溪口村 has 36,000 元
    assert result.result is not None and result.result.value == Decimal(30000)
    assert [u.unit for u in result.result.short] == ["hexicun"]
    each = targets.per_township(plan, plan["targets"][0])
    assert [(t.id, r.state) for t, r in each] == [("hexi", "未达标"), ("qingxi", "达标")]
    assert [t["name"] for t in targets.short_townships(plan, plan["targets"][0])] == ["河西镇"]
    # a township's own target is not split by township
    hexi_plan = site.plans["hexi-2025"]
    assert targets.per_township(hexi_plan, hexi_plan["targets"][0]) == []


def test_a_county_plans_page_names_the_townships_that_fall_short(dataset):
    add_hexi(dataset)
    dataset.write("plans/yunling-2025.yaml", COUNTY_PLAN)
    pages = generated(dataset)
    page = pages["plans/yunling-2025.md"]
    assert "| 镇（街道） | 当前 | 情况 |" in page
    assert (
        '| [河西镇](/generated/townships/hexi.md) | 30,000.00 元 | <span class="overdue">未达标'
        in page
    )
    assert "未达标的镇（街道）（1 个）：河西镇。" in page
    assert "| 村（社区） | 镇（街道） | 情况 |" in page
    assert (
        "| [河西村](/generated/villages/hexicun.md) | [河西镇](/generated/townships/hexi.md) "
        "| 30,000&#46;00 元 |" in page
    )


def test_a_late_county_target_is_supervised_under_the_townships_short(dataset):
    add_hexi(dataset)
    dataset.write("plans/yunling-2025.yaml", COUNTY_PLAN.replace("2025-12-31", "2025-12-30"))
    page = generated(dataset)["supervision/index.md"]
    assert "- [河西镇](#unit-hexi)：1 项（目标 1）" in page
    assert "未写明责任单位" not in page


@pytest.mark.sample_data
def test_the_samples_county_plan_names_the_townships_short_of_its_targets():
    import datetime as dt
    from pathlib import Path

    from generators.check.validate import validate
    from generators.model.targets import Targets

    today = dt.date(2025, 12, 31)
    records = validate(Path(__file__).resolve().parents[1] / "data", today).records
    site = build_model(records, today, {}, REGISTRY)
    plan, targets = site.plans["yunling-jiceng-2025"], Targets(site)
    one_shoulder, points, reserves = plan["targets"]
    shares, ratios = targets.of(plan, one_shoulder).result, targets.of(plan, reserves).result
    assert shares is not None and ratios is not None
    # 一肩挑: 10 of the county's 11 villages; 河西镇's 石门村 has a secretary and a director
    assert shares.value == Decimal("90.9")
    assert [t["name"] for t in targets.short_townships(plan, one_shoulder)] == ["河西镇"]
    assert [u.unit for u in shares.short] == ["shimen"]
    # 1:2 reserves: 石门村 (7 for 5 posts) is the weakest; 青溪社区 (9 for 5) is short too
    assert ratios.value == Decimal("1.40")
    assert [t["name"] for t in targets.short_townships(plan, reserves)] == ["河西镇", "青溪镇"]
    assert [u.unit for u in ratios.short] == [
        "qingxi-shequ-dangzhibu",
        "shimen-dangzhibu",
    ]
    # 党员积分: 7 of 11 village organisations scored every member; both townships are short
    scored = targets.of(plan, points).result
    assert scored is not None and scored.value == Decimal("63.6")
    assert [t["name"] for t in targets.short_townships(plan, points)] == ["河西镇", "青溪镇"]
    assert [(u.unit, u.shown) for u in scored.short] == [
        ("lingxia-dangzhibu", "未实行党员积分管理"),
        ("shimen-dangzhibu", "未实行党员积分管理"),
        ("shiqiao-dangzhibu", "积分管理党员 30 / 36 名"),
        ("zhukeng-dangzhibu", "未实行党员积分管理"),
    ]


# ---------- a township's county is the county record's ----------


def test_a_township_of_another_county_is_an_error_at_its_county_line(dataset):
    dataset.write("counties/yunling.yaml", COUNTY.replace("name: 云岭县", "name: 云山县"))
    assert problems(dataset) == [
        (
            "ref.township-county",
            "townships/qingxi.yaml",
            4,
            "青溪镇的所属县（county）写的是“云岭县”，"
            "与县（市、区）记录 counties/yunling.yaml 的名称“云山县”不同",
        )
    ]


def test_a_township_naming_the_county_record_is_accepted(dataset):
    add_hexi(dataset)
    dataset.write("counties/yunling.yaml", COUNTY)
    assert problems(dataset) == []
