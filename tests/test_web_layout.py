"""Layout in a real browser: one page of every type, on a 390 px phone and a 1280 px desktop.

The sample site is built once for the session (tests/sitebuild.py) and
served over HTTP. On every page: nothing scrolls sideways, no table
is clipped or scrolls inside its box, no date, period, rating, figure or name
breaks across lines, no table is narrower than its content where the page has
room for it, data pages use the screen's width and a phone's cards of one
table are laid out alike. Full-page screenshots go to test-artifacts/layout/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import page_types
from web import DESKTOP, PHONE, artifact, block_external, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sample_data]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# What the page shows a reader that it should not: a page wider than the screen, a table (or the
# theme's scrolling box around it) wider than its box, a cell's content beyond the content column,
# a date in a table cell on two lines.
MEASURE = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`page ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  const content = document.querySelector("article.md-content__inner");
  const right = content.getBoundingClientRect().right;
  const name = (el) => (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  for (const box of content.querySelectorAll("table, .md-typeset__scrollwrap, .md-typeset__table")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(`${box.tagName.toLowerCase()}.${box.className} scrolls: ` +
                    `${box.scrollWidth}px in ${box.clientWidth}px: ${name(box)}`);
    }
  }
  for (const cell of content.querySelectorAll("td, th")) {
    const head = cell.closest("thead");
    if (head && head.getBoundingClientRect().width <= 1) continue;  // kept for screen readers only
    if (cell.getBoundingClientRect().right > right + 1) {
      problems.push(`cell beyond the content column: ${name(cell)}`);
    }
  }
  // In tables of three columns or more: how narrow the narrowest visible body cell of some text (more
  // than six characters: a title, a name; not a figure, nor a short cell that shares a card's line,
  // td[data-half]: a date, 党支部) is, against the content column (1: full width).
  // In tables of two: whether each row's cells stand side by side.
  const tables = [...content.querySelectorAll("table")];
  const columns = (table) => table.querySelectorAll("thead th").length;
  const cells = tables.filter((t) => columns(t) >= 3).flatMap((t) => [...t.querySelectorAll("tbody td")])
    .filter((td) => td.getBoundingClientRect().width > 0 && td.textContent.trim().length > 6)
    .filter((td) => !td.hasAttribute("data-half"));
  const narrowest = Math.min(1, ...cells.map((td) => td.getBoundingClientRect().width / content.clientWidth));
  const pairs = tables.filter((t) => columns(t) === 2).flatMap((t) => [...t.querySelectorAll("tbody tr")]);
  const sideBySide = pairs.length > 0 && pairs.every((tr) => tr.cells.length === 2 &&
    tr.cells[0].getBoundingClientRect().top === tr.cells[1].getBoundingClientRect().top);
  const dates = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("td, th") || node.parentElement.closest("svg")) continue;
    for (const match of node.data.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      dates.push(match[0]);
      if (lines.size !== 1) problems.push(`date ${match[0]} on ${lines.size} lines`);
    }
  }
  return {problems, dates: dates.length, height: root.scrollHeight, narrowest, sideBySide,
          tables: content.querySelectorAll("table").length};
}"""


# What breaks that must stay on one line (a date, period, rating, figure or name) and which tables
# are narrower than their content although the page has room; on a phone, the widths each column's
# cells take in a table shown as cards (tests/layout_breaks.js).
BREAKS = (Path(__file__).with_name("layout_breaks.js")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def measured(site) -> dict[tuple[str, str], dict]:
    """(page name, viewport name) → what MEASURE found, with a full-page screenshot of each."""
    results = {}
    with serve(site) as base_url, browser() as chromium:
        for size, viewport in VIEWPORTS.items():
            context = chromium.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            blocked = block_external(page)
            for name, url in page_types(site).items():
                page.goto(base_url + url, wait_until="load")
                page.wait_for_function("document.fonts.status === 'loaded'")
                results[name, size] = page.evaluate(MEASURE) | page.evaluate(BREAKS) | {"url": url}
                page.screenshot(path=artifact(f"layout/{name}-{size}.png"), full_page=True)
            context.close()
            assert blocked == []
    return results


def test_every_page_type_is_measured(site, measured):
    names = {name for name, _ in measured}
    assert {
        "home",
        "village",
        "village-index",
        "branch",
        "branch-index",
        "plan",
        "task",
        "task-index",
        "disclosure",
        "disclosure-index",
        "disclosure-version",
        "meetings",
        "finding",
        "finding-index",
        "new_org",
        "pledge",
        "grid",
        "township",
        "compliance",
        "supervision",
        "verify",
        "codes",
        "about",
        "guide",
        "404",
    } <= names
    assert all(
        result["tables"]
        for (name, _), result in measured.items()
        if name
        not in ("about", "verify", "codes", "404", "county")  # county: a list of its townships
    )


def found(measured, size: str, key: str) -> dict[str, list]:
    """What pages at one size found under a key, by page (name and URL), where they found some."""
    return {
        f"{name} ({result['url']})": result[key]
        for (name, at), result in measured.items()
        if at == size and result[key]
    }


@pytest.mark.parametrize("size", VIEWPORTS)
def test_nothing_scrolls_sideways_and_no_table_is_clipped(measured, size):
    assert found(measured, size, "problems") == {}


def test_dates_in_tables_are_measured(measured):
    assert measured["disclosure-index", "phone"]["dates"] >= 10
    assert measured["home", "phone"]["dates"] >= 10


def test_on_a_phone_wide_tables_are_cards_and_two_columns_stay_tables(measured):
    """On a phone a row of a wide table is a card, each cell of text a line across it: a title reads on full
    lines, not in a column four characters wide (short cells go two to a line). A table of two columns
    keeps its columns."""
    for name in (
        "disclosure-index",
        "branch-index",
        "village-index",
        "supervision",
        "meetings",
        "task-index",
    ):
        assert measured[name, "phone"]["narrowest"] > 0.85, name
        assert measured[name, "desktop"]["narrowest"] < 0.5, name
    for size in VIEWPORTS:
        assert measured["disclosure-index", size]["sideBySide"]  # 按所属期间: period and count


@pytest.mark.parametrize("size", VIEWPORTS)
def test_no_date_period_rating_figure_or_name_breaks_inside(measured, size):
    assert found(measured, size, "breaks") == {}
    assert measured["compliance", size]["runs"] >= 100
    assert measured["disclosure", size]["runs"] >= 20


@pytest.mark.parametrize("size", VIEWPORTS)
def test_no_table_is_narrower_than_its_content_where_there_is_room(measured, size):
    assert found(measured, size, "narrow") == {}


GENERATED = ("village", "compliance", "supervision", "disclosure", "plan", "branch")


def test_data_pages_use_the_width_of_the_screen(measured):
    """No empty contents column beside a data page's tables on a desktop: its text column takes the
    width beside the navigation (the hand-written guide keeps its contents column)."""
    for name in GENERATED:
        assert measured[name, "desktop"]["room"] >= 880, name
    assert measured["guide", "desktop"]["room"] < 800


def test_on_a_phone_the_cards_of_one_table_are_laid_out_alike(measured):
    """Each column's cells stand in one place in every card of a table (the same left edge within
    the card, the same width): a figure on the left of a line in one card is there in all of them,
    whichever of its neighbours are empty (the progress board's 已完成 … 已取消); no cell's
    content runs out of it over its neighbour (a date beside its label in half a line)."""
    unlike = {
        f"{name}: {card['table']}": card["places"]
        for (name, size), result in measured.items()
        if size == "phone"
        for card in result["cards"]
        if any(len(places) > 1 for places in card["places"])
    }
    assert unlike == {}
    overlapping = {
        f"{name}: {card['table']}": card["overlaps"]
        for (name, size), result in measured.items()
        if size == "phone"
        for card in result["cards"]
        if card["overlaps"]
    }
    assert overlapping == {}
    assert sum(len(measured[name, "phone"]["cards"]) for name in GENERATED) >= 10
    # measured where it matters: tables of several cards with short columns side by side
    assert any(
        card["rows"] >= 3 and len({place.split("+")[0] for c in card["places"] for place in c}) >= 2
        for result in measured.values()
        for card in result["cards"]
    )
