"""The offline copy (`make site OFFLINE=1` -> site-offline/): opened from disk, links and search work.

County offices pass the site around on a 政务内网 or a USB stick and open
index.html by double-clicking it. Built once for the module with
`python -m generators site --offline`, then read as files and opened from
file:// in Debian's Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from offline import find_external_requests
from sitebuild import DATA, build_site, copy_site_project
from web import PHONE, artifact, block_external, browser

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sample_data]


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("offline-copy")
    copy_site_project(project)
    process = build_site(project, DATA, "--offline")
    assert process.returncode == 0, process.stdout + process.stderr
    assert "离线副本已构建到 site/" in process.stdout
    return project / "site"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (
                (tag == "a" and name == "href")
                or (tag in ("script", "img") and name == "src")
                or (tag == "link" and name == "href")
            ):
                self.links.append(value)


def local_targets(page: Path, site: Path):
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for link in parser.links:
        parts = urlsplit(link)
        if parts.scheme or link.startswith(("#", "//")) or not parts.path:
            continue
        yield link, (page.parent / unquote(parts.path)).resolve()


def test_every_link_of_the_offline_copy_opens_a_file_not_a_folder(offline_copy):
    broken = []
    # 404.html links from the site root (/assets/...): only a web server shows it, never a copy on disk.
    pages = sorted(p for p in offline_copy.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 100
    for page in pages:
        for link, target in local_targets(page, offline_copy):
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_copy)}: {link}")
    assert broken == [], "\n".join(broken[:20])


def test_the_offline_copy_requests_nothing_from_outside(offline_copy):
    assert find_external_requests(offline_copy) == []
    assert (offline_copy / "search" / "search_index.js").is_file()
    html = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert "assets/vendor/iframe-worker/shim.js" in html and "unpkg.com" not in html


def test_the_offline_copys_search_index_is_utf8_text_not_escapes(offline_copy):
    """汉 as its 3 bytes, not as the 6 of \\u6c49 (overrides/hooks/search_index.py): the same JSON,
    half the size. The offline copy is the one that has the theme's search index."""
    raw = (offline_copy / "search" / "search_index.json").read_bytes()
    text = raw.decode("utf-8")
    assert re.search(r"(?<!\\)\\u[0-9a-fA-F]{4}", text) is None
    assert "竹坑" in text and "\u200b" in text
    index = json.loads(text)
    escaped = json.dumps(index, separators=(",", ":"))  # what the theme's plugin writes by default
    assert json.loads(escaped) == index
    assert len(raw) < 0.7 * len(escaped.encode())


def test_the_offline_copy_opens_from_disk_and_its_search_finds_a_village(offline_copy):
    with browser() as chromium:
        page = chromium.new_page(viewport=PHONE)
        blocked = block_external(page)
        page.goto((offline_copy / "index.html").as_uri(), wait_until="load")
        with page.expect_navigation(wait_until="load"):  # the home's first village link
            page.click("article .place-list a[href^='villages/']")
        assert re.search(r"/villages/[a-z0-9-]+\.html$", page.url), page.url
        page.goto((offline_copy / "villages" / "index.html").as_uri(), wait_until="load")
        assert page.title().startswith("村（社区）")
        village = page.eval_on_selector(
            "article table a[href$='.html']", "a => [a.textContent, a.href]"
        )
        page.goto(village[1], wait_until="load")
        assert page.title().startswith(village[0])
        page.click("label.md-header__button[for=__search]")
        page.fill("input.md-search__input", village[0])
        page.wait_for_selector(".md-search-result__item a", timeout=15000)
        found = page.eval_on_selector_all(
            ".md-search-result__item a", "links => links.map(a => a.href)"
        )
        page.screenshot(path=artifact("offline/search-phone.png"))
        assert any(re.search(r"/villages/[a-z0-9-]+\.html$", href) for href in found), found
        assert blocked == []
