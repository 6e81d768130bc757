"""Whether docs/generated/ already holds the pages the data makes: then nothing is rendered.

After a run that wrote the pages, `pages.json` in the cache folder keeps the
fingerprint of everything they were made from: every data file's path and
bytes, the git commit the data folder is at (the history of every file and
every published version follows from it), the build date, the site's
address, the hand-written opening of the home page, and the code, templates,
schemas and problem catalogue (with the libraries' versions). It keeps the
size, time and inode of every file written, too. When the fingerprint and every
file still hold, the pages are up to date; anything else means rendering
again. Validation always runs before: a change that makes the data invalid is
still reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from generators.build.mkdocs_build import file_stats
from generators.check import cache
from generators.editors.cms import settings_key
from generators.history.git import GitError, Repository

STAMP_FILE = "pages.json"
TEMPLATES = Path(__file__).resolve().parents[1] / "render" / "templates"


def data_head(data_dir: Path) -> str:
    """The commit the data folder is at (its history follows from it), or that it has none."""
    try:
        repository = Repository(data_dir)
        return f"{repository.prefix} {repository.commit_of('HEAD')}"
    except GitError:
        return "no git"


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
        digest = hashlib.sha256(cache.code_key())
        for path in sorted(TEMPLATES.rglob("*")):
            if path.is_file():
                digest.update(
                    path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes()
                )
        digest.update(f"{today.isoformat()} {use_history} {site_url!r}\0".encode())
        digest.update((intro.read_bytes() if intro.exists() else b"") + b"\0")
        digest.update(settings_key(data_dir))  # cms.yml: the form editor's configuration
        if use_history:
            digest.update(data_head(data_dir).encode() + b"\0")
        digest.update(
            records.encode()
        )  # every record file's path and bytes (validate.Validation.inputs)
        self.inputs = digest.hexdigest()
        self.phones: frozenset[str] = frozenset()
        self.notices: list[str] = []
        self.count = 0

    def holds(self) -> bool:
        try:
            stored = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return False
        if not isinstance(stored, dict) or stored.get("inputs") != self.inputs:
            return False
        files, phones, notices = stored.get("files"), stored.get("phones"), stored.get("notices")
        if (
            not isinstance(files, dict)
            or not isinstance(phones, list)
            or not isinstance(notices, list)
        ):
            return False
        if not self.out_dir.is_dir() or file_stats(self.out_dir) != files:
            return False
        self.phones = frozenset(p for p in phones if isinstance(p, str))
        self.notices = [n for n in notices if isinstance(n, str)]
        self.count = len(files)
        return True

    def save(self, phones: frozenset[str], notices: list[str]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(self.file.name + f".tmp-{os.getpid()}")
        temporary.write_text(
            json.dumps(
                {
                    "inputs": self.inputs,
                    "phones": sorted(phones),
                    "notices": notices,
                    "files": file_stats(self.out_dir),
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        os.replace(temporary, self.file)
