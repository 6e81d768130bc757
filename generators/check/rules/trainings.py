"""Training sessions (培训): each organisation once, of the session's township, and no more present
than it has people for the audience; the date not after the build date."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.model.training import FOR_COMMITTEES, FOR_MEMBERS
from generators.spec.problems import Problem

if TYPE_CHECKING:
    from generators.check.validate import RecordFile


def check_trainings(index: Index) -> Iterator[Problem]:
    for record in index.valid("training"):
        doc = record.document
        yield from check_not_future(index, record, ("date",), doc["date"], "培训日期")
        seen: set[str] = set()
        for i, row in enumerate(doc["attendance"]):
            if row["branch"] in seen:
                yield found(record, ("attendance", i, "branch"), "training.branch-twice")
            seen.add(row["branch"])
            branch = getattr(index.ids["branch"].get(row["branch"]), "document", None)
            if branch is not None:
                yield from _attendance(index, record, i, row, branch)


def _attendance(
    index: Index, record: RecordFile, i: int, row: Mapping[str, Any], branch: Mapping[str, Any]
) -> Iterator[Problem]:
    doc: Mapping[str, Any] = record.document or {}
    if branch["township"] != doc["township"]:
        yield found(
            record,
            ("attendance", i, "branch"),
            "training.other-township",
            branch=branch["name"],
            township=index.township_name(doc["township"]),
        )
    limit = _people(branch, doc["audience"])
    if limit is not None and row["present"] > limit[1]:
        yield found(
            record,
            ("attendance", i, "present"),
            "training.present-exceeds",
            present=row["present"],
            branch=branch["name"],
            people=limit[0],
            count=limit[1],
        )


def _people(branch: Mapping[str, Any], audience: str) -> tuple[str, int] | None:
    """Whom an audience counts in an organisation, and how many there are (村社干部: unknown)."""
    if audience == FOR_COMMITTEES:
        return "书记和班子成员", len(branch["committee"])
    if audience == FOR_MEMBERS:
        return "党员", int(branch["members"]["total"])
    return None
