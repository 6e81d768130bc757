"""Charts drawn at build time as static SVG. Pure: values in, one line of SVG markup out.

Every chart is meant to sit in a Markdown page as raw HTML, inside a
<figure> with a <figcaption>, followed by a table with the same numbers:

* one line, no XML declaration, no script, no style sheet, nothing outside
  itself (the only URL is the SVG namespace); no id, so a page may hold many;
* a viewBox and no width or height: CSS makes it as wide as its container
  (docs/assets/extra.css, `figure.chart`);
* `role="img"` with a Chinese <title> and <desc> saying what it shows, and
  `aria-hidden="true"`: the table after it carries the same numbers, so a
  screen reader reads them once, from the table;
* text in the page's font (inherited: the SVG sets no font family), in user
  units of the viewBox, at least 12 px on a phone (the page's small print);
* readable in black-and-white print: the segments differ in lightness as
  well as hue (dark, middle, light, striped, white with a dashed outline),
  and numbers are written on them where there is room.

Text typed by staff goes through generators/render/escape.py like everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from generators.render.escape import escape
from generators.render.formats import amount, number, yuan

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 400  # user units of a block chart's viewBox; about a phone's content width in CSS pixels
# Text sizes in user units. A phone's text column (358 CSS px at 390) draws the 400 units at
# 0.895, so axis and legend text is 12 px there, as small as a page's small print; a desktop's
# (up to 26rem, 520 px) draws them larger.
FONT = 15  # labels
SMALL = 13.5  # axis and legend text
CJK_ADVANCE = 1.0  # width of a Chinese character, in font sizes
LATIN_ADVANCE = 0.6  # width of a digit or Latin letter, in font sizes

# Fill, outline and the text drawn on it, per state of a task. Text contrast is at least 4.5:1.
STYLES = {
    "已完成": {"fill": "#1b6b2f", "stroke": "#1b6b2f", "text": "#ffffff"},
    "推进中": {"fill": "#5b9bd5", "stroke": "#0b4f9c", "text": "#000000"},
    "未启动": {"fill": "#e4e4e4", "stroke": "#6b6b6b", "text": "#000000"},
    "逾期": {"fill": "#b3261e", "stroke": "#b3261e", "text": "#ffffff"},
    "已取消": {"fill": "#ffffff", "stroke": "#6b6b6b", "text": "#000000"},
}
STRIPED = frozenset({"逾期"})  # white stripes, so it differs from 已完成 on a grey printout
DASHED = frozenset({"已取消"})
TEXT_COLOUR = "#1a1a1a"
MUTED = "#555555"
TRACK = "#ececec"
VALUE_FILL = "#1f6fc5"
TOTAL_FILL = "#1f4e8c"
OPERATING_FILL = "#a9c9ec"


# -- pieces -----------------------------------------------------------------


def _num(value) -> str:
    """A coordinate: at most one decimal, no trailing zero."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(value) -> str:
    """Typed or computed text for an SVG text node or attribute: one line, escaped."""
    return str(escape(" ".join(str(value).split())))


def text_width(text: str, size: float) -> float:
    """About how wide a label is drawn: Chinese characters a full font size, others six tenths."""
    return sum(size * (LATIN_ADVANCE if ord(ch) < 0x2E80 else CJK_ADVANCE) for ch in text)


def fit(text: str, size: float, room: float) -> str:
    """The text, cut with “…” so that it fits in `room` units."""
    text = " ".join(str(text).split())
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def svg(width: float, height: float, title: str, desc: str, body: str, kind: str) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-hidden="true" '
        f'class="chart-svg chart-{kind}"><title>{_text(title)}</title><desc>{_text(desc)}</desc>{body}</svg>'
    )


def rect(x, y, w, h, fill, stroke=None, dashed=False, width=1) -> str:
    outline = f' stroke="{stroke}" stroke-width="{_num(width)}"' if stroke else ""
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" fill="{fill}"{outline}{dash}/>'


def line(x1, y1, x2, y2, stroke, width=1, dashed=False) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" stroke="{stroke}" '
        f'stroke-width="{_num(width)}"{dash}/>'
    )


def label(x, y, text, size=FONT, fill=TEXT_COLOUR, anchor="start", bold=False) -> str:
    weight = ' font-weight="700"' if bold else ""
    align = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" fill="{fill}"{align}{weight}>'
        f"{_text(text)}</text>"
    )


def stripes(x, y, w, h, gap=5, clear: float = 0) -> str:
    """Thin white vertical stripes inside a box: a pattern without <pattern> (which needs an id).
    None within `clear` units of the box's middle, where a number is written."""
    middle = x + w / 2
    xs = [x + gap / 2 + i * gap for i in range(int(w // gap))]
    return "".join(
        line(sx, y + 1, sx, y + h - 1, "#ffffff", 1.2) for sx in xs if abs(sx - middle) > clear
    )


def state_box(x, y, w, h, state: str, clear: float = 0) -> str:
    """A box in the colours of a task state; `clear` leaves its middle plain for a number."""
    style = STYLES[state]
    box = rect(x, y, w, h, style["fill"], style["stroke"], dashed=state in DASHED)
    return box + (stripes(x, y, w, h, clear=clear) if state in STRIPED and w >= 6 else "")


def legend(x, y, entries: Sequence[tuple[str, str]], room: float) -> tuple[str, float]:
    """Swatches with names, wrapped into rows that fit `room`; the markup and the height used.
    Each entry is (state or fill colour, name)."""
    parts, cx, cy = [], x, y
    for key, name in entries:
        item = 14 + text_width(name, SMALL) + 12
        if cx > x and cx + item > x + room:
            cx, cy = x, cy + 18
        swatch = (
            state_box(cx, cy, 10, 10, key)
            if key in STYLES
            else rect(cx, cy, 10, 10, key, TOTAL_FILL)
        )
        parts.append(swatch + label(cx + 14, cy + 9.5, name, SMALL))
        cx += item
    return "".join(parts), cy - y + 18


def nice_maximum(value) -> Decimal:
    """A round top of a scale at or above value: 1, 2, 2.5 or 5 times a power of ten."""
    value = Decimal(str(value))
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (value.adjusted())
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # not reached


def nice_step(value) -> Decimal:
    """A round step at or above value: 1, 2 or 5 times a power of ten."""
    value = Decimal(str(value))
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** value.adjusted()
    return next(step * power for step in (1, 2, 5, 10) if value <= step * power)


def scale(maximum, ticks: int = 4) -> tuple[Decimal, Decimal]:
    """(top, step) of an axis from 0 showing `maximum` in at most `ticks` round steps."""
    step = nice_step(Decimal(str(maximum)) / ticks)
    count = max(
        Decimal(1), (Decimal(str(maximum)) / step).to_integral_value(rounding=ROUND_CEILING)
    )
    return step * count, step


# -- a value against a threshold ----------------------------------------------


def bar_with_threshold(value, threshold, maximum, label_text: str, unit: str) -> str:
    """A horizontal bar of `value` on a scale from 0 to `maximum` (a round number above both when None),
    with a black mark at `threshold`. Small, for a table cell; the numbers are written beside it."""
    value, threshold = Decimal(str(value)), Decimal(str(threshold))
    top = Decimal(str(maximum)) if maximum is not None else nice_maximum(max(value, threshold))
    if top <= 0:
        raise ValueError(f"the scale's maximum must be positive, got {maximum!r}")
    width, height, track_y, track_h = 120, 20, 5, 10

    def x(v: Decimal) -> float:
        return float(min(max(v, Decimal(0)), top) / top) * width

    body = (
        rect(0.5, track_y, width - 1, track_h, TRACK, "#7a7a7a")
        + rect(0.5, track_y, max(x(value) - 1, 0), track_h, VALUE_FILL)
        + line(
            min(max(x(threshold), 1.5), width - 1.5),
            1,
            min(max(x(threshold), 1.5), width - 1.5),
            19,
            "#000000",
            2.5,
        )
    )
    desc = f"当前值 {amount(value, unit)}，目标值 {amount(threshold, unit)}，刻度 0 至 {amount(top, unit)}。"
    return svg(width, height, label_text, desc, body, "bar")


# -- task states per action ------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    label: str
    segments: Mapping[str, int]  # state → number of tasks, in drawing order
    note: str = ""  # written after the label, e.g. "7 项，进度 68%"


def status_bars(rows: Sequence[StatusRow], title: str) -> str:
    """One stacked bar per row, on one scale (the longest row fills the width), with a legend on top."""
    states = list(STYLES)
    key, key_height = legend(0, 2, [(s, s) for s in states], WIDTH)
    longest = max((sum(r.segments.values()) for r in rows), default=0) or 1
    row_height, bar_height = 44, 18
    parts, y = [key], key_height + 8
    for row in rows:
        heading = fit(row.label + ("　" + row.note if row.note else ""), FONT, WIDTH)
        parts.append(label(0, y + FONT, heading))
        bar_y, x = y + FONT + 5, 0.0
        total = sum(row.segments.values())
        if not total:
            parts.append(label(0, bar_y + 13, "暂无任务", SMALL, MUTED))
        for state in states:
            count = row.segments.get(state, 0)
            if not count:
                continue
            w = WIDTH * count / longest
            numbered = w >= 16
            parts.append(
                state_box(
                    x + 0.5,
                    bar_y,
                    max(w - 1, 1),
                    bar_height,
                    state,
                    clear=text_width(str(count), SMALL) / 2 + 3 if numbered else 0,
                )
            )
            if numbered:
                parts.append(
                    label(
                        x + w / 2,
                        bar_y + 13,
                        str(count),
                        SMALL,
                        STYLES[state]["text"],
                        "middle",
                        True,
                    )
                )
            x += w
        y += row_height
    desc = "；".join(
        f"{r.label}：" + "，".join(f"{s} {r.segments.get(s, 0)} 项" for s in states) for r in rows
    )
    return svg(WIDTH, y, title, desc + "。", "".join(parts), "status")


# -- a village's collective economy ---------------------------------------------


def economy_bars(years: Sequence[tuple[int, Decimal, Decimal]], title: str) -> str:
    """Two bars per year, total income and of it operating income, in 万元 on a round scale."""
    if not years:
        raise ValueError("a chart of the collective economy needs at least one year")
    ten_thousand = Decimal(10000)
    top, step = scale(max(Decimal(str(t)) for _, t, _ in years) / ten_thousand)
    key, key_height = legend(
        0, 2, [(TOTAL_FILL, "总收入"), (OPERATING_FILL, "其中经营性收入")], WIDTH
    )
    left, plot_top, plot_height = 44, key_height + 24, 150
    plot_width = WIDTH - left - 4
    base = plot_top + plot_height

    def y(amount_yuan) -> float:
        return base - float(Decimal(str(amount_yuan)) / ten_thousand / top) * plot_height

    parts = [key]
    steps = int(top / step)
    for i in range(steps + 1):
        ty = base - plot_height * i / steps
        parts.append(line(left, ty, WIDTH, ty, "#bdbdbd" if i else "#000000", 1))
        parts.append(label(left - 4, ty + 4, number(step * i), SMALL, MUTED, "end"))
    parts.append(label(left - 4, plot_top - 10, "万元", SMALL, MUTED, "end"))
    group = plot_width / len(years)
    bar = min(30.0, group * 0.36)
    for i, (year, total, operating) in enumerate(years):
        centre = left + group * (i + 0.5)
        parts.append(rect(centre - bar - 1, y(total), bar, base - y(total), TOTAL_FILL, TOTAL_FILL))
        parts.append(
            rect(centre + 1, y(operating), bar, base - y(operating), OPERATING_FILL, TOTAL_FILL)
        )
        parts.append(label(centre, base + 16, f"{year}年", SMALL, TEXT_COLOUR, "middle"))
    desc = "；".join(f"{year}年总收入 {yuan(t)}，其中经营性收入 {yuan(o)}" for year, t, o in years)
    return svg(WIDTH, base + 24, title, desc + "。", "".join(parts), "economy")


# -- a timeline of tasks ------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    done: bool


@dataclass(frozen=True)
class TimelineRow:
    label: str
    start: dt.date
    end: dt.date  # the deadline, or the plan's end for 长期坚持
    state: str  # a key of STYLES
    long_term: bool = False
    milestones: tuple[Milestone, ...] = ()
    completed: dt.date | None = None


STEPS = (1, 3, 6, 12)  # months between the time axis's ticks


def month_ticks(first: dt.date, last: dt.date, step: int | None = None) -> list[dt.date]:
    """First days of months between first and last, every `step` months (by default every 1, 3, 6
    or 12 months so that about 4 to 8 show)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = step or next(s for s in STEPS if months / s <= 8)
    ticks: list[dt.date] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
        if day > last:
            return ticks
        if (year * 12 + month - 1) % step == 0:
            ticks.append(day)


def _diamond(x: float, y: float, r: float, filled: bool) -> str:
    fill = TEXT_COLOUR if filled else "#ffffff"
    return (
        f'<path d="M{_num(x)} {_num(y - r)}L{_num(x + r)} {_num(y)}L{_num(x)} {_num(y + r)}'
        f'L{_num(x - r)} {_num(y)}Z" fill="{fill}" stroke="{TEXT_COLOUR}" stroke-width="1.2"/>'
    )


def _month_labels(
    first: dt.date, last: dt.date, x: Callable[[dt.date], float], left: float, right: float
) -> list[tuple[dt.date, str, float]]:
    """(tick, its label, where the label's centre is) along the time axis: 2025年4月, 7月 … (the
    year on the first and on each January), every 1, 3, 6 or 12 months, the fewest months apart
    that keep the labels from running into each other."""
    months = (last.year - first.year) * 12 + last.month - first.month
    for step in [s for s in STEPS if months / s <= 8] + [24, 60]:
        found: list[tuple[dt.date, str, float]] = []
        end = -float("inf")
        for tick in month_ticks(first, last, step):
            name = (
                f"{tick.year}年{tick.month}月"
                if tick.month == 1 or not found
                else f"{tick.month}月"
            )
            half = text_width(name, SMALL) / 2
            centre = min(max(x(tick), left + half), right - half)
            if centre - half < end + 4:
                break
            found.append((tick, name, centre))
            end = centre + half
        else:
            return found
    return []


def timeline(
    rows: Sequence[TimelineRow], start: dt.date, end: dt.date, today: dt.date, title: str
) -> str:
    """Each row a bar from its start to its end, on one time axis from `start` to `end` (stretched to
    the rows and the build date); milestones as diamonds (filled when done), the completion date as a
    dot, the build date as a dashed vertical line."""
    first = min([start, today, *(r.start for r in rows)])
    last = max([end, today, *(r.end for r in rows)])
    span = max((last - first).days, 1)
    left, right = 4, WIDTH - 4

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / span

    parts: list[str] = [line(left, 30, right, 30, MUTED)]
    axis_y = 30
    for tick, name, centre in _month_labels(first, last, x, left, right):
        parts.append(line(x(tick), axis_y, x(tick), axis_y + 4, MUTED))
        parts.append(label(centre, axis_y - 6, name, SMALL, MUTED, "middle"))
    y: float = axis_y + 10
    row_height, bar_height = 34, 10
    grid_top = y
    for row in rows:
        parts.append(
            label(
                left,
                y + FONT,
                fit(row.label + ("（长期坚持）" if row.long_term else ""), FONT, right - left),
            )
        )
        bar_y = y + FONT + 5
        x0, x1 = x(row.start), max(x(row.end), x(row.start) + 2)
        parts.append(state_box(x0, bar_y, x1 - x0, bar_height, row.state))
        if row.long_term:
            parts.append(
                f'<path d="M{_num(x1)} {_num(bar_y - 2)}L{_num(x1 + 0)} {_num(bar_y + bar_height + 2)}" '
                f'stroke="{TEXT_COLOUR}" stroke-width="1" stroke-dasharray="2 2"/>'
            )
        for milestone in row.milestones:
            parts.append(_diamond(x(milestone.date), bar_y + bar_height / 2, 5, milestone.done))
        if row.completed:
            parts.append(
                f'<circle cx="{_num(x(row.completed))}" cy="{_num(bar_y + bar_height / 2)}" r="4" '
                f'fill="#ffffff" stroke="{TEXT_COLOUR}" stroke-width="2"/>'
            )
        y += row_height
    if not rows:
        parts.append(label(left, y + FONT, "暂无任务", SMALL, MUTED))
        y += row_height
    parts.append(line(x(today), grid_top - 6, x(today), y, "#000000", 1.5, dashed=True))
    key, key_height = legend(left, y + 6, [(s, s) for s in STYLES], right - left)
    parts.append(key)
    y += key_height + 6
    marks = [
        (_diamond(0, 5, 5, True), "已完成节点"),
        (_diamond(0, 5, 5, False), "未完成节点"),
        (
            f'<circle cx="0" cy="5" r="4" fill="#ffffff" stroke="{TEXT_COLOUR}" stroke-width="2"/>',
            "完成日期",
        ),
        (line(0, 0, 0, 11, "#000000", 1.5, dashed=True), f"统计日 {today}"),
    ]
    cx: float = left + 5
    for mark, name in marks:
        parts.append(
            f'<g transform="translate({_num(cx)} {_num(y)})">{mark}</g>'
            + label(cx + 9, y + 9.5, name, SMALL)
        )
        cx += 9 + text_width(name, SMALL) + 16
    y += 18
    desc = f"时间轴 {first} 至 {last}，虚线为统计日 {today}。" + "；".join(
        f"{r.label}：{r.start} 至 {'长期坚持' if r.long_term else r.end}，{r.state}" for r in rows
    )
    return svg(WIDTH, y, title, desc + "。", "".join(parts), "timeline")
