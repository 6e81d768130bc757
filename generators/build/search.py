"""The published site's search index: Pagefind, run on the built site after MkDocs.

Pagefind's extended build (PyPI pagefind[extended], its binary from the pinned wheel, run as a
process to its end: the Python API's service is stopped as soon as it answers, which under load
left the WebAssembly unwritten) reads every page that carries
`data-pagefind-body` (overrides/main.html: a page's content, never a page kept out of the
search), given cut to its head and that body (build/searchpages.py), cuts its Chinese text
into words (ICU4X) and writes the index into pagefind/ in the
site: chunks of words and one fragment per page, fetched by the browser only as a query needs
them (docs/assets/site-search.js). The theme's parts around the content (permalink marks,
table header rows, sections marked out of the search) are left out here.

A county's site (pages filed under two townships or more: `data-township="…"`, an attribute
Pagefind does not read: a Pagefind filter would add a filter file whose bytes change from run to
run, and the browser chooses a bundle, not a filter)
has two kinds of bundle: pagefind/ holds every page (全县), pagefind/townships/<id>/ only that
township's (本镇). A phone searching 本镇 then loads a township's small index instead of the
county's with a filter (at county scale over 300 KB to the first result). Each township bundle is
Pagefind run on a folder of hard links to that township's pages, at the same places as in the
site, so its addresses are the site's. A township bundle is kept by a key (its pages' paths and
bytes, Pagefind's version and options): given the last build's bundles and keys, a bundle whose
key is unchanged and whose files are as they were written is copied, not indexed again.

The offline copy (file://, where Pagefind cannot run) keeps the theme's search instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from generators.build import searchpages
from generators.build.files import file_hashes
from generators.build.process import Started

FOLDER = "pagefind"
TOWNSHIPS = "townships"  # pagefind/townships/<id>/: a township's own bundle (本镇)
LANGUAGE = "zh"  # every page is Chinese: one index, not one per detected language
# What the browser loads besides the index (docs/assets/site-search.js drives Pagefind's API).
KEPT = ("pagefind-entry.json", "pagefind-worker.js")
# What a search cannot do without (checked after the run: a half-written index fails the build).
NEEDED = ("pagefind.js", "pagefind-entry.json", "wasm.*.pagefind", "*.pf_meta", "fragment/*")
# Kept out of what is indexed and shown in results: the headings' permalink mark (¶), table
# header rows (项目 内容), and whatever the pages mark out of the search.
EXCLUDED = (".headerlink", "thead", "[data-search-exclude]", "svg", "script", "style")
# How overrides/main.html files a page of a county's site under its township.
FILTER = 'data-township="([A-Za-z0-9_-]+)"'
_FILED = re.compile(FILTER.encode("ascii"))


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    files: int
    # township -> {"key": …, "files": {path: sha}}: what the next build needs to keep a bundle
    bundles: dict[str, dict] = field(default_factory=dict)
    indexed: tuple[str, ...] = ()  # the townships whose bundle was indexed (not kept) this time
    # a page's SHA-256 -> the township it files ("" for none): township_pages' second result
    filed: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # "" for the county's, by township
    cuts: searchpages.Cuts = field(default_factory=dict)  # the pages as Pagefind read them


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (its binary missing, or its run failed)."""


def _command(site_dir: Path, output: Path) -> list[str]:
    """Pagefind's extended binary from the pinned wheel, on the pages under site_dir."""
    from pagefind_bin_extended import get_executable

    command = [str(get_executable()), "--site", str(site_dir), "--output-path", str(output)]
    command += ["--force-language", LANGUAGE, "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


class _Run:
    """Pagefind indexing the pages under site_dir into output (any old one replaced), in a
    process of its own; `finish()` waits for it and gives the page count, `stop()` ends it."""

    def __init__(self, site_dir: Path, output: Path):
        self.output = output
        shutil.rmtree(output, ignore_errors=True)
        try:
            self.started = Started(_command(site_dir, output))
        except (ImportError, OSError) as error:
            raise SearchIndexError(str(error)) from error

    def finish(self) -> int:
        status, told = self.started.finish()
        if status != 0:
            raise SearchIndexError(told.strip()[-2000:])
        missing = [name for name in NEEDED if not any(self.output.glob(name))]
        if missing:
            raise SearchIndexError(f"Pagefind wrote no {', '.join(missing)}")
        for path in self.output.glob("pagefind-*"):
            if path.name not in KEPT:  # Pagefind's own search interfaces: the site has its own
                path.unlink()
        return sum(1 for _ in (self.output / "fragment").iterdir())

    def stop(self) -> None:
        self.started.stop()


def _run(site_dir: Path, output: Path) -> int:
    """Indexes the pages under site_dir into output (any old one replaced): its page count."""
    return _Run(site_dir, output).finish()


def township_pages(
    site_dir: Path,
    known: Mapping[str, str] | None = None,
    filed_before: Mapping[str, str] | None = None,
    site_pages: list[str] | None = None,
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The pages each township files (overrides/main.html's filter): township -> {path: sha};
    and by each page's SHA-256 the township it files ("" for none).

    A page whose SHA-256 is `known` (MkDocs' manifest: the bytes it wrote or checked) and whose
    bytes were filed before (`filed_before`, the last build's second result) is not read again:
    where a page is filed follows from its bytes. `site_pages`: the site's pages as listed already
    (searchpages.site_pages)."""
    known, filed_before = known or {}, filed_before or {}
    pages: dict[str, dict[str, str]] = {}
    filed: dict[str, str] = {}
    if site_pages is None:
        site_pages = searchpages.site_pages(site_dir, FOLDER)
    for relative in sorted(site_pages):
        sha = known.get(relative)
        township = filed_before.get(sha) if sha is not None else None
        if sha is None or township is None:
            sha, township = _filed_by_reading(site_dir / relative)
        filed[sha] = township
        if township:
            pages.setdefault(township, {})[relative] = sha
    return pages, filed


def _filed_by_reading(path: Path) -> tuple[str, str]:
    """A page's SHA-256 and the township it files ("" for none), read from its bytes."""
    data = path.read_bytes()
    found = _FILED.search(data)
    return hashlib.sha256(data).hexdigest(), found.group(1).decode("ascii") if found else ""


def _engine() -> str:
    try:
        return metadata.version("pagefind-bin-extended")
    except metadata.PackageNotFoundError:
        return "unknown"


def bundle_key(pages: Mapping[str, str]) -> str:
    """What a township's bundle is made from: its pages' paths and bytes, Pagefind's version and
    options, and how the pages are cut for it."""
    digest = hashlib.sha256(
        f"{_engine()}\0{LANGUAGE}\0{EXCLUDED!r}\0{KEPT!r}\0{searchpages.VERSION}".encode()
    )
    for relative in sorted(pages):
        digest.update(f"\0{relative}\0{pages[relative]}".encode())
    return digest.hexdigest()


def _linked(site_dir: Path, pages: Mapping[str, str], read: Path) -> Path:
    """A passing folder in pagefind/ holding what Pagefind reads of the given pages (from `read`,
    the cut pages) at their places (hard links, or copies where the file system has none); the
    county's run does not read pagefind/ (index_site)."""
    (site_dir / FOLDER).mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".pages-", dir=site_dir / FOLDER))
    for relative in pages:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        source = read / relative if (read / relative).is_file() else site_dir / relative
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return folder


def _kept(previous: Path | None, township: str, key: str, stored: object) -> Path | None:
    """The last build's bundle of a township, when it was made from the same key and its files
    are as that build left them; else None."""
    if previous is None or not isinstance(stored, dict) or stored.get("key") != key:
        return None
    folder = previous / FOLDER / TOWNSHIPS / township
    if not folder.is_dir() or folder.is_symlink():
        return None
    return folder if file_hashes(folder) == stored.get("files") else None


def _township_bundle(
    site_dir: Path,
    township: str,
    pages: Mapping[str, str],
    previous: Path | None,
    stored: object,
    read: Path,
) -> tuple[dict, bool]:
    """Writes one township's bundle (kept from the last build, or indexed): its key and files,
    and whether it was indexed."""
    key = bundle_key(pages)
    output = site_dir / FOLDER / TOWNSHIPS / township
    kept = _kept(previous, township, key, stored)
    if kept is None:
        folder = _linked(site_dir, pages, read)
        try:
            _run(folder, output)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return {"key": key, "files": file_hashes(output)}, True
    if kept.resolve() != output.resolve():
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(kept, output, symlinks=True, copy_function=_link_or_copy)
    assert isinstance(stored, dict)  # _kept found its files as stored: they are the output's
    return {"key": key, "files": stored["files"]}, False


def _link_or_copy(source: str, target: str) -> None:
    """A kept bundle's file in the new site: a hard link to the last build's (whose folder is
    replaced, not changed), or a copy where the file system has none."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def bundle_files(bundles: Mapping[str, dict]) -> dict[str, str]:
    """The township bundles' files with the SHA-256 each was written or kept with, by their
    path in the site (for the privacy scan, which then does not read them again to hash them)."""
    return {
        f"{FOLDER}/{TOWNSHIPS}/{township}/{name}": sha
        for township, bundle in bundles.items()
        for name, sha in bundle["files"].items()
        if isinstance(sha, str)
    }


def index_site(
    site_dir: Path,
    previous: Path | None = None,
    stored: Mapping[str, object] | None = None,
    known: Mapping[str, str] | None = None,
    filed_before: Mapping[str, str] | None = None,
    cut_folder: Path | None = None,
    cut_before: searchpages.Cuts | None = None,
) -> SearchIndex:
    """Writes the search of a built site into its pagefind/ folder (any old one replaced): the
    county's bundle, and on a county's site one per township. `previous` is the last build's
    site folder and `stored` the bundles it recorded (SearchIndex.bundles), to keep those whose
    pages did not change; `known` and `filed_before` spare reading pages whose township is known
    by their bytes (township_pages). Pagefind reads the pages cut to what it indexes
    (build/searchpages.py) in `cut_folder`, kept between builds with `cut_before`, the last
    build's cuts; without one, in a folder of its own beside the site, removed after."""
    site_dir = Path(site_dir).resolve()
    if cut_folder is not None:
        return _index_site(
            _Build(site_dir, previous, stored or {}, known, filed_before, cut_folder), cut_before
        )
    read = Path(tempfile.mkdtemp(prefix=".search-pages-", dir=site_dir.parent))
    try:
        return _index_site(
            _Build(site_dir, previous, stored or {}, known, filed_before, read), None
        )
    finally:
        shutil.rmtree(read, ignore_errors=True)


@dataclass(frozen=True)
class _Build:
    """What index_site was given, and `read`: the folder of the pages as Pagefind reads them."""

    site_dir: Path
    previous: Path | None
    stored: Mapping[str, object]
    known: Mapping[str, str] | None
    filed_before: Mapping[str, str] | None
    read: Path


def _index_site(build: _Build, cut_before: searchpages.Cuts | None) -> SearchIndex:
    site_dir, read = build.site_dir, build.read
    folder = site_dir / FOLDER
    started = time.perf_counter()
    site_pages = searchpages.site_pages(site_dir, FOLDER)
    cuts = searchpages.cut_pages(site_dir, read, site_pages, build.known, cut_before)
    seconds: dict[str, float] = {}
    if any(cut for _, cut in cuts.values()):
        # The county's bundle is indexed from the cut pages into a folder beside pagefind/ while
        # the townships' are made in pagefind/townships/, then it takes their place.
        county_output = Path(tempfile.mkdtemp(prefix=f".{FOLDER}-", dir=site_dir))
        county: _Run | None = _Run(read, county_output)
    else:  # no page with a search body: Pagefind reads every page whole, before anything is
        # written among them
        county_output, county = folder, None
        _run(site_dir, folder)
        seconds[""] = time.perf_counter() - started
    try:
        bundles, indexed, by_sha = _township_bundles(build, site_pages, seconds)
        if county is not None:
            county.finish()
            seconds[""] = time.perf_counter() - started
            if (folder / TOWNSHIPS).is_dir():
                os.rename(folder / TOWNSHIPS, county_output / TOWNSHIPS)
            shutil.rmtree(folder, ignore_errors=True)
            os.rename(county_output, folder)
    finally:
        if county is not None:
            county.stop()
            shutil.rmtree(county_output, ignore_errors=True)
    pages = sum(1 for _ in (folder / "fragment").iterdir())
    files = sum(1 for path in folder.rglob("*") if path.is_file())
    return SearchIndex(
        pages, files, bundles, tuple(indexed), seconds=seconds, filed=by_sha, cuts=cuts
    )


def _township_bundles(
    build: _Build, site_pages: list[str], seconds: dict[str, float]
) -> tuple[dict[str, dict], list[str], dict[str, str]]:
    """On a county's site, each township's bundle in pagefind/townships/ (index_site): the
    bundles' keys and files, the townships indexed, and each page's township by its SHA-256;
    each township's seconds are added to `seconds`."""
    bundles: dict[str, dict] = {}
    indexed: list[str] = []
    filed, by_sha = township_pages(build.site_dir, build.known, build.filed_before, site_pages)
    if len(filed) > 1:  # a one-township site: the county's bundle is the township's
        for township, its_pages in sorted(filed.items()):
            started = time.perf_counter()
            bundles[township], fresh = _township_bundle(
                build.site_dir,
                township,
                its_pages,
                build.previous,
                build.stored.get(township),
                build.read,
            )
            seconds[township] = time.perf_counter() - started
            if fresh:
                indexed.append(township)
    return bundles, indexed, by_sha
