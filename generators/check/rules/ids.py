"""Ids and references: an id equals its file name and is used once in its group; a township's
departments share no id with a unit; every reference names a record that exists."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generators.check.rules.index import Index, found
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


def check_references(index: Index) -> Iterator[Problem]:
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
