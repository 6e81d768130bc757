"""The site: every record of a valid data folder, and the relations pages need between them.

`build_model` makes the model's records (records.py) from validated record files
by the registry's types; `Site` holds them by type and answers the questions
pages ask across records: a village's branches, a plan's tasks, a unit's
findings, a township's counts.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generators.model.collation import chinese_key, in_chinese_order
from generators.model.periods import parse as parse_period
from generators.model.records import (
    Branch,
    Disclosure,
    Finding,
    Grid,
    MeetingLog,
    NewOrg,
    Plan,
    Pledge,
    Record,
    Task,
    Township,
    Village,
    freeze,
    percent,
)
from generators.model.rollup import Rollup, UnitCounts, counts_by_unit, rollup, unit_counts
from generators.model.units import Departments, plan_township


def once_per_site(function: Callable[[Site], Any]) -> Callable[[Site], Any]:
    """A function of the whole model (an index pages look things up in) computed once for each
    site and kept while the site is: the model does not change once built."""
    kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @functools.wraps(function)
    def computed(site: Site):
        if site not in kept:
            kept[site] = function(site)
        return kept[site]

    return computed


class Site:
    """Every record of a valid data folder, with the relations pages need.

    Records are held by type, `site.records["village"]`, and each type's records
    are an attribute named by the registry (its `collection`): `site.villages`.
    Every relation the registry declares (registry.Relation) is an index of
    the records of a type by the id a field of theirs names, built here once:
    `site.related("branch", "village", village.id)`.
    """

    # The built-in types' collections, as the registry names them; another type's is set alike.
    townships: dict[str, Township]
    villages: dict[str, Village]
    branches: dict[str, Branch]
    meeting_logs: dict[str, MeetingLog]
    plans: dict[str, Plan]
    tasks: dict[str, Task]
    disclosures: dict[str, Disclosure]
    findings: dict[str, Finding]
    new_orgs: dict[str, NewOrg]
    pledges: dict[str, Pledge]
    grids: dict[str, Grid]

    def __init__(self, records: dict[str, dict[str, Record]], today: dt.date, registry):
        self.today = today
        self.records = records
        for record_type in registry:
            if hasattr(Site, record_type.collection):
                raise ValueError(f"collection {record_type.collection!r} is taken by Site itself")
            setattr(self, record_type.collection, self.of(record_type.name))
        self._related = {
            (type_name, relation.field): grouped_by(self.of(type_name).values(), relation.field)
            for type_name, relation in registry.relations()
        }
        self._unit_names = unit_names(self)
        self._unit_townships = unit_townships(self)

    def of(self, kind: str) -> dict[str, Record]:
        return self.records.get(kind, {})

    def relation(self, type_name: str, field: str) -> Mapping[str, list[Any]]:
        """Records of a type by each id their field names, as the registry declares the relation."""
        return self._related[type_name, field]

    def related(self, type_name: str, field: str, record_id: str) -> list[Any]:
        """The records of a type whose field names an id, in the order they were read (of the
        type's model class: a list of Grid for "grid")."""
        return self._related[type_name, field].get(record_id, [])

    def all_records(self):
        for table in self.records.values():
            yield from table.values()

    # -- names -------------------------------------------------------------

    @property
    def township(self) -> Township | None:
        return next(iter(sorted(self.townships.values(), key=lambda t: t.id)), None)

    def unit_name(self, unit_id: str) -> str:
        return self._unit_names.get(unit_id, unit_id)

    def unit_key(self, unit_id: str) -> tuple:
        """Where a unit goes in a list of units: in Chinese order of its name (collation.py),
        then by id."""
        return chinese_key(self.unit_name(unit_id)), unit_id

    def townships_in_order(self) -> list[Township]:
        return in_chinese_order(self.townships.values())

    def township_of(self, unit_id: str) -> str | None:
        """The township a village, branch, department or township belongs to."""
        return self._unit_townships.get(unit_id)

    def township_of_plan(self, plan) -> str | None:
        """A plan's township: the one it states, or the only one; None for a county plan
        (model/units.py). Never guessed from the units leading its tasks."""
        return plan_township(plan, self.townships)

    def township_of_task(self, task: Record) -> str | None:
        """A task's township: its plan's."""
        plan = self.plans.get(task["plan"])
        return self.township_of_plan(plan) if plan is not None else None

    def township_of_record(self, record: Record) -> str | None:
        """The township a record belongs to: a plan's or task's as model/units.py reads it, a
        township's own, or that of the unit it names (its township, subject, unit, branch or
        village)."""
        if record.type_name == "plan":
            return self.township_of_plan(record)
        if record.type_name == "task":
            return self.township_of_task(record)
        if record.type_name == "township":
            return record.id
        for field in ("township", "subject", "unit", "branch", "village"):
            unit = record.get(field)
            if isinstance(unit, str):
                return self.township_of(unit)
        return None

    def unit_kind(self, unit_id: str) -> str:
        if unit_id in self.villages:
            return "village"
        if unit_id in self.branches:
            return "branch"
        if unit_id in self.townships:
            return "township"
        return "department"

    # -- relations ---------------------------------------------------------

    def children(self, branch: Branch) -> list[Branch]:
        return in_chinese_order(self.related("branch", "parent", branch.id))

    def parent(self, branch: Branch) -> Branch | None:
        return self.branches.get(branch.get("parent"))

    def villages_by_township(self) -> list[Village]:
        """Villages by their township's name, then by their own (collation.py)."""
        return sorted(
            self.villages.values(),
            key=lambda v: (self.unit_key(v["township"]), chinese_key(v["name"]), v.id),
        )

    def branches_of_village(self, village: Village) -> list[Branch]:
        return in_chinese_order(self.related("branch", "village", village.id))

    def leading_organisation(self, village: Village) -> Branch | None:
        """The party organisation leading a village: the one of the village whose parent is
        outside it. Its ratings are the village's (星级评定 belongs to the organisation)."""
        own = self.branches_of_village(village)
        top = [
            b
            for b in own
            if not b.get("parent")
            or b["parent"] not in self.branches
            or self.branches[b["parent"]].get("village") != village.id
        ]
        return top[0] if top else None

    def rating_scale(self, township_id: str) -> str:
        township = self.townships.get(township_id)
        return (township.get("rating_scale") if township else None) or "星级"

    def tasks_of(self, unit_id: str) -> list[Task]:
        led = self.related("task", "lead_units", unit_id)
        shared = self.related("task", "responsible_units", unit_id)
        return sorted({t.id: t for t in (*led, *shared)}.values(), key=lambda t: t.sort_key)

    def tasks_of_plan(self, plan: Plan, action_id: str | None = None) -> list[Task]:
        return sorted(
            (
                t
                for t in self.related("task", "plan", plan.id)
                if action_id is None or t["action"] == action_id
            ),
            key=lambda t: t.sort_key,
        )

    def tasks_of_township(self, township_id: str) -> list[Task]:
        """The tasks of a township's own plans."""
        return list(self._tasks_by_township.get(township_id, ()))

    @functools.cached_property
    def _tasks_by_township(self) -> dict[str | None, list[Task]]:
        grouped: dict[str | None, list[Task]] = defaultdict(list)
        for task in self._tasks_in_order:
            grouped[self.township_of_task(task)].append(task)
        return grouped

    def disclosures_of_township(self, township_id: str) -> list[Disclosure]:
        return list(self._disclosures_by_township.get(township_id, ()))

    @functools.cached_property
    def _disclosures_by_township(self) -> dict[str | None, list[Disclosure]]:
        grouped: dict[str | None, list[Disclosure]] = defaultdict(list)
        for disclosure in self.disclosures.values():
            grouped[self.township_of(disclosure["subject"])].append(disclosure)
        return grouped

    def findings_of_township(self, township_id: str) -> list[Finding]:
        """The findings of a township's units, open ones first."""
        return [f for f in self.sorted_findings() if self.township_of(f["unit"]) == township_id]

    def disclosures_of(self, subject_id: str) -> list[Disclosure]:
        return sorted(
            self.related("disclosure", "subject", subject_id),
            key=lambda d: d.sort_key,
            reverse=True,
        )

    def findings_of(self, unit_id: str) -> list[Finding]:
        """A unit's findings, open ones first."""
        return sorted(self.related("finding", "unit", unit_id), key=lambda f: f.sort_key)

    def findings_of_departments(self, township: Township) -> list[Finding]:
        """The findings of a township's own departments, open ones first."""
        return sorted(
            (f for d in township.departments for f in self.related("finding", "unit", d)),
            key=lambda f: f.sort_key,
        )

    def rectification_findings(self, branch: Branch, episode) -> list[Finding]:
        """The findings of one of a branch's 软弱涣散 整顿 episodes: those naming the year it
        started."""
        year = episode["started"].year
        return [f for f in self.findings_of(branch.id) if f.get("branch_rectification") == year]

    def meetings_of(self, branch: Branch, year: int) -> tuple:
        logs = self.related("meetings", "branch", branch.id)
        return next((log["meetings"] for log in logs if log["year"] == year), ())

    def new_orgs_of(self, unit_id: str) -> list[NewOrg]:
        """The 两新组织 of a township or village, or those a branch covers, by name."""
        return in_chinese_order(
            org
            for field in ("township", "village", "branch")
            for org in self.related("new_org", field, unit_id)
        )

    def pledges_of(self, branch: Branch) -> list[Pledge]:
        """A branch's pledges, the latest year first."""
        return sorted(
            self.related("pledge", "branch", branch.id), key=lambda p: p["year"], reverse=True
        )

    def grids_of(self, village: Village) -> list[Grid]:
        return in_chinese_order(self.related("grid", "village", village.id))

    # -- views -------------------------------------------------------------

    def new_org_coverage(self) -> list[Coverage]:
        """Per township with 两新组织: how many there are, how many are covered, and the rate."""
        return [
            self.coverage_of(t.id)
            for t in self.townships_in_order()
            if self.related("new_org", "township", t.id)
        ]

    def coverage_of(self, township_id: str) -> Coverage:
        orgs = self.related("new_org", "township", township_id)
        return Coverage(
            self.townships[township_id], covered=sum(o.covered for o in orgs), total=len(orgs)
        )

    @property
    def member_total(self) -> int:
        """Party members of the top-level organizations (their totals include those below)."""
        return sum(b["members"]["total"] for b in self.branches.values() if not b.get("parent"))

    def tasks_by_unit(self, role: str) -> list[tuple[str, list[Task]]]:
        """Tasks grouped by unit, for role "lead_units" (牵头) or "responsible_units" (责任)."""
        grouped = defaultdict(list)
        for task in self.sorted_tasks():
            for unit in task[role]:
                grouped[unit].append(task)
        return sorted(grouped.items(), key=lambda item: self.unit_key(item[0]))

    def plan_rollup(self, plan: Plan, action_id: str | None = None) -> Rollup:
        """Progress and counts of a plan's tasks, or of one of its actions' (see rollup.py)."""
        return rollup(self.tasks_of_plan(plan, action_id))

    def unit_counts(self, unit_id: str) -> UnitCounts:
        """Open, overdue and done tasks of a unit, as lead or responsible unit."""
        return unit_counts(self.tasks_of(unit_id))

    def counts_by_unit(self, within: Township | None = None) -> list[tuple[str, UnitCounts]]:
        """Every unit named by a task, by name, with its counts; or only a township and its
        departments: every department, one without tasks with zeros, and the township itself
        when a task names it."""
        found = self._counts_of_units
        if within is not None:
            none = unit_counts(())
            found = {
                **{d: found.get(d, none) for d in within.departments},
                **({within.id: found[within.id]} if within.id in found else {}),
            }
        return sorted(found.items(), key=lambda item: self.unit_key(item[0]))

    def disclosures_by_subject(self) -> list[tuple[str, list[Disclosure]]]:
        return sorted(
            (
                (subject, self.disclosures_of(subject))
                for subject in self.relation("disclosure", "subject")
            ),
            key=lambda item: self.unit_key(item[0]),
        )

    def disclosures_by_period(self) -> list[tuple[str, list[Disclosure]]]:
        grouped = defaultdict(list)
        for disclosure in self.disclosures.values():
            grouped[disclosure["period"]].append(disclosure)
        return sorted(
            grouped.items(), key=lambda item: (parse_period(item[0]), item[0]), reverse=True
        )

    @functools.cached_property
    def _counts_of_units(self) -> dict[str, UnitCounts]:
        return counts_by_unit(self._tasks_in_order)

    def sorted_tasks(self) -> list[Task]:
        return list(self._tasks_in_order)

    @functools.cached_property
    def _tasks_in_order(self) -> tuple[Task, ...]:
        """Every task in its order (Task.sort_key): sorted once, asked for by many pages."""
        return tuple(sorted(self.tasks.values(), key=lambda t: t.sort_key))

    def overdue_tasks(self) -> list[Task]:
        return [t for t in self.sorted_tasks() if t.overdue]

    def due_soon_tasks(self) -> list[Task]:
        return [t for t in self.sorted_tasks() if t.due_soon]

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings.values(), key=lambda f: f.sort_key)

    def overdue_findings(self) -> list[Finding]:
        return [f for f in self.sorted_findings() if f.overdue]

    def findings_by_township(self) -> list[tuple[str | None, list[Finding]]]:
        """Findings grouped by the township of their unit, townships in Chinese order of their
        names."""
        grouped = defaultdict(list)
        for finding in self.sorted_findings():
            grouped[self.township_of(finding["unit"])].append(finding)
        return sorted(grouped.items(), key=lambda item: self.unit_key(item[0] or ""))

    def latest_disclosures(self, count: int = 10) -> list[Disclosure]:
        return sorted(self.disclosures.values(), key=lambda d: d.sort_key, reverse=True)[:count]


def grouped_by(records, field: str) -> dict[str, list[Record]]:
    """Records by each id a field of theirs names: one id, or a list of ids (each counted once)."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        value = record.get(field)
        for target in dict.fromkeys(value if isinstance(value, tuple) else (value,)):
            if target:
                groups[target].append(record)
    return dict(groups)


def unit_names(site: Site) -> dict[str, str]:
    """Unit id → its name: every township, branch, village and township department (by its full
    id; with several townships, followed by its township's name: 镇党建办（河西镇）)."""
    names: dict[str, str] = {}
    for table in (site.townships, site.branches, site.villages):
        names.update((record.id, record["name"]) for record in table.values())
    several = len(site.townships) > 1
    for township in site.townships.values():
        for unit, name in township.departments.items():
            names[unit] = f"{name}（{township['name']}）" if several else name
    return names


def unit_townships(site: Site) -> dict[str, str]:
    """Unit id → its township: a township's own, its departments', its villages' and branches'."""
    townships: dict[str, str] = {}
    for township in site.townships.values():
        townships.update(dict.fromkeys(township.departments, township.id))
        townships[township.id] = township.id
    for type_name in ("village", "branch"):
        for township_id, records in site.relation(type_name, "township").items():
            townships.update(dict.fromkeys((r.id for r in records), township_id))
    return townships


@dataclass(frozen=True)
class Coverage:
    """Party coverage of a township's 两新组织: covered of total, and the rate in per cent to one
    decimal."""

    township: Township
    covered: int
    total: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.covered, self.total) if self.total else None


def build_model(records, today: dt.date, history: Mapping[str, dt.date] | None, registry) -> Site:
    """Model objects from validated record files (check.validate.RecordFile with a typed
    document), by the registry's types."""
    history = history or {}
    tables: dict[str, dict[str, Record]] = {t.name: {} for t in registry}
    documents = {(r.type.name, r.id): r.document for r in records}
    departments = departments_of(records)
    townships = [key[1] for key in documents if key[0] == "township"]
    for record in records:
        source = record.relative.as_posix()
        document = with_full_unit_ids(record, documents, departments, townships)
        tables[record.type.name][record.id] = record.type.model(
            record.id, source, freeze(document), history.get(source), record.type.name, today
        )
    return Site(tables, today, registry)


def departments_of(records) -> Departments:
    return Departments(
        {
            r.id: [d["id"] for d in r.document.get("departments") or ()]
            for r in records
            if r.type.name == "township"
        }
    )


def with_full_unit_ids(record, documents, departments: Departments, townships: list[str]) -> dict:
    """A record's document with every department it references by its full id
    (township/department), read in the record's township (a task's is its plan's; `townships`
    are the ids of all townships)."""
    document = record.document
    fields = [
        name
        for name in record.type.schema.fields
        if "department" in _referenced_types(record.type, name)
    ]
    if not fields:
        return document
    township = document.get("township")
    if record.type.name == "task":
        plan = documents.get(("plan", document["plan"]))
        township = plan_township(plan, townships) if plan is not None else None
    changed = dict(document)
    for name in fields:
        value = document.get(name)
        if isinstance(value, str):
            changed[name] = departments.resolve(value, township).unit
        elif isinstance(value, list):
            changed[name] = [departments.resolve(v, township).unit for v in value]
    return changed


def _referenced_types(record_type, field_name: str) -> tuple[str, ...]:
    try:
        return record_type.referenced_kind(field_name).types
    except KeyError:
        return ()
