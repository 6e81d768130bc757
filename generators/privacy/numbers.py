"""Personal numbers in read text: resident ID numbers, mobiles, bank cards, and fixed lines.

Three kinds of number must never be published: resident ID numbers (GB
11643-1999, and the 15-digit numbers issued before 1999), mainland mobile
numbers and bank card numbers. Fixed-line numbers are found too, so that the
caller can tell an office phone from a private one.

The text is read first (generators/privacy/reading.py). A run is groups of
digits with any separators between them, any number of each, of any sizes:
139 1234 5640, 13 91 23 45 64 4, 1 3 9 1 2 3 4 5 6 4 0, 139−1234−5645,
1391_2345_640, an ID's check character split off. From each group, every
stretch of whole groups of a length some format has is tried; the best match
is kept and the search goes on after it. A stretch whose every group is a
date, an amount, a fingerprint or a document number (generators/privacy/ordinary.py)
is nobody's number.

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
from bisect import bisect_left
from functools import lru_cache
from operator import mul

import phonenumbers

from generators.privacy.finding import (
    BANK_CARD,
    CERTAIN,
    ID_NUMBER,
    KIND_ORDER,
    LANDLINE,
    MOBILE,
    STRUCTURAL,
    Finding,
    found,
)
from generators.privacy.ordinary import Ordinary
from generators.privacy.reading import MARKS, SEPARATORS, Reading

_ANY = "[" + re.escape(SEPARATORS) + "]"
_NOT_SPACE = "[" + re.escape(MARKS) + "]"


def _run_pattern(separator: str) -> re.Pattern:
    # The shortest number is 10 digits (a landline): the lookahead lets the regular expression
    # engine pass over single short groups (most numbers in text) by itself.
    return re.compile(
        rf"(?=\+?[0-9](?:{separator}*[0-9]){{9}})"
        rf"\+?[0-9]+(?:{separator}+[0-9]+)*(?:{separator}*[Xx](?![A-Za-z]))?"
    )


_RUN = _run_pattern(_ANY)
_RUN_WITHOUT_SPACES = _run_pattern(_NOT_SPACE)
_GROUP = re.compile(r"[0-9]+|[Xx]")

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


def _id_check_character(first17: str) -> str:
    value = (12 - sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11) % 11
    return "X" if value == 10 else str(value)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _looks_like_date(yyyymmdd: str) -> bool:
    """A date of birth as people mistype it: a real year, month and day, the day not checked
    against the month."""
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
def valid_phone(national: str) -> bool:
    """Whether a mainland number, written nationally (0579…, 138…), is a valid phone number."""
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
            return CERTAIN if valid_phone(national) else STRUCTURAL
    return None


def _card(digits: str, grouped: bool) -> str | None:
    """Written whole, a card passes Luhn or has a known issuer prefix; in groups (a list of
    numbers may also be 16 digits long), it has both."""
    known = _CARD_PREFIX.match(digits) is not None
    luhn_ok = _luhn_ok(digits)
    if luhn_ok and known:
        return CERTAIN
    if (luhn_ok or known) and not grouped:
        return STRUCTURAL
    return None


_DOUBLED = str.maketrans("0123456789", "0246813579")  # each digit doubled, its own digits summed


def _luhn_ok(digits: str) -> bool:
    kept, doubled = digits[-1::-2].encode(), digits[-2::-2].translate(_DOUBLED).encode()
    return (sum(kept) + sum(doubled) - 48 * len(digits)) % 10 == 0


def landline(digits: str) -> bool:
    """An area code and a local number: 0579 and 8860 1234, 010 and 6234 5678."""
    return (
        10 <= len(digits) <= 12 and digits[:2] != "00" and digits[0] == "0" and valid_phone(digits)
    )


def _classify(digits: str, grouped: bool, today: dt.date) -> tuple[str, str] | None:
    """(kind, certainty) of a stretch of groups read as one number, or None."""
    length = len(digits)
    if digits.endswith("X"):
        certainty = _id18(digits, today) if length == 18 else None
        return (ID_NUMBER, certainty) if certainty else None
    if length == 18 and (certainty := _id18(digits, today)):
        return ID_NUMBER, certainty
    if length == 15 and (certainty := _id15(digits)):
        return ID_NUMBER, certainty
    if 16 <= length <= 19 and (certainty := _card(digits, grouped)):
        return BANK_CARD, certainty
    if length in (11, 13, 15) and (certainty := _mobile(digits)):
        return MOBILE, certainty
    if length <= 12 and landline(digits):
        return LANDLINE, STRUCTURAL
    return None


@lru_cache(maxsize=65536)
def _lengths(head: str) -> tuple[int, ...]:
    """The lengths a number starting with these four digits may have."""
    lengths: set[int] = {16, 17, 18, 19}  # a card
    if head[0] == "0":
        if head == "0086":
            lengths.add(15)  # 0086 and a mobile
        elif head[1] != "0":
            lengths.update((10, 11, 12))  # area code and local number
    elif head[0] == "1" and head[1] in "3456789":
        lengths.add(11)
    elif head[:3] == "861" and head[3:] in "3456789":
        lengths.add(13)
    if head[:2] in _PROVINCES:
        lengths.update((15, 18))
    return tuple(sorted(lengths))


def _groups(run: re.Match, splits: tuple) -> list[tuple[int, int]]:
    """(start, end) of each group of digits in a run, split where the reading says."""
    groups = []
    for group in _GROUP.finditer(run.string, run.start(), run.end()):
        start, end = group.span()
        if splits:
            k = bisect_left(splits, start + 1)
            while k < len(splits) and splits[k] < end:
                groups.append((start, splits[k]))
                start = splits[k]
                k += 1
        groups.append((start, end))
    return groups


def _run_findings(run: re.Match, reading: Reading, ordinary: Ordinary, today: dt.date):
    """(start, end, kind, certainty, digits) of the numbers in one run of digit groups, at
    offsets of the read text."""
    groups = _groups(run, reading.splits)
    text = reading.text
    digits = "".join(text[start:end] for start, end in groups).upper()
    bounds = [0]
    for start, end in groups:
        bounds.append(bounds[-1] + end - start)
    group_ending_at = {bound: k - 1 for k, bound in enumerate(bounds)}
    ordinary_group = [ordinary.covers(start, end) for start, end in groups] if ordinary else None
    i = 0
    while i < len(groups):
        base, best = bounds[i], None
        if len(digits) - base < 10:  # the shortest number is a landline's 10 digits
            break
        for length in _lengths(digits[base : base + 4]):
            j = group_ending_at.get(base + length)
            if j is None:
                continue
            if ordinary_group and all(ordinary_group[i : j + 1]):
                continue  # dates, amounts, fingerprints: what a reader sees
            classified = _classify(digits[base : base + length], j > i, today)
            if classified and (best is None or _rank(*classified, j) < _rank(*best[:3])):
                best = (*classified, j)
        if best is None:
            i += 1
            continue
        kind, certainty, j = best
        yield groups[i][0], groups[j][1], kind, certainty, digits[base : bounds[j + 1]]
        i = j + 1


def _rank(kind: str, certainty: str, last_group: int) -> tuple:
    return certainty != CERTAIN, KIND_ORDER[kind], -last_group


_SHOWN = {MOBILE: (3, 4), ID_NUMBER: (4, 4), BANK_CARD: (4, 4)}


def number_findings(
    text: str, reading: Reading, today: dt.date, spaces_join: bool = True
) -> list[Finding]:
    """Personal and fixed-line numbers in a text already read, in order of position.

    With `spaces_join` false, spaces and line breaks end a number: text where
    they stand for table cells (a search index) is read that way."""
    read = reading.text
    findings: list[Finding] = []
    ordinary: Ordinary | None = None
    for run in (_RUN if spaces_join else _RUN_WITHOUT_SPACES).finditer(read):
        if ordinary is None:
            ordinary = Ordinary(read)
        for start, end, kind, certainty, digits in _run_findings(run, reading, ordinary, today):
            if kind == MOBILE and start > 0 and read[start - 1] == "+":
                start -= 1
            elif start > 0 and read[start - 1] == "(" and ")" in read[start:end]:
                start -= 1
            shown = _SHOWN.get(kind, (len(digits) - 4, 0))
            if kind == MOBILE and len(digits) > 11:  # country code in front
                shown = (shown[0] + len(digits) - 11, shown[1])
            findings.append(found(text, reading, kind, start, end, digits, shown, certainty))
    return findings
