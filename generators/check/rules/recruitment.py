"""Member development (发展党员), one record per organisation and year: the id, no more under 35
than in all at each stage, and no more confirmed (转正) than the year before admitted."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.index import Index, found
from generators.check.rules.meetings import branch_year_id
from generators.model.recruitment import STAGES
from generators.spec.problems import Problem


def check_recruitment(index: Index) -> Iterator[Problem]:
    records = index.valid("recruitment")
    admitted = {
        (r.document["branch"], r.document["year"]): r.document["admitted"]["total"]
        for r in records
        if r.document
    }
    for record in records:
        doc = record.document or {}
        yield from branch_year_id(record, "recruitment.id")
        for key, label in STAGES:
            if doc[key]["under_35"] > doc[key]["total"]:
                yield found(
                    record,
                    (key, "under_35"),
                    "recruitment.young-exceeds",
                    stage=label,
                    young=doc[key]["under_35"],
                    total=doc[key]["total"],
                )
        before = admitted.get((doc["branch"], doc["year"] - 1))
        if before is not None and doc["confirmed"]["total"] > before:
            yield found(
                record,
                ("confirmed", "total"),
                "recruitment.confirmed-exceeds",
                confirmed=doc["confirmed"]["total"],
                year=doc["year"] - 1,
                admitted=before,
            )
