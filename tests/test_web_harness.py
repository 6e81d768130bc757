"""The browser harness itself: Debian's Chromium under Playwright, on a page served over HTTP."""

from __future__ import annotations

import pytest
from web import PHONE, block_external, browser, serve

pytestmark = pytest.mark.browser


def test_playwright_drives_debian_chromium_on_a_served_page(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh"><meta charset="utf-8"><title>测试</title>'
        '<h1>你好</h1><img src="https://example.com/x.png" alt="">',
        encoding="utf-8",
    )
    with serve(tmp_path) as base, browser() as chromium:
        page = chromium.new_page(viewport=PHONE)
        blocked = block_external(page)
        page.goto(base, wait_until="load")
        assert page.inner_text("h1") == "你好"
        assert page.evaluate("window.innerWidth") == 390
        assert blocked == ["https://example.com/x.png"]
