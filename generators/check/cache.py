"""Per-file validation results kept between runs, so an unchanged file is not checked again.

A result is keyed by everything it depends on: the file's bytes and place, its
record type, the day (the privacy check knows no birth date after today), the
schema files and the code that checks them. A cached result holds the file's
data, whether it passed its schema, and its problems; its line and column
positions are read again from the file only if a cross-record problem needs
them.

The cache is plain JSON, read as untrusted input: it cannot run code, and an
entry whose shape is wrong is dropped. The typed document of a file that
passed its schema is not stored: it is read again from the data and must pass
the schema again, so no cache entry can hand the model a record the schema
would refuse. A file that is damaged, foreign or of another version is
ignored, with a notice; it only costs time. Publishing validates without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generators.build import signed
from generators.build.keys import code_key, file_key
from generators.check.loader import MAX_DEPTH, LoadedFile, load_file
from generators.spec.problems import ERROR, WARNING, Problem

CACHE_FILE = "validation.json"
OLD_FILES = ("validation.pickle",)  # earlier formats: never read, removed on save
FORMAT = "dangjian-validation-cache"
VERSION = 4
PROBLEM_FIELDS = {
    "code": str,
    "path": str,
    "line": int,
    "col": int,
    "message": str,
    "fix": str,
    "severity": str,
    "field": str,
    "label": str,
    "params": dict,
}


class ResultCache:
    """A dictionary of results on disk; entries not used in a run are dropped when it is saved.

    An entry is a FileCheck. `notices` says, in Chinese, why a cache file was not used."""

    def __init__(self, directory: Path | None):
        self.file = directory / CACHE_FILE if directory else None
        self.base = code_key() if self.file else b""
        self.notices: list[str] = []
        self.old: dict = self._read()
        self.new: dict = {}

    def _notice(self, what: str) -> None:
        assert self.file is not None, "notices are about a cache file that was read or written"
        self.notices.append(f"检查缓存 {self.file.as_posix()} {what}，已忽略，相关文件会重新检查。")

    def _read(self) -> dict:
        if self.file is None:
            return {}
        why = signed.unavailable()
        if why is not None:
            self.notices.append(f"{why}，本次不使用检查缓存，全部文件重新检查。")
            self.file = None
            return {}
        try:
            stored = signed.verify(self.file)
        except signed.Unsigned:
            self._notice("的签名不对（被改动过，或不是在这台电脑上生成的）")
            return {}
        except signed.Damaged:
            self._notice("已损坏（不是完整的 JSON 文件）")
            return {}
        if stored is None:
            return {}
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            self._notice("不是本工具的检查缓存")
            return {}
        if stored.get("version") != VERSION:
            self._notice(f"是其他版本（{stored.get('version')!r}）的检查缓存")
            return {}
        entries = stored.get("entries")
        if stored.get("code") != self.base.hex() or not isinstance(entries, dict):
            return {}  # the code or the schemas changed: every file is checked again
        good = {}
        for key, entry in entries.items():
            decoded = FileCheck.from_json(entry)
            if decoded is not None and isinstance(key, str):
                good[key] = decoded
        if len(good) < len(entries):
            self._notice(f"中有 {len(entries) - len(good)} 条记录格式不对")
        return good

    def key(self, *parts: str, raw: bytes) -> str:
        return file_key(self.base, *parts, raw=raw)

    def get(self, key: str):
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key: str, check: FileCheck) -> None:
        if self.file is not None:
            self.new[key] = check

    def save(self) -> None:
        if self.file is None or self.new.keys() == self.old.keys():
            return
        stored = {
            "format": FORMAT,
            "version": VERSION,
            "code": self.base.hex(),
            "entries": {key: check.to_json() for key, check in self.new.items()},
        }
        signed.write(self.file, stored)
        for name in OLD_FILES:
            (self.file.parent / name).unlink(missing_ok=True)


@dataclass(frozen=True)
class FileCheck:
    """One file checked on its own: its data as loaded, whether it passed its schema, and its problems.

    As JSON (what the workers send back and the cache keeps): [data, passed, [problem, …]]."""

    data: object
    passed: bool
    problems: tuple

    def to_json(self) -> list:
        return [self.data, self.passed, [p.as_dict() for p in self.problems]]

    @classmethod
    def from_json(cls, stored) -> FileCheck | None:
        """The check, or None when the stored value does not have its shape."""
        if not isinstance(stored, list) or len(stored) != 3:
            return None
        data, passed, problems = stored
        if not isinstance(passed, bool) or not isinstance(problems, list) or not _plain(data, 0):
            return None
        if passed and not isinstance(data, dict):
            return None
        decoded = []
        for item in problems:
            if (
                not isinstance(item, dict)
                or item.keys() != PROBLEM_FIELDS.keys()
                or not all(type(item[name]) is kind for name, kind in PROBLEM_FIELDS.items())
                or item["severity"] not in (ERROR, WARNING)
            ):
                return None
            decoded.append(Problem(**item))
        return cls(data, passed, tuple(decoded))


def _plain(value, depth: int) -> bool:
    """Whether a value is what the loader makes: text, None, and lists and mappings of them."""
    if value is None or isinstance(value, str):
        return True
    if depth > MAX_DEPTH + 1:
        return False
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item, depth + 1) for key, item in value.items())
    return False


class _Positions:
    """Reads a cached file again, once, when a position in it is asked for."""

    def __init__(self, path: Path, display: str):
        self.path, self.display = path, display
        self._loaded: LoadedFile | None = None

    @property
    def loaded(self) -> LoadedFile:
        if self._loaded is None:
            self._loaded = load_file(self.path, self.display)
        return self._loaded


class LazyMarks(Mapping):
    def __init__(self, positions: _Positions, which: str):
        self._positions, self._which = positions, which

    def _marks(self) -> dict:
        return getattr(self._positions.loaded, self._which)

    def __getitem__(self, key):
        return self._marks()[key]

    def __iter__(self):
        return iter(self._marks())

    def __len__(self) -> int:
        return len(self._marks())


def cached_file(path: Path, display: str, data) -> LoadedFile:
    positions = _Positions(path, display)
    # Read-only mappings where the loader's own LoadedFile has the dicts it fills while loading.
    keys, values = LazyMarks(positions, "keys"), LazyMarks(positions, "values")
    return LoadedFile(display, data, keys=keys, values=values)  # type: ignore[arg-type]
