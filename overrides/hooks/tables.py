"""Tables a reader can read on a phone, and figures that never break inside.

On every page's HTML, after Markdown (the Markdown, the page text people copy
and the search index stay as they are):

* every cell of a table's body gets `data-label="<its column's header>"`; a
  table of three columns or more gets `data-stack`, which docs/assets/extra.css
  turns into one card per row on a phone (label: value), unless its cells are
  short text that fits a phone's width as a table (years and amounts). The CSS changes the
  display of the table's parts there, so they get their roles back explicitly
  (table, rowgroup, row, columnheader, cell): screen readers still read a table.
* a cell showing only "—" gets `data-empty`: its card leaves it out; a cell
  of a few characters of text (a figure, a name, 党支部, 是) gets `data-short`
  and never wraps. A column whose every cell is short gets `data-half` on its
  cells; in a table shown as cards, two such columns next to each other (after
  the first, the card's title) share a line: every cell of the one gets
  `data-side="left"`, of the other `"right"`, so that each column keeps its
  place in every card of the table, whichever cells are empty (its content in
  <span class="cell-value">, kept whole beside or below its label). A
  column of figures (amounts, counts, rates, days) gets `data-num`, header
  included: right-aligned in tabular figures.
* a run that must not break, written in the page's text, is wrapped in
  <span class="nowrap">: a date (2025-12-31), a period (2025年11月,
  2025年第三季度), a rating with its year (五星（2025）) and a figure with its
  comparator and unit (≥ 50,000.00 元, 85%, 372 天).

Text inside <svg>, <script>, <style>, <pre>, <code> and <textarea> is left alone.

A page is read by Python's HTMLParser, or, when its markup is plain (every
tag, attribute and reference well formed, no <script> or <style>: what
Markdown writes), by one regular expression feeding the same handlers, about
five times faster; tests/test_table_hook.py checks that both give the same
page on every input the fast reading accepts.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from html.parser import HTMLParser

# In HTML text: a hyphen may be written as a character reference (generators/render/escape.py writes &#45;).
_HYPHEN = r"(?:-|&#45;|&#[xX]0*2[dD];)"
DATE = re.compile(rf"(?<![\d-])(?<!&#45;)\d{{4}}{_HYPHEN}\d{{2}}{_HYPHEN}\d{{2}}(?![\d-])(?!&#45;)")
_DOT = r"(?:\.|&#46;)"
_PERCENT = r"(?:%|&#37;|％)"
_UNIT = rf"(?:万元|元|{_PERCENT}|天|人|户|名|次|项|个|岁|亩)"
# Not a piece of a longer run: no letter, digit, hyphen, point, slash or character reference
# beside it (a phone number 0579-88601234, a fingerprint 1f35-dc26, &#45; are left as they are).
_ALONE_BEFORE = r"(?<![0-9A-Za-z_#./-])(?<!&#45;)(?<!&#46;)"
_ALONE_AFTER = r"(?![0-9A-Za-z_./-])(?!&#45;)(?!&#46;\d)"
_FIGURE = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:{_DOT}\d+)?(?:/\d+)?"
RUN = re.compile(
    "|".join(
        (
            DATE.pattern,
            r"(?<!\d)\d{4}年(?:第[一二三四]季度|[上下]半年|\d{1,2}月(?:\d{1,2}日)?|度)?",
            r"(?:[一二三四五]星|\dA|较好|较差|好|一般)（\d{4}）",
            rf"(?:[≥≤]\s?)?{_ALONE_BEFORE}{_FIGURE}(?:\s?{_UNIT})?{_ALONE_AFTER}",
        )
    )
)
_DIGIT = re.compile(r"\d")
# A cell that holds a figure and nothing else: 12,600.00, 85%, 372 天, ≥ 4, 2/3.
_FIGURE_CELL = re.compile(rf"[≥≤]?\s?{_FIGURE}\s?(?:{_UNIT})?")
EMPTY = {"—", "&mdash;", "&#8212;"}  # a cell that shows nothing: left out of its card
SHORT = (
    10  # columns of text (a Chinese character is two; a date is ten): a short cell shares a line
)
STACK_FROM = 3  # columns: a table this wide becomes cards on a phone, unless it fits one:
PHONE_ROOM = 23  # ems of table text (0.75rem, 15 px) across a phone's text column (358 px of 390)
CELL_PADDING = 1.2  # ems a cell's padding takes on a phone
UNTOUCHED = {"svg", "script", "style", "pre", "code", "textarea"}
ROLES = {
    "table": "table",
    "thead": "rowgroup",
    "tbody": "rowgroup",
    "tr": "row",
    "th": "columnheader",
    "td": "cell",
}


def wrap_runs(text: str) -> str:
    """Dates, periods, ratings and figures in a piece of HTML text (already escaped) wrapped whole:
    <span class="nowrap">2025-12-31</span>, <span class="nowrap">12,600.00 元</span>."""
    if not _DIGIT.search(text):  # no digit: nothing to keep whole (most pieces of text)
        return text
    return RUN.sub(r'<span class="nowrap">\g<0></span>', text)


class _Table:
    def __init__(self, start: int):
        self.start = start  # where its start tag is in the output
        self.headers: list[str] = []
        self.header_text: list[str] | None = None  # the text of the <th> being read
        self.in_head = False
        self.column = 0
        self.cells: list[int] = []  # where each <td>/<th> start tag is in the output
        # The body cells: (where the start tag is in the output, column, what the cell holds).
        self.body: list[tuple[int, int, str]] = []
        self.header_cells: list[int] = []  # where each header cell's start tag is, by column
        self.ends: dict[int, int] = {}  # a body cell's start tag → where its end tag is
        self.cell: tuple[int, int] | None = (
            None  # the <td> being read: where its start tag and text begin
        )


class _Rewriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.start_tag: str | None = None  # the start tag being handled, when read by read_plain
        self.out: list[str] = []
        self.text: list[str] = []  # the text since the last tag: data and character references
        self.untouched = 0  # depth inside svg, pre, code ...
        self.tables: list[_Table] = []

    def get_starttag_text(self):
        return self.start_tag if self.start_tag is not None else super().get_starttag_text()

    # -- the output ----------------------------------------------------------

    def flush(self) -> None:
        """The text read since the last tag, its runs kept whole (outside svg, code ...)."""
        if self.text:
            text = "".join(self.text)
            self.out.append(text if self.untouched else wrap_runs(text))
            self.text = []

    def handle_starttag(self, tag, attrs):
        self.flush()
        text = self.get_starttag_text()
        if tag in UNTOUCHED:
            self.untouched += 1
        self._line_break(tag)
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            self.tables.append(_Table(len(self.out)))
        elif table is not None and not self.untouched:
            if tag == "thead":
                table.in_head = True
            elif tag == "tr":
                table.column = 0
            elif tag in ("td", "th"):
                if table.in_head and tag == "th":
                    table.header_text = []
                    table.header_cells.append(len(self.out))
                else:
                    label = table.headers[table.column] if table.column < len(table.headers) else ""
                    if label:
                        text = f'{text[:-1]} data-label="{html.escape(label)}">'
                    table.cell = (len(self.out), len(self.out) + 1)
                table.cells.append(len(self.out))
                table.column += 1
            if tag in ("thead", "tbody", "tr"):
                table.cells.append(len(self.out))
        self.out.append(text)

    def handle_startendtag(self, tag, attrs):
        self._line_break(tag)
        self.flush()
        self.out.append(self.get_starttag_text())

    def _line_break(self, tag: str) -> None:
        """A <br> in a header is a space in its label."""
        if tag == "br" and self.tables and self.tables[-1].header_text is not None:
            self.tables[-1].header_text.append(" ")

    def handle_endtag(self, tag):
        self.flush()
        self.out.append(f"</{tag}>")
        if tag in UNTOUCHED and self.untouched:
            self.untouched -= 1
            return
        if not self.tables or self.untouched:
            return
        table = self.tables[-1]
        if tag == "td" and table.cell is not None:
            start, first = table.cell
            inside = "".join(self.out[first:-1]).strip()
            if inside in EMPTY:
                self.out[start] = _with_attributes(self.out[start], "data-empty")
            elif _short(inside):
                self.out[start] = _with_attributes(self.out[start], "data-short")
            table.body.append((start, table.column - 1, inside))
            table.ends[start] = len(self.out) - 1
            table.cell = None
        if tag == "th" and table.header_text is not None:
            table.headers.append(" ".join("".join(table.header_text).split()))
            table.header_text = None
        elif tag == "thead":
            table.in_head = False
        elif tag == "table":
            self.tables.pop()
            halves = self._mark_columns(table)
            if len(table.headers) >= STACK_FROM and not _fits_a_phone(table):
                self._add_roles(table)
                self._pair(table, halves)

    def _pair(self, table: _Table, halves: set[int]) -> None:
        """Short columns next to each other, after the first (a card's title), two to a line in a
        card: every cell of the one gets data-side="left", of the other "right", empty cells too;
        what the cell holds is wrapped in <span class="cell-value">, which moves below its label
        as a whole where the two do not fit in half a line."""
        sides: dict[int, str] = {}
        left = None
        for column in range(1, len(table.headers)):
            if column not in halves:
                left = None
            elif left is None:
                left = column
            else:
                sides |= {left: "left", column: "right"}
                left = None
        for start, column, _ in table.body:
            if column in sides:
                tag = _with_attributes(self.out[start], f'data-side="{sides[column]}"')
                self.out[start] = tag + '<span class="cell-value">'
                self.out[table.ends[start]] = "</span>" + self.out[table.ends[start]]

    def _mark_columns(self, table: _Table) -> set[int]:
        """Columns of short cells (data-half) and of figures (data-num, their header too)."""
        columns: dict[int, list[tuple[int, str]]] = {}
        for start, column, inside in table.body:
            if inside and inside not in EMPTY:
                columns.setdefault(column, []).append((start, inside))
        halves = set()
        for column, cells in columns.items():
            marks = []
            if all(_short(inside) for _, inside in cells):
                marks.append("data-half")
                halves.add(column)
            if all(_figure(inside) for _, inside in cells):
                marks.append("data-num")
                if column < len(table.header_cells):
                    at = table.header_cells[column]
                    self.out[at] = _with_attributes(self.out[at], "data-num")
            for start, _ in cells if marks else ():
                self.out[start] = _with_attributes(self.out[start], " ".join(marks))
        return halves

    def _add_roles(self, table: _Table) -> None:
        """The table's own parts (not those of a table inside a cell) with their roles; the table marked."""
        self.out[table.start] = _with_attributes(self.out[table.start], 'data-stack role="table"')
        for index in table.cells:
            opening = re.match(r"<(\w+)", self.out[index])
            assert opening, "a cell's index is where its opening tag is"
            tag = opening.group(1).lower()
            self.out[index] = _with_attributes(self.out[index], f'role="{ROLES[tag]}"')

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def _text(self, text: str) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.header_text is not None:
            table.header_text.append(html.unescape(text))
        self.text.append(text)

    # Comments, declarations and processing instructions pass as they were written.
    def handle_comment(self, data):
        self._markup(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._markup(f"<!{decl}>")

    def handle_pi(self, data):
        self._markup(f"<?{data}>")

    def unknown_decl(self, data):
        self._markup(f"<![{data}]>")

    def _markup(self, text: str) -> None:
        self.flush()
        self.out.append(text)


@functools.lru_cache(maxsize=4096)  # the same few cells (是, 党支部, —, a figure) fill most tables
def _short(inside: str) -> bool:
    """A cell of plain text (a link or a badge at most) taking a few columns: 2291, 党支部, 是."""
    if re.search(r"<(?!/?(?:a|span)\b)", inside):  # a bar, a chart, a line break ...
        return False
    text = _text_of(inside)
    return bool(text) and _columns_of(text) <= SHORT


def _columns_of(text: str) -> int:
    """Columns a text takes (a Chinese character is two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text_of(inside: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", inside)).strip()


def _fits_a_phone(table: _Table) -> bool:
    """A table of plain short text (figures, years, a few characters), headers included, as
    narrow as a phone's text column: it stays a table there. A cell holding more than text (a bar,
    a chart, a line break) or a long title makes it cards."""
    widest: dict[int, float] = {}
    for column, header in enumerate(table.headers):
        widest[column] = _columns_of(header)
    for _, column, inside in table.body:
        if re.search(r"<(?!/?(?:a|span)\b)", inside):
            return False
        widest[column] = max(widest.get(column, 0), _columns_of(_text_of(inside)))
    return sum(columns / 2 + CELL_PADDING for columns in widest.values()) <= PHONE_ROOM


@functools.lru_cache(maxsize=4096)
def _figure(inside: str) -> bool:
    """A cell showing one figure and nothing else (runs wrapped or not): 12,600.00, 85%, 372 天."""
    if re.search(r"<(?!/?span\b)", inside):  # a link, a bar, a badge: not a plain figure
        return False
    return bool(_FIGURE_CELL.fullmatch(_text_of(inside)))


def _with_attributes(start_tag: str, attributes: str) -> str:
    end = -2 if start_tag.endswith("/>") else -1
    return f"{start_tag[:end]} {attributes}{start_tag[end:]}"


# Plain markup, as HTML's syntax defines it: a comment, a start tag with its attributes (values quoted or
# unquoted, no "/" ending an unquoted one), an end tag. Anything else, a stray "<" included, is not plain.
_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+))?)*"""
_MARKUP = re.compile(
    rf"<!--(?!-?>)(?P<comment>.*?)-->|<(?P<start>[a-zA-Z][a-zA-Z0-9-]*){_ATTRIBUTES}\s*(?P<closed>/?)>"
    r"|</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)\s*>",
    re.S,
)
# What HTMLParser reads its own way: raw text elements, a reference without its ";".
_NOT_PLAIN = re.compile(
    r"<(?:script|style)|&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)", re.I
)


def read_plain(content: str, parser: _Rewriter) -> bool:
    """Feeds a page of plain markup to the parser's handlers as HTMLParser would; False if it is not plain."""
    if _NOT_PLAIN.search(content):
        return False
    position = 0
    for found in _MARKUP.finditer(content):
        if found.start() > position:
            text = content[position : found.start()]
            if "<" in text:
                return False
            parser.handle_data(text)
        position = found.end()
        comment, start, end = found.group("comment", "start", "end")
        if start is not None:
            parser.start_tag = found.group()
            if found.group("closed"):
                parser.handle_startendtag(start.lower(), [])
            else:
                parser.handle_starttag(start.lower(), [])
            parser.start_tag = None
        elif end is not None:
            parser.handle_endtag(end.lower())
        else:
            parser.handle_comment(comment)
    rest = content[position:]
    if "<" in rest:
        return False
    if rest:
        parser.handle_data(rest)
    return True


def rewrite(content: str, plain: bool = True) -> str:
    """A page's HTML with labelled table cells, stacking tables marked and dates kept whole."""
    parser = _Rewriter()
    if not (plain and read_plain(content, parser)):
        parser = _Rewriter()
        parser.feed(content)
        parser.close()
    parser.flush()
    return "".join(parser.out)


def on_page_content(html_text, page, config, files):
    return rewrite(html_text)
