"""What the theme's search worker makes of a typed query, in Python: for tests that read the index.

mkdocs-material 9 (src/templates/assets/javascripts/integrations/search/):
each run of Chinese characters is cut against the words of the index
(query/segment: at each character the longest index word that starts there,
never reaching the run's last character), the pieces are split with the
configured separator, and each piece is looked up as a prefix (a trailing *).
The browser test (test_search_web.py) checks the real thing; this port lets a
test say which index words a query reaches without a browser.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]+")


def segment(query: str, words) -> list[str]:
    """query/segment/index.ts, line for line."""
    cuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in words:
                cuts[i] = j - i
    segments: dict[str, None] = {}
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments[query[p : p + q]] = None
                stack.append(p + q)
        q = p + cuts[p]
        if q < len(query) and cuts[q] and q < len(query) - 1:
            stack.append(q)
        segments[query[p:q]] = None
    if "" in segments:
        return [query]
    return list(segments)


def index_words(index: dict) -> set[str]:
    """Every word of a search_index.json as the browser splits it (title and text, markup dropped)."""
    separator = re.compile(index["config"]["separator"])
    words: set[str] = set()
    for doc in index["docs"]:
        for field in ("title", "text"):
            words.update(
                w.lower() for w in separator.split(re.sub(r"<[^>]+>", " ", doc[field])) if w
            )
    return words


def query_terms(query: str, index: dict, words: set[str] | None = None) -> list[str]:
    """The prefixes the browser looks up for a typed query (without the trailing *)."""
    words = index_words(index) if words is None else words
    text = _HAN.sub(lambda m: "* ".join(segment(m.group(0), words)), query.strip())
    separator = re.compile(index["config"]["separator"])
    terms = []
    for part in re.split(r"\s+", text):
        terms += [t.rstrip("*").lower() for t in separator.split(part) if t and t.rstrip("*")]
    return list(dict.fromkeys(terms))
