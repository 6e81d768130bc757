"""Files made by a pure function kept between runs: a download's workbook by the records it holds.

A folder in the cache holds each file under the SHA-256 of its bytes, and a signed index
(generators/build/signed.py) maps a key (everything the file is made from) to that hash. A file
is taken back only when the index is this program's, of this version, and the file's bytes
still hash to what the index says: anything else is made again. Only the entries a run used are
kept; the files no entry names are removed when the index is saved.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from generators.build import signed
from generators.build.files import read_regular

FORMAT = "dangjian-blobs"
INDEX = "index.json"


def blob_key(*parts: str | bytes) -> str:
    """A key from parts, each kept apart from the next (no two lists of parts share a key)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Blobs:
    def __init__(self, cache_dir: Path | None, name: str, version: str):
        self.folder = Path(cache_dir) / name if cache_dir is not None else None
        self.version = version
        self.old = self._read()
        self.new: dict[str, str] = {}

    def _read(self) -> dict[str, str]:
        if self.folder is None:
            return {}
        stored = signed.read(self.folder / INDEX, f"{FORMAT}/{self.folder.name}")
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or stored.get("version") != self.version
            or not isinstance(stored.get("entries"), dict)
        ):
            return {}
        return {k: v for k, v in stored["entries"].items() if isinstance(k, str) and _is_sha(v)}

    def get(self, key: str) -> bytes | None:
        """The file kept for `key`, when its bytes are what was kept; else None."""
        sha = self.old.get(key)
        if sha is None or self.folder is None:
            return None
        try:
            data = read_regular(self.folder / sha)
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        self.new[key] = sha
        return data

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        sha = hashlib.sha256(data).hexdigest()
        self.new[key] = sha
        target = self.folder / sha
        if target.is_file() and not target.is_symlink():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{sha}.{os.getpid()}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def made(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The file kept for `key`, or `make()`'s, kept for the next run."""
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def save(self) -> None:
        """The index of what this run used; files no entry names are removed."""
        if self.folder is None or (self.new == self.old and self.folder.is_dir()):
            return
        if not self.new and not self.folder.is_dir():
            return
        value = {"format": FORMAT, "version": self.version, "entries": self.new}
        if not signed.write(self.folder / INDEX, value, f"{FORMAT}/{self.folder.name}"):
            return
        kept = set(self.new.values()) | {INDEX}
        for path in self.folder.iterdir():
            if path.name not in kept:  # files of entries not used, and writes cut short
                path.unlink(missing_ok=True)


def _is_sha(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )
