"""The plans' training targets (培训): hours per member and per committee member, the township's
quarterly training of secretaries, and the yearly rotation of village cadres.

Only counts are recorded, so a village is held to a target by its averages (person-hours over
people), never by any one person's hours. The unit is each village's leading party
organisation; its hours are those of every organisation of the village. targets.py adds
these metrics to its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from generators.model import metric as t
from generators.model.periods import (
    HALF,
    KIND_NAMES,
    QUARTER,
    Period,
    period_containing,
    periods_from,
)
from generators.model.records import Record, compare
from generators.model.training import (
    FOR_CADRES,
    FOR_COMMITTEES,
    TOWNSHIP_LEVEL,
    Training,
    VillageHours,
    hours,
    of_year,
    village_hours,
)


def _sessions(scope: t.Scope) -> list[Training]:
    found = scope.site.of("training").values()
    return [s for s in found if isinstance(s, Training) and s["township"] in scope.townships]


def _village_hours(scope: t.Scope, target: Mapping) -> list[VillageHours]:
    return village_hours(scope.site, scope.villages(), _sessions(scope), t.year_of(target))


def _averages(scope: t.Scope, target: Mapping, of: str) -> list[tuple[Record, Decimal | None]]:
    """Each village's average hours per member (of="members") or per committee post."""
    return [(row.org, getattr(row, of)) for row in _village_hours(scope, target)]


def _hours_each(scope: t.Scope, target: Mapping, of: str) -> t.Result:
    year, goal = t.year_of(target), Decimal(target["value"])
    units = [
        t.UnitValue(
            org.id,
            f"人均 {hours(value)}",
            value is not None and compare(value, target["comparator"], goal),
            value,
        )
        for org, value in _averages(scope, target, of)
    ]
    return t.each(units, "村（社区）党组织", year)


def _hours_share(scope: t.Scope, target: Mapping, of: str) -> t.Result:
    standard = Decimal(target.get("per_unit", 0))
    units = [
        t.UnitValue(org.id, f"人均 {hours(value)}", value is not None and value >= standard, value)
        for org, value in _averages(scope, target, of)
    ]
    return t.share(units, "村（社区）党组织")


def member_hours_each(scope: t.Scope, target: Mapping) -> t.Result:
    return _hours_each(scope, target, "members")


def member_hours_share(scope: t.Scope, target: Mapping) -> t.Result:
    return _hours_share(scope, target, "members")


def committee_hours_each(scope: t.Scope, target: Mapping) -> t.Result:
    return _hours_each(scope, target, "committees")


def committee_hours_share(scope: t.Scope, target: Mapping) -> t.Result:
    return _hours_share(scope, target, "committees")


def periods_due(kind: str, year: int, today: dt.date) -> list[Period]:
    """The quarters (or half-years) of a year that are over on the build date
    (periods.Period.closed_by: a period's last day is still open), as organisational life and
    deliberation judge them."""
    found = periods_from(kind, dt.date(year, 1, 1), dt.date(year, 12, 31))
    return [period for period in found if period.closed_by(today)]


def quarters_due(year: int, today: dt.date) -> list[int]:
    """The numbers of the quarters of a year that are over on the build date."""
    return [q for q, _ in enumerate(periods_due(QUARTER, year, today), 1)]


def _township_rhythm(scope: t.Scope, target: Mapping, kind: str, audience: str) -> t.Result:
    """Townships that held a township-level session for the audience in every period of the
    kind that has ended, naming the periods they missed."""
    year = t.year_of(target)
    due = periods_due(kind, year, scope.site.today)
    units = []
    for township in sorted(scope.townships):
        held = {
            period_containing(kind, s["date"])
            for s in of_year(_sessions(scope), year, audience)
            if s["township"] == township and s["level"] == TOWNSHIP_LEVEL
        }
        missing = [p for p in due if p not in held]
        shown = (
            "、".join(p.short_label for p in missing) + "未举办"
            if missing
            else f"{len(due)} 个{KIND_NAMES[kind]}均已举办"
        )
        units.append(
            t.UnitValue(township, shown if due else "尚无期满的" + KIND_NAMES[kind], not missing)
        )
    return t.share(units, "镇（街道）")


def secretary_quarters_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Townships that trained their secretaries and committee members in every quarter ended."""
    return _township_rhythm(scope, target, QUARTER, FOR_COMMITTEES)


def cadre_halves_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Townships that trained their other village cadres (村社干部) in every half-year ended."""
    return _township_rhythm(scope, target, HALF, FOR_CADRES)


def cadre_rotation_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Villages whose cadres (secretary, committee, 村社干部) took part in a training that year."""
    units = [
        t.UnitValue(
            row.org.id,
            f"参加 {row.cadre_sessions} 期" if row.cadre_sessions else "全年未参加培训",
            row.cadre_sessions > 0,
        )
        for row in _village_hours(scope, target)
    ]
    return t.share(units, "村（社区）党组织")


METRICS: tuple[t.Metric, ...] = (
    t.Metric(
        "member_training_hours_each",
        "每个村（社区）党员的年度人均培训学时",
        "学时",
        "each",
        "培训记录（党员、书记和班子成员培训）的学时和各党组织实到人数",
        member_hours_each,
        "村（社区）党组织",
    ),
    t.Metric(
        "member_training_hours_share",
        "党员年度人均培训学时达到标准（per_unit）的村（社区）比例",
        "%",
        "share",
        "培训记录（党员、书记和班子成员培训）的学时和各党组织实到人数",
        member_hours_share,
        "村（社区）党组织",
    ),
    t.Metric(
        "committee_training_hours_each",
        "每个村（社区）书记和班子成员的年度人均集中培训学时",
        "学时",
        "each",
        "培训记录（书记和班子成员培训）的学时和实到人数，党组织班子成员数",
        committee_hours_each,
        "村（社区）党组织",
    ),
    t.Metric(
        "committee_training_hours_share",
        "书记和班子成员年度人均集中培训学时达到标准（per_unit）的村（社区）比例",
        "%",
        "share",
        "培训记录（书记和班子成员培训）的学时和实到人数，党组织班子成员数",
        committee_hours_share,
        "村（社区）党组织",
    ),
    t.Metric(
        "secretary_training_quarterly_share",
        "每个已满季度都举办了书记和班子成员培训的镇（街道）比例",
        "%",
        "share",
        "镇级培训记录（书记和班子成员培训）的日期",
        secretary_quarters_share,
        "镇（街道）",
    ),
    t.Metric(
        "cadre_training_half_yearly_share",
        "每个已满半年都举办了村（社区）干部培训的镇（街道）比例",
        "%",
        "share",
        "镇级培训记录（村社干部培训）的日期",
        cadre_halves_share,
        "镇（街道）",
    ),
    t.Metric(
        "cadre_training_rotation_share",
        "当年村（社区）干部参加轮训的村（社区）比例",
        "%",
        "share",
        "培训记录（书记和班子成员、村社干部培训）的参训党组织",
        cadre_rotation_share,
        "村（社区）党组织",
    ),
)
