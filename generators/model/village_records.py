"""Model classes of a village's own records beyond its file: deliberation meetings (议事协商),
activity venues (阵地)."""

from __future__ import annotations

from dataclasses import dataclass

from generators.model.periods import QUARTER, Period, period_containing
from generators.model.records import Record


@dataclass(frozen=True)
class Deliberation(Record):
    """One deliberation meeting (议事协商会, 民主恳谈会 …) of a village or community."""

    @property
    def quarter(self) -> Period:
        return period_containing(QUARTER, self["date"])

    @property
    def findings(self) -> tuple[str, ...]:
        return tuple(self.get("findings", ()))


@dataclass(frozen=True)
class Venue(Record):
    """A village's or community's activity venue (党群服务中心, 活动阵地)."""

    @property
    def functions(self) -> tuple[str, ...]:
        return tuple(self["functions"])
