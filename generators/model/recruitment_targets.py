"""The plans' targets for member development (发展党员): village (community) party organisations
with no new member in three years (挂牌督办), and the share of new members under 35.
targets.py adds these metrics to its own."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from generators.model import metric as t
from generators.model.records import percent
from generators.model.recruitment import townships_keeping, village_admitted, window, years_shown


def stalled_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Counted (ok) are the organisations with no new member in the three years to the year."""
    year = t.year_of(target)
    if not townships_keeping(scope.site) & set(scope.townships):
        return t.Result(None, (), "范围内没有发展党员记录（data/recruitment/）")
    units = []
    for org in scope.village_organisations():
        admitted, _ = village_admitted(scope.site, org, window(year))
        shown = f"{years_shown(year)}未发展党员" if not admitted else f"三年发展 {admitted} 名"
        units.append(t.UnitValue(org.id, shown, admitted == 0))
    return t.share(units, "村（社区）党组织")


def young_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Of the year's new members (预备党员), the share under 35; each organisation by its own."""
    year, goal = t.year_of(target), Decimal(target["value"])
    units, total, young = [], 0, 0
    for org in scope.village_organisations():
        admitted, under = village_admitted(scope.site, org, [year])
        if not admitted:
            continue
        total, young = total + admitted, young + under
        own = percent(under, admitted)
        units.append(
            t.UnitValue(org.id, f"新发展 {admitted} 名，35岁以下 {under} 名", own >= goal, own)
        )
    if not total:
        return t.Result(None, (), f"范围内的村（社区）党组织{year}年没有接收预备党员")
    return t.Result(percent(young, total), tuple(units), parts=t.Share(young, total))


METRICS: tuple[t.Metric, ...] = (
    t.Metric(
        "recruitment_stalled_share",
        "连续三年未发展党员的村（社区）党组织比例（挂牌督办）",
        "%",
        "share",
        "发展党员记录（data/recruitment/）的预备党员人数",
        stalled_share,
        "村（社区）党组织",
        "三年未发展党员、应挂牌督办",
    ),
    t.Metric(
        "recruitment_young_share",
        "当年新发展党员中35岁以下的比例",
        "%",
        "share",
        "发展党员记录（data/recruitment/）的预备党员人数和其中35岁以下人数",
        young_share,
        "村（社区）党组织",
    ),
)
