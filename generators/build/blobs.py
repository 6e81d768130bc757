"""Files made by a pure function kept between runs: a type's downloads by the records they hold.

A folder in the cache holds each file under the SHA-256 of its bytes; its index is a memo
(generators/build/memo.py: signed, of one version, only the entries a run used kept) mapping a
key (everything the file is made from) to that hash. A file is taken back only when its bytes
still hash to what the index says: anything else is made again. The files no entry names are
removed when the index is saved.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from generators.build.files import read_regular
from generators.build.memo import Memo

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
        self.index = Memo(self.folder, INDEX, version)

    def get(self, key: str) -> bytes | None:
        """The file kept for `key`, when its bytes are what was kept; else None."""
        sha = self.index.get(key)
        if sha is None or self.folder is None or not _is_sha(sha):
            return None
        try:
            data = read_regular(self.folder / sha)
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        sha = hashlib.sha256(data).hexdigest()
        self.index.put(key, sha)
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
        if self.folder is None or not self.folder.is_dir():
            return
        self.index.save()
        kept = set(self.index.new.values()) | {INDEX}
        for path in self.folder.iterdir():
            if path.name not in kept:  # files of entries not used, and writes cut short
                path.unlink(missing_ok=True)


def _is_sha(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)
