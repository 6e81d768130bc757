"""What the pages' charts show: model records in, SVG out (drawn by charts.py). Pure.

Templates call these through the renderer's globals (`figure.*`); each one is
printed inside a <figure> and followed by a table of the same numbers.
"""

from __future__ import annotations

from decimal import Decimal

from generators.model.records import LONG_TERM, Plan, Task, Village
from generators.model.rollup import completed_on, rollup, state_of
from generators.model.site import Site
from generators.render import charts
from generators.render.formats import number


def plan_status(site: Site, plan: Plan) -> str:
    """A stacked bar of task states per action of the plan."""
    rows = []
    for action in plan["actions"]:
        figures = site.plan_rollup(plan, action["id"])
        note = f"{figures.total} 项" + (
            f"，进度 {number(figures.progress)}%" if figures.progress is not None else ""
        )
        rows.append(charts.StatusRow(action["name"], figures.segments, note))
    return charts.status_bars(rows, "各行动任务状态")


def township_status(site: Site) -> str:
    """A stacked bar of task states per township (the tasks of its own plans)."""
    rows = []
    for township in site.townships_in_order():
        figures = rollup(site.tasks_of_township(township.id))
        note = f"{figures.total} 项" + (
            f"，进度 {number(figures.progress)}%" if figures.progress is not None else ""
        )
        rows.append(charts.StatusRow(township["name"], figures.segments, note))
    return charts.status_bars(rows, "各镇（街道）任务状态")


def task_row(task: Task, plan_end) -> charts.TimelineRow:
    long_term = task["deadline"] == LONG_TERM
    milestones = tuple(charts.Milestone(m["date"], m["done"]) for m in task.get("milestones", ()))
    return charts.TimelineRow(
        task["title"],
        task["start"],
        plan_end if task.deadline is None else task.deadline,  # none: long-term
        state_of(task),
        long_term,
        milestones,
        completed_on(task),
    )


def action_timeline(site: Site, plan: Plan, action) -> str:
    """The tasks of one action from start to deadline, on the plan's period, with the build date."""
    period = plan["period"]
    rows = [task_row(task, period["end"]) for task in site.tasks_of_plan(plan, action["id"])]
    return charts.timeline(
        rows, period["start"], period["end"], site.today, f"{action['name']}时间安排"
    )


def village_economy(village: Village) -> str:
    years = [(y["year"], y["total_income"], y["operating_income"]) for y in village.economy]
    return charts.economy_bars(years, f"{village['name']}集体经济收入")


def target_maximum(unit: str):
    """The scale of a target's bar: 0 to 100 for a percentage, else a round number above both values."""
    return Decimal(100) if unit == "%" else None
