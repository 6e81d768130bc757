"""`type: date`: a day that exists, written 2025-03-01."""

from __future__ import annotations

import datetime as dt
import re

from generators.spec.types.base import INVALID, FieldType, number_text, shown

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# A date in another common way of writing it, for the message that shows it rewritten.
_LOOSE_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
# A day that exists, as an ECMA-262 pattern: 30 days hath September …, 29 February in leap years.
JSON_DATE = (
    "^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
    "-02-29)$"
)
FORM_DATE = "YYYY-MM-DD"  # the form editor's date picker writes this
# A new record's dates that staff must give: the end of a term or a period, and a deadline.
NOT_TODAY = frozenset({"end", "term_end", "deadline"})


class DateType(FieldType):
    name = "date"
    words = "日期（例如 2025-03-01）"
    python = (dt.date,)
    not_python = (dt.datetime,)

    def convert(self, text):
        m = _DATE.fullmatch(text)
        if not m:
            loose = _LOOSE_DATE.fullmatch(text)
            if loose:
                y, mo, d = (int(g) for g in loose.groups())
                fixed = f"{y:04d}-{mo:02d}-{d:02d}"
                return INVALID, ("date.format", {"value": shown(text), "fixed": fixed})
            return INVALID, ("date.not-a-date", {"value": shown(text)})
        try:
            return dt.date(*(int(g) for g in m.groups())), None
        except ValueError:
            return INVALID, ("date.no-such-day", {"value": shown(text)})

    def json_schema(self, spec, schema_of):
        return {"type": "string", "format": "date", "pattern": JSON_DATE}

    def note(self, spec):
        return "日期写成 2025-03-31"

    def own_widget(self, spec, form, optional):
        return {
            "widget": "datetime",
            "format": FORM_DATE,
            "date_format": FORM_DATE,
            "time_format": False,
            "picker_utc": True,
        }

    def skeleton(self, spec, today, start):
        return None if spec.key in NOT_TODAY else today.isoformat()

    table_type = "date"
    cell_format = "yyyy-mm-dd"

    def cell(self, spec, value):
        return value

    def cell_text(self, spec, value):
        return value.isoformat()

    def from_cell(self, spec, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None, ("import.serial-date", {"value": number_text(value), **_serial(value)})
        return super().from_cell(spec, value)

    def from_date_cell(self, spec, value):
        if value.time() != dt.time():
            return None, ("import.date-time", {"value": value.isoformat(" ", "minutes")})
        return value.date().isoformat(), None

    def example(self, spec, name, sample):
        return (sample.today - dt.timedelta(days=sample.rng.randint(1, 300))).isoformat()


EXCEL_EPOCH = dt.date(
    1899, 12, 30
)  # day 0 of Excel's serial dates (1900 system, past its 1900-02-29)


def _serial(value: float) -> dict:
    """The day an Excel serial number stands for, when it stands for one: {"day": "2025-01-01"}."""
    try:
        return {"day": (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()}
    except OverflowError:
        return {"day": ""}
