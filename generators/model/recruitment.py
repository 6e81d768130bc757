"""Member development (发展党员), one record per organisation and year: how many reached each
stage (入党申请人, 入党积极分子, 发展对象, 预备党员, 转正) and how many of them were under 35.

An organisation that admitted no new member (预备党员) in three years running is flagged for
挂牌督办; in a township that keeps these records, a year without one counts as a year without a
new member (a township with none at all is not judged). Pure: reads records
only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generators.model.records import Record, percent

STAGES = (
    ("applicants", "入党申请人"),
    ("activists", "入党积极分子"),
    ("candidates", "发展对象"),
    ("admitted", "预备党员"),
    ("confirmed", "转正"),
)
STALLED_YEARS = 3  # 三年未发展党员


@dataclass(frozen=True)
class Recruitment(Record):
    """One organisation's member development of one year, as counts."""

    @property
    def admitted(self) -> int:
        return int(self["admitted"]["total"])

    @property
    def admitted_young(self) -> int:
        return int(self["admitted"]["under_35"])


def of_branch(site: Any, branch_id: str) -> dict[int, Recruitment]:
    """An organisation's records by year."""
    return {r["year"]: r for r in site.related("recruitment", "branch", branch_id)}


def window(year: int) -> range:
    """The three years ending with `year`."""
    return range(year - STALLED_YEARS + 1, year + 1)


def years_shown(year: int) -> str:
    span = window(year)
    return f"{span[0]}—{span[-1]}年"


@dataclass(frozen=True)
class TownshipYear:
    """A township's member development of a year, over its village organisations."""

    township: Record
    year: int
    orgs: tuple[Record, ...]  # the villages' leading organisations
    totals: tuple[tuple[str, int, int], ...]  # each stage: label, total, under 35
    stalled: tuple[Record, ...]  # organisations with no new member in three years

    @property
    def young_share(self) -> Decimal | None:
        """The share of the year's new members (预备党员) under 35."""
        _, total, young = self.totals[3]
        return percent(young, total) if total else None


def township_year(site: Any, township: Record, year: int) -> TownshipYear:
    villages = [v for v in site.villages_by_township() if v["township"] == township.id]
    orgs = [o for o in (site.leading_organisation(v) for v in villages) if o is not None]
    ids = {b.id for v in villages for b in site.branches_of_village(v)}
    records = [
        r for r in site.of("recruitment").values() if r["year"] == year and r["branch"] in ids
    ]
    totals = tuple(
        (
            label,
            sum(int(r[key]["total"]) for r in records),
            sum(int(r[key]["under_35"]) for r in records),
        )
        for key, label in STAGES
    )
    return TownshipYear(
        township,
        year,
        tuple(orgs),
        totals,
        tuple(o for o in orgs if village_stalled(site, o, year)),
    )


def village_branches(site: Any, org: Record) -> list[str]:
    """The organisation and the others of its village (a 党总支 and its 党支部)."""
    if not org.get("village"):
        return [org.id]
    return [b.id for b in site.related("branch", "village", org["village"])]


def village_admitted(site: Any, org: Record, years: Iterable[int]) -> tuple[int, int]:
    """New members and those under 35 of a village's organisations in these years."""
    total = young = 0
    for branch_id in village_branches(site, org):
        records = of_branch(site, branch_id)
        for y in years:
            if y in records:
                total += records[y].admitted
                young += records[y].admitted_young
    return total, young


def village_stalled(site: Any, org: Record, year: int) -> bool:
    return village_admitted(site, org, window(year))[0] == 0


def townships_keeping(site: Any) -> set[str]:
    """The townships with any member development record: where a year without one means no
    new member rather than a ledger not kept here."""
    return {site.township_of(r["branch"]) for r in site.of("recruitment").values()}


def last_year_ended(today: dt.date) -> int:
    """The last year that has ended by the build date (its last day counts as ended)."""
    return today.year if (today.month, today.day) == (12, 31) else today.year - 1


def in_order(site: Any, branch_id: str) -> list[Recruitment]:
    """An organisation's records, the latest year first."""
    return [r for _, r in sorted(of_branch(site, branch_id).items(), reverse=True)]


def stalled_year(site: Any, branch: Record) -> int | None:
    """The last year ended, if this organisation leads its village and the village admitted no
    new member in the three years up to it (挂牌督办); None otherwise."""
    village = site.villages.get(branch.get("village"))
    lead = site.leading_organisation(village) if village is not None else None
    if lead is None or lead.id != branch.id:
        return None
    if branch["township"] not in townships_keeping(site):
        return None
    year = last_year_ended(site.today)
    return year if village_stalled(site, branch, year) else None


def stalled_at_build(site: Any) -> list[tuple[Record, int]]:
    """Every village organisation with no new member in the three years up to the last year
    ended, with that year: those for 挂牌督办."""
    year = last_year_ended(site.today)
    keeping = townships_keeping(site)
    found = []
    for village in site.villages_by_township():
        if village["township"] not in keeping:
            continue
        org = site.leading_organisation(village)
        if org is not None and village_stalled(site, org, year):
            found.append((org, year))
    return found


def years(site: Any) -> list[int]:
    return sorted({r["year"] for r in site.of("recruitment").values()}, reverse=True)


def by_township(site: Any, year: int) -> list[TownshipYear]:
    return [township_year(site, t, year) for t in site.townships_in_order()]
