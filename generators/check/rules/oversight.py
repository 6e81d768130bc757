"""Village supervision committees (村务监督委员会): elected with the 两委, their chair the
village party organisation's 纪检委员 where the village says so, as many names as members;
their work logs one per village and year, dated within it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.check.rules.meetings import branch_year_id
from generators.spec.problems import Problem

if TYPE_CHECKING:  # validate imports the rules
    from generators.check.validate import RecordFile

TERM_APART_DAYS = 90  # the committee is elected with the 两委: its term starts within this


def check_oversight(index: Index) -> Iterator[Problem]:
    discipline = _discipline_members(index)
    for village in index.valid("village"):
        doc = village.document
        assert doc is not None, "a valid record has its document"
        committee = doc["supervision_committee"]
        yield from _term(village, doc["committee_term"]["start"], committee)
        yield from _chair(village, committee, discipline.get(village.id, []))
        yield from _size(village, committee)
    for log in index.valid("oversight_log"):
        assert log.document is not None, "a valid record has its document"
        yield from _log(index, log, log.document)


def _discipline_members(index: Index) -> dict[str, list[str]]:
    """Village id → the names of its party organisations' 纪检委员."""
    found_names: dict[str, list[str]] = defaultdict(list)
    for branch in index.valid("branch"):
        village = branch.document.get("village")
        if village:
            found_names[village] += [
                m["name"] for m in branch.document["committee"] if m["role"] == "纪检委员"
            ]
    return found_names


def _term(village: RecordFile, two: dt.date, committee: Mapping) -> Iterator[Problem]:
    apart = abs((committee["term_start"] - two).days)
    if apart > TERM_APART_DAYS:
        yield found(
            village,
            ("supervision_committee", "term_start"),
            "oversight.term-apart",
            start=str(committee["term_start"]),
            two=str(two),
            days=apart,
        )


def _chair(village: RecordFile, committee: Mapping, names: list[str]) -> Iterator[Problem]:
    chair = committee.get("chair")
    if committee.get("chair_is_discipline_member") and chair and chair not in names:
        yield found(
            village,
            ("supervision_committee", "chair"),
            "oversight.chair-not-discipline-member",
            chair=chair,
            names="、".join(names) if names else "没有填写纪检委员",
        )


def _size(village: RecordFile, committee: Mapping) -> Iterator[Problem]:
    if committee.get("chair") and committee.get("members") is not None:
        named = 1 + len(committee["members"])
        if named != committee["size"]:
            yield found(
                village,
                ("supervision_committee", "size"),
                "oversight.size",
                size=committee["size"],
                named=named,
            )


def _log(index: Index, log: RecordFile, doc: Mapping) -> Iterator[Problem]:
    yield from branch_year_id(log, "oversight.id", owner="village")
    for part in ("meetings", "reviews", "matters"):
        for i, entry in enumerate(doc.get(part) or []):
            if entry["date"].year != doc["year"]:
                yield found(
                    log,
                    (part, i, "date"),
                    "oversight.year",
                    date=str(entry["date"]),
                    year=doc["year"],
                )
            yield from check_not_future(index, log, (part, i, "date"), entry["date"], "日期")
