"""The model: frozen records built only from valid data, with references resolved.

Each record keeps its typed document read-only (`record["name"]` or, in a
template, `record.name`) and adds what pages derive from it: overdue flags,
一肩挑, totals, current values of a plan's targets. `Site` holds every record
and the relations between them (model/site.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from generators.model.units import full_id

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
        """Its departments by their full id (qingxi/zhen-dangjianban, model/units.py): the id by
        which tasks and findings name them in the model."""
        return {full_id(self.id, d["id"]): d["name"] for d in self.get("departments", ())}


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
        deadline = self.deadline  # overdue: there is one
        return (self.today - deadline).days if self.overdue and deadline is not None else 0

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


def percent(part: int, whole: int) -> Decimal:
    """A share in per cent to one decimal, as targets and coverage rates are published."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
