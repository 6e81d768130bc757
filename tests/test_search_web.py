"""Search as a reader uses it: the sample site in Chromium, each query typed into the theme's search box.

The site is built once for the module and served over HTTP; every query of the
fixed set (search_queries.py, built from the validated records) is typed into
the search input and the result list is read in order: the page of each
result, as the list links it. The score is the share of queries whose expected
page is among the first three results; it and every miss are printed and
written to test-artifacts/search-score.txt.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from search_queries import TOP, Query, queries, record_pages
from searchquery import index_words, query_terms
from test_site_e2e import records  # noqa: F401 - records is a fixture
from web import DESKTOP, artifact, block_external, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

GOAL = 0.9
PLACEHOLDER = "键入以开始搜索"
BUSY = (PLACEHOLDER, "正在初始化搜索引擎")


@pytest.fixture(scope="module")
def site(sample_site):
    return sample_site


def shown_title(site, url: str) -> str:
    """The title a page shows (its <title> without the site's name)."""
    text = (site / url / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
    assert title, url
    return html.unescape(title.group(1)).rsplit(" - ", 1)[0].strip()


@pytest.fixture(scope="module")
def query_set(site, records) -> list[Query]:  # noqa: F811 - `records` is the fixture imported above, not a redefinition
    urls = [url for _, url in record_pages(records)] + ["progress/"]
    return queries(records, {url: shown_title(site, url) for url in urls})


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def search(page, base: str, text: str) -> list[str]:
    """Types a query into the theme's search box; the result pages in order, as site-relative URLs."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    waiting = f"{json.dumps(list(BUSY))}.includes(m.textContent.trim())"
    # The theme reads the box on keyup: a key that moves the caret sends what was put in.
    box.fill("")
    box.press("End")
    page.wait_for_function(f"m => {waiting}", arg=meta.element_handle())
    box.fill(text)
    box.press("End")
    page.wait_for_function(f"m => !{waiting}", arg=meta.element_handle(), timeout=20000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > li.md-search-result__item",
        "items => items.map(li => li.querySelector('a.md-search-result__link').href)",
    )
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        url = path[len(urlsplit(base).path) :]
        if url not in pages:
            pages.append(url)
    return pages


@pytest.fixture(scope="module")
def measured(site, query_set):
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=DESKTOP)
        blocked = block_external(page)
        page.goto(base, wait_until="load")
        page.locator("input.md-search__input").click()  # the theme loads its index on first use
        page.wait_for_function(
            f"() => document.querySelector('.md-search-result__meta').textContent.trim() === "
            f"{json.dumps(PLACEHOLDER)}",
            timeout=20000,
        )
        results = [(query, search(page, base, query.text)) for query in query_set]
        assert blocked == []
    return results


def report(results) -> tuple[float, str]:
    answered: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    lines = []
    for query, found in results:
        asked[query.kind] += 1
        if query.answered(found):
            answered[query.kind] += 1
        else:
            lines.append(
                f"未命中 [{query.kind}] {query.text} → {' '.join(found[:TOP]) or '（没有结果）'}；"
                f"应有 {' '.join(sorted(query.expected)[:TOP])}"
            )
    score = sum(answered.values()) / len(results)
    kinds = "，".join(f"{kind} {answered[kind]}/{asked[kind]}" for kind in asked)
    head = f"搜索得分：{sum(answered.values())}/{len(results)} = {score:.1%}（前 {TOP} 条内有应有的页面）\n{kinds}\n"
    return score, head + "".join(line + "\n" for line in lines)


def test_the_query_set_covers_every_kind(query_set):
    kinds = Counter(query.kind for query in query_set)
    assert len(query_set) >= 40
    assert set(kinds) == {"title", "word", "person", "place", "item", "period"}, kinds
    assert all(query.expected for query in query_set)
    assert {"2025年第三季度", "2025年", "2025年11月"} <= {
        q.text for q in query_set if q.kind == "period"
    }


def test_queries_find_the_expected_pages_in_the_top_three(measured):
    score, text = report(measured)
    artifact("search-score.txt").write_text(text, encoding="utf-8")
    print(text)
    assert score >= GOAL, text


def test_a_title_query_never_comes_back_empty(measured):
    empty = [query.text for query, found in measured if query.kind == "title" and not found]
    assert empty == []


def test_every_record_page_and_the_progress_board_are_in_the_index(index, records):  # noqa: F811 - `records` is the fixture imported above, not a redefinition
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    wanted = {url for _, url in record_pages(records)} | {"progress/"}
    assert wanted <= locations, sorted(wanted - locations)
    # the other list pages stay out: their entries would only repeat the records' titles
    assert not locations & {
        "villages/",
        "branches/",
        "disclosures/",
        "new-orgs/",
        "pledges/",
        "findings/",
    }


def test_names_and_periods_are_looked_up_whole(index, records):  # noqa: F811 - `records` is the fixture imported above, not a redefinition
    """What the browser makes of a typed name or period: each piece a word of the index,
    and the name's piece reaches no other name (王建华 → 王建, not 王)."""
    words = index_words(index)
    assert query_terms("2025年第三季度", index, words) == ["2025", "年", "第三季"]
    assert query_terms("2025年11月", index, words) == ["2025", "年", "11", "月"]
    for village in records["village"].values():
        for name in (village["name"], village["leaders"]["secretary"]):
            terms = query_terms(name, index, words)
            assert terms == [name[:-1]], (name, terms)
            assert name[:-1] in words


def test_snippets_do_not_open_with_table_headers(index):
    starts = [re.sub(r"<[^>]+>|\u200b", "", doc["text"]).strip()[:6] for doc in index["docs"]]
    assert not [
        s for s in starts if s.startswith(("项目内容", "项目 内容", "日期 类型", "日期类型"))
    ]
