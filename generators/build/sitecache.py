"""What `python -m generators site` keeps between builds, in .cache/site/ (git-ignored).

* manifest.json – the pages of the site last published to the site folder: for
  each, the fingerprint of its inputs, the hash of its HTML, its search
  entries (generators/build/mkdocs_build.py reads and writes it);
* scan-verdicts.json – verdicts of the built-site privacy scan: files found clean,
  each by its path, its content hash, the scanner's code and the public phones
  (not read with --no-cache: publishing scans every file of the new site);
* stamp.json – the fingerprint of everything the last build read (code,
  configuration, theme, packages, environment, every file under docs/, the
  public phones) and the size, time and inode of every file it left in the
  site folder: when both still hold, MkDocs need not run. With it, the
  fingerprint of everything the whole `site` run read by content (the code,
  every data file, the data's commit, the build date, the options, the
  hand-written pages: `run_key`), what it printed, and the size,
  time and inode of every page it left in docs/generated/: when these hold
  too, nothing runs at all, not even validation; what the run printed (its
  warnings and notices, the same for the same inputs) is printed again.

Every file is plain JSON, read as untrusted input; one that is missing or
damaged means a full build (or a full scan), never a wrong site. The stamp is
removed before the site folder is replaced and written after, so a build
stopped in between is followed by a real one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from generators.build.mkdocs_build import docs_key, file_stats
from generators.history.git import GitError, Repository
from generators.privacy import scan as privacy

MANIFEST, VERDICTS, STAMP = "manifest.json", "scan-verdicts.json", "stamp.json"


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".tmp-{os.getpid()}")
    temporary.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    os.replace(temporary, path)


def run_key(
    data_dir: Path,
    today: dt.date,
    base: str | None,
    site_dir: Path,
    pages_dir: Path = Path("docs/generated"),
) -> str | None:
    """Everything a `site` run reads but its own output, by content; None when the base version is unknown.

    The code, schemas and libraries (cache.code_key); every file under docs/ but the generated pages,
    mkdocs.yml, the theme and the environment (sitebuild.docs_key); every data file; the commit the
    data folder is at and the base version's; the data folder as named, the build date, the site folder."""
    from generators.build.pagestamp import data_head
    from generators.check.cache import code_key
    from generators.check.validate import data_key, display_root
    from generators.editors.cms import settings_key

    digest = hashlib.sha256(code_key())
    digest.update(
        docs_key(
            Path("."), pages_dir.parent.as_posix(), leaving_out=pages_dir.name
        ).encode()
    )
    digest.update(
        f"{display_root(data_dir)}\0{today.isoformat()}\0{Path(site_dir).as_posix()}\0".encode()
    )
    digest.update(data_head(data_dir).encode() + b"\0")
    if base is not None:
        try:
            digest.update(Repository(data_dir).commit_of(base).encode() + b"\0")
        except GitError:
            return None
    digest.update(data_key(data_dir).encode())
    digest.update(settings_key(data_dir))  # cms.yml: the form editor's configuration
    return digest.hexdigest()


def _printed(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list)
        and len(item) == 2
        and item[0] in ("stdout", "stderr")
        and isinstance(item[1], str)
        for item in value
    )


class SiteCache:
    def __init__(
        self,
        directory: Path | None,
        site_dir: Path,
        phones=frozenset(),
        trusted: bool = True,
        pages_dir: Path = Path("docs/generated"),
    ):
        self.directory = Path(directory) if directory is not None else None
        self.trusted = (
            trusted  # False (--no-cache, publishing): no verdict is reused, every file is scanned
        )
        self.site_dir = Path(site_dir)
        self.pages_dir = Path(pages_dir)
        self.phones = phones
        self.whole: str | None = None

    @property
    def reusable(self) -> bool:
        return self.directory is not None and self.trusted

    def replay(self, run: str | None) -> list[list[str]] | None:
        """What the last run printed, when it read exactly what this one would (`run`) and nothing it left in
        docs/generated/ or the site folder was touched since; else None."""
        if run is None or not self.reusable or not self.site_dir.is_dir():
            return None
        stamp = _read_json(self._path(STAMP))
        if (
            not isinstance(stamp, dict)
            or stamp.get("run") != run
            or not _printed(stamp.get("printed"))
        ):
            return None
        if stamp.get("pages") != file_stats(self.pages_dir) or stamp.get("files") != file_stats(
            self.site_dir
        ):
            return None
        return stamp["printed"]

    def _path(self, name: str) -> Path:
        return self.directory / name

    def key(self) -> str:
        if self.whole is None:
            digest = hashlib.sha256(docs_key(Path("."), "docs").encode())
            digest.update(privacy.scanner_key(self.phones).encode())
            self.whole = digest.hexdigest()
        return self.whole

    def unchanged(self) -> bool:
        """Whether the site folder is what a build would make now: same inputs, files untouched since."""
        if not self.reusable or not self.site_dir.is_dir():
            return False
        stamp = _read_json(self._path(STAMP))
        if not isinstance(stamp, dict) or stamp.get("whole") != self.key():
            return False
        return stamp.get("files") == file_stats(self.site_dir)

    def previous_site(self) -> Path | None:
        return self.site_dir if self.directory is not None and self.site_dir.is_dir() else None

    def manifest_file(self) -> Path | None:
        if self.directory is None or not self._path(MANIFEST).is_file():
            return None
        return self._path(MANIFEST)

    def read_new_manifest(self, path: Path) -> dict:
        data = _read_json(path)
        return data if isinstance(data, dict) else {}

    @staticmethod
    def known_hashes(manifest: dict) -> dict[str, str]:
        pages = manifest.get("pages") if isinstance(manifest, dict) else None
        if not isinstance(pages, dict):
            return {}
        return {
            entry["dest"]: entry["sha"]
            for entry in pages.values()
            if isinstance(entry, dict)
            and isinstance(entry.get("dest"), str)
            and isinstance(entry.get("sha"), str)
        }

    def clean_verdicts(self) -> set[str] | None:
        if self.directory is None or not self.trusted:
            return None
        stored = _read_json(self._path(VERDICTS))
        if not isinstance(stored, list):
            return set()
        return {v for v in stored if isinstance(v, str)}

    def save_verdicts(self, clean: set[str] | None) -> None:
        if self.directory is not None and clean is not None:
            _write_json(self._path(VERDICTS), sorted(clean))

    def forget(self) -> None:
        if self.directory is not None:
            self._path(STAMP).unlink(missing_ok=True)

    def save(self, manifest: dict, run: str | None = None, printed: list | None = None) -> None:
        if self.directory is None:
            return
        _write_json(self._path(MANIFEST), manifest)
        self.stamp(run, printed)

    def stamp(self, run: str | None, printed: list | None) -> None:
        """The stamp of the site folder as it is now, and of the run that made (or kept) it."""
        if self.directory is None:
            return
        stamp = {"whole": self.key(), "files": file_stats(self.site_dir)}
        if run is not None and _printed(printed):
            stamp.update(run=run, printed=printed, pages=file_stats(self.pages_dir))
        _write_json(self._path(STAMP), stamp)
