"""Model classes of a village's own records beyond its file: deliberation meetings (议事协商),
activity venues (阵地), the village supervision committee's work log (村务监督)."""

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


@dataclass(frozen=True)
class OversightLog(Record):
    """A year of a village supervision committee's work: the 两委 meetings and whether its
    chair attended them, what it reviewed, the matters it raised."""

    @property
    def meetings(self) -> tuple:
        return tuple(self.get("meetings", ()))

    @property
    def attended(self) -> int:
        return sum(1 for m in self.meetings if m["chair_attended"])

    @property
    def missed(self) -> tuple:
        """The 两委 meetings its chair neither attended nor sat in on."""
        return tuple(m for m in self.meetings if not m["chair_attended"])

    @property
    def reviews(self) -> tuple:
        return tuple(self.get("reviews", ()))

    @property
    def matters(self) -> tuple:
        return tuple(self.get("matters", ()))

    @property
    def matters_done(self) -> int:
        return sum(1 for m in self.matters if m["status"] == "已办结")
