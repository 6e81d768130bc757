"""Secretaries' reports on party building (述职评议), one per organisation and year, and the
township's results of a year: who reported, how they were rated. Pure: reads records only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generators.model.records import Record, percent

RATINGS = ("好", "较好", "一般", "差")


@dataclass(frozen=True)
class Appraisal(Record):
    """One organisation's secretary reported on a year's work: when, to whom, and the result."""

    @property
    def result(self) -> str:
        """The result as published: 较好（满意率 96.5%）, or 未公布测评结果."""
        parts = []
        if self.get("rating"):
            parts.append(self["rating"])
        if self.get("satisfaction") is not None:
            parts.append(f"满意率 {Decimal(str(self['satisfaction'])).normalize():f}%")
        if not parts:
            return "未公布测评结果"
        return parts[0] + (f"（{parts[1]}）" if len(parts) > 1 else "")


@dataclass(frozen=True)
class TownshipResults:
    """A township's secretaries' reports of a year, over its village organisations."""

    township: Record
    year: int
    rows: tuple[tuple[Record, Appraisal | None], ...]  # each village organisation, its report

    @property
    def reported(self) -> int:
        return sum(1 for _, a in self.rows if a is not None)

    @property
    def share(self) -> Decimal | None:
        return percent(self.reported, len(self.rows)) if self.rows else None

    @property
    def ratings(self) -> list[tuple[str, int]]:
        counted = Counter(a.get("rating") for _, a in self.rows if a is not None)
        return [(r, counted[r]) for r in RATINGS if counted[r]]


def of_branch(site: Any, branch_id: str, year: int) -> Appraisal | None:
    return next(
        (a for a in site.related("appraisal", "branch", branch_id) if a["year"] == year), None
    )


def all_of_branch(site: Any, branch_id: str) -> list[Appraisal]:
    """An organisation's reports, the latest year first."""
    return sorted(site.related("appraisal", "branch", branch_id), key=lambda a: -a["year"])


def village_reports(
    site: Any, villages: Iterable[Record], year: int
) -> list[tuple[Record, Appraisal | None]]:
    """Each village's leading organisation and its secretary's report of the year, if any."""
    found = []
    for village in villages:
        org = site.leading_organisation(village)
        if org is not None:
            found.append((org, of_branch(site, org.id, year)))
    return found


def years(site: Any) -> list[int]:
    return sorted({a["year"] for a in site.of("appraisal").values()}, reverse=True)


def by_township(site: Any, year: int) -> list[TownshipResults]:
    """Every township's results of a year, in the order of the townships' names."""
    return [
        TownshipResults(
            township,
            year,
            tuple(
                village_reports(
                    site,
                    [v for v in site.villages_by_township() if v["township"] == township.id],
                    year,
                )
            ),
        )
        for township in site.townships_in_order()
    ]
