"""Validation of a whole data folder: every file, every record, every reference.

Pure apart from reading the files: returns records and problems, never prints
or exits. Every problem in every file is reported in one run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generators.build.keys import records_key
from generators.build.parallel import map_in_processes
from generators.build.stages import NO_OBSERVER, Observer, stage
from generators.check import rules as checks
from generators.check.cache import FileCheck, ResultCache, cached_file
from generators.check.loader import (
    LoadedFile,
    decode,
    load_bytes,
    load_file,
    read_file,
    readable_text,
)
from generators.check.schema import typed_document, validate_document
from generators.history.published import check_against_base
from generators.model.site import Site, build_model
from generators.privacy import scan as privacy
from generators.spec.problems import Problem, problem, sorted_problems
from generators.spec.registry import REGISTRY, RecordType, Registry

NOT_RECORDS = {"README.md", ".gitkeep"}  # files of the data folder that are never records
GIT_OWN = ".git"  # git's own folder (or, in a worktree, file): never read


@dataclass(frozen=True)
class RecordFile:
    """A record file as checked: its type, place, what the loader read and its typed values."""

    type: RecordType
    relative: PurePosixPath  # path inside the data folder
    loaded: LoadedFile
    document: dict | None  # typed values; None when the file has errors of its own

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def id(self) -> str | None:
        data = self.loaded.data
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None


@dataclass
class Validation:
    records: list[RecordFile]
    problems: list[Problem]
    notices: list[str] = field(default_factory=list)  # about the run itself, e.g. a cache not used
    inputs: str = ""  # fingerprint of every record file read: its path, bytes, type and the day
    # Every record passed its schema and no rule across records found an error: the model can be
    # built and the rules computed on it checked (check_model).
    consistent: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def display_root(data_dir: Path) -> PurePosixPath:
    """The data folder as staff see it: relative to the working folder when inside it."""
    absolute = data_dir.resolve()
    try:
        return PurePosixPath(absolute.relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return PurePosixPath(absolute.as_posix())


def every_file(data_dir: Path) -> list[PurePosixPath]:
    """Every file under the data folder but git's own, in a stable order.

    Links to folders are listed too (they are not followed), so they get reported."""
    found = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if d != GIT_OWN)
        linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        for name in sorted(files + linked):
            if name != GIT_OWN:
                found.append(PurePosixPath(Path(root, name).relative_to(data_dir).as_posix()))
    return sorted(found)


def _may_be_record(relative: PurePosixPath) -> bool:
    return relative.name not in NOT_RECORDS and not any(p.startswith(".") for p in relative.parts)


def discover(data_dir: Path) -> list[PurePosixPath]:
    """The files that may be records: all under the data folder but hidden ones and README.md."""
    return [relative for relative in every_file(data_dir) if _may_be_record(relative)]


def other_files(data_dir: Path) -> list[PurePosixPath]:
    """The files that are never records (README.md, hidden files): only scanned for personal data."""
    return [relative for relative in every_file(data_dir) if not _may_be_record(relative)]


def misplaced(relative: PurePosixPath, shown: str, registry: Registry = REGISTRY) -> Problem:
    if relative.suffix != ".yaml" and relative.suffix.lower() in (".yml", ".yaml"):
        return problem("file.extension", shown, 1, 1, extension=relative.suffix, stem=relative.stem)
    places = "、".join(t.folder_hint for t in registry)
    return problem("file.misplaced", shown, 1, 1, places=places)


def check_bytes(record_type: RecordType, display: str, raw: bytes, today: dt.date) -> tuple:
    """One file on its own: loading, its schema and the privacy scan → (data, document, problems)."""
    return check_file(record_type, display, raw, today)[:3]


def check_file(record_type: RecordType, display: str, raw: bytes, today: dt.date) -> tuple:
    """(data, document, problems, seconds) of one file: the seconds its loading, schema and privacy scan took."""
    t0 = time.perf_counter()
    loaded = load_bytes(raw, display)
    t1 = time.perf_counter()
    private = privacy.scan_file(loaded, record_type.schema, today)
    t2 = time.perf_counter()
    seconds = {"loader": t1 - t0, "privacy": t2 - t1, "schema": 0.0}
    if loaded.problems or loaded.data is None:
        return loaded.data, None, tuple(loaded.problems + private), seconds
    document, problems = validate_document(record_type.schema, loaded)
    seconds["schema"] = time.perf_counter() - t2
    return loaded.data, document, tuple(problems + private), seconds


@dataclass(frozen=True)
class _File:
    relative: PurePosixPath
    record_type: RecordType
    path: Path
    display: str
    raw: bytes | None
    trouble: Problem | None
    key: str | bytes = b""  # the cache key (ResultCache.key); b"" for a file that could not be read


def shown_name(relative: PurePosixPath) -> str | None:
    """A file name that cannot be printed as it is, escaped (x\\xff.yaml); None for an ordinary name."""
    text = relative.as_posix()
    if all(part.isprintable() for part in relative.parts) and not _UNDECODABLE.search(text):
        return None
    escaped = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in escaped)


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes os.fsdecode() could not read as UTF-8


def bad_name(shown: str) -> Problem:
    return problem("file.bad-name", shown, 1, 1)


def _read_all(
    data_dir: Path, root: PurePosixPath, today: dt.date, cache: ResultCache, registry: Registry
):
    """Record files with their bytes and cache keys; problems of files that are no records."""
    files, problems = [], []
    for relative in every_file(data_dir):
        path, display = data_dir / relative, (root / relative).as_posix()
        escaped = shown_name(relative)
        if escaped is not None:
            problems.append(bad_name((root / escaped).as_posix()))
            continue
        problems.extend(privacy.scan_name(relative.as_posix(), display, today))
        if not _may_be_record(relative):
            problems.extend(_other_file(path, display, today))
            continue
        if path.is_symlink():
            problems.extend(load_file(path, display).problems)
            continue
        record_type = registry.type_of(relative)
        if record_type is None:
            problems.append(misplaced(relative, display, registry))
            problems.extend(_other_file(path, display, today))
            continue
        raw, trouble = read_file(path, display)
        key = (
            b""
            if trouble or raw is None  # raw is None only with trouble
            else cache.key(record_type.name, display, today.isoformat(), raw=raw)
        )
        files.append(_File(relative, record_type, path, display, raw, trouble, key))
    return files, problems


def _other_file(path: Path, display: str, today: dt.date) -> list[Problem]:
    """Personal data in a file that is no record, as text: warnings. A link is read as the place
    it names (what git keeps of it); a binary file (a NUL byte early on, as git tells) is
    skipped."""
    if path.is_symlink():
        try:
            return privacy.scan_other_file(os.readlink(path), display, today)
        except OSError:
            return []
    raw, trouble = read_file(path, display)
    if trouble is not None:
        return [trouble]
    assert raw is not None  # read_file gives the bytes or the problem
    text, _ = decode(raw, display)
    if text is None:
        text = readable_text(raw)
    if "\0" in text[:8000]:
        return []
    return privacy.scan_other_file(text, display, today)


def validate(
    data_dir: Path,
    today: dt.date,
    cache_dir: Path | None = None,
    registry: Registry = REGISTRY,
    observer: Observer = NO_OBSERVER,
    base: str | None = None,
) -> Validation:
    """Every problem in a data folder: its records' (validate_records) and, when they are
    consistent, those of the model built from them (check_model), in the stage "model"."""
    validation = validate_records(data_dir, today, cache_dir, registry, observer, base)
    if not validation.consistent:
        return validation
    with stage(observer, "model"):
        return check_model(validation, build_model(validation.records, today, {}, registry))


def check_model(validation: Validation, site: Site) -> Validation:
    """The validation with the problems of the rules computed on the model of its records (a plan's
    targets, check.rules.MODEL_CHECKS); the model is built once, by whoever needs it next."""
    found = [*validation.problems, *checks.model_rules(site, validation.records)]
    return dataclasses.replace(validation, problems=sorted_problems(found))


def validate_records(
    data_dir: Path,
    today: dt.date,
    cache_dir: Path | None = None,
    registry: Registry = REGISTRY,
    observer: Observer = NO_OBSERVER,
    base: str | None = None,
) -> Validation:
    """Every problem of the records in a data folder; with a cache folder, unchanged files are not
    checked again.

    Three stages, each told to the observer: "read" (list and read the files),
    "check files" (each file on its own: loader, schema, privacy scan; in
    parallel when there are many) and "cross-record"; with a base version, also
    "published" (published disclosures compared with the base through git). Records keep their data
    and typed document; line and column positions are read again from a file
    only when a cross-record problem in it needs them.
    """
    registry.load_schemas()  # a broken schema is a SchemaError here, before any file is read
    root = display_root(data_dir)
    if not data_dir.is_dir():
        return Validation([], [problem("file.no-data", root.as_posix(), 1, 1)])
    with stage(observer, "read"):
        cache = ResultCache(cache_dir)
        files, problems = _read_all(data_dir, root, today, cache, registry)
    with stage(observer, "check files") as details:
        results = {
            i: _revived(cache.get(f.key), f.record_type)
            for i, f in enumerate(files)
            if f.trouble is None
        }
        missing = [i for i, result in results.items() if result is None]
        checked = map_in_processes(lambda i: _checked(files[i], today), missing)
        seconds = {"loader": 0.0, "schema": 0.0, "privacy": 0.0}
        for i, (stored, spent) in zip(missing, checked, strict=True):
            check = FileCheck.from_json(stored)
            assert check is not None, (
                "made by _checked in this run, so of the shape from_json reads"
            )
            cache.put(files[i].key, check)
            results[i] = _revived(check, files[i].record_type)
            for part, value in spent.items():
                seconds[part] += value
        details.update(
            checked=len(missing), cached=len(results) - len(missing), cpu_seconds=seconds
        )
    records = []
    for i, f in enumerate(files):
        if f.trouble is not None:
            records.append(
                RecordFile(
                    f.record_type, f.relative, LoadedFile(f.display, problems=[f.trouble]), None
                )
            )
            problems.append(f.trouble)
            continue
        data, document, found = results[i]
        records.append(
            RecordFile(f.record_type, f.relative, cached_file(f.path, f.display, data), document)
        )
        problems.extend(found)
    with stage(observer, "cross-record"):
        across = checks.cross_record(records, today)
        problems.extend(across)
    if base is not None:  # published disclosures against the base version: never changed silently
        with stage(observer, "published"):
            problems.extend(check_against_base(records, data_dir, today, base, root))
    cache.save()
    inputs = records_key((f.relative.as_posix(), f.key) for f in files)
    consistent = _consistent(records, across)
    return Validation(records, sorted_problems(problems), cache.notices, inputs, consistent)


def _consistent(records: list[RecordFile], across: list[Problem]) -> bool:
    """Every record passed its schema and the rules across records found no error."""
    return all(r.document is not None for r in records) and not any(p.is_error for p in across)


def _checked(f: _File, today: dt.date) -> list:
    """One file checked: the JSON the workers send back (the cache keeps the first part), and its timings."""
    assert f.raw is not None, "only files that could be read are checked"
    data, document, problems, seconds = check_file(f.record_type, f.display, f.raw, today)
    return [FileCheck(data, document is not None, tuple(problems)).to_json(), seconds]


def _revived(check: FileCheck | None, record_type: RecordType):
    """(data, document, problems) from a file's check; None when there is none, or it fails its schema now."""
    if check is None:
        return None
    document = typed_document(record_type.schema, check.data) if check.passed else None
    if check.passed and document is None:
        return None
    return check.data, document, check.problems
