"""Periods of disclosures and meetings: 2025-Q3, 2025-10, 2025-H2, 2025, or an event's date.

A period has a start and an end (both days included), a Chinese label as
readers see it (2025年第三季度), and an order: periods sort by their start,
then by length, so a table of periods reads forwards in time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH, QUARTER, HALF, YEAR, DAY = "month", "quarter", "half", "year", "day"
# A catalogue item's rhythm, as staff write it, and the kind of period it has.
RHYTHMS = {"每月": MONTH, "每季度": QUARTER, "每半年": HALF, "每年": YEAR, "按事项": DAY}
EXAMPLES = {MONTH: "2025-10", QUARTER: "2025-Q3", HALF: "2025-H2", YEAR: "2025", DAY: "2025-10-18"}
KIND_NAMES = {MONTH: "月份", QUARTER: "季度", HALF: "半年", YEAR: "全年", DAY: "事项日期"}
_CHINESE_ORDINALS = "一二三四"

_FORMS = (
    (re.compile(r"([0-9]{4})-Q([1-4])"), QUARTER),
    (re.compile(r"([0-9]{4})-H([12])"), HALF),
    (re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])"), MONTH),
    (re.compile(r"([0-9]{4})"), YEAR),
)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str

    @property
    def code(self) -> str:
        """As written in a record: 2025-Q3, 2025-10, 2025-H2, 2025, 2025-10-18."""
        y = self.start.year
        if self.kind == QUARTER:
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == HALF:
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        if self.kind == MONTH:
            return f"{y}-{self.start.month:02d}"
        if self.kind == YEAR:
            return str(y)
        return self.start.isoformat()

    @property
    def search_key(self) -> str:
        """One word the search index holds for the period (docs/assets/site-search.js asks it for a
        period typed in any form): qj2025q3, qj202510, qj2025h2, qj2025, qj20251018. A year's key
        begins every key of the year, a month's every day's of the month, as the search matches
        the beginnings of words; its Latin letters keep it in a small part of the index."""
        return "qj" + self.code.replace("-", "").lower()

    @property
    def search_keys(self) -> tuple[str, ...]:
        """The period's key, and for a quarter or a half year the key of that quarter or half of
        any year (qjq3, qjh2), which a period typed without its year (三季度, 下半年) asks."""
        code = self.code
        if self.kind in (QUARTER, HALF):
            return (self.search_key, "qj" + code[5:].lower())
        return (self.search_key,)

    @property
    def label(self) -> str:
        """As readers see it: 2025年第三季度, 2025年10月, 2025年下半年, 2025年, 2025年10月18日."""
        y, m = self.start.year, self.start.month
        if self.kind == QUARTER:
            return f"{y}年第{_CHINESE_ORDINALS[(m - 1) // 3]}季度"
        if self.kind == HALF:
            return f"{y}年{'上' if m == 1 else '下'}半年"
        if self.kind == MONTH:
            return f"{y}年{m}月"
        if self.kind == YEAR:
            return f"{y}年"
        return f"{y}年{m}月{self.start.day}日"

    @property
    def short_label(self) -> str:
        """Within a year, as a table's cell shows it: 第三季度, 10月, 下半年, 2025年, 10月18日."""
        m = self.start.month
        if self.kind == QUARTER:
            return f"第{_CHINESE_ORDINALS[(m - 1) // 3]}季度"
        if self.kind == HALF:
            return f"{'上' if m == 1 else '下'}半年"
        if self.kind == MONTH:
            return f"{m}月"
        if self.kind == YEAR:
            return f"{self.start.year}年"
        return f"{m}月{self.start.day}日"

    def closed_by(self, today: dt.date) -> bool:
        """Whether the period is over on this day. Its last day is still open (a meeting may
        be held, a training given, on the quarter's last day), so it closes the day after.
        Organisational life, deliberation and training all judge a period by this rule."""
        return self.end < today

    def next(self) -> Period:
        return period_containing(self.kind, self.end + dt.timedelta(days=1))

    def __str__(self) -> str:
        return self.code


def parse(text: str) -> Period | None:
    """The period a record names, or None when the text is no period."""
    try:
        return dt_period(dt.date.fromisoformat(text))
    except ValueError:
        pass
    for pattern, kind in _FORMS:
        m = pattern.fullmatch(text)
        if m:
            year = int(m.group(1))
            if kind == YEAR:
                return period_containing(YEAR, dt.date(year, 1, 1))
            n = int(m.group(2))
            month = {QUARTER: 3 * (n - 1) + 1, HALF: 6 * (n - 1) + 1, MONTH: n}[kind]
            return period_containing(kind, dt.date(year, month, 1))
    return None


def dt_period(day: dt.date) -> Period:
    return Period(day, day, DAY)


def period_containing(kind: str, day: dt.date) -> Period:
    """The month, quarter, half-year or year a day falls in."""
    y = day.year
    if kind == DAY:
        return dt_period(day)
    if kind == YEAR:
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR)
    first = {
        MONTH: day.month,
        QUARTER: 3 * ((day.month - 1) // 3) + 1,
        HALF: 1 if day.month <= 6 else 7,
    }[kind]
    last = first + {MONTH: 0, QUARTER: 2, HALF: 5}[kind]
    return Period(dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1]), kind)


def periods_from(kind: str, first_day: dt.date, last_day: dt.date) -> list[Period]:
    """Every period of a kind from the one holding first_day to the one holding last_day."""
    found, current = [], period_containing(kind, first_day)
    while current.start <= last_day:
        found.append(current)
        current = current.next()
    return found
