"""Metrics of plans' targets computed from a village's own records: deliberation (议事协商).

METRICS describes each as targets.Metric's fields (name, label, unit, form, needs, compute);
targets.py makes them Metrics and adds them to its own. The functions take targets' Scope and
give its Result (imported when called: targets imports this module). Pure: reads the model only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from generators.model.deliberation import DeliberationRhythm

if TYPE_CHECKING:
    from generators.model.targets import Result, Scope


def deliberation_quarterly_share(scope: Scope, target: Mapping) -> Result:
    """Villages and communities that held a deliberation meeting in every closed quarter."""
    from generators.model.targets import Result, UnitValue, share, year_of

    year = year_of(target)
    rhythm = DeliberationRhythm(scope.site)
    villages = scope.villages()
    if villages and not any(rhythm.judged(v) for v in villages):
        return Result(None, (), "范围内没有议事协商记录（data/deliberations/）")
    units = []
    for village in villages:
        short = rhythm.shortfalls(village, year)
        shown = (
            "、".join(s.period.short_label for s in short) + "未召开" if short else "每季度均已召开"
        )
        units.append(UnitValue(village.id, shown, not short))
    return share(units, "村（社区）")


METRICS = (
    (
        "deliberation_quarterly_share",
        "每个季度都召开了议事协商会的村（社区）比例",
        "%",
        "share",
        "村（社区）的议事协商记录",
        deliberation_quarterly_share,
    ),
)
