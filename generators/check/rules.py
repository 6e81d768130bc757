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

from generators.model.periods import DAY, EXAMPLES, KIND_NAMES, RHYTHMS
from generators.model.periods import parse as parse_period
from generators.model.records import CLOSED, LONG_TERM, NOT_COVERED
from generators.spec.fields import dotted
from generators.spec.problems import Problem, problem
from generators.spec.registry import REFERENCE_KINDS

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
        return any(value in self.ids[t] or t in self.unknown for t in REFERENCE_KINDS[kind].types)

    def known(self, kind: str) -> list[str]:
        return sorted(i for t in REFERENCE_KINDS[kind].types for i in self.ids[t])


def found(record, path: tuple, code: str, **params) -> Problem:
    """A problem of a record, at the value (or key) of a document path."""
    loaded = record.loaded
    at = loaded.values.get(path) or loaded.mark(path)
    return problem(
        code,
        record.path,
        at.line,
        at.col,
        field=dotted(path),
        label=record.type.schema.label_of(path),
        **params,
    )


def cross_record(records, today: dt.date) -> list[Problem]:
    index = Index(records, today)
    found: list[Problem] = []
    for check in CHECKS:
        found.extend(check(index))
    if not any(p.is_error for p in found) and all(r.document is not None for r in records):
        found.extend(check_targets(index))  # computed on a model, so only from data without errors
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
            yield found(record, ("id",), "id.file-name", id=record.id, stem=stem)
        group = record.type.id_group or record.type.name
        first = seen.setdefault((group, record.id), record)
        if first is not record:
            yield found(record, ("id",), "id.duplicate", id=record.id, first=first.path)
    for township in index.valid("township"):
        for i, department in enumerate(township.document.get("departments") or []):
            clash = (
                department["id"] in index.ids["village"]
                or department["id"] in index.ids["branch"]
                or department["id"] in index.ids["township"]
            )
            if clash:
                yield found(
                    township, ("departments", i, "id"), "id.department-clash", id=department["id"]
                )


def check_references(index: Index):
    suggestions: dict[
        tuple[str, str], str
    ] = {}  # a renamed record is missed by many: look it up once
    for record in index.records:
        if record.document is None:
            continue
        for path, kind, value in record.type.schema.root.references(record.document):
            if index.exists(kind, value):
                continue
            if (kind, value) not in suggestions:
                close = difflib.get_close_matches(value, index.known(kind), n=1, cutoff=0.6)
                suggestions[kind, value] = close[0] if close else ""
            yield found(
                record,
                path,
                "ref.missing",
                value=value,
                kind=REFERENCE_KINDS[kind].label,
                suggestion=suggestions[kind, value],
            )


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
            cycle = chain[chain.index(node) :]
            if not reported.intersection(cycle):
                reported.update(cycle)
                for member in sorted(cycle):
                    yield found(
                        records[member], ("parent",), "ref.cycle", chain=" → ".join(cycle + [node])
                    )


# ---------------------------------------------------------------------------
# where files live


def check_locations(index: Index):
    for task in index.valid("task"):
        folder = task.relative.parent.name
        if task.document["plan"] != folder:
            yield found(
                task, ("plan",), "task.plan-folder", folder=folder, plan=task.document["plan"]
            )
    for disclosure in index.valid("disclosure"):
        folder = disclosure.relative.parent.name
        year = str(disclosure.document["published"].year)
        if folder != year:
            yield found(
                disclosure, ("published",), "disclosure.year-folder", year=year, folder=folder
            )
    for log in index.valid("meetings"):
        yield from _branch_year_id(log, "meetings.id")
        for i, meeting in enumerate(log.document.get("meetings") or []):
            if meeting["date"].year != log.document["year"]:
                yield found(
                    log,
                    ("meetings", i, "date"),
                    "meetings.year",
                    date=str(meeting["date"]),
                    year=log.document["year"],
                )


def _branch_year_id(record, code: str):
    """A record kept per branch and year (meetings, pledges) has the id <branch>-<year>."""
    expected = f"{record.document['branch']}-{record.document['year']}"
    if record.document["id"] != expected:
        yield found(record, ("id",), code, expected=expected)


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
            yield found(
                record,
                list_path + (i, key),
                "date.order",
                what=what,
                current=str(current),
                previous=str(previous),
            )
        previous = current or previous


def check_not_future(index: Index, record, path: tuple, value, what: str):
    if value and value > index.today:
        yield found(
            record, path, "date.future", what=what, value=str(value), today=str(index.today)
        )


def check_tasks(index: Index):
    plans = {p.id: p for p in index.valid("plan")}
    for task in index.valid("task"):
        doc = task.document
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


def _task_dates(index: Index, task, doc):
    deadline_text = doc["deadline"]
    if deadline_text == LONG_TERM:
        return
    deadline = _parse_deadline(deadline_text)
    if deadline is None:
        yield found(task, ("deadline",), "date.no-such-day", value=deadline_text)
    elif doc["start"] > deadline:
        yield found(
            task,
            ("deadline",),
            "date.end-before-start",
            end_label="完成时限",
            end=str(deadline),
            start_label="开始日期",
            start=str(doc["start"]),
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


# ---------------------------------------------------------------------------
# disclosures


def check_catalogues(index: Index):
    for township in index.valid("township"):
        seen: set[str] = set()
        for i, item in enumerate(township.document.get("disclosure_catalogue") or []):
            if item["key"] in seen:
                yield found(
                    township,
                    ("disclosure_catalogue", i, "key"),
                    "catalogue.duplicate-key",
                    key=item["key"],
                )
            seen.add(item["key"])


def _township_of_subjects(index: Index) -> dict[str, str]:
    """Subject id → its township's id, for the valid villages, branches and townships."""
    townships = {t.id: t.id for t in index.valid("township")}
    for type_name in ("village", "branch"):
        townships.update((r.id, r.document["township"]) for r in index.valid(type_name))
    return townships


def check_disclosures(index: Index):
    townships = {t.id: t for t in index.valid("township")}
    steps_by_township = {t.id: t.document.get("decision_steps") or [] for t in townships.values()}
    township_of = _township_of_subjects(index)
    seen_periods: dict[tuple, object] = {}
    # In order of publication, as compliance counts them: the first of a period is the one that counts.
    for record in sorted(index.valid("disclosure"), key=lambda r: (r.document["published"], r.id)):
        doc = record.document
        yield from check_not_future(index, record, ("published",), doc["published"], "公开日期")
        township = townships.get(township_of.get(doc["subject"], ""))
        if township is not None:
            yield from _catalogue_item(record, doc, township, seen_periods)
        yield from _review(record, doc)
        if doc.get("finance"):
            yield from _finance(record, doc["finance"])
        if doc.get("decision"):
            # each disclosure against its own township's steps (a county has townships with local steps)
            yield from _decision(
                record, doc["decision"], steps_by_township.get(township.id, []) if township else []
            )
        for i, correction in enumerate(doc.get("corrections") or []):
            if correction["date"] < doc["published"]:
                yield found(
                    record,
                    ("corrections", i, "date"),
                    "date.end-before-start",
                    end_label="更正日期",
                    end=str(correction["date"]),
                    start_label="公开日期",
                    start=str(doc["published"]),
                )
            yield from check_not_future(
                index, record, ("corrections", i, "date"), correction["date"], "更正日期"
            )
        withdrawn = doc.get("withdrawn")
        if withdrawn and withdrawn["date"] < doc["published"]:
            yield found(
                record,
                ("withdrawn", "date"),
                "date.end-before-start",
                end_label="撤回日期",
                end=str(withdrawn["date"]),
                start_label="公开日期",
                start=str(doc["published"]),
            )
        if withdrawn:
            yield from check_not_future(
                index, record, ("withdrawn", "date"), withdrawn["date"], "撤回日期"
            )


def _catalogue_item(record, doc, township, seen_periods):
    """The disclosure names an item of its township's catalogue, of its category, for a period of its rhythm."""
    catalogue = township.document.get("disclosure_catalogue") or []
    item = next((i for i in catalogue if i["key"] == doc["item"]), None)
    if item is None:
        close = difflib.get_close_matches(
            doc["item"], [i["key"] for i in catalogue], n=1, cutoff=0.6
        )
        yield found(
            record,
            ("item",),
            "disclosure.unknown-item",
            item=doc["item"],
            township=township.document["name"],
            items="、".join(f"{i['key']}（{i['title']}）" for i in catalogue),
            suggestion=close[0] if close else "",
        )
        return
    if doc["category"] != item["category"]:
        yield found(
            record,
            ("category",),
            "disclosure.category",
            category=doc["category"],
            title=item["title"],
            expected=item["category"],
        )
    kind = RHYTHMS[item["rhythm"]]
    period = parse_period(doc["period"])
    if period is None or period.kind != kind:
        yield found(
            record,
            ("period",),
            "disclosure.period-form",
            period=doc["period"],
            title=item["title"],
            rhythm=item["rhythm"],
            kind=KIND_NAMES[kind],
            example=EXAMPLES[kind],
        )
        return
    if kind != DAY:
        first = seen_periods.setdefault((doc["subject"], doc["item"], period.code), record)
        if first is not record:
            yield found(
                record,
                ("period",),
                "disclosure.duplicate-period",
                period=doc["period"],
                title=item["title"],
                first=first.path,
            )


def _review(record, doc):
    review = doc.get("review") or []
    names = [r["step"] for r in review]
    expected = [s for s in REVIEW_STEPS if s in names]
    if names != expected:
        yield found(record, ("review",), "review.order", order="→".join(names))
    yield from check_dates_in_order(record, review, "date", ("review",), "审核流程")
    for i, step in enumerate(review):
        if step["date"] > doc["published"]:
            yield found(
                record,
                ("review", i, "date"),
                "review.after-publish",
                step=step["step"],
                date=str(step["date"]),
                published=str(doc["published"]),
            )


def _finance(record, finance):
    income = sum((line["amount"] for line in finance.get("income") or []), Decimal("0"))
    expense = sum((line["amount"] for line in finance.get("expense") or []), Decimal("0"))
    expected = finance["opening"] + income - expense
    if expected != finance["closing"]:
        yield found(
            record,
            ("finance", "closing"),
            "finance.unbalanced",
            closing=f"{finance['closing']:.2f}",
            opening=f"{finance['opening']:.2f}",
            income=f"{income:.2f}",
            expense=f"{expense:.2f}",
            expected=f"{expected:.2f}",
        )


def _decision(record, decision, configured):
    if not configured:
        return
    positions = []
    for i, step in enumerate(decision):
        if step["step"] not in configured:
            yield found(
                record,
                ("decision", i, "step"),
                "decision.unknown-step",
                step=step["step"],
                steps="、".join(configured),
            )
            continue
        positions.append((i, configured.index(step["step"])))
    for (_, earlier), (i, later) in zip(positions, positions[1:]):
        if later <= earlier:
            yield found(
                record,
                ("decision", i, "step"),
                "decision.order",
                step=decision[i]["step"],
                steps="→".join(configured),
            )
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
        yield found(
            record,
            at + ("finished",),
            "date.end-before-start",
            end_label="销号日期",
            end=str(finished),
            start_label="开始整顿日期",
            start=str(rectification["started"]),
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
        yield found(
            record,
            ("term", "end"),
            "date.end-before-start",
            end_label="任期结束日期",
            end=str(term["end"]),
            start_label="开始日期",
            start=str(term["start"]),
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


def check_villages(index: Index):
    for record in index.valid("village"):
        doc = record.document
        term = doc.get("committee_term")
        if term and term["end"] <= term["start"]:
            yield found(
                record,
                ("committee_term", "end"),
                "date.end-before-start",
                end_label="任期结束日期",
                end=str(term["end"]),
                start_label="开始日期",
                start=str(term["start"]),
            )
        years_seen: dict[int, int] = {}
        for i, year in enumerate(doc.get("collective_economy") or []):
            if year["year"] in years_seen:
                yield found(
                    record,
                    ("collective_economy", i, "year"),
                    "economy.duplicate-year",
                    year=year["year"],
                )
            years_seen[year["year"]] = i
            if year.get("operating_income", 0) > year.get(
                "total_income", year.get("operating_income", 0)
            ):
                yield found(
                    record, ("collective_economy", i, "operating_income"), "economy.inconsistent"
                )


def check_sample_dates(index: Index):
    """The sample date (示例数据日期) is the whole data folder's: every township states the same one, or none.
    Each township that states a date another township does not share is named, on that line."""
    townships = sorted(index.valid("township"), key=lambda r: r.relative.as_posix())
    stated = [(r, r.document.get("sample_date")) for r in townships]
    for record, date in stated:
        other = next(((o, d) for o, d in stated if d != date), None)
        if date is not None and other is not None:
            yield found(
                record,
                ("sample_date",),
                "date.sample-differs",
                date=str(date),
                other=str(other[1]) if other[1] else "未填写",
                other_file=other[0].relative.as_posix(),
            )


def check_plans(index: Index):
    for record in index.valid("plan"):
        doc = record.document
        for key in ("actions", "targets"):
            seen = set()
            for i, item in enumerate(doc.get(key) or []):
                if item["id"] in seen:
                    yield found(record, (key, i, "id"), "id.duplicate-in-plan", id=item["id"])
                seen.add(item["id"])
        period = doc.get("period")
        if period and period["start"] > period["end"]:
            yield found(
                record,
                ("period", "end"),
                "date.end-before-start",
                end_label="实施期限的结束",
                end=str(period["end"]),
                start_label="开始",
                start=str(period["start"]),
            )


def check_meetings(index: Index):
    for record in index.valid("meetings"):
        meetings = record.document.get("meetings") or []
        yield from check_dates_in_order(record, meetings, "date", ("meetings",), "会议")
        for i, meeting in enumerate(meetings):
            yield from check_not_future(
                index, record, ("meetings", i, "date"), meeting["date"], "会议日期"
            )
            if meeting["present"] > meeting["due"]:
                yield found(
                    record,
                    ("meetings", i, "present"),
                    "meetings.attendance",
                    present=meeting["present"],
                    due=meeting["due"],
                )


def check_targets(index: Index):
    """Each plan target with a metric is computed as its page will be: a scope with nothing to count is an
    error, missing records a warning (the page then says 无数据 and why)."""
    plans = [
        p
        for p in index.valid("plan")
        if any(t.get("metric") for t in p.document.get("targets") or ())
    ]
    if not plans:
        return
    from generators.model.records import build_site
    from generators.model.targets import evaluate
    from generators.spec.registry import REGISTRY

    known = set(REGISTRY.by_name)
    site = build_site(
        [r for r in index.records if r.document is not None and r.type.name in known],
        index.today,
        {},
        REGISTRY,
    )
    for record in plans:
        plan = site.plans[record.id]
        for i, target in enumerate(plan.get("targets", ())):
            if not target.get("metric"):
                continue
            result = evaluate(site, plan, target).result
            if result.no_units:
                yield found(
                    record,
                    ("targets", i, "metric"),
                    "target.no-units",
                    indicator=target["indicator"],
                    reason=result.reason,
                )
            elif result.value is None:
                yield found(
                    record,
                    ("targets", i, "metric"),
                    "target.no-data",
                    indicator=target["indicator"],
                    reason=result.reason,
                )


# ---------------------------------------------------------------------------
# 两新组织, pledges and grids

JOINED = ("单独组建", "联合组建")  # coverages by a party organization, which the record names
MIN_OWN_BRANCH = 3  # party members a 两新组织 needs for a branch of its own
REVIEW_LAST_MONTH = 3  # a year's pledges are reviewed by the end of March of the next year


def check_new_orgs(index: Index):
    for record in index.valid("new_org"):
        doc = record.document
        if doc["party_members"] > doc["staff"]:
            yield found(
                record,
                ("party_members",),
                "new-org.members-exceed-staff",
                party_members=doc["party_members"],
                staff=doc["staff"],
            )
        yield from _coverage(record, doc)


def _coverage(record, doc):
    coverage = doc["coverage"]
    if coverage in JOINED and not doc.get("branch"):
        yield found(record, ("coverage",), "new-org.branch-required", coverage=coverage)
    if coverage == NOT_COVERED and doc.get("branch"):
        yield found(record, ("branch",), "new-org.branch-not-covered", branch=doc["branch"])
    if coverage == "选派党建指导员" and not doc.get("instructor"):
        yield found(record, ("coverage",), "new-org.instructor-required")
    if coverage == "单独组建" and doc["party_members"] < MIN_OWN_BRANCH:
        yield found(
            record,
            ("party_members",),
            "new-org.too-few-members",
            party_members=doc["party_members"],
        )


def check_pledges(index: Index):
    for record in index.valid("pledge"):
        doc = record.document
        yield from _branch_year_id(record, "pledge.id")
        for i, item in enumerate(doc["items"]):
            if item["status"] == "已兑现" and not (item.get("progress") or "").strip():
                yield found(record, ("items", i, "status"), "pledge.kept-without-progress")
        review = doc.get("review")
        if review:
            yield from _pledge_review(index, record, review["date"], doc["year"])


def _pledge_review(index: Index, record, date: dt.date, year: int):
    last = dt.date(year + 1, REVIEW_LAST_MONTH + 1, 1) - dt.timedelta(days=1)
    if not dt.date(year, 1, 1) <= date <= last:
        yield found(
            record,
            ("review", "date"),
            "pledge.review-date",
            date=str(date),
            year=year,
            last=str(last),
        )
    yield from check_not_future(index, record, ("review", "date"), date, "评诺日期")


def check_grids(index: Index):
    if any(r.type.name == "grid" and r.document is None for r in index.records):
        return  # a broken grid file: its village is unknown, so the sums cannot be trusted
    grids_by_village = defaultdict(list)
    for grid in index.valid("grid"):
        grids_by_village[grid.document["village"]].append(grid)
    for village in index.valid("village"):
        grids = grids_by_village.get(village.id)
        if not grids:
            continue
        doc = village.document
        households = sum(g.document["households"] for g in grids)
        if households > doc["households"]:
            yield found(
                village,
                ("households",),
                "grid.households-exceed-village",
                households=households,
                grids=len(grids),
                village=doc["households"],
            )
        if len(grids) != doc["grids"]:
            yield found(
                village,
                ("grids",),
                "grid.count",
                count=doc["grids"],
                files=len(grids),
                name=doc["name"],
                ids="、".join(sorted(g.id for g in grids)),
            )


# ---------------------------------------------------------------------------
# findings (问题清单、整改清单)

CLOSING_FIELDS = ("closed", "evidence")  # what 销号 needs, and only 销号 allows


def check_findings(index: Index):
    branches = {b.id: b for b in index.valid("branch")}
    for record in index.valid("finding"):
        doc = record.document
        yield from _closing(record, doc)
        yield from check_not_future(index, record, ("found",), doc["found"], "发现日期")
        yield from _not_before_found(
            record, ("deadline",), doc["deadline"], "整改时限", doc["found"]
        )
        if doc.get("closed"):
            yield from _not_before_found(
                record, ("closed",), doc["closed"], "销号日期", doc["found"]
            )
            yield from check_not_future(index, record, ("closed",), doc["closed"], "销号日期")
        progress = doc.get("progress") or []
        yield from check_dates_in_order(record, progress, "date", ("progress",), "整改进展")
        for i, entry in enumerate(progress):
            yield from _not_before_found(
                record, ("progress", i, "date"), entry["date"], "进展日期", doc["found"]
            )
            yield from check_not_future(
                index, record, ("progress", i, "date"), entry["date"], "进展日期"
            )
        if doc.get("branch_rectification") is not None:
            yield from _rectification_episode(index, record, doc, branches)


def _closing(record, doc):
    """销号日期 and 销号依据 are given when, and only when, the finding is 已销号."""
    closed = doc["status"] == CLOSED
    for key in CLOSING_FIELDS:
        what = record.type.schema.label_of((key,))
        if closed and doc.get(key) is None:
            yield found(record, ("status",), "finding.closing-missing", what=what, key=key)
        elif not closed and doc.get(key) is not None:
            yield found(
                record, (key,), "finding.closing-while-open", what=what, status=doc["status"]
            )


def _not_before_found(record, path: tuple, value: dt.date, what: str, found_on: dt.date):
    if value < found_on:
        yield found(
            record,
            path,
            "date.end-before-start",
            end_label=what,
            end=str(value),
            start_label="发现日期",
            start=str(found_on),
        )


def _rectification_episode(index: Index, record, doc, branches):
    """A finding tied to a 软弱涣散 整顿 names the branch's episode by the year it started."""
    year = doc["branch_rectification"]
    branch = branches.get(doc["unit"])
    if branch is None and doc["unit"] in index.ids["branch"]:
        return  # the branch's own file is broken and already reported
    episodes = (branch.document.get("rectifications") or []) if branch else []
    if not any(e["started"].year == year for e in episodes):
        yield found(
            record,
            ("branch_rectification",),
            "finding.no-rectification",
            year=year,
            unit=doc["unit"],
            is_branch=branch is not None,
            started="、".join(str(e["started"]) for e in episodes),
        )


CHECKS = (
    check_ids,
    check_references,
    check_branch_tree,
    check_locations,
    check_tasks,
    check_catalogues,
    check_disclosures,
    check_branches,
    check_villages,
    check_sample_dates,
    check_plans,
    check_meetings,
    check_new_orgs,
    check_pledges,
    check_grids,
    check_findings,
)
