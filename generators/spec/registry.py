"""The one list of record types, each described whole.

A record type is its schema (schemas/<name>.yaml), its model class (or the
generic model.Record), where its files live in the data folder, the URL
folder and template of its pages, its index page with its place in the
site's navigation, what it gives the search dictionary, and which kinds of
record its fields may reference (REFERENCE_KINDS). The loader, the checks,
the model, the renderer, the navigation, the privacy scan, the synthetic
data and the tests all read it from here.

Adding a type is a schema file, a page template (and one for its index
page), one entry below and its sample data; ARCHITECTURE.md shows it step by
step, and tests/test_new_record_type.py builds a real site with a toy type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from generators.model import records as model
from generators.spec.fields import SCHEMA_DIR, RecordSchema, load_schema

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "render" / "templates"


@dataclass(frozen=True)
class IndexPage:
    """A type's list page, e.g. villages/index.md at /villages/, and its place in the navigation."""

    path: str  # inside the generated folder
    template: str
    nav_label: str
    nav_order: int  # smaller first; the home page is 0
    in_search: bool = (
        False  # list pages stay out of the search, but for one a reader looks for (进度看板)
    )


@dataclass(frozen=True)
class RecordType:
    name: str  # also the schema file stem
    pattern: str  # where its files live, relative to the data folder
    folder_hint: str  # shown to staff when a file is misplaced
    folder: str  # URL folder of its pages: /<folder>/<id>/
    template: str  # Jinja2 template of its page
    collection: str  # the model's name for all records of the type: site.villages
    model: type = model.Record  # model class built from a valid record
    title_field: str = "name"  # what a link to a record shows
    index: IndexPage | None = None
    in_search: bool = True  # whether its pages are in the search index
    search_boost: float = 1  # above 1: its pages come first among the pages a query finds (a place before its records)
    search_words: tuple[tuple, ...] = ()  # schema paths of names a reader types (public ones only)
    id_group: str | None = (
        None  # types sharing one set of ids (a unit is a township, village or branch)
    )
    schema_dir: Path = SCHEMA_DIR
    template_dir: Path = TEMPLATE_DIR

    @cached_property
    def schema(self) -> RecordSchema:
        return load_schema(self.name, self.schema_dir)

    @property
    def label(self) -> str:
        return self.schema.label

    @cached_property
    def _regex(self) -> re.Pattern:
        return re.compile("[^/]*".join(re.escape(part) for part in self.pattern.split("*")))

    def matches(self, relative: PurePosixPath) -> bool:
        return self._regex.fullmatch(relative.as_posix()) is not None

    def page_path(self, record_id: str) -> str:
        """Its page inside the generated folder: villages/xikou.md."""
        return f"{self.folder}/{record_id}.md"


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


@dataclass(frozen=True)
class Registry:
    types: tuple[RecordType, ...]
    template_dirs: tuple[Path, ...] = field(default=(TEMPLATE_DIR,))

    @cached_property
    def by_name(self) -> dict[str, RecordType]:
        return {t.name: t for t in self.types}

    @cached_property
    def by_collection(self) -> dict[str, RecordType]:
        return {t.collection: t for t in self.types}

    def __iter__(self):
        return iter(self.types)

    def __getitem__(self, name: str) -> RecordType:
        return self.by_name[name]

    def type_of(self, relative: PurePosixPath) -> RecordType | None:
        for record_type in self.types:
            if record_type.matches(relative):
                return record_type
        return None

    def with_types(self, *types: RecordType) -> Registry:
        """This registry and more types (their template folders searched after the others)."""
        dirs = tuple(dict.fromkeys([*self.template_dirs, *(t.template_dir for t in types)]))
        return Registry(self.types + types, dirs)

    def collections(self) -> dict[str, str]:
        """Collection name → type name: what the model calls each type's records (site.villages)."""
        return {t.collection: t.name for t in self.types}

    def index_pages(self) -> list[tuple[RecordType, IndexPage]]:
        return sorted(
            ((t, t.index) for t in self.types if t.index), key=lambda pair: pair[1].nav_order
        )


REGISTRY = Registry(
    (
        RecordType(
            "township",
            "townships/*.yaml",
            "townships/<镇编号>.yaml",
            "townships",
            "township.md.j2",
            "townships",
            model.Township,
            search_boost=2,
            search_words=(("name",), ("departments", "[]", "name")),
            id_group="unit",
        ),
        RecordType(
            "village",
            "villages/*.yaml",
            "villages/<村编号>.yaml",
            "villages",
            "village.md.j2",
            "villages",
            model.Village,
            index=IndexPage("villages/index.md", "villages.md.j2", "村/社区", 20),
            search_boost=1.5,
            search_words=(("name",), ("leaders", "secretary"), ("leaders", "director")),
            id_group="unit",
        ),
        RecordType(
            "branch",
            "branches/*.yaml",
            "branches/<党组织编号>.yaml",
            "branches",
            "branch.md.j2",
            "branches",
            model.Branch,
            index=IndexPage("branches/index.md", "branches.md.j2", "支部档案", 30),
            search_boost=1.2,
            search_words=(("committee", "[]", "name"),),
            id_group="unit",
        ),
        RecordType(
            "meetings",
            "meetings/*.yaml",
            "meetings/<党组织编号>-<年份>.yaml",
            "meetings",
            "meetings.md.j2",
            "meeting_logs",
            model.MeetingLog,
        ),
        RecordType(
            "plan",
            "plans/*.yaml",
            "plans/<方案编号>.yaml",
            "plans",
            "plan.md.j2",
            "plans",
            model.Plan,
            title_field="title",
        ),
        RecordType(
            "task",
            "tasks/*/*.yaml",
            "tasks/<方案编号>/<任务编号>.yaml",
            "tasks",
            "task.md.j2",
            "tasks",
            model.Task,
            title_field="title",
            index=IndexPage("progress/index.md", "progress.md.j2", "进度看板", 40, in_search=True),
        ),
        RecordType(
            "disclosure",
            "disclosures/*/*.yaml",
            "disclosures/<年份>/<公开编号>.yaml",
            "disclosures",
            "disclosure.md.j2",
            "disclosures",
            model.Disclosure,
            title_field="title",
            index=IndexPage("disclosures/index.md", "disclosures.md.j2", "公开", 50),
        ),
        RecordType(
            "finding",
            "findings/*.yaml",
            "findings/<问题编号>.yaml",
            "findings",
            "finding.md.j2",
            "findings",
            model.Finding,
            title_field="problem",
            search_words=(("responsible",),),
            index=IndexPage("findings/index.md", "findings.md.j2", "问题整改", 42),
        ),
        RecordType(
            "new_org",
            "new-orgs/*.yaml",
            "new-orgs/<两新组织编号>.yaml",
            "new-orgs",
            "new_org.md.j2",
            "new_orgs",
            model.NewOrg,
            index=IndexPage("new-orgs/index.md", "new_orgs.md.j2", "两新组织", 35),
            search_words=(("name",), ("instructor",)),
        ),
        RecordType(
            "pledge",
            "pledges/*.yaml",
            "pledges/<党组织编号>-<年份>.yaml",
            "pledges",
            "pledge.md.j2",
            "pledges",
            model.Pledge,
            title_field="year",
            index=IndexPage("pledges/index.md", "pledges.md.j2", "承诺践诺", 45),
        ),
        RecordType(
            "grid",
            "grids/*.yaml",
            "grids/<网格编号>.yaml",
            "grids",
            "grid.md.j2",
            "grids",
            model.Grid,
            search_words=(("name",), ("leader",)),
        ),
    )
)

# The built-in types, for code that does not take a registry.
RECORD_TYPES: tuple[RecordType, ...] = REGISTRY.types
BY_NAME = REGISTRY.by_name


def type_of(relative: PurePosixPath) -> RecordType | None:
    return REGISTRY.type_of(relative)
