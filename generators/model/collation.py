"""The order a Chinese reader expects of names: by pinyin, numbered ones by their number.

    第一党支部 < 第二党支部 < 第三党支部 < 第十党支部 < 第十一党支部
    二组 < 十组;  网格2 < 网格10;  岭下村 (ling) < 上塘村 (shang) < 云岭县… (yun)

`chinese_key(name)` is the one sort key of every list of names on the site.
A name is read as a run of pieces: numbers, in Arabic figures or in Chinese
numerals that count something (after 第, or before a counter such as 组, 号
or 届), compare by their value; other text compares by the pinyin of each
character, then by the character itself (so homophones keep a fixed order).
Pinyin comes from pypinyin, which reads characters in their phrase (重庆 is
chong qing); a surname read differently from its common reading (单 shan)
is not known as such, so names of people are not sorted with it: people are
listed in the order the data gives.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pypinyin import lazy_pinyin

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "".join(_DIGITS) + "".join(_UNITS)
# What a Chinese number counts in a name: 第一, 二组, 三号, 十届.
_COUNTERS = "组号队片区栋幢楼层届期批"
_PIECE = re.compile(rf"[0-9]+|(?<=第)[{_NUMERAL}]+|[{_NUMERAL}]+(?=[{_COUNTERS}])")
NUMBER, TEXT = 0, 1


def chinese_number(text: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105, 两 → 2; 二〇二五 (figures without units) → 2025."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def _syllables(text: str) -> list[str]:
    """One reading per character: pinyin of a Chinese one (in its phrase), the character itself otherwise."""
    # pypinyin lets `errors` return a list (one item per character); its stub says str only.
    read = lazy_pinyin(text, errors=lambda chunk: list(chunk))  # type: ignore[arg-type, return-value]
    if len(read) != len(text):  # never expected; one character at a time then
        read = [lazy_pinyin(ch, errors=lambda chunk: list(chunk))[0] for ch in text]  # type: ignore[arg-type, return-value]
    return [syllable.lower() for syllable in read]


def _read(ch: str) -> bool:
    """Whether a character counts in the order: not punctuation, a space or a symbol (“五星三强” goes under w)."""
    return unicodedata.category(ch)[0] not in "PZS"


@cache
def chinese_key(name: str) -> tuple:
    """Sort key of a name: its pieces, each (NUMBER, value) or (TEXT, ((pinyin, character), ...)).
    Punctuation, spaces and symbols are not read."""
    name = "".join(ch for ch in name or "" if _read(ch))
    syllables = _syllables(name)
    pieces: list[tuple[int, int | tuple[tuple[str, str], ...]]] = []
    at = 0

    def text(start: int, end: int) -> None:
        if end > start:
            pieces.append((TEXT, tuple(zip(syllables[start:end], name[start:end], strict=True))))

    for match in _PIECE.finditer(name):
        text(at, match.start())
        figures = match.group()
        pieces.append((NUMBER, int(figures) if figures.isdigit() else chinese_number(figures)))
        at = match.end()
    text(at, len(name))
    return tuple(pieces)


def in_chinese_order(records, attribute: str = "name") -> list:
    """Records sorted by a name field in Chinese order, then by id (a name may be used twice)."""
    return sorted(records, key=lambda r: (chinese_key(str(r[attribute])), r.id))
