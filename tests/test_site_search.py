"""The published site's search (Pagefind) as villagers use it: on a phone, over HTTP.

The sample site is served from a local server and searched in Chromium with a phone's screen.
What is checked is what a reader sees: the place and topic typed together find that place's
pages of that topic first; two-character words are found; a place that does not exist says
"没有找到"; and what the phone fetches: nothing of the search before the box is used, then at
most 300 KB (gzip, as a web server sends it) up to the first result, all from the site itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pagefinddata
import pytest
from sitesearch import BOX, open_box, search
from web import PHONE, artifact, block_external, browser, serve

from bench.searchcost import sent_size
from generators.privacy import pagefind_files

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 300 * 1024  # bytes (gzip) a phone fetches from the box's first use to the first result


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def served(sample_site):
    with serve(sample_site) as base:
        yield base


@pytest.fixture
def page(chromium, served):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.blocked = block_external(page)
    page.goto(served, wait_until="load")
    yield page
    assert page.blocked == []
    context.close()


def title(site: Path, url: str) -> str:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
    assert found is not None, url
    return found.group(1)


@pytest.mark.parametrize(("query", "village"), [("上塘村财务", "上塘村"), ("溪口村财务", "溪口村")])
def test_a_village_and_a_topic_find_that_villages_finance_disclosures_first(
    page, served, sample_site, query, village
):
    found, message = search(page, served, query)
    assert found, message
    first = title(sample_site, found[0])
    assert found[0].startswith("disclosures/") and first.startswith(village), found
    assert "财务" in first, first
    # every result shown is that village's
    assert all(village in (sample_site / url / "index.html").read_text() for url in found)


def test_a_village_without_finance_pages_comes_first_with_its_own_pages(page, served, sample_site):
    found, message = search(page, served, "竹坑村财务")
    assert found, message
    assert "zhukeng" in found[0], found
    assert not [url for url in found if "shangtang" in url], found


@pytest.mark.parametrize("word", ["党群", "制定", "村民"])
def test_two_character_words_are_found_whole(page, served, sample_site, word):
    found, message = search(page, served, word)
    assert found, message
    assert word in (sample_site / found[0] / "index.html").read_text(encoding="utf-8"), found[0]


def test_a_village_that_does_not_exist_finds_nothing_and_says_so(page, served):
    found, message = search(page, served, "下坪村")
    assert found == []
    assert message.startswith("没有找到与“下坪村”相关的页面"), message
    links = page.eval_on_selector_all(
        "[data-site-search] .md-search-result__meta a", "links => links.map(a => a.href)"
    )
    assert [link.removeprefix(served) for link in links] == ["villages/", "disclosures/"]
    page.screenshot(path=artifact("search/nothing-found-phone.png"))


def test_results_look_like_the_themes_with_the_words_marked(page, served):
    search(page, served, "上塘村财务")
    item = page.locator("[data-site-search] .md-search-result__item").first
    assert item.locator("article.md-search-result__article h1").inner_text().startswith("上塘村")
    assert item.locator("mark").count() >= 1
    snippet = item.locator("article p").inner_text()
    assert "¶" not in snippet and not snippet.startswith(("项目 内容", "跳转至"))
    page.screenshot(path=artifact("search/results-phone.png"))


@pytest.mark.parametrize(("start", "scope"), [("", "county"), ("villages/shangtang/", "township")])
def test_nothing_is_fetched_before_the_box_is_used_and_the_first_result_costs_under_300_kb(
    page, served, start, scope
):
    fetched: list[tuple[str, int]] = []
    page.on(
        "requestfinished",
        lambda request: fetched.append(
            (request.url, sent_size(request.url, request.response().body()))
        ),
    )
    page.goto(served + start, wait_until="networkidle")
    assert not [url for url, _ in fetched if "/pagefind/" in url], fetched
    fetched.clear()
    open_box(page)
    found, _ = search(page, served, "上塘村财务")
    assert found
    assert page.get_attribute("[data-site-search]", "data-scope") == scope
    searched = [(url, size) for url, size in fetched if "/pagefind/" in url]
    total = sum(size for _, size in fetched)
    artifact(f"search/bytes-to-first-result-{scope}.txt").write_text(
        "".join(f"{size}\t{url}\n" for url, size in fetched) + f"{total}\t合计\n", encoding="utf-8"
    )
    assert searched, fetched
    assert total <= BUDGET, (total, fetched)


@pytest.mark.parametrize(
    ("query", "period", "chunks"),
    [
        ("2025年3季度", "2025年第三季度", 1),
        ("三季度", "第三季度", 1),
        ("2025.11", "2025年11月", None),
        ("上塘村2025年11月", "2025年11月", None),
    ],
)
def test_a_period_is_asked_by_its_key_and_no_snippet_shows_the_key(
    page, served, query, period, chunks
):
    """A period typed in any form is asked first as the one word the index holds for it
    (qj2025q3, Period.search_key), not as 2025 / 年 / 3 / 季度, words on nearly every page whose
    parts of the index cost a phone the most: a screen of its pages (the sample's 11 pages of
    2025年第三季度) is found with one part of the index. A month of fewer pages (2025年11月: 3)
    asks its words too. What the reader sees never shows the key."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    found, _ = search(page, served, query)
    assert found and found[0].startswith("disclosures/"), found
    shown = page.locator("[data-site-search] .md-search-result__list").inner_text()
    assert period in shown and "qj" not in shown
    if chunks is not None:
        assert all(url.startswith("disclosures/") for url in found), found
        fetched = [url for url in asked if "/pagefind/index/" in url]
        assert len(fetched) == chunks, fetched


def test_places_name_their_townships_for_the_county_search(sample_site):
    places = json.loads((sample_site / "search-places.json").read_text(encoding="utf-8"))
    assert places["places"]["上塘村"] == ["qingxi"]
    assert places["places"]["青溪社区"] == ["qingxi"]
    assert places["places"]["河西镇"] == ["hexi"]
    assert places["places"]["石门村"] == ["hexi"]


def _fetching(page) -> list[str]:
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    return fetched


def test_the_county_search_of_a_query_naming_a_village_reads_only_its_townships_bundle(
    page, served
):
    """全县 from the home page: 上塘村财务 names a place of 青溪镇 only, so 青溪镇's own bundle
    answers it; the county's bundle (its list of every page) is not fetched."""
    fetched = _fetching(page)
    open_box(page)
    found, _ = search(page, served, "上塘村财务")
    assert found[0].startswith("disclosures/shangtang-caiwu-"), found
    assert page.get_attribute("[data-site-search]", "data-scope") == "county"
    assert bundles_asked(fetched) == {"/pagefind/townships/qingxi/"}, fetched


@pytest.mark.parametrize("query", ["下坪村", "2025年3季度", "河西镇青溪镇"])
def test_the_county_search_of_a_query_naming_no_place_or_two_townships_reads_the_countys(
    page, served, query
):
    fetched = _fetching(page)
    search(page, served, query)
    assert bundles_asked(fetched) == {"/pagefind/"}, fetched


def test_a_place_whose_township_has_no_page_for_the_query_is_looked_for_in_the_whole_county(
    page, served
):
    """青溪镇各镇（街道）: only the county's pages (which list every township) hold it all."""
    fetched = _fetching(page)
    found, _ = search(page, served, "青溪镇各镇（街道）")
    assert found and not any(url.startswith(("townships/", "villages/")) for url in found), found
    assert bundles_asked(fetched) == {"/pagefind/townships/qingxi/", "/pagefind/"}, fetched


def test_the_box_is_in_the_header_and_named(page):
    assert page.get_attribute("[data-site-search][role=dialog]", "aria-label") == "查找"
    open_box(page)
    assert page.locator(BOX).is_visible()
    assert page.locator(BOX).get_attribute("placeholder") == "搜索"


def test_the_header_differs_from_the_themes_only_by_the_search_box():
    import material

    theme = (Path(material.__file__).parent / "templates/partials/header.html").read_text()
    ours = (ROOT / "overrides/partials/header.html").read_text()
    # the published site's box shows with the theme's search plugin off (no lunr index there)
    changes = [
        (
            '    {% if "material/search" in config.plugins %}\n',
            '    {% set offline = (config.plugins["material/offline"] | attr("config")).enabled %}\n'
            '    {% if "material/search" in config.plugins %}\n',
        ),
        ("      {% if search.enabled %}\n", "      {% if search.enabled or not offline %}\n"),
        (
            '        {% include "partials/search.html" %}\n',
            "        {% if offline %}\n"
            '          {% include "partials/search.html" %}\n'
            "        {% else %}\n"
            '          {% include "partials/site-search.html" %}\n'
            "        {% endif %}\n",
        ),
    ]
    expected = theme.split("-#}\n", 1)[1]
    for old, new in changes:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert ours.split("-#}\n", 1)[1] == expected


def test_an_address_with_a_query_opens_the_search_with_its_answer(page, served):
    page.goto(served + "?q=" + "上塘村财务", wait_until="load")
    page.wait_for_function(
        "() => document.querySelector('[data-site-search]').dataset.answered === '上塘村财务'"
    )
    assert page.evaluate("document.getElementById('__search').checked")
    first = page.locator("[data-site-search] .md-search-result__item a").first
    assert "/disclosures/shangtang-caiwu-" in first.get_attribute("href")


# -- scope: 本镇 / 全县 on a county's site ------------------------------------------------


def townships(site: Path) -> dict[str, str]:
    """The township each page of the search is filed under (its data-township), by location."""
    filed = {}
    for fragment in pagefinddata.fragments(site):
        location = fragment["url"].lstrip("/")
        page = (site / location / "index.html").read_text(encoding="utf-8")
        found = re.search(r'data-township="([^"]+)"', page)
        filed[location] = found.group(1) if found else ""
    return filed


def scope(page, choice: str) -> None:
    page.locator(f"[data-site-search] input[name=scope][value={choice}]").check()
    page.wait_for_function(
        f"() => document.querySelector('[data-site-search]').dataset.scope === '{choice}'"
    )


def results(page, served: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "[data-site-search] .md-search-result__item a.md-search-result__link",
        "links => links.map(a => a.href)",
    )
    return [href.removeprefix(served) for href in hrefs]


def test_every_page_of_a_township_is_filed_under_it_and_county_pages_under_none(sample_site):
    filed = townships(sample_site)
    assert filed["villages/xikou/"] == filed["townships/qingxi/"] == "qingxi"
    assert filed["villages/hexicun/"] == filed["townships/hexi/"] == "hexi"
    assert filed["progress/"] == ""  # a page of the whole county
    assert {town for url, town in filed.items() if url.startswith("disclosures/")} == {
        "qingxi",
        "hexi",
    }


def test_each_township_has_a_bundle_of_its_own_pages(sample_site):
    filed = townships(sample_site)
    for township in ("qingxi", "hexi"):
        bundle = pagefinddata.fragments(sample_site, f"pagefind/townships/{township}")
        assert {url for url, town in filed.items() if town == township} == {
            fragment["url"].lstrip("/") for fragment in bundle
        }


def bundles_asked(fetched: list[str]) -> set[str]:
    """The bundles the page fetched index files from: pagefind/ or pagefind/townships/<id>/."""
    found = set()
    for url in fetched:
        path = urlsplit(url).path
        if path.endswith(pagefind_files.DATA_SUFFIXES):
            found.add(re.sub(r"/(fragment|index|filter)/[^/]*$|/[^/]*$", "/", path))
    return found


def test_a_village_page_searches_its_township_and_the_county_on_request(page, served, sample_site):
    filed = townships(sample_site)
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(served + "villages/xikou/", wait_until="load")
    open_box(page)
    assert page.locator("[data-site-search] input[name=scope][value=township]").is_checked()
    found, message = search(page, served, "财务公开")
    assert found and {filed[url] for url in found} == {"qingxi"}, (found, message)
    found, message = search(page, served, "河西村")
    assert found == [] and message.startswith("本镇没有找到与“河西村”相关的页面"), message
    assert "全县" in message
    assert bundles_asked(fetched) == {"/pagefind/townships/qingxi/"}, fetched
    fetched.clear()
    scope(page, "county")
    found = results(page, served)
    assert found and filed[found[0]] == "hexi", found
    # 全县 for a place of 河西镇 only: 河西镇's own bundle answers it, not the county's list
    assert bundles_asked(fetched) == {"/pagefind/townships/hexi/"}, fetched
    assert page.locator(BOX).evaluate("box => box === document.activeElement")
    page.screenshot(path=artifact("search/scope-county-phone.png"))


def test_pages_of_no_township_search_the_county_with_no_choice(page, served, sample_site):
    for start in ("", "progress/", "villages/"):
        page.goto(served + start, wait_until="load")
        assert page.locator("[data-site-search] input[name=scope]").count() == 0, start
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    found, _ = search(page, served, "财务公开")
    assert {townships(sample_site)[url] for url in found} >= {"qingxi", "hexi"}, found
    assert bundles_asked(fetched) == {"/pagefind/"}, fetched
