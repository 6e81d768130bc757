"""What a reader sees on a page, and which elements the browser builds from it.

`parse(html)` reads an HTML document or fragment with the standard library's
html.parser (character references decoded, as a browser would) and returns the
visible text (<br> as a line break; script and style bodies left out) and every
element with its attributes and own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
HIDDEN = {"script", "style", "template"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Page:
    text: str
    elements: list[Element]
    title: str | None  # text of <title>, decoded

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k.lower(): (v or "") for k, v in attrs}, self.getpos()[0])
        self.elements.append(element)
        if tag == "br":
            self._data("\n")
        elif tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        self._data(data)

    def _data(self, data):
        for element in self.open:
            element.parts.append(data)
        if not any(e.tag in HIDDEN or e.tag == "title" for e in self.open):
            self.text.append(data)


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    titles = [e for e in parser.elements if e.tag == "title"]
    return Page("".join(parser.text), parser.elements, titles[0].text if titles else None)


_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


def raw_title(html: str) -> str | None:
    """The source text between <title> and </title>, undecoded."""
    match = _TITLE.search(html)
    return match.group(1) if match else None
