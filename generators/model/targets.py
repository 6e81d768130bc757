"""The seeds' targets computed from records: one documented metric per target, with who falls short.

A target in a plan names a metric (METRICS below). The metric is computed at
the build date within the target's scope: the plan's township (or every
township, `level: 县`), optionally one sector. It gives a value, every unit it
looked at with that unit's own value, and, when records are missing, the
reason. Two forms:
* a share (%) of units that meet a condition: 五星, 一肩挑, 两新覆盖 ...;
* "every unit ≥ X": the value is the weakest unit's, and each unit is held to X.
Pure: reads the model only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from generators.model import (
    appraisal_targets,
    points_targets,
    recruitment_targets,
    training_targets,
    village_metrics,
)
from generators.model.collation import in_chinese_order
from generators.model.metric import Metric, Result, Scope, UnitValue, each, share, year_of
from generators.model.records import Plan, Township, compare
from generators.model.site import Site
from generators.render.formats import rating, yuan

GRADES = ("较差", "一般", "较好", "好")  # 分类定级, weakest first
DONE, CANCELLED = "已完成", "已取消"


def _rating_in(record, year: int):
    return next((r for r in record.get("ratings", ()) if r["year"] == year), None)


# -- the metrics ----------------------------------------------------------------


def five_star_share(scope: Scope, target: Mapping) -> Result:
    year = year_of(target)
    units = []
    for org in scope.village_organisations():
        rating_of = _rating_in(org, year)
        stars = rating_of["stars"] if rating_of else None
        shown = rating(rating_of, scope.site.rating_scale(org["township"]), with_year=False)
        units.append(
            UnitValue(
                org.id,
                shown if stars else f"{year}年未评定",
                stars == 5,
                Decimal(stars) if stars else None,
            )
        )
    if units and all(u.value is None for u in units):
        return Result(None, tuple(units), f"范围内的党组织都没有{year}年的星级评定")
    return share(units, "村（社区）党组织")


def one_shoulder_share(scope: Scope, target: Mapping) -> Result:
    units = [
        UnitValue(v.id, "一肩挑" if v.one_shoulder else "书记、主任分设", v.one_shoulder)
        for v in scope.villages()
    ]
    return share(units, "村（社区）")


def _income(village, year: int, basis: str) -> Decimal | None:
    entry = next((e for e in village["collective_economy"] if e["year"] == year), None)
    if entry is None:
        return None
    return entry["operating_income"] if basis == "经营性收入" else entry["total_income"]


def collective_income_each(scope: Scope, target: Mapping) -> Result:
    year, basis = year_of(target), target.get("basis", "总收入")
    units = []
    for village in scope.villages():
        income = _income(village, year, basis)
        ok = income is not None and compare(income, target["comparator"], Decimal(target["value"]))
        units.append(
            UnitValue(
                village.id, yuan(income) if income is not None else f"{year}年未填报", ok, income
            )
        )
    return each(units, "村（社区）", year)


def collective_income_share(scope: Scope, target: Mapping) -> Result:
    year, basis, each = (
        year_of(target),
        target.get("basis", "总收入"),
        Decimal(target.get("per_unit", 0)),
    )
    units = []
    for village in scope.villages():
        income = _income(village, year, basis)
        units.append(
            UnitValue(
                village.id,
                yuan(income) if income is not None else f"{year}年未填报",
                income is not None and income >= each,
                income,
            )
        )
    if units and all(u.value is None for u in units):
        return Result(None, tuple(units), f"范围内的村（社区）都没有填报{year}年的集体经济收入")
    return share(units, "村（社区）")


def new_org_coverage(scope: Scope, target: Mapping) -> Result:
    orgs = scope.new_organisations()
    if not orgs:
        return Result(None, (), "范围内没有两新组织记录（data/new-orgs/）")
    return share(
        [
            UnitValue(o.id, o.get("coverage", "未覆盖"), bool(getattr(o, "covered", False)))
            for o in orgs
        ],
        "两新组织",
    )


def party_funds_each(scope: Scope, target: Mapping) -> Result:
    year = year_of(target)
    units = []
    for village in scope.villages():
        entry = next((e for e in village.get("party_funds", ()) if e["year"] == year), None)
        amount = entry["amount"] if entry else None
        ok = amount is not None and compare(amount, target["comparator"], Decimal(target["value"]))
        units.append(
            UnitValue(
                village.id, yuan(amount) if amount is not None else f"{year}年未填报", ok, amount
            )
        )
    return each(units, "村（社区）", year)


def reserve_ratio_each(scope: Scope, target: Mapping) -> Result:
    """Reserve cadres per post of the village's leading organisation: 1:2 is a ratio of 2."""
    units = []
    for org in scope.village_organisations():
        posts, reserves = len(org["committee"]), org.get("reserve_cadres")
        ratio = (
            (Decimal(reserves) / Decimal(posts)).quantize(Decimal("0.01"))
            if reserves is not None
            else None
        )
        ok = ratio is not None and compare(ratio, target["comparator"], Decimal(target["value"]))
        shown = (
            f"后备 {reserves} 人 / 班子 {posts} 人 = {ratio}"
            if ratio is not None
            else "未填报后备干部人数"
        )
        units.append(UnitValue(org.id, shown, ok, ratio))
    return each(units, "村（社区）党组织", year_of(target))


def _identified_in(branch, year: int) -> bool:
    return bool(branch.rectifications_started_in(year))


def weak_identified_share(scope: Scope, target: Mapping) -> Result:
    year = year_of(target)
    units = [
        UnitValue(
            o.id, "列入整顿" if _identified_in(o, year) else "未列入", _identified_in(o, year)
        )
        for o in scope.village_organisations()
    ]
    return share(units, "村（社区）党组织")


def weak_rectified_share(scope: Scope, target: Mapping) -> Result:
    year = year_of(target)
    units = []
    for org in scope.branches():
        for rectification in org.rectifications_started_in(year):
            done = rectification["status"] == "已销号"
            units.append(
                UnitValue(org.id, f"{rectification['finished']} 销号" if done else "整顿中", done)
            )
    if not units:
        return Result(None, (), f"{year}年没有列入整顿的软弱涣散党组织")
    return share(units, "整顿的党组织")


def upgrade_share(scope: Scope, target: Mapping) -> Result:
    """Of the organisations graded 一般 or 较差 the year before, the share graded higher this year."""
    year = year_of(target)
    units = []
    for org in scope.village_organisations():
        before, now = _rating_in(org, year - 1), _rating_in(org, year)
        if not before or before.get("grade") not in GRADES[:2]:
            continue
        grade = now.get("grade") if now else None
        up = grade in GRADES and GRADES.index(grade) > GRADES.index(before["grade"])
        units.append(UnitValue(org.id, f"{before['grade']} → {grade or f'{year}年未定级'}", up))
    if not units:
        return Result(None, (), f"{year - 1}年没有定为一般或较差的村（社区）党组织")
    return share(units, f"{year - 1}年定为一般、较差的党组织")


def meeting_compliance_share(scope: Scope, target: Mapping) -> Result:
    from generators.model.compliance import Compliance

    year = year_of(target)
    compliance = scope.compliance or Compliance(scope.site)
    units = []
    for branch in scope.branches():
        if not compliance.holds_meetings(branch):
            continue
        short = [s for s in compliance.shortfalls(branch) if s.period.start.year == year]
        units.append(
            UnitValue(branch.id, "按要求开展" if not short else f"{len(short)} 期次不足", not short)
        )
    return share(units, "开展三会一课的党支部")


def task_completion_share(scope: Scope, target: Mapping) -> Result:
    if scope.plan is None:
        return Result(None, (), "目标不在实施方案中")
    tasks = [
        t
        for t in scope.site.tasks_of_plan(scope.plan)
        if t["status"] != CANCELLED
        and (not target.get("action") or t["action"] == target["action"])
    ]
    units = [
        UnitValue(t.id, t["status"], t["status"] == DONE) for t in in_chinese_order(tasks, "title")
    ]
    return share(units, "任务")


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric(
            "five_star_share",
            "最新年度评为五星的村（社区）党组织比例",
            "%",
            "share",
            "党组织的星级评定",
            five_star_share,
            "村（社区）党组织",
        ),
        Metric(
            "one_shoulder_share",
            "书记、主任“一肩挑”的村（社区）比例",
            "%",
            "share",
            "村（社区）的书记、主任名单",
            one_shoulder_share,
        ),
        Metric(
            "collective_income_each",
            "每个村（社区）的集体经济年收入（总收入或经营性收入）",
            "元",
            "each",
            "村（社区）填报的集体经济收入",
            collective_income_each,
        ),
        Metric(
            "collective_income_share",
            "集体经济年收入达到每村标准的村（社区）比例",
            "%",
            "share",
            "村（社区）填报的集体经济收入",
            collective_income_share,
        ),
        Metric(
            "new_org_coverage",
            "两新组织党组织覆盖率",
            "%",
            "share",
            "两新组织记录",
            new_org_coverage,
            "两新组织",
        ),
        Metric(
            "party_funds_each",
            "每个村（社区）的党建工作经费",
            "元",
            "each",
            "村（社区）填报的党建工作经费",
            party_funds_each,
        ),
        Metric(
            "reserve_ratio_each",
            "每个村（社区）党组织的后备干部与班子人数之比",
            "倍",
            "each",
            "党组织的后备干部人数和班子成员",
            reserve_ratio_each,
            "村（社区）党组织",
        ),
        Metric(
            "weak_identified_share",
            "当年列入整顿的软弱涣散村（社区）党组织比例",
            "%",
            "share",
            "党组织的软弱涣散整顿情况",
            weak_identified_share,
            "村（社区）党组织",
            "列入整顿的",
        ),
        Metric(
            "weak_rectified_share",
            "当年列入整顿的软弱涣散党组织的销号比例",
            "%",
            "share",
            "党组织的软弱涣散整顿情况",
            weak_rectified_share,
            "党组织",
        ),
        Metric(
            "upgrade_share",
            "上年定为一般、较差的村（社区）党组织当年提升等次的比例",
            "%",
            "share",
            "党组织连续两年的分类定级",
            upgrade_share,
            "村（社区）党组织",
        ),
        Metric(
            "meeting_compliance_share",
            "全年按要求开展组织生活的党支部比例",
            "%",
            "share",
            "党支部的组织生活记录",
            meeting_compliance_share,
            "党支部",
        ),
        Metric(
            "task_completion_share",
            "实施方案（或其中一项行动）已完成任务的比例",
            "%",
            "share",
            "任务的完成状态",
            task_completion_share,
            "任务",
        ),
    )
}

# Metrics of later record types, each in a module of its own.
METRICS.update((m.name, m) for m in training_targets.METRICS)
METRICS.update((m.name, m) for m in appraisal_targets.METRICS)
METRICS.update((m.name, m) for m in recruitment_targets.METRICS)
METRICS.update((m.name, m) for m in points_targets.METRICS)

STATES = ("达标", "未达标", "无数据")


@dataclass(frozen=True)
class TargetResult:
    target: Mapping
    metric: Metric | None
    result: Result | None

    @property
    def state(self) -> str:
        if self.result is None or self.result.value is None:
            return "无数据"
        met = compare(self.result.value, self.target["comparator"], Decimal(self.target["value"]))
        return "达标" if met else "未达标"

    @property
    def reason(self) -> str:
        if self.metric is None:
            return "没有指定自动计算口径（metric）"
        return self.result.reason if self.result else ""

    def late(self, today: dt.date) -> bool:
        return self.state == "未达标" and self.target["deadline"] < today


class Targets:
    """Every target of every plan, computed once per build."""

    def __init__(self, site: Site, compliance=None):
        self.site = site
        self.compliance = compliance
        self._results: dict[tuple[str, str], TargetResult] = {}

    def of(self, plan, target: Mapping) -> TargetResult:
        key = (plan.id, target["id"])
        if key not in self._results:
            self._results[key] = evaluate(self.site, plan, target, self.compliance)
        return self._results[key]

    def of_township(self, township_id: str) -> list[TargetResult]:
        """The computed targets of a township's own plans."""
        return [
            result
            for plan, result in self.all()
            if result.metric is not None and self.site.township_of_plan(plan) == township_id
        ]

    def per_township(self, plan, target: Mapping) -> list[tuple[Township, TargetResult]]:
        """A target counted over several townships (a county's), computed over each township
        alone, townships in Chinese order; [] for a target of one township, or of a metric
        that does not count a township's units (a plan's tasks)."""
        scope = scope_of(self.site, plan, target, self.compliance)
        metric = METRICS.get(target.get("metric") or "")
        if metric is None or len(scope.townships) < 2 or metric.unit_kind == "任务":
            return []
        return [
            (
                township,
                TargetResult(
                    target,
                    metric,
                    metric.compute(replace(scope, townships=(township.id,)), target),
                ),
            )
            for township in self.site.townships_in_order()
            if township.id in scope.townships
        ]

    def short_townships(self, plan, target: Mapping) -> list[Township]:
        """The townships a county's target is not met in, each counted alone."""
        return [t for t, result in self.per_township(plan, target) if result.state == "未达标"]

    def all(self) -> list[tuple[Plan, TargetResult]]:
        return [
            (plan, self.of(plan, target))
            for plan in sorted(self.site.plans.values(), key=lambda p: p.id)
            for target in plan.get("targets", ())
        ]


def scope_of(site: Site, plan, target: Mapping, compliance=None) -> Scope:
    township = site.township_of_plan(plan)
    townships = (
        tuple(sorted(site.townships))
        if target.get("level") == "县" or township is None
        else (township,)
    )
    return Scope(site, townships, target.get("sector"), plan, compliance)


def evaluate(site: Site, plan, target: Mapping, compliance=None) -> TargetResult:
    metric = METRICS.get(target.get("metric") or "")
    if metric is None:
        return TargetResult(target, None, None)
    return TargetResult(
        target, metric, metric.compute(scope_of(site, plan, target, compliance), target)
    )


# Metrics of a village's own records (议事协商 …), described in their own module.
METRICS.update((spec[0], Metric(*spec)) for spec in village_metrics.METRICS)
