"""Meeting logs (三会一课), one per branch and year: its id, its meetings within its year and in
order, none after the build date, no more present than due."""

from __future__ import annotations

from generators.check.rules.dates import check_dates_in_order, check_not_future
from generators.check.rules.index import Index, found


def branch_year_id(record, code: str, owner: str = "branch"):
    """A record kept per branch and year (meetings, pledges) has the id <branch>-<year>; one kept
    per village and year (a supervision committee's log), <village>-<year>."""
    expected = f"{record.document[owner]}-{record.document['year']}"
    if record.document["id"] != expected:
        yield found(record, ("id",), code, expected=expected)


def check_meetings(index: Index):
    for record in index.valid("meetings"):
        yield from branch_year_id(record, "meetings.id")
        meetings = record.document.get("meetings") or []
        yield from check_dates_in_order(record, meetings, "date", ("meetings",), "会议")
        for i, meeting in enumerate(meetings):
            if meeting["date"].year != record.document["year"]:
                yield found(
                    record,
                    ("meetings", i, "date"),
                    "meetings.year",
                    date=str(meeting["date"]),
                    year=record.document["year"],
                )
            yield from check_not_future(
                index, record, ("meetings", i, "date"), meeting["date"], "会议日期"
            )
            if meeting["present"] > meeting["due"]:
                yield found(
                    record,
                    ("meetings", i, "present"),
                    "meetings.attendance",
                    present=meeting["present"],
                    due=meeting["due"],
                )
