"""The whole site build as one function: check, generate, MkDocs, privacy scan, then replace site/.

`build_site` builds into a folder beside the site folder; only a build that
passes the privacy scan replaces it. Unless `full`, the last build's pages
are reused where nothing they show changed (build/mkdocs_build.py); unless
`no_cache` too, so are its privacy verdicts where a file did not change, and
nothing runs when nothing changed at all (build/sitecache.py). With
`no_cache` (publishing) nothing from the last build is trusted: every page
is built and every file scanned.

Nothing here writes to the terminal: what must be shown while the build runs
(notices, problems, MkDocs' warnings, the output of a run replayed) goes to
`say(stream, text)`, which the command line gives; the result says how the
build ended, and the command line prints it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generators.build import search
from generators.build.keys import run_key
from generators.build.process import Started
from generators.build.sitecache import SiteCache
from generators.build.write import BACKGROUND_REMOVAL, StagedFolder
from generators.pipeline import GENERATED, BuildResult, generate
from generators.privacy import scan as privacy
from generators.spec.problems import Problem, format_text

CACHE_DIR = Path(".cache")  # what runs keep between them (git-ignored)

# jieba's start-up lines, which MkDocs' search plugin lets through: nothing staff need to read.
_JIEBA_CHATTER = (
    "Building prefix dict",
    "Loading model from cache",
    "Loading model cost",
    "Prefix dict has been built",
    "Dumping model to file cache",
    "Dump cache file failed",
)


def _silent(stream: str, text: str) -> None:
    pass


@dataclass
class SiteOptions:
    data: Path
    site_dir: Path
    today: dt.date
    base: str | None = None
    offline: bool = False
    full: bool = False  # reuse nothing of the last build (the validation cache still serves)
    no_cache: bool = False  # trust nothing kept between runs (publishing)
    site_url: str | None = None


@dataclass
class SiteResult:
    status: (
        str  # "unchanged", "built", "invalid", "mkdocs failed", "search failed", "personal data"
    )
    seconds: float = 0.0
    built: int = 0  # pages MkDocs built
    reused: int = 0  # pages taken from the last build
    leaks: list[Problem] = field(default_factory=list)


def build_epoch(today: dt.date) -> str:
    """SOURCE_DATE_EPOCH for MkDocs: the build date, so the sitemap's dates (and its gzip header)
    are the data's date, the same for every build of the same state."""
    return str(int(dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC).timestamp()))


def generate_pages(
    data: Path,
    docs: Path,
    today: dt.date,
    cache_dir: Path | None,
    base: str | None,
    site_url: str | None,
    say=_silent,
    printed: list | None = None,
) -> BuildResult:
    """The pipeline (generators/pipeline.py), its notices and problems told as they are known;
    with `printed`, what was told is kept there too (a run with the same inputs tells it again)."""
    result = generate(data, docs, today, cache_dir=cache_dir, base=base, site_url=site_url)

    def tell(stream: str, text: str) -> None:
        say(stream, text)
        if printed is not None:
            printed.append([stream, text])

    for notice in result.notices:
        tell("stderr", f"提示：{notice}\n")
    if result.problems:
        tell("stdout", format_text(result.problems))
    return result


def run_mkdocs(
    site_dir: Path,
    previous: Path | None,
    manifest: Path | None,
    manifest_out: Path,
    env: dict,
    say=_silent,
    page_hashes: Path | None = None,
    meanwhile=None,
) -> int:
    """`mkdocs build --strict` into a folder, in a process of its own (build/mkdocs_build.py: pages
    whose inputs did not change are taken from `previous`; `page_hashes`, a file of the pages'
    SHA-256 known already, spares reading them); MkDocs' warnings and errors are told.
    `meanwhile()`, if given, runs here while MkDocs builds (MkDocs takes one core when it
    builds few pages).

    Not `--quiet`: in MkDocs 1.6 it hides warnings from strict mode too, so a build with warnings
    would pass (mkdocs/mkdocs#4126)."""
    env = dict(env, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generators.build.mkdocs_build", str(site_dir)]
    if previous is not None and manifest is not None:
        command += ["--previous", str(previous), "--manifest", str(manifest)]
    command += ["--manifest-out", str(manifest_out)]
    if page_hashes is not None:
        command += ["--page-hashes", str(page_hashes)]
    started = Started(command, env=env)
    try:
        if meanwhile is not None:
            meanwhile()
    except BaseException:
        started.stop()  # interrupted: MkDocs does not outlive the build
        raise
    status, told = started.finish()
    for line in told.splitlines():
        if line.strip() and not line.startswith(("INFO", "DEBUG", *_JIEBA_CHATTER)):
            say("stderr", line + "\n")
    return status


def _downloads_ahead(pages_files: dict[str, str | None] | None, phones, clean: set[str] | None):
    """What runs while MkDocs builds: the privacy scan of docs/generated/'s files that MkDocs
    copies as they are (the downloads, feeds), each at the address the site will hold it
    (overrides/hooks/generated_urls.py), so the site's scan finds their verdicts
    (privacy.scan_ahead). None without verdicts to keep."""
    if clean is None or not pages_files:
        return None
    copied = {
        relative: sha
        for relative, sha in pages_files.items()
        if not relative.endswith(".md") and not any(p.startswith(".") for p in relative.split("/"))
    }
    return lambda: privacy.scan_ahead(Path("docs") / GENERATED, copied, phones, clean)


def _temporary(name: str) -> Path:
    handle, path = tempfile.mkstemp(prefix=f"dangjian-{name}-", suffix=".json")
    os.close(handle)
    return Path(path)


def _page_hashes(pages_files: dict[str, str | None] | None) -> dict[str, str]:
    """docs/generated/'s files as the generator left them, by their path under docs/ (MkDocs'
    src_uri): MkDocs need not read them to key their pages."""
    return {
        f"{GENERATED}/{relative}": sha
        for relative, sha in (pages_files or {}).items()
        if isinstance(sha, str)
    }


def build_site(options: SiteOptions, say=_silent) -> SiteResult:
    """Checks the data, generates the pages, builds and scans the site; replaces the site folder
    only when all of it passed. Raises CmsError when the form editor's settings are wrong."""
    started = time.monotonic()
    os.environ["OFFLINE"] = "true" if options.offline else "false"  # mkdocs.yml reads it; keyed
    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(options.today))  # keyed too
    env = dict(os.environ)
    site_dir = options.site_dir
    cache = SiteCache(
        None if options.full else CACHE_DIR / site_dir.name, site_dir, trusted=not options.no_cache
    )
    run = run_key(options.data, options.today, options.base, site_dir) if cache.reusable else None

    def result(status: str, **details) -> SiteResult:
        return SiteResult(status, time.monotonic() - started, **details)

    printed = cache.replay(run)
    if printed is not None:  # the same inputs as the last run, its output untouched: its output
        for stream, text in printed:
            say(stream, text)
        return result("unchanged")
    printed = []
    generated = generate_pages(
        options.data,
        Path("docs"),
        options.today,
        None if options.no_cache else CACHE_DIR,
        options.base,
        options.site_url,
        say,
        printed,
    )
    if not generated.ok:
        return result("invalid")
    cache.phones = phones = generated.phones
    pages_files = generated.pages_files  # docs/generated/ as just read or written: not read again
    cache.docs_hashes = _page_hashes(pages_files)
    del generated
    if cache.unchanged():
        cache.stamp(run, printed, pages=pages_files)
        return result("unchanged")
    clean = cache.clean_verdicts()
    with StagedFolder(site_dir) as new:
        manifest_out, hashes_file = _temporary("manifest"), _temporary("pages")
        try:
            hashes_file.write_text(json.dumps(cache.docs_hashes), encoding="utf-8")
            previous, old_manifest = cache.previous_site(), cache.manifest_file()
            ahead = _downloads_ahead(pages_files, phones, clean)
            built = run_mkdocs(
                new.path, previous, old_manifest, manifest_out, env, say, hashes_file, ahead
            )
            if built != 0:
                return result("mkdocs failed")
            manifest = cache.read_new_manifest(manifest_out)
        finally:
            manifest_out.unlink(missing_ok=True)
            hashes_file.unlink(missing_ok=True)
        known = cache.known_hashes(manifest)
        index = search.SearchIndex(0, 0)
        if not options.offline:  # the offline copy keeps the theme's search (file://)
            cut_folder, cuts = cache.search_cuts()
            try:
                index = search.index_site(
                    new.path,
                    previous,
                    cache.search_bundles(),
                    known,
                    cache.filed_pages(),
                    cut_folder,
                    cuts,
                )
            except search.SearchIndexError as error:
                say("stderr", f"搜索索引没有建成（Pagefind）：{error}\n")
                return result("search failed")
        known |= search.bundle_files(index.bundles)
        hashes: dict[str, str | None] = {}  # every file's, read by the scan: the stamp's too
        leaks = privacy.scan_site(
            new.path, phones, shown_as=site_dir, clean=clean, known=known, hashes=hashes
        )
        cache.save_verdicts(clean)
        if leaks:
            return result("personal data", leaks=leaks)
        cache.forget()  # from here until the stamp is saved, the site folder and cache may disagree
        new.commit(remove_in_background=len(manifest.get("pages", {})) >= BACKGROUND_REMOVAL)
    if not options.offline:
        cache.save_search(index)
    cache.save(manifest, run, printed, hashes or None, pages_files)  # empty: the scan hashed none
    return result("built", built=manifest.get("built", 0), reused=manifest.get("reused", 0))
