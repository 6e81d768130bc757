"""Text as a reader sees it: the one normaliser of the privacy checks.

Validation (values, keys, comments, files that are not records), the
built-site scan (page text with entities decoded, search index, every other
file) and any download read text through `read()` before looking for
personal data, so a number is found however it is written:

- digit-like characters become ASCII digits: full-width, mathematical,
  Arabic-Indic, Devanagari and every other Unicode decimal digit, circled,
  parenthesised, superscript and subscript digits (① ⑴ ¹ ₁ ❶; ⑩ reads as 10),
  runs of Chinese numerals (一三八…, 壹贰叁…, and 幺 两 拐 勾 洞 as phone
  numbers are read aloud), and O/o or l/I standing against a digit (138O0138OOO);
- every separator reads as one of a few ASCII marks: all spaces (tabs,
  ideographic and no-break spaces), every dash, minus, hyphen and long line
  (— − ⁻ ─ ー) as "-", tildes and wave dashes as "~", dots and full stops (．。…)
  as ".", middle dots and bullets as "·", underscores as "_", the enumeration
  comma as "、", commas as ",", slashes as "/", brackets of every shape as
  "(" ")" or "[" "]";
- characters that show as nothing (zero-width spaces and joiners, soft
  hyphens, direction marks, combining marks) are dropped;
- other compatibility forms whose plain form is ASCII (full-width letters, ＠)
  become ASCII.

Runs of separators are not collapsed in the text: the patterns read any run
of them as one, so offsets stay mappable. `Reading.origin()` maps an offset
of the read text back to the text as written, so a message names the line
and column where a number was typed and shows it as typed, masked.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# What may stand between the groups of one number, in read text. Spaces and line breaks are
# listed apart: where they stand for table cells (a search index) they end a number.
SPACES = " \t\n\r\f\v"
MARKS = "-~._,/\\()[]·、"
SEPARATORS = SPACES + MARKS

_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
# Letters that show as nothing at all (Hangul fillers, Mongolian vowel separator).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u180e")

# Separators that Unicode's categories do not already say are dashes, spaces or connectors.
_SEPARATOR_OF = {
    **dict.fromkeys("\u2212\u207b\u208b\u02d7\u2796\u2043\u2500\u2501\u2574\u2576", "-"),
    **dict.fromkeys("\u2578\u257a\u23af\u23e4\u30fc\uff70\u2e3a\u2e3b", "-"),
    **dict.fromkeys("~\uff5e\u223c\u02dc\u2053\u301c\u3030", "~"),
    **dict.fromkeys(".\uff0e\u2024\ufe52\u3002\uff61\u2026\u2025\u22ef", "."),
    **dict.fromkeys("\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5\u0387\u16eb\u2e31\u25e6", "·"),
    **dict.fromkeys("\u2017\u02cd", "_"),
    **dict.fromkeys("\u3001\ufe51\uff64", "、"),
    **dict.fromkeys(",\uff0c\ufe50\u201a\u060c\u066b\u066c", ","),
    **dict.fromkeys("/\uff0f\u2044\u2215\u29f8", "/"),
    **dict.fromkeys("(\uff08\ufe59\u207d\u208d", "("),
    **dict.fromkeys(")\uff09\ufe5a\u207e\u208e", ")"),
    **dict.fromkeys("[\uff3b\u3010\u3014\u3016\u3018\u301a\ufe5d", "["),
    **dict.fromkeys("]\uff3d\u3011\u3015\u3017\u3019\u301b\ufe5e", "]"),
}
_SEPARATOR_OF["\u301c"] = "~"  # a wave dash is a dash by category, a tilde to the eye

# Chinese numerals as digits, read only in runs (see _CHINESE_RUN): 两 alone is a count.
CHINESE_DIGITS = {
    **dict.fromkeys("〇○零洞", "0"),
    **dict(zip("一二三四五六七八九", "123456789", strict=True)),
    **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True)),
    "幺": "1",
    "两": "2",
    "拐": "7",
    "勾": "9",
}


def _replacement(ch: str) -> str:
    """What one non-ASCII character reads as; the character itself when it means nothing here."""
    if ch in _INVISIBLE_LETTERS or unicodedata.category(ch) in _DROPPED_CATEGORIES:
        return ""
    if ch in _SEPARATOR_OF:
        return _SEPARATOR_OF[ch]
    digit = unicodedata.decimal(ch, None)
    if digit is None:
        digit = unicodedata.digit(ch, None)  # ① ⑴ ¹ ❶: a digit, whatever surrounds it
    if digit is not None:
        return str(digit)
    category = unicodedata.category(ch)
    if category in ("Zs", "Zl", "Zp"):
        return " "
    if category == "Pd":
        return "-"
    if category == "Pc":
        return "_"
    normal = unicodedata.normalize("NFKC", ch)
    if normal != ch:
        if normal.isascii() and normal.isprintable() and normal.strip():
            return normal  # ⑩ 10, ＠ @, Ｘ X, … ...
        if normal in _SEPARATOR_OF:
            return _SEPARATOR_OF[normal]
    return ch


# Non-ASCII characters met so far, learnt one by one as they first appear.
_KNOWN: set[str] = set()
CHANGED: dict[str, str] = {}  # those that read as something else
_DIGITISH: set[str] = set("0123456789")  # those that read as a digit (Chinese numerals apart)
_EXPANDING: set[str] = set()  # those that read as several characters (⑩ is 10)
_INVISIBLE: set[str] = set()  # those that read as nothing
_learnt_version = 0  # grows whenever CHANGED does: patterns built from it are rebuilt


def learn(chars) -> None:
    """Learns the reading of every character not met before."""
    global _learnt_version
    new = set(chars) - _KNOWN
    for ch in new:
        replacement = _replacement(ch)
        if replacement != ch:
            CHANGED[ch] = replacement
            _learnt_version += 1
        if any(c.isdigit() for c in replacement):
            _DIGITISH.add(ch)
        if len(replacement) > 1:
            _EXPANDING.add(ch)
        if replacement == "":
            _INVISIBLE.add(ch)
        _KNOWN.add(ch)


def learnt_version() -> int:
    return _learnt_version


def reads_as_digit(chars: set[str]) -> bool:
    """Whether any of these characters (learnt) reads as a digit."""
    return not chars.isdisjoint(_DIGITISH)


def expands(chars: set[str]) -> bool:
    return not chars.isdisjoint(_EXPANDING)


def has_invisible(chars: set[str]) -> bool:
    return not chars.isdisjoint(_INVISIBLE)


_ASCII_DIGIT = re.compile(r"[0-9]")
_NUMERAL = "[" + "".join(CHINESE_DIGITS) + "]"
# Seven or more Chinese numerals in a row, only separators between them: before reading.
_LOOSE_NUMERAL_RUN = re.compile(rf"{_NUMERAL}(?:[\W_]*{_NUMERAL}){{6,}}")


def might_hold_digits(text: str) -> bool:
    """A quick no for text with no digit in any script: most text staff type."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    chars = set(text)
    learn(chars)
    if reads_as_digit(chars):
        return True
    return not chars.isdisjoint(CHINESE_DIGITS) and _LOOSE_NUMERAL_RUN.search(text) is not None


@dataclass(frozen=True)
class Reading:
    """Text as read, with a map back to the text as written.

    `splits` are read offsets where a group of digits ends although no
    separator stands there: where digits typed as digits meet digits read
    from numerals or look-alike letters (13800138000一下, 138O0138OOO), so
    that a number written next to a word is still a whole group."""

    text: str
    _starts: tuple = ()  # read offsets where a stretch of the written text begins...
    _origins: tuple = ()  # ...and the written offset each such stretch begins at
    splits: tuple = ()

    def origin(self, index: int) -> int:
        """The written offset of the character at `index` of the read text."""
        if not self._starts:
            return index
        i = bisect_right(self._starts, index) - 1
        return self._origins[i] + (index - self._starts[i])

    def _with(self, text: str, splits=()) -> Reading:
        """The same map for a text of the same length (characters replaced one for one)."""
        return Reading(text, self._starts, self._origins, tuple(sorted({*self.splits, *splits})))


_SEPARATOR_CLASS = "[" + re.escape(SEPARATORS) + "]"
# Seven or more numerals and digits, separators between them, at least one numeral.
_CHINESE_RUN = re.compile(rf"(?:[0-9]|{_NUMERAL})(?:{_SEPARATOR_CLASS}*(?:[0-9]|{_NUMERAL})){{6,}}")
_HAS_NUMERAL = re.compile(_NUMERAL)
# O, o, l and I against a digit, outside a word: 138O0138OOO, 1l0101…
_LOOKALIKE = re.compile(r"(?<=[0-9])[OolI]+(?![A-Za-z])|(?<![A-Za-z])[OolI]+(?=[0-9])")
_LOOKALIKE_DIGITS = str.maketrans("OolI", "0011")
_MAY_HAVE_LOOKALIKE = re.compile(r"[0-9][OolI]|[OolI][0-9]")
_DIGIT_MEETS_NUMERAL = re.compile(rf"(?<=[0-9]){_NUMERAL}|(?<={_NUMERAL})[0-9]")


def read(text: str) -> Reading:
    """The text as a reader sees it; `origin()` maps its offsets back to `text`."""
    if text.isascii():
        reading = Reading(text)
    else:
        chars = set(text)
        learn(chars)
        table = {ord(ch): CHANGED[ch] for ch in chars & CHANGED.keys()}
        reading = _translate(text, table) if table else Reading(text)
        if _HAS_NUMERAL.search(reading.text):
            reading = _numerals_read(reading)
    if _MAY_HAVE_LOOKALIKE.search(reading.text):
        splits: list[int] = []

        def fold(m: re.Match) -> str:
            splits.extend((m.start(), m.end()))
            return m.group().translate(_LOOKALIKE_DIGITS)

        folded = _LOOKALIKE.sub(fold, reading.text)
        reading = reading._with(folded, splits)
    return reading


def _numerals_read(reading: Reading) -> Reading:
    """Runs of numerals as digits; a group splits where numerals meet digits."""
    splits: list[int] = []
    text = reading.text

    def as_digits(m: re.Match) -> str:
        run = m.group()
        if not _HAS_NUMERAL.search(run):
            return run
        splits.extend(m.start() + s.start() for s in _DIGIT_MEETS_NUMERAL.finditer(run))
        return "".join(CHINESE_DIGITS.get(ch, ch) for ch in run)

    return reading._with(_CHINESE_RUN.sub(as_digits, text), splits)


def _translate(text: str, table: dict[int, str]) -> Reading:
    resizing = {code: value for code, value in table.items() if len(value) != 1}
    if not resizing:  # one character for one: offsets unchanged
        if len(table) > 8:
            return Reading(text.translate(table))
        for code, value in table.items():  # a few kinds of character: faster than translate()
            text = text.replace(chr(code), value)
        return Reading(text)
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
    return Reading("".join(parts), tuple(starts), tuple(origins))


# A backslash escape of a YAML double-quoted scalar, and the character it stands for.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre \"/\\N_LP\t])")
_ESCAPED = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def unescaped(source: str) -> Reading:
    """YAML source text with its escapes (\\t, \\u0031, \\x41) replaced by the characters they
    stand for, mapped back to the source: what a value no loader read would have said."""
    parts, starts, origins, at, done = [], [0], [0], 0, 0
    for m in _ESCAPE.finditer(source):
        code = m.group(1)
        try:
            value = _ESCAPED.get(code) or chr(int(code[1:], 16))
        except ValueError:  # beyond Unicode
            continue
        parts.append(source[done : m.start()])
        at += m.start() - done
        starts.append(at)
        origins.append(m.start())
        parts.append(value)
        at += len(value)
        done = m.end()
        starts.append(at)
        origins.append(done)
    parts.append(source[done:])
    return Reading("".join(parts), tuple(starts), tuple(origins))
