"""Each reader's page answers first, and lists help finding: on the sample's generated pages.

A village's page opens with its latest disclosures; the township's with its figures; the
disclosures list has every disclosure once, by village and year; party organisations form a
tree; units are named, never shown by id; every count answers one question.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generators.check.validate import validate
from generators.model import listings
from generators.model.site import build_model
from generators.pipeline import GENERATED, generate
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)

pytestmark = pytest.mark.sample_data


@pytest.fixture(scope="module")
def site():
    result = validate(DATA, TODAY)
    assert result.ok
    return build_model(result.records, TODAY, {}, REGISTRY)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    docs = tmp_path_factory.mktemp("listings") / "docs"
    docs.mkdir()
    assert generate(DATA, docs, TODAY, use_history=False).ok
    root = docs / GENERATED
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.md")
    }


def sections(page: str) -> list[str]:
    return [re.sub(r"\s*\{[^}]*\}$", "", h) for h in re.findall(r"^## (.+)$", page, re.M)]


def links_to(page: str, folder: str) -> list[str]:
    return re.findall(rf"\]\(/generated/{folder}/([^)]+)\.md\)", page)


def test_a_village_page_opens_with_its_latest_disclosures(pages, site):
    page = pages["villages/shangtang.md"]
    assert sections(page)[:3] == ["最新公开", "公开情况", "基本情况"]
    latest = page[page.index("## 最新公开") : page.index("## 公开情况")]
    finance = latest[latest.index("**财务公开**") : latest.index("**村务公开**")]
    assert links_to(finance, "disclosures") == [
        "shangtang-caiwu-2025-11",
        "shangtang-caiwu-2025-q3",
    ]
    assert "shangtang-dangzhibu-dangfei-2025-q4" in links_to(latest, "disclosures")  # its branch's
    everything = page[page.index("## 全部公开信息") :]
    found = links_to(everything, "disclosures")
    own = listings.disclosures_of_place(site, "shangtang")
    assert sorted(found) == sorted(d.id for d in own) and len(found) == len(set(found)) == 7
    assert "[全部公开信息（7 项）](#全部公开信息)" in latest


def test_a_places_disclosures_are_each_sites_own(site):
    """A place's disclosures come from an index made once per model: another model (a record
    fewer) has its own, and each equals the place's disclosures found one by one."""
    result = validate(DATA, TODAY)
    gone = sorted(site.disclosures)[0]
    kept = [r for r in result.records if (r.type.name, r.id) != ("disclosure", gone)]
    fewer = build_model(kept, TODAY, {}, REGISTRY)
    assert gone not in fewer.disclosures
    for model in (site, fewer, site):
        for place in [*model.villages, *model.townships]:
            one_by_one = [
                d
                for d in model.disclosures.values()
                if listings.place_of(model, d["subject"]) == place
            ]
            assert sorted(d.id for d in listings.disclosures_of_place(model, place)) == sorted(
                d.id for d in one_by_one
            )
    assert gone in {d.id for p in site.villages for d in listings.disclosures_of_place(site, p)} | {
        d.id for p in site.townships for d in listings.disclosures_of_place(site, p)
    }


def test_the_latest_of_each_item_once_newest_first(site):
    latest = listings.latest_of_each_item(listings.disclosures_of_place(site, "shangtang"))
    assert [d.id for d in latest] == [
        "shangtang-dangzhibu-dangfei-2025-q4",
        "shangtang-caiwu-2025-11",
        "shangtang-jigenglu-siyi-liangkai",
        "shangtang-caiwu-2025-q3",
        "shangtang-jigenglu-jueyi",
    ]


def test_the_disclosures_list_has_each_once_by_village_and_year(pages, site):
    page = pages["disclosures/index.md"]
    listed = links_to(page, "disclosures")
    assert sorted(listed) == sorted(site.disclosures) and len(listed) == len(set(listed))
    places = [site.unit_name(p) for p in listings.places_in_order(site)]
    shown = [h.removesuffix("（镇党委和镇属单位）") for h in sections(page)]
    assert shown[: len(places)] == places and shown[-1] == "按所属期间"
    assert "### 上塘村 2025年" in page


def test_party_organisations_form_a_tree(pages, site):
    tree = listings.branch_tree(site, "qingxi")
    qingxi = [b for b in site.branches.values() if site.township_of_record(b) == "qingxi"]
    assert sorted(b.id for _, b in tree) == sorted(b.id for b in qingxi)
    assert tree[0] == (0, site.branches["qingxi-dangwei"])
    depth = {b.id: d for d, b in tree}
    assert depth["taoyuan-dangzongzhi"] == 1 and depth["taoyuan-diyi-dangzhibu"] == 2
    ids = [b.id for _, b in tree]
    assert ids.index("taoyuan-dangzongzhi") < ids.index("taoyuan-diyi-dangzhibu")
    assert ids[1:3] == ["zhen-jiguan-diyi-dangzhibu", "zhen-jiguan-dier-dangzhibu"]  # organs first
    page = pages["branches/index.md"]
    assert "- [中共青溪镇委员会](/generated/branches/qingxi-dangwei.md)（党委" in page
    assert "\n        - [桃源村第一党支部](/generated/branches/taoyuan-diyi-dangzhibu.md)" in page


def test_the_township_page_opens_with_its_figures_and_lists_the_party_committees_disclosures(
    pages,
):
    page = pages["townships/qingxi.md"]
    assert sections(page)[:2] == ["概况", "最新公开"]
    assert "| 9 | 18 | 462 | 34 | 6 | 18 | 28&#37; |" in page
    assert "qingxi-dangwei-xingji-pingding-2025" in links_to(page, "disclosures")
    assert "暂无公开信息" not in page


def test_units_are_named_never_shown_by_id(pages, site):
    """No page shows a village's, organisation's or company's id where its name belongs (links,
    anchors, printed addresses, QR codes and the codes page's examples of YAML aside)."""
    ids = set(site.of("new_org")) | set(site.branches) | set(site.villages)
    hidden = re.compile(r"\]\([^)]*\)|\{[^}]*\}|\(#[^)]*\)|<svg.*?</svg>|http\S*", re.S)
    for path, page in pages.items():
        if path in {"codes/index.md", "data/index.md"}:  # records as staff type them; file names
            continue
        text = hidden.sub("", page).replace("&#45;", "-")
        shown = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
        assert not shown, (path, shown)
    plan = pages["plans/wuxing-sanqiang-2025.md"]
    assert "[云岭县石桥建材有限公司](/generated/new-orgs/shiqiao-jiancai.md)" in plan


def test_a_share_with_nobody_counted_does_not_say_everyone_reached_it(pages):
    plan = pages["plans/wuxing-sanqiang-2025.md"]
    section = plan[plan.index("{ #ruanruo-chachu }") :]
    section = section[: section.index("\n### ")]
    assert "都已达到" not in section
    assert "范围内的 9 个村（社区）党组织中，没有列入整顿的。" in section


def test_task_counts_answer_one_question(pages):
    """The progress board's counts by state are the plan table's: each task counted once, 推进中
    and 未启动 without the overdue ones."""
    board = pages["progress/index.md"]
    plans = re.findall(
        r"^\| 合计 \| \d+ \| .*? \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", board, re.M
    )
    assert len(plans) == 3  # 河西镇's plan, 青溪镇's and the county's
    by_state = dict(re.findall(r"^\| (已完成|推进中|未启动|逾期|已取消) \| (\d+) \|$", board, re.M))
    assert [int(by_state[s]) for s in ("已完成", "推进中", "未启动", "逾期", "已取消")] == [
        sum(int(plan[i]) for plan in plans) for i in range(5)
    ]
    plan = pages["plans/wuxing-sanqiang-2025.md"]
    assert "共 34 项任务：已完成 13 项，推进中 12 项，未启动 2 项，逾期 6 项，已取消 1 项" in plan


def test_amounts_in_running_text_are_written_as_the_tables_write_them(pages):
    finance = pages["disclosures/shangtang-caiwu-2025-11.md"].replace("&#46;", ".")
    assert "本月收入合计82,266.67元，支出合计117,796.81元。" in finance
    assert "82266.67" not in finance
    task = pages["tasks/baozhang-xiaobo-zengshou.md"]
    assert "最低为岭下村61,250元" in task
