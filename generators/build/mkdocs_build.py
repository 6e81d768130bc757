"""The MkDocs build, incremental: a page whose inputs did not change is taken from the last build.

MkDocs' own `build()` runs as `mkdocs build --strict` would run it; only its
two per-page steps are wrapped. A page is read and converted to HTML
(`_populate_page`), then put into the theme's template and written
(`_build_page`). Both are skipped for a page when everything its HTML
depends on is what it was in the last build that was published:

* the global key (`keys.global_key`): mkdocs.yml, the code under
  generators/ and overrides/ (templates, hooks), docs/assets/, the files the
  build reads from docs/generated/ (.nav.json with the build date and the
  site's name, the jieba dictionary), the installed packages' versions, the
  Python version and the environment the configuration reads (SITE_URL ...);
* the page's own Markdown bytes, its source and output paths;
* every link target the page looked up while it was converted, resolved as
  before (a page linked to that was added, removed or moved changes it);
* the navigation as every page shows it (titles, addresses and order of the
  nav entries, their front matter): a change there rebuilds every page.

The HTML of such a page is the previous site's file, hard-linked into the
new folder (never through a link, never from outside the previous site
folder) and hashed as linked: only bytes that hash to what the manifest
recorded when the page was written are kept. Its search entries (jieba's
segmentation included), its anchors and its links to anchors come from the
manifest, so the search index, the anchor checks and the sitemap are made by
MkDocs from all pages as in a cold build. The manifest is signed
(generators/build/signed.py): one that is missing, damaged, of another
version or not signed with this machine's key means a cold build, so a
saved search entry is one this program wrote for exactly that page.

Run as `python -m generators.build.mkdocs_build NEW_SITE_DIR [--previous DIR --manifest FILE --manifest-out FILE]`.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generators.build import keys, signed
from generators.build.files import file_sha, stat_of

if TYPE_CHECKING:
    from mkdocs.structure.files import Files


class _SearchIndex(Protocol):
    entries: list[dict]


class _SearchPlugin(Protocol):
    """MkDocs' or Material's search plugin: the pages' entries are added to its index."""

    search_index: _SearchIndex


def _log_all(logger: logging.Logger, records: list[tuple[int, str]]) -> None:
    for record in records:
        logger.log(*record)


FORMAT = "dangjian-site-manifest"
VERSION = 2
PARALLEL_VARIABLE = "DANGJIAN_PARALLEL_PAGES"
MANIFEST_ROLE = "manifest.json"  # what the manifest is signed as, wherever it is kept


# ---------------------------------------------------------------------------
# the manifest of a build


def read_manifest(path: Path | None) -> dict:
    """The previous build's manifest, or {} when it is missing, damaged, of another version or not signed
    with this machine's key (generators/build/signed.py)."""
    if path is None:
        return {}
    data = signed.read(Path(path), MANIFEST_ROLE)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return {}
    if not isinstance(data.get("pages"), dict) or not isinstance(data.get("global"), str):
        return {}
    return data


def _json_same(value) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError, RecursionError):
        return False


class IncrementalBuild:
    """The two wrapped per-page steps of mkdocs.commands.build, and what they record."""

    def __init__(
        self,
        build_module,
        previous_site: Path | None,
        manifest: dict,
        global_key: str,
        site_dir: Path | None = None,
        page_hashes: Mapping[str, str] | None = None,
    ):
        self.module = build_module
        self.site_dir = Path(site_dir) if site_dir is not None else None
        self.populate = build_module._populate_page
        self.build_page = build_module._build_page
        self.previous_site = previous_site
        self.old = manifest if manifest.get("global") == global_key else {}
        self.old_pages: dict = self.old.get("pages", {})
        self.global_key = global_key
        # src_uri -> SHA-256 of its Markdown, as the generator just wrote or read it
        self.page_hashes = page_hashes or {}
        self.pages: dict[str, dict] = {}  # src_uri -> manifest entry of this build
        self.cached: set[str] = set()  # pages taken from the previous build
        self.prebuilt: set[str] = (
            set()
        )  # pages built by worker processes before MkDocs' loop reached them
        self.folders: dict[str, bool] = {}  # folders of the previous site: plain (_plain_folder)
        self.made: set[str] = set()  # folders of the new site made for linked pages
        self.linked: dict[str, list[int]] = {}  # files linked from the previous build, their stat
        self.found: dict[str, object] = {}  # a link target -> its file in this build, or None
        self.lookups: list | None = None
        self.resolved: dict[
            str, list
        ] = {}  # link target -> how it resolves in this build (no file changes it)
        self.reuse: dict[
            str, dict | None
        ] = {}  # src_uri -> its entry in the old manifest, when it holds
        self.keys: dict[str, str] = {}  # src_uri -> the key of the page's inputs (keys.page_key)
        self.converted: dict[str, dict] | None = (
            None  # pages converted by worker processes, not yet taken
        )
        self.files: Files | None = None
        self.nav_key: str | None = None
        self.search: _SearchPlugin | None = None
        self.built = 0
        self.read_in_workers = 0

    # -- link lookups -------------------------------------------------------

    def _watch(self, files) -> None:
        if self.files is files:
            return
        self.files = files
        original = files.get_file_from_path

        def get_file_from_path(path):
            found = original(path)
            if self.lookups is not None:
                self.lookups.append(_resolution(path, found))
            return found

        files.get_file_from_path = get_file_from_path
        self.resolve = original

    def file_at(self, target: str):
        """The file a link target names in this build (MkDocs' lookup, once per target: no file
        changes it), or None."""
        if target not in self.found:
            self.found[target] = self.resolve(target)
        return self.found[target]

    def _deps_hold(self, deps) -> bool:
        if not isinstance(deps, list):
            return False
        for dep in deps:
            if not isinstance(dep, list) or len(dep) != 3 or not isinstance(dep[0], str):
                return False
            resolved = self.resolved.get(dep[0])
            if (
                resolved is None
            ):  # the same few targets (index pages, a village) are linked from many pages
                resolved = self.resolved[dep[0]] = _resolution(dep[0], self.resolve(dep[0]))
            if resolved != dep:
                return False
        return True

    # -- the two steps --------------------------------------------------------

    def page_key(self, file) -> str:
        key = self.keys.get(file.src_uri)
        if key is None:
            sha = self.page_hashes.get(file.src_uri)
            key = self.keys[file.src_uri] = keys.page_key(self.global_key, file, sha)
        return key

    def _reusable(self, file) -> dict | None:
        if file.src_uri not in self.reuse:
            self.reuse[file.src_uri] = self._find_reusable(file)
        return self.reuse[file.src_uri]

    def _find_reusable(self, file) -> dict | None:
        entry = self.old_pages.get(file.src_uri)
        if (
            not isinstance(entry, dict)
            or entry.get("key") != self.page_key(file)
            or self.previous_site is None
        ):
            return None
        if entry.get("dest") != file.dest_uri or not self._deps_hold(entry.get("deps")):
            return None
        links = entry.get("links")
        if not isinstance(links, dict) or not isinstance(entry.get("anchors"), list):
            return None
        if any(
            self.file_at(target) is None or not isinstance(found, dict)
            for target, found in links.items()
        ):
            return None
        if not isinstance(entry.get("meta"), dict) or not isinstance(entry.get("search"), list):
            return None
        if not self._link_verified(file.dest_uri, entry.get("sha")):
            return None
        return entry

    def _link_verified(self, dest_uri: str, sha) -> bool:
        """The previous site's page linked into the new site, when it is a regular file inside the
        previous site folder (no link on the way) whose bytes hash to what the manifest recorded.

        The hash is taken of the file as linked, so what was checked is what the new site holds; its
        stat, change time included, is checked again once the build is done (check_linked).
        Paths as text: 30,000 pages' worth of path objects cost seconds."""
        if not isinstance(sha, str) or self.site_dir is None or self.previous_site is None:
            return False
        parts = dest_uri.split("/")
        if not dest_uri or dest_uri.startswith("/") or {"", ".", ".."} & set(parts):
            return False
        folder = dest_uri.rpartition("/")[0]
        if not self._plain_folder(folder):
            return False
        source = os.path.join(self.previous_site, dest_uri)
        target = os.path.join(self.site_dir, dest_uri)
        if folder not in self.made:
            os.makedirs(os.path.join(self.site_dir, folder), exist_ok=True)
            self.made.add(folder)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:  # another file system (or a name taken): the page is built
            return False
        try:
            if file_sha(target) == sha:
                self.linked[target] = stat_of(target)
                return True
        except OSError:
            pass
        os.unlink(target)
        return False

    def _plain_folder(self, folder: str) -> bool:
        """Whether a folder of the previous site (by its path there, "" for the site folder itself)
        is a folder reached from it with no link on the way (a link, or a file in between, says
        no); each folder is looked at once. The page itself is linked as it is (never followed)
        and hashed without following a link."""
        plain = self.folders.get(folder)
        if plain is None:
            assert self.previous_site is not None, "only pages of a previous site are linked"
            if folder == "":
                site = self.previous_site
                plain = site.is_dir() and not site.is_symlink()
            else:
                try:
                    status = os.lstat(os.path.join(self.previous_site, folder))
                    is_folder = stat.S_ISDIR(status.st_mode)
                except OSError:
                    is_folder = False
                plain = is_folder and self._plain_folder(folder.rpartition("/")[0])
            self.folders[folder] = plain
        return plain

    def populate_page(self, page, config, files, dirty: bool = False) -> None:
        self._watch(files)
        if self.converted is None:
            self.converted = self._populate_in_processes(config, files)
        done = self.converted.pop(page.file.src_uri, None)
        if done is not None:
            self._take_converted(page, files, done)
            return
        entry = self._reusable(page.file)
        if entry is not None:
            page.markdown = ""
            page.meta = entry["meta"]
            page._title_from_render = entry.get("title")
            page.present_anchor_ids = set(entry["anchors"])
            page.links_to_anchors = {
                self.file_at(target): dict(links) for target, links in entry["links"].items()
            }
            self.cached.add(page.file.src_uri)
            self.pages[page.file.src_uri] = dict(entry)
            return
        self.cached.discard(page.file.src_uri)
        self._convert(page, config, files, dirty)

    def _take_converted(self, page, files, done: dict) -> None:
        entry = done["entry"]
        page.markdown, page.content, page.toc = (
            done["markdown"],
            done["content"],
            _toc_from_json(done["toc"]),
        )
        page.meta = entry["meta"]
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        page.links_to_anchors = {
            files.get_file_from_path(target): dict(links)
            for target, links in entry["links"].items()
        }
        done["log"]()
        self.cached.discard(page.file.src_uri)
        self.pages[page.file.src_uri] = entry

    def _convert(self, page, config, files, dirty: bool = False) -> None:
        """MkDocs' own step for one page (its events, Markdown to HTML), and what the manifest keeps of it."""
        key = self.page_key(page.file)
        self.lookups = []
        try:
            self.populate(page, config, files, dirty)
        finally:
            deps, self.lookups = self.lookups, None
        meta = page.meta if _json_same(page.meta) else None
        self.pages[page.file.src_uri] = {
            "key": key if meta is not None else "",
            "dest": page.file.dest_uri,
            "meta": meta or {},
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {
                target.src_uri: dict(links)
                for target, links in (page.links_to_anchors or {}).items()
            },
            "deps": sorted({tuple(d) for d in deps}),
            "search": [],
        }

    def _populate_in_processes(self, config, files) -> dict[str, dict]:
        """Many pages to convert (a cold build): Markdown to HTML on every core.

        Forked workers run MkDocs' own step for their share and send back what it set on each page (its
        HTML, table of contents, title, anchors, links to anchors), the links it looked up and the warnings
        it logged; a page comes back only when its front matter is plain JSON. The warnings are logged
        again here, in MkDocs' page order, so strict mode counts them. A page that failed in a worker is
        converted again here, where its error stops the build as it would have. Only when no plugin but
        the site's own hooks acts on a page while it is read: a plugin keeping state from those events
        would lose what the workers saw."""
        from mkdocs.structure.pages import Page

        from generators.build.parallel import MIN_ITEMS, map_in_processes, worker_count

        todo = [f for f in files.documentation_pages() if self._reusable(f) is None]
        least = _least_pages(MIN_ITEMS)
        if (
            len(todo) < least
            or worker_count() < 2
            or not hasattr(os, "fork")
            or not _stateless_reading(config)
        ):
            return {}
        parent = os.getpid()

        def convert_one(index: int) -> dict:
            file = todo[index]
            if file.page is None:
                Page(None, file, config)
            with _warnings_captured(parent) as captured:
                try:
                    self._convert(file.page, config, files)
                except Exception:  # noqa: BLE001 - converted again in the main process, which reports it
                    return {"failed": True}
            page, entry = file.page, self.pages[file.src_uri]
            if not entry["key"]:
                return {"failed": True}
            return {
                "entry": entry,
                "markdown": page.markdown,
                "content": page.content,
                "toc": _toc_json(page.toc),
                "warnings": captured.records,
            }

        results = map_in_processes(convert_one, range(len(todo)), min_items=least)
        logger = logging.getLogger("mkdocs")
        converted = {}
        for file, result in zip(todo, results, strict=True):
            if not result.get("failed"):
                result["log"] = functools.partial(_log_all, logger, result.pop("warnings"))
                converted[file.src_uri] = result
        self.read_in_workers = len(converted)
        return converted

    def _search_plugin(self, config):
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if isinstance(getattr(index, "entries", None), list) and _enabled(plugin):
                return plugin
        return None

    def page(
        self, page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False
    ) -> None:
        if self.nav_key is None:
            self.nav_key = keys.nav_key(nav)
            self.search = self._search_plugin(config)
            if self.nav_key != self.old.get("nav") or (
                self.search is None
                and any(
                    p.__class__.__module__.startswith(
                        ("material.plugins.search", "mkdocs.contrib.search")
                    )
                    and _enabled(p)
                    for p in config.plugins.values()
                )
            ):
                self._repopulate_all(config)
            self._build_in_processes(config, doc_files, nav, env)
        entry = self.pages[page.file.src_uri]
        if page.file.src_uri in self.prebuilt:
            if self.search is not None:
                self.search.search_index.entries.extend(entry["search"])
            return
        if page.file.src_uri in self.cached and not excluded:  # linked already (_link_verified)
            if self.search is not None:
                self.search.search_index.entries.extend(entry["search"])
            return
        before = len(self.search.search_index.entries) if self.search is not None else 0
        self.build_page(page, config, doc_files, nav, env, dirty, excluded)
        self.built += 1
        if self.search is not None:
            entry["search"] = self.search.search_index.entries[before:]
        if not _json_same(entry["search"]):
            entry["key"] = ""

    def _build_in_processes(self, config, doc_files, nav, env) -> None:
        """Many pages to build (a cold build): put them into the theme's template on every core.

        The workers are forked with every page read and converted; each builds its share (template,
        search entries, the file) and sends back the search entries and the warnings it logged, which are
        logged here again so that strict mode counts them. The main loop then only adds the entries, in
        MkDocs' page order."""
        from generators.build.parallel import MIN_ITEMS, map_in_processes, worker_count

        todo = [
            f for f in doc_files if f.src_uri not in self.cached and not f.inclusion.is_excluded()
        ]
        least = _least_pages(MIN_ITEMS)
        if len(todo) < least or worker_count() < 2 or not hasattr(os, "fork"):
            return
        parent = os.getpid()
        logger = logging.getLogger("mkdocs")

        def build_one(index: int) -> dict:
            file = todo[index]
            with _warnings_captured(parent) as captured:
                before = len(self.search.search_index.entries) if self.search is not None else 0
                self.build_page(file.page, config, doc_files, nav, env, False, False)
                entries = (
                    self.search.search_index.entries[before:] if self.search is not None else []
                )
                if self.search is not None:
                    del self.search.search_index.entries[before:]
            return {"search": entries, "warnings": captured.records, "pid": os.getpid()}

        results = map_in_processes(build_one, range(len(todo)), min_items=least)
        for file, result in zip(todo, results, strict=True):
            if result["pid"] != parent:
                for level, message in result["warnings"]:
                    logger.log(level, message)
            entry = self.pages[file.src_uri]
            entry["search"] = result["search"]
            self.prebuilt.add(file.src_uri)
            self.built += 1

    def _repopulate_all(self, config) -> None:
        """The navigation changed (or the search cannot be cached): every page is built again."""
        assert self.files is not None, "pages were cached: _watch saw the files"
        for src_uri in list(self.cached):
            file = self.files.src_uris[src_uri]
            page = file.page
            assert page is not None, "MkDocs made every page before the first page event"
            page.markdown = None
            page._title_from_render = None
            self.populate_page_fresh(page, config)
        self.cached.clear()

    def populate_page_fresh(self, page, config) -> None:
        if (
            self.reuse.get(page.file.src_uri) is not None
        ):  # the linked file is the previous site's too
            assert self.site_dir is not None, "pages are linked into a site folder"
            linked = os.path.join(self.site_dir, page.file.dest_uri)
            self.linked.pop(linked, None)
            Path(linked).unlink(missing_ok=True)
        self.old_pages.pop(page.file.src_uri, None)
        self.reuse.pop(page.file.src_uri, None)
        self.populate_page(page, config, self.files)

    def check_linked(self) -> None:
        """Nothing wrote into a file linked from the previous build (it is the previous site's file too)."""
        for path, before in self.linked.items():
            if stat_of(path) != before:
                raise RuntimeError(
                    f"{path} was changed after it was linked from the previous build"
                )

    def manifest(self, site_dir: Path) -> dict:
        for src_uri, entry in self.pages.items():
            target = Path(site_dir) / entry["dest"]
            if not target.exists():
                entry["key"] = ""
                continue
            if src_uri not in self.cached:
                entry["sha"] = file_sha(target)
        return {
            "format": FORMAT,
            "version": VERSION,
            "global": self.global_key,
            "nav": self.nav_key,
            "built": self.built,
            "reused": len(self.cached),
            "in_workers": {"read": self.read_in_workers, "built": len(self.prebuilt)},
            "pages": {k: v for k, v in self.pages.items() if v.get("key")},
        }


def _least_pages(default: int) -> int:
    """How many pages to build make workers worth starting (DANGJIAN_PARALLEL_PAGES; tests set 1)."""
    try:
        return max(1, int(os.environ.get(PARALLEL_VARIABLE, "")))
    except ValueError:
        return default


class _Captured(logging.Handler):
    """The warnings a worker logs, to be logged again by the main process."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record) -> None:
        self.records.append((record.levelno, record.getMessage()))


class _warnings_captured:
    """In a worker process: what MkDocs logs goes to a list only (the main process logs it again)."""

    def __init__(self, parent: int):
        self.inside_worker = os.getpid() != parent
        self.logger = logging.getLogger("mkdocs")

    def __enter__(self) -> _Captured:
        self.captured = _Captured()
        self.handlers = list(self.logger.handlers)
        if self.inside_worker:
            self.logger.handlers = [self.captured]
        else:
            self.logger.addHandler(self.captured)
        return self.captured

    def __exit__(self, *exc) -> None:
        self.logger.handlers = self.handlers


# The plugins that act on a page while it is read (on_pre_page, on_page_markdown, on_page_content) without
# keeping anything from it: only these let workers read pages (generators/build/mkdocs_build.py keeps their results).
STATELESS_READING = (
    "overrides/hooks/search_text.py",
    "overrides/hooks/search_sections.py",
    "overrides/hooks/tables.py",
    "overrides/hooks/contents.py",
    # fills hand-written pages' placeholders from what on_config read (forked workers have it)
    "overrides/hooks/generated_nav.py",
)


def _stateless_reading(config) -> bool:
    events = config.plugins.events
    return all(
        getattr(method, "__module__", None) in STATELESS_READING
        for name in ("pre_page", "page_read_source", "page_markdown", "page_content")
        for method in events.get(name, ())
    )


def _toc_json(toc) -> list:
    def item(link):
        return [
            link.title,
            link.id,
            link.level,
            bool(getattr(link, "active", False)),
            [item(child) for child in link.children],
        ]

    return [item(link) for link in toc]


def _toc_from_json(items: list):
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def link(value):
        title, anchor, level, active, children = value
        made = AnchorLink(title, anchor, level)
        if active:  # material's templates read it; mkdocs' AnchorLink does not declare it
            made.active = True  # type: ignore[attr-defined]
        made.children = [link(child) for child in children]
        return made

    return TableOfContents([link(value) for value in items])


def _enabled(plugin) -> bool:
    """Whether a plugin runs: the theme's search is off in the published site (Pagefind's there)."""
    return getattr(getattr(plugin, "config", None), "enabled", True) is not False


def _resolution(path: str, found) -> list:
    if found is None:
        return [path, None, None]
    return [path, found.url, found.inclusion.name]


# ---------------------------------------------------------------------------
# the command


def build(
    site_dir: Path,
    previous_site: Path | None,
    manifest_path: Path | None,
    config_file: str = "mkdocs.yml",
    page_hashes: Mapping[str, str] | None = None,
) -> dict:
    """`mkdocs build --strict` into `site_dir`, reusing the previous site's pages; the new manifest.
    `page_hashes` gives the SHA-256 of pages' Markdown the caller knows (by src_uri): not read."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as build_module

    key = keys.global_key(Path(config_file).resolve().parent)
    cfg = mkdocs_config.load_config(config_file, strict=True, site_dir=str(site_dir))
    incremental = IncrementalBuild(
        build_module, previous_site, read_manifest(manifest_path), key, site_dir, page_hashes
    )
    cfg.plugins.on_startup(command="build", dirty=False)
    build_module._populate_page = incremental.populate_page
    build_module._build_page = incremental.page
    try:
        build_module.build(cfg, dirty=False)
    finally:
        build_module._populate_page = incremental.populate
        build_module._build_page = incremental.build_page
        cfg.plugins.on_shutdown()
    incremental.check_linked()
    return incremental.manifest(site_dir)


def read_page_hashes(path: Path | None) -> dict[str, str]:
    """The pages' SHA-256 the caller wrote (JSON, src_uri -> hex); what is not one is left out."""
    if path is None:
        return {}
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {
        k: v
        for k, v in value.items()
        if isinstance(k, str) and isinstance(v, str) and re.fullmatch("[0-9a-f]{64}", v)
    }


def _logging() -> None:
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)
    from mkdocs import utils
    from mkdocs.commands import build as build_module

    build_module.log.addFilter(utils.DuplicateFilter())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generators.build.mkdocs_build")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--previous", type=Path, default=None)
    parser.add_argument("--manifest", type=Path, default=None)
    parser.add_argument("--manifest-out", type=Path, default=None)
    parser.add_argument("--config-file", default="mkdocs.yml")
    parser.add_argument("--page-hashes", type=Path, default=None)
    args = parser.parse_args(argv)
    _logging()
    from mkdocs.exceptions import Abort

    previous = args.previous if args.previous is not None and args.previous.is_dir() else None
    try:
        manifest = build(
            args.site_dir,
            previous,
            args.manifest if previous else None,
            args.config_file,
            read_page_hashes(args.page_hashes),
        )
    except Abort as error:
        logging.getLogger("mkdocs").error(str(error))
        return 1
    if args.manifest_out is not None:
        args.manifest_out.write_text(
            json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
