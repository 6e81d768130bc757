"""The public site, end to end: `python -m generators site` on the sample, then the built HTML.

One strict MkDocs build (module fixture) in a temporary copy of the site
project (mkdocs.yml, docs/, overrides/), reading the sample in data/ as of
2025-12-31. Expectations are computed from the validated records, not from the
page model, so the pages are checked against the data itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pagefinddata
import pytest
from offline import find_external_links, find_external_requests
from pagetext import Page, parse, raw_title

from generators.check.validate import validate
from generators.render.formats import prose

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)
LONG_TERM = "长期坚持"

pytestmark = [pytest.mark.slow, pytest.mark.sample_data]


class Built:
    def __init__(self, project: Path, process: subprocess.CompletedProcess):
        self.project = project
        self.site = project / "site"
        self.process = process
        self._pages: dict[str, Page] = {}

    def html(self, url: str) -> str:
        """url like "villages/shangtang/" or "" for the home page."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def page(self, url: str) -> Page:
        if url not in self._pages:
            self._pages[url] = parse(self.html(url))
        return self._pages[url]

    def article(self, url: str) -> Page:
        """The page's own content, without the theme's header, navigation and footer."""
        html = self.html(url)
        start = html.index('<article class="md-content__inner')
        end = html.index("</article>", start)
        return parse(html[start:end])


@pytest.fixture(scope="module")
def built(sample_build) -> Built:
    return Built(*sample_build)


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, dict]]:
    result = validate(DATA, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    tables: dict[str, dict[str, dict]] = {}
    for record in result.records:
        assert record.id is not None and record.document is not None  # result.ok
        tables.setdefault(record.type.name, {})[record.id] = record.document
    return tables


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def rows(page: Page) -> list[list[str]]:
    """Cells of every table row on a page, in order (header rows included)."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for element in page.elements:
        if element.tag == "tr":
            current = []
            found.append(current)
        elif element.tag in ("td", "th") and current is not None:
            current.append(element.text.strip())
    return found


def row_with(page: Page, text: str, min_cells: int = 0) -> list[str]:
    matches = [r for r in rows(page) if any(text in cell for cell in r) and len(r) >= min_cells]
    assert matches, f"no table row contains {text!r}"
    return matches[0]


# -- the build -----------------------------------------------------------------


def test_strict_build_succeeds(built):
    assert built.process.returncode == 0, built.process.stdout + built.process.stderr
    assert "网站已构建" in built.process.stdout
    assert "WARNING" not in built.process.stderr


def test_the_build_says_one_closing_line_in_chinese_and_nothing_in_english(built):
    out = built.process.stdout.splitlines()
    assert len(out) == 1 and re.fullmatch(
        r"网站已构建到 site/（\d+ 个网页重新生成，\d+ 个沿用上次构建；用时 \d+\.\d 秒），用 make serve 在本机预览。",
        out[0],
    ), out
    for line in (
        built.process.stderr.splitlines()
    ):  # notices only, in Chinese (jieba's start-up lines are gone)
        assert line.startswith("提示："), line


def expected_urls(records) -> set[str]:
    from generators.spec.registry import REGISTRY

    # The addresses the site promises: they stay, whatever the registry says.
    urls = {
        "",
        "villages/",
        "branches/",
        "progress/",
        "findings/",
        "disclosures/",
        "about/",
        "guide/",
        "codes/",
        "compliance/",
        "supervision/",
        "new-orgs/",
        "pledges/",
        "cms/",
        "data/",
    }  # not admin/: cms.yml names no repository, so the form editor is left out
    for record_type in REGISTRY:
        urls |= {
            f"{record_type.folder}/{record_id}/" for record_id in records.get(record_type.name, {})
        }
    # and every index page the registry declares (培训, 述职评议 …)
    urls |= {index.path.removesuffix("index.md") for _, index in REGISTRY.index_pages()}
    return urls


def test_every_record_has_a_page_at_its_public_url(built, records):
    for type_name in (
        "village",
        "branch",
        "plan",
        "task",
        "disclosure",
        "new_org",
        "pledge",
        "grid",
        "finding",
    ):
        assert records.get(type_name), f"the sample has no {type_name} records"
    built_urls = {
        p.parent.relative_to(built.site).as_posix() + "/" for p in built.site.rglob("index.html")
    }
    built_urls = {"" if u == "./" else u for u in built_urls}
    versions = {u for u in built_urls if re.fullmatch(r"disclosures/[a-z0-9-]+/v[0-9]+/", u)}
    assert built_urls - versions == expected_urls(records) | {"verify/"}
    # every disclosure has its version pages, numbered from 1 without a gap (from the git history)
    for disclosure_id in records["disclosure"]:
        numbers = sorted(
            int(u.split("/v")[1].rstrip("/")) for u in versions if u.split("/")[1] == disclosure_id
        )
        assert numbers and numbers == list(range(1, len(numbers) + 1)), disclosure_id
    assert (built.site / "404.html").exists()
    assert not (built.site / "generated").exists()
    assert (
        not (built.site / "_intro").exists() and not (built.site / "jieba_user_dict.txt").exists()
    )


def test_every_page_has_a_well_formed_title(built):
    for path in sorted(built.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        title = raw_title(html)
        assert title is not None, path
        assert "<" not in title and ">" not in title, f"{path}: <title>{title}</title>"
        shown = parse(html).title
        assert shown is not None and shown.strip(), path


def test_record_pages_are_titled_with_the_record(built, records):
    for village_id, village in records["village"].items():
        assert built.page(f"villages/{village_id}/").title.startswith(village["name"] + " - ")
    for task_id, task in records["task"].items():
        assert built.page(f"tasks/{task_id}/").title.startswith(task["title"] + " - ")
    for disclosure_id, disclosure in records["disclosure"].items():
        assert built.page(f"disclosures/{disclosure_id}/").title.startswith(
            disclosure["title"] + " - "
        )
    for finding_id, finding in records["finding"].items():
        assert built.page(f"findings/{finding_id}/").title.startswith(finding["problem"] + " - ")


# -- pages of each kind ---------------------------------------------------------


def test_village_pages_show_population_and_one_shoulder(built, records):
    for village_id, village in records["village"].items():
        page = built.article(f"villages/{village_id}/")
        assert row_with(page, "户籍人口")[1] == str(village["population"])
        leaders = village["leaders"]
        expected = "是" if leaders["secretary"] == leaders["director"] else "否"
        assert row_with(page, "一肩挑")[1] == expected
        assert leaders["secretary"] in page.text and leaders["director"] in page.text
        latest = max(village["collective_economy"], key=lambda y: y["year"])
        assert row_with(page, money(latest["total_income"]))[0] == str(latest["year"])


def test_branch_pages_show_committee_members_and_organizational_life(built, records):
    logs = records.get("meetings", {})
    # A township is judged from the year of its first log; one with none (河西镇) is not yet.
    judged = {records["branch"][log["branch"]]["township"] for log in logs.values()}
    for branch_id, branch in records["branch"].items():
        page = built.article(f"branches/{branch_id}/")
        for member in branch["committee"]:
            assert [member["role"], member["name"]] in rows(page)
        members = branch["members"]
        header = row_with(page, "党员总数")
        values = rows(page)[rows(page).index(header) + 1]
        assert values[:3] == [
            str(members["total"]),
            str(members["total"] - members["probationary"]),
            str(members["probationary"]),
        ]
        if branch["level"] not in ("党支部", "联合党支部", "流动党员党支部"):
            assert "组织生活" not in [
                h.text.strip().rstrip("¶").strip() for h in page.find("h2")
            ], branch_id
            continue
        if branch["township"] not in judged:
            assert "暂无组织生活记录" in page.text, branch_id
            continue
        # Month by month, quarter by quarter: held of required, a 党小组会 once for every party group.
        meetings = logs.get(f"{branch_id}-{TODAY.year}", {}).get("meetings", ())
        by_month = Counter((m["type"], m["date"].month) for m in meetings)
        by_quarter = Counter((m["type"], (m["date"].month - 1) // 3) for m in meetings)
        groups = branch.get("party_groups", 1)
        table = rows(page)
        for month in range(1, 13):
            row = next(r for r in table if r[0] == f"{month}月")
            for column, kind, required in (
                (1, "支部委员会", 1),
                (2, "党小组会", groups),
                (3, "主题党日", 1),
            ):
                assert row[column].startswith(f"{by_month[kind, month]}/{required}"), (
                    branch_id,
                    month,
                    row,
                )
                short = by_month[kind, month] < required and month < 12
                assert ("少 " in row[column]) == short, (branch_id, month, row)
        for quarter, name in enumerate(("第一季度", "第二季度", "第三季度", "第四季度")):
            row = next(r for r in table if r[0] == name)
            for column, kind in ((1, "支部党员大会"), (2, "党课")):
                assert row[column].startswith(f"{by_quarter[kind, quarter]}/1"), (
                    branch_id,
                    name,
                    row,
                )


def overdue_days(task) -> int | None:
    if task["status"] not in ("未启动", "推进中") or task["deadline"] == LONG_TERM:
        return None
    deadline = dt.date.fromisoformat(task["deadline"])
    return (TODAY - deadline).days if deadline < TODAY else None


def test_plan_pages_show_actions_and_tasks_with_overdue_flags(built, records):
    overdue_seen = 0
    for plan_id, plan in records["plan"].items():
        page = built.article(f"plans/{plan_id}/")
        headings = [e.text.strip().rstrip("¶").strip() for e in page.find("h2")]
        for action in plan["actions"]:
            assert action["name"] in headings
        tasks = {i: t for i, t in records["task"].items() if t["plan"] == plan_id}
        assert tasks
        links = {e.attrs["href"] for e in page.find("a")}
        for task_id, task in tasks.items():
            assert f"../../tasks/{task_id}/" in links, task_id
            row = row_with(
                page, task["title"], min_cells=4
            )  # the action's task table, not a target's list
            days = overdue_days(task)
            if days is None:
                assert "逾期" not in " ".join(row), row
            else:
                assert f"逾期 {days} 天" in row[1], row
                overdue_seen += 1
        count = sum(1 for t in tasks.values() if overdue_days(t) is not None)
        assert f"逾期 {count} 项" in page.text
    assert overdue_seen, "the sample should have overdue tasks on 2025-12-31"


def test_task_pages_show_the_dated_update_history(built, records):
    with_updates = 0
    for task_id, task in records["task"].items():
        page = built.article(f"tasks/{task_id}/")
        assert prose(task["content"]) in page.text  # amounts grouped as the tables show them
        updates = task.get("updates") or []
        if not updates:
            assert "暂无进展记录" in page.text
            continue
        with_updates += 1
        table = [
            r
            for r in rows(page)
            if r and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) and r[1].endswith("%")
        ]
        expected = [
            [u["date"].isoformat(), f"{u['progress']}%", prose(u["note"]), u.get("evidence", "—")]
            for u in reversed(updates)
        ]
        assert table == expected, task_id
    assert with_updates


def test_disclosure_pages_show_finance_totals_steps_and_masked_names(built, records):
    kinds: Counter[str] = Counter()
    for disclosure_id, disclosure in records["disclosure"].items():
        page = built.article(f"disclosures/{disclosure_id}/")
        assert disclosure["title"] in page.text
        for item in disclosure["items"]:
            assert prose(item["content"]) in page.text
        finance = disclosure.get("finance")
        if finance:
            kinds["finance"] += 1
            income = sum((line["amount"] for line in finance["income"]), Decimal("0"))
            expense = sum((line["amount"] for line in finance["expense"]), Decimal("0"))
            assert row_with(page, "期初余额")[1] == money(finance["opening"])
            assert row_with(page, "收入合计")[1] == money(income)
            assert row_with(page, "支出合计")[1] == money(expense)
            assert row_with(page, "期末余额")[1] == money(finance["closing"])
            assert finance["opening"] + income - expense == finance["closing"]
            for line in (*finance["income"], *finance["expense"]):
                assert money(line["amount"]) in row_with(page, line["item"])[1]
        for person in disclosure.get("beneficiaries") or []:
            kinds["beneficiaries"] += 1
            name = person["name"]
            masked = name[0] + "*"  # surname only, whatever the length
            assert [r for r in rows(page) if r and r[0] == masked and r[1] == person["benefit"]], (
                masked
            )
        if disclosure.get("decision"):
            kinds["decision"] += 1
            steps = [
                r[:2]
                for r in rows(page)
                if r and r[0] in {s["step"] for s in disclosure["decision"]}
            ]
            assert steps == [[s["step"], s["date"].isoformat()] for s in disclosure["decision"]]
            assert "四议两公开" in page.text
    assert kinds["finance"] and kinds["beneficiaries"] and kinds["decision"], kinds


def test_no_beneficiary_name_is_published_in_full(built, records):
    names = {
        p["name"] for d in records["disclosure"].values() for p in d.get("beneficiaries") or []
    }
    assert names
    for path in sorted(built.site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":  # the search index holds words joined by U+200B
                text = text.replace("\\u200b", "").replace("\u200b", "")
            leaked = sorted(n for n in names if len(n) > 1 and n in text)
            assert not leaked, f"{path.relative_to(built.site)} shows {leaked}"


def percent(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    text = f"{value:f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def test_home_page_shows_counts_targets_and_overdue_tasks(built, records):
    page = built.article("")
    header = row_with(page, "逾期任务")
    counts = dict(zip(header, rows(page)[rows(page).index(header) + 1], strict=True))
    overdue = {i: t for i, t in records["task"].items() if overdue_days(t) is not None}
    assert counts["村（社区）"] == str(len(records["village"]))
    assert counts["党组织"] == str(len(records["branch"]))
    assert counts["任务"] == str(len(records["task"]))
    assert counts["逾期任务"] == str(len(overdue))
    assert counts["公开"] == str(len(records["disclosure"]))
    top = [b for b in records["branch"].values() if not b.get("parent")]
    assert counts["党员"] == str(sum(b["members"]["total"] for b in top))

    branches = records["branch"]

    def leading(village_id):  # the village's organisation whose parent is outside the village
        own = sorted(i for i, b in branches.items() if b.get("village") == village_id)
        return next(
            i
            for i in own
            if branches.get(branches[i].get("parent"), {}).get("village") != village_id
        )

    def current_of(township_id, basis):  # the metrics over the plan's own township's villages
        villages = [v for v in records["village"].values() if v["township"] == township_id]
        stars = [
            next(
                (
                    r["stars"]
                    for r in branches[leading(v["id"])].get("ratings", [])
                    if r["year"] == 2025
                ),
                0,
            )
            for v in villages
        ]
        field = "operating_income" if basis == "经营性收入" else "total_income"
        lowest = min(
            next(y for y in v["collective_economy"] if y["year"] == 2025)[field] for v in villages
        )
        return {
            "five_star_share": percent(sum(s == 5 for s in stars), len(villages)),
            "one_shoulder_share": percent(
                sum(v["leaders"]["secretary"] == v["leaders"]["director"] for v in villages),
                len(villages),
            ),
            "collective_income_each": f"{money(lowest)} 元",
        }

    checked = 0
    for plan in records["plan"].values():
        if "township" not in plan:  # a county's plan (level: 县): tests/test_county.py
            continue
        for target in plan.get("targets") or []:
            current = current_of(plan["township"], target.get("basis"))
            row = row_with(page, target["indicator"])
            metric = target.get("metric")
            assert row[4] in ("达标", "未达标", "未达标（已过期限）", "无数据"), row
            if metric in current:
                assert row[2] == current[metric], row
                checked += 1
    assert checked == 5, "every computed metric appears among the sample's targets"
    for task in overdue.values():
        row = row_with(page, task["title"])
        assert row[3] == f"{overdue_days(task)} 天"


def test_new_org_index_shows_coverage_per_township(built, records):
    orgs = records["new_org"].values()
    for township_id, township in records["township"].items():
        mine = [o for o in orgs if o["township"] == township_id]
        if not mine:  # a township without 两新组织 records is not listed
            continue
        covered = sum(1 for o in mine if o["coverage"] != "未覆盖")
        rate = (Decimal(covered) * 100 / len(mine)).quantize(Decimal("0.1"))
        assert row_with(built.article("new-orgs/"), township["name"]) == [
            township["name"],
            str(len(mine)),
            str(covered),
            f"{rate}%",
        ]
    for org_id, org in records["new_org"].items():
        assert (
            row_with(built.article(f"new-orgs/{org_id}/"), "党组织覆盖方式")[1] == org["coverage"]
        )


def test_village_pages_list_their_grids_and_new_orgs(built, records):
    for grid in records["grid"].values():
        row = row_with(built.article(f"villages/{grid['village']}/"), grid["name"])
        assert row == [
            grid["name"],
            grid["leader"],
            "、".join(grid.get("members", [])) or "—",
            str(grid["households"]),
            str(grid["party_members"]),
        ]
    for org in records["new_org"].values():
        if org.get("village"):
            assert (
                row_with(built.article(f"villages/{org['village']}/"), org["name"])[-1]
                == org["coverage"]
            )


def test_branch_pages_list_their_pledges_and_the_new_orgs_they_cover(built, records):
    for pledge in records["pledge"].values():
        page = built.article(f"branches/{pledge['branch']}/")
        kept = sum(1 for item in pledge["items"] if item["status"] == "已兑现")
        # the pledges' row of that year: 承诺 and 兑现 counts, then the 评诺 state (rows of
        # 述职评议 and 发展党员 also start with the year)
        pledged = [
            r[1:3]
            for r in rows(page)
            if r[0] == f"{pledge['year']} 年" and len(r) == 4 and r[1].isdigit()
        ]
        assert pledged == [[str(len(pledge["items"])), str(kept)]]
    for org in records["new_org"].values():
        if org.get("branch"):
            assert org["name"] in built.article(f"branches/{org['branch']}/").text


# -- search ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def searched(built) -> dict[str, dict]:
    """The published search's pages (Pagefind's fragments, tests/pagefinddata.py) by location."""
    assert not (built.site / "search").exists()  # no MkDocs search index: Pagefind's only
    return {
        fragment["url"].lstrip("/"): fragment for fragment in pagefinddata.fragments(built.site)
    }


def findable(searched: dict[str, dict], query: str, location: str) -> bool:
    """Whether the page is in the search and its searched text holds every word of the query
    (the browser keeps only such pages, docs/assets/site-search.js)."""
    fragment = searched.get(location)
    return fragment is not None and all(
        word in pagefinddata.text(fragment) for word in query.split()
    )


def test_search_finds_huanjie_in_the_tasks_about_it(searched, records):
    about = [i for i, t in records["task"].items() if "换届" in t["title"]]
    assert about
    for task_id in about:
        assert findable(searched, "换届", f"tasks/{task_id}/"), task_id


def test_village_names_are_words_of_the_offline_search_and_found_in_the_published(
    built, searched, records
):
    dictionary = (built.project / "docs" / "generated" / "jieba_user_dict.txt").read_text(
        encoding="utf-8"
    )
    weights = {line.split(" ")[0]: int(line.split(" ")[1]) for line in dictionary.splitlines()}
    for village_id, village in records["village"].items():
        name = village["name"]
        # the offline copy's search (jieba): indexed as 桃源 / 村, looked up as 桃源*
        assert weights[name[:-1]] > 0 and weights[name] == 0
        assert findable(searched, name, f"villages/{village_id}/"), village_id
        assert name in searched[f"villages/{village_id}/"]["meta"]["title"]
    for word in ("一肩挑", "四议两公开"):
        assert weights[word[:-1]] > 0 and weights[word] == 0
    assert (
        weights["换届"] > 0 and weights["财务公开"] > 0
    )  # two characters, and a kind of disclosure: whole


def test_index_pages_are_left_out_of_the_search(searched):
    locations = set(searched)
    assert not locations & {
        "villages/",
        "branches/",
        "disclosures/",
        "new-orgs/",
        "pledges/",
        "findings/",
    }
    assert any(loc.startswith("disclosures/") and loc != "disclosures/" for loc in locations)
    assert "progress/" in locations  # the one list page readers look for by name


def test_search_finds_new_orgs_pledges_and_grids(searched, records):
    for org_id, org in records["new_org"].items():
        assert findable(searched, org["name"], f"new-orgs/{org_id}/"), org_id
    for pledge_id in records["pledge"]:
        assert findable(searched, "承诺", f"pledges/{pledge_id}/"), pledge_id
    for grid_id, grid in records["grid"].items():
        village = records["village"][grid["village"]]["name"]
        assert findable(searched, "网格长", f"grids/{grid_id}/"), grid_id
        assert findable(searched, village, f"grids/{grid_id}/"), grid_id
        assert findable(searched, grid["leader"], f"grids/{grid_id}/"), grid_id


def test_the_findings_pages_are_searched(searched, records):
    assert {f"findings/{finding_id}/" for finding_id in records["finding"]} <= set(searched)
    assert findable(searched, "群众反映", "findings/xikou-huanjing-zhengzhi/")


# -- offline ----------------------------------------------------------------------


def test_no_page_or_style_sheet_references_another_host(built):
    assert find_external_requests(built.site) == []
    assert find_external_links(built.site) == []
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(
            r"<link[^>]+rel=[\"']?(preconnect|dns-prefetch|preload)[^>]+//", html
        ), path
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path


DISCLOSURES = sorted(p.stem for p in (DATA / "disclosures").rglob("*.yaml"))


@pytest.mark.browser
@pytest.mark.parametrize("disclosure_id", DISCLOSURES)
def test_each_sample_disclosure_prints_on_one_a4_sheet_with_its_version_qr(
    built, disclosure_id, tmp_path
):
    import browser

    page = built.site / "disclosures" / disclosure_id / "index.html"
    pdf = browser.print_to_pdf(page.as_uri(), tmp_path / "sheet.pdf")
    assert browser.pdf_pages(pdf) == 1
    [png] = browser.pdf_to_png(pdf, tmp_path / "page", dpi=150)
    [url] = browser.decode_qr(png)
    match = re.fullmatch(rf"http://127\.0\.0\.1:8000/disclosures/{disclosure_id}/v([0-9]+)/", url)
    assert match, url  # SITE_URL is unset in this build: the local preview's address
    assert (built.site / "disclosures" / disclosure_id / f"v{match[1]}" / "index.html").is_file()


# -- charts on a phone -------------------------------------------------------------

# A host page holding a built page in an iframe of the phone's width; once the theme's scripts have run,
# it writes the page's width, the document's scroll width and each chart's box into its own DOM.
MEASURING_FRAME = """<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="page" src="{src}" style="width:{width}px;height:{height}px;border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", function () {{ setTimeout(function () {{
  var frame = document.getElementById("page"), doc = frame.contentDocument, found = [];
  doc.querySelectorAll("figure.chart svg").forEach(function (svg) {{
    var box = svg.getBoundingClientRect(), scroller = svg.closest(".md-typeset__scrollwrap");
    found.push({{inline: svg.closest("td") !== null, left: box.left, right: box.right, width: box.width,
                height: box.height, scroller: scroller ? scroller.getBoundingClientRect().right : null}});
  }});
  var out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({{viewport: frame.contentWindow.innerWidth,
                                     scrollWidth: doc.documentElement.scrollWidth, charts: found}});
  document.body.appendChild(out);
}}, 500); }});
</script></body></html>"""

CHART_PAGES = ["plans/wuxing-sanqiang-2025/", "villages/shangtang/", "progress/"]


def measure(built: Built, url: str, width: int, height: int) -> dict:
    import browser

    host = built.site / url / f"measure-{width}.html"
    host.write_text(
        MEASURING_FRAME.format(src="index.html", width=width, height=height), encoding="utf-8"
    )
    try:
        dom = browser.dump_dom(host, width=max(width, 500) + 20, height=height + 20)
    finally:
        host.unlink()
    match = re.search(r'<pre id="measured">([^<]*)</pre>', dom)
    assert match, f"the measuring script did not run on {url}"
    return json.loads(match.group(1).replace("&quot;", '"'))


@pytest.mark.browser
@pytest.mark.parametrize("url", CHART_PAGES)
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_charts_fit_the_screen_without_scrolling_sideways(built, url, width, height, tmp_path):
    import browser

    measured = measure(built, url, width, height)
    assert measured["viewport"] == width
    assert measured["scrollWidth"] <= width, "the page scrolls sideways"
    charts = measured["charts"]
    assert charts, f"no chart on {url}"
    for chart in charts:
        assert chart["width"] > 50 and chart["height"] > 10, chart
        if chart["inline"]:  # in a table cell: the table may scroll, within its own box
            assert chart["scroller"] is not None and chart["scroller"] <= width, chart
        else:
            assert 0 <= chart["left"] and chart["right"] <= width, chart
            # As wide as the text column on a phone, never wider than 26rem (520 px) on a desktop.
            assert chart["width"] <= 520.5, chart
            if width < 500:
                assert chart["width"] >= width - 40, chart
    # A screenshot as a reader sees it, for a person to look at when this fails.
    png = browser.screenshot(
        str(built.site / url / "index.html"), tmp_path / "page.png", width, height
    )
    assert png.stat().st_size > 10_000


def test_every_chart_is_hidden_from_screen_readers_and_followed_by_a_table_of_its_numbers(built):
    for url in CHART_PAGES:
        elements = built.article(url).elements
        for i, element in enumerate(elements):
            if element.tag != "figure" or "chart-inline" in element.attrs.get("class", ""):
                continue
            svg = elements[i + 1]
            assert (
                svg.tag == "svg"
                and svg.attrs.get("aria-hidden") == "true"
                and svg.attrs.get("role") == "img"
            )
            after = [e.tag for e in elements[i + 1 :] if e.tag in ("table", "figure", "h2", "h3")]
            assert after[:1] == ["table"], (
                f"a chart on {url} is not followed by a table: {after[:3]}"
            )
