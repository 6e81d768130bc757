"""What every rule across records reads: the ids of all records and the valid records of each
type (Index), and a problem of a record at the value of a document path (found).

Only records whose own file passed its schema are checked, but the ids of
every record that has one count as existing, so one broken file does not
cascade into "missing" errors elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generators.model.units import SEPARATOR, Departments, plan_township
from generators.spec.fields import dotted
from generators.spec.problems import Problem, problem
from generators.spec.registry import REFERENCE_KINDS


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
        by_township: dict[str, list[str]] = {}
        for township in (r for r in records if r.type.name == "township"):
            data = township.document or township.loaded.data
            departments = data.get("departments") if isinstance(data, dict) else None
            if not isinstance(departments, list):
                if township.document is None:  # unreadable: its departments are unknown
                    self.unknown.add("department")
                continue
            own = by_township.setdefault(str(township.id or township.relative.stem), [])
            for department in departments:
                if isinstance(department, dict) and isinstance(department.get("id"), str):
                    self.ids["department"].setdefault(department["id"], township)
                    own.append(department["id"])
        self.departments = Departments(by_township)

    def valid(self, type_name: str):
        return [r for r in self.records if r.type.name == type_name and r.document is not None]

    def exists(self, kind: str, value: str) -> bool:
        """True when the id exists, or might: a broken file's ids are not held against others.
        A department named in full (hexi/zhen-dangjianban) exists in the township it names."""
        types = REFERENCE_KINDS[kind].types
        if SEPARATOR in value and "department" in types:
            return "department" in self.unknown or not self.departments.resolve(value).missing
        return any(value in self.ids[t] or t in self.unknown for t in types)

    def township_name(self, township_id: str) -> str:
        record = self.ids["township"].get(township_id)
        document = getattr(record, "document", None)
        return document["name"] if document else township_id

    def plan_township(self, plan_id: str) -> str | None:
        """The township of a valid plan (model.units.plan_township), None when unknown."""
        plan = self.ids["plan"].get(plan_id)
        document = getattr(plan, "document", None)
        return plan_township(document, self.ids["township"]) if document else None

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


def repeats(items, key: str):
    """(position, value) of each item whose value of a key an earlier item already has."""
    seen = set()
    for i, item in enumerate(items):
        if item[key] in seen:
            yield i, item[key]
        seen.add(item[key])
