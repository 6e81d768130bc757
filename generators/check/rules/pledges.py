"""A branch's pledges of a year (承诺践诺): its id, kept pledges with their progress, the review
in time."""

from __future__ import annotations

import datetime as dt

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.check.rules.meetings import branch_year_id

REVIEW_LAST_MONTH = 3  # a year's pledges are reviewed by the end of March of the next year


def check_pledges(index: Index):
    for record in index.valid("pledge"):
        doc = record.document
        yield from branch_year_id(record, "pledge.id")
        for i, item in enumerate(doc["items"]):
            if item["status"] == "已兑现" and not (item.get("progress") or "").strip():
                yield found(record, ("items", i, "status"), "pledge.kept-without-progress")
        review = doc.get("review")
        if review:
            yield from _pledge_review(index, record, review["date"], doc["year"])


def _pledge_review(index: Index, record, date: dt.date, year: int):
    last = dt.date(year + 1, REVIEW_LAST_MONTH + 1, 1) - dt.timedelta(days=1)
    if not dt.date(year, 1, 1) <= date <= last:
        yield found(
            record,
            ("review", "date"),
            "pledge.review-date",
            date=str(date),
            year=year,
            last=str(last),
        )
    yield from check_not_future(index, record, ("review", "date"), date, "评诺日期")
