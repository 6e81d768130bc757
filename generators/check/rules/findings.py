"""Findings (问题清单、整改清单): 销号 with its date and evidence, dates from the finding on,
and the 软弱涣散 整顿 episode a finding names."""

from __future__ import annotations

import datetime as dt

from generators.check.rules.dates import check_dates_in_order, check_not_future, end_before_start
from generators.check.rules.index import Index, found
from generators.model.records import CLOSED

CLOSING_FIELDS = ("closed", "evidence")  # what 销号 needs, and only 销号 allows


def check_findings(index: Index):
    branches = {b.id: b for b in index.valid("branch")}
    for record in index.valid("finding"):
        doc = record.document
        yield from _closing(record, doc)
        yield from check_not_future(index, record, ("found",), doc["found"], "发现日期")
        yield from _not_before_found(
            record, ("deadline",), doc["deadline"], "整改时限", doc["found"]
        )
        if doc.get("closed"):
            yield from _not_before_found(
                record, ("closed",), doc["closed"], "销号日期", doc["found"]
            )
            yield from check_not_future(index, record, ("closed",), doc["closed"], "销号日期")
        progress = doc.get("progress") or []
        yield from check_dates_in_order(record, progress, "date", ("progress",), "整改进展")
        for i, entry in enumerate(progress):
            yield from _not_before_found(
                record, ("progress", i, "date"), entry["date"], "进展日期", doc["found"]
            )
            yield from check_not_future(
                index, record, ("progress", i, "date"), entry["date"], "进展日期"
            )
        if doc.get("branch_rectification") is not None:
            yield from _rectification_episode(index, record, doc, branches)


def _closing(record, doc):
    """销号日期 and 销号依据 are given when, and only when, the finding is 已销号."""
    closed = doc["status"] == CLOSED
    for key in CLOSING_FIELDS:
        what = record.type.schema.label_of((key,))
        if closed and doc.get(key) is None:
            yield found(record, ("status",), "finding.closing-missing", what=what, key=key)
        elif not closed and doc.get(key) is not None:
            yield found(
                record, (key,), "finding.closing-while-open", what=what, status=doc["status"]
            )


def _not_before_found(record, path: tuple, value: dt.date, what: str, found_on: dt.date):
    if value < found_on:
        yield end_before_start(record, path, (what, value), ("发现日期", found_on))


def _rectification_episode(index: Index, record, doc, branches):
    """A finding tied to a 软弱涣散 整顿 names the branch's episode by the year it started."""
    year = doc["branch_rectification"]
    branch = branches.get(doc["unit"])
    if branch is None and doc["unit"] in index.ids["branch"]:
        return  # the branch's own file is broken and already reported
    episodes = (branch.document.get("rectifications") or []) if branch else []
    if not any(e["started"].year == year for e in episodes):
        yield found(
            record,
            ("branch_rectification",),
            "finding.no-rectification",
            year=year,
            unit=doc["unit"],
            is_branch=branch is not None,
            started="、".join(str(e["started"]) for e in episodes),
        )
