"""The rhythm of deliberation (议事协商): every village and community so many times a period,
as its township requires ("每季度至少召开1次议事协商会"). Pure: reads the model only.

A township's `deliberation_requirement` gives the rhythm, the times a period and the date it
takes effect; a township without one is not judged. A period still running is open (进行中),
a closed one with fewer meetings is short. The grid has the shape of organisational life's
(compliance.MeetingGrid), so pages show both the same way; the shortfalls feed 督办 and the
metric `deliberation_quarterly_share` of a plan's target.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from generators.model.compliance import Cell, MeetingGrid
from generators.model.periods import RHYTHMS, Period, period_containing, periods_from
from generators.model.records import Village
from generators.model.site import Site
from generators.model.village_records import Deliberation

WHAT = "议事协商"


@dataclass(frozen=True)
class QuarterShort:
    """A village held fewer deliberation meetings in a closed period than required."""

    village: Village
    period: Period
    held: int


class DeliberationRhythm:
    """Deliberation meetings against the quarterly rhythm, for every village of a site."""

    def __init__(self, site: Site):
        self.site = site
        self.today = site.today

    def requirement(self, village: Village) -> Mapping | None:
        """Its township's requirement: rhythm, times a period, effective date; None without one."""
        township = self.site.townships.get(village["township"])
        return township.get("deliberation_requirement") if township else None

    def _kind(self, requirement: Mapping) -> str:
        return RHYTHMS[requirement["rhythm"]]

    @cached_property
    def _dates(self) -> dict[str, list[dt.date]]:
        """Village id → the dates of its deliberation meetings."""
        found: dict[str, list[dt.date]] = defaultdict(list)
        for record in self.site.of("deliberation").values():
            found[record["village"]].append(record["date"])
        return found

    def meetings_of(self, village: Village) -> list[Deliberation]:
        """A village's deliberation meetings, the latest first."""
        found = self.site.related("deliberation", "village", village.id)
        return sorted(found, key=lambda d: (d["date"], d.id), reverse=True)

    def rule_text(self, village: Village) -> str:
        """The requirement as staff and readers say it: 每季度至少1次."""
        requirement = self.requirement(village)
        assert requirement is not None, "only a village that is judged has a rule"
        return f"{requirement['rhythm']}至少{requirement.get('times', 1)}次"

    def judged(self, village: Village) -> bool:
        requirement = self.requirement(village)
        return requirement is not None and requirement["effective"] <= self.today

    def judged_in(self, township_id: str) -> list[Village]:
        """A township's villages judged on the rhythm, in the order of their names."""
        return [
            v
            for v in self.site.villages_by_township()
            if v["township"] == township_id and self.judged(v)
        ]

    def years(self, village: Village) -> list[int]:
        """The years a village is judged on, the latest first."""
        requirement = self.requirement(village)
        if requirement is None or not self.judged(village):
            return []
        return list(range(self.today.year, requirement["effective"].year - 1, -1))

    def grid(self, village: Village, year: int) -> MeetingGrid:
        """The village's periods of a year from the requirement's effective date up to the build
        date: held against required."""
        requirement = self.requirement(village)
        assert requirement is not None, "only a village that is judged has a grid"
        kind, times = self._kind(requirement), requirement.get("times", 1)
        held = Counter(period_containing(kind, day) for day in self._dates.get(village.id, ()))
        rows = tuple(
            (period, (Cell(held[period], times, not period.closed_by(self.today)),))
            for period in periods_from(kind, dt.date(year, 1, 1), dt.date(year, 12, 31))
            if period.start <= self.today and period.end >= requirement["effective"]
        )
        return MeetingGrid(requirement["rhythm"], (WHAT,), (times,), rows)

    def shortfalls(self, village: Village, year: int | None = None) -> list[QuarterShort]:
        """Closed periods with fewer meetings than required: of one year, or of every year judged."""
        years = [year] if year is not None else sorted(self.years(village))
        return [
            QuarterShort(village, period, cells[0].held)
            for y in years
            if y in self.years(village)
            for period, cells in self.grid(village, y).rows
            if cells[0].short
        ]
