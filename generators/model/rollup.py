"""Roll-ups of tasks: how far an action or a plan has got, and how each unit stands. Pure.

A task counts towards progress by its status: 已完成 is 100, 未启动 is 0, 推进中
is its own `progress`. An action's (or a plan's) progress is the mean of its
tasks' progress weighted by each task's `weight` (1 when not given); 已取消
tasks are left out. With no task left to count there is no progress (None),
which pages show as “—”, never as 0%.

Tasks here are model.Task objects, or anything with `task["status"]`,
`task.get(...)` and `task.overdue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

STATUSES = ("未启动", "推进中", "已完成", "已取消")
CANCELLED = "已取消"
DONE = "已完成"
OPEN = ("未启动", "推进中")
DEFAULT_WEIGHT = Decimal(1)

# The segments of a stacked status bar: every task in exactly one. Overdue tasks
# (未启动 or 推进中 past their deadline) are taken out of their status into 逾期.
SEGMENTS = ("已完成", "推进中", "未启动", "逾期", "已取消")
OVERDUE = "逾期"


def task_progress(task) -> int:
    """What a task contributes, in percent: 已完成 100, 未启动 0, 推进中 its progress."""
    status = task["status"]
    if status == DONE:
        return 100
    if status == "未启动":
        return 0
    return int(task["progress"])


def task_weight(task) -> Decimal:
    return Decimal(str(task.get("weight", DEFAULT_WEIGHT)))


def weighted_progress(tasks: Iterable) -> Decimal | None:
    """The weighted mean progress of the tasks not cancelled, to one decimal; None when there is none."""
    counted = [t for t in tasks if t["status"] != CANCELLED]
    total_weight = sum((task_weight(t) for t in counted), Decimal(0))
    if not counted or total_weight <= 0:
        return None
    weighted = sum((task_weight(t) * task_progress(t) for t in counted), Decimal(0))
    return (weighted / total_weight).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Rollup:
    """An action's or a plan's tasks in figures."""

    total: int
    progress: Decimal | None
    by_status: Mapping[str, int]  # every status of STATUSES, 0 when none
    overdue: int
    segments: Mapping[str, int]  # every segment of SEGMENTS: a partition of the tasks

    @property
    def counted(self) -> int:
        """Tasks that count towards progress: all but the cancelled ones."""
        return self.total - self.by_status[CANCELLED]


def rollup(tasks: Iterable) -> Rollup:
    tasks = list(tasks)
    by_status = {status: sum(1 for t in tasks if t["status"] == status) for status in STATUSES}
    overdue = sum(1 for t in tasks if t.overdue)
    segments = {status: by_status[status] for status in SEGMENTS if status in by_status}
    for status in OPEN:
        segments[status] -= sum(1 for t in tasks if t["status"] == status and t.overdue)
    segments[OVERDUE] = overdue
    return Rollup(
        len(tasks),
        weighted_progress(tasks),
        by_status,
        overdue,
        {segment: segments[segment] for segment in SEGMENTS},
    )


@dataclass(frozen=True)
class UnitCounts:
    """A unit's tasks (as lead or responsible unit): open, of which overdue, and done.

    Cancelled ones are not counted."""

    open: int
    overdue: int
    done: int


def unit_counts(tasks: Iterable) -> UnitCounts:
    tasks = list(tasks)
    return UnitCounts(
        open=sum(1 for t in tasks if t["status"] in OPEN),
        overdue=sum(1 for t in tasks if t.overdue),
        done=sum(1 for t in tasks if t["status"] == DONE),
    )


def units_of(task) -> tuple[str, ...]:
    """The units a task names, lead units first, each once."""
    return tuple(dict.fromkeys((*task["lead_units"], *task["responsible_units"])))


def counts_by_unit(tasks: Iterable) -> dict[str, UnitCounts]:
    """Each unit named by a task (lead or responsible) with the counts of its tasks; a task counts once per unit."""
    grouped: dict[str, list] = {}
    for task in tasks:
        for unit in units_of(task):
            grouped.setdefault(unit, []).append(task)
    return {unit: unit_counts(unit_tasks) for unit, unit_tasks in grouped.items()}


def state_of(task) -> str:
    """A task's state as charts draw it: 逾期 when overdue, otherwise its status."""
    return OVERDUE if task.overdue else task["status"]


def completed_on(task):
    """The date a completed task reached 100%: its first update at 100, if it has one."""
    if task["status"] != DONE:
        return None
    return next((u["date"] for u in task.get("updates", ()) if u["progress"] == 100), None)
