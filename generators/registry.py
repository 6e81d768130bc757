"""The one list of record types: where their files live and which schema checks them.

A new record type is a schema file, a model, a template and one entry here;
tests/test_registry.py fails when any of them is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from . import model
from .fields import RecordSchema, load_schema


@dataclass(frozen=True)
class RecordType:
    name: str  # also the schema file stem
    pattern: str  # where its files live, relative to the data folder
    folder_hint: str  # shown to staff when a file is misplaced
    model: type  # model class built from a valid record
    folder: str  # URL folder of its pages: /<folder>/<id>/
    template: str  # Jinja2 template of its page, in generators/templates/

    @cached_property
    def schema(self) -> RecordSchema:
        return load_schema(self.name)

    @property
    def label(self) -> str:
        return self.schema.label

    @cached_property
    def _regex(self) -> re.Pattern:
        return re.compile("[^/]*".join(re.escape(part) for part in self.pattern.split("*")))

    def matches(self, relative: PurePosixPath) -> bool:
        return self._regex.fullmatch(relative.as_posix()) is not None


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("township", "townships/*.yaml", "townships/<镇编号>.yaml",
               model.Township, "townships", "township.md.j2"),
    RecordType("village", "villages/*.yaml", "villages/<村编号>.yaml",
               model.Village, "villages", "village.md.j2"),
    RecordType("branch", "branches/*.yaml", "branches/<党组织编号>.yaml",
               model.Branch, "branches", "branch.md.j2"),
    RecordType("meetings", "meetings/*.yaml", "meetings/<党组织编号>-<年份>.yaml",
               model.MeetingLog, "meetings", "meetings.md.j2"),
    RecordType("plan", "plans/*.yaml", "plans/<方案编号>.yaml",
               model.Plan, "plans", "plan.md.j2"),
    RecordType("task", "tasks/*/*.yaml", "tasks/<方案编号>/<任务编号>.yaml",
               model.Task, "tasks", "task.md.j2"),
    RecordType("disclosure", "disclosures/*/*.yaml", "disclosures/<年份>/<公开编号>.yaml",
               model.Disclosure, "disclosures", "disclosure.md.j2"),
)

BY_NAME = {t.name: t for t in RECORD_TYPES}


@dataclass(frozen=True)
class ReferenceKind:
    """What a schema's `ref:` may name: the record types that count, and their name for staff."""

    types: tuple[str, ...]
    label: str


# Kinds of reference a field's `ref` names; "department" is an entry of a township's departments.
REFERENCE_KINDS = {
    "township": ReferenceKind(("township",), "镇（街道）"),
    "village": ReferenceKind(("village",), "村（社区）"),
    "branch": ReferenceKind(("branch",), "党组织"),
    "plan": ReferenceKind(("plan",), "实施方案"),
    "unit": ReferenceKind(("department", "village", "branch"), "单位（部门、村或党组织）"),
    "subject": ReferenceKind(("village", "branch", "township"), "公开主体（村、党组织或镇）"),
}


def type_of(relative: PurePosixPath) -> RecordType | None:
    for record_type in RECORD_TYPES:
        if record_type.matches(relative):
            return record_type
    return None
