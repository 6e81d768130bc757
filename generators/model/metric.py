"""What every metric of a plan's targets is made of: the units a target is about (Scope), each
unit's own value (UnitValue), the metric's result (Result) and its description (Metric), and the
two forms of result: a share of units, or every unit held to the value (the weakest shown).

targets.py holds the metrics of the first record types and the targets' evaluation; the metrics
of a later type live in a module of their own (training_targets.py) built on these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from generators.model.collation import in_chinese_order
from generators.model.records import Branch, Plan, Record, Village, percent
from generators.model.site import Site
from generators.render.formats import number

if TYPE_CHECKING:  # compliance imports targets, which imports this module
    from generators.model.compliance import Compliance


@dataclass(frozen=True)
class UnitValue:
    """One unit a metric looked at: its own value as shown, and whether it counts as meeting the target."""

    unit: str  # a village, branch, organisation or task id
    shown: str  # e.g. "四星", "162,345.90 元", "未填报"
    ok: bool
    value: Decimal | None = None


@dataclass(frozen=True)
class Result:
    value: Decimal | None
    units: tuple[UnitValue, ...] = ()
    reason: str = ""  # why there is no value
    no_units: bool = (
        False  # the scope holds nothing to count: a mistake in the target, not missing data
    )
    # the value as a part of a whole when it counts people rather than units (35岁以下 of the
    # new members): what a figure shows; None when the value is the share of units ok
    parts: Share | None = None

    @property
    def short(self) -> tuple[UnitValue, ...]:
        return tuple(u for u in self.units if not u.ok)


@dataclass(frozen=True)
class Share:
    """A part of a whole, and the share in per cent (one decimal); no share of nothing."""

    part: int
    whole: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.part, self.whole) if self.whole else None

    @property
    def shown(self) -> str:
        """50%（1 / 2）, or — of nothing."""
        if self.rate is None:
            return "—"
        return f"{number(self.rate)}%（{self.part} / {self.whole}）"


@dataclass(frozen=True)
class Metric:
    name: str
    label: str  # what it counts, in Chinese
    unit: str  # "%", "元" or "倍"
    form: str  # "share" or "each"
    needs: str  # the records it is computed from, for staff
    compute: Callable[[Scope, Mapping], Result] = field(repr=False)
    unit_kind: str = "村（社区）"  # what the listed units are
    lists: str = (
        "未达标"  # heading of the unit list: who falls short (or, for some shares, who is counted)
    )


@dataclass
class Scope:
    """The units a target is about: its townships' villages, organisations and tasks."""

    site: Site
    townships: tuple[str, ...]
    sector: str | None = None
    plan: Plan | None = None
    compliance: Compliance | None = None  # the build's, for organisational life

    def villages(self) -> list[Village]:
        return in_chinese_order(
            v for v in self.site.villages.values() if v["township"] in self.townships
        )

    def village_organisations(self) -> list[Branch]:
        """The party organisation leading each village."""
        found = [self.site.leading_organisation(v) for v in self.villages()]
        return [org for org in found if org is not None]

    def branches(self) -> list[Branch]:
        branches = [b for b in self.site.branches.values() if b["township"] in self.townships]
        if self.sector:
            branches = [b for b in branches if b["sector"] == self.sector]
        return in_chinese_order(branches)

    def new_organisations(self) -> list[Record]:
        orgs = [o for o in self.site.of("new_org").values() if o.get("township") in self.townships]
        if self.sector:
            orgs = [o for o in orgs if o.get("kind") == self.sector]
        return in_chinese_order(orgs)


def year_of(target: Mapping) -> int:
    """The year a target is judged on: its `year`, or its deadline's."""
    return target.get("year") or target["deadline"].year


def share(units: list[UnitValue], what: str) -> Result:
    if not units:
        return Result(None, (), f"范围内没有{what}", no_units=True)
    return Result(percent(sum(1 for u in units if u.ok), len(units)), tuple(units))


def each(units: list[UnitValue], what: str, year: int) -> Result:
    if not units:
        return Result(None, (), f"范围内没有{what}", no_units=True)
    values = [u.value for u in units if u.value is not None]
    if not values:
        return Result(None, tuple(units), f"范围内没有{what}填报{year}年的数据")
    return Result(min(values), tuple(units))
