"""The published site's search box as a reader uses it (overrides/partials/site-search.html).

    page.goto(base_url)
    pages, message = search(page, base_url, "上塘村财务")

The query is typed into the header's box; once the list shows that query's answer
(docs/assets/site-search.js marks it), the result pages are read in order, as site-relative
URLs, with the line above the list (找到 … / 没有找到 …).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

BOX = "[data-site-search] input.md-search__input"


def open_box(page) -> None:
    """Opens the search: the header's magnifier on a phone, the box itself on a wide screen."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        page.locator(BOX).click()


def search(page, base: str, text: str, timeout: float = 20000) -> tuple[list[str], str]:
    box = page.locator(BOX)
    if not box.is_visible():
        open_box(page)
    box.fill(text)
    answered = "document.querySelector('[data-site-search]').dataset.answered"
    page.wait_for_function(f"() => {answered} === {json.dumps(text)}", timeout=timeout)
    hrefs = page.eval_on_selector_all(
        "[data-site-search] .md-search-result__list > li.md-search-result__item",
        "items => items.map(li => li.querySelector('a.md-search-result__link').href)",
    )
    pages = []
    for href in hrefs:
        url = urlsplit(href).path[len(urlsplit(base).path) :]
        if url not in pages:
            pages.append(url)
    message = page.locator("[data-site-search] .md-search-result__meta").inner_text().strip()
    return pages, message
