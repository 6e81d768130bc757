"""Sections kept out of the published site's search, as the theme's search keeps them out.

A heading marked `{ data-search-exclude }` (组织生活, 公开情况 …) keeps its whole section out of
the theme's search: the heading and what follows it up to the next heading. Pagefind (the
published site's search, generators/build/search.py) leaves out marked elements only; here such
a section is wrapped in one marked element, so Pagefind leaves all of it out too. A section
whose tags do not close before the next heading (a heading inside a block) is left as it is:
only its heading is marked then. Not in the offline copy, which keeps the theme's search.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"<h[1-6][\s>]")
_MARKED = re.compile(r"<h[2-6][^>]*\bdata-search-exclude\b")
_BLOCK = re.compile(r"<(/?)(div|section|details|table|ul|ol|dl|figure|blockquote)[\s>]")


def _balanced(html: str) -> bool:
    depth: dict[str, int] = {}
    for closing, tag in _BLOCK.findall(html):
        depth[tag] = depth.get(tag, 0) + (-1 if closing else 1)
        if depth[tag] < 0:
            return False
    return not any(depth.values())


def wrap_excluded_sections(html: str) -> str:
    starts = [m.start() for m in _HEADING.finditer(html)] + [len(html)]
    parts = [html[: starts[0]]]
    for start, end in zip(starts, starts[1:], strict=False):
        section = html[start:end]
        if _MARKED.match(section) and _balanced(section):
            section = f'<div class="search-exclude" data-search-exclude>{section}</div>'
        parts.append(section)
    return "".join(parts)


def on_page_content(html, page, config, files):
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        return html
    return wrap_excluded_sections(html)
