"""Data pages use the screen's width, and a long one opens with its contents.

The theme keeps a column at the right for a page's table of contents: beside
a wide table it stands empty while the table's cells wrap. Every generated
page (docs/generated/) hides it, and a page with three sections or more gets
its contents at the top instead, before its first section: on a phone, whose
theme hides the contents in the menu, as on a desktop.

The list is the page's own second-level headings (MkDocs' `page.toc`, whose
titles are already HTML), so a hook reading only this page: its output for a
page depends on that page alone.
"""

from __future__ import annotations

GENERATED = "generated/"
MIN_SECTIONS = 3


def _generated(page) -> bool:
    return page.file.src_uri.startswith(GENERATED)


def on_page_markdown(markdown, page, config, files):
    if _generated(page):
        hidden = list(page.meta.get("hide") or [])
        page.meta["hide"] = hidden if "toc" in hidden else [*hidden, "toc"]
    return markdown


def sections(toc) -> list:
    """The page's sections: the headings under its title (or the top headings of a page without one)."""
    top = list(toc)
    return list(top[0].children) if len(top) == 1 and top[0].level == 1 else top


def contents(items) -> str:
    links = "".join(f'<li><a href="{item.url}">{item.title}</a></li>' for item in items)
    return (
        '<nav class="page-contents" aria-label="本页内容" data-search-exclude>'
        f'<p class="page-contents__title">本页内容</p><ul>{links}</ul></nav>\n'
    )


def on_page_content(html, page, config, files):
    if not _generated(page):
        return html
    found = sections(page.toc)
    at = html.find("<h2")
    if len(found) < MIN_SECTIONS or at == -1:
        return html
    return html[:at] + contents(found) + html[at:]
