"""Ids and references: an id equals its file name and is used once in its group; a township's
departments are used once in it and share no id with a unit; every reference names a record
that exists, and a department in one township only (model/units.py)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generators.check.rules.index import Index, found, repeats
from generators.spec.problems import Problem
from generators.spec.registry import REFERENCE_KINDS

if TYPE_CHECKING:  # validate imports the rules
    from generators.check.validate import RecordFile


def check_ids(index: Index) -> Iterator[Problem]:
    seen: dict[tuple[str, str], RecordFile] = {}
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
        departments = township.document.get("departments") or []
        for i, department_id in repeats(departments, "id"):
            yield found(
                township,
                ("departments", i, "id"),
                "id.duplicate-department",
                id=department_id,
                township=township.document["name"],
            )
        for i, department in enumerate(departments):
            clash = (
                department["id"] in index.ids["village"]
                or department["id"] in index.ids["branch"]
                or department["id"] in index.ids["township"]
            )
            if clash:
                yield found(
                    township, ("departments", i, "id"), "id.department-clash", id=department["id"]
                )


def check_references(index: Index) -> Iterator[Problem]:
    suggestions: dict[
        tuple[str, str], str
    ] = {}  # a renamed record is missed by many: look it up once
    for record in index.records:
        if record.document is None:
            continue
        for path, kind, value in record.type.schema.root.references(record.document):
            if index.exists(kind, value):
                yield from _ambiguous(index, record, path, kind, value)
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


def _ambiguous(index: Index, record, path: tuple, kind: str, value: str):
    """A bare department id that several townships have, where the record's own township does
    not decide which it means."""
    if "department" not in REFERENCE_KINDS[kind].types:
        return
    resolved = index.departments.resolve(value, _township_of(index, record))
    if resolved.ambiguous:
        yield found(
            record,
            path,
            "ref.ambiguous-unit",
            value=value,
            townships="、".join(index.township_name(t) for t in resolved.townships),
            qualified="、".join(f"{t}/{value}" for t in resolved.townships),
        )


def _township_of(index: Index, record) -> str | None:
    """The township a record's references are read in: a task's plan's, or its own field's."""
    if record.type.name == "task":
        return index.plan_township(record.document["plan"])
    township = record.document.get("township")
    return township if isinstance(township, str) else None
