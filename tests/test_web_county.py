"""The county home's 各镇 table in a real browser, on the sample site (云岭县, two townships).

Each column sorts by its header, a button reached and pressed with the keyboard, with
aria-sort on the sorted header; without JavaScript, and in print, the table is the one the
page was written with. Screenshots of the county home and a township overview at phone and
desktop size go to test-artifacts/county/.
"""

from __future__ import annotations

import pytest
from web import DESKTOP, PHONE, artifact, block_external, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sample_data]

BOX = ".sortable-table:not(.indicator-table)"  # the townships' table, not their indicators'
TABLE = f"{BOX} table"
HEADERS = f"{TABLE} thead th"
FIRST_CELLS = f"{TABLE} tbody tr td:first-child"
ON_TIME = 6  # the column 按期公开率


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


def townships_in_order(page) -> list[str]:
    return page.eval_on_selector_all(FIRST_CELLS, "cells => cells.map(c => c.textContent.trim())")


def sort_states(page) -> list[str | None]:
    return page.eval_on_selector_all(HEADERS, "hs => hs.map(h => h.getAttribute('aria-sort'))")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_township_table_sorts_by_a_header_pressed_with_the_keyboard(chromium, size):
    base, instance = chromium
    page = instance.new_page(viewport=size)
    blocked = block_external(page)
    page.goto(base)
    buttons = page.locator(f"{HEADERS} button")
    assert buttons.count() == 10
    assert townships_in_order(page) == ["河西镇", "青溪镇"]  # as written: in Chinese order
    assert sort_states(page) == [None] * 10

    on_time = buttons.nth(ON_TIME)
    assert on_time.inner_text().strip() == "按期公开率（排名）" and on_time.is_visible()
    on_time.focus()
    page.keyboard.press("Enter")  # figures: the highest first
    assert sort_states(page)[ON_TIME] == "descending"
    assert townships_in_order(page) == ["河西镇", "青溪镇"]  # 50% before 28%
    page.keyboard.press("Space")
    assert sort_states(page)[ON_TIME] == "ascending"
    assert townships_in_order(page) == ["青溪镇", "河西镇"]
    assert page.text_content(f"{BOX} .sortable-status") == "已按“按期公开率（排名）”从低到高排序。"

    buttons.nth(0).click()  # names: in Chinese order, then reversed
    assert sort_states(page) == ["ascending"] + [None] * 9
    assert townships_in_order(page) == ["河西镇", "青溪镇"]

    width = size["width"]
    page.goto(base)
    page.screenshot(path=artifact(f"county/home-{width}.png"), full_page=True)
    page.locator(BOX).screenshot(path=artifact(f"county/home-townships-{width}.png"))
    page.goto(base + "townships/hexi/")
    page.screenshot(path=artifact(f"county/township-hexi-{width}.png"), full_page=True)
    assert blocked == []
    page.close()


def test_without_javascript_and_in_print_the_table_is_as_written(chromium):
    base, instance = chromium
    page = instance.new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(base)
    assert page.locator(f"{HEADERS} button").count() == 0
    headers = page.eval_on_selector_all(HEADERS, "hs => hs.map(h => h.textContent.trim())")
    assert headers[ON_TIME - 1 : ON_TIME + 2] == ["公开", "按期公开率（排名）", "目标达标"]
    assert townships_in_order(page) == ["河西镇", "青溪镇"]
    page.close()

    page = instance.new_page(viewport=DESKTOP)
    page.goto(base)
    page.emulate_media(media="print")
    assert not page.locator(f"{BOX} .sortable-status").is_visible()
    assert page.locator(TABLE).is_visible()
    page.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_indicator_table_reads_as_figures_and_sorts(chromium, size):
    base, instance = chromium
    page = instance.new_page(viewport=size)
    page.goto(base)
    cells = page.eval_on_selector_all(
        ".indicator-table table tbody td", "cells => cells.map(c => c.textContent.trim())"
    )
    assert "77.8%（7 / 9）" in cells and "—" in cells
    assert not [c for c in cells if "&#" in c or "None" in c]
    members = page.locator(".indicator-table table").first  # 党员和干部队伍
    reports = members.locator("thead th button").nth(5)
    assert reports.inner_text().strip() == "书记述职"
    reports.click()  # figures: the highest first, 100% before 77.8%
    firsts = members.locator("tbody tr td:first-child").all_inner_texts()
    assert [f.strip() for f in firsts] == ["河西镇", "青溪镇"]
    for n in range(2):
        page.locator(".indicator-table").nth(n).screenshot(
            path=artifact(f"records/home-indicators-{n + 1}-{size['width']}.png")
        )
    page.close()
