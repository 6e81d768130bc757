"""A Frictionless Data Package (datapackage.json) describing every CSV of /data/.

Each table's schema comes from the field tree: a field per column, named by
its Chinese header, its type and constraints from the field's type
(`FieldType.table_type`, `table_constraints`), `required` where every row must
give it; a records' table has its id as primary key, and a list's table a
foreign key to it. tests/test_downloads.py has the frictionless library
validate the package and every file in it.
"""

from __future__ import annotations

import json

from generators.exchange.downloads import FINANCE_HEADERS, FOLDER, Download
from generators.exchange.layout import Table, file_stem, tables_of

PACKAGE = f"{FOLDER}/datapackage.json"


def field_schema(column) -> dict:
    spec = column.spec
    out = {
        "name": column.header,
        "title": spec.label or column.header,
        "type": spec.kind.table_type,
    }
    constraints = dict(spec.kind.table_constraints(spec))
    if column.required:
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: Table) -> dict:
    schema: dict = {"fields": [field_schema(c) for c in table.columns]}
    owner = table.columns[0].header
    if table.main:
        schema["primaryKey"] = [owner]
    else:
        main = tables_of(table.record_type)[0]
        schema["foreignKeys"] = [
            {
                "fields": [owner],
                "reference": {"resource": file_stem(main), "fields": [main.columns[0].header]},
            }
        ]
    return schema


def resource(name: str, download: Download, title: str, schema: dict) -> dict:
    return {
        "name": name,
        "path": download.path[len(FOLDER) + 1 :],
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "schema": schema,
    }


FINANCE_TYPES = ("string", "string", "string", "string", "date", "string", "string", "number")


def finance_schema() -> dict:
    constraints: list[dict[str, object]] = [{"required": True} for _ in FINANCE_HEADERS]
    constraints[5]["enum"] = ["收入", "支出"]
    fields = [
        {"name": header, "type": kind, "constraints": constraint}
        for header, kind, constraint in zip(
            FINANCE_HEADERS, FINANCE_TYPES, constraints, strict=True
        )
    ]
    return {"fields": fields}


def _title(table: Table) -> str:
    return table.label if table.main else f"{table.record_type.label} · {table.label}"


def package_text(tables: list[tuple[Table, Download]], finance: Download | None, title: str) -> str:
    resources = [
        resource(file_stem(table), download, _title(table), table_schema(table))
        for table, download in tables
    ]
    if finance is not None:
        resources.append(resource("finance-lines", finance, finance.title, finance_schema()))
    package = {
        "name": "dangjian-data",
        "title": title,
        "profile": "tabular-data-package",
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
