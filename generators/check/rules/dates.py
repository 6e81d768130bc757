"""Rules on dates any record may have: items in the order of their dates, no date after the build
date."""

from __future__ import annotations

import datetime as dt

from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def _date(value):
    return value if isinstance(value, dt.date) else None


def check_dates_in_order(record, items, key: str, list_path: tuple, what: str):
    previous = None
    for i, item in enumerate(items):
        current = _date(item.get(key))
        if previous and current and current < previous:
            yield found(
                record,
                list_path + (i, key),
                "date.order",
                what=what,
                current=str(current),
                previous=str(previous),
            )
        previous = current or previous


def check_not_future(index: Index, record, path: tuple, value, what: str):
    if value and value > index.today:
        yield found(
            record, path, "date.future", what=what, value=str(value), today=str(index.today)
        )


def end_before_start(record, path: tuple, end: tuple, start: tuple) -> Problem:
    """An end (its label and date) before its start, at the end's path: a term, a period, a 销号."""
    (end_label, end_date), (start_label, start_date) = end, start
    return found(
        record,
        path,
        "date.end-before-start",
        end_label=end_label,
        end=str(end_date),
        start_label=start_label,
        start=str(start_date),
    )
