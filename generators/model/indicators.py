"""A township's figures of party building (基层党建指标): what the plans require of training,
secretaries' reports, member development, deliberation, venues and supervision committees,
each computed over one township with the metric a plan's target names (targets.METRICS), and
who falls short.

Each indicator holds a township to the seeds' standard as a target would (comparator, value,
per_unit), in the year of the build date. A township with no record of the indicator's type
(of that year, for the types filed by year) has no figure: "暂无记录", never 0%. The township
page lists the figures; the county home compares them across townships (comparison.py). Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generators.model.metric import Scope, Share, UnitValue
from generators.model.records import Record
from generators.model.site import Site
from generators.model.targets import METRICS, TargetResult

NO_RECORDS = "暂无记录"


@dataclass(frozen=True)
class Indicator:
    metric: str  # a name of targets.METRICS
    label: str  # what it counts, in full
    column: str  # its heading in the county's table
    standard: Mapping[str, Any] = field(repr=False)  # as a plan's target writes it
    counts: str = ""  # the record type it is computed from
    by_year: bool = True  # only that year's records are records of the year
    group: str = ""  # the county's table it is a column of (GROUPS)

    @property
    def lists(self) -> str:
        return METRICS[self.metric].lists


def _at_least(percent: int, per_unit: int | None = None) -> Mapping[str, Any]:
    standard: dict[str, Any] = {"comparator": "≥", "value": percent, "unit": "%"}
    if per_unit is not None:
        standard["per_unit"] = per_unit
    return standard


# The county home compares them in two tables, each narrow enough for a desktop's content column.
MEMBERS, VILLAGE_LIFE = "党员和干部队伍", "阵地、议事协商和村务监督"
GROUPS = (MEMBERS, VILLAGE_LIFE)

# The seeds ask to favour young people (80后、90后) in member development but set no share;
# the county's own standard, a majority of the year's new members under 35, stands for it.
YOUNG_PERCENT = 50

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "member_training_hours_share",
        "党员年人均培训达到 32 学时的村（社区）",
        "党员学时",
        _at_least(100, 32),
        "training",
        group=MEMBERS,
    ),
    Indicator(
        "committee_training_hours_share",
        "书记和班子成员年人均集中培训达到 56 学时的村（社区）",
        "班子学时",
        _at_least(100, 56),
        "training",
        group=MEMBERS,
    ),
    Indicator(
        "secretary_training_quarterly_share",
        "每个已满季度都组织了村（社区）书记和班子成员培训的镇党委",
        "季度培训",
        _at_least(100),
        "training",
        group=MEMBERS,
    ),
    Indicator(
        "cadre_training_rotation_share",
        "当年村（社区）干部参加了轮训的村（社区）（全覆盖轮训）",
        "干部轮训",
        _at_least(100),
        "training",
        group=MEMBERS,
    ),
    Indicator(
        "secretary_report_share",
        "党组织书记述职评议的村（社区）党组织（述职面）",
        "书记述职",
        _at_least(100),
        "appraisal",
        group=MEMBERS,
    ),
    Indicator(
        "recruitment_stalled_share",
        "三年未发展党员、应挂牌督办的村（社区）党组织",
        "三年未发展",
        {"comparator": "≤", "value": 0, "unit": "%"},
        "recruitment",
        by_year=False,
        group=MEMBERS,
    ),
    Indicator(
        "recruitment_young_share",
        "35岁以下的当年新发展党员",
        "青年党员",
        _at_least(YOUNG_PERCENT),
        "recruitment",
        group=MEMBERS,
    ),
    Indicator(
        "deliberation_quarterly_share",
        "每季度都召开了议事协商会的村（社区）",
        "议事协商",
        _at_least(100),
        "deliberation",
        group=VILLAGE_LIFE,
    ),
    Indicator(
        "venue_area_share",
        "活动阵地面积达到镇定标准的村（社区）",
        "阵地面积",
        _at_least(100),
        "venue",
        by_year=False,
        group=VILLAGE_LIFE,
    ),
    Indicator(
        "venue_function_share",
        "活动阵地功能齐全的村（社区）",
        "阵地功能",
        _at_least(100),
        "venue",
        by_year=False,
        group=VILLAGE_LIFE,
    ),
    Indicator(
        "oversight_attendance_share",
        "村务监督委员会主任参加或列席全部“两委”会议的村（社区）",
        "监委列席",
        _at_least(100),
        "oversight_log",
        group=VILLAGE_LIFE,
    ),
)


@dataclass(frozen=True)
class Figure:
    """One indicator over one township: its result, or None when the township has no records."""

    indicator: Indicator
    found: TargetResult | None

    @property
    def share(self) -> Share | None:
        """The units counted of those looked at (or the people, for a metric counting them);
        None without a figure."""
        result = self.found.result if self.found else None
        if result is None or result.value is None:
            return None
        if result.parts is not None:
            return result.parts
        return Share(sum(1 for u in result.units if u.ok), len(result.units))

    @property
    def state(self) -> str:
        """达标, 未达标, 无数据 (records, but nothing to judge them by), or 暂无记录."""
        return self.found.state if self.found is not None else NO_RECORDS

    @property
    def reason(self) -> str:
        """Why there are records but no figure (e.g. the township sets no standard)."""
        return self.found.reason if self.found is not None and self.share is None else ""

    @property
    def listed(self) -> tuple[UnitValue, ...]:
        """Who falls short: the units not meeting it, or, for a share that should be none
        (三年未发展党员), the units it counts."""
        if self.share is None or self.found is None or self.found.result is None:
            return ()
        units = self.found.result.units
        if self.indicator.lists == "未达标":
            return tuple(u for u in units if not u.ok)
        return tuple(u for u in units if u.ok)


def _year_of(record: Record) -> int | None:
    if record.get("year") is not None:
        return int(record["year"])
    date = record.get("date")
    return date.year if date is not None else None


def keeps_records(site: Site, indicator: Indicator, township_id: str, year: int) -> bool:
    """Whether a township has any record the indicator counts (of the year, if filed by year)."""
    return any(
        site.township_of_record(record) == township_id
        and (not indicator.by_year or _year_of(record) == year)
        for record in site.of(indicator.counts).values()
    )


def figures_of(site: Site, township_id: str, compliance: Any = None) -> tuple[Figure, ...]:
    """Every indicator over one township, in the year of the build date."""
    year = site.today.year
    scope = Scope(site, (township_id,), compliance=compliance)
    figures = []
    for indicator in INDICATORS:
        found = None
        if keeps_records(site, indicator, township_id, year):
            metric = METRICS[indicator.metric]
            target = {**indicator.standard, "year": year, "deadline": dt.date(year, 12, 31)}
            found = TargetResult(target, metric, metric.compute(scope, target))
        figures.append(Figure(indicator, found))
    return tuple(figures)
