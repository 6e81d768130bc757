"""What `python -m generators site` keeps between builds, in .cache/site/ (git-ignored).

* manifest.json – the pages of the site last published to the site folder: for
  each, the key of its inputs, the hash of its HTML, its search
  entries (generators/build/mkdocs_build.py reads and writes it);
* scan-verdicts.json – verdicts of the built-site privacy scan: files found clean,
  each by its path, its content hash, the scanner's code and the public phones;
* search-bundles.json – each township's search bundle (pagefind/townships/<id>/) in the
  site folder: the key of its pages and the SHA-256 of its files
  (generators/build/search.py keeps a bundle whose key and files still hold);
* search-filed.json – by the SHA-256 of each page of that site, the township it is filed under
  (search.township_pages: a page whose bytes are known is not read again to find it);
* search-pages/ and search-pages.json – the pages as Pagefind reads them, cut to their head and
  search body (generators/build/searchpages.py), with the SHA-256 of each page and of its cut;
* stamp.json – the key of everything the last build read (code,
  configuration, theme, packages, environment, every file under docs/, the
  public phones) and the SHA-256 of every file it left in the
  site folder: when both still hold, MkDocs need not run. With it, the
  key of everything the whole `site` run read by content (the code,
  every data file, the data's commit, the build date, the options, the
  hand-written pages: `run_key`), what it printed, and the SHA-256 of
  every page it left in docs/generated/: when these hold
  too, nothing runs at all, not even validation; what the run printed (its
  warnings and notices, the same for the same inputs) is printed again.

Every file is signed JSON (generators/build/signed.py): one that is missing,
damaged or not signed with this machine's key means a full build (or a full
scan), never a wrong site. The site folder and docs/generated/ are checked by
the bytes of every file, never by size, time and inode: whoever can write them
can keep those. With --no-cache (publishing) nothing here is read, and no page
of the previous site folder is reused. The stamp is removed before the site
folder is replaced and written after, so a build stopped in between is
followed by a real one.
"""

from __future__ import annotations

import json
from pathlib import Path

from generators.build import search, searchpages, signed
from generators.build.files import file_hashes
from generators.build.keys import site_key

MANIFEST, VERDICTS, STAMP = "manifest.json", "scan-verdicts.json", "stamp.json"
SEARCH, FILED = "search-bundles.json", "search-filed.json"
CUTS, CUT_FOLDER = "search-pages.json", "search-pages"


def _read_json(path: Path):
    return signed.read(path)


def _write_json(path: Path, value) -> None:
    signed.write(path, value)


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
        # files under docs/ with the SHA-256 the generator just wrote or read them with
        self.docs_hashes: dict[str, str] = {}
        self.whole: str | None = None
        self.site_files: dict | None = None  # the site folder's files by hash, read once a run

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
        if stamp.get("pages") != file_hashes(self.pages_dir) or not self._site_holds(stamp):
            return None
        return stamp["printed"]

    def _path(self, name: str) -> Path:
        assert self.directory is not None, "callers return first when there is no cache folder"
        return self.directory / name

    def key(self) -> str:
        if self.whole is None:
            self.whole = site_key(self.phones, self.docs_hashes)
        return self.whole

    def unchanged(self) -> bool:
        """Whether the site folder is what a build would make now: same inputs, files untouched since."""
        if not self.reusable or not self.site_dir.is_dir():
            return False
        stamp = _read_json(self._path(STAMP))
        if not isinstance(stamp, dict) or stamp.get("whole") != self.key():
            return False
        return self._site_holds(stamp)

    def _site_holds(self, stamp: dict) -> bool:
        """Whether the site folder holds exactly the files the stamp names, each with its bytes."""
        if self.site_dir.is_symlink():
            return False
        if self.site_files is None:
            self.site_files = file_hashes(self.site_dir)
        return stamp.get("files") == self.site_files

    def previous_site(self) -> Path | None:
        """The last build's site folder, whose pages may be reused; None with --full or
        --no-cache."""
        if not self.reusable or self.site_dir.is_symlink() or not self.site_dir.is_dir():
            return None
        return self.site_dir

    def manifest_file(self) -> Path | None:
        if not self.reusable or not self._path(MANIFEST).is_file():
            return None
        return self._path(MANIFEST)

    @staticmethod
    def read_new_manifest(path: Path) -> dict:
        """The manifest the MkDocs build just wrote into this run's own temporary file (not a
        cache)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def known_hashes(manifest: object) -> dict[str, str]:  # as read from disk: checked here
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

    def search_bundles(self) -> dict:
        """The township search bundles the last build left in the site folder (their keys and
        files); none with --no-cache."""
        if not self.reusable:
            return {}
        stored = _read_json(self._path(SEARCH))
        return stored if isinstance(stored, dict) else {}

    def filed_pages(self) -> dict[str, str]:
        """By a page's SHA-256, the township the last build found it filed under."""
        if not self.reusable:
            return {}
        stored = _read_json(self._path(FILED))
        if not isinstance(stored, dict) or stored.get("filter") != search.FILTER:
            return {}
        filed = stored.get("filed")
        if not isinstance(filed, dict):
            return {}
        return {k: v for k, v in filed.items() if isinstance(k, str) and isinstance(v, str)}

    def search_cuts(self) -> tuple[Path | None, searchpages.Cuts]:
        """The folder where the pages Pagefind reads are kept, and what it held after the last
        build (its cuts; none, and no folder, with --no-cache)."""
        if not self.reusable:
            return None, {}
        assert self.directory is not None
        return self.directory / CUT_FOLDER, searchpages.read_cuts(_read_json(self._path(CUTS)))

    def save_search(self, index: search.SearchIndex) -> None:
        if self.directory is not None:
            _write_json(self._path(SEARCH), index.bundles)
            _write_json(self._path(FILED), {"filter": search.FILTER, "filed": index.filed})
            if self.trusted:
                _write_json(self._path(CUTS), searchpages.kept_cuts(index.cuts))

    def forget(self) -> None:
        if self.directory is not None:
            self._path(STAMP).unlink(missing_ok=True)

    def save(
        self,
        manifest: dict,
        run: str | None = None,
        printed: list | None = None,
        files: dict[str, str | None] | None = None,
        pages: dict[str, str | None] | None = None,
    ) -> None:
        if self.directory is None:
            return
        _write_json(self._path(MANIFEST), manifest)
        self.stamp(run, printed, files, pages)

    def stamp(
        self,
        run: str | None,
        printed: list | None,
        files: dict[str, str | None] | None = None,
        pages: dict[str, str | None] | None = None,
    ) -> None:
        """The stamp of the site folder as it is now, and of the run that made (or kept) it.
        `files` and `pages`: the site folder's and docs/generated/'s files and hashes
        (build.files.file_hashes) when this run has just read them all (the privacy scan reads
        the site, the pipeline's PagesStamp the pages), else they are read here."""
        if self.directory is None:
            return
        found = files if files is not None else file_hashes(self.site_dir)
        stamp: dict[str, object] = {"whole": self.key(), "files": found}
        if run is not None and _printed(printed):
            made = pages if pages is not None else file_hashes(self.pages_dir)
            stamp.update(run=run, printed=printed, pages=made)
        _write_json(self._path(STAMP), stamp)
