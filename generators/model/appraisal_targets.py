"""The plans' target for secretaries' reports (述职评议): the share of village (community) party
organisations whose secretary reported on the year's party building. targets.py adds these
metrics to its own."""

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
)
