"""Activity venues (阵地) against the township's standard: area and functions. Pure.

A township's `venue_standards` give, for 行政村 and for 社区, the least area in m² and the
functions a venue must have (a community's 六站一平台). A village with several venue records
is judged on its largest area and on the functions of all of them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generators.model.records import Village
from generators.model.site import Site
from generators.model.village_records import Venue


@dataclass(frozen=True)
class VenueStanding:
    """A village's venues against its township's standard for its kind."""

    village: Village
    venues: tuple[Venue, ...]
    standard: Mapping

    @property
    def area(self) -> Decimal | None:
        return max((v["area"] for v in self.venues), default=None)

    @property
    def min_area(self) -> Decimal:
        return self.standard["min_area"]

    @property
    def area_ok(self) -> bool:
        return self.area is not None and self.area >= self.min_area

    @property
    def required_functions(self) -> tuple[str, ...]:
        return tuple(self.standard.get("functions", ()))

    @property
    def missing_functions(self) -> tuple[str, ...]:
        present = {f for v in self.venues for f in v.functions}
        return tuple(f for f in self.required_functions if f not in present)


def venues_of(site: Site, village: Village) -> list[Venue]:
    return sorted(site.related("venue", "village", village.id), key=lambda v: v.id)


def standard_of(site: Site, village: Village) -> Mapping | None:
    """The township's venue standard for the village's kind (行政村 or 社区), if it sets one."""
    township = site.townships.get(village["township"])
    standards = township.get("venue_standards", ()) if township else ()
    return next((s for s in standards if s["kind"] == village["kind"]), None)


def standing_of(site: Site, village: Village) -> VenueStanding | None:
    standard = standard_of(site, village)
    if standard is None:
        return None
    return VenueStanding(village, tuple(venues_of(site, village)), standard)


def standings_in(site: Site, villages: list[Village]) -> list[VenueStanding]:
    """The villages' standings, in their order, leaving out those whose township sets no
    standard for their kind."""
    return [s for v in villages if (s := standing_of(site, v)) is not None]
