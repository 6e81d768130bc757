"""两新组织, pledges (承诺践诺评诺) and grids: their checks on the minimal dataset, their model and their pages.

The checks run through validate() on the minimal dataset, changed once per
test; the pages are rendered from the bundled sample as of 2025-12-31.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import VILLAGE

from generators.check.validate import validate
from generators.model.site import build_model
from generators.render.pages import render_site
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 12, 31)
NEW_ORG = "new-orgs/xikou-chaye.yaml"
PLEDGE = "pledges/xikou-dangzhibu-2024.yaml"


def texts(dataset, today=TODAY) -> list[str]:
    return [p.text() for p in dataset.validate(today).problems]


# -- 两新组织 ---------------------------------------------------------------------


def test_party_members_beyond_staff(dataset):
    dataset.replace(NEW_ORG, "party_members: 2", "party_members: 30")
    assert texts(dataset) == [
        "data/new-orgs/xikou-chaye.yaml:8:16: 错误 new-org.members-exceed-staff 字段「党员人数」："
        "党员人数（30）超过从业人员数（26） — 核对人数：党员人数只算在本单位从业的党员，不会超过从业人员数"
    ]


def test_a_branch_of_its_own_or_a_joint_one_names_the_branch(dataset):
    dataset.replace(
        NEW_ORG, "coverage: 联合组建\nbranch: xikou-dangzhibu\n", "coverage: 单独组建\n"
    )
    assert texts(dataset) == [
        "data/new-orgs/xikou-chaye.yaml:8:16: 警告 new-org.too-few-members 字段「党员人数」："
        "单独组建党组织，党员只有 2 名：党员不足3人一般联合组建或选派指导员 — 核对党员人数；"
        "正式党员不足3名的，一般与邻近单位联合组建党支部，或选派党建指导员",
        "data/new-orgs/xikou-chaye.yaml:9:11: 错误 new-org.branch-required 字段「党组织覆盖方式」："
        "覆盖方式是「单独组建」，但没有填写所在党组织 — "
        "添加一行 branch: 填写本单位党组织（联合组建的填联合党组织）的编号；"
        "还没有建立党组织的，改正覆盖方式",
    ]


def test_uncovered_has_no_branch(dataset):
    dataset.replace(NEW_ORG, "coverage: 联合组建", "coverage: 未覆盖")
    assert texts(dataset) == [
        "data/new-orgs/xikou-chaye.yaml:10:9: 错误 new-org.branch-not-covered 字段「所在党组织」："
        "覆盖方式是「未覆盖」，却填写了所在党组织 xikou-dangzhibu — "
        "已经建立党组织的，把覆盖方式改为单独组建或联合组建；否则删除这一行"
    ]


def test_an_instructor_is_named(dataset):
    dataset.replace(
        NEW_ORG, "coverage: 联合组建\nbranch: xikou-dangzhibu\n", "coverage: 选派党建指导员\n"
    )
    assert texts(dataset) == [
        "data/new-orgs/xikou-chaye.yaml:9:11: 错误 new-org.instructor-required 字段「党组织覆盖方式」："
        "覆盖方式是「选派党建指导员」，但没有填写指导员 — 添加一行 instructor: 填写党建指导员的姓名（只填姓名）"
    ]
    dataset.replace(
        NEW_ORG, "coverage: 选派党建指导员\n", "coverage: 选派党建指导员\ninstructor: 汪志明\n"
    )
    assert texts(dataset) == []


@pytest.mark.parametrize("members, expected", [(2, ["new-org.too-few-members"]), (3, [])])
def test_a_branch_of_its_own_with_fewer_than_three_members_is_a_warning(dataset, members, expected):
    dataset.replace(
        NEW_ORG,
        "party_members: 2\ncoverage: 联合组建",
        f"party_members: {members}\ncoverage: 单独组建",
    )
    result = dataset.validate()
    assert [p.code for p in result.problems] == expected and result.ok


def test_a_dangling_branch_is_a_missing_reference(dataset):
    dataset.replace(NEW_ORG, "branch: xikou-dangzhibu", "branch: xikou-dzb")
    assert texts(dataset) == [
        "data/new-orgs/xikou-chaye.yaml:10:9: 错误 ref.missing 字段「所在党组织」：找不到编号为 xikou-dzb 的党组织"
        " — 是不是 xikou-dangzhibu？"
    ]


def test_kind_and_coverage_take_only_their_listed_values(dataset):
    dataset.replace(NEW_ORG, "coverage: 联合组建", "coverage: 已覆盖")
    assert [(p.code, p.line) for p in dataset.validate().problems] == [("schema.allowed", 9)]


# -- pledges ------------------------------------------------------------------------


def test_pledge_id_is_branch_and_year(dataset):
    dataset.move(PLEDGE, "pledges/xikou-2024.yaml")
    dataset.replace("pledges/xikou-2024.yaml", "id: xikou-dangzhibu-2024", "id: xikou-2024")
    assert texts(dataset) == [
        "data/pledges/xikou-2024.yaml:1:5: 错误 pledge.id 字段「编号」：承诺践诺记录的编号应为 xikou-dangzhibu-2024"
        " — 把编号和文件名都改为 xikou-dangzhibu-2024"
    ]


def test_a_kept_pledge_says_how(dataset):
    dataset.replace(PLEDGE, "    progress: 9月完工，经镇村联合验收合格\n", "")
    assert texts(dataset) == [
        "data/pledges/xikou-dangzhibu-2024.yaml:7:13: 错误 pledge.kept-without-progress 字段「承诺事项 第1项 › 状态」："
        "状态是「已兑现」，但没有填写践诺情况 — 添加一行 progress: 写明承诺是怎样兑现的；还没有兑现的，把状态改为推进中"
    ]


@pytest.mark.parametrize(
    "date, codes",
    [
        ("2024-01-01", []),
        ("2024-12-31", []),
        ("2025-03-31", []),  # within the year or the next year's first quarter
        ("2023-12-31", ["pledge.review-date"]),
        ("2025-04-01", ["pledge.review-date"]),
    ],
)
def test_review_date_within_the_year_or_early_next_year(dataset, date, codes):
    dataset.replace(PLEDGE, "  date: 2025-01-10", f"  date: {date}")
    assert [(p.code, p.line) for p in dataset.validate().problems] == [(c, 12) for c in codes]


def test_review_date_message(dataset):
    dataset.replace(PLEDGE, "  date: 2025-01-10", "  date: 2025-05-10")
    assert texts(dataset) == [
        "data/pledges/xikou-dangzhibu-2024.yaml:12:9: 错误 pledge.review-date 字段「评诺 › 评诺日期」："
        "评诺日期 2025-05-10 不在 2024 年内，也不在次年 2025-03-31 之前 — 检查评诺日期；"
        "2024 年的承诺在当年或次年3月底前评诺，其他年份的承诺记到对应年份的文件中"
    ]


def test_review_date_not_in_the_future(dataset):
    dataset.replace(PLEDGE, "  date: 2025-01-10", "  date: 2025-03-20")
    problems = dataset.validate(dt.date(2025, 3, 1)).problems
    assert [(p.code, p.line) for p in problems if p.path.endswith(PLEDGE)] == [("date.future", 12)]


def test_a_pledge_not_yet_reviewed_is_valid(dataset):
    text = dataset.read(PLEDGE)
    dataset.write(PLEDGE, text[: text.index("review:")])
    assert texts(dataset) == []


# -- grids --------------------------------------------------------------------------
# The minimal dataset has xikou's three grids (120 + 110 + 100 households); xikou has 356 households and 3 grids.


def test_grid_files_fewer_than_the_village_counts(dataset):
    dataset.delete("grids/xikou-3.yaml")
    assert texts(dataset) == [
        "data/villages/xikou.yaml:8:8: 警告 grid.count 字段「网格数」：网格数写的是 3，"
        "data/grids/ 里有溪口村的 2 个网格"
        "（xikou-1、xikou-2） — 把网格数改为 2，或补齐、删除网格文件"
    ]


def test_grid_households_beyond_the_village(dataset):
    dataset.replace("grids/xikou-3.yaml", "households: 100", "households: 130")
    assert texts(dataset) == [
        "data/villages/xikou.yaml:6:13: 警告 grid.households-exceed-village 字段「户籍户数」："
        "本村 3 个网格的户数合计 360 户，超过户籍户数 356 户 — 核对这里的户籍户数和 data/grids/ 中本村各网格的户数"
    ]


def test_grid_households_up_to_the_village_are_clean(dataset):
    dataset.replace("grids/xikou-3.yaml", "households: 100", "households: 126")
    assert texts(dataset) == []


def test_a_village_without_grid_files_is_not_counted(dataset):
    for n in (1, 2, 3):
        dataset.delete(f"grids/xikou-{n}.yaml")
    assert dataset.read(VILLAGE).count("grids: 3") == 1
    assert texts(dataset) == []


def test_a_broken_grid_file_does_not_cascade_into_counts(dataset):
    dataset.replace("grids/xikou-3.yaml", "households: 100", "households: 很多")
    assert [p.code for p in dataset.validate().problems] == ["value.not-number"]


def test_a_grid_names_an_existing_village(dataset):
    dataset.replace("grids/xikou-3.yaml", "village: xikou", "village: xikuo")
    assert [(p.code, p.line, p.message) for p in dataset.validate().problems] == [
        ("ref.missing", 2, "找不到编号为 xikuo 的村（社区）"),
        ("grid.count", 8, "网格数写的是 3，data/grids/ 里有溪口村的 2 个网格（xikou-1、xikou-2）"),
    ]


# -- model and pages of the sample ---------------------------------------------------


@pytest.fixture(scope="module")
def site():
    result = validate(ROOT / "data", TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return build_model(result.records, TODAY, {}, REGISTRY)


@pytest.fixture(scope="module")
def pages(site):
    return render_site(site)


def test_covered_is_any_coverage_but_none(site):
    covered = {o.id: o.covered for o in site.new_orgs.values()}
    assert covered["qingxi-chaye"] and covered["qingxi-yihe-yanglao"] and covered["taoyuan-zhumu"]
    assert not covered["xikou-dianshang"] and not covered["shiqiao-jiancai"]


def test_coverage_per_township(site):
    [coverage] = site.new_org_coverage()
    assert (coverage.township.id, coverage.covered, coverage.total, coverage.rate) == (
        "qingxi",
        5,
        7,
        Decimal("71.4"),
    )


def test_index_page_shows_the_coverage_rate(pages):
    page = pages["new-orgs/index.md"]
    assert "| [青溪镇](/generated/townships/qingxi.md) | 7 | 5 | 71.4% |" in page
    assert page.count("/generated/new-orgs/") == 7


def test_township_village_and_branch_pages_list_their_new_orgs(pages):
    row = (
        "| [云岭县溪口农产品电子商务有限公司](/generated/new-orgs/xikou-dianshang.md) | 非公企业 | 电子商务"
        " | 15 | 0 | 未覆盖 |"
    )
    assert row in pages["villages/xikou.md"] and row in pages["townships/qingxi.md"]
    assert "覆盖率 71.4%" in pages["townships/qingxi.md"]
    joint = pages["branches/shehui-zuzhi-lianhe-dangzhibu.md"]
    assert "## 覆盖的两新组织" in joint and joint.count("| 联合组建 |") == 2
    assert "两新组织" not in pages["villages/meilin.md"]


def test_branch_page_lists_its_pledges_latest_year_first(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "pledges" / "shangtang-dangzhibu-2024.yaml").write_text(
        "id: shangtang-dangzhibu-2024\nbranch: shangtang-dangzhibu\nyear: 2024\nitems:\n"
        "  - promise: 修缮文化礼堂\n    progress: 已完工\n    status: 已兑现\n",
        encoding="utf-8",
    )
    result = validate(data, TODAY)
    assert result.problems == []
    site = build_model(result.records, TODAY, {}, REGISTRY)
    assert [p["year"] for p in site.pledges_of(site.branches["shangtang-dangzhibu"])] == [
        2025,
        2024,
    ]
    page = render_site(site)["branches/shangtang-dangzhibu.md"]
    assert page.index("| [2025 年]") < page.index("| [2024 年]")
    assert (
        "| [2024 年](/generated/pledges/shangtang-dangzhibu-2024.md) | 1 | 1 | 尚未评诺 |" in page
    )


def test_pledge_page_shows_items_and_review(pages):
    page = pages["pledges/shangtang-dangzhibu-2025.md"]
    assert 'title: "上塘村党支部 2025 年承诺践诺评诺"' in page
    assert "共 4 项承诺，已兑现 3 项。" in page
    assert "2025-12-26，党员大会和村民代表评议，结果：**较好**。" in page
    assert "尚未评诺。" in pages["pledges/xikou-dangzhibu-2025.md"]


def test_village_page_lists_its_grids(pages):
    page = pages["villages/lingxia.md"]
    assert "| 网格 | 网格长 | 网格员 | 户数 | 党员 |" in page
    assert (
        "| [第一网格（上岭片）](/generated/grids/lingxia-1.md) | 郑海涛 | 郑雪梅、陶建林 | 128 | 8 |"
        in page
    )
    assert "## 网格\n" not in pages["villages/xikou.md"]


def test_each_grid_has_a_page_titled_with_its_village(pages):
    assert 'title: "岭下村第一网格（上岭片）"' in pages["grids/lingxia-1.md"]
    assert "| 网格党组织 | — |" in pages["grids/lingxia-3.md"]


def test_new_pages_are_searched_and_index_pages_are_not(pages):
    for path in (
        "new-orgs/qingxi-chaye.md",
        "pledges/shangtang-dangzhibu-2025.md",
        "grids/zhukeng-1.md",
    ):
        assert "search:\n  exclude: true" not in pages[path], path
    for path in ("new-orgs/index.md", "pledges/index.md"):
        assert "search:\n  exclude: true" in pages[path], path
    words = pages["jieba_user_dict.txt"]
    lines = set(words.splitlines())
    # 网格员 is looked up as 网格* (the browser leaves a query's last character off): indexed 网格 / 员
    assert {"网格 1000000 n", "网格员 0 n"} <= lines
    # a company's full name is left to jieba, so that 青溪茶业 inside it is found too
    assert not any(line.startswith("云岭县青溪茶业有限") for line in lines)


def test_navigation_places_the_new_index_pages(pages):
    labels = [next(iter(entry)) for entry in json.loads(pages[".nav.json"])["nav"]]
    assert labels == [
        "首页",
        "村/社区",
        "支部档案",
        "两新组织",
        "阵地",
        "议事协商",
        "进度看板",
        "问题整改",
        "承诺践诺",
        "培训",
        "述职评议",
        "发展党员",
        "党员积分",
        "公开",
        "公开情况",
        "督办",
    ]
