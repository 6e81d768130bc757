"""Per-file validation results kept between runs, so an unchanged file is not checked again.

A result is keyed by everything it depends on: the file's bytes and place, its
record type, the day (the privacy check knows no birth date after today), the
schema files and the code that checks them. A cached record carries its data
and typed document; its line and column positions are read again from the
file only if a cross-record problem needs them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path

import cerberus
import yaml

from .loader import LoadedFile, load_file
from .schema import SCHEMA_DIR

CACHE_FILE = "validation.pickle"
FORMAT = b"dangjian-validation-cache-1"
PACKAGE_DIR = Path(__file__).resolve().parent
CODE_FILES = ("loader.py", "schema.py", "fastcheck.py", "privacy.py", "problems.py", "validate.py",
              "cache.py", "registry.py")


def fingerprint() -> bytes:
    """What every cached result depends on besides its own file."""
    digest = hashlib.sha256(FORMAT)
    for name in CODE_FILES:
        digest.update((PACKAGE_DIR / name).read_bytes())
    for schema in sorted(SCHEMA_DIR.glob("*.yaml")):
        digest.update(schema.name.encode() + schema.read_bytes())
    digest.update(f"{cerberus.__version__} {yaml.__version__} {sys.version}".encode())
    return digest.digest()


class ResultCache:
    """A dictionary of results on disk; entries not used in a run are dropped when it is saved."""

    def __init__(self, directory: Path | None):
        self.file = directory / CACHE_FILE if directory else None
        self.base = fingerprint() if self.file else b""
        self.old: dict = self._read()
        self.new: dict = {}

    def _read(self) -> dict:
        if self.file is None:
            return {}
        try:
            with open(self.file, "rb") as f:
                stored = pickle.load(f)
            return stored if isinstance(stored, dict) else {}
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return {}  # a missing or unreadable cache only costs time

    def key(self, *parts: str, raw: bytes) -> bytes:
        digest = hashlib.sha256(self.base)
        for part in parts:
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(raw)
        return digest.digest()

    def get(self, key: bytes):
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key: bytes, entry) -> None:
        if self.file is not None:
            self.new[key] = entry

    def save(self) -> None:
        if self.file is None or self.new.keys() == self.old.keys():
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as f:
            pickle.dump(self.new, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)


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
    return LoadedFile(display, data, keys=LazyMarks(positions, "keys"), values=LazyMarks(positions, "values"))
