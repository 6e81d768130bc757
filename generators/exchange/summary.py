"""The county's summary workbook (汇总表): a sheet per target and per compliance measure.

A target's sheet has a row per township, its value computed over that
township alone as a township's target is, and a row per unit the target
looks at (village, organisation …) with its own value as the plan's page
shows it. 公开情况 counts each township's and each subject's disclosures by
state, as the compliance page does; 组织生活 each branch's periods short of
the required meetings. The numbers are the model's (targets.py,
compliance.py), written as the pages write them (formats.py), and as
numbers where they are numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import xlsxwriter

from generators.exchange.layout import sheet_name
from generators.model.compliance import STATES, Compliance, tally
from generators.model.targets import Scope, TargetResult, Targets, scope_of
from generators.render.formats import amount

SUMMARY = "data/summary.xlsx"
TOWNSHIP, UNIT = "镇（街道）", "单位"
TALLY_HEADERS = (*STATES, "按期公开率")


@dataclass(frozen=True)
class SummarySheet:
    name: str
    title: str
    headers: tuple[str, ...]
    rows: list[list]


def target_sheet(site, plan, result: TargetResult, compliance: Compliance) -> SummarySheet:
    target, metric = result.target, result.metric
    unit = target["unit"]
    title = (
        f"{target['indicator']}：{target['comparator']} {amount(target['value'], unit)}，"
        f"完成时限 {target['deadline']}，{plan['title']}"
    )
    headers = (TOWNSHIP, UNIT, "当前值", "情况", "说明")
    rows = []
    if metric is None:
        return SummarySheet(
            _name(target), title, headers, [["", "", None, "无数据", result.reason]]
        )
    for township_id in sorted(scope_of(site, plan, target).townships, key=site.unit_key):
        scope = Scope(site, (township_id,), target.get("sector"), plan, compliance)
        own = metric.compute(scope, target)
        state = TargetResult(target, metric, own).state
        shown = amount(own.value, unit) if own.value is not None else "—"
        rows.append([site.unit_name(township_id), "（全镇）", shown, state, own.reason])
        for u in own.units:
            name = site.tasks[u.unit]["title"] if u.unit in site.tasks else site.unit_name(u.unit)
            rows.append(
                [site.unit_name(township_id), name, u.shown, "达标" if u.ok else "未达标", ""]
            )
    return SummarySheet(_name(target), title, headers, rows)


def _name(target) -> str:
    return sheet_name(f"{target['indicator']}")


def disclosure_sheet(site, compliance: Compliance) -> SummarySheet:
    subjects: dict[str | None, list] = {}  # township id → its subjects' rows, in their order
    for subject, dues in compliance.by_subject():
        row = [site.unit_name(subject), *_tally(dues)]
        subjects.setdefault(site.township_of(subject), []).append(row)
    rows = []
    for township in site.townships_in_order():  # each township's row, then its subjects'
        rows.append(
            [township["name"], "（全镇）", *_tally(compliance.dues_of_township(township.id))]
        )
        rows += [[township["name"], *row] for row in subjects.pop(township.id, [])]
    rows += [["", *row] for rest in subjects.values() for row in rest]  # of no known township
    title = f"各期应公开事项的公开情况，截至 {site.today}（按期公开率 = 按期公开 ÷ 已到期或已公开）"
    return SummarySheet("公开情况", title, (TOWNSHIP, "公开主体", *TALLY_HEADERS), rows)


def _tally(dues) -> list:
    counts = tally(dues)
    return [*(counts[state] for state in STATES), counts["rate"]]


def meeting_sheet(site, compliance: Compliance) -> SummarySheet:
    rows = []
    for branch in sorted(site.branches.values(), key=lambda b: site.unit_key(b.id)):
        if not compliance.holds_meetings(branch):
            continue
        short = compliance.shortfalls(branch)
        kinds = "、".join(dict.fromkeys(s.kind for s in short))
        township = site.unit_name(branch["township"])
        rows.append([township, branch["name"], len(short), kinds or "—"])
    title = f"党支部组织生活：会议次数不足要求的期数，截至 {site.today}"
    return SummarySheet("组织生活", title, (TOWNSHIP, "党组织", "不足的期数", "不足的会议"), rows)


def summary_sheets(site, compliance: Compliance, targets: Targets) -> list[SummarySheet]:
    sheets = [target_sheet(site, plan, r, compliance) for plan, r in targets.all()]
    names: set[str] = set()
    unique = []
    for sheet in sheets:
        name, n = sheet.name, 2
        while name in names or name in ("公开情况", "组织生活"):
            name = sheet_name(f"{sheet.name[:27]}（{n}）")
            n += 1
        names.add(name)
        unique.append(SummarySheet(name, sheet.title, sheet.headers, sheet.rows))
    return [*unique, disclosure_sheet(site, compliance), meeting_sheet(site, compliance)]


def summary_bytes(sheets: list[SummarySheet], today: dt.date) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": dt.datetime.combine(today, dt.time())})
    bold = book.add_format({"bold": True})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        ws.write_string(0, 0, sheet.title, bold)
        for col, header in enumerate(sheet.headers):
            ws.write_string(1, col, header, bold)
            ws.set_column(col, col, 16 if col else 14)
        for r, row in enumerate(sheet.rows, start=2):
            for col, value in enumerate(row):
                if isinstance(value, int):
                    ws.write_number(r, col, value)
                elif value not in (None, ""):
                    ws.write_string(r, col, str(value))
        ws.freeze_panes(2, 0)
    book.close()
    return out.getvalue()
