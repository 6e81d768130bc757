"""Every page type prints on A4 in Chromium: nothing cut off at the right edge, the page's address at the end.

Printed pages go on village notice boards (公开栏). Chromium prints with the
site's print styles (docs/assets/extra.css, @page A4); pdfinfo reads the
paper size back from the PDF. The PDFs are kept under test-artifacts/print/.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from browser import require
from sitebuild import page_types
from web import artifact, browser, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sample_data]

A4_POINTS = (595, 842)  # 210 x 297 mm
# A4 less the 12 mm side margins of @page, at 96 CSS px per inch.
PRINTED_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)


def paper_size(pdf) -> tuple[int, int]:
    require("pdfinfo")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    page_size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    assert page_size, out
    width, height = page_size.groups()
    return round(float(width)), round(float(height))


def test_every_page_type_prints_on_a4_without_cutting_anything_off(sample_site):
    cut = []
    with serve(sample_site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": PRINTED_WIDTH_PX, "height": 1000})
        page.emulate_media(media="print")
        for name, url in page_types(sample_site).items():
            page.goto(base + url, wait_until="load")
            overflow = page.evaluate("""() => {
                const limit = document.documentElement.clientWidth + 1;
                const wide = [...document.querySelectorAll("article *")]
                    .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > limit)
                    .map(el => el.tagName + (el.className ? "." + el.className : ""));
                return {page: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
            }""")
            if overflow["page"] > PRINTED_WIDTH_PX + 1 or overflow["wide"]:
                cut.append(f"/{url}: {overflow}")
            pdf = artifact(f"print/{name.replace('/', '-')}.pdf")
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            assert paper_size(pdf) == A4_POINTS, url
            if name != "404":  # the 404 page is never printed
                source = page.query_selector(".print-source")
                assert source and "本页网址" in source.inner_text(), url
    assert cut == [], "\n".join(cut)
