"""The one list of record types, each described whole.

A record type is its schema (schemas/<name>.yaml), its model class (or the
generic model.Record), where its files live in the data folder, the URL
folder and template of its pages, its index page with its place in the
site's navigation, what it gives the search dictionary, and which kinds of
record its fields may reference (REFERENCE_KINDS) and which of those
references are relations the site groups records by (Relation). The loader,
the checks, the model, the renderer, the navigation, the privacy scan, the
synthetic data and the tests all read it from here.

Adding a type is a schema file, a page template (and one for its index
page), one entry below and its sample data; ARCHITECTURE.md shows it step by
step, and tests/test_new_record_type.py builds a real site with a toy type.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from generators.model import appraisal, points, recruitment, training, village_records
from generators.model import records as model
from generators.spec.fields import SCHEMA_DIR, Field, RecordSchema, SchemaError, load_schema

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
class Relation:
    """Records of a type belong to the records one of their fields names: a grid to its village.

    The field is a reference at the top of the record (its schema gives it a `ref:`), one id or
    a list of ids (a task's lead_units). The site groups the type's records by it:
    `site.related("grid", "village", village_id)`. The `owner` is the one record a record
    belongs to above all (a meeting log's branch, a task's plan, a village's township), which
    its page names; following owners up leads to the township a record belongs to.
    """

    field: str
    owner: bool = False


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
    relations: tuple[Relation, ...] = ()  # the references the site groups its records by
    schema_dir: Path = SCHEMA_DIR
    template_dir: Path = TEMPLATE_DIR

    @cached_property
    def schema(self) -> RecordSchema:
        """Its schema, loaded once; an unknown `ref:` or relation field is a SchemaError."""
        schema = load_schema(self.name, self.schema_dir)
        _check_references(schema, _shown(Path(self.schema_dir) / f"{self.name}.yaml"))
        _check_relations(self, schema)
        return schema

    @property
    def owner(self) -> Relation | None:
        """The relation naming the record this one belongs to, if it has one."""
        return next((r for r in self.relations if r.owner), None)

    def referenced_kind(self, field_name: str) -> ReferenceKind:
        """What a reference field at the top of a record names (one id, or a list of ids)."""
        return REFERENCE_KINDS[_reference_of(self.schema.fields[field_name]) or ""]

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
    "finding": ReferenceKind(("finding",), "问题整改"),
}


def _shown(path: Path) -> str:
    """A schema file as a contributor finds it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _field_name(path: tuple) -> str:
    """A schema path as written in messages: lead_units[], members.total."""
    return ".".join(str(part) for part in path).replace(".[]", "[]")


def _check_references(schema: RecordSchema, shown: str) -> None:
    for path, spec in schema.root.walk():
        if spec.ref is not None and spec.ref not in REFERENCE_KINDS:
            close = difflib.get_close_matches(str(spec.ref), list(REFERENCE_KINDS), n=1)
            raise SchemaError(
                f"{shown}：字段 {_field_name(path)} 的 ref: {spec.ref} 不是可引用的类别，"
                f"应为 {'、'.join(REFERENCE_KINDS)} 之一"
                + (f"（是不是 {close[0]}？）" if close else "")
            )


def _reference_of(spec: Field) -> str | None:
    """The kind a top-level field names: its own `ref:`, or that of its list's items."""
    if spec.ref is None and spec.item is not None:
        return spec.item.ref
    return spec.ref


def _check_relations(record_type: RecordType, schema: RecordSchema) -> None:
    for relation in record_type.relations:
        spec = schema.fields.get(relation.field)
        if spec is None or _reference_of(spec) is None:
            raise SchemaError(
                f"登记表（generators/spec/registry.py）中 {record_type.name} 的关系字段"
                f" {relation.field} 在 {schema.name}.yaml 中不存在，或不是引用（没有 ref:）"
            )
    if sum(r.owner for r in record_type.relations) > 1:
        raise SchemaError(
            f"登记表（generators/spec/registry.py）中 {record_type.name} 的关系只能有一个 owner"
        )


@dataclass(frozen=True)
class Registry:
    types: tuple[RecordType, ...]
    template_dirs: tuple[Path, ...] = field(default=(TEMPLATE_DIR,))

    def __post_init__(self) -> None:
        for what in ("name", "collection", "folder"):
            values = [getattr(t, what) for t in self.types]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"record types share a {what}: {', '.join(twice)}")

    @cached_property
    def by_name(self) -> dict[str, RecordType]:
        return {t.name: t for t in self.types}

    def __iter__(self) -> Iterator[RecordType]:
        return iter(self.types)

    def __getitem__(self, name: str) -> RecordType:
        return self.by_name[name]

    def type_of(self, relative: PurePosixPath) -> RecordType | None:
        for record_type in self.types:
            if record_type.matches(relative):
                return record_type
        return None

    def with_types(self, *types: RecordType) -> Registry:
        """This registry and more types (their template folders searched after the others); one of a
        name the registry has replaces its own."""
        names = {t.name for t in types}
        kept = tuple(t for t in self.types if t.name not in names)
        dirs = tuple(dict.fromkeys([*self.template_dirs, *(t.template_dir for t in types)]))
        return Registry(kept + types, dirs)

    def relations(self) -> list[tuple[str, Relation]]:
        """(type name, relation) of every relation the registry declares."""
        return [(t.name, relation) for t in self.types for relation in t.relations]

    def load_schemas(self) -> None:
        """Loads every type's schema now: a broken one is reported before any work starts."""
        for record_type in self.types:
            record_type.schema  # noqa: B018 (loaded and checked once, then kept)

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
            "county",
            "counties/*.yaml",
            "counties/<县编号>.yaml",
            "counties",
            "county.md.j2",
            "counties",
            search_boost=2,
            search_words=(("name",),),
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
            relations=(Relation("township", owner=True),),
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
            relations=(Relation("township", owner=True), Relation("parent"), Relation("village")),
        ),
        RecordType(
            "meetings",
            "meetings/*.yaml",
            "meetings/<党组织编号>-<年份>.yaml",
            "meetings",
            "meetings.md.j2",
            "meeting_logs",
            model.MeetingLog,
            relations=(Relation("branch", owner=True),),
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
            relations=(Relation("township", owner=True),),
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
            relations=(
                Relation("plan", owner=True),
                Relation("lead_units"),
                Relation("responsible_units"),
            ),
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
            relations=(Relation("subject", owner=True),),
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
            relations=(Relation("unit", owner=True),),
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
            relations=(Relation("township", owner=True), Relation("village"), Relation("branch")),
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
            relations=(Relation("branch", owner=True),),
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
            relations=(Relation("village", owner=True),),
        ),
        RecordType(
            "deliberation",
            "deliberations/*.yaml",
            "deliberations/<议事协商编号>.yaml",
            "deliberations",
            "deliberation.md.j2",
            "deliberations",
            village_records.Deliberation,
            title_field="topic",
            index=IndexPage("deliberations/index.md", "deliberations.md.j2", "议事协商", 37),
            search_words=(("kind",),),
            relations=(Relation("village", owner=True), Relation("findings")),
        ),
        RecordType(
            "venue",
            "venues/*.yaml",
            "venues/<阵地编号>.yaml",
            "venues",
            "venue.md.j2",
            "venues",
            village_records.Venue,
            index=IndexPage("venues/index.md", "venues.md.j2", "阵地", 36),
            search_words=(("name",),),
            relations=(Relation("village", owner=True),),
        ),
        RecordType(
            "oversight_log",
            "oversight/*.yaml",
            "oversight/<村编号>-<年份>.yaml",
            "oversight",
            "oversight_log.md.j2",
            "oversight_logs",
            village_records.OversightLog,
            title_field="year",
            relations=(Relation("village", owner=True),),
        ),
        RecordType(
            "training",
            "trainings/*.yaml",
            "trainings/<培训编号>.yaml",
            "trainings",
            "training.md.j2",
            "trainings",
            training.Training,
            title_field="topic",
            index=IndexPage("trainings/index.md", "trainings.md.j2", "培训", 46),
            search_words=(("topic",), ("organiser",)),
            relations=(Relation("township", owner=True),),
        ),
        RecordType(
            "appraisal",
            "appraisals/*.yaml",
            "appraisals/<党组织编号>-<年份>.yaml",
            "appraisals",
            "appraisal.md.j2",
            "appraisals",
            appraisal.Appraisal,
            title_field="year",
            index=IndexPage("appraisals/index.md", "appraisals.md.j2", "述职评议", 47),
            relations=(Relation("branch", owner=True),),
        ),
        RecordType(
            "recruitment",
            "recruitment/*.yaml",
            "recruitment/<党组织编号>-<年份>.yaml",
            "recruitment",
            "recruitment.md.j2",
            "recruitment",
            recruitment.Recruitment,
            title_field="year",
            index=IndexPage("recruitment/index.md", "recruitments.md.j2", "发展党员", 48),
            relations=(Relation("branch", owner=True),),
        ),
        RecordType(
            "member_points",
            "points/*.yaml",
            "points/<党组织编号>-<年份>.yaml",
            "points",
            "member_points.md.j2",
            "member_points",
            points.MemberPoints,
            title_field="year",
            index=IndexPage("points/index.md", "member_points_index.md.j2", "党员积分", 49),
            relations=(Relation("branch", owner=True),),
        ),
    )
)

# The built-in types, for code that does not take a registry.
RECORD_TYPES: tuple[RecordType, ...] = REGISTRY.types
BY_NAME = REGISTRY.by_name


def type_of(relative: PurePosixPath) -> RecordType | None:
    return REGISTRY.type_of(relative)
