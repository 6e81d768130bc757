"""What the published site's search holds: Pagefind's files, read as the privacy scan reads them.

The published site has no MkDocs search index (search/search_index.json is the offline copy's
only): its search data is Pagefind's, a fragment per page (url, title, the text it searches,
its words cut with U+200B) and chunks of words. Tests read it here, and plant a fragment as
Pagefind writes one (JSON after a mark, gzip-compressed) where a scan must find it.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from generators.privacy import pagefind_files

# What ends a word in a fragment's text: Pagefind's word breaks, spaces and punctuation.
_BETWEEN_WORDS = re.compile(r"[\s\u200b\u3000、。，．,.？！；：“”‘’（）《》【】/·\-]+")


def fragments(site: Path, bundle: str = "pagefind") -> list[dict]:
    """Every page in the search (the county's bundle, or the one in `site`/`bundle`): url (as
    /villages/xikou/), meta.title, content."""
    return [
        json.loads(pagefind_files.unpacked(path.read_bytes()))
        for path in sorted((site / bundle / "fragment").glob("*.pf_fragment"))
    ]


def locations(site: Path) -> set[str]:
    """The pages in the search, as villages/xikou/ (the home page as "")."""
    return {fragment["url"].lstrip("/") for fragment in fragments(site)}


def text(fragment: dict) -> str:
    """A page's title and searched text, as it reads (without Pagefind's word breaks)."""
    title = (fragment.get("meta") or {}).get("title", "")
    return pagefind_files.without_breaks(f"{title} {fragment['content']}")


def words(fragment: dict) -> set[str]:
    """The words Pagefind cut a page's text into (the index holds these)."""
    return {word for word in _BETWEEN_WORDS.split(fragment["content"]) if word}


def strings(site: Path) -> list[str]:
    """Every string in the search's data files (fragments, word chunks, metadata, filters)."""
    found: list[str] = []
    for path in sorted((site / "pagefind").rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and pagefind_files.is_data(relative):
            found += _strings(pagefind_files.decoded(relative, path.read_bytes()))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def write_fragment(site: Path, url: str, title: str, content: str, name: str = "page") -> Path:
    """A page's fragment as Pagefind writes it, in the site's pagefind/fragment/."""
    fragment = {"url": f"/{url}", "content": content, "meta": {"title": title}, "word_count": 1}
    path = site / "pagefind" / "fragment" / f"{name}.pf_fragment"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = pagefind_files.MARK + json.dumps(fragment, ensure_ascii=False).encode("utf-8")
    path.write_bytes(gzip.compress(body, mtime=0))
    return path
