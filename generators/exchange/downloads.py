"""The site's downloads (/data/): each record type's tables as CSV, XLSX and JSON, by township too.

Every table is the one a template and an import use (layout.py): Chinese
headers, columns in the field tree's order, rows in the order of the
records' ids; a CSV is UTF-8 with a BOM, so that Excel opens it as such.
What is downloadable passes the gate the pages pass: a field declared
`masked` (a benefit recipient's name) is published masked (张*), and the
built site's privacy scan reads every file here too. Besides the records: the
disclosures' finance lines as one table, a Frictionless Data Package
describing every CSV (datapackage.py), and the county's summary workbook
(summary.py). Pure: the model in, files (path → text or bytes) out.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generators.build.blobs import Blobs, blob_key
from generators.exchange.export import sheets_of
from generators.exchange.layout import Table, file_stem, tables_of
from generators.exchange.workbook import workbook_bytes
from generators.model.records import Plan, Record, mask_name
from generators.model.site import Site
from generators.spec.fields import Field
from generators.spec.registry import RecordType, Registry

FOLDER = "data"  # /data/ on the site
PAGE = f"{FOLDER}/index.md"
FINANCE = "finance-lines"
FINANCE_HEADERS = (
    "公开编号",
    "公开主体编号",
    "公开主体",
    "所属期间",
    "公开日期",
    "收支",
    "项目",
    "金额（元）",
)


@dataclass(frozen=True)
class Download:
    """One file of /data/: its path inside the generated folder, what it holds, its rows."""

    path: str
    title: str
    rows: int

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class Downloads:
    files: dict  # path → text or bytes
    by_type: list  # (record type, count, [Download]) for the whole site
    by_township: list  # (township record, [(record type, count, [Download])])
    tables: list  # (Table, Download of its CSV): the data package's resources
    finance: Download | None = None


def township_of(site: Site, record: Record) -> str | None:
    """The township a record belongs to: its own id for a township, else through the first
    record it names that belongs to one (a village, a branch, a unit, a subject), and for a plan
    the township of the units leading its tasks."""
    if site.townships.get(record.id) is record:
        return record.id
    schema = _schema(record)
    for _, kind, value in schema.root.references(record.doc) if schema else ():
        found = site.township_of(value) or (value if kind == "township" else None)
        if found is None and value in site.plans:
            found = site.township_of_plan(site.plans[value])
        if found is not None:
            return found
    if isinstance(record, Plan):
        return site.township_of_plan(record)
    return None


def _schema(record: Record):
    from generators.spec.registry import REGISTRY

    record_type = REGISTRY.by_name.get(record.type_name)
    return record_type.schema if record_type else None


# ---------------------------------------------------------------------------
# what is published


def public(spec: Field, value):
    """A record's value as published: masked fields masked, groups as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {k: public(spec.fields.get(k) or spec, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [public(spec.item or spec, v) for v in value]
    if spec.masked and isinstance(value, str):
        return mask_name(value)
    return value


def json_record(spec: Field, value):
    """A published value as JSON, in the field tree's order: amounts and counts as numbers."""
    if isinstance(value, Mapping):
        return {k: json_record(spec.fields[k], value[k]) for k in spec.fields if k in value}
    if isinstance(value, list) and spec.item is not None and spec.item.kind.group:
        return [json_record(spec.item, v) for v in value]
    return spec.kind.json_value(spec, value)


# ---------------------------------------------------------------------------
# files


def csv_text(table: Table, rows: Iterable[list]) -> str:
    """A table as CSV: a BOM, the headers, a row per line; each value written as in a record."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in rows:
        writer.writerow(
            "" if v is None else c.spec.kind.cell_text(c.spec, v)
            for c, v in zip(table.columns, row, strict=True)
        )
    return "\ufeff" + out.getvalue()


def json_text(record_type: RecordType, documents: list) -> str:
    root = record_type.schema.root
    labels = {
        ".".join(str(p) for p in path if p != "[]"): spec.label
        for path, spec in root.walk()
        if path and spec.label
    }
    body = {
        "type": record_type.name,
        "label": record_type.label,
        "labels": labels,
        "records": [json_record(root, d) for d in documents],
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def _type_files(
    record_type: RecordType,
    records: list,
    folder: str,
    today: dt.date,
    files: dict,
    kept: Blobs,
) -> list[Download]:
    """A type's CSV per table, one workbook and one JSON file, in a folder of /data/, from its
    records' documents as loaded (published by `public` here).

    Made from the same documents as in a run before, they are taken from `kept`, and the
    documents are not even published again: the documents' repr holds every value with its
    type (1.50 and 1.5, a date and its text, differ), and what `public` makes of them follows
    from the schemas, which the kept files' version holds."""
    key = blob_key(record_type.name, today.isoformat(), repr(records))
    documents = functools.cache(lambda: [public(record_type.schema.root, d) for d in records])
    texts = json.loads(kept.made(key + ".texts", lambda: _texts(record_type, documents())))
    made = []
    for stem, label, rows, text in texts["csv"]:
        path = f"{folder}/{stem}.csv"
        files[path] = text
        made.append(Download(path, label, rows))
    path = f"{folder}/{record_type.folder}.xlsx"
    files[path] = kept.made(
        key + ".xlsx", lambda: workbook_bytes(sheets_of(record_type, documents()), False, today)
    )
    made.append(Download(path, f"{record_type.label}（全部表格）", len(records)))
    path = f"{folder}/{record_type.folder}.json"
    files[path] = texts["json"]
    made.append(Download(path, record_type.label, len(records)))
    return made


def _texts(record_type: RecordType, documents: list) -> bytes:
    """A type's CSV tables (file stem, label, rows, text) and JSON text, as one JSON value."""
    tables = [
        [
            file_stem(sheet.table),
            sheet.table.label,
            len(sheet.rows),
            csv_text(sheet.table, sheet.rows),
        ]
        for sheet in sheets_of(record_type, documents)
    ]
    value = {"csv": tables, "json": json_text(record_type, documents)}
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def finance_rows(site: Site) -> list[list]:
    """Every income and expense line of every disclosure: (disclosure, subject, its name, period,
    published, 收入 or 支出, item, amount), by disclosure id and then as listed."""
    rows = []
    for disclosure in sorted(site.disclosures.values(), key=lambda d: d.id):
        finance = disclosure.get("finance")
        if not finance:
            continue
        head = [
            disclosure.id,
            disclosure["subject"],
            site.unit_name(disclosure["subject"]),
            disclosure["period"],
            disclosure["published"].isoformat(),
        ]
        for side, key in (("收入", "income"), ("支出", "expense")):
            for line in finance.get(key, ()):
                rows.append([*head, side, line["item"], f"{line['amount']:.2f}"])
    return rows


def finance_csv(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FINANCE_HEADERS)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def download_files(
    site: Site, registry: Registry, today: dt.date, kept: Blobs | None = None
) -> Downloads:
    """Every file of /data/ but its page, the data package and the summary workbook; the files
    made from the same records as in the last run are taken from `kept`."""
    kept = kept or Blobs(None, "", "")
    files: dict = {}
    several = len(site.townships) > 1
    documents: dict[str, list] = {}
    of_township: dict[str, dict[str | None, list]] = {}
    for t in registry:
        documents[t.name], of_township[t.name] = [], {}
        for r in sorted(site.of(t.name).values(), key=lambda r: r.id):
            doc = r.doc  # as loaded: _type_files publishes it when its files are made
            documents[t.name].append(doc)
            if several:
                of_township[t.name].setdefault(township_of(site, r), []).append(doc)
    by_type = [
        (t, len(documents[t.name]), _type_files(t, documents[t.name], FOLDER, today, files, kept))
        for t in registry
    ]
    tables = [
        (table, next(d for d in made if d.path.endswith(f"/{file_stem(table)}.csv")))
        for t, _, made in by_type
        for table in tables_of(t)
    ]
    by_township = []
    for township in site.townships_in_order() if several else ():
        own = []
        folder = f"{FOLDER}/townships/{township.id}"
        for t in registry:
            chosen = of_township[t.name].get(township.id)
            if chosen:
                own.append((t, len(chosen), _type_files(t, chosen, folder, today, files, kept)))
        by_township.append((township, own))
    rows = finance_rows(site)
    finance = Download(f"{FOLDER}/{FINANCE}.csv", "财务公开收支明细", len(rows))
    files[finance.path] = finance_csv(rows)
    return Downloads(files, by_type, by_township, tables, finance)
