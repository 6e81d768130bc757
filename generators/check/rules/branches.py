"""Party organisations: no circle of parents, members and committee by level, the term by
sector, and the 软弱涣散 整顿 episodes."""

from __future__ import annotations

import datetime as dt

from generators.check.rules.dates import check_dates_in_order, end_before_start
from generators.check.rules.index import Index, found


def check_branch_tree(index: Index):
    parents = {r.id: r.document.get("parent") for r in index.valid("branch")}
    records = {r.id: r for r in index.valid("branch")}
    reported: set[str] = set()
    for start in sorted(parents):
        chain, node = [], start
        while node in parents and node not in chain:
            chain.append(node)
            node = parents[node]
        if node in chain:
            cycle = chain[chain.index(node) :]
            if not reported.intersection(cycle):
                reported.update(cycle)
                for member in sorted(cycle):
                    yield found(
                        records[member], ("parent",), "ref.cycle", chain=" → ".join(cycle + [node])
                    )


MEMBER_PARTS = ("probationary", "female", "under_35", "college", "mobile")


def _years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25


def check_branches(index: Index):
    for record in index.valid("branch"):
        doc = record.document
        members = doc.get("members") or {}
        total = members.get("total", 0)
        for part in MEMBER_PARTS:
            if members.get(part, 0) > total:
                yield found(
                    record,
                    ("members", part),
                    "members.part-exceeds-total",
                    part=record.type.schema.at(("members", part)).label,
                    count=members[part],
                    total=total,
                )
        yield from _branch_size(record, doc, total, total - members.get("probationary", 0))
        yield from _branch_term(record, doc)
        episodes = doc.get("rectifications") or []
        yield from check_dates_in_order(
            record, episodes, "started", ("rectifications",), "整顿情况"
        )
        for i, episode in enumerate(episodes):
            yield from _rectification(record, episode, ("rectifications", i))


def _rectification(record, rectification, at: tuple):
    finished = rectification.get("finished")
    if rectification["status"] == "已销号" and finished is None:
        yield found(record, at + ("status",), "rectification.no-finish-date")
    elif rectification["status"] == "整顿中" and finished is not None:
        yield found(record, at + ("finished",), "rectification.finished-while-open")
    if finished is not None and finished < rectification["started"]:
        yield end_before_start(
            record,
            at + ("finished",),
            ("销号日期", finished),
            ("开始整顿日期", rectification["started"]),
        )


def _branch_size(record, doc, total: int, full: int):
    level = doc["level"]
    if level in ("党支部", "联合党支部", "流动党员党支部", "临时党支部"):
        if full < 3 and level != "临时党支部":
            yield found(record, ("members", "total"), "members.too-few", level=level, full=full)
        if total > 50:
            yield found(
                record, ("members", "total"), "members.branch-too-large", level=level, total=total
            )
    elif level == "党总支" and not 50 < total < 100:
        yield found(record, ("members", "total"), "members.general-branch-size", total=total)
    elif level == "党委" and total < 100:
        yield found(record, ("members", "total"), "members.party-committee-size", total=total)
    committee = doc.get("committee") or []
    if full >= 7 and not 3 <= len(committee) <= 7:
        yield found(record, ("committee",), "committee.required", full=full, size=len(committee))
    elif full < 7 and len(committee) > 1:
        yield found(record, ("committee",), "committee.not-needed", full=full)


def _branch_term(record, doc):
    term = doc.get("term")
    if not term:
        return
    years = 5 if doc["sector"] in ("农村", "社区") else 3
    if term["end"] <= term["start"]:
        yield end_before_start(
            record, ("term", "end"), ("任期结束日期", term["end"]), ("开始日期", term["start"])
        )
    elif abs(_years_between(term["start"], term["end"]) - years) > 0.1:
        yield found(
            record,
            ("term", "end"),
            "term.length",
            sector=doc["sector"],
            years=years,
            start=str(term["start"]),
            end=str(term["end"]),
            expected=str(_add_years(term["start"], years)),
        )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
