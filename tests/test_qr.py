"""QR codes of page addresses: drawn by generators.render.qrcode, shown by Chromium, read back by zbar."""

from __future__ import annotations

import re
from pathlib import Path

import browser
import pytest

from generators.render.qrcode import qr_svg

DISCLOSURE_URL = "https://example.org/dangjian/disclosures/xikou-2025-q1-caiwu/v1/"
CHINESE_URL = "https://example.org/dangjian/村务公开/溪口村/2025年第一季度/"
PERCENT_URL = (
    "https://example.org/dangjian/%E6%9D%91%E5%8A%A1%E5%85%AC%E5%BC%80/"
    "search/?q=%E8%B4%A2%E5%8A%A1&page=2#top"
)
LONG_URL = (
    "https://example.org/dangjian/disclosures/2025/qingxi-township/xikou-village/"
    "xikou-2025-q1-caiwu-shouzhi-mingxi/v12/attachments/?lang=zh-CN&print=1"
)

SVG_NS = "http://www.w3.org/2000/svg"


def _scan(tmp_path: Path, url: str, name: str) -> list[str]:
    """Puts qr_svg(url) on a white page at about 300 px, screenshots it and decodes it."""
    browser.require("chromium", "zbarimg")
    page = tmp_path / f"{name}.html"
    page.write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        "html,body{margin:0;background:#fff}"
        "svg{display:block;width:300px;height:300px;margin:50px}"
        "</style></head><body>" + qr_svg(url) + "</body></html>",
        encoding="utf-8",
    )
    png = browser.screenshot(str(page), tmp_path / f"{name}.png", 400, 400)
    return browser.decode_qr(png)


def test_long_url_is_about_150_characters():
    assert 140 <= len(LONG_URL) <= 160


@pytest.mark.browser
@pytest.mark.parametrize(
    "name, url",
    [
        ("disclosure", DISCLOSURE_URL),
        ("chinese", CHINESE_URL),
        ("percent", PERCENT_URL),
        ("long", LONG_URL),
    ],
)
def test_screenshot_of_the_svg_decodes_to_the_url(tmp_path, name, url):
    assert _scan(tmp_path, url, name) == [url]


@pytest.mark.parametrize("url", [DISCLOSURE_URL, CHINESE_URL, PERCENT_URL, LONG_URL])
def test_svg_is_self_contained_one_line_markup(url):
    svg = qr_svg(url)
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>")
    assert "<?xml" not in svg
    assert "\n" not in svg and "\r" not in svg
    assert "<script" not in svg.lower()
    assert re.search(r'\bviewBox="0 0 \d+ \d+"', svg)
    assert 'role="img"' in svg
    assert 'aria-label="本页二维码"' in svg
    assert "<title>本页二维码</title>" in svg
    # CSS sizes it: no fixed width or height on the <svg> element.
    opening = svg[: svg.index(">") + 1]
    assert not re.search(r"\s(width|height)=", opening), opening
    # Nothing to fetch: the only URL is the namespace, and nothing refers outside.
    assert re.findall(r"https?:[^\"'\s<>]*", svg, re.IGNORECASE) == [SVG_NS]
    assert not re.search(r"\b(href|src)\s*=|url\(", svg, re.IGNORECASE)
    # Black modules on white.
    assert 'stroke="#000"' in svg and 'fill="#fff"' in svg


def test_same_url_gives_identical_svg():
    first = qr_svg(DISCLOSURE_URL)
    second = qr_svg(DISCLOSURE_URL)
    assert first.encode("utf-8") == second.encode("utf-8")
    assert qr_svg(LONG_URL) == qr_svg(LONG_URL)
    assert qr_svg(DISCLOSURE_URL) != qr_svg(LONG_URL)


def test_quiet_zone_is_four_modules():
    # The white background spans the whole viewBox; the first dark run starts 4 modules in.
    svg = qr_svg(DISCLOSURE_URL)
    view_box = re.search(r'viewBox="0 0 (\d+) \d+"', svg)
    assert view_box, svg
    size = int(view_box.group(1))
    assert f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>' in svg
    assert re.search(r'<path stroke="#000" d="M4 4\.5h', svg)


def test_empty_url_is_refused():
    with pytest.raises(ValueError):
        qr_svg("")
