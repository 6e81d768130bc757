"""The plans' targets for secretaries' reports (述职评议) and public pledges (公开承诺、述职的党组织
书记面要达 100%): the share of village (community) party organisations whose secretary reported
on the year's party building, and of those that published the year's pledges (承诺践诺评诺).
targets.py adds these metrics to its own."""

from __future__ import annotations

from collections.abc import Mapping

from generators.model import metric as t
from generators.model.appraisal import village_reports


def report_share(scope: t.Scope, target: Mapping) -> t.Result:
    year = t.year_of(target)
    units = [
        t.UnitValue(
            org.id,
            f"{report['date']} 述职，{report.result}" if report else f"{year}年未述职",
            report is not None,
        )
        for org, report in village_reports(scope.site, scope.villages(), year)
    ]
    return t.share(units, "村（社区）党组织")


def pledge_share(scope: t.Scope, target: Mapping) -> t.Result:
    """Village organisations with the year's pledges, by any organisation of the village."""
    year = t.year_of(target)
    units = []
    for org in scope.village_organisations():
        ids = {b.id for b in scope.site.related("branch", "village", org["village"])}
        items = sum(
            len(p["items"])
            for p in scope.site.of("pledge").values()
            if p["year"] == year and p["branch"] in ids
        )
        shown = f"公开承诺 {items} 项" if items else f"{year}年未公开承诺"
        units.append(t.UnitValue(org.id, shown, items > 0))
    return t.share(units, "村（社区）党组织")


METRICS: tuple[t.Metric, ...] = (
    t.Metric(
        "secretary_report_share",
        "党组织书记当年述职评议的村（社区）党组织比例",
        "%",
        "share",
        "述职评议记录（data/appraisals/）",
        report_share,
        "村（社区）党组织",
    ),
    t.Metric(
        "secretary_pledge_share",
        "当年公开承诺的村（社区）党组织比例",
        "%",
        "share",
        "承诺践诺评诺记录（data/pledges/）",
        pledge_share,
        "村（社区）党组织",
    ),
)
