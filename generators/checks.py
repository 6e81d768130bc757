"""Checks across records: ids, references, dates, sums and the domain's rules.

Each check reads the records and yields problems; none stops at the first.
Only records whose own file passed its schema are checked here, but the ids of
every record that has one count as existing, so one broken file does not
cascade into "missing" errors elsewhere.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from decimal import Decimal

from .model import LONG_TERM
from .problems import WARNING, Problem
from .schema import dotted, label_of


# Kinds of reference a schema's `ref` rule may name, and the record types they admit.
REF_KINDS = {
    "township": ("township",),
    "village": ("village",),
    "branch": ("branch",),
    "plan": ("plan",),
    "unit": ("department", "village", "branch"),
    "subject": ("village", "branch", "township"),
}
KIND_LABELS = {"township": "镇（街道）", "village": "村（社区）", "branch": "党组织", "plan": "实施方案",
               "department": "镇属部门", "unit": "单位（部门、村或党组织）",
               "subject": "公开主体（村、党组织或镇）"}

REVIEW_STEPS = ("提出", "审核", "审批")


class Index:
    """Ids of every record, and the valid records of each type."""

    def __init__(self, records, today: dt.date):
        self.today = today
        self.records = records
        self.ids: dict[str, dict[str, object]] = defaultdict(dict)
        for record in records:
            if record.id is not None:
                self.ids[record.type.name].setdefault(record.id, record)
        for record in records:
            # A record with errors of its own, or an id that differs from its file name, is
            # already reported; references to its file name must not fail on top of that.
            if record.document is None or record.id != record.relative.stem:
                self.ids[record.type.name].setdefault(record.relative.stem, record)
        self.unknown: set[str] = set()  # types whose ids cannot all be known
        for township in (r for r in records if r.type.name == "township"):
            data = township.document or township.loaded.data
            departments = data.get("departments") if isinstance(data, dict) else None
            if not isinstance(departments, list):
                if township.document is None:  # unreadable: its departments are unknown
                    self.unknown.add("department")
                continue
            for department in departments:
                if isinstance(department, dict) and isinstance(department.get("id"), str):
                    self.ids["department"].setdefault(department["id"], township)

    def valid(self, type_name: str):
        return [r for r in self.records if r.type.name == type_name and r.document is not None]

    def exists(self, kind: str, value: str) -> bool:
        """True when the id exists, or might: a broken file's ids are not held against others."""
        return any(value in self.ids[t] or t in self.unknown for t in REF_KINDS[kind])

    def known(self, kind: str) -> list[str]:
        return sorted(i for t in REF_KINDS[kind] for i in self.ids[t])


def problem(record, path: tuple, code: str, what: str, fix: str, severity: str = "error",
            use_key: bool = False) -> Problem:
    loaded = record.loaded
    at = (loaded.keys.get(path) if use_key else loaded.values.get(path)) or loaded.mark(path)
    return Problem(code, record.path, at.line, at.col, what, fix, severity=severity,
                   field=dotted(path), label=label_of(record.type.schema.fields, path))


def cross_record(records, today: dt.date) -> list[Problem]:
    index = Index(records, today)
    found: list[Problem] = []
    for check in CHECKS:
        found.extend(check(index))
    return found


# ---------------------------------------------------------------------------
# ids and references


def check_ids(index: Index):
    seen: dict[tuple[str, str], object] = {}
    for record in index.records:
        if record.id is None:
            continue
        stem = record.relative.stem
        if record.document is not None and record.id != stem:
            yield problem(record, ("id",), "id.file-name",
                          f"编号 {record.id} 与文件名 {stem} 不一致",
                          f"把编号改为 {stem}，或把文件改名为 {record.id}.yaml")
        group = "entity" if record.type.name in ("village", "branch", "township") else record.type.name
        first = seen.setdefault((group, record.id), record)
        if first is not record:
            yield problem(record, ("id",), "id.duplicate",
                          f"编号 {record.id} 已被 {first.path} 使用",
                          "每条记录的编号必须唯一（村、党组织、镇之间也不能重名），请换一个编号")
    for township in index.valid("township"):
        for i, department in enumerate(township.document.get("departments") or []):
            clash = (department["id"] in index.ids["village"] or department["id"] in index.ids["branch"]
                     or department["id"] in index.ids["township"])
            if clash:
                yield problem(township, ("departments", i, "id"), "id.duplicate",
                              f"部门编号 {department['id']} 与村、党组织或镇的编号重复",
                              "部门、村、党组织的编号不能相同，请换一个编号")


_HAS_REF: dict[int, bool] = {}


def _has_ref(rules: dict) -> bool:
    """Whether a field or anything inside it is a reference (remembered per rule object)."""
    known = _HAS_REF.get(id(rules))
    if known is None:
        inner = rules.get("schema")
        nested = inner.values() if rules.get("type") == "dict" and isinstance(inner, dict) else \
            [inner] if isinstance(inner, dict) else []
        known = _HAS_REF[id(rules)] = "ref" in rules or any(_has_ref(r) for r in nested if isinstance(r, dict))
    return known


def references(fields: dict, value, path: tuple = ()):
    """(path, kind, value) for every `ref` field in a typed document."""
    if isinstance(value, dict):
        for key, item in value.items():
            rules = fields.get(key) if isinstance(fields, dict) else None
            if rules and _has_ref(rules):
                yield from _refs_in(rules, item, path + (key,))


def _refs_in(rules: dict, value, path: tuple):
    if "ref" in rules and isinstance(value, str):
        yield path, rules["ref"], value
    inner = rules.get("schema")
    if rules.get("type") == "dict" and isinstance(inner, dict):
        yield from references(inner, value, path)
    elif rules.get("type") == "list" and isinstance(inner, dict) and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _refs_in(inner, item, path + (i,))


def check_references(index: Index):
    for record in index.records:
        if record.document is None:
            continue
        for path, kind, value in references(record.type.schema.fields, record.document):
            if index.exists(kind, value):
                continue
            close = difflib.get_close_matches(value, index.known(kind), n=1, cutoff=0.6)
            fix = f"是不是 {close[0]}？" if close else f"先建立这个{KIND_LABELS[kind]}的记录，或改成已有的编号"
            yield problem(record, path, "ref.missing", f"找不到编号为 {value} 的{KIND_LABELS[kind]}", fix)


def check_branch_tree(index: Index):
    parents = {r.id: r.document.get("parent") for r in index.valid("branch")}
    records = {r.id: r for r in index.valid("branch")}
    reported = set()
    for start in sorted(parents):
        chain, node = [], start
        while node in parents and node not in chain:
            chain.append(node)
            node = parents[node]
        if node in chain:
            cycle = chain[chain.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                for member in sorted(cycle):
                    yield problem(records[member], ("parent",), "ref.cycle",
                                  "上级党组织形成了循环：" + " → ".join(cycle + [node]),
                                  "检查这些党组织的上级党组织（parent），最上级的镇党委不填上级")


# ---------------------------------------------------------------------------
# where files live


def check_locations(index: Index):
    for task in index.valid("task"):
        folder = task.relative.parent.name
        if task.document["plan"] != folder:
            yield problem(task, ("plan",), "task.plan-folder",
                          f"任务放在 tasks/{folder}/ 目录下，但所属方案写的是 {task.document['plan']}",
                          f"把文件移到 tasks/{task.document['plan']}/，或改正所属方案")
    for disclosure in index.valid("disclosure"):
        folder = disclosure.relative.parent.name
        year = str(disclosure.document["published"].year)
        if folder != year:
            yield problem(disclosure, ("published",), "disclosure.year-folder",
                          f"公开日期是 {year} 年，文件却放在 disclosures/{folder}/ 目录下",
                          f"把文件移到 disclosures/{year}/，或改正公开日期")
    for log in index.valid("meetings"):
        expected = f"{log.document['branch']}-{log.document['year']}"
        if log.document["id"] != expected:
            yield problem(log, ("id",), "meetings.id", f"组织生活记录的编号应为 {expected}",
                          f"把编号和文件名都改为 {expected}")
        for i, meeting in enumerate(log.document.get("meetings") or []):
            if meeting["date"].year != log.document["year"]:
                yield problem(log, ("meetings", i, "date"), "meetings.year",
                              f"会议日期 {meeting['date']} 不在 {log.document['year']} 年",
                              "把这次会议记到对应年份的记录文件中")


# ---------------------------------------------------------------------------
# dates


def _date(value):
    return value if isinstance(value, dt.date) else None


def _parse_deadline(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_dates_in_order(record, items, key: str, list_path: tuple, what: str):
    previous = None
    for i, item in enumerate(items):
        current = _date(item.get(key))
        if previous and current and current < previous:
            yield problem(record, list_path + (i, key), "date.order",
                          f"{what}的日期 {current} 早于上一条的 {previous}",
                          "按时间先后顺序排列，新的写在后面")
        previous = current or previous


def check_not_future(index: Index, record, path: tuple, value, what: str):
    if value and value > index.today:
        yield problem(record, path, "date.future", f"{what} {value} 晚于今天（{index.today}）",
                      "不能填写将来的日期，请检查年份和月份")


def check_tasks(index: Index):
    plans = {p.id: p for p in index.valid("plan")}
    for task in index.valid("task"):
        doc = task.document
        plan = plans.get(doc["plan"])
        if plan is not None:
            actions = [a["id"] for a in plan.document.get("actions") or []]
            if doc["action"] not in actions:
                yield problem(task, ("action",), "ref.missing",
                              f"方案 {doc['plan']} 里没有编号为 {doc['action']} 的行动",
                              f"改成方案中已有的行动：{'、'.join(actions)}")
        yield from _task_dates(index, task, doc)
        yield from _task_status(task, doc)
        updates = doc.get("updates") or []
        yield from check_dates_in_order(task, updates, "date", ("updates",), "进展记录")
        for i, update in enumerate(updates):
            yield from check_not_future(index, task, ("updates", i, "date"), update["date"], "进展日期")
        if updates and updates[-1]["progress"] != doc["progress"]:
            yield problem(task, ("progress",), "task.progress-mismatch",
                          f"任务进度是 {doc['progress']}%，最近一次进展记录却是 {updates[-1]['progress']}%",
                          "让任务进度与最近一次进展记录一致", severity=WARNING)


def _task_dates(index: Index, task, doc):
    deadline_text = doc["deadline"]
    if deadline_text == LONG_TERM:
        return
    deadline = _parse_deadline(deadline_text)
    if deadline is None:
        yield problem(task, ("deadline",), "schema.type", f"完成时限「{deadline_text}」不是存在的日期",
                      f"写成 年-月-日（例如 2025-06-30），或写 {LONG_TERM}")
    elif doc["start"] > deadline:
        yield problem(task, ("deadline",), "date.order",
                      f"完成时限 {deadline} 早于开始日期 {doc['start']}", "检查开始日期和完成时限")


def _task_status(task, doc):
    status, progress = doc["status"], doc["progress"]
    if (status == "已完成") != (progress == 100):
        fix = ("进度写 100，或把状态改为推进中" if status == "已完成"
               else "状态改为已完成，或修改进度")
        yield problem(task, ("status",), "task.status-progress",
                      f"状态是「{status}」，进度却是 {progress}%（已完成必须且只能对应进度 100）", fix)
    elif status == "未启动" and progress != 0:
        yield problem(task, ("status",), "task.status-progress",
                      f"状态是「未启动」，进度却是 {progress}%", "状态改为推进中，或把进度改为 0")


# ---------------------------------------------------------------------------
# disclosures


def check_disclosures(index: Index):
    steps_by_township = {t.id: t.document.get("decision_steps") or [] for t in index.valid("township")}
    decision_steps = next(iter(steps_by_township.values()), [])
    for record in index.valid("disclosure"):
        doc = record.document
        yield from check_not_future(index, record, ("published",), doc["published"], "公开日期")
        yield from _review(record, doc)
        if doc.get("finance"):
            yield from _finance(record, doc["finance"])
        if doc.get("decision"):
            yield from _decision(record, doc["decision"], decision_steps)
        for i, correction in enumerate(doc.get("corrections") or []):
            if correction["date"] < doc["published"]:
                yield problem(record, ("corrections", i, "date"), "date.order",
                              f"更正日期 {correction['date']} 早于公开日期 {doc['published']}",
                              "更正只能发生在公开之后，请检查日期")
            yield from check_not_future(index, record, ("corrections", i, "date"), correction["date"], "更正日期")


def _review(record, doc):
    review = doc.get("review") or []
    names = [r["step"] for r in review]
    expected = [s for s in REVIEW_STEPS if s in names]
    if names != expected:
        yield problem(record, ("review",), "review.order",
                      f"审核流程的顺序是 {'→'.join(names)}，应为 提出→审核→审批",
                      "按 提出、审核、审批 的顺序填写，每一步只写一次")
    yield from check_dates_in_order(record, review, "date", ("review",), "审核流程")
    for i, step in enumerate(review):
        if step["date"] > doc["published"]:
            yield problem(record, ("review", i, "date"), "review.after-publish",
                          f"「{step['step']}」的日期 {step['date']} 晚于公开日期 {doc['published']}",
                          "审核审批要在公开之前完成，请检查日期")


def _finance(record, finance):
    income = sum((line["amount"] for line in finance.get("income") or []), Decimal("0"))
    expense = sum((line["amount"] for line in finance.get("expense") or []), Decimal("0"))
    expected = finance["opening"] + income - expense
    if expected != finance["closing"]:
        yield problem(record, ("finance", "closing"), "finance.unbalanced",
                      f"期末余额写的是 {finance['closing']:.2f} 元，但 期初 {finance['opening']:.2f} + 收入 "
                      f"{income:.2f} − 支出 {expense:.2f} = {expected:.2f} 元",
                      "核对每一笔收支和期初、期末余额，账目要精确到分")


def _decision(record, decision, configured):
    if not configured:
        return
    positions = []
    for i, step in enumerate(decision):
        if step["step"] not in configured:
            yield problem(record, ("decision", i, "step"), "decision.unknown-step",
                          f"「{step['step']}」不是四议两公开的步骤",
                          f"步骤只能是：{'、'.join(configured)}")
            continue
        positions.append((i, configured.index(step["step"])))
    for (_, earlier), (i, later) in zip(positions, positions[1:]):
        if later <= earlier:
            yield problem(record, ("decision", i, "step"), "decision.order",
                          f"「{decision[i]['step']}」的顺序不对或重复", f"按顺序填写：{'→'.join(configured)}")
            break
    yield from check_dates_in_order(record, decision, "date", ("decision",), "四议两公开步骤")


# ---------------------------------------------------------------------------
# organizations, villages, plans, meetings

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
                yield problem(record, ("members", part), "members.inconsistent",
                              f"{label_of(record.type.schema.fields, ('members', part))}"
                              f"（{members[part]}）超过党员总数（{total}）", "核对党员人数统计")
        yield from _branch_size(record, doc, total, total - members.get("probationary", 0))
        yield from _branch_term(record, doc)
        yield from _rectification(record, doc.get("rectification"))


def _rectification(record, rectification):
    if not rectification:
        return
    finished = rectification.get("finished")
    if rectification["status"] == "已销号" and finished is None:
        yield problem(record, ("rectification", "status"), "rectification.finished",
                      "整顿状态是「已销号」，但没有填写销号日期", "添加一行 finished: 并填写销号日期")
    elif rectification["status"] == "整顿中" and finished is not None:
        yield problem(record, ("rectification", "finished"), "rectification.finished",
                      "整顿状态是「整顿中」，却填写了销号日期", "已经销号的，把状态改为已销号；否则删除销号日期")
    if finished is not None and finished < rectification["started"]:
        yield problem(record, ("rectification", "finished"), "date.order",
                      f"销号日期 {finished} 早于开始整顿日期 {rectification['started']}", "检查两个日期")


def _branch_size(record, doc, total: int, full: int):
    level = doc["level"]
    if level in ("党支部", "联合党支部", "流动党员党支部", "临时党支部"):
        if full < 3 and level != "临时党支部":
            yield problem(record, ("members", "total"), "domain.members",
                          f"{level}的正式党员只有 {full} 名，党支部需要至少 3 名正式党员",
                          "核对人数，或考虑与邻近党组织成立联合党支部", severity=WARNING)
        if total > 50:
            yield problem(record, ("members", "total"), "domain.members",
                          f"{level}有党员 {total} 名，超过 50 名一般应成立党总支",
                          "核对人数，或按程序调整为党总支", severity=WARNING)
    elif level == "党总支" and not 50 < total < 100:
        yield problem(record, ("members", "total"), "domain.members",
                      f"党总支有党员 {total} 名，党总支一般为 51 至 99 名党员",
                      "核对人数和组织层级", severity=WARNING)
    elif level == "党委" and total < 100:
        yield problem(record, ("members", "total"), "domain.members",
                      f"党委只有党员 {total} 名，党员 100 名以上一般才设党委",
                      "核对人数和组织层级", severity=WARNING)
    committee = doc.get("committee") or []
    if full >= 7 and not 3 <= len(committee) <= 7:
        yield problem(record, ("committee",), "domain.committee",
                      f"正式党员 {full} 名，应设委员会（3 至 5 人，最多 7 人），现有 {len(committee)} 人",
                      "按规定配齐委员会成员", severity=WARNING)
    elif full < 7 and len(committee) > 1:
        yield problem(record, ("committee",), "domain.committee",
                      f"正式党员不足 7 名（{full} 名），一般不设委员会，只设书记", "核对委员会成员",
                      severity=WARNING)


def _branch_term(record, doc):
    term = doc.get("term")
    if not term:
        return
    years = 5 if doc["sector"] in ("农村", "社区") else 3
    if term["end"] <= term["start"]:
        yield problem(record, ("term", "end"), "date.order", "任期结束日期不晚于开始日期", "检查任期日期")
    elif abs(_years_between(term["start"], term["end"]) - years) > 0.1:
        yield problem(record, ("term", "end"), "domain.term",
                      f"{doc['sector']}党组织每届任期 {years} 年，这里是 {term['start']} 至 {term['end']}",
                      f"检查任期，结束日期一般为 {_add_years(term['start'], years)}", severity=WARNING)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_villages(index: Index):
    for record in index.valid("village"):
        doc = record.document
        term = doc.get("committee_term")
        if term and term["end"] <= term["start"]:
            yield problem(record, ("committee_term", "end"), "date.order", "任期结束日期不晚于开始日期",
                          "检查任期日期")
        years_seen: dict[int, int] = {}
        for i, year in enumerate(doc.get("collective_economy") or []):
            if year["year"] in years_seen:
                yield problem(record, ("collective_economy", i, "year"), "duplicate.year",
                              f"{year['year']} 年的集体经济收入写了两次", "每年只写一条，删除重复的一条")
            years_seen[year["year"]] = i
            if year.get("operating_income", 0) > year.get("total_income", year.get("operating_income", 0)):
                yield problem(record, ("collective_economy", i, "operating_income"), "economy.inconsistent",
                              "经营性收入大于集体经济总收入", "经营性收入是总收入的一部分，请核对")


def check_plans(index: Index):
    for record in index.valid("plan"):
        doc = record.document
        for key in ("actions", "targets"):
            seen = set()
            for i, item in enumerate(doc.get(key) or []):
                if item["id"] in seen:
                    yield problem(record, (key, i, "id"), "id.duplicate", f"编号 {item['id']} 在本方案中重复",
                                  "方案内每个行动、指标的编号必须唯一")
                seen.add(item["id"])
        period = doc.get("period")
        if period and period["start"] > period["end"]:
            yield problem(record, ("period", "end"), "date.order", "实施期限的结束早于开始", "检查实施期限")


def check_meetings(index: Index):
    for record in index.valid("meetings"):
        meetings = record.document.get("meetings") or []
        yield from check_dates_in_order(record, meetings, "date", ("meetings",), "会议")
        for i, meeting in enumerate(meetings):
            yield from check_not_future(index, record, ("meetings", i, "date"), meeting["date"], "会议日期")
            if meeting["present"] > meeting["due"]:
                yield problem(record, ("meetings", i, "present"), "meeting.attendance",
                              f"实到人数（{meeting['present']}）多于应到人数（{meeting['due']}）",
                              "核对出席人数")


CHECKS = (check_ids, check_references, check_branch_tree, check_locations, check_tasks,
          check_disclosures, check_branches, check_villages, check_plans, check_meetings)
