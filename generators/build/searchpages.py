"""What Pagefind reads of the site's pages, kept between builds: each page cut to its head and its
search body.

Pagefind reads every page whole (a county's pages: 869 MB) though it indexes only the search body
(overrides/main.html's `data-pagefind-body`) and what the head says; the pages cut to those are a
quarter of the bytes and index to the same bytes (tests/test_search_pages.py), in two thirds of
the time. A page whose body is not a plain run of HTML (a comment, script, style, template or the
like in it; a Pagefind attribute outside it; two bodies; no end) is kept whole, and a page with no
search body is left out, as Pagefind leaves it out when any page has one.

The folder of cut pages is kept in the cache with the SHA-256 of each page and of its cut
(`Cuts`): a page whose bytes did not change and whose cut is as it was written is not cut again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from generators.build.files import file_sha, listing, read_regular
from generators.build.parallel import map_in_processes

VERSION = "1"  # of the cut: a cut kept or a bundle made by another is made again
Cuts = dict[str, list[str]]  # page path -> [the page's SHA-256, its cut's ("" when left out)]

_BODY = b"data-pagefind-body"
_BODY_OPEN = re.compile(rb"<div\b[^<>]*\sdata-pagefind-body\b[^<>]*>", re.IGNORECASE)
_DIV = re.compile(rb"<(/?)div\b", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_TAG = re.compile(rb"<body\b[^<>]*>", re.IGNORECASE)
# what may hold text that looks like a tag, or that a browser does not read as HTML
_NOT_PLAIN = re.compile(
    rb"<!--|<!\[CDATA|<(?:script|style|template|textarea|xmp|plaintext|noscript|iframe"
    rb"|noembed|noframes)\b",
    re.IGNORECASE,
)


def search_text(page: bytes) -> bytes | None:
    """What Pagefind reads of a page: its head, its body tag and its search body; the page itself
    when its body is not plain; None when it has no search body."""
    if _BODY not in page:
        return None
    opening, head, body = _BODY_OPEN.search(page), _HEAD_END.search(page), _BODY_TAG.search(page)
    if opening is None or head is None or body is None or page.count(_BODY) != 1:
        return page
    if not head.end() <= body.start() < body.end() <= opening.start():
        return page
    end = _matching_end(page, opening.start())
    if end is None:
        return page
    region = page[opening.start() : end]
    if _NOT_PLAIN.search(region) or page.count(b"data-pagefind") != region.count(b"data-pagefind"):
        return page
    return page[: head.end()] + body.group() + region + b"</body></html>\n"


def _matching_end(page: bytes, start: int) -> int | None:
    depth = 0
    for tag in _DIV.finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close = page.find(b">", tag.end())
            return None if close == -1 else close + 1
    return None


def site_pages(site_dir: Path, leaving_out: str) -> list[str]:
    """The pages of a built site (its HTML files, links not followed) by their path there, in no
    set order; those under `leaving_out` (the search's own folder) are not pages."""
    return [
        name
        for name, _, is_file in listing(site_dir)
        if is_file and name.endswith(".html") and not name.startswith(f"{leaving_out}/")
    ]


def cut_pages(
    site_dir: Path,
    folder: Path,
    pages: list[str],
    known: Mapping[str, str] | None = None,
    before: Cuts | None = None,
) -> Cuts:
    """Makes `folder` hold what Pagefind reads of each of the site's `pages` (site_pages;
    search_text), at the page's place, and nothing else; the cuts, for the next build.

    `known` gives pages' SHA-256 known already (MkDocs' manifest); `before` the cuts the folder
    held after the last build (read_cuts): a page of the same bytes whose cut file still hashes
    as written is not read."""
    known, before = known or {}, before or {}
    cuts: Cuts = {}
    todo: list[str] = []
    for relative in pages:
        sha = known.get(relative) or file_sha(site_dir / relative)
        last = _holding(before.get(relative), sha, folder / relative)
        if last is not None:
            cuts[relative] = last
        else:
            todo.append(relative)

    def cut(index: int) -> list[str]:
        relative = todo[index]
        page = read_regular(site_dir / relative)
        text = search_text(page)
        target = folder / relative
        if text is None:
            target.unlink(missing_ok=True)
            return [hashlib.sha256(page).hexdigest(), ""]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # never written through a link left there
        target.write_bytes(text)
        return [hashlib.sha256(page).hexdigest(), hashlib.sha256(text).hexdigest()]

    cuts.update(zip(todo, map_in_processes(cut, range(len(todo))), strict=True))
    _remove_others(folder, {relative for relative, (_, kept) in cuts.items() if kept})
    return cuts


def _holding(last: list[str] | None, sha: str, cut: Path) -> list[str] | None:
    """The last build's cut of a page, when the page's bytes are the same and the cut file is as
    it was written (or, for a page left out, still absent)."""
    if last is None or last[0] != sha:
        return None
    if not last[1]:
        return None if os.path.lexists(cut) else list(last)
    try:
        return list(last) if file_sha(cut) == last[1] else None
    except OSError:
        return None


def _remove_others(folder: Path, wanted: set[str]) -> None:
    """Everything in the folder but the cut pages wanted (links and folders of links too)."""
    try:
        found = listing(folder)
    except FileNotFoundError:
        return
    for name, path, is_file in found:
        if name not in wanted or not is_file:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                Path(path).unlink(missing_ok=True)


def kept_cuts(cuts: Cuts) -> dict:
    """Cuts as the cache keeps them."""
    return {"version": VERSION, "cuts": cuts}


def read_cuts(kept: object) -> Cuts:
    """Cuts as the cache kept them (kept_cuts), when cut the same way; what is not one is left
    out."""
    if not isinstance(kept, dict) or kept.get("version") != VERSION:
        return {}
    value = kept.get("cuts")
    if not isinstance(value, dict):
        return {}
    return {
        k: list(v)
        for k, v in value.items()
        if isinstance(k, str) and isinstance(v, list) and len(v) == 2
        if all(isinstance(x, str) for x in v)
    }
