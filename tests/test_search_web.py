"""Search as a reader uses it: the sample site in Chromium, each query typed into the header's
search box (the published site's search: Pagefind, docs/assets/site-search.js; tests/sitesearch.py).

The site is built once for the module and served over HTTP; every query of the
fixed set (search_queries.py, built from the validated records) is typed into
the search input and the result list is read in order: the page of each
result, as the list links it. The score is the share of queries whose expected
page is among the first three results; it and every miss are printed and
written to test-artifacts/search-score.txt.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pagefinddata
import pytest
from search_queries import TOP, Query, queries, record_pages
from sitesearch import search
from test_site_e2e import records  # noqa: F401 - records is a fixture
from web import DESKTOP, artifact, block_external, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

GOAL = 0.95


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
def fragments(site) -> list[dict]:
    """Pagefind's record of every page in the search (url, title, the text it searches)."""
    return pagefinddata.fragments(site)


@pytest.fixture(scope="module")
def measured(site, query_set):
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=DESKTOP)
        blocked = block_external(page)
        page.goto(base, wait_until="load")
        results = [(query, search(page, base, query.text)[0]) for query in query_set]
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
    assert set(kinds) == {"title", "word", "person", "place", "item", "period", "role"}, kinds
    assert all(query.expected for query in query_set)
    assert {"2025年第三季度", "2025年", "2025年11月", "2025年3季度", "三季度", "2025.11"} <= {
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


def test_every_record_page_and_the_progress_board_are_in_the_index(fragments, records):  # noqa: F811 - the fixture imported above
    locations = {fragment["url"].lstrip("/") for fragment in fragments}
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
    # and so do the earlier versions of a disclosure (the current one is its page)
    assert not [url for url in locations if re.search(r"/v[0-9]+/$", url)]


def test_names_and_periods_are_found_whole(site, records):  # noqa: F811 - the fixture imported above
    """A typed name finds its own page first, not a page with a name that shares a character
    (王建华 is not 王建国); a period written in full finds that period's pages."""
    names = {
        name: f"villages/{village_id}/"
        for village_id, village in records["village"].items()
        for name in (village["name"],)
    }
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=DESKTOP)
        page.goto(base, wait_until="load")
        for name, url in names.items():
            found, message = search(page, base, name)
            assert url in found[:TOP], (name, found, message)
        found, _ = search(page, base, "2025年第三季度")
        assert found and all("第三季度" in shown_title(site, url) for url in found[:TOP]), found


def test_snippets_do_not_open_with_table_headers_or_the_themes_marks(fragments):
    texts = [re.sub("\u200b", "", fragment["content"]) for fragment in fragments]
    assert not [t for t in texts if "项目 内容" in t or "日期 类型" in t or "日期类型" in t]
    assert not [t for t in texts if "¶" in t or t.startswith("跳转至")]
