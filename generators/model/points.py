"""党员积分制管理: one record per organisation and year with its results as aggregates only (how
many members were scored, their average, how many in each grade), never any member's score.

A village is covered in a year when its organisations scored at least as many members as they
have (member statistics of the branch records). Pure: reads records only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generators.model.records import Record

GRADES = (
    ("excellent", "优秀"),
    ("qualified", "合格"),
    ("basic", "基本合格"),
    ("unqualified", "不合格"),
)


@dataclass(frozen=True)
class MemberPoints(Record):
    """One organisation's yearly results of 党员积分制管理, as counts."""

    @property
    def graded(self) -> int:
        return sum(int(self["grades"][key]) for key, _ in GRADES)


def of_year(site: Any, year: int) -> list[MemberPoints]:
    return [r for r in site.of("member_points").values() if r["year"] == year]


def years(site: Any) -> list[int]:
    return sorted({r["year"] for r in site.of("member_points").values()}, reverse=True)


def in_order(site: Any, branch_id: str) -> list[MemberPoints]:
    """An organisation's records, the latest year first."""
    found = site.related("member_points", "branch", branch_id)
    return sorted(found, key=lambda r: r["year"], reverse=True)


@dataclass(frozen=True)
class VillageCoverage:
    """A village's organisations in a year: members scored against members they have."""

    org: Record  # the organisation leading the village
    scored: int
    members: int

    @property
    def covered(self) -> bool:
        return self.scored > 0 and self.scored >= self.members

    @property
    def shown(self) -> str:
        if not self.scored:
            return "未实行党员积分管理"
        return f"积分管理党员 {self.scored} / {self.members} 名"


def village_coverage(site: Any, org: Record, year: int) -> VillageCoverage:
    """The leading organisation's members (a 党总支's count its 党支部's) against those scored by
    every organisation of the village."""
    village_id = org.get("village")
    branches = site.related("branch", "village", village_id) if village_id else [org]
    ids = {b.id for b in branches}
    scored = sum(int(r["scored"]) for r in of_year(site, year) if r["branch"] in ids)
    return VillageCoverage(org, scored, int(org["members"]["total"]))


@dataclass(frozen=True)
class TownshipPoints:
    """A township's results of a year, over its organisations' records."""

    township: Record
    year: int
    records: tuple[MemberPoints, ...]
    villages: tuple[VillageCoverage, ...]

    @property
    def scored(self) -> int:
        return sum(int(r["scored"]) for r in self.records)

    @property
    def grades(self) -> tuple[tuple[str, int], ...]:
        return tuple(
            (label, sum(int(r["grades"][key]) for r in self.records)) for key, label in GRADES
        )

    @property
    def average(self) -> Decimal | None:
        """The average of the organisations' averages, weighted by members scored."""
        if not self.scored:
            return None
        total = sum(
            (Decimal(str(r["average"])) * int(r["scored"]) for r in self.records), Decimal(0)
        )
        return (total / self.scored).quantize(Decimal("0.1"))

    @property
    def uncovered(self) -> tuple[VillageCoverage, ...]:
        return tuple(v for v in self.villages if not v.covered)


def township_points(site: Any, township: Record, year: int) -> TownshipPoints:
    villages = [v for v in site.villages_by_township() if v["township"] == township.id]
    orgs = [o for o in (site.leading_organisation(v) for v in villages) if o is not None]
    records = tuple(
        sorted(
            (r for r in of_year(site, year) if site.township_of(r["branch"]) == township.id),
            key=lambda r: site.unit_key(r["branch"]),
        )
    )
    return TownshipPoints(
        township, year, records, tuple(village_coverage(site, o, year) for o in orgs)
    )


def by_township(site: Any, year: int) -> list[TownshipPoints]:
    return [township_points(site, t, year) for t in site.townships_in_order()]
