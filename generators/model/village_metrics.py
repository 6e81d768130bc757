"""Metrics of plans' targets computed from a village's own records: deliberation (议事协商),
activity venues (阵地), village supervision committees (村务监督).

METRICS describes each as targets.Metric's fields (name, label, unit, form, needs, compute);
targets.py makes them Metrics and adds them to its own. The functions take targets' Scope and
give its Result (imported when called: targets imports this module). Pure: reads the model only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from generators.model.deliberation import DeliberationRhythm
from generators.model.venues import VenueStanding, standings_in
from generators.model.village_records import OversightLog

if TYPE_CHECKING:
    from generators.model.targets import Result, Scope


def deliberation_quarterly_share(scope: Scope, target: Mapping) -> Result:
    """Villages and communities that held deliberation meetings as required in every closed
    period of the year (their township's requirement, e.g. 每季度至少1次)."""
    from generators.model.targets import Result, UnitValue, share, year_of

    year = year_of(target)
    rhythm = DeliberationRhythm(scope.site)
    villages = [v for v in scope.villages() if rhythm.judged(v)]
    if not villages:
        return Result(None, (), "镇里没有规定议事协商要求（deliberation_requirement）")
    units = []
    for village in villages:
        short = rhythm.shortfalls(village, year)
        shown = (
            "、".join(s.period.short_label for s in short) + f"未达到{rhythm.rule_text(village)}"
            if short
            else f"{year}年均达到{rhythm.rule_text(village)}"
        )
        units.append(UnitValue(village.id, shown, not short))
    return share(units, "村（社区）")


KIND_OF_SECTOR = {"农村": "行政村", "社区": "社区"}  # a target's sector, for villages
NOT_FILED = "未填报活动阵地"


def _standings(
    scope: Scope, target: Mapping, with_functions: bool
) -> tuple[list[VenueStanding], Result | None]:
    """(standings, reason): the villages in scope (of the target's sector) held to a standard."""
    from generators.model.targets import Result

    kind = KIND_OF_SECTOR.get(target.get("sector") or "")
    villages = [v for v in scope.villages() if kind is None or v["kind"] == kind]
    standings = standings_in(scope.site, villages)
    if with_functions:
        standings = [s for s in standings if s.required_functions]
    if not standings:
        what = "应有功能" if with_functions else "面积下限"
        return [], Result(
            None, (), f"镇里没有为范围内的村（社区）规定阵地{what}（venue_standards）"
        )
    if not any(s.venues for s in standings):
        return [], Result(None, (), "范围内没有活动阵地记录（data/venues/）")
    return standings, None


def venue_area_share(scope: Scope, target: Mapping) -> Result:
    """Villages and communities whose venue reaches the township's least area."""
    from generators.model.targets import UnitValue, share

    standings, empty = _standings(scope, target, with_functions=False)
    if empty is not None:
        return empty
    units = [
        UnitValue(
            s.village.id,
            f"{s.area} 平方米（标准 {s.min_area} 平方米）" if s.venues else NOT_FILED,
            s.area_ok,
            s.area,
        )
        for s in standings
    ]
    return share(units, "村（社区）")


def venue_function_share(scope: Scope, target: Mapping) -> Result:
    """Villages and communities whose venues have every function of the township's standard."""
    from generators.model.targets import UnitValue, share

    standings, empty = _standings(scope, target, with_functions=True)
    if empty is not None:
        return empty
    units = []
    for s in standings:
        missing = s.missing_functions
        if not s.venues:
            shown = NOT_FILED
        elif missing:
            shown = "缺" + "、".join(missing)
        else:
            shown = f"{len(s.required_functions)} 项功能齐全"
        units.append(UnitValue(s.village.id, shown, bool(s.venues) and not missing))
    return share(units, "村（社区）")


def oversight_attendance_share(scope: Scope, target: Mapping) -> Result:
    """Villages whose supervision committee chair attended (or sat in on) every 两委 meeting of
    the year its work log records ("村务监督委员会主任参加或列席村'两委'会")."""
    from generators.model.targets import Result, UnitValue, share, year_of

    year = year_of(target)
    logs = scope.site.of("oversight_log")
    villages = scope.villages()
    if villages and not any(f"{v.id}-{year}" in logs for v in villages):
        return Result(None, (), f"范围内没有{year}年的村务监督工作记录（data/oversight/）")
    units = []
    for village in villages:
        log = logs.get(f"{village.id}-{year}")
        if not isinstance(log, OversightLog) or not log.meetings:
            shown, ok = f"{year}年未填报“两委”会议", False
        else:
            shown = f"“两委”会议 {len(log.meetings)} 次，主任参加或列席 {log.attended} 次"
            ok = not log.missed
        units.append(UnitValue(village.id, shown, ok))
    return share(units, "村（社区）")


METRICS = (
    (
        "deliberation_quarterly_share",
        "每一期都按镇的要求（如每季度至少1次）召开了议事协商会的村（社区）比例",
        "%",
        "share",
        "村（社区）的议事协商记录和镇的议事协商要求",
        deliberation_quarterly_share,
    ),
    (
        "venue_area_share",
        "活动阵地面积达到镇定标准的村（社区）比例",
        "%",
        "share",
        "村（社区）的活动阵地记录和镇的阵地标准",
        venue_area_share,
    ),
    (
        "venue_function_share",
        "活动阵地功能齐全（如社区“六站一平台”）的村（社区）比例",
        "%",
        "share",
        "村（社区）的活动阵地记录和镇的阵地标准",
        venue_function_share,
    ),
    (
        "oversight_attendance_share",
        "村务监督委员会主任参加或列席全部村“两委”会议的村（社区）比例",
        "%",
        "share",
        "村务监督工作记录中的村“两委”会议",
        oversight_attendance_share,
    ),
)
