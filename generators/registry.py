"""The one list of record types: where their files live and which schema checks them.

A new record type is a schema file, a model, a template and one entry here;
tests/test_registry.py fails when any of them is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from .schema import Schema


@dataclass(frozen=True)
class RecordType:
    name: str  # also the schema file stem
    pattern: str  # where its files live, relative to the data folder
    folder_hint: str  # shown to staff when a file is misplaced

    @cached_property
    def schema(self) -> Schema:
        return Schema.load(self.name)

    @property
    def label(self) -> str:
        return self.schema.label

    def matches(self, relative: PurePosixPath) -> bool:
        return relative.match(self.pattern) and len(relative.parts) == len(PurePosixPath(self.pattern).parts)


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("township", "townships/*.yaml", "townships/<镇编号>.yaml"),
    RecordType("village", "villages/*.yaml", "villages/<村编号>.yaml"),
    RecordType("branch", "branches/*.yaml", "branches/<党组织编号>.yaml"),
    RecordType("meetings", "meetings/*.yaml", "meetings/<党组织编号>-<年份>.yaml"),
    RecordType("plan", "plans/*.yaml", "plans/<方案编号>.yaml"),
    RecordType("task", "tasks/*/*.yaml", "tasks/<方案编号>/<任务编号>.yaml"),
    RecordType("disclosure", "disclosures/*/*.yaml", "disclosures/<年份>/<公开编号>.yaml"),
)

BY_NAME = {t.name: t for t in RECORD_TYPES}


def type_of(relative: PurePosixPath) -> RecordType | None:
    for record_type in RECORD_TYPES:
        if record_type.matches(relative):
            return record_type
    return None
