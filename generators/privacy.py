"""Privacy gate: personal numbers never reach the public site.

Three kinds of number are searched for in every string staff typed and in the
built site: resident ID numbers (GB 11643-1999), mainland mobile numbers and
bank card numbers. Fixed-line numbers outside a field meant for an office
phone are reported too, as a warning.

A finding is `certain` when the number passes every check its format has
(ID: real birth date and ISO 7064 mod 11-2 check character; mobile: an
allocated number range; card: Luhn and a known issuer prefix) and
`structural` when it only has the right shape. In records a certain finding
is an error and a structural one a warning; the built site fails on any
certain finding.

Regular expressions find candidates cheaply; python-stdnum and phonenumbers
are only called on those. Full-width digits and separators are read as their
half-width forms by a character-for-character table, so positions in the
normalized text are positions in the original.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import phonenumbers
from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from . import model
from .problems import ERROR, WARNING, Problem
from .registry import RECORD_TYPES
from .schema import rules_at

ID_NUMBER, MOBILE, BANK_CARD, LANDLINE = "id-number", "mobile", "bank-card", "landline"
CERTAIN, STRUCTURAL = "certain", "structural"
PHONE_KINDS = frozenset({MOBILE, LANDLINE})

# Overlapping candidates: the stronger one is kept.
_KIND_ORDER = {ID_NUMBER: 0, BANK_CARD: 1, MOBILE: 2, LANDLINE: 3}


@dataclass(frozen=True)
class Finding:
    kind: str  # ID_NUMBER, MOBILE, BANK_CARD or LANDLINE
    certainty: str  # CERTAIN or STRUCTURAL
    start: int  # offsets into the scanned text
    end: int
    text: str  # the text as written, separators and full-width digits included
    digits: str  # the number alone: half-width digits, an ID's check character upper case

    @property
    def code(self) -> str:
        return f"privacy.{self.kind}"

    @property
    def certain(self) -> bool:
        return self.certainty == CERTAIN

    @property
    def masked(self) -> str:
        """The number with its middle hidden, safe to print in a build log."""
        head, tail = {MOBILE: (3, 4), LANDLINE: (len(self.digits) - 4, 0)}.get(self.kind, (4, 4))
        if self.kind == MOBILE and len(self.digits) > 11:  # country code in front
            head += len(self.digits) - 11
        return _mask(self.text, head, tail)


def _mask(text: str, head: int, tail: int) -> str:
    total = sum(1 for ch in text if _is_digit_like(ch))
    out, seen = [], 0
    for ch in text:
        if _is_digit_like(ch):
            out.append(ch if seen < head or seen >= total - tail else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def _is_digit_like(ch: str) -> bool:
    return ch.translate(_HALF_WIDTH) in "0123456789Xx"


# ---------------------------------------------------------------------------
# normalization: one character in, one character out


def _half_width_table() -> dict[int, str]:
    """NFKC of full-width forms and odd spaces, kept only where it is one character."""
    table = {}
    chars = ["\u00a0", "\u202f", "\u3000", *map(chr, range(0x2000, 0x200B)), *map(chr, range(0xFF01, 0xFF5F))]
    for ch in chars:
        normal = unicodedata.normalize("NFKC", ch)
        if len(normal) == 1 and normal != ch:
            table[ord(ch)] = normal
    # Hyphens and dashes that word processors put between groups of digits.
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63":
        table[ord(ch)] = "-"
    return table


_HALF_WIDTH = _half_width_table()


def normalize(text: str) -> str:
    """Full-width digits, letters and separators as half-width; same length as the input."""
    return text.translate(_HALF_WIDTH)


# ---------------------------------------------------------------------------
# candidates

# Not inside a longer run of digits, nor the integer or fraction part of a decimal.
_LEFT = r"(?<![0-9])(?<![0-9]\.)"
_RIGHT = r"(?![0-9])(?!\.[0-9])"

_ID = re.compile(_LEFT + r"(?P<area>[1-9][0-9]{5})(?P<s>[ -]?)(?P<birth>[0-9]{8})(?P=s)"
                 r"(?P<seq>[0-9]{3})(?P<check>[0-9Xx])" + _RIGHT)
_MOBILE = re.compile(_LEFT + r"(?:(?:\+|00)?86[ -]?)?"
                     r"(?P<number>1[3-9][0-9](?P<s>[ -]?)[0-9]{4}(?P=s)[0-9]{4})" + _RIGHT)
_CARD = re.compile(_LEFT + r"(?:[0-9]{16,19}|[0-9]{4}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{4}"
                   r"(?:(?P=s)[0-9]{1,3})?)" + _RIGHT)
# 0579-88601234, 0579 88601234, (0579)88601234, 010-12345678; never run together with the area code.
_LANDLINE = re.compile(_LEFT + r"(?:\((?P<area1>0[1-9][0-9]{1,2})\)[ -]?|(?P<area2>0[1-9][0-9]{1,2})[ -])"
                       r"(?P<local>[2-9][0-9]{6,7})" + _RIGHT)
_HAS_NUMBER = re.compile(r"[0-9]{3}")
_NOT_DIGIT = re.compile(r"[^0-9X]")

# Issuer prefixes of cards used in China. UnionPay: 62 and the newer 81 range;
# Visa 4; Mastercard 51-55 and 2221-2720; JCB 3528-3589 (issued by Chinese
# banks as co-branded cards); legacy domestic debit cards that predate the 62
# range: ICBC 9558, ABC 9559 and Bank of China Great Wall 6013.
_CARD_PREFIX = re.compile(r"62|81|4|5[1-5]|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720"
                          r"|35(2[89]|[3-8][0-9])|9558|9559|6013")


def _id_findings(text: str, today: dt.date):
    for m in _ID.finditer(text):
        digits = (m["area"] + m["birth"] + m["seq"] + m["check"]).upper()
        checksum_ok = _ric_check_ok(digits)
        birth = _ric_birth(digits)
        if checksum_ok and birth is not None and dt.date(1900, 1, 1) <= birth <= today:
            yield Finding(ID_NUMBER, CERTAIN, m.start(), m.end(), "", digits)
        elif checksum_ok or digits.endswith("X") or _looks_like_date(m["birth"]):
            # A mistyped ID keeps the shape: the check fails or the date is odd, rarely both.
            yield Finding(ID_NUMBER, STRUCTURAL, m.start(), m.end(), "", digits)


def _ric_check_ok(digits: str) -> bool:
    try:
        return ric.calc_check_digit(digits) == digits[-1]
    except (ValidationError, ValueError):
        return False


def _ric_birth(digits: str) -> dt.date | None:
    try:
        return ric.get_birth_date(digits)
    except (ValidationError, ValueError):
        return None


def _looks_like_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def _mobile_findings(text: str):
    for m in _MOBILE.finditer(text):
        national = m["number"].replace(" ", "").replace("-", "")
        certainty = CERTAIN if _valid_phone(national) else STRUCTURAL
        yield Finding(MOBILE, certainty, m.start(), m.end(), "", _NOT_DIGIT.sub("", m.group()))


def _landline_findings(text: str):
    for m in _LANDLINE.finditer(text):
        number = (m["area1"] or m["area2"]) + m["local"]
        if _valid_phone(number):  # a real area code and local number length
            yield Finding(LANDLINE, STRUCTURAL, m.start(), m.end(), "", number)


def _valid_phone(national: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(national, "CN"))
    except phonenumbers.NumberParseException:
        return False


def _card_findings(text: str):
    for m in _CARD.finditer(text):
        digits = _NOT_DIGIT.sub("", m.group())
        luhn_ok = luhn.is_valid(digits)
        known = _CARD_PREFIX.match(digits) is not None
        if luhn_ok and known:
            yield Finding(BANK_CARD, CERTAIN, m.start(), m.end(), "", digits)
        elif luhn_ok or known:
            yield Finding(BANK_CARD, STRUCTURAL, m.start(), m.end(), "", digits)


def scan_text(text: str, today: dt.date | None = None) -> list[Finding]:
    """Personal numbers in a text, in order of position; overlapping candidates keep the strongest.

    `today` bounds an ID number's birth date (default: the system date).
    """
    normal = normalize(text)
    if not _HAS_NUMBER.search(normal):
        return []
    today = today or dt.date.today()
    candidates = [*_id_findings(normal, today), *_card_findings(normal), *_mobile_findings(normal),
                  *_landline_findings(normal)]
    if not candidates:
        return []
    candidates.sort(key=lambda f: (f.certainty != CERTAIN, _KIND_ORDER[f.kind], f.start - f.end, f.start))
    kept: list[Finding] = []
    for candidate in candidates:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    kept.sort(key=lambda f: f.start)
    return [Finding(f.kind, f.certainty, f.start, f.end, text[f.start:f.end], f.digits) for f in kept]


# ---------------------------------------------------------------------------
# records

_RECORD_MESSAGES = {
    (ID_NUMBER, CERTAIN): ("这里像是居民身份证号码（{number}），公开网站不得发布个人身份证号",
                           "删除身份证号；公开信息只写姓名和职务"),
    (ID_NUMBER, STRUCTURAL): ("这里有一串像居民身份证号码的数字（{number}），校验位或出生日期对不上，但仍可能是身份证号",
                              "如果是身份证号请删除；如果是其他编号，请确认可以公开"),
    (MOBILE, CERTAIN): ("这里像是手机号码（{number}），公开网站不得发布个人电话",
                        "删除手机号；需要公开联系方式时，填写单位的办公电话（“办公电话”字段）"),
    (MOBILE, STRUCTURAL): ("这里有一串像手机号码的数字（{number}），可能是个人电话",
                           "如果是手机号请删除；如果是其他编号，请确认可以公开"),
    (LANDLINE, STRUCTURAL): ("这里像是固定电话号码（{number}），可能是个人电话；只有“办公电话”字段可以填写电话",
                             "单位办公电话请填到“办公电话”字段；个人电话请删除"),
    (BANK_CARD, CERTAIN): ("这里像是银行卡号（{number}），公开网站不得发布银行卡号",
                           "删除银行卡号；财务公开只写收支项目和金额"),
    (BANK_CARD, STRUCTURAL): ("这里有一串像银行卡号的数字（{number}），可能是银行卡号",
                              "如果是银行卡号请删除；如果是其他编号，请确认可以公开"),
}


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


def _is_public_phone(fields: dict, path: tuple) -> bool:
    """Whether the field at `path`, or a field containing it, is declared `public_phone: true`."""
    return any((rules_at(fields, path[:i]) or {}).get("public_phone") is True
               for i in range(len(path), 0, -1))


def scan_records(records, today: dt.date | None = None) -> list[Problem]:
    """Personal numbers in every value staff typed: certain ones are errors, structural ones warnings.

    Every record whose file could be read is scanned, valid or not, with all
    its values as typed, so a number in an integer field or a misspelt field
    is found as well. Fields declared `public_phone: true` may hold phone
    numbers, but no ID or card number.
    """
    from .checks import problem  # imported here so that checks.py may import this module

    found: list[Problem] = []
    for record in records:
        data = record.loaded.data
        if not isinstance(data, dict):
            continue
        fields = record.type.schema.fields
        for path, text in _scalars(data):
            findings = scan_text(text, today)
            if not findings:
                continue
            public = _is_public_phone(fields, path)
            for finding in findings:
                if public and finding.kind in PHONE_KINDS:
                    continue
                what, fix = _RECORD_MESSAGES[finding.kind, finding.certainty]
                severity = ERROR if finding.certain else WARNING
                found.append(problem(record, path, finding.code, what.format(number=finding.masked), fix,
                                     severity))
    return found


_COMMENT = re.compile(r"(?:^|[ \t])#(.*)$", re.M)


def scan_comments(text: str, display: str, today: dt.date | None = None) -> list[Problem]:
    """Personal numbers in YAML comments: not on the site, but published with the repository."""
    found = []
    for comment in _COMMENT.finditer(text):
        for finding in scan_text(comment.group(1), today):
            if finding.kind == LANDLINE:
                continue  # office phones are common in notes; a comment is never a page
            start = comment.start(1) + finding.start
            line = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            what, fix = _RECORD_MESSAGES[finding.kind, finding.certainty]
            found.append(Problem(finding.code, display, line, col, what.format(number=finding.masked),
                                 fix + "（注释也会随数据仓库公开）",
                                 severity=ERROR if finding.certain else WARNING, label="注释"))
    return found


def public_phones(records) -> frozenset[str]:
    """Digits of every phone number written in a `public_phone` field, e.g. {"057988601234"}.

    Takes the records of a validation (generators.validate.Record) or the
    model of a site (generators.model.Site).
    """
    phones = set()
    if isinstance(records, model.Site):
        records = _model_records(records)
    for record in records:
        if isinstance(record, model.Record):
            fields, data = _schema_of_model(record), record.doc
        else:
            fields, data = record.type.schema.fields, record.loaded.data
        if fields is None or data is None:
            continue
        for path, value in _values(data):
            if isinstance(value, str) and _is_public_phone(fields, path):
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
    """Every record of a site model: its tables are the dicts of model records among its attributes."""
    for table in vars(site).values():
        if isinstance(table, dict):
            yield from (r for r in table.values() if isinstance(r, model.Record))


def _schema_of_model(record) -> dict | None:
    for record_type in RECORD_TYPES:
        if type(record) is record_type.model:
            return record_type.schema.fields
    return None


# ---------------------------------------------------------------------------
# the built site

_SITE_MESSAGES = {
    ID_NUMBER: "网站页面里有居民身份证号码（{number}）{where}，不得发布",
    MOBILE: "网站页面里有手机号码（{number}）{where}，不得发布",
    BANK_CARD: "网站页面里有银行卡号（{number}）{where}，不得发布",
    LANDLINE: "网站页面里有未声明公开的电话号码（{number}）{where}",
}
SITE_FIX = "在 data/ 中找到这个号码所在的记录，删除后重新构建网站"

# Elements that end a line of text: their neighbours' digits must not run together.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "ul", "input", "img", "meta", "link", "button", "select", "textarea",
})
_SKIPPED_TAGS = frozenset({"script", "style", "template"})  # theme code, not content
_TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "content", "placeholder", "value", "label",
                              "summary", "data-md-title"})
_LINK_SCHEMES = ("tel:", "sms:", "mailto:")


class _TextExtractor(HTMLParser):
    """The text a reader sees (entities decoded) and the text of telling attributes, with lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lines: list[int] = []  # source line where each part starts
        self.skipping = 0

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.lines.append(self.getpos()[0])

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        if tag in _BLOCK_TAGS:
            self._add("\n")
        for name, value in attrs:
            if not value:
                continue
            if name in _TEXT_ATTRIBUTES or name.startswith("data-") or \
                    (name in ("href", "src") and value.lower().startswith(_LINK_SCHEMES)):
                self._add(f"\n{value}\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED_TAGS:
            self.skipping -= 1

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        if tag in _BLOCK_TAGS:
            self._add("\n")

    def handle_data(self, data):
        if not self.skipping:
            self._add(data)


def html_text(html: str) -> tuple[str, list[int], list[int]]:
    """Visible text of an HTML page, with (offsets, lines) to find a position's source line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    offsets, at = [], 0
    for part in parser.parts:
        offsets.append(at)
        at += len(part)
    return "".join(parser.parts), offsets, parser.lines


def _line_at(offsets: list[int], lines: list[int], index: int) -> int:
    i = bisect_right(offsets, index) - 1
    return lines[i] if i >= 0 else 0


def phone_key(number: str) -> str:
    """A phone number's digits without a +86 / 0086 / 86 in front of a mobile: 13800138000."""
    digits = _NOT_DIGIT.sub("", normalize(number))
    if len(digits) > 11 and digits[-11] == "1" and digits[:-11] in ("86", "0086"):
        return digits[-11:]
    return digits


def _allowed(finding: Finding, allowed: frozenset[str]) -> bool:
    return finding.kind in PHONE_KINDS and phone_key(finding.digits) in allowed


def _page_problems(text: str, display: str, allowed: frozenset[str], where: str = "",
                   line_of=lambda index: 0) -> list[Problem]:
    problems = []
    for finding in scan_text(text):
        if not finding.certain or _allowed(finding, allowed):
            continue
        message = _SITE_MESSAGES[finding.kind].format(number=finding.masked, where=where)
        problems.append(Problem(finding.code, display, line_of(finding.start), 0, message, SITE_FIX))
    return problems


def _json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif isinstance(value, str):
        yield value


def _scan_json(text: str, display: str, allowed: frozenset[str]) -> list[Problem]:
    try:
        data = json.loads(text)
    except ValueError:
        return _page_problems(text, display, allowed)
    problems = []
    docs = data.get("docs") if isinstance(data, dict) else None
    if isinstance(docs, list):  # MkDocs search index: name the page in the message
        for doc in docs:
            where = f"（搜索索引中的页面 /{doc.get('location', '')}）" if isinstance(doc, dict) else ""
            for string in _json_strings(doc):
                problems.extend(_page_problems(_strip_html(string), display, allowed, where))
        data = {k: v for k, v in data.items() if k != "docs"}
    for string in _json_strings(data):
        problems.extend(_page_problems(_strip_html(string), display, allowed))
    return problems


def _strip_html(text: str) -> str:
    return html_text(text)[0] if "<" in text or "&" in text else text


def page_content(html: str) -> list[tuple[str, int]]:
    """The parts of a built page that come from the records, each with the line it starts on.

    MkDocs Material puts a page's Markdown inside <article> and its title in
    <title>; the rest is the theme and the short, fixed navigation. A page
    without an article is scanned whole.
    """
    start, end = html.find("<article"), html.rfind("</article>")
    if start == -1 or end < start:
        return [(html, 1)]
    parts = [(html[start:end + len("</article>")], html.count("\n", 0, start) + 1)]
    title_start, title_end = html.find("<title>"), html.find("</title>")
    if -1 < title_start < title_end < start:
        parts.append((html[title_start:title_end + len("</title>")], html.count("\n", 0, title_start) + 1))
    return parts


def scan_site(site_dir: Path, allowed_phones=frozenset()) -> list[Problem]:
    """Certain personal numbers in a built site: page text, telling attributes, search index.

    `allowed_phones` holds the digits of phone numbers records declare public
    (see public_phones). Theme assets are not scanned.
    """
    site_dir = Path(site_dir)
    allowed = frozenset(phone_key(p) for p in allowed_phones)
    problems: list[Problem] = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".json", ".txt", ".xml") or not path.is_file():
            continue
        relative = path.relative_to(site_dir)
        if relative.parts[0] == "assets":
            continue
        display = path.as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix == ".json":
            problems.extend(_scan_json(text, display, allowed))
        elif suffix in (".html", ".htm"):
            for content, first_line in page_content(text):
                page, offsets, lines = html_text(content)
                problems.extend(_page_problems(
                    page, display, allowed,
                    line_of=lambda index: _line_at(offsets, lines, index) + first_line - 1))
        else:
            problems.extend(_page_problems(text, display, allowed,
                                           line_of=lambda index: text.count("\n", 0, index) + 1))
    return problems
