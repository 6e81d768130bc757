"""The plans' target for 党员积分制管理 (做实党员“积分制”管理): the share of village (community)
party organisations whose members were all scored in the year. targets.py adds this metric."""

from __future__ import annotations

from collections.abc import Mapping

from generators.model import metric as t
from generators.model.points import village_coverage


def coverage_share(scope: t.Scope, target: Mapping) -> t.Result:
    year = t.year_of(target)
    units = [
        t.UnitValue(org.id, found.shown, found.covered)
        for org in scope.village_organisations()
        for found in (village_coverage(scope.site, org, year),)
    ]
    return t.share(units, "村（社区）党组织")


METRICS: tuple[t.Metric, ...] = (
    t.Metric(
        "member_points_coverage_share",
        "全体党员都实行了积分管理的村（社区）党组织比例",
        "%",
        "share",
        "党员积分记录（data/points/）的参加积分党员数，党组织的党员总数",
        coverage_share,
        "村（社区）党组织",
    ),
)
