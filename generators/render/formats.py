"""How the site writes amounts, numbers and ratings: one form each, on every page, chart and message.

money(Decimal("12600"))             12,600.00       (in a column headed 金额（元）)
yuan(Decimal("12600"))              12,600.00 元    (anywhere else)
prose("合计82266.67元")              合计82,266.67元 (amounts staff typed in running text)
number(Decimal("2.50"))             2.5
amount(Decimal("85"), "%")          85%
rating({"stars": 5, "year": 2025})  五星（2025）    (in the township's scale: 五星, 5A, 好/较好/一般/较差)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

STAR_NAMES = "一二三四五"
STARS, A_LEVELS, GRADES = "星级", "A级", "分类定级"  # a township's rating_scale


def money(value) -> str:
    """An amount to the fen with thousands separators: 12,345.67. Decimal (or text, as loaded), never float."""
    if isinstance(value, float):
        raise TypeError(f"amount {value!r} is a float; amounts are Decimal")
    return f"{Decimal(str(value)):,.2f}"


def yuan(value) -> str:
    """An amount with its unit: 12,345.67 元."""
    return f"{money(value)} 元"


# An amount in running text: an integer part of four digits or more, not already grouped, before 元
# or 万元 (a space between allowed). Years (2025年), phone numbers and references have no 元.
_PROSE_AMOUNT = re.compile(r"(?<![\d.,])([1-9]\d{3,})(\.\d+)?(?=\s?万?元)")


def prose(text: str) -> str:
    """Amounts typed in running text grouped as the tables show them: 82266.67元 → 82,266.67元.
    Only the grouping changes: every digit and decimal stays as typed."""
    return _PROSE_AMOUNT.sub(lambda m: f"{int(m[1]):,}{m[2] or ''}", text)


def number(value) -> str:
    """A target value or a ratio as people write it: no needless trailing zeros, thousands not grouped."""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value, unit: str) -> str:
    """A value in its unit: 50,000.00 元, 85%, 2人."""
    return yuan(value) if unit == "元" else f"{number(value)}{unit}"


def rating(r: Mapping | None, scale: str = STARS, with_year: bool = True) -> str:
    """A party organisation's rating in its township's scale, with its year: 五星（2025）, 5A（2025）, 较好（2025）."""
    if not r:
        return "—"
    if scale == A_LEVELS:
        text = f"{r['stars']}A"
    elif scale == GRADES:
        text = r.get("grade") or "—"
    else:
        text = f"{STAR_NAMES[r['stars'] - 1]}星"
    return f"{text}（{r['year']}）" if with_year else text
