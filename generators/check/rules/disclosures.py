"""Disclosures and the townships' disclosure catalogues: the year folder, the catalogue item,
its category and rhythm, one per period, the review steps, balanced finances, 四议两公开 steps in
their configured order, corrections and withdrawal after publication."""

from __future__ import annotations

import difflib
from decimal import Decimal

from generators.check.rules.dates import check_dates_in_order, check_not_future, end_before_start
from generators.check.rules.index import Index, found, repeats
from generators.model.periods import DAY, EXAMPLES, KIND_NAMES, RHYTHMS
from generators.model.periods import parse as parse_period

REVIEW_STEPS = ("提出", "审核", "审批")


def check_catalogues(index: Index):
    for township in index.valid("township"):
        catalogue = township.document.get("disclosure_catalogue") or []
        for i, key in repeats(catalogue, "key"):
            yield found(
                township, ("disclosure_catalogue", i, "key"), "catalogue.duplicate-key", key=key
            )


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
    # In order of publication, as compliance counts them: the first of a period is the one that
    # counts.
    for record in sorted(index.valid("disclosure"), key=lambda r: (r.document["published"], r.id)):
        doc = record.document
        yield from _year_folder(record, doc)
        yield from check_not_future(index, record, ("published",), doc["published"], "公开日期")
        township = townships.get(township_of.get(doc["subject"], ""))
        if township is not None:
            yield from _catalogue_item(record, doc, township, seen_periods)
        yield from _review(record, doc)
        if doc.get("finance"):
            yield from _finance(record, doc["finance"])
        if doc.get("decision"):
            # each disclosure against its own township's steps (a county has townships with local
            # steps)
            yield from _decision(
                record, doc["decision"], steps_by_township.get(township.id, []) if township else []
            )
        for i, correction in enumerate(doc.get("corrections") or []):
            if correction["date"] < doc["published"]:
                yield end_before_start(
                    record,
                    ("corrections", i, "date"),
                    ("更正日期", correction["date"]),
                    ("公开日期", doc["published"]),
                )
            yield from check_not_future(
                index, record, ("corrections", i, "date"), correction["date"], "更正日期"
            )
        withdrawn = doc.get("withdrawn")
        if withdrawn and withdrawn["date"] < doc["published"]:
            yield end_before_start(
                record,
                ("withdrawn", "date"),
                ("撤回日期", withdrawn["date"]),
                ("公开日期", doc["published"]),
            )
        if withdrawn:
            yield from check_not_future(
                index, record, ("withdrawn", "date"), withdrawn["date"], "撤回日期"
            )


def _year_folder(record, doc):
    """A disclosure lives in the folder of the year it was published: disclosures/2025/."""
    folder, year = record.relative.parent.name, str(doc["published"].year)
    if folder != year:
        yield found(record, ("published",), "disclosure.year-folder", year=year, folder=folder)


def _catalogue_item(record, doc, township, seen_periods):
    """The disclosure names an item of its township's catalogue, of its category, for a period of
    its rhythm."""
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
    for (_, earlier), (i, later) in zip(positions, positions[1:], strict=False):
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
