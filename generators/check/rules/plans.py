"""Plans, their tasks and targets: ids within a plan, the period, a task's folder, action, dates,
status and progress; and each target with a metric computed on the model as its page shows it."""

from __future__ import annotations

import datetime as dt

from generators.check.rules.dates import check_dates_in_order, check_not_future, end_before_start
from generators.check.rules.index import Index, found, repeats
from generators.model.collation import chinese_key
from generators.model.records import LONG_TERM
from generators.model.targets import evaluate
from generators.model.units import COUNTY_LEVEL


def check_plans(index: Index):
    townships = sorted(index.ids["township"])
    for record in index.valid("plan"):
        doc = record.document
        yield from _plan_township(index, record, doc, townships)
        for key in ("actions", "targets"):
            for i, item_id in repeats(doc.get(key) or [], "id"):
                yield found(record, (key, i, "id"), "id.duplicate-in-plan", id=item_id)
        period = doc.get("period")
        if period and period["start"] > period["end"]:
            yield end_before_start(
                record,
                ("period", "end"),
                ("实施期限的结束", period["end"]),
                ("开始", period["start"]),
            )


def _plan_township(index: Index, record, doc, townships: list[str]):
    """A plan says its township once a site has several, and a county plan names none."""
    if doc.get("level") == COUNTY_LEVEL and doc.get("township"):
        yield found(record, ("level",), "ref.county-plan-township", township=doc["township"])
    elif len(townships) > 1 and not doc.get("township") and doc.get("level") != COUNTY_LEVEL:
        names = sorted((index.township_name(t) for t in townships), key=chinese_key)
        yield found(
            record,
            ("id",),
            "ref.plan-township",
            id=doc["id"],
            count=len(townships),
            townships="、".join(names),
            example=townships[0],
        )


def check_tasks(index: Index):
    plans = {p.id: p for p in index.valid("plan")}
    for task in index.valid("task"):
        doc = task.document
        folder = task.relative.parent.name
        if doc["plan"] != folder:
            yield found(task, ("plan",), "task.plan-folder", folder=folder, plan=doc["plan"])
        plan = plans.get(doc["plan"])
        if plan is not None:
            actions = [a["id"] for a in plan.document.get("actions") or []]
            if doc["action"] not in actions:
                yield found(
                    task,
                    ("action",),
                    "ref.missing-action",
                    plan=doc["plan"],
                    action=doc["action"],
                    actions="、".join(actions),
                )
        yield from _task_dates(index, task, doc)
        yield from _task_status(task, doc)
        updates = doc.get("updates") or []
        yield from check_dates_in_order(task, updates, "date", ("updates",), "进展记录")
        for i, update in enumerate(updates):
            yield from check_not_future(
                index, task, ("updates", i, "date"), update["date"], "进展日期"
            )
        if updates and updates[-1]["progress"] != doc["progress"]:
            yield found(
                task,
                ("progress",),
                "task.progress-mismatch",
                progress=doc["progress"],
                latest=updates[-1]["progress"],
            )


def _parse_deadline(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _task_dates(index: Index, task, doc):
    deadline_text = doc["deadline"]
    if deadline_text == LONG_TERM:
        return
    deadline = _parse_deadline(deadline_text)
    if deadline is None:
        yield found(task, ("deadline",), "date.no-such-day", value=deadline_text)
    elif doc["start"] > deadline:
        yield end_before_start(
            task, ("deadline",), ("完成时限", deadline), ("开始日期", doc["start"])
        )


def _task_status(task, doc):
    status, progress = doc["status"], doc["progress"]
    if (status == "已完成") != (progress == 100):
        yield found(
            task,
            ("status",),
            "task.done-progress",
            status=status,
            progress=progress,
            done=status == "已完成",
        )
    elif status == "未启动" and progress != 0:
        yield found(task, ("status",), "task.not-started-progress", progress=progress)


def check_targets(site, records):
    """Each plan target with a metric is computed as its page will be: a scope with nothing to count
    is an error, missing records a warning (the page then says 无数据 and why)."""
    for record in (r for r in records if r.type.name == "plan"):
        plan = site.plans[record.id]
        for i, target in enumerate(plan.get("targets", ())):
            if target.get("metric"):
                yield from _target(record, i, target, evaluate(site, plan, target).result)


def _target(record, i: int, target, result):
    if result.no_units:
        code = "target.no-units"
    elif result.value is None:
        code = "target.no-data"
    else:
        return
    yield found(
        record,
        ("targets", i, "metric"),
        code,
        indicator=target["indicator"],
        reason=result.reason,
    )
