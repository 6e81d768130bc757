"""Numbers that are nobody's: dates, periods, amounts, fractions, document numbers, hashes.

Groups of digits are joined across any separators (generators/privacy/numbers.py),
so a date range or a list of amounts may spell out the digits of a mobile or a
card. These patterns, over read text (generators/privacy/reading.py),
name the stretches a reader takes for something else. A candidate number is
excused only when every one of its groups of digits stands inside such a
stretch: a date or an amount next to a number never hides it, and a number
written with one date-like part (110101-1990-03-07-1233) is still a number.

A version fingerprint (f145-9735-0190) is not among them: twelve hexadecimal
digits can hold a mobile's eleven, so only the site's own fingerprints are
left unread, by the built-site scan, which knows them.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_YEAR = r"(?:19|20)[0-9]{2}"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
# Not part of a longer number, nor chained to one by a dot: in 1990.12.31.2.34 (a mobile),
# neither the date nor the amount is what a reader sees.
_NOT_AFTER_DIGIT = r"(?<![0-9])(?<![0-9]\.)"
_NOT_BEFORE_DIGIT = r"(?![0-9])(?!\.[0-9])"
_SPACE = r"[ \t]?"

_PATTERNS = (
    # 2025-03-01, 2025.3.1, 2025/03/01, 2025_03_01 (the same mark twice), 20250301
    rf"{_YEAR}{_SPACE}(?P<mark>[-./_]){_SPACE}{_MONTH}{_SPACE}(?P=mark){_SPACE}{_DAY}",
    rf"{_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])",
    # 2025-03, 2025.12 (a month), 2025 (a year)
    rf"{_YEAR}[-./]{_MONTH}",
    _YEAR,
    # a quarter or a half year: 2025-Q1, 2025-H2 (the year is matched apart)
    r"(?<![A-Za-z])[QH][1-4]",
    # an amount or a measure: 12345.67, 12,345.67, 0.138…, 85.5
    r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{1,2}",
    r"[0-9]+\.[0-9]{1,2}",
    r"0\.[0-9]+",
    # a document number: 〔2025〕12号, [2025]12号, (2025)12号
    rf"[\[(]{_SPACE}{_YEAR}{_SPACE}[\])]{_SPACE}[0-9]{{1,4}}(?={_SPACE}号)",
)
_ORDINARY = re.compile("|".join(f"{_NOT_AFTER_DIGIT}(?:{p}){_NOT_BEFORE_DIGIT}" for p in _PATTERNS))
_MAY_BE_ORDINARY = re.compile(r"(?:19|20)[0-9]{2}|[0-9]\.[0-9]|[QH][1-4]")
# A hash: sixteen or more hexadecimal digits; its digits between two letters are no number.
_HEX_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{16,}(?![0-9A-Za-z])")
_BETWEEN_LETTERS = re.compile(r"(?<=[a-fA-F])[0-9]+(?=[a-fA-F])")


class Ordinary:
    """The ordinary stretches of one read text, to ask whether a group of digits is in one."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        spans: list[tuple[int, int]] = []
        if _MAY_BE_ORDINARY.search(text):
            spans.extend(m.span() for m in _ORDINARY.finditer(text))
        for token in _HEX_TOKEN.finditer(text):
            spans.extend(
                m.span() for m in _BETWEEN_LETTERS.finditer(text, token.start(), token.end())
            )
        for start, end in sorted(spans):
            if not self.ends or start >= self.ends[-1]:
                self.starts.append(start)
                self.ends.append(end)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def covers(self, start: int, end: int) -> bool:
        """Whether the text from start to end lies inside one ordinary stretch."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]
