"""Secretaries' reports (述职评议), one per organisation and year: the id, a date in the year or
the first quarter of the next, none after the build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.check.rules.meetings import branch_year_id
from generators.spec.problems import Problem

LAST_MONTH = 3  # a year's work is reported on by the end of March of the next year


def check_appraisals(index: Index) -> Iterator[Problem]:
    for record in index.valid("appraisal"):
        doc = record.document or {}
        yield from branch_year_id(record, "appraisal.id")
        year, date = doc["year"], doc["date"]
        last = dt.date(year + 1, LAST_MONTH + 1, 1) - dt.timedelta(days=1)
        if not dt.date(year, 7, 1) <= date <= last:
            yield found(
                record, ("date",), "appraisal.date", date=str(date), year=year, last=str(last)
            )
        yield from check_not_future(index, record, ("date",), date, "述职日期")
