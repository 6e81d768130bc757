"""两新组织: party members within the staff, and the coverage with what it needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generators.check.rules.index import Index, found
from generators.model.records import NOT_COVERED
from generators.spec.problems import Problem

if TYPE_CHECKING:  # validate imports the rules
    from generators.check.validate import RecordFile

JOINED = ("单独组建", "联合组建")  # coverages by a party organization, which the record names


MIN_OWN_BRANCH = 3  # party members a 两新组织 needs for a branch of its own


def check_new_orgs(index: Index) -> Iterator[Problem]:
    for record in index.valid("new_org"):
        doc = record.document
        if doc["party_members"] > doc["staff"]:
            yield found(
                record,
                ("party_members",),
                "new-org.members-exceed-staff",
                party_members=doc["party_members"],
                staff=doc["staff"],
            )
        yield from _coverage(record, doc)


def _coverage(record: RecordFile, doc: dict) -> Iterator[Problem]:
    coverage = doc["coverage"]
    if coverage in JOINED and not doc.get("branch"):
        yield found(record, ("coverage",), "new-org.branch-required", coverage=coverage)
    if coverage == NOT_COVERED and doc.get("branch"):
        yield found(record, ("branch",), "new-org.branch-not-covered", branch=doc["branch"])
    if coverage == "选派党建指导员" and not doc.get("instructor"):
        yield found(record, ("coverage",), "new-org.instructor-required")
    if coverage == "单独组建" and doc["party_members"] < MIN_OWN_BRANCH:
        yield found(
            record,
            ("party_members",),
            "new-org.too-few-members",
            party_members=doc["party_members"],
        )
