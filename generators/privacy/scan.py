"""Privacy gate: personal data never reaches the public site, nor the shared data repository.

A record file is scanned whole: every value as a page will show it, every
key, and the source text around them (comments, and anything YAML drops,
such as a `#` run into a quoted value), since the data repository is shared
with every contributor. Every other file of the data folder (README.md,
hidden files) is scanned as text. The built site is scanned again after
MkDocs, page text, titles, search index, sitemap and every other file it wrote.

What counts as personal data, in which ways it may be written, and how it
is masked in messages is generators/privacy/personal.py. ID, mobile and card
numbers, e-mail addresses, QQ and WeChat ids, home phones and house
addresses are errors wherever they stand, whether they pass every check or
only have the shape. Fields declared `public_phone: true` may hold phone
numbers (an office phone), but nothing else of the kind; a fixed-line number
anywhere else is a warning. Fields declared `public_address: true` hold a public building's
address (a venue's): it is read as a public place's, so its house number is no home's, but
the same text with a person in it (村民…家 3组12号) is still a house address.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import math
import re
import zipfile
from bisect import bisect_right
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from generators.build.files import file_sha, listing
from generators.build.keys import scanner_key, verdict_key
from generators.build.parallel import map_in_processes
from generators.check.loader import LoadedFile
from generators.editors.cms import vendored
from generators.model import records as model
from generators.model.site import Site
from generators.privacy import pagefind_files
from generators.privacy.contacts import might_hold_contact, names_a_short_number
from generators.privacy.personal import (
    BANK_CARD,
    CERTAIN,
    ID_NUMBER,
    KIND_NAMES,
    LANDLINE,
    MOBILE,
    PERSONAL_KINDS,
    PHONE_KINDS,
    STRUCTURAL,
    Finding,
    may_hold_personal_data,
    might_hold_personal_data,
    read,
    scan_text,
)
from generators.privacy.reading import Reading, unescaped
from generators.spec.fields import RecordSchema, dotted
from generators.spec.problems import Problem, problem
from generators.spec.registry import REGISTRY

__all__ = [
    "BANK_CARD",
    "CERTAIN",
    "ID_NUMBER",
    "LANDLINE",
    "MOBILE",
    "STRUCTURAL",
    "Finding",
    "scan_text",
    "scan_file",
    "scan_site",
    "public_phones",
    "phone_key",
    "MAX_FINDINGS",
]

MAX_FINDINGS = 20  # per file; past that one more problem says there are more

# ---------------------------------------------------------------------------
# records


def record_code(finding: Finding) -> str:
    """The problem code of a finding in a record: privacy.mobile, privacy.mobile-shape, …"""
    return finding.code if finding.certain or finding.kind == LANDLINE else f"{finding.code}-shape"


def _scalars(value, path: tuple = ()):
    """(path, text) for every scalar of a loaded file's data; all scalars are text there."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _scalars(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _scalars(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


class _Lines:
    """Line and column of an offset in a text, in logarithmic time."""

    def __init__(self, text: str):
        self.starts = [0]
        at = text.find("\n")
        while at != -1:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def mark(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


_NOT_NEWLINE = re.compile(r"[^\n]")


class _FileScan:
    """The privacy problems of one record file, at most MAX_FINDINGS of them."""

    def __init__(self, loaded: LoadedFile, schema: RecordSchema, today: dt.date):
        self.loaded, self.schema, self.today = loaded, schema, today
        self.text = loaded.text or ""
        self._lines: _Lines | None = None
        self.problems: list[Problem] = []
        self.full = False

    @property
    def lines(self) -> _Lines:
        if self._lines is None:
            self._lines = _Lines(self.text)
        return self._lines

    def room(self) -> int:
        return MAX_FINDINGS + 1 - len(self.problems)

    def add(
        self,
        finding: Finding,
        line: int,
        col: int,
        field: str = "",
        label: str = "",
        where: str = "",
    ) -> None:
        if self.full:
            return
        if len(self.problems) == MAX_FINDINGS:
            self.problems.append(problem("privacy.many", self.loaded.path, line, col))
            self.full = True
            return
        self.problems.append(
            problem(
                record_code(finding),
                self.loaded.path,
                line,
                col,
                field=field,
                label=label,
                number=finding.masked,
                where=where,
            )
        )

    def scalar(self, path: tuple, text: str, span, is_key: bool) -> None:
        """A key or value: found in the text as a page shows it, placed where it is in the file.

        A value is read after its key (`QQ: 12345678`, `微信: zhangsan01`)."""
        context = "" if is_key or not path or not isinstance(path[-1], str) else path[-1]
        place = not is_key and self.schema.root.is_public_address(path)
        findings = scan_text(
            text, self.today, limit=self.room(), context=context, public_place=place
        )
        if not findings:
            return
        public = not is_key and self.schema.root.is_public_phone(path)
        in_source = self._in_source(span, len(findings)) if span else []
        for finding in findings:
            if finding.kind in PHONE_KINDS and (public or (is_key and finding.kind == LANDLINE)):
                continue
            at = next((f for f in in_source if f.digits == finding.digits), None)
            if at is not None:
                in_source.remove(at)
                line, col = self.lines.mark(at.start)
            else:
                mark = (self.loaded.keys if is_key else self.loaded.values).get(
                    path
                ) or self.loaded.mark(path)
                line, col = mark.line, mark.col
            label = "字段名" if is_key else self.schema.label_of(path)
            self.add(finding, line, col, dotted(path), label)

    def _in_source(self, span, count: int) -> list[Finding]:
        """The first findings in a scalar's source text, at their offsets in the file."""
        start, end = span
        return [
            Finding(f.kind, f.certainty, f.start + start, f.end + start, f.text, f.digits, f.masked)
            for f in scan_text(self.text[start:end], self.today, limit=count + 2)
        ]

    def source(self) -> None:
        """Everything in the file that is neither a key nor a value kept in the data (all of it
        when the file did not load: the keys and values read before the loader stopped were
        not scanned as such)."""
        text = self.text
        spans = [*self.loaded.key_spans.values(), *self.loaded.value_spans.values()]
        if spans and isinstance(self.loaded.data, dict):
            parts, at = [], 0
            for start, end in sorted(spans):
                if start >= at:
                    parts.append(text[at:start])
                    parts.append(_NOT_NEWLINE.sub("\0", text[start:end]))
                    at = end
            parts.append(text[at:])
            text = "".join(parts)
        # Escapes (\t, \u0031) of values no loader read are read as what they stand for.
        escaped = unescaped(text) if "\\" in text else Reading(text)
        for finding in scan_text(escaped.text, self.today, limit=self.room()):
            if finding.kind == LANDLINE:
                continue  # office phones are common in notes; a comment is never a page
            start = escaped.origin(finding.start)
            line, col = self.lines.mark(start)
            line_start = self.lines.starts[line - 1]
            comment = "#" in text[line_start:start]
            self.add(
                finding,
                line,
                col,
                label="注释" if comment else "",
                where="comment" if comment else "source",
            )


def scan_file(
    loaded: LoadedFile, schema: RecordSchema, today: dt.date | None = None
) -> list[Problem]:
    """Personal numbers in one record file: its values, its keys and the rest of its text.

    Every file whose text could be read is scanned, valid or not, with its
    values as typed, so a number in an integer field or a misspelt field is
    found as well. The schema gives labels and the fields meant for public phones.
    The text between keys and values holds nothing but indentation and YAML's
    marks unless it has a comment, or the file did not load whole.
    """
    scan = _FileScan(loaded, schema, today or dt.date.today())
    if not may_hold_personal_data(scan.text):
        return []
    if isinstance(loaded.data, dict):
        for path, span in loaded.key_spans.items():
            if might_hold_personal_data(path[-1]):
                scan.scalar(path, path[-1], span, is_key=True)
        for path, text in _scalars(loaded.data):
            if might_hold_personal_data(text) or _names_data(path):
                scan.scalar(path, text, loaded.value_spans.get(path), is_key=False)
    if scan.text and ("#" in scan.text or loaded.problems or loaded.data is None):
        scan.source()
    return scan.problems


def _names_data(path: tuple) -> bool:
    """Whether a value's key says what it holds: `QQ`, `微信`, `电话`."""
    key = path[-1] if path else None
    return isinstance(key, str) and _key_names_data(key)


@functools.lru_cache(maxsize=4096)
def _key_names_data(key: str) -> bool:
    return might_hold_contact(key) or names_a_short_number(key)


# The site's codes: one a kind, "site.id-number", "site.email", …
_SITE_CODES = {kind: f"site.{kind}" for kind in PERSONAL_KINDS}


def scan_name(name: str, display: str, today: dt.date | None = None) -> list[Problem]:
    """Personal data in a file's path: it is part of a page's address and of the repository."""
    return [
        problem("privacy.file-name", display, 1, 1, kind=KIND_NAMES[f.kind], number=f.masked)
        for f in scan_text(name, today, limit=MAX_FINDINGS)
        if f.personal
    ]


def scan_other_file(text: str, display: str, today: dt.date | None = None) -> list[Problem]:
    """Personal data in a file of the data folder that is no record (README.md, a hidden file):
    validation reads nothing else of it, but it is shared with the repository. A warning for
    each finding, at most MAX_FINDINGS of them."""
    if not may_hold_personal_data(text):
        return []
    lines = _Lines(text)
    return [
        problem(
            "privacy.other-file",
            display,
            *lines.mark(f.start),
            kind=KIND_NAMES[f.kind],
            number=f.masked,
        )
        for f in scan_text(text, today)
        if f.personal
    ][:MAX_FINDINGS]


def public_phones(records) -> frozenset[str]:
    """Digits of every phone number written in a `public_phone` field, e.g. {"057988601234"}.

    Takes the records of a validation (generators.check.validate.Record) or the
    model of a site (generators.model.site.Site).
    """
    phones = set()
    if isinstance(records, Site):
        records = _model_records(records)
    for record in records:
        if isinstance(record, model.Record):
            schema, data = _schema_of_model(record), record.doc
        else:
            schema, data = record.type.schema, record.loaded.data
        if schema is None or data is None:
            continue
        if not schema.root.has_public_phone:  # most types: nothing to walk
            continue
        for path, value in _values(data):
            if isinstance(value, str) and schema.root.is_public_phone(path):
                phones.add(phone_key(value))
    phones.discard("")
    return frozenset(phones)


def _values(value, path: tuple = ()):
    if hasattr(value, "items"):
        for key, item in value.items():
            yield from _values(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _values(item, path + (i,))
    else:
        yield path, value


def _model_records(site):
    return site.all_records()


def _schema_of_model(record) -> RecordSchema | None:
    record_type = REGISTRY.by_name.get(record.type_name)
    return record_type.schema if record_type else None


# ---------------------------------------------------------------------------
# the built site

# Elements that end a line of text: their neighbours' digits must not run together.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "input",
        "img",
        "meta",
        "link",
        "button",
        "select",
        "textarea",
        "text",
        "desc",  # SVG labels (generators/render/charts.py): each is placed on its own, as a table cell is
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "template"})  # theme code, not content
_TEXT_ATTRIBUTES = frozenset(
    {
        "title",
        "alt",
        "aria-label",
        "content",
        "placeholder",
        "value",
        "label",
        "summary",
        "data-md-title",
    }
)
_LINK_SCHEMES = ("tel:", "sms:", "mailto:")


_BREAK = "\0"  # between blocks, cells and attributes: digits on either side are not one number


# A comment, a declaration, or a tag with its attributes (quoted values may hold ">").
_TAG = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def html_text(html: str) -> tuple[str, list[int], list[int], list[int]]:
    """The text a reader sees of an HTML page (entities decoded) and the text of telling attributes,
    with (offsets, lines, sources): where each part starts in the text, on which source line, and at
    which offset of the source.

    A line break inside a text (<br>) is kept as one: a number typed across
    two lines is still read as one number. Scripts, styles and templates are
    theme code, not content."""
    parts: list[str] = []
    lines: list[int] = []
    sources: list[int] = []
    line, counted, at, skipping = 1, 0, 0, None

    def add(text: str, where: int) -> None:
        nonlocal line, counted
        line += html.count("\n", counted, where)
        counted = where
        parts.append(text)
        lines.append(line)
        sources.append(where)

    for tag in _TAG.finditer(html):
        name = tag.group(2)
        if skipping is not None:
            if name is not None and tag.group(1) and name.lower() == skipping:
                skipping, at = None, tag.end()
            continue
        if tag.start() > at:
            data = html[at : tag.start()]
            add(unescape(data) if "&" in data else data, at)
        at = tag.end()
        if name is None:
            continue  # a comment or a declaration
        name = name.lower()
        if name == "br":
            add("\n", tag.start())
        elif name in _BLOCK_TAGS:
            add(_BREAK, tag.start())
        attributes = tag.group(3)
        if not tag.group(1) and "=" in attributes:
            for attribute in _ATTRIBUTE.finditer(attributes):
                key, value = (
                    attribute.group(1).lower(),
                    next(v for v in attribute.groups()[1:] if v is not None),
                )
                if value and (
                    key in _TEXT_ATTRIBUTES
                    or key.startswith("data-")
                    or (key in ("href", "src") and value.lower().startswith(_LINK_SCHEMES))
                ):
                    add(f"{_BREAK}{unescape(value)}{_BREAK}", tag.start())
                elif value and (key == "id" or (key == "href" and "#" in value)):
                    # A heading's anchor, in the address bar once followed: the heading's words.
                    anchor = unquote(unescape(value).rpartition("#")[2])
                    add(f"{_BREAK}{anchor}{_BREAK}", tag.start())
        if not tag.group(1) and name in _SKIPPED_TAGS and not attributes.rstrip().endswith("/"):
            skipping = name
    if skipping is None and at < len(html):
        data = html[at:]
        add(unescape(data) if "&" in data else data, at)
    offsets, total = [], 0
    for part in parts:
        offsets.append(total)
        total += len(part)
    return "".join(parts), offsets, lines, sources


def _line_at(offsets: list[int], lines: list[int], index: int) -> int:
    i = bisect_right(offsets, index) - 1
    return lines[i] if i >= 0 else 0


def phone_key(number: str) -> str:
    """A phone number's digits without a +86 / 0086 / 86 in front of a mobile: 13800138000."""
    digits = "".join(ch for ch in read(number).text if ch.isdigit())
    if len(digits) > 11 and digits[-11] == "1" and digits[:-11] in ("86", "0086"):
        return digits[-11:]
    return digits


def _published(finding: Finding, allowed: frozenset[str]) -> bool:
    """Whether a finding may not be on the site: a personal number not declared as an office phone."""
    if not finding.personal:
        return False
    return not (finding.kind in PHONE_KINDS and phone_key(finding.digits) in allowed)


def _page_problems(
    text: str, display: str, allowed: frozenset[str], where: str = "", line_of=lambda index: 1
) -> list[Problem]:
    problems = []
    for finding in scan_text(text, dt.date.max, limit=MAX_FINDINGS):
        if _published(finding, allowed):
            problems.append(
                problem(
                    _SITE_CODES[finding.kind],
                    display,
                    line_of(finding.start),
                    1,
                    number=finding.masked,
                    where=where,
                )
            )
    return problems


def _json_strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif isinstance(value, str):
        yield value


def _scan_json(text: str, display: str, allowed: frozenset[str], verdicts=None) -> list[Problem]:
    """Every string of a JSON file, read as HTML where it holds tags; a search index names its page.

    A search index joins a page's table cells with spaces, so there a space
    ends a number (the pages themselves, where every cell stands apart, are
    read with spaces joining, and so is every other string: a download's value
    is one cell). With verdicts, a search entry found clean
    before (by its content, the scanner and the public phones) is not read
    again; the entries read are found clean together when none holds a number.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return _text_problems(text, display, allowed)
    docs = data.get("docs") if isinstance(data, dict) else None
    strings: list[tuple[str, str, bool]] = []  # (where, string, whether spaces join its digits)
    pending = []  # verdicts of the entries read
    if isinstance(docs, list):
        for doc in docs:
            if verdicts is not None:
                verdict = verdicts.of(
                    "search entry", json.dumps(doc, ensure_ascii=False, sort_keys=True)
                )
                if verdicts.known(verdict):
                    continue
                pending.append(verdict)
            where = (
                f"（搜索索引中的页面 /{doc.get('location', '')}）" if isinstance(doc, dict) else ""
            )
            strings.extend((where, string, False) for string in _json_strings(doc))
        data = {k: v for k, v in data.items() if k != "docs"}
    strings.extend(("", string, True) for string in _json_strings(data))
    problems = _json_problems(strings, display, allowed)
    if verdicts is not None and not problems:
        verdicts.found_clean(pending)
    return problems


def _json_problems(
    strings: list[tuple[str, str, bool]], display: str, allowed: frozenset[str]
) -> list[Problem]:
    """The problems of a JSON file's strings: (where, string, whether spaces join its digits)."""
    if not any(
        _index_may_publish(
            quick_html_text(_BREAK.join(string for _, string, j in strings if j == joins)),
            allowed,
            spaces_join=joins,
        )
        for joins in (False, True)
    ):
        return []  # the usual answer, without reading string by string
    problems = []
    for where, string, joins in strings:
        if not might_hold_personal_data(string):
            continue
        shown = (
            html_text(string)[0] if "<" in string else unescape(string) if "&" in string else string
        )
        if not may_hold_personal_data(shown, spaces_join=joins):
            continue
        for finding in scan_text(shown, dt.date.max, limit=MAX_FINDINGS, spaces_join=joins):
            if _published(finding, allowed):
                problems.append(
                    problem(
                        _SITE_CODES[finding.kind], display, 1, 1, number=finding.masked, where=where
                    )
                )
        if len(problems) >= MAX_FINDINGS:
            break
    return problems


def _index_may_publish(text: str, allowed: frozenset[str], spaces_join: bool = False) -> bool:
    """Whether text read as a search index (or, with spaces_join, as cells) holds a number that may
    not be published (a quick no)."""
    if not text or not may_hold_personal_data(text, spaces_join=spaces_join):
        return False
    text = _INVISIBLE.sub(
        "", text
    )  # jieba's word breaks (U+200B) everywhere: one pass to drop them
    return any(
        _published(f, allowed) for f in scan_text(text, dt.date.max, spaces_join=spaces_join)
    )


_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def page_content(html: str) -> list[tuple[str, int]]:
    """The parts of a built page that come from the records, each with the line it starts on.

    MkDocs Material puts a page's Markdown inside <article>, and its title and
    description in <head>; the rest is the theme, the fixed navigation and the
    table of contents, whose headings are the article's. A page without an
    article is scanned whole.
    """
    start, end = html.find("<article"), html.rfind("</article>")
    if start == -1 or end < start:
        return [(html, 1)]
    parts = [(html[start : end + len("</article>")], html.count("\n", 0, start) + 1)]
    head_end = html.find("</head>")
    if (
        -1 < head_end < start
    ):  # the title and the meta tags; scripts, styles and links are the theme's
        parts.append((_HEAD_NOISE.sub(lambda m: "\n" * m.group().count("\n"), html[:head_end]), 1))
    return parts


_HEAD_NOISE = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<link\b[^>]*>", re.S | re.I)


def _html_problems(text: str, display: str, allowed: frozenset[str]) -> list[Problem]:
    problems = []
    for content, first_line in page_content(text):
        quick = quick_html_text(content)
        if not may_hold_personal_data(quick) or not any(
            _published(f, allowed) for f in scan_text(quick, dt.date.max)
        ):
            continue  # most pages: nothing to report, and no need to know on which line
        page, offsets, lines, _ = html_text(content)
        problems.extend(
            _page_problems(
                page,
                display,
                allowed,
                # Bound now: this content's offsets and lines, not the loop's next ones.
                line_of=lambda index, offsets=offsets, lines=lines, first=first_line: (
                    _line_at(offsets, lines, index) + first - 1
                ),
            )
        )
    return problems


# A ">" inside an attribute ends these tags early: what follows is read as text, never less of it.
_QUICK_DROPPED = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(script|style|template)\b[^>]*>.*?</\1\s*>", re.S | re.I
)
_QUICK_BR = re.compile(r"<br\b[^>]*>", re.I)
_QUICK_BLOCK = re.compile(
    r"</?(?:" + "|".join(sorted(_BLOCK_TAGS, key=len, reverse=True)) + r")\b[^>]*>", re.I
)
_QUICK_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_QUICK_ATTRIBUTE = re.compile(
    r"""\s(?:title|alt|aria-label|content|placeholder|value|label|summary|data-[^\s=>]+"""
    r"""|(?:href|src)(?=\s*=\s*["']?(?:tel|sms|mailto):)|id|href(?=\s*=\s*["'][^"'#]*#))"""
    r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""",
    re.I,
)


def _without_tags(html: str) -> str:
    return _QUICK_TAG.sub("", _QUICK_BLOCK.sub(_BREAK, _QUICK_BR.sub("\n", html)))


def quick_html_text(html: str) -> str:
    """What html_text() reads, by whole-text substitutions: the same text, telling attributes at the end.

    Only to tell whether a page holds a number; html_text() then says where."""
    html = _QUICK_DROPPED.sub("", html)
    attributes = [unquote(a or b) for a, b in _QUICK_ATTRIBUTE.findall(html)]
    text = _BREAK.join([_without_tags(html), *attributes])
    return unescape(text) if "&" in text else text


def _text_problems(text: str, display: str, allowed: frozenset[str]) -> list[Problem]:
    lines = _Lines(text)
    return _page_problems(text, display, allowed, line_of=lambda index: lines.mark(index)[0])


def _csv_problems(text: str, display: str, allowed: frozenset[str]) -> list[Problem]:
    """A CSV download: its cells apart, as a table's are, each row on its line."""
    try:
        rows = [_BREAK.join(row) for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        return _text_problems(text, display, allowed)
    return _text_problems("\n".join(rows), display, allowed)


def xlsx_text(data: bytes) -> str | None:
    """The text a workbook shows: every cell of every sheet (a row a line, cells apart) and its
    document properties; None when it is no workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            shared = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
            lines = [
                _sheet_lines(archive.read(name), shared)
                for name in sorted(names)
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            ]
            lines += [
                _xml_text(archive.read(name))
                for name in sorted(names)
                if name.startswith("docProps/")
            ]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError):
        return None
    return "\n".join(lines)


_SPREADSHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _shared_strings(archive) -> list[str]:
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{_SPREADSHEET}t")) for si in root]


def _sheet_lines(xml: bytes, shared: list[str]) -> str:
    lines = []
    for row in ElementTree.fromstring(xml).iter(f"{_SPREADSHEET}row"):
        cells = []
        for cell in row.iter(f"{_SPREADSHEET}c"):
            value = cell.find(f"{_SPREADSHEET}v")
            if cell.get("t") == "s" and value is not None and value.text and value.text.isdigit():
                index = int(value.text)
                cells.append(shared[index] if index < len(shared) else "")
            elif cell.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in cell.iter(f"{_SPREADSHEET}t")))
            elif value is not None:
                cells.append(
                    _number_shown(value.text or "")
                    if cell.get("t") in (None, "n")
                    else value.text or ""
                )
        lines.append(_BREAK.join(cells))
    return "\n".join(lines)


def _number_shown(text: str) -> str:
    """A number cell as a spreadsheet shows it: a whole number with every digit (a phone or card
    number typed as a number is found), any other to 15 significant digits, as Excel shows it
    (XlsxWriter stores 574332.94 as 574332.9399999999, which is no card number)."""
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    if number.is_integer():
        return str(int(number))
    return f"{number:.15g}"


def _xml_text(xml: bytes) -> str:
    return _BREAK.join(t for t in ElementTree.fromstring(xml).itertext() if t.strip())


_SCANNERS = {
    ".html": _html_problems,
    ".htm": _html_problems,
    ".xml": _html_problems,  # sitemaps and the Atom feeds: text and attributes, entities read
    ".json": _scan_json,
    ".csv": _csv_problems,
}
# Pictures and fonts: no text to read.
_BINARY = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".ico",
        ".webp",
        ".bmp",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
    }
)


def _theme_folders() -> list[Path]:
    """Where MkDocs copies theme files from, unchanged, into the site."""
    import material
    import mkdocs

    return [
        Path(material.__file__).parent / "templates",
        Path(mkdocs.__file__).parent / "contrib" / "search" / "templates",
    ]


def _copied_from_theme(relative: str, data: bytes, folders: list[Path]) -> bool:
    for folder in folders:
        candidate = folder / relative
        try:
            if candidate.stat().st_size == len(data) and candidate.read_bytes() == data:
                return True
        except OSError:
            continue
    return False


# A disclosure version's fingerprint as pages print it (f145-9735-0190, the hyphens maybe as &#45;) or as
# verify/fingerprints.json keys it (f14597350190). Twelve hex digits can hold a mobile's eleven.
_FINGERPRINT = re.compile(
    r"(?<![0-9A-Za-z])[0-9a-f]{4}(?:-|&#45;)?[0-9a-f]{4}(?:-|&#45;)?[0-9a-f]{4}(?![0-9A-Za-z])"
)
_FINGERPRINT_SEPARATOR = re.compile(r"-|&#45;")
_SHOWN_FOR_FINGERPRINT = "〔版本指纹〕"


def own_fingerprints(site_dir: Path) -> frozenset[str]:
    """The version fingerprints a built site publishes: the keys of its verify/fingerprints.json.

    The generator writes that file from each version's content hash (generators/render/pages.py), so no record
    text can become a key; a file that is missing or not such a map gives none."""
    try:
        table = json.loads(
            (Path(site_dir) / "verify" / "fingerprints.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(table, dict):
        return frozenset()
    return frozenset(
        key for key in table if isinstance(key, str) and re.fullmatch(r"[0-9a-f]{12}", key)
    )


def _without_fingerprints(text: str, known: frozenset[str]) -> str:
    """The text with each of the site's own version fingerprints replaced by words: they are hashes, not numbers
    of a person. Only exact fingerprints of this site are replaced; any other number is scanned as written."""
    if not known:
        return text
    return _FINGERPRINT.sub(
        lambda m: (
            _SHOWN_FOR_FINGERPRINT
            if _FINGERPRINT_SEPARATOR.sub("", m.group()) in known
            else m.group()
        ),
        text,
    )


SCAN_IN_WORKERS_FROM = 2000  # files to read: a site this large is scanned on every core


class _Verdicts:
    """Files and search entries found clean, by content; those of this site are kept, the others dropped."""

    def __init__(self, clean: set[str], scanner: str):
        self.clean, self.scanner = clean, scanner
        self.used: set[str] = set()

    def of(self, kind: str, content: str) -> str:
        return verdict_key(self.scanner, kind, content)

    def known(self, verdict: str) -> bool:
        if verdict in self.clean:
            self.used.add(verdict)
            return True
        return False

    def found_clean(self, verdicts) -> None:
        self.used.update(verdicts)

    def done(self) -> None:
        self.clean.intersection_update(self.used)
        self.clean.update(self.used)


def scan_site(
    site_dir: Path,
    allowed_phones=frozenset(),
    shown_as: Path | None = None,
    clean: set[str] | None = None,
    known: dict[str, str] | None = None,
    hashes: dict[str, str | None] | None = None,
) -> list[Problem]:
    """Personal numbers in every file of a built site: pages, titles, search index, sitemap.

    Pages are read as a browser shows them (entities decoded, telling
    attributes included, theme scripts left out); gzip files are read
    unpacked. Files copied unchanged from the theme and pictures are skipped.
    `allowed_phones` holds the phone numbers records declare public (see
    public_phones). Problems name files as if under `shown_as` (a site being
    built in a staging folder is reported at the place it is built for).

    With `clean`, a set of verdicts (see scanner_key), a file or a
    search entry found clean before by the same scanner with the same public
    phones is not read again; `known` gives the SHA-256 of files whose hash is
    known already (pages taken from the previous build), which are then not
    even read. The set is left holding the verdicts of this site only.

    With verdicts, every file is hashed on the way: given `hashes`, it is filled with every file's
    SHA-256 as build.files.file_hashes gives them (the site's stamp, then not hashed again); it
    is left empty when a link was met or there were no verdicts.
    """
    site_dir = Path(site_dir)
    allowed = frozenset(phone_key(p) for p in allowed_phones)
    own = own_fingerprints(site_dir)
    verdicts = _Verdicts(clean, scanner_key(allowed, own)) if clean is not None else None
    known = known or {}
    folders = _theme_folders()
    todo: list[
        tuple[Path, str, str, str | None]
    ] = []  # (path, relative, as shown, verdict): files to read
    seen: dict[str, str | None] | None = {} if verdicts is not None else None
    for relative, is_file in _site_files(site_dir):
        if not is_file:
            seen = None  # a link or a special file: the stamp reads the folder itself
            continue
        path = site_dir / relative
        verdict = None
        if verdicts is not None:
            sha = known.get(relative) or file_sha(path)
            if seen is not None:
                seen[relative] = sha
            verdict = verdicts.of(relative, sha)
            if verdicts.known(verdict):
                continue
        todo.append(
            (
                path,
                relative,
                (Path(shown_as) / relative if shown_as is not None else path).as_posix(),
                verdict,
            )
        )

    def scan(
        index: int,
    ) -> list[dict]:  # a page, in a worker when there are many: its problems as JSON
        path, relative, display, _ = todo[index]
        return [
            p.as_dict()
            for p in _scan_file(
                path, relative, path.read_bytes(), display, allowed, folders, None, own
            )
        ]

    # JSON files (the search index) are read here: their entries have verdicts of their own.
    in_workers = [i for i, (path, *_) in enumerate(todo) if path.suffix.lower() != ".json"]
    scanned = dict(
        zip(
            in_workers,
            map_in_processes(scan, in_workers, min_items=SCAN_IN_WORKERS_FROM),
            strict=True,
        )
    )
    problems: list[Problem] = []
    for index, (path, relative, display, verdict) in enumerate(todo):
        if index in scanned:
            found = [Problem(**p) for p in scanned[index]]
        else:
            found = _scan_file(
                path, relative, path.read_bytes(), display, allowed, folders, verdicts, own
            )
        if verdicts is not None and not found:
            verdicts.found_clean([verdict])
        problems.extend(found)
    if verdicts is not None:
        verdicts.done()
    if hashes is not None and seen is not None:
        hashes.update(seen)
    return problems


def scan_ahead(
    folder: Path, files: Mapping[str, str | None], allowed_phones, clean: set[str]
) -> int:
    """Files the site will hold at the same paths as under `folder`, scanned before it is built
    (the downloads under docs/generated/, which MkDocs copies as they are, while MkDocs builds the
    pages): the verdict of each file found clean, and of each search entry in it, is added to
    `clean`, as scan_site makes it for that path and those bytes. scan_site then does not read
    a file of the site whose path and bytes have such a verdict; it reads any other.

    `files` gives each file's SHA-256 as known already (None: not known): a file whose verdict is
    in `clean` by it is not read. A file read is keyed by the SHA-256 of the bytes read. The site's
    own version fingerprints are read from `folder` (verify/fingerprints.json) as scan_site reads
    them from the site. Returns how many files were read."""
    allowed = frozenset(phone_key(p) for p in allowed_phones)
    own = own_fingerprints(folder)
    verdicts = _Verdicts(clean, scanner_key(allowed, own))
    themes, read = _theme_folders(), 0
    for relative, sha in sorted(files.items()):
        if sha is not None and verdicts.of(relative, sha) in clean:
            continue
        path = folder / relative
        try:
            data = path.read_bytes()
        except OSError:
            continue  # the site's scan reads what the site holds
        read += 1
        verdict = verdicts.of(relative, hashlib.sha256(data).hexdigest())
        if not _scan_file(path, relative, data, relative, allowed, themes, verdicts, own):
            verdicts.found_clean([verdict])
    clean.update(verdicts.used)
    return read


def _site_files(site_dir: Path) -> list[tuple[str, bool]]:
    """Every file under the site folder by its path there, in the order of its folders and names,
    and whether it is a regular file (links are not followed)."""
    found = listing(site_dir)
    return sorted(((name, is_file) for name, _, is_file in found), key=lambda f: f[0].split("/"))


def _scan_file(
    path: Path,
    relative: str,
    data: bytes,
    display: str,
    allowed: frozenset[str],
    folders: list[Path],
    verdicts: _Verdicts | None = None,
    own: frozenset[str] = frozenset(),
) -> list[Problem]:
    if pagefind_files.is_data(relative):  # the published site's search index: the pages' text
        texts = _json_strings(pagefind_files.decoded(relative, data))
        where = f"（搜索索引 {relative}）"
        # the index joins a page's cells with spaces: there a space ends a number
        strings = [
            (where, _without_fingerprints(pagefind_files.without_breaks(s), own), False)
            for s in texts
        ]
        return _json_problems(strings, display, allowed)
    if pagefind_files.is_engine(relative, data):
        return []
    suffix = path.suffix.lower()
    if suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, ValueError):
            pass  # not really gzip: read as it is
        suffix = Path(path.stem).suffix.lower()
    if suffix in _BINARY or (
        suffix not in (".html", ".htm")
        and (_copied_from_theme(relative, data, folders) or vendored(relative, data))
    ):
        return []
    if suffix == ".xlsx":  # a download: the text of its cells, or its bytes as text if unreadable
        shown = xlsx_text(data)
        if shown is not None:
            return _text_problems(_without_fingerprints(shown, own), display, allowed)
    text = _without_fingerprints(data.decode("utf-8", errors="replace"), own)
    if suffix == ".xml":
        text = _FEED_ENTRY_ID.sub("<id>urn:uuid</id>", text)
    if suffix == ".json":
        return _scan_json(text, display, allowed, verdicts)
    problems = _SCANNERS.get(suffix, _text_problems)(text, display, allowed)
    if Path(relative).name.split(".")[0].upper() in _NOTICES:
        # A library's licence names its authors by their e-mail addresses, as it must.
        problems = [p for p in problems if p.code != "site.email"]
    return problems


# An Atom feed entry's id as generators/exchange/feeds.py makes it (a name-based UUID): hex digits
# that may hold 11 in a row from 1 (a1806028-8230 …), no number of a person. Record text cannot
# make an <id> element: it is escaped in the feed.
_FEED_ENTRY_ID = re.compile(
    r"<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}</id>"
)
_NOTICES = frozenset({"LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS"})
