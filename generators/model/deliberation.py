"""The rhythm of deliberation (议事协商): every village and community at least once a quarter
("每季度至少召开1次议事协商会"). Pure: reads the model only.

A township is judged from the year of its first deliberation record to the build year; a
quarter still running is open (进行中), a closed one with no meeting is short. The grid has the
shape of organisational life's (compliance.MeetingGrid), so pages show both the same way; the
shortfalls feed 督办 and the metric `deliberation_quarterly_share` of a plan's target.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from generators.model.compliance import Cell, MeetingGrid
from generators.model.periods import QUARTER, Period, period_containing, periods_from
from generators.model.records import Village
from generators.model.site import Site
from generators.model.village_records import Deliberation

RHYTHM = "每季度"
TIMES = 1  # meetings a quarter
WHAT = "议事协商"


@dataclass(frozen=True)
class QuarterShort:
    """A village held fewer deliberation meetings in a closed quarter than required."""

    village: Village
    period: Period
    held: int


class DeliberationRhythm:
    """Deliberation meetings against the quarterly rhythm, for every village of a site."""

    def __init__(self, site: Site):
        self.site = site
        self.today = site.today

    @cached_property
    def _held(self) -> Counter:
        """(village id, quarter) → meetings held."""
        return Counter(
            (d["village"], period_containing(QUARTER, d["date"]))
            for d in self.site.of("deliberation").values()
        )

    @cached_property
    def _first_year(self) -> dict[str, int]:
        """Township id → the year of its first deliberation record (none after the build year)."""
        first: dict[str, int] = {}
        for record in self.site.of("deliberation").values():
            village = self.site.villages.get(record["village"])
            year = record["date"].year
            if village is not None and year <= self.today.year:
                township = village["township"]
                first[township] = min(first.get(township, year), year)
        return first

    def meetings_of(self, village: Village) -> list[Deliberation]:
        """A village's deliberation meetings, the latest first."""
        found = self.site.related("deliberation", "village", village.id)
        return sorted(found, key=lambda d: (d["date"], d.id), reverse=True)

    def judged(self, village: Village) -> bool:
        return village["township"] in self._first_year

    def years(self, village: Village) -> list[int]:
        """The years a village is judged on, the latest first."""
        first = self._first_year.get(village["township"])
        return [] if first is None else list(range(self.today.year, first - 1, -1))

    def grid(self, village: Village, year: int) -> MeetingGrid:
        """The village's quarters of a year up to the build date: held against required."""
        rows = tuple(
            (period, (Cell(self._held[village.id, period], TIMES, period.end >= self.today),))
            for period in periods_from(QUARTER, dt.date(year, 1, 1), dt.date(year, 12, 31))
            if period.start <= self.today
        )
        return MeetingGrid(RHYTHM, (WHAT,), (TIMES,), rows)

    def shortfalls(self, village: Village, year: int | None = None) -> list[QuarterShort]:
        """Closed quarters with fewer meetings than required: of one year, or of every year judged."""
        years = [year] if year is not None else sorted(self.years(village))
        return [
            QuarterShort(village, period, cells[0].held)
            for y in years
            if y in self.years(village)
            for period, cells in self.grid(village, y).rows
            if cells[0].short
        ]
