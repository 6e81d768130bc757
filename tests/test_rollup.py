"""Roll-ups: an action's and a plan's progress from their tasks, and each unit's open, overdue and done tasks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generators.model.records import Plan, Record, Task, freeze
from generators.model.rollup import counts_by_unit, rollup, unit_counts, weighted_progress
from generators.model.site import Site
from generators.spec.registry import REGISTRY

TODAY = dt.date(2025, 12, 31)
PLAN = "p"


def task(
    task_id: str,
    status: str,
    progress: int = 0,
    *,
    action: str = "a",
    deadline: str = "2026-06-30",
    weight=None,
    lead=("dept",),
    responsible=("cun",),
) -> Task:
    doc = {
        "id": task_id,
        "plan": PLAN,
        "action": action,
        "title": task_id,
        "status": status,
        "progress": progress,
        "deadline": deadline,
        "start": dt.date(2025, 3, 1),
        "lead_units": list(lead),
        "responsible_units": list(responsible),
    }
    if weight is not None:
        doc["weight"] = Decimal(str(weight))
    return Task(task_id, f"tasks/{PLAN}/{task_id}.yaml", freeze(doc), None, "task", TODAY)


def plan(*action_ids: str) -> Plan:
    doc = {
        "id": PLAN,
        "actions": [{"id": a, "name": a, "goal": a} for a in action_ids],
        "period": {"start": dt.date(2025, 3, 1), "end": dt.date(2026, 12, 31)},
    }
    return Plan(PLAN, f"plans/{PLAN}.yaml", freeze(doc), None, "plan", TODAY)


def site_of(plan_record: Plan, tasks: list[Task]) -> Site:
    records: dict[str, dict[str, Record]] = {
        "plan": {plan_record.id: plan_record},
        "task": {t.id: t for t in tasks},
        "township": {},
        "branch": {},
        "village": {},
        "disclosure": {},
    }
    return Site(records, TODAY, REGISTRY)


# -- progress -----------------------------------------------------------------------


def test_progress_is_the_mean_with_done_as_100_and_not_started_as_0():
    tasks = [task("a", "已完成", 40), task("b", "未启动", 30), task("c", "推进中", 50)]
    # 已完成 counts 100 and 未启动 0 whatever progress says: (100 + 0 + 50) / 3
    assert weighted_progress(tasks) == Decimal("50.0")


def test_weights_default_to_one_and_weigh_the_mean():
    tasks = [
        task("a", "已完成", 100, weight=3),
        task("b", "推进中", 20),
        task("c", "未启动", weight="0.5"),
    ]
    # (3·100 + 1·20 + 0.5·0) / 4.5 = 71.11…
    assert weighted_progress(tasks) == Decimal("71.1")


def test_cancelled_tasks_are_left_out_of_progress_and_of_nothing_else():
    tasks = [task("a", "推进中", 40), task("b", "已取消", 0, weight=10)]
    figures = rollup(tasks)
    assert figures.progress == Decimal("40.0")
    assert figures.total == 2 and figures.counted == 1
    assert figures.by_status == {"未启动": 0, "推进中": 1, "已完成": 0, "已取消": 1}


def test_an_action_of_cancelled_tasks_only_has_no_progress():
    figures = rollup([task("a", "已取消"), task("b", "已取消", 70)])
    assert figures.progress is None
    assert figures.segments == {"已完成": 0, "推进中": 0, "未启动": 0, "逾期": 0, "已取消": 2}


def test_an_action_with_no_tasks_has_no_progress_and_zero_counts():
    figures = rollup([])
    assert figures.total == 0 and figures.progress is None and figures.overdue == 0
    assert set(figures.segments.values()) == {0}


def test_overdue_tasks_form_their_own_segment_and_stay_in_their_status_count():
    tasks = [
        task("late-todo", "未启动", deadline="2025-06-30"),
        task("late-doing", "推进中", 60, deadline="2025-11-30"),
        task("doing", "推进中", 20),
        task("done-late", "已完成", 100, deadline="2025-01-31"),
        task("long", "推进中", 10, deadline="长期坚持"),
    ]
    figures = rollup(tasks)
    assert figures.overdue == 2
    assert figures.by_status == {"未启动": 1, "推进中": 3, "已完成": 1, "已取消": 0}
    assert figures.segments == {"已完成": 1, "推进中": 2, "未启动": 0, "逾期": 2, "已取消": 0}
    assert sum(figures.segments.values()) == figures.total == 5
    assert figures.progress == Decimal("38.0")  # (0 + 60 + 20 + 100 + 10) / 5


def test_site_rolls_up_each_action_and_the_whole_plan():
    p = plan("a", "b", "empty", "gone")
    tasks = [
        task("a1", "已完成", action="a", weight=2),
        task("a2", "推进中", 40, action="a"),
        task("b1", "未启动", action="b", deadline="2025-10-31"),
        task("g1", "已取消", action="gone"),
    ]
    site = site_of(p, tasks)
    assert site.plan_rollup(p, "a").progress == Decimal("80.0")  # (2·100 + 40) / 3
    assert site.plan_rollup(p, "b").overdue == 1
    assert site.plan_rollup(p, "empty").total == 0 and site.plan_rollup(p, "empty").progress is None
    assert site.plan_rollup(p, "gone").progress is None
    assert site.plan_rollup(p).progress == Decimal("60.0")  # (200 + 40 + 0) / 4
    assert site.plan_rollup(p).total == 4


# -- units -----------------------------------------------------------------------------


def test_unit_counts_open_overdue_and_done_without_cancelled():
    tasks = [
        task("a", "未启动", deadline="2025-06-30"),
        task("b", "推进中", 30),
        task("c", "已完成", 100),
        task("d", "已取消"),
    ]
    assert unit_counts(tasks) == unit_counts(reversed(tasks))
    counts = unit_counts(tasks)
    assert (counts.open, counts.overdue, counts.done) == (2, 1, 1)


def test_a_unit_counts_a_task_once_whether_it_leads_it_or_is_responsible_or_both():
    tasks = [
        task("a", "推进中", 10, lead=("dept",), responsible=("dept", "cun")),
        task("b", "已完成", 100, lead=("cun",), responsible=("zhibu",)),
        task("c", "未启动", lead=("zhibu",), responsible=("cun",), deadline="2025-01-31"),
    ]
    by_unit = counts_by_unit(tasks)
    assert {u: (c.open, c.overdue, c.done) for u, c in by_unit.items()} == {
        "dept": (1, 0, 0),
        "cun": (2, 1, 1),
        "zhibu": (1, 1, 1),
    }
    site = site_of(plan("a"), tasks)
    assert site.unit_counts("cun") == by_unit["cun"]
    assert [unit for unit, _ in site.counts_by_unit()] == ["cun", "dept", "zhibu"]


# -- the schema ---------------------------------------------------------------------------

TASK = "tasks/jiceng-2025/wangge-fugai.yaml"


@pytest.mark.parametrize("weight", ["0", "0.0", "-1", "0.001"])
def test_a_weight_of_zero_or_less_is_rejected(dataset, weight):
    dataset.replace(TASK, "status: 推进中\n", f"status: 推进中\nweight: {weight}\n")
    result = dataset.validate()
    assert not result.ok
    assert [(p.code, p.field) for p in result.problems] == [("schema.range", "weight")]


@pytest.mark.parametrize("weight", ["1", "2.5", "0.5"])
def test_a_positive_weight_is_accepted_and_used(dataset, weight):
    dataset.replace(TASK, "status: 推进中\n", f"status: 推进中\nweight: {weight}\n")
    result = dataset.validate()
    assert result.ok, [str(p) for p in result.problems]
    [record] = [r for r in result.records if r.type.name == "task"]
    assert record.document["weight"] == Decimal(weight)
