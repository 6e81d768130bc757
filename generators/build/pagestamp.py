"""Whether docs/generated/ already holds the pages the data makes: then nothing is rendered.

After a run that wrote the pages, `pages.json` in the cache folder keeps the
key of everything (keys.pages_key) they were made from: every data file's path and
bytes, the git commit the data folder is at (the history of every file and
every published version follows from it), the build date, the site's
address, the hand-written opening of the home page, and the code, templates,
schemas and problem catalogue (with the libraries' versions). It keeps the
SHA-256 of every file written, too (docs/generated/ is as untrusted as the
cache: a size, time and inode can be kept while the bytes change), and is
signed (generators/build/signed.py). When the key and every
file's bytes still hold, the pages are up to date; anything else means rendering
again. Validation always runs before: a change that makes the data invalid is
still reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generators.build import signed
from generators.build.files import file_hashes
from generators.build.keys import pages_key

STAMP_FILE = "pages.json"


class PagesStamp:
    def __init__(
        self,
        cache_dir: Path,
        out_dir: Path,
        data_dir: Path,
        records: str,
        intro: Path,
        today: dt.date,
        use_history: bool,
        site_url: str | None,
    ):
        self.file = Path(cache_dir) / STAMP_FILE
        self.out_dir = out_dir
        self.inputs = pages_key(data_dir, records, intro, today, use_history, site_url)
        self.phones: frozenset[str] = frozenset()
        self.notices: list[str] = []
        self.count = 0
        self.files: dict[str, str | None] | None = None  # docs/generated/ as read or written last

    def holds(self) -> bool:
        stored = signed.read(self.file)
        if not isinstance(stored, dict) or stored.get("inputs") != self.inputs:
            return False
        files, phones, notices = stored.get("files"), stored.get("phones"), stored.get("notices")
        if (
            not isinstance(files, dict)
            or not isinstance(phones, list)
            or not isinstance(notices, list)
        ):
            return False
        if not self.out_dir.is_dir() or file_hashes(self.out_dir) != files:
            return False
        self.files = files
        self.phones = frozenset(p for p in phones if isinstance(p, str))
        self.notices = [n for n in notices if isinstance(n, str)]
        self.count = len(files)
        return True

    def save(self, phones: frozenset[str], notices: list[str]) -> None:
        self.files = file_hashes(self.out_dir)
        signed.write(
            self.file,
            {
                "inputs": self.inputs,
                "phones": sorted(phones),
                "notices": notices,
                "files": self.files,
            },
        )
