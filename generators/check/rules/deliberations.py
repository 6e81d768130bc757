"""Deliberation meetings (议事协商): no date after the build date, and the findings they passed
on (转入问题整改) belong to the village or one of its party organisations."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def check_deliberations(index: Index) -> Iterator[Problem]:
    findings = {f.id: f.document for f in index.valid("finding")}
    village_of_branch = {b.id: b.document.get("village") for b in index.valid("branch")}
    for record in index.valid("deliberation"):
        doc = record.document
        yield from check_not_future(index, record, ("date",), doc["date"], "议事协商日期")
        for i, finding_id in enumerate(doc.get("findings") or []):
            finding = findings.get(finding_id)
            if finding is None:
                continue  # an unknown id is ref.unknown's; a broken finding is reported itself
            if finding["found"] < doc["date"]:
                yield found(
                    record,
                    ("findings", i),
                    "deliberation.finding-before-meeting",
                    finding=finding_id,
                    found_on=str(finding["found"]),
                    date=str(doc["date"]),
                )
            unit = finding["unit"]
            if unit != doc["village"] and village_of_branch.get(unit) != doc["village"]:
                yield found(
                    record,
                    ("findings", i),
                    "deliberation.finding-elsewhere",
                    finding=finding_id,
                    unit=unit,
                    village=doc["village"],
                )
