"""党员积分 (member points), one record per organisation and year: the id, the grades adding up
to the members scored, and no more members scored than the organisation has."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.dates import check_not_future
from generators.check.rules.index import Index, found
from generators.check.rules.meetings import branch_year_id
from generators.model.points import GRADES
from generators.spec.problems import Problem


def check_points(index: Index) -> Iterator[Problem]:
    for record in index.valid("member_points"):
        doc = record.document or {}
        yield from branch_year_id(record, "points.id")
        graded = sum(int(doc["grades"][key]) for key, _ in GRADES)
        if graded != doc["scored"]:
            yield found(
                record,
                ("grades",),
                "points.grades-sum",
                graded=graded,
                scored=doc["scored"],
                each="、".join(f"{label} {doc['grades'][key]}" for key, label in GRADES),
            )
        branch = getattr(index.ids["branch"].get(doc["branch"]), "document", None)
        if branch is not None and doc["scored"] > int(branch["members"]["total"]):
            yield found(
                record,
                ("scored",),
                "points.scored-exceeds",
                scored=doc["scored"],
                branch=branch["name"],
                members=branch["members"]["total"],
            )
        if doc.get("published") is not None:
            yield from check_not_future(index, record, ("published",), doc["published"], "公示日期")
