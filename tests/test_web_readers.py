"""Each reader's page answers first, in a real browser on the sample site.

A villager on a phone reaches their village's latest finance disclosure from the home page in
a few taps without scrolling far; a village page, and the summary parts of 公开情况 and 督办,
stay within a phone's page-height budget; full-page screenshots of those pages at both sizes
go to test-artifacts/readers/ with their heights (heights.txt).
"""

from __future__ import annotations

import pytest
from web import DESKTOP, PHONE, artifact, block_external, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sample_data]

VILLAGE = "villages/shangtang/"
LATEST_FINANCE = "disclosures/shangtang-caiwu-2025-11/"
# Phone page heights (px) a reader scrolls through before the answer's details start.
BUDGETS = {
    VILLAGE: (None, 6000),  # the whole page
    "compliance/": ("#逾期和未公开", 15000),  # up to the late items, listed by village
    "supervision/": ('[id^="place-"]', 15000),  # up to the first place's units and their items
}
SCREENSHOTS = {
    "village": VILLAGE,
    "supervision": "supervision/",
    "compliance": "compliance/",
    "finance": LATEST_FINANCE,
    "home": "",
    "township": "townships/qingxi/",
}

TOP = "(el) => Math.round(el.getBoundingClientRect().top + window.scrollY)"


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


def tap(page, selector: str, text: str) -> int:
    """Taps the link with this text inside the selector; returns how far down the page it was."""
    link = page.locator(selector).get_by_role("link", name=text, exact=True).first
    at = link.evaluate(TOP)
    link.click()
    page.wait_for_load_state("load")
    return at


def test_a_villager_reaches_the_latest_finance_disclosure_in_two_taps(chromium):
    base, instance = chromium
    page = instance.new_page(viewport=PHONE)
    blocked = block_external(page)
    page.goto(base, wait_until="load")
    depths = [tap(page, ".place-list", "上塘村")]
    assert page.url == base + VILLAGE
    depths.append(tap(page, "article", "上塘村2025年11月财务收支公开"))
    assert page.url == base + LATEST_FINANCE
    assert page.locator("h1").inner_text().rstrip("¶") == "上塘村2025年11月财务收支公开"
    assert max(depths) <= 2 * PHONE["height"], depths  # no long scrolling before a tap
    assert blocked == []


@pytest.mark.parametrize("url", BUDGETS)
def test_the_answer_comes_within_the_phone_height_budget(chromium, url):
    base, instance = chromium
    page = instance.new_page(viewport=PHONE)
    page.goto(base + url, wait_until="load")
    selector, budget = BUDGETS[url]
    height = (
        page.evaluate("document.documentElement.scrollHeight")
        if selector is None
        else page.locator(selector).first.evaluate(TOP)
    )
    assert height <= budget, f"/{url}: {height} px before the details, budget {budget} px"


def test_screenshots_of_the_readers_pages_with_their_heights(chromium):
    base, instance = chromium
    lines = []
    for size, viewport in {"phone": PHONE, "desktop": DESKTOP}.items():
        page = instance.new_page(viewport=viewport, device_scale_factor=1)
        for name, url in SCREENSHOTS.items():
            page.goto(base + url, wait_until="load")
            height = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=artifact(f"readers/{name}-{size}.png"), full_page=True)
            lines.append(f"{name}\t{size}\t{height}\t/{url}")
            selector = BUDGETS.get(url, (None,))[0]
            if selector:  # where the details start: what the height budget measures
                top = page.locator(selector).first.evaluate(TOP)
                lines.append(f"{name}\t{size}\t{top}\t/{url} ({selector})")
        page.close()
    artifact("readers/heights.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines) == 2 * (len(SCREENSHOTS) + len([u for u, (sel, _) in BUDGETS.items() if sel]))


def test_the_not_found_page_leads_to_search_home_and_the_notice_check(chromium):
    """A reader who typed a wrong address (or followed an old one) gets Chinese and three ways on:
    the home page, the search (opened, ready to type) and 核对公开栏."""
    base, instance = chromium
    page = instance.new_page(viewport=PHONE)
    page.goto(base + "404.html", wait_until="load")
    article = page.locator("article")
    assert article.locator("h1").inner_text().startswith("404 找不到这个网页")
    links = {
        name: article.get_by_role("link", name=name, exact=True)
        for name in ("回到首页", "搜索", "核对公开栏")
    }
    assert links["回到首页"].get_attribute("href") == "/"
    assert links["核对公开栏"].get_attribute("href").endswith("verify/")
    href = links["搜索"].get_attribute("href")
    assert href == "/?q="
    page.goto(base + href.lstrip("/"), wait_until="load")
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "query"


# The smallest text drawn in each block chart (the Gantt chart of a plan's actions, the task states,
# a village's income), in CSS pixels as shown: font size × the SVG's scale on the screen.
CHART_TEXT = """() => [...document.querySelectorAll("figure.chart:not(.chart-inline) svg")].map((svg) => {
  const sizes = [...svg.querySelectorAll("text")].map((t) =>
    parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a);
  return [svg.getAttribute("class"), Math.min(...sizes)];
})"""
CHARTS = ("plans/wuxing-sanqiang-2025/", VILLAGE)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chart_text_is_at_least_12_px(chromium, viewport):
    """The Gantt chart's labels, axis and legend are read like the page's small print: at least
    12 px on a 390 px phone and on a desktop."""
    base, instance = chromium
    page = instance.new_page(viewport=viewport)
    smallest: dict[str, float] = {}
    for url in CHARTS:
        page.goto(base + url, wait_until="load")
        for kind, size in page.evaluate(CHART_TEXT):
            smallest[kind] = min(size, smallest.get(kind, size))
    assert "chart-svg chart-timeline" in smallest
    assert {k: round(v, 1) for k, v in smallest.items() if v < 12} == {}
