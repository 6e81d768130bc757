"""Results of a pure function kept between runs: QR codes by address, the words jieba finds in titles.

A memo is one JSON file in the cache folder: {"format", "version", "entries"}.
`version` names everything a result depends on besides its key (the code that
makes it, the library's version); a file of another version, or damaged, is
ignored and rewritten. The file is signed (generators/build/signed.py): one
not signed with this machine's key is ignored, so an entry read back is one
this program made for exactly its key. Entries are text or lists of text,
checked for their shape too: one of another shape is made again. Only the entries a run used are
kept, and the file is written only when they changed.
"""

from __future__ import annotations

from pathlib import Path

from generators.build import signed

FORMAT = "dangjian-memo"


class Memo:
    def __init__(self, cache_dir: Path | None, name: str, version: str):
        self.file = Path(cache_dir) / name if cache_dir is not None else None
        self.version = version
        self.old = self._read()
        self.new: dict = {}

    def _read(self) -> dict:
        if self.file is None:
            return {}
        stored = signed.read(self.file)
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or stored.get("version") != self.version
        ):
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str, shape=str):
        """The value kept for `key` when it has the shape asked for (str, or list of str); else None."""
        value = self.old.get(key)
        if shape is str and not isinstance(value, str):
            return None
        if shape is list and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return None
        self.new[key] = value
        return value

    def put(self, key: str, value) -> None:
        self.new[key] = value

    def save(self) -> None:
        if self.file is None or self.new == self.old:
            return
        signed.write(self.file, {"format": FORMAT, "version": self.version, "entries": self.new})
