"""督办: everything still to be done that is past its deadline at the build date. Pure.

Missing disclosures, overdue tasks, tasks 推进中 that have not reported within
the township's rhythm, expired terms of party organisations and 两委,
organisational life short of the rules, villages' quarters without deliberation (议事协商),
rectifications past their deadline,
findings (问题整改) past their deadline and not 销号, and targets past their
deadline and unmet. What was done, even late (a disclosure published late),
is no longer to do: 公开情况 and the unit's own page tell it. Each entry
links its record and names who answers for it; `by_place` groups the list by
responsible unit, and the units by the village or township they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generators.model.collation import chinese_key, in_chinese_order
from generators.model.compliance import MISSING, Compliance
from generators.model.deliberation import DeliberationRhythm
from generators.model.listings import in_place_order, place_of
from generators.model.records import Record, Township
from generators.model.site import Site
from generators.model.targets import Targets

RECTIFICATION_DAYS = 365  # an 整顿 without a deadline is due within a year of starting
KINDS = ("公开", "任务", "任期", "组织生活", "议事协商", "整顿", "整改", "目标")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    what: str  # plain Chinese: 2025年第三季度 村级财务收支情况：未公开
    # The record to read: the task, branch or finding; for a missing disclosure its subject.
    record: Record
    units: tuple[str, ...]  # the ids of the units answering for it
    due: dt.date
    days: int  # days late at the build date (what the list is sorted by)
    # A whole period's duty (a year's organisational life) has no day of its own: its period
    # (2025年) is what a page shows instead of a due date and days late.
    period: str = ""


def supervision(
    site: Site, compliance: Compliance | None = None, targets: Targets | None = None
) -> list[Entry]:
    compliance = compliance or Compliance(site)
    targets = targets or Targets(site, compliance)
    entries: list[Entry] = []
    entries += _disclosures(compliance)
    entries += _tasks(site, compliance)
    entries += _terms(site)
    entries += _meetings(site, compliance)
    entries += _deliberations(site)
    entries += _rectifications(site)
    entries += _findings(site)
    entries += _targets(site, targets)
    # The longest late first; then by kind, the units answering for it and what it is, in Chinese order.
    return sorted(
        entries,
        key=lambda e: (
            -e.days,
            KINDS.index(e.kind),
            [site.unit_key(u) for u in e.units],
            chinese_key(e.what),
        ),
    )


def counts(entries) -> dict[str, int]:
    found = {kind: 0 for kind in KINDS}
    for entry in entries:
        found[entry.kind] += 1
    return found


@dataclass(frozen=True)
class UnitTodo:
    """One responsible unit's part of the list (本单位待办)."""

    unit: str  # its id; "" for entries that name no unit
    entries: tuple[Entry, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Its entries by kind, the kinds it has only."""
        return {kind: n for kind, n in counts(self.entries).items() if n}

    def by_kind(self) -> list[tuple[str, list[Entry]]]:
        return [(kind, [e for e in self.entries if e.kind == kind]) for kind in self.counts]


def by_place(site: Site, entries: list[Entry]) -> list[tuple[str, list[UnitTodo]]]:
    """The list by responsible unit (an entry of several units under each of them), the units by
    the township or village they belong to: [(place id, [UnitTodo])], each township before its
    villages; in a place, the place itself first, then its units in Chinese order."""
    units: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for unit in entry.units or ("",):
            units[unit].append(entry)
    places: dict[str, list[UnitTodo]] = defaultdict(list)
    for unit, found in units.items():
        places[place_of(site, unit) if unit else ""].append(UnitTodo(unit, tuple(found)))
    return [
        (place, sorted(todo, key=lambda u: (u.unit != place, site.unit_key(u.unit))))
        for place, todo in in_place_order(site, places)
    ]


def by_township(site: Site, entries: list[Entry]) -> list[tuple[Township, list[Entry]]]:
    """Each township, in Chinese order of its name, with the entries of its records."""
    grouped: dict[str | None, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(site.township_of_record(entry.record), []).append(entry)
    return [(t, grouped.get(t.id, [])) for t in site.townships_in_order()]


def in_township(
    site: Site, places: list[tuple[str, list[UnitTodo]]], township_id: str
) -> list[UnitTodo]:
    """The units of one township in `by_place`'s list: the township and its departments, then
    its villages' units, each place in the list's order."""
    return [
        todo
        for place, units in places
        if place and site.township_of(place) == township_id
        for todo in units
    ]


def distinct_entries(units: list[UnitTodo]) -> int:
    """How many entries the units have, an entry of several of them counted once."""
    return len({id(entry) for todo in units for entry in todo.entries})


def _disclosures(compliance: Compliance):
    for due in compliance.late():
        if due.state != MISSING:  # published, if late: done
            continue
        record = compliance.subject_record(due.subject)
        assert record is not None, "a due's subject is a village, organisation or township"
        yield Entry(
            "公开",
            f"{due.period.label} {due.item['title']}：未公开",
            record,
            (due.subject,),
            due.due,
            due.days,
        )


def _tasks(site: Site, compliance: Compliance):
    for task in site.sorted_tasks():
        units = tuple(task["lead_units"])
        if task.overdue:
            assert task.deadline is not None, "an overdue task has a deadline"
            yield Entry(
                "任务",
                f"{task['title']}：逾期未完成",
                task,
                units,
                task.deadline,
                task.days_overdue,
            )
        elif stale := compliance.stale_since(task):
            rhythm = compliance.report_days(site.township_of_task(task))
            yield Entry(
                "任务",
                f"{task['title']}：超过 {rhythm} 天没有报送进展（最近一次 {compliance.last_report(task)}）",
                task,
                units,
                stale,
                (site.today - stale).days,
            )


def _terms(site: Site):
    today = site.today
    for branch in in_chinese_order(site.branches.values()):
        end = branch["term"]["end"]
        if end < today:
            yield Entry(
                "任期",
                f"{branch['name']}任期已于 {end} 届满，尚未换届",
                branch,
                (branch.get("parent") or branch["township"],),
                end,
                (today - end).days,
            )
    for village in in_chinese_order(site.villages.values()):
        end = village["committee_term"]["end"]
        if end < today:
            yield Entry(
                "任期",
                f"{village['name']}“两委”任期已于 {end} 届满，尚未换届",
                village,
                (village["township"],),
                end,
                (today - end).days,
            )


def _meetings(site: Site, compliance: Compliance):
    by_branch_year = defaultdict(list)
    for branch in in_chinese_order(site.branches.values()):
        for shortfall in compliance.shortfalls(branch):
            by_branch_year[branch.id, shortfall.period.start.year].append(shortfall)
    for (branch_id, year), shortfalls in sorted(by_branch_year.items()):
        branch = site.branches[branch_id]
        first = min(s.period.end for s in shortfalls)
        order = [kind for kind, *_ in compliance.meeting_rules(branch["township"])]
        missing: dict[str, int] = dict.fromkeys(order, 0)
        for s in shortfalls:
            missing[s.kind] += s.required - s.held
        missing = {kind: n for kind, n in missing.items() if n}
        log = site.meeting_logs.get(f"{branch_id}-{year}")
        if log:
            what = f"{year}年组织生活少于规定：" + "、".join(
                f"{kind}少 {n} 次" for kind, n in missing.items()
            )
        else:
            what = f"{year}年没有组织生活记录（到期应开展{'、'.join(f'{kind} {n} 次' for kind, n in missing.items())}）"
        yield Entry(
            "组织生活",
            what,
            log or branch,
            (branch_id,),
            first,
            (site.today - first).days,
            f"{year}年",
        )


def _deliberations(site: Site):
    """A village's year of deliberation short of its township's requirement (每季度至少1次): one
    entry, as organisational life."""
    rhythm = DeliberationRhythm(site)
    for village in in_chinese_order(site.villages.values()):
        for year in sorted(rhythm.years(village)):
            short = rhythm.shortfalls(village, year)
            if not short:
                continue
            first = min(s.period.end for s in short)
            quarters = "、".join(s.period.short_label for s in short)
            yield Entry(
                "议事协商",
                f"{year}年{quarters}议事协商会少于规定（{rhythm.rule_text(village)}）",
                village,
                (village.id,),
                first,
                (site.today - first).days,
                f"{year}年",
            )


def rectification_deadline(rectification) -> dt.date:
    return rectification.get("deadline") or rectification["started"] + dt.timedelta(
        days=RECTIFICATION_DAYS
    )


def _rectifications(site: Site):
    for branch in in_chinese_order(site.branches.values()):
        for rectification in branch.rectifications:
            if rectification["status"] != "整顿中":
                continue
            deadline = rectification_deadline(rectification)
            if deadline < site.today:
                yield Entry(
                    "整顿",
                    f"{branch['name']}软弱涣散整顿已过期限（{deadline}），尚未销号",
                    branch,
                    (branch.get("parent") or branch["township"],),
                    deadline,
                    (site.today - deadline).days,
                )


def _findings(site: Site):
    for finding in site.overdue_findings():
        yield Entry(
            "整改",
            f"{finding['problem']}：逾期未整改销号",
            finding,
            (finding["unit"],),
            finding.deadline,
            finding.days_overdue,
        )


def _targets(site: Site, targets: Targets):
    for plan, result in targets.all():
        if result.late(site.today):
            deadline = result.target["deadline"]
            township = site.township_of_plan(plan)
            short = (township,) if township else _short_townships(targets, plan, result)
            yield Entry(
                "目标",
                f"目标“{result.target['indicator']}”到期未达到",
                plan,
                short,
                deadline,
                (site.today - deadline).days,
            )


def _short_townships(targets: Targets, plan, result) -> tuple[str, ...]:
    """Who answers for a county's target: the townships it is not met in."""
    return tuple(t.id for t in targets.short_townships(plan, result.target))
