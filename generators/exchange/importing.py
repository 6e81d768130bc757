"""`python -m generators import FILE`: a clerk's workbook or CSV as record files, checked first.

Every record the sheets give is written as staff write it by hand
(yamltext.py) where the registry says its type lives, but only when the whole
data folder, with the new and changed files in it, passes `validate`: the
files are checked in a copy of the data folder, and every problem is told at
the sheet, row and column it came from, with the code `validate` gives it.
A record already in the data folder is left as it is unless `update` is
asked; then only the fields the sheets have columns for, and the lists they
have tables for, are changed, in place, and its comments stay.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from generators.check.loader import load_file
from generators.check.validate import display_root, validate
from generators.editors.scaffold import ScaffoldError, existing_ids, record_path
from generators.exchange.layout import value_at
from generators.exchange.reading import read_tables
from generators.exchange.rows import (
    Incoming,
    Origin,
    Rows,
    fill_required_lists,
    read_rows,
    set_at,
)
from generators.exchange.yamltext import changed_text, record_text
from generators.spec.fields import Field
from generators.spec.problems import Problem, problem
from generators.spec.registry import REGISTRY, RecordType, Registry

NEW, CHANGED, SAME = "新建", "更新", "未变"
_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


@dataclass(frozen=True)
class Found:
    """A problem, and the cell it came from when it came from the sheets."""

    problem: Problem
    origin: Origin | None = None

    def text(self, source: str) -> str:
        p, origin = self.problem, self.origin
        if origin is None:
            return p.text()
        where = f"{source}「{origin.sheet}」第{origin.row}行"
        if origin.header:
            where += f"「{origin.header}」列"
        field_label = f" 字段「{p.label}」" if p.label and p.label != origin.header else ""
        fix = f" — {p.fix}" if p.fix else ""
        kind = "错误" if p.is_error else "警告"
        return f"{where}：{kind} {p.code}{field_label}：{p.message}{fix}".replace("\n", "\\n")


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str
    state: str  # NEW, CHANGED or SAME
    before: str = ""


@dataclass
class Imported:
    files: list[Planned] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.problem.is_error for f in self.found)


def import_file(
    source: Path,
    data: Path,
    today: dt.date,
    update: bool = False,
    only: RecordType | None = None,
    registry: Registry = REGISTRY,
) -> Imported:
    """What importing the file would write, and every problem; nothing is written here."""
    rows = read_rows(read_tables(source), registry, only)
    result = Imported()
    shown = source.name
    result.found += [_trouble(t, rows, shown) for t in rows.troubles]
    planned: dict[str, tuple[Incoming, Planned]] = {}
    existing = _Existing(registry, data)
    for incoming in rows.records:
        if incoming.duplicate or incoming.id is None:
            continue
        fill_required_lists(incoming)
        plan = _plan(incoming, data, update, existing, result, shown)
        if plan is not None:
            planned[plan.path.relative_to(data).as_posix()] = (incoming, plan)
    result.files = [plan for _, plan in planned.values()]
    if all(plan.state == SAME for _, plan in planned.values()):
        return result  # nothing to write: nothing to check
    troubled = {(t.origin.sheet, t.origin.row, t.origin.col) for t in rows.troubles}
    for found in _checked(planned, data, today, registry, shown):
        o = found.origin
        if o is None or (o.sheet, o.row, o.col) not in troubled:  # told already, at that cell
            result.found.append(found)
    result.found.sort(key=_order)
    return result


def _order(found: Found):
    o = found.origin
    return (0, o.sheet, o.row, o.col) if o else (1, *found.problem.sort_key())


def write(imported: Imported) -> None:
    """Writes the planned files; a new one is never written over a file that appeared meanwhile."""
    for plan in imported.files:
        if plan.state == SAME:
            continue
        plan.path.parent.mkdir(parents=True, exist_ok=True)
        with open(plan.path, "x" if plan.state == NEW else "w", encoding="utf-8", newline="") as f:
            f.write(plan.text)


# ---------------------------------------------------------------------------
# a record's file


class _Existing:
    """The files of the data folder by id, for each set of types sharing ids (read once)."""

    def __init__(self, registry: Registry, data: Path):
        self.registry, self.data = registry, data
        self.groups: dict[str, dict[str, Path]] = {}

    def get(self, record_type: RecordType, record_id: str) -> Path | None:
        group = record_type.id_group or record_type.name
        if group not in self.groups:
            self.groups[group] = existing_ids(self.registry, record_type, self.data)
        return self.groups[group].get(record_id)


def _plan(
    incoming: Incoming,
    data: Path,
    update: bool,
    existing_files: _Existing,
    result: Imported,
    shown: str,
) -> Planned | None:
    record_type = incoming.record_type
    root = record_type.schema.root
    assert incoming.id is not None  # the caller skips rows without an id
    existing = existing_files.get(record_type, incoming.id)
    if existing is not None and not (
        update and existing.relative_to(data).match(record_type.pattern)
    ):
        code = "import.exists" if not update else "import.id-taken"
        found = _at(code, incoming, shown, ("id",), id=incoming.id, file=_posix(existing))
        result.found.append(found)
        return None
    if existing is None:
        if not incoming.main:  # only a list's rows name it, and there is no such record
            result.found.append(_at("import.no-owner", incoming, shown, (), owner=incoming.id))
            return None
        document = _ordered(root, incoming.document)
        try:
            path = record_path(record_type, document, data)
        except ScaffoldError:
            path = data / record_type.pattern.replace("*", "_", 1).replace("*", incoming.id)
        return Planned(path, record_text(root, document), NEW)
    loaded = load_file(existing, _posix(existing))
    if loaded.problems or not isinstance(loaded.data, dict):
        result.found.append(_at("import.broken-record", incoming, shown, ("id",), file=loaded.path))
        return None
    merged = _merged(root, loaded.data, incoming)
    text = changed_text(root, loaded, merged)
    state = SAME if text == loaded.text else CHANGED
    return Planned(existing, text, state, loaded.text or "")


def _posix(path: Path) -> str:
    return path.as_posix()


def _ordered(spec: Field | None, value):
    """Groups' fields in the schema's order, as a record is written."""
    if isinstance(value, dict) and spec is not None:
        known = [k for k in spec.fields if k in value]
        rest = [k for k in value if k not in spec.fields]
        return {k: _ordered(spec.fields.get(k), value[k]) for k in known + rest}
    if isinstance(value, list) and spec is not None:
        return [_ordered(spec.item, item) for item in value]
    return value


def _merged(root: Field, old: dict, incoming: Incoming) -> dict:
    """The record as it is, with the fields and lists the sheets give as they give them."""
    merged = _copy(old)
    given = list(incoming.lists)
    if incoming.main:
        given += [path for path in incoming.columns if path != ("id",)]
    for path in given:
        value = value_at(incoming.document, path)
        parent = value_at(merged, path[:-1]) if len(path) > 1 else merged
        if value is None or value == []:
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
                if value == [] and (target := root.at(path)) is not None and target.required:
                    parent[path[-1]] = []
        else:
            set_at(merged, path, value)
    return _pruned(merged)


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _pruned(value):
    """Without groups left empty by cleared cells."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v != {}}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


# ---------------------------------------------------------------------------
# checking, in a copy of the data folder


def _checked(
    planned: dict[str, tuple[Incoming, Planned]],
    data: Path,
    today: dt.date,
    registry: Registry,
    shown: str,
) -> list[Found]:
    root = display_root(data)
    with _Copy(data) as copy:
        for planned_path, (_, plan) in planned.items():
            if plan.state != SAME:
                copy.put(planned_path, plan.text)
        validation = validate(copy.path, today, None, registry)
    found = []
    copy_root = display_root(copy.path).as_posix()
    for p in validation.problems:
        relative = _relative(p.path, copy_root)
        entry = None if relative is None else planned.get(relative)
        if relative is None or entry is None:
            shown_path = (root / relative).as_posix() if relative is not None else p.path
            found.append(Found(_moved(p, shown_path)))
            continue
        incoming, plan = entry
        if plan.state == SAME:
            continue
        path = _path_of(p.field)
        origin = incoming.origin_of(path)
        label = incoming.record_type.schema.label_of(path) if path else ""
        found.append(Found(_moved(p, (root / relative).as_posix(), label), origin))
    return found


def _relative(path: str, copy_root: str) -> str | None:
    prefix = copy_root.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else None


def _moved(p: Problem, path: str, label: str = "") -> Problem:
    return replace(p, path=path, label=p.label or label)


def _path_of(dotted: str) -> tuple:
    return tuple(int(index) if index else name for name, index in _PART.findall(dotted or ""))


class _Copy:
    """A copy of the data folder beside it (files linked, not copied), removed afterwards."""

    def __init__(self, data: Path):
        self.data = data

    def __enter__(self) -> _Copy:
        parent = self.data.resolve().parent
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=".import-", dir=parent))
        except OSError:
            self.folder = Path(tempfile.mkdtemp(prefix="import-"))
        self.path = self.folder / "data"
        shutil.copytree(self.data, self.path, copy_function=_link_or_copy, symlinks=True)
        return self

    def put(self, relative: str, text: str) -> None:
        target = self.path / PurePosixPath(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # a link to the data folder's file: never written through
        target.write_text(text, encoding="utf-8", newline="")

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# ---------------------------------------------------------------------------
# problems at cells


def _trouble(trouble, rows: Rows, shown: str) -> Found:
    label = ""
    if trouble.field:
        owner = next((r for r in rows.records if trouble.field in r.origins), None)
        if owner is not None:
            label = owner.record_type.schema.label_of(trouble.field)
    p = problem(
        trouble.code,
        shown,
        trouble.origin.row,
        trouble.origin.col,
        field=".".join(str(k) for k in trouble.field),
        label=label or trouble.origin.header,
        **trouble.params,
    )
    return Found(p, trouble.origin)


def _at(code: str, incoming: Incoming, shown: str, path: tuple, **params) -> Found:
    origin = incoming.origin_of(path)
    p = problem(code, shown, origin.row, origin.col, label=origin.header, **params)
    return Found(p, origin)
