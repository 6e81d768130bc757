"""What was due, and whether it was done in time: disclosures and organisational life. Pure.

Disclosures follow the township's catalogue (公开目录): every item names who
must publish it (行政村, 社区, 村社区党组织, 党支部, 镇党委, 镇, or listed
subjects), its rhythm and how many days after a period ends (or after an
event) it is due. For every subject, item and period from the item's
effective date to the build date the state is one of

    按期公开 · 逾期 N 天公开 · 未公开，已逾期 N 天 · 即将到期 · 未到期

An event item (按事项) is due N days after the event a disclosure names as its
period; only disclosures that exist can be judged there.

Organisational life follows the township's meeting requirements (or the
regulations' defaults): a type of meeting so many times a month, quarter or
year, a 党小组会 once for every party group.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from generators.model.collation import in_chinese_order
from generators.model.periods import DAY, RHYTHMS, Period, parse, period_containing, periods_from
from generators.model.records import Branch, Disclosure, Record, Task
from generators.model.site import Site

ON_TIME, LATE, MISSING, DUE_SOON, NOT_DUE = "按期公开", "逾期公开", "未公开", "即将到期", "未到期"
STATES = (ON_TIME, LATE, MISSING, DUE_SOON, NOT_DUE)
STATE_CLASSES = {
    ON_TIME: "due-on-time",
    LATE: "due-late",
    MISSING: "due-missing",
    DUE_SOON: "due-soon",
    NOT_DUE: "due-not-yet",
}
DUE_SOON_DAYS = 7
BRANCH_LEVELS = frozenset({"党支部", "联合党支部", "流动党员党支部"})  # hold 三会一课
SUBJECT_KINDS = (("village", "村（社区）"), ("branch", "党组织"), ("township", "镇（街道）"))

# The regulations' rhythm of organisational life, where the township sets none:
# (meeting type, rhythm, times a period, once for every party group).
DEFAULT_MEETINGS = (
    ("支部党员大会", "每季度", 1, False),
    ("支部委员会", "每月", 1, False),
    ("党小组会", "每月", 1, True),
    ("党课", "每季度", 1, False),
    ("主题党日", "每月", 1, False),
    ("组织生活会", "每年", 1, False),
    ("民主评议党员", "每年", 1, False),
)
DEFAULT_REPORT_DAYS = 35  # a task 推进中 reports progress at least this often (每月一调度)


@dataclass(frozen=True)
class Due:
    """One subject's one disclosure of one item for one period, and how it stands."""

    subject: str
    item: Mapping  # the catalogue entry
    period: Period
    due: dt.date
    disclosure: Disclosure | None
    state: str
    days: int  # late (LATE, MISSING) or left (DUE_SOON, NOT_DUE); 0 on time

    @property
    def text(self) -> str:
        if self.state == LATE:
            return f"逾期 {self.days} 天公开"
        if self.state == MISSING:
            return f"未公开，已逾期 {self.days} 天"
        if self.state == DUE_SOON:
            return "今天到期" if self.days == 0 else f"即将到期（还有 {self.days} 天）"
        return self.state

    @property
    def css(self) -> str:
        return STATE_CLASSES[self.state]

    @property
    def late(self) -> bool:
        return self.state in (LATE, MISSING)


def due_date(period: Period, due_days: int) -> dt.date:
    """The last day to publish: so many days after the period (or the event) ends."""
    return period.end + dt.timedelta(days=due_days)


def state_of(due: dt.date, published: dt.date | None, today: dt.date) -> tuple[str, int]:
    if published is not None:
        return (ON_TIME, 0) if published <= due else (LATE, (published - due).days)
    if today > due:
        return MISSING, (today - due).days
    left = (due - today).days
    return (DUE_SOON, left) if left <= DUE_SOON_DAYS else (NOT_DUE, left)


def tally(dues) -> dict[str, int | str]:
    """Counts by state, and the on-time rate of what is judged: 按期 / (按期 + 逾期公开 + 未公开)."""
    states = {state: 0 for state in STATES}
    for d in dues:
        states[d.state] += 1
    judged = states[ON_TIME] + states[LATE] + states[MISSING]
    counts: dict[str, int | str] = {**states, "judged": judged}
    counts["rate"] = f"{states[ON_TIME] * 100 / judged:.0f}%" if judged else "—"
    return counts


@dataclass(frozen=True)
class Cell:
    """Meetings of one type in one period: held against required; `open` while the period runs."""

    held: int
    required: int
    open: bool

    @property
    def short(self) -> bool:
        return not self.open and self.held < self.required


@dataclass(frozen=True)
class MeetingGrid:
    """One rhythm's meetings in a year: a row per period, a column per type."""

    rhythm: str
    types: tuple[str, ...]
    required: tuple[int, ...]  # a period, per type
    rows: tuple[tuple[Period, tuple[Cell, ...]], ...]


@dataclass(frozen=True)
class Shortfall:
    """A branch held fewer meetings of a type in a period than required."""

    branch: Branch
    kind: str
    period: Period
    held: int
    required: int


class Compliance:
    """The state of everything due in a site, computed once at its build date."""

    def __init__(self, site: Site):
        self.site = site
        self.today = site.today
        self._recent: dict[tuple[str, object], list[Period]] = {}

    # -- the catalogue --------------------------------------------------------

    def catalogue(self, township_id: str) -> list[Mapping]:
        township = self.site.townships.get(township_id)
        return list(township.get("disclosure_catalogue", ())) if township else []

    def item_of(self, disclosure: Disclosure) -> Mapping | None:
        """The catalogue entry a disclosure names."""
        township = self.site.township_of(disclosure["subject"])
        return next(
            (i for i in self.catalogue(township or "") if i["key"] == disclosure["item"]), None
        )

    @cached_property
    def _units_by_township(self) -> dict[str, tuple[list, list]]:
        found: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
        for village in in_chinese_order(self.site.villages.values()):
            found[village["township"]][0].append(village)
        for branch in in_chinese_order(self.site.branches.values()):
            found[branch["township"]][1].append(branch)
        return found

    def _is_village_top(self, branch: Branch) -> bool:
        """The party organisation of a village or community: the top one inside it."""
        parent = self.site.parent(branch)
        return bool(branch.get("village")) and not (
            parent and parent.get("village") == branch["village"]
        )

    def subjects(self, township_id: str, item: Mapping) -> list[str]:
        """The ids that must publish an item, villages first, then party organisations, then the township."""
        groups = set(item["applies_to"])
        villages, branches = self._units_by_township[township_id]
        found = [v.id for v in villages if v["kind"] in groups]
        for b in branches:
            if (
                ("村社区党组织" in groups and self._is_village_top(b))
                or ("党支部" in groups and b["level"] in BRANCH_LEVELS)
                or ("镇党委" in groups and b["level"] == "党委" and not b.get("parent"))
            ):
                found.append(b.id)
        if "镇" in groups:
            found.append(township_id)
        if item.get("subjects"):
            listed = set(item["subjects"])
            found = [s for s in found if s in listed]
        return found

    # -- disclosures ------------------------------------------------------------

    @cached_property
    def _first_published(self) -> dict[tuple[str, str, str], Disclosure]:
        """(subject, item, period) → its first disclosure (a later one of the same period does not count;
        nor does a withdrawn one: what it published is void, so the duty stands)."""
        first: dict[tuple[str, str, str], Disclosure] = {}
        for d in sorted(self.site.disclosures.values(), key=lambda d: (d["published"], d.id)):
            if d.get("withdrawn"):
                continue
            first.setdefault((d["subject"], d["item"], d["period"]), d)
        return first

    @cached_property
    def _event_disclosures(self) -> dict[str, list[Disclosure]]:
        """Item key → the first disclosure of each (subject, event), for event items."""
        found: dict[str, list[Disclosure]] = defaultdict(list)
        for (_, key, _), d in sorted(self._first_published.items()):
            found[key].append(d)
        return found

    @cached_property
    def dues(self) -> list[Due]:
        """Every due disclosure of the site: by township, item, period and subject."""
        found = []
        for township_id in sorted(self.site.townships):
            for item in self.catalogue(township_id):
                found += self._item_dues(township_id, item)
        return found

    def _item_dues(self, township_id: str, item: Mapping) -> list[Due]:
        kind = RHYTHMS[item["rhythm"]]
        subjects = self.subjects(township_id, item)
        if kind == DAY:  # an event: due from the event each disclosure names
            listed = set(subjects)
            found = []
            for d in self._event_disclosures.get(item["key"], ()):
                period = parse(d["period"])
                if (
                    d["subject"] in listed
                    and period
                    and period.kind == DAY
                    and period.start >= item["effective"]
                ):
                    due = due_date(period, item["due_days"])
                    found.append(
                        Due(
                            d["subject"],
                            item,
                            period,
                            due,
                            d,
                            *state_of(due, d["published"], self.today),
                        )
                    )
            return found
        found = []
        for period in periods_from(kind, item["effective"], self.today):
            due = due_date(period, item["due_days"])
            for subject in subjects:
                first = self._first_published.get((subject, item["key"], period.code))
                published = first["published"] if first else None
                found.append(
                    Due(subject, item, period, due, first, *state_of(due, published, self.today))
                )
        return found

    @cached_property
    def _by_subject(self) -> dict[str, list[Due]]:
        found: dict[str, list[Due]] = defaultdict(list)
        for d in self.dues:
            found[d.subject].append(d)
        return found

    @cached_property
    def _by_disclosure(self) -> dict[str, Due]:
        return {d.disclosure.id: d for d in self.dues if d.disclosure is not None}

    @cached_property
    def _by_cell(self) -> dict[tuple[str, str, Period], Due]:
        return {(d.subject, d.item["key"], d.period): d for d in self.dues}

    def of_subject(self, subject_id: str) -> list[Due]:
        """A subject's dues, the latest due date first."""
        return sorted(
            self._by_subject.get(subject_id, ()),
            key=lambda d: (d.due, d.period, d.item["key"]),
            reverse=True,
        )

    def posting_until(self, disclosure) -> dt.date | None:
        """How long a periodic disclosure stays on the notice board: until the next period's is due."""
        item = self.item_of(disclosure)
        period = parse(str(disclosure["period"]))
        if (
            item is None
            or period is None
            or period.kind != RHYTHMS[item["rhythm"]]
            or period.kind == DAY
        ):
            return None
        return due_date(period.next(), item["due_days"])

    def dues_of_township(self, township_id: str) -> list[Due]:
        return [d for d in self.dues if self.site.township_of(d.subject) == township_id]

    def of_disclosure(self, disclosure: Disclosure) -> Due | None:
        return self._by_disclosure.get(disclosure.id)

    def uncounted_reason(self, disclosure: Disclosure) -> str:
        """Why a disclosure has no due: before its item took effect, not asked of its subject, or a repeat."""
        item = self.item_of(disclosure)
        period = parse(disclosure["period"])
        if item is None or period is None:
            return "公开目录中没有这个事项"
        if disclosure.get("withdrawn"):
            return f"已于 {disclosure['withdrawn']['date']} 撤回，不算已公开"
        if period.start < item["effective"]:
            return f"公开目录中此事项自 {item['effective']} 起施行，此前的期间不统计"
        township = self.site.township_of(disclosure["subject"]) or ""
        if disclosure["subject"] not in self.subjects(township, item):
            return f"公开目录不要求{self.site.unit_name(disclosure['subject'])}公开此事项"
        if period.start > self.today:
            return "所属期间还没有开始"
        first = self._first_published.get(
            (disclosure["subject"], disclosure["item"], disclosure["period"])
        )
        if first is not None and first.id != disclosure.id:
            return f"同一期间已于 {first['published']} 公开过，以先公开的为准"
        return "—"

    def late(self) -> list[Due]:
        """Everything missing or published late, the latest first."""
        return sorted(
            (d for d in self.dues if d.late),
            key=lambda d: (-d.days, d.period, d.subject, d.item["key"]),
        )

    def events(self) -> list[Due]:
        """The dues of event items, the latest event first."""
        return sorted(
            (d for d in self.dues if d.period.kind == DAY),
            key=lambda d: (d.period, d.subject),
            reverse=True,
        )

    def recent_periods(self, item: Mapping) -> list[Period]:
        """The current period of a periodic item and the one before it (an event item has none)."""
        key = (item["rhythm"], item["effective"])
        if key not in self._recent:
            kind = RHYTHMS[item["rhythm"]]
            late_start = kind == DAY or item["effective"] > self.today
            self._recent[key] = (
                [] if late_start else periods_from(kind, item["effective"], self.today)[-2:]
            )
        return self._recent[key]

    def cell(self, subject_id: str, item: Mapping, period: Period) -> Due | None:
        return self._by_cell.get((subject_id, item["key"], period))

    def subject_record(self, subject_id: str) -> Record | None:
        for table in (self.site.villages, self.site.branches, self.site.townships):
            if subject_id in table:
                return table[subject_id]
        return None

    def matrices(self) -> list[tuple[str, str, list[Mapping], list[str]]]:
        """(township id, subject kind's name, periodic items, subject ids) for each township and each
        kind of subject that has periodic dues: one table per township, so that columns are one catalogue."""
        found = []
        for township_id in (t.id for t in self.site.townships_in_order()):
            for kind, name in SUBJECT_KINDS:
                items, subjects = [], []
                for item in self.catalogue(township_id):
                    if RHYTHMS[item["rhythm"]] == DAY or not self.recent_periods(item):
                        continue
                    ids = [
                        s
                        for s in self.subjects(township_id, item)
                        if self.site.unit_kind(s) == kind
                    ]
                    if ids:
                        items.append(item)
                        subjects += ids
                if items:
                    found.append((township_id, name, items, list(dict.fromkeys(subjects))))
        return found

    @cached_property
    def _by_item(self) -> dict[tuple[str | None, str], list[Due]]:
        found: dict[tuple[str | None, str], list[Due]] = defaultdict(list)
        for d in self.dues:
            found[self.site.township_of(d.subject), d.item["key"]].append(d)
        return found

    def of_item(self, township_id: str, item: Mapping) -> list[Due]:
        return self._by_item.get((township_id, item["key"]), [])

    def by_subject(self) -> list[tuple[str, list[Due]]]:
        return sorted(
            self._by_subject.items(),
            key=lambda pair: (
                [k for k, _ in SUBJECT_KINDS].index(self.site.unit_kind(pair[0])),
                self.site.unit_key(pair[0]),
            ),
        )

    # -- organisational life -------------------------------------------------

    def meeting_rules(self, township_id: str) -> list[tuple[str, str, int, bool]]:
        township = self.site.townships.get(township_id)
        rules = township.get("meeting_requirements") if township else None
        if not rules:
            return list(DEFAULT_MEETINGS)
        return [
            (r["type"], r["rhythm"], r.get("times", 1), r.get("per_group", False)) for r in rules
        ]

    def report_days(self, township_id: str | None) -> int:
        township = self.site.townships.get(township_id or "")
        return township.get("report_days", DEFAULT_REPORT_DAYS) if township else DEFAULT_REPORT_DAYS

    def last_report(self, task: Task) -> dt.date:
        update = task.latest_update
        return update["date"] if update else task["start"]

    def stale_since(self, task: Task) -> dt.date | None:
        """For a task 推进中 that has not reported within its township's rhythm: the day a report was due."""
        if task["status"] != "推进中" or task.overdue:
            return None
        due = self.last_report(task) + dt.timedelta(
            days=self.report_days(self.site.township_of_task(task))
        )
        return due if due < self.today else None

    @staticmethod
    def holds_meetings(branch: Branch) -> bool:
        return branch["level"] in BRANCH_LEVELS

    @cached_property
    def _meeting_years(self) -> dict[str, list[int]]:
        """For each township, every year from its first meeting log to the build year."""
        first: dict[str, int] = {}
        for log in self.site.meeting_logs.values():
            branch = self.site.branches.get(log["branch"])
            if branch is not None and log["year"] <= self.today.year:
                first[branch["township"]] = min(
                    first.get(branch["township"], log["year"]), log["year"]
                )
        return {t: list(range(year, self.today.year + 1)) for t, year in first.items()}

    def keeps_meeting_records(self, township_id: str) -> bool:
        """Whether a township's organisations record their 组织生活 (it has a meeting log)."""
        return township_id in self._meeting_years

    def meeting_years(self, branch: Branch) -> list[int]:
        """The years a branch is judged on, the latest first: from its township's first log to the build year."""
        return sorted(self._meeting_years.get(branch["township"], []), reverse=True)

    def meeting_grids(self, branch: Branch, year: int) -> list[MeetingGrid]:
        """A branch's year month by month, quarter by quarter (and so on): held against required."""
        held: dict[tuple[str, Period], int] = defaultdict(int)
        rules = self.meeting_rules(branch["township"])
        kinds = {RHYTHMS[rhythm] for _, rhythm, _, _ in rules}
        for meeting in self.site.meetings_of(branch, year):
            for kind in kinds:
                held[meeting["type"], period_containing(kind, meeting["date"])] += 1
        groups = max(1, branch.get("party_groups") or 1)
        grids = []
        for rhythm in ("每月", "每季度", "每半年", "每年"):
            chosen = [
                (t, times * (groups if per_group else 1))
                for t, r, times, per_group in rules
                if r == rhythm
            ]
            if not chosen:
                continue
            rows = []
            for period in periods_from(RHYTHMS[rhythm], dt.date(year, 1, 1), dt.date(year, 12, 31)):
                if period.start > self.today:
                    break
                cells = tuple(
                    Cell(held[t, period], required, not period.closed_by(self.today))
                    for t, required in chosen
                )
                rows.append((period, cells))
            grids.append(
                MeetingGrid(
                    rhythm, tuple(t for t, _ in chosen), tuple(r for _, r in chosen), tuple(rows)
                )
            )
        return grids

    def shortfalls(self, branch: Branch) -> list[Shortfall]:
        if not self.holds_meetings(branch):
            return []
        found = []
        for year in sorted(self.meeting_years(branch)):
            for grid in self.meeting_grids(branch, year):
                for period, cells in grid.rows:
                    found += [
                        Shortfall(branch, kind, period, cell.held, cell.required)
                        for kind, cell in zip(grid.types, cells, strict=True)
                        if cell.short
                    ]
        return found
