"""The county home's comparison of its townships: one row of figures per township. Pure.

Each township's villages, organisations, tasks of its own plans (and those overdue),
disclosures, on-time disclosure rate (compliance.py), computed targets met, the share of
its organisations keeping their 组织生活 rhythm this year (the metric
`meeting_compliance_share` of targets.py, over the township), open findings, and its
figures of party building (indicators.py: training, 述职, 发展党员 …). The
townships are ranked by the main measure, the on-time disclosure rate: equal rates share
a rank (1, 1, 3), and a township with nothing yet due to publish has none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from generators.model.compliance import ON_TIME, Compliance, tally
from generators.model.indicators import Figure, figures_of
from generators.model.metric import Share
from generators.model.records import Township
from generators.model.site import Site
from generators.model.targets import METRICS, Result, Scope, Targets

MAIN_MEASURE = "按期公开率"


@dataclass(frozen=True)
class TownshipRow:
    township: Township
    villages: int
    branches: int
    tasks: int
    overdue_tasks: int
    disclosures: int
    on_time: Share  # disclosures published on time, of those judged
    on_time_shown: str  # as 公开情况 shows it: 33%, or — when nothing is judged yet
    targets_met: Share
    meeting_life: Share | None  # None: the township keeps no 组织生活 records
    open_findings: int
    rank: int | None = None  # by the on-time rate; None when it has none
    indicators: tuple[Figure, ...] = ()  # its figures of party building (indicators.py)


def township_rows(site: Site, compliance: Compliance, targets: Targets) -> list[TownshipRow]:
    """Every township's row, in Chinese order of the townships' names, with its rank."""
    rows = [_row(site, compliance, targets, t) for t in site.townships_in_order()]
    return _ranked(rows)


def meeting_life(site: Site, compliance: Compliance, township_id: str) -> Share | None:
    """Of a township's organisations that hold 三会一课, how many meet every period's rules
    this year (up to the build date); None when the township keeps no records of it."""
    if not compliance.keeps_meeting_records(township_id):
        return None
    scope = Scope(site, (township_id,), compliance=compliance)
    result: Result = METRICS["meeting_compliance_share"].compute(scope, {"year": site.today.year})
    return Share(sum(1 for u in result.units if u.ok), len(result.units))


def _row(site: Site, compliance: Compliance, targets: Targets, township: Township) -> TownshipRow:
    tasks = site.tasks_of_township(township.id)
    dues = tally(compliance.dues_of_township(township.id))
    computed = targets.of_township(township.id)
    return TownshipRow(
        township=township,
        villages=sum(1 for v in site.villages.values() if v["township"] == township.id),
        branches=sum(1 for b in site.branches.values() if b["township"] == township.id),
        tasks=len(tasks),
        overdue_tasks=sum(1 for t in tasks if t.overdue),
        disclosures=len(site.disclosures_of_township(township.id)),
        on_time=Share(int(dues[ON_TIME]), int(dues["judged"])),
        on_time_shown=str(dues["rate"]),
        targets_met=Share(sum(1 for r in computed if r.state == "达标"), len(computed)),
        meeting_life=meeting_life(site, compliance, township.id),
        open_findings=sum(1 for f in site.findings_of_township(township.id) if f.open),
        indicators=figures_of(site, township.id, compliance),
    )


def _ranked(rows: list[TownshipRow]) -> list[TownshipRow]:
    """Rows with their rank by on-time share (exact, not the rounded percentage)."""
    shares = [_exact(row.on_time) for row in rows]
    ranked = []
    for row, share in zip(rows, shares, strict=True):
        rank = None if share is None else 1 + sum(1 for s in shares if s is not None and s > share)
        ranked.append(replace(row, rank=rank))
    return ranked


def _exact(share: Share) -> Decimal | None:
    return Decimal(share.part) / Decimal(share.whole) if share.whole else None


def ranking(rows: list[TownshipRow]) -> list[TownshipRow]:
    """The ranked rows, the first first; those without a rank left out."""
    return sorted((r for r in rows if r.rank is not None), key=lambda r: r.rank or 0)
