"""The model: frozen records built only from valid data, with references resolved.

Each record keeps its typed document read-only (`record["name"]` or, in a
template, `record.name`) and adds what pages derive from it: overdue flags,
一肩挑, totals, current values of a plan's targets. `Site` holds every record
and the relations between them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from generators.model.collation import chinese_key, in_chinese_order
from generators.model.periods import parse as parse_period
from generators.model.rollup import Rollup, UnitCounts, counts_by_unit, rollup, unit_counts

DUE_SOON_DAYS = 30  # a task
FINDING_DUE_SOON_DAYS = 7  # a rectification (整改), as a disclosure
LONG_TERM = "长期坚持"
NOT_COVERED = "未覆盖"
CLOSED = "已销号"

STATUS_CLASSES = {
    "未启动": "status-todo",
    "推进中": "status-doing",
    "已完成": "status-done",
    "已取消": "status-cancelled",
    "整改中": "status-doing",
    CLOSED: "status-done",
}
RATING_STARS = {"五星": 5, "四星": 4, "三星": 3, "二星": 2, "一星": 1}


def freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Record:
    id: str
    source: str  # file path inside the data folder
    doc: Mapping
    updated: dt.date | None = None  # last change of the file in the git history
    type_name: str = (
        ""  # the name of its record type, e.g. "village" (a record may have a field "kind")
    )
    today: dt.date = field(default=dt.date.min, compare=False)  # the build date

    def __getitem__(self, key):
        return self.doc[key]

    def get(self, key, default=None):
        return self.doc.get(key, default)


@dataclass(frozen=True)
class Township(Record):
    @property
    def departments(self) -> dict[str, str]:
        return {d["id"]: d["name"] for d in self.get("departments", ())}


@dataclass(frozen=True)
class Rated(Record):
    """A record with yearly ratings (星级评定)."""

    @property
    def ratings(self) -> tuple:
        return tuple(sorted(self.get("ratings", ()), key=lambda r: r["year"]))

    @property
    def latest_rating(self):
        return self.ratings[-1] if self.ratings else None


@dataclass(frozen=True)
class Village(Record):
    @property
    def one_shoulder(self) -> bool:
        leaders = self["leaders"]
        return leaders["secretary"] == leaders["director"]

    @property
    def economy(self) -> tuple:
        return tuple(sorted(self["collective_economy"], key=lambda y: y["year"]))

    @property
    def latest_economy(self):
        return self.economy[-1] if self.economy else None


@dataclass(frozen=True)
class Branch(Rated):
    @property
    def full_members(self) -> int:
        return self["members"]["total"] - self["members"]["probationary"]

    @property
    def secretary(self) -> str | None:
        return next((m["name"] for m in self["committee"] if m["role"] == "书记"), None)

    @property
    def rectifications(self) -> tuple:
        """Its 软弱涣散 整顿 episodes, the earliest first."""
        return tuple(sorted(self.get("rectifications", ()), key=lambda r: r["started"]))

    @property
    def rectification(self):
        """The latest episode (整顿中, or the last one 销号), or None."""
        return self.rectifications[-1] if self.rectifications else None

    def rectifications_started_in(self, year: int) -> tuple:
        return tuple(r for r in self.rectifications if r["started"].year == year)


@dataclass(frozen=True)
class MeetingLog(Record):
    pass


@dataclass(frozen=True)
class NewOrg(Record):
    """A 两新组织: a non-public enterprise or social organization, and how party work covers it."""

    @property
    def covered(self) -> bool:
        """Covered by party work: a branch of its own or a joint one, or a party-building instructor."""
        return self["coverage"] != NOT_COVERED


@dataclass(frozen=True)
class Pledge(Record):
    """A branch's pledges of one year (承诺), how they were kept (践诺) and the review (评诺)."""

    @property
    def kept(self) -> int:
        return sum(1 for item in self["items"] if item["status"] == "已兑现")

    @property
    def reviewed(self) -> bool:
        return self.get("review") is not None


@dataclass(frozen=True)
class Grid(Record):
    @property
    def members(self) -> tuple:
        return self.get("members", ())


@dataclass(frozen=True)
class Plan(Record):
    def action(self, action_id: str):
        return next(a for a in self["actions"] if a["id"] == action_id)


@dataclass(frozen=True)
class Deadlined(Record):
    """A record open until it is done, with a deadline (or none): overdue after it, due soon before it.

    A subclass says what its deadline is, when it is open, and how many days count as soon."""

    due_soon_days = DUE_SOON_DAYS

    @property
    def deadline(self) -> dt.date | None:
        raise NotImplementedError

    @property
    def open(self) -> bool:
        raise NotImplementedError

    @property
    def overdue(self) -> bool:
        return self.open and self.deadline is not None and self.deadline < self.today

    @property
    def due_soon(self) -> bool:
        deadline = self.deadline
        return (
            self.open
            and deadline is not None
            and self.today <= deadline <= self.today + dt.timedelta(days=self.due_soon_days)
        )

    @property
    def days_overdue(self) -> int:
        return (self.today - self.deadline).days if self.overdue else 0

    @property
    def status_class(self) -> str:
        return STATUS_CLASSES[self["status"]]


@dataclass(frozen=True)
class Task(Deadlined):
    @property
    def deadline(self) -> dt.date | None:
        text = self["deadline"]
        return None if text == LONG_TERM else dt.date.fromisoformat(text)

    @property
    def open(self) -> bool:
        return self["status"] in ("未启动", "推进中")

    @property
    def latest_update(self):
        updates = self.get("updates", ())
        return updates[-1] if updates else None

    @property
    def sort_key(self):
        return (self.deadline or dt.date.max, self.id)


@dataclass(frozen=True)
class Finding(Deadlined):
    """One problem found in one unit (问题清单) and its rectification (整改清单), open until 销号."""

    due_soon_days = FINDING_DUE_SOON_DAYS

    @property
    def deadline(self) -> dt.date:
        return self["deadline"]

    @property
    def open(self) -> bool:
        return self["status"] != CLOSED

    @property
    def days_closed_late(self) -> int:
        """For a finding 销号 after its deadline: by how many days."""
        closed = self.get("closed")
        return max(0, (closed - self.deadline).days) if closed else 0

    @property
    def latest_progress(self):
        progress = self.get("progress", ())
        return progress[-1] if progress else None

    @property
    def sort_key(self):
        """Open ones first, the earliest deadline first; then those closed, the latest first."""
        if self.open:
            return (0, self.deadline.toordinal(), self.id)
        return (1, -self["closed"].toordinal(), self.id)


@dataclass(frozen=True)
class Disclosure(Record):
    @property
    def income_total(self) -> Decimal:
        return sum((line["amount"] for line in self["finance"].get("income", ())), Decimal("0"))

    @property
    def expense_total(self) -> Decimal:
        return sum((line["amount"] for line in self["finance"].get("expense", ())), Decimal("0"))

    @property
    def masked_beneficiaries(self) -> tuple:
        return tuple({**b, "name": mask_name(b["name"])} for b in self.get("beneficiaries", ()))

    @property
    def sort_key(self):
        return (self["published"], self.id)


def mask_name(name: str) -> str:
    """Benefit recipients are published masked, surname only: 张三丰 → 张*.

    One star whatever the length, so the mask does not reveal the given name's length.
    """
    return name.strip()[:1] + "*"


def compare(value: Decimal, comparator: str, goal: Decimal) -> bool:
    return {
        "≥": value >= goal,
        "≤": value <= goal,
        "=": value == goal,
        ">": value > goal,
        "<": value < goal,
    }[comparator]


class Site:
    """Every record of a valid data folder, with the relations pages need.

    Records are held by type: `site.records["village"]`, or by the type's
    collection name, `site.villages` (see registry.py)."""

    def __init__(
        self,
        records: dict[str, dict[str, Record]],
        today: dt.date,
        collections: Mapping[str, str] | None = None,
    ):
        self.today = today
        self.records = records
        self._collections = dict(collections or {})
        self._children = defaultdict(list)
        self._branches_by_village = defaultdict(list)
        for branch in self.branches.values():
            if branch.get("parent"):
                self._children[branch["parent"]].append(branch)
            if branch.get("village"):
                self._branches_by_village[branch["village"]].append(branch)
        self._tasks_by_plan = defaultdict(list)
        for task in self.tasks.values():
            self._tasks_by_plan[task["plan"]].append(task)
        self._tasks_by_unit: dict[str, set] = defaultdict(set)
        for task in self.tasks.values():
            for unit in (*task["lead_units"], *task["responsible_units"]):
                self._tasks_by_unit[unit].add(task.id)
        self._unit_names: dict[str, str] = {}
        for table in (self.townships, self.branches, self.villages):
            self._unit_names.update((record.id, record["name"]) for record in table.values())
        self._unit_townships: dict[str, str] = {}
        for township in self.townships.values():
            self._unit_names.update(township.departments)  # department names win, as before
            self._unit_townships.update(dict.fromkeys(township.departments, township.id))
            self._unit_townships[township.id] = township.id
        for table in (self.villages, self.branches):
            self._unit_townships.update(
                (record.id, record["township"]) for record in table.values()
            )
        self._disclosures_by_subject = defaultdict(list)
        for disclosure in self.disclosures.values():
            self._disclosures_by_subject[disclosure["subject"]].append(disclosure)
        self._new_orgs_by_unit = defaultdict(
            list
        )  # township, village and covering branch → its 两新组织
        for org in self.of("new_org").values():
            for key in ("township", "village", "branch"):
                if org.get(key):
                    self._new_orgs_by_unit[org[key]].append(org)
        self._pledges_by_branch = defaultdict(list)
        for pledge in self.of("pledge").values():
            self._pledges_by_branch[pledge["branch"]].append(pledge)
        self._grids_by_village = defaultdict(list)
        for grid in self.of("grid").values():
            self._grids_by_village[grid["village"]].append(grid)
        self._findings_by_unit = defaultdict(list)
        for finding in self.of("finding").values():
            self._findings_by_unit[finding["unit"]].append(finding)

    def __getattr__(self, name: str):
        collections = self.__dict__.get("_collections", {})
        if name in collections:
            return self.records.get(collections[name], {})
        raise AttributeError(name)

    def of(self, kind: str) -> dict[str, Record]:
        return self.records.get(kind, {})

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
        """Where a unit goes in a list of units: in Chinese order of its name (collation.py), then by id."""
        return chinese_key(self.unit_name(unit_id)), unit_id

    def townships_in_order(self) -> list[Township]:
        return in_chinese_order(self.townships.values())

    def township_of(self, unit_id: str) -> str | None:
        """The township a village, branch, department or township belongs to."""
        return self._unit_townships.get(unit_id)

    def township_of_plan(self, plan) -> str | None:
        """A plan's township: that of the units leading its tasks."""
        for task in self.tasks_of_plan(plan):
            for unit in task["lead_units"]:
                if self.township_of(unit):
                    return self.township_of(unit)
        return self.township.id if self.township else None

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
        return in_chinese_order(self._children[branch.id])

    def parent(self, branch: Branch) -> Branch | None:
        return self.branches.get(branch.get("parent"))

    def branches_of_village(self, village: Village) -> list[Branch]:
        return in_chinese_order(self._branches_by_village[village.id])

    def leading_organisation(self, village: Village) -> Branch | None:
        """The party organisation leading a village: the one of the village whose parent is outside it.
        Its ratings are the village's (星级评定 belongs to the organisation)."""
        own = self.branches_of_village(village)
        top = [
            b
            for b in own
            if not b.get("parent")
            or self.branches.get(b["parent"], {}).get("village") != village.id
        ]
        return top[0] if top else None

    def rating_scale(self, township_id: str) -> str:
        township = self.townships.get(township_id)
        return (township.get("rating_scale") if township else None) or "星级"

    def tasks_of(self, unit_id: str) -> list[Task]:
        return sorted(
            (self.tasks[i] for i in self._tasks_by_unit[unit_id]), key=lambda t: t.sort_key
        )

    def tasks_of_plan(self, plan: Plan, action_id: str | None = None) -> list[Task]:
        return sorted(
            (
                t
                for t in self._tasks_by_plan[plan.id]
                if action_id is None or t["action"] == action_id
            ),
            key=lambda t: t.sort_key,
        )

    def tasks_of_township(self, township_id: str) -> list[Task]:
        """Tasks led by a township's own units (its departments, villages and organisations)."""
        return [
            t
            for t in self.sorted_tasks()
            if any(self.township_of(unit) == township_id for unit in t["lead_units"])
        ]

    def disclosures_of_township(self, township_id: str) -> list[Disclosure]:
        return [
            d for d in self.disclosures.values() if self.township_of(d["subject"]) == township_id
        ]

    def disclosures_of(self, subject_id: str) -> list[Disclosure]:
        return sorted(
            self._disclosures_by_subject[subject_id], key=lambda d: d.sort_key, reverse=True
        )

    def findings_of(self, unit_id: str) -> list[Finding]:
        """A unit's findings, open ones first."""
        return sorted(self._findings_by_unit[unit_id], key=lambda f: f.sort_key)

    def findings_of_departments(self, township: Township) -> list[Finding]:
        """The findings of a township's own departments, open ones first."""
        return sorted(
            (f for d in township.departments for f in self._findings_by_unit[d]),
            key=lambda f: f.sort_key,
        )

    def rectification_findings(self, branch: Branch, episode) -> list[Finding]:
        """The findings of one of a branch's 软弱涣散 整顿 episodes: those naming the year it started."""
        year = episode["started"].year
        return [f for f in self.findings_of(branch.id) if f.get("branch_rectification") == year]

    def meetings_of(self, branch: Branch, year: int) -> tuple:
        log = self.meeting_logs.get(f"{branch.id}-{year}")
        return log["meetings"] if log else ()

    def new_orgs_of(self, unit_id: str) -> list[NewOrg]:
        """The 两新组织 of a township or village, or those a branch covers, by name."""
        return in_chinese_order(self._new_orgs_by_unit[unit_id])

    def pledges_of(self, branch: Branch) -> list[Pledge]:
        """A branch's pledges, the latest year first."""
        return sorted(self._pledges_by_branch[branch.id], key=lambda p: p["year"], reverse=True)

    def grids_of(self, village: Village) -> list[Grid]:
        return in_chinese_order(self._grids_by_village[village.id])

    # -- views -------------------------------------------------------------

    def new_org_coverage(self) -> list[Coverage]:
        """Per township with 两新组织: how many there are, how many are covered, and the rate."""
        return [
            self.coverage_of(t.id)
            for t in self.townships_in_order()
            if self._new_orgs_by_unit[t.id]
        ]

    def coverage_of(self, township_id: str) -> Coverage:
        orgs = self._new_orgs_by_unit[township_id]
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
        """Every unit named by a task, by name, with its counts; or only a township and its departments."""
        own = None if within is None else {within.id, *within.departments}
        return sorted(
            (
                (unit, figures)
                for unit, figures in counts_by_unit(self.sorted_tasks()).items()
                if own is None or unit in own
            ),
            key=lambda item: self.unit_key(item[0]),
        )

    def disclosures_by_subject(self) -> list[tuple[str, list[Disclosure]]]:
        return sorted(
            ((subject, self.disclosures_of(subject)) for subject in self._disclosures_by_subject),
            key=lambda item: self.unit_key(item[0]),
        )

    def disclosures_by_period(self) -> list[tuple[str, list[Disclosure]]]:
        grouped = defaultdict(list)
        for disclosure in self.disclosures.values():
            grouped[disclosure["period"]].append(disclosure)
        return sorted(
            grouped.items(), key=lambda item: (parse_period(item[0]), item[0]), reverse=True
        )

    def sorted_tasks(self) -> list[Task]:
        return sorted(self.tasks.values(), key=lambda t: t.sort_key)

    def overdue_tasks(self) -> list[Task]:
        return [t for t in self.sorted_tasks() if t.overdue]

    def due_soon_tasks(self) -> list[Task]:
        return [t for t in self.sorted_tasks() if t.due_soon]

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.of("finding").values(), key=lambda f: f.sort_key)

    def overdue_findings(self) -> list[Finding]:
        return [f for f in self.sorted_findings() if f.overdue]

    def findings_by_township(self) -> list[tuple[str | None, list[Finding]]]:
        """Findings grouped by the township of their unit, townships in Chinese order of their names."""
        grouped = defaultdict(list)
        for finding in self.sorted_findings():
            grouped[self.township_of(finding["unit"])].append(finding)
        return sorted(grouped.items(), key=lambda item: self.unit_key(item[0] or ""))

    def latest_disclosures(self, count: int = 10) -> list[Disclosure]:
        return sorted(self.disclosures.values(), key=lambda d: d.sort_key, reverse=True)[:count]


@dataclass(frozen=True)
class Coverage:
    """Party coverage of a township's 两新组织: covered of total, and the rate in per cent to one decimal."""

    township: Township
    covered: int
    total: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.covered, self.total) if self.total else None


def percent(part: int, whole: int) -> Decimal:
    """A share in per cent to one decimal, as targets and coverage rates are published."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def build_site(records, today: dt.date, history: Mapping[str, dt.date] | None, registry) -> Site:
    """Model objects from validated records (validate.Record with a typed document), by the registry's types."""
    history = history or {}
    tables: dict[str, dict[str, Record]] = {t.name: {} for t in registry}
    for record in records:
        source = record.relative.as_posix()
        tables[record.type.name][record.id] = record.type.model(
            record.id, source, freeze(record.document), history.get(source), record.type.name, today
        )
    return Site(tables, today, registry.collections())
