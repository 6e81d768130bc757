"""Personal data in any text: find it, and mask it wherever a text is shown.

Every caller (record validation, the files of the data folder that are not
records, the built-site scan, problem messages) goes through `scan_text`,
which reads the text once (generators/privacy/reading.py) and looks for
numbers (generators/privacy/numbers.py) and for contacts and addresses
(generators/privacy/contacts.py) in the same reading.
"""

from __future__ import annotations

import datetime as dt
import re

from generators.privacy.contacts import (
    contact_findings,
    might_hold_contact,
    names_a_short_number,
)
from generators.privacy.finding import (
    ADDRESS,
    BANK_CARD,
    CERTAIN,
    EMAIL,
    HOME_PHONE,
    ID_NUMBER,
    KIND_NAMES,
    KIND_ORDER,
    LANDLINE,
    MOBILE,
    NUMBER_KINDS,
    PERSONAL_KINDS,
    PHONE_KINDS,
    QQ,
    STRUCTURAL,
    WECHAT,
    Finding,
)
from generators.privacy.numbers import number_findings
from generators.privacy.reading import (
    CHANGED,
    CHINESE_DIGITS,
    MARKS,
    SEPARATORS,
    Reading,
    expands,
    learn,
    learnt_version,
    might_hold_digits,
    read,
)

__all__ = [
    "ADDRESS",
    "BANK_CARD",
    "CERTAIN",
    "EMAIL",
    "HOME_PHONE",
    "ID_NUMBER",
    "KIND_NAMES",
    "LANDLINE",
    "MOBILE",
    "NUMBER_KINDS",
    "PERSONAL_KINDS",
    "PHONE_KINDS",
    "QQ",
    "STRUCTURAL",
    "WECHAT",
    "Finding",
    "Reading",
    "mask_text",
    "may_hold_personal_data",
    "might_hold_personal_data",
    "read",
    "scan_text",
]


def might_hold_personal_data(text: str) -> bool:
    """A quick no for a short text (a value, a key): no digit in any script, and no word that
    introduces an id, a phone or an address."""
    return might_hold_digits(text) or might_hold_contact(text)


# Ten digits with only separators between them: the shortest number to find is a landline's.
_TEN_DIGITS = re.compile("[0-9](?:[" + re.escape(SEPARATORS) + "]*[0-9]){9}")
_TEN_DIGITS_WITHOUT_SPACES = re.compile("[0-9](?:[" + re.escape(MARKS) + "]*[0-9]){9}")


def may_hold_personal_data(source: str, spaces_join: bool = True) -> bool:
    """Whether any text a file holds could hold personal data: a quick no for most files.

    True when the file has a word that introduces an id, a phone or an
    address, or ten digits with only separators between them as a reader
    sees them (a YAML block's lines are joined across their indentation), or
    a backslash (an escape can make a digit). The file is looked at as
    written, with the characters learnt so far that read as digits,
    separators or nothing; it is read whole only when some character reads as
    several (⑩)."""
    if "\\" in source:
        return True
    chars = set(source)
    if not source.isascii():
        learn(chars)
        if expands(chars):
            digits = _TEN_DIGITS if spaces_join else _TEN_DIGITS_WITHOUT_SPACES
            return (
                might_hold_contact(source)
                or names_a_short_number(source)
                or digits.search(read(source).text) is not None
            )
    if _ten_digits_as_written(spaces_join).search(source):
        return True
    return might_hold_contact(source, chars) or names_a_short_number(source, chars)


_written_patterns: dict = {}


def _ten_digits_as_written(spaces_join: bool) -> re.Pattern:
    """Ten digits with separators between them, as written: digits, separators and invisible
    characters of every script learnt so far."""
    key = (learnt_version(), spaces_join)
    pattern = _written_patterns.get(key)
    if pattern is None:
        digit = "".join(re.escape(ch) for ch, r in CHANGED.items() if len(r) == 1 and r.isdigit())
        digit = f"[0-9OolI{''.join(CHINESE_DIGITS)}{digit}]"
        marks = SEPARATORS if spaces_join else MARKS
        between = "".join(
            re.escape(ch) for ch, r in CHANGED.items() if r == "" or (r and set(r) <= set(marks))
        )
        separator = f"[{re.escape(marks)}{between}]"
        pattern = re.compile(f"{digit}(?:{separator}*{digit}){{9}}")
        _written_patterns.clear()
        _written_patterns[key] = pattern
    return pattern


PUBLIC_PLACE = "党群服务中心"  # what a `public_address` field's text is read after


def scan_text(
    text: str,
    today: dt.date | None = None,
    limit: int | None = None,
    spaces_join: bool = True,
    context: str = "",
    public_place: bool = False,
) -> list[Finding]:
    """Personal data and fixed-line numbers in a text, in order of position.

    `today` bounds an ID number's birth date (default: the system date);
    `limit` stops after that many findings. With `spaces_join` false, spaces
    and line breaks end a number: text where they stand for table cells (a
    search index) is read that way. `context` is what stands before the text
    where a reader sees it (a field's key: `QQ: 12345678`); nothing is found in it.
    With `public_place` the text is a public building's address (a field declared
    `public_address: true`): it is read after the name of such a place, so a house number in it
    is the building's, unless the text itself speaks of a person (村民…家 3组12号).
    """
    if public_place:
        context = PUBLIC_PLACE
    if context and (public_place or might_hold_contact(context) or names_a_short_number(context)):
        at = len(context) + 1
        return [
            f.moved(-at)
            for f in scan_text(f"{context}\0{text}", today, None, spaces_join)
            if f.start >= at
        ][:limit]
    digits = might_hold_digits(text)
    if not digits and not might_hold_contact(text):
        return []
    reading = read(text)
    findings = contact_findings(text, reading)
    if digits:
        findings.extend(number_findings(text, reading, today or dt.date.today(), spaces_join))
    return _apart(findings)[:limit]


def _apart(findings: list[Finding]) -> list[Finding]:
    """Findings in order of position, one for each stretch of text: of two that overlap, an
    e-mail address that holds the other (13812345678@qq.com), else the kind that says more (a
    mobile after QQ is a mobile; a fixed line after 宅电 a home phone)."""
    if len(findings) < 2:
        return findings
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end, KIND_ORDER[f.kind])):
        if kept and finding.start < kept[-1].end:
            if _better(finding, kept[-1]):
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept


def _better(one: Finding, other: Finding) -> bool:
    if other.kind == EMAIL and other.start <= one.start and one.end <= other.end:
        return False
    if one.kind == EMAIL and one.start <= other.start and other.end <= one.end:
        return True
    return KIND_ORDER[one.kind] < KIND_ORDER[other.kind]


def mask_text(text: str, today: dt.date | None = None) -> str:
    """The text with the middle of every piece of personal data and every phone number hidden."""
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
