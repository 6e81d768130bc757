"""Personal numbers in text, in every way people write them: find them and mask them.

Three kinds of number must never be published: resident ID numbers (GB
11643-1999, and the 15-digit numbers issued before 1999), mainland mobile
numbers and bank card numbers. Fixed-line numbers are found too, so that the
caller can tell an office phone from a private one.

Text is first read the way a reader sees it (`normalize`): compatibility forms
(full-width, mathematical and circled digits) become ASCII, every Unicode
decimal digit becomes its ASCII digit, runs of Chinese numerals (一三八…)
become digits, and invisible characters (format characters, combining marks)
are dropped. Groups of digits separated by up to three separator characters
(spaces, line breaks, - – — ― . / ( ) ·) are then read as one number, and
every stretch of whole groups is tried against the formats below.

A finding is `certain` when the number passes every check its format has
(ID: real birth date and ISO 7064 mod 11-2 check character; mobile: an
allocated range; card: Luhn and a known issuer prefix) and `structural` when
it only has the right shape. Either kind is a personal number as far as
publishing goes; the certainty only changes how a message words it.

Everything here is linear in the length of the text: one pass of regular
expressions, then a bounded look at each group of digits.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import mul

import phonenumbers

ID_NUMBER, MOBILE, BANK_CARD, LANDLINE = "id-number", "mobile", "bank-card", "landline"
CERTAIN, STRUCTURAL = "certain", "structural"
PHONE_KINDS = frozenset({MOBILE, LANDLINE})
PERSONAL_KINDS = frozenset({ID_NUMBER, MOBILE, BANK_CARD})

# Preference among candidates that start at the same group.
_KIND_ORDER = {ID_NUMBER: 0, BANK_CARD: 1, MOBILE: 2, LANDLINE: 3}


@dataclass(frozen=True)
class Finding:
    kind: str  # ID_NUMBER, MOBILE, BANK_CARD or LANDLINE
    certainty: str  # CERTAIN or STRUCTURAL
    start: int  # offsets into the scanned text
    end: int
    text: str  # the text as written, separators and odd digits included
    digits: str  # the number alone: ASCII digits, an ID's check character upper case
    masked: str  # the text as written with the middle digits hidden, safe to print

    @property
    def code(self) -> str:
        return f"privacy.{self.kind}"

    @property
    def certain(self) -> bool:
        return self.certainty == CERTAIN

    @property
    def personal(self) -> bool:
        return self.kind in PERSONAL_KINDS


# ---------------------------------------------------------------------------
# normalization: the text as a reader sees it, with a map back to the original

_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
# Letters that show as nothing at all (Hangul fillers, Mongolian vowel separator).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u180e")
_DOTS = "\u00b7\u2022\u2027\u30fb\uff65"  # middle dots written between groups of digits
_SEP_CHARS = " \t\n\\-./()·"  # after normalization: what may stand between groups of digits
_CHINESE_DIGITS = {
    **dict.fromkeys("〇○零", "0"),
    **dict(zip("一二三四五六七八九", "123456789", strict=True)),
    **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True)),
    "幺": "1",
}


def _replacement(ch: str) -> str:
    """What one non-ASCII character reads as; the character itself when it means nothing here."""
    if ch in _INVISIBLE_LETTERS or unicodedata.category(ch) in _DROPPED_CATEGORIES:
        return ""
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "
    if category == "Pd":
        return "-"
    if ch in _DOTS:
        return "·"
    normal = unicodedata.normalize("NFKC", ch)
    # Only what can be part of a number matters: a full-width comma may stay a full-width comma.
    if (
        normal != ch
        and normal.isascii()
        and any(c.isdigit() or c in _SEP_CHARS or c in "Xx+" for c in normal)
    ):
        return normal
    return ch


# Non-ASCII characters met so far, learnt one by one as they first appear.
_KNOWN: set[str] = set()
_CHANGED: dict[str, str] = {}  # those that read as something else
_DIGITISH: set[str] = set("0123456789")  # those that read as a digit (Chinese numerals apart)
_EXPANDING: set[str] = set()  # those that read as several characters (⑩ is 10)
_INVISIBLE_CHARS: set[str] = set()  # those that read as nothing


def _learn(chars: set[str]) -> None:
    global _quick_pattern
    for ch in chars:
        replacement = _replacement(ch)
        if replacement != ch:
            _CHANGED[ch] = replacement
            _quick_pattern = None  # it must know this character from now on
        if any(c.isdigit() for c in replacement):
            _DIGITISH.add(ch)
        if len(replacement) > 1:
            _EXPANDING.add(ch)
        if replacement == "":
            _INVISIBLE_CHARS.add(ch)
        _KNOWN.add(ch)


_ASCII_DIGIT = re.compile(r"[0-9]")


def might_hold_number(text: str) -> bool:
    """A quick no for text with no digit in any script: most text staff type."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    chars = set(text)
    new = chars - _KNOWN
    if new:
        _learn(new)
    if not chars.isdisjoint(_DIGITISH):
        return True
    return not chars.isdisjoint(_CHINESE_DIGITS) and _LOOSE_NUMERAL_RUN.search(text) is not None


@dataclass(frozen=True)
class Normalized:
    text: str
    _starts: tuple = ()  # normalized offsets where a stretch of the original begins...
    _origins: tuple = ()  # ...and the original offset each such stretch begins at

    def origin(self, index: int) -> int:
        """The original offset of the character at `index` of the normalized text."""
        if not self._starts:
            return index
        i = bisect_right(self._starts, index) - 1
        return self._origins[i] + (index - self._starts[i])


_NUMERAL = "[〇○零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺]"
# Seven or more numerals and digits, separators allowed between them, at least one numeral.
_CHINESE_RUN = re.compile(
    rf"(?=[0-9〇○零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺])"
    rf"(?:[0-9]|{_NUMERAL})(?:[{_SEP_CHARS}]{{0,3}}(?:[0-9]|{_NUMERAL})){{6,}}"
)
_HAS_NUMERAL = re.compile(_NUMERAL)
# The same before normalization, with anything short between the numerals: a quick yes or no.
_LOOSE_NUMERAL_RUN = re.compile(rf"{_NUMERAL}(?:.{{0,3}}?{_NUMERAL}){{6,}}", re.S)


def normalize(text: str) -> Normalized:
    """The text as a reader sees it; `origin()` maps its offsets back to `text`."""
    if not text.isascii():
        chars = set(text)
        new = chars - _KNOWN
        if new:
            _learn(new)
        table = {ord(ch): _CHANGED[ch] for ch in chars & _CHANGED.keys()}
        if table:
            normalized = _translate(text, table)
        else:
            normalized = Normalized(text)
        if _HAS_NUMERAL.search(normalized.text):
            normalized = Normalized(
                _CHINESE_RUN.sub(_numerals_as_digits, normalized.text),
                normalized._starts,
                normalized._origins,
            )
        return normalized
    return Normalized(text)


def _translate(text: str, table: dict[int, str]) -> Normalized:
    resizing = {code: value for code, value in table.items() if len(value) != 1}
    if not resizing:  # one character for one: offsets unchanged
        if len(table) > 8:
            return Normalized(text.translate(table))
        for code, value in table.items():  # a few kinds of character: faster than translate()
            text = text.replace(chr(code), value)
        return Normalized(text)
    # Characters dropped or read as several: the text between them keeps its length.
    pattern = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(resizing)) + "]")
    parts, starts, origins, at, done = [], [0], [0], 0, 0
    for m in pattern.finditer(text):
        i = m.start()
        stretch = text[done:i].translate(table)
        parts.append(stretch)
        at += len(stretch)
        value = resizing[ord(text[i])]
        for k in range(len(value)):  # each character of the reading stands at i
            starts.append(at + k)
            origins.append(i)
        parts.append(value)
        at += len(value)
        done = i + 1
        starts.append(at)
        origins.append(done)
    parts.append(text[done:].translate(table))
    return Normalized("".join(parts), tuple(starts), tuple(origins))


def _numerals_as_digits(m: re.Match) -> str:
    run = m.group()
    if not _HAS_NUMERAL.search(run):
        return run
    return "".join(_CHINESE_DIGITS.get(ch, ch) for ch in run)


# ---------------------------------------------------------------------------
# candidates: runs of digit groups, and every stretch of whole groups in them

# The shortest number is 11 characters (a mobile, or a landline with its separator): the lookahead
# lets the regular expression engine pass over shorter runs (dates, amounts) by itself.
_RUN = re.compile(r"(?=[+0-9][0-9 \t\n\-./()·Xx]{10})\+?[0-9]+(?:[ \t\n\-./()·]{1,3}[0-9]+)*[Xx]?")
_RUN_WITHOUT_SPACES = re.compile(
    r"(?=[+0-9][0-9\-./()·Xx]{10})\+?[0-9]+(?:[\-./()·]{1,3}[0-9]+)*[Xx]?"
)
_GROUP = re.compile(r"[0-9]+[Xx]?")

# Issuer prefixes of cards used in China. UnionPay: 62 and the newer 81 range;
# Visa 4; Mastercard 51-55 and 2221-2720; JCB 3528-3589 (issued by Chinese
# banks as co-branded cards); legacy domestic debit cards that predate the 62
# range: ICBC 9558, ABC 9559 and Bank of China Great Wall 6013.
_CARD_PREFIX = re.compile(
    r"62|81|4|5[1-5]|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720"
    r"|35(2[89]|[3-8][0-9])|9558|9559|6013"
)
# The first two digits of a resident ID: the province (GB/T 2260).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83 91".split()
)
_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_LANDLINE_AREA = re.compile(r"0[1-9][0-9]{1,2}")
_LANDLINE_LOCAL = re.compile(r"[2-9][0-9]{6,7}")


def _id_check_character(first17: str) -> str:
    value = (12 - sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11) % 11
    return "X" if value == 10 else str(value)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _looks_like_date(yyyymmdd: str) -> bool:
    """A date of birth as people mistype it: a real year, month and day, the day not checked against the month."""
    return (
        yyyymmdd[:2] in ("18", "19", "20")
        and "01" <= yyyymmdd[4:6] <= "12"
        and "01" <= yyyymmdd[6:] <= "31"
    )


def _id18(digits: str, today: dt.date) -> str | None:
    if digits[:2] not in _PROVINCES or not digits[:17].isdigit():
        return None
    # A mistyped ID keeps its shape: a date of birth where it belongs, or the check character X.
    if not _looks_like_date(digits[6:14]) and not digits.endswith("X"):
        return None
    check_ok = _id_check_character(digits[:17]) == digits[17]
    birth = _date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    if check_ok and birth is not None and dt.date(1900, 1, 1) <= birth <= today:
        return CERTAIN
    return STRUCTURAL


def _id15(digits: str) -> str | None:
    """Issued before 1999: area, birth date as YYMMDD, sequence; no check character."""
    if digits[:2] not in _PROVINCES:
        return None
    return (
        CERTAIN if _date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12])) else None
    )


@lru_cache(maxsize=4096)
def _valid_phone(national: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(national, "CN"))
    except phonenumbers.NumberParseException:
        return False


def _mobile(digits: str) -> str | None:
    for prefix in ("", "86", "0086"):
        national = digits[len(prefix) :]
        if (
            digits.startswith(prefix)
            and len(national) == 11
            and national[0] == "1"
            and national[1] in "3456789"
        ):
            return CERTAIN if _valid_phone(national) else STRUCTURAL
    return None


def _card(digits: str, group_sizes: tuple[int, ...]) -> str | None:
    """Cards are written whole or in groups of at least four (4-4-4-4-3, 6-13); a list of
    dates or amounts is not a card, so grouped digits count only when they match in full."""
    if any(size < 4 for size in group_sizes[:-1]):
        return None
    known = _CARD_PREFIX.match(digits) is not None
    if not known and len(group_sizes) > 1:
        return None
    luhn_ok = _luhn_ok(digits)
    if luhn_ok and known:
        return CERTAIN
    if (luhn_ok or known) and len(group_sizes) == 1:
        return STRUCTURAL
    return None


_DOUBLED = str.maketrans("0123456789", "0246813579")  # each digit doubled, its own digits summed


def _luhn_ok(digits: str) -> bool:
    kept, doubled = digits[-1::-2].encode(), digits[-2::-2].translate(_DOUBLED).encode()
    return (sum(kept) + sum(doubled) - 48 * len(digits)) % 10 == 0


def _classify(digits: str, group_sizes: tuple[int, ...], today: dt.date) -> tuple[str, str] | None:
    """(kind, certainty) of a stretch of groups read as one number, or None."""
    length, grouped = len(digits), len(group_sizes) > 1
    if digits.endswith("X"):
        certainty = _id18(digits, today) if length == 18 else None
        return (ID_NUMBER, certainty) if certainty else None
    if length == 18 and (certainty := _id18(digits, today)):
        return ID_NUMBER, certainty
    if length == 15 and (certainty := _id15(digits)):
        return ID_NUMBER, certainty
    if 16 <= length <= 19 and (certainty := _card(digits, group_sizes)):
        return BANK_CARD, certainty
    if length in (11, 13, 15) and (certainty := _mobile(digits)):
        return MOBILE, certainty
    area = digits[: group_sizes[0]]
    if (
        grouped
        and length <= 12
        and _LANDLINE_AREA.fullmatch(area)
        and _LANDLINE_LOCAL.fullmatch(digits[len(area) :])
        and _valid_phone(digits)
    ):
        return LANDLINE, STRUCTURAL
    return None


@lru_cache(maxsize=65536)
def _lengths(head: str, first_size: int) -> tuple[int, ...]:
    """The lengths a number starting with these four digits, in a group of this size, may have."""
    lengths: set[int] = set()
    if head[0] == "0":
        if head == "0086":
            lengths.add(15)  # 0086 and a mobile
        elif head[1] != "0" and first_size in (3, 4):
            lengths.update((10, 11, 12))  # area code and local number
    elif head[0] == "1" and head[1] in "3456789":
        lengths.add(11)
    elif head[:3] == "861" and head[3:] in "3456789":
        lengths.add(13)
    if head[:2] in _PROVINCES:
        lengths.update((15, 18))
    if first_size >= 4:
        lengths.update((16, 17, 18, 19))
    return tuple(sorted(lengths))


def _run_findings(run: str, today: dt.date):
    """(start, end, kind, certainty, digits) of the numbers in one run of digit groups.

    From each group, every stretch of whole groups of a length some format has is
    tried; the best match is kept and the search goes on after it."""
    groups = list(_GROUP.finditer(run))
    digits = "".join(g.group() for g in groups).upper()
    sizes = tuple(group.end() - group.start() for group in groups)
    bounds = [0]
    for size in sizes:
        bounds.append(bounds[-1] + size)
    group_ending_at = {bound: k - 1 for k, bound in enumerate(bounds)}
    i = 0
    while i < len(groups):
        base, best = bounds[i], None
        if len(digits) - base < 10:  # the shortest number is a landline's 10 digits
            break
        for length in _lengths(digits[base : base + 4], sizes[i]):
            j = group_ending_at.get(base + length)
            if j is None or (j > i and min(sizes[i : j + 1]) < 2):
                continue  # single digits between separators are a list of small numbers
            found = _classify(digits[base : base + length], sizes[i : j + 1], today)
            if found and (best is None or _rank(*found, j) < _rank(*best[:3])):
                best = (*found, j)
        if best is None:
            i += 1
            continue
        kind, certainty, j = best
        yield groups[i].start(), groups[j].end(), kind, certainty, digits[base : bounds[j + 1]]
        i = j + 1


def _rank(kind: str, certainty: str, last_group: int) -> tuple:
    return certainty != CERTAIN, _KIND_ORDER[kind], -last_group


_HAS_DIGITS = re.compile(r"[0-9].*[0-9]", re.S)


# Ten digits with up to three separators between any two, as they stand in a YAML file: a
# block's lines are joined across their indentation.
_TEN_DIGITS = re.compile(r"(?:[0-9](?:\n[ \t]*|[ \t\-./()·]){0,3}){9}[0-9]")
_TEN_DIGITS_WITHOUT_SPACES = re.compile(r"(?:[0-9][\-./()·]{0,3}){9}[0-9]")


def may_hold_a_number(source: str, spaces_join: bool = True) -> bool:
    """Whether any text a YAML file holds could hold a number: a quick no for most files.

    True when the file, read as a reader sees it, has ten digits with at most
    three separators between any two, or a backslash (an escape can make a
    digit). The digit runs of the file as written are chained across short
    gaps of separators, with the characters learnt so far that read as
    digits, separators or nothing; the file is normalized only on a yes."""
    if "\\" in source:
        return True
    invisible = False
    if not source.isascii():
        chars = set(source)
        new = chars - _KNOWN
        if new:
            _learn(new)
        if not chars.isdisjoint(_EXPANDING):
            return _ten_digits(spaces_join).search(normalize(source).text) is not None
        invisible = not chars.isdisjoint(_INVISIBLE_CHARS)
    if not _chained_digits(source, spaces_join, invisible):
        return False
    return _ten_digits(spaces_join).search(normalize(source).text) is not None


def _ten_digits(spaces_join: bool) -> re.Pattern:
    return _TEN_DIGITS if spaces_join else _TEN_DIGITS_WITHOUT_SPACES


def _chained_digits(source: str, spaces_join: bool, invisible: bool) -> bool:
    """Ten digits or more, as written, with at most three separators between any two of them."""
    with_spaces, without_spaces, dropped = _quick()
    if invisible:
        source = source.translate(dropped)
    for chain in (with_spaces if spaces_join else without_spaces).finditer(source):
        # The shortest number to find is 11 characters: a mobile, or a landline with its separator.
        # With at most three separators between digits, ten of them stand within 37 characters.
        if (
            chain.end() - chain.start() >= 11
            and sum(
                ch.isdigit() or ch in _CHINESE_DIGITS
                for ch in source[chain.start() : chain.start() + 37]
            )
            >= 10
        ):
            return True
    return False


_quick_parts: tuple[re.Pattern, re.Pattern, dict] | None = None


def _quick() -> tuple[re.Pattern, re.Pattern, dict]:
    """(chains of digits with spaces joining, without, invisible characters to drop), as written."""
    global _quick_parts
    if _quick_pattern is None or _quick_parts is None:
        _rebuild_quick()
    assert _quick_parts is not None, "_rebuild_quick sets it"
    return _quick_parts


def _rebuild_quick() -> None:
    global _quick_parts, _quick_pattern
    digit = (
        "[0-9"
        + re.escape("".join(_CHINESE_DIGITS))
        + "".join(re.escape(ch) for ch, r in _CHANGED.items() if r[:1].isdigit())
        + "]"
    )
    learnt = "".join(re.escape(ch) for ch, r in _CHANGED.items() if r and r in _SEP_CHARS)
    separator = f"(?:\\n[ \\t]*|[ \\t\\-./()·{learnt}])"
    separator_not_space = (
        f"[\\-./()·{''.join(re.escape(ch) for ch, r in _CHANGED.items() if r and r in '-./()·')}]"
    )
    with_spaces = re.compile(f"{digit}+(?:{separator}{{1,3}}{digit}+)*")
    without_spaces = re.compile(f"{digit}+(?:{separator_not_space}{{1,3}}{digit}+)*")
    invisible = {ord(ch): None for ch, r in _CHANGED.items() if r == ""}
    _quick_pattern = with_spaces
    _quick_parts = (with_spaces, without_spaces, invisible)


_quick_pattern: re.Pattern | None = None


def scan_text(
    text: str, today: dt.date | None = None, limit: int | None = None, spaces_join: bool = True
) -> list[Finding]:
    """Personal numbers and fixed-line numbers in a text, in order of position.

    `today` bounds an ID number's birth date (default: the system date);
    `limit` stops the scan after that many findings. With `spaces_join`
    false, spaces and line breaks end a number: text where they stand for
    table cells (a search index) is read that way.
    """
    if not might_hold_number(text):
        return []
    normalized = normalize(text)
    normal = normalized.text
    if not _HAS_DIGITS.search(normal):
        return []
    today = today or dt.date.today()
    findings: list[Finding] = []
    for whole in (_RUN if spaces_join else _RUN_WITHOUT_SPACES).finditer(normal):
        if whole.end() - whole.start() < 11 or _DECIMAL.fullmatch(whole.group()):
            continue
        for run in _WITHOUT_SINGLE_DIGITS.finditer(normal, whole.start(), whole.end()):
            if run.end() - run.start() < 11:
                continue
            for finding in _numbers_in(text, normalized, run, today):
                findings.append(finding)
                if limit is not None and len(findings) >= limit:
                    return findings
    return findings


# An amount: 12345678901.23, 0.13800138000.
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
# A single digit between separators joins nothing (a list of small counts is not a number): the
# stretches of a run between them.
_WITHOUT_SINGLE_DIGITS = re.compile(r"\+?[0-9]{2,}(?:[ \t\n\-./()·]{1,3}[0-9]{2,})*[Xx]?")


def _numbers_in(text: str, normalized: Normalized, run: re.Match, today: dt.date):
    normal = normalized.text
    offset = run.start()
    for start, end, kind, certainty, digits in _run_findings(run.group(), today):
        start, end = offset + start, offset + end
        if kind == MOBILE and start > 0 and normal[start - 1] == "+":
            start -= 1
        elif start > 0 and normal[start - 1] == "(" and ")" in normal[start:end]:
            start -= 1
        yield _finding(text, normalized, kind, certainty, start, end, digits)


def _finding(
    text: str, normalized: Normalized, kind: str, certainty: str, start: int, end: int, digits: str
) -> Finding:
    first, last = normalized.origin(start), normalized.origin(end - 1) + 1
    written = text[first:last]
    return Finding(
        kind,
        certainty,
        first,
        last,
        written,
        digits,
        _masked(normalized, start, end, first, written, kind, digits),
    )


def _masked(
    normalized: Normalized, start: int, end: int, first: int, written: str, kind: str, digits: str
) -> str:
    """The number as written, invisible characters left out, its middle digits as stars."""
    head, tail = {MOBILE: (3, 4), LANDLINE: (len(digits) - 4, 0)}.get(kind, (4, 4))
    if kind == MOBILE and len(digits) > 11:  # country code in front
        head += len(digits) - 11
    normal = normalized.text
    positions = [i for i in range(start, end) if normal[i].isdigit() or normal[i] in "Xx"]
    hidden = {
        normalized.origin(i) - first
        for n, i in enumerate(positions)
        if head <= n < len(positions) - tail
    }
    out = []
    for i, ch in enumerate(written):
        if i in hidden:
            out.append("*")
        elif _CHANGED.get(ch) != "":
            out.append(ch)
    return "".join(out)


def mask_text(text: str, today: dt.date | None = None) -> str:
    """The text with the middle of every personal or phone number in it hidden."""
    if not text:
        return text
    findings = scan_text(text, today or dt.date.max)
    if not findings:
        return text
    out, at = [], 0
    for finding in findings:
        out.append(text[at : finding.start])
        out.append(finding.masked)
        at = finding.end
    out.append(text[at:])
    return "".join(out)
