"""The published site's search at scale: how long its bundles take to index, and what a phone
fetches from the first keystroke to the first result.

On a built site (MkDocs done), `measure_search` runs generators/build/search.py as the build
does: the county's bundle (pagefind/, 全县) and one bundle per township (pagefind/townships/<id>/,
本镇), each timed; then one township's page is changed in a copy of the site and the search
built again from the last build's bundles, as an incremental `site` run does (the county's bundle
and that township's are indexed, the others kept). Then Debian's Chromium (Playwright) opens the
site from a local web server on a phone's screen, once per query in a fresh browser context (so
nothing is cached): from the county's home page (全县) and from a village's page (本镇), the
query typed into the box, everything fetched from the box's first use until the results show,
counted as a web server sends it (text gzip-compressed at level 6, Pagefind's index files as
they are: gzip already). The queries come from the synthetic data: a village + 财务, that
village's secretary's name, periods as people write them (a quarter, a month, a year).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from generators.build import search
from generators.privacy import pagefind_files

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
# Periods as people write them: a quarter (the pages write 2025年第三季度), a month, a year.
PERIODS = ("2025年3季度", "2025.10", "2025年")
ANSWERED = "document.querySelector('[data-site-search]').dataset.answered"


def sent_size(url: str, body: bytes) -> int:
    """The bytes a web server sends for a file: gzip for text; Pagefind's index and fragments
    are gzip files already (sent as they are)."""
    if url.split("?")[0].endswith(pagefind_files.DATA_SUFFIXES):
        return len(body)
    return len(gzip.compress(body, 6))


def village_queries(data_dir: Path) -> tuple[str, list[str]]:
    """The first village (by id) of the first township that has one, and the queries drawn from
    it: its name + 财务, its secretary's name, a period."""
    villages = []
    for path in sorted((Path(data_dir) / "villages").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("township"):
            villages.append(record)
    village = min(villages, key=lambda v: (str(v["township"]), str(v["id"])))
    secretary = (village.get("leaders") or {}).get("secretary")
    queries = [f"{village['name']}财务"] + ([secretary] if secretary else []) + list(PERIODS)
    return str(village["id"]), queries


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A folder served on 127.0.0.1 at a free port: its base URL, ending in '/'."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _first_result(chromium, base: str, start: str, query: str) -> dict:
    """One query in a fresh phone context: the bytes fetched from the box's first use to the
    results, the requests, how many results and where the box looked."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        page.goto(base + start, wait_until="networkidle")
        fetched: list[int] = []
        page.on(
            "requestfinished",
            lambda request: fetched.append(sent_size(request.url, request.response().body())),
        )
        started = time.perf_counter()
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("[data-site-search] input.md-search__input").fill(query)
        page.wait_for_function(f"() => {ANSWERED} === {query!r}", timeout=60000)
        seconds = time.perf_counter() - started
        page.wait_for_load_state("networkidle")
        found = page.locator("[data-site-search] .md-search-result__item").count()
        scope = page.get_attribute("[data-site-search]", "data-scope")
        return {
            "bytes": sum(fetched),
            "requests": len(fetched),
            "results": found,
            "scope": scope,
            "seconds": seconds,
        }
    finally:
        context.close()


def fetched_to_first_result(site_dir: Path, village: str, queries: list[str]) -> dict:
    """Per scope (county: the home page; township: the village's page), per query: what the
    phone fetched to the first result. Empty when Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    if not os.path.exists(CHROMIUM):
        return {}
    starts = {"county": "", "township": f"villages/{village}/"}
    found: dict = {scope: {} for scope in starts}
    with served(site_dir) as base, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for scope, start in starts.items():
                for query in queries:
                    found[scope][query] = _first_result(chromium, base, start, query)
        finally:
            chromium.close()
    return found


def _changed_copy(site_dir: Path, root: Path, village: str) -> Path:
    """A copy of the built site (pages hard-linked, no search) with one village's page changed,
    as the next build would write it."""
    copy = root / "site"
    shutil.copytree(
        site_dir, copy, copy_function=os.link, ignore=shutil.ignore_patterns(search.FOLDER)
    )
    page = copy / "villages" / village / "index.html"
    text = page.read_text(encoding="utf-8")
    page.unlink()  # its own file now, not the built site's
    page.write_text(text.replace("</h1>", "</h1><p>2025年第四季度已更新。</p>", 1), "utf-8")
    return copy


def measure_search(site_dir: Path, data_dir: Path, with_browser: bool = True) -> dict:
    """The search's rows for the report (plain numbers, JSON-ready)."""
    site_dir = Path(site_dir)
    started = time.perf_counter()
    built = search.index_site(site_dir)
    total = time.perf_counter() - started
    townships = [built.seconds[t] for t in built.bundles]
    result: dict = {
        "search_total": total,
        "search_county": built.seconds[""],
        "search_bundles": len(built.bundles),
    }
    if townships:
        result.update(
            search_township_median=statistics.median(townships),
            search_township_min=min(townships),
            search_township_max=max(townships),
        )
    village, queries = village_queries(data_dir)
    with tempfile.TemporaryDirectory(prefix="dangjian-search-", dir=site_dir.parent) as folder:
        copy = _changed_copy(site_dir, Path(folder), village)
        started = time.perf_counter()
        again = search.index_site(copy, previous=site_dir, stored=built.bundles)
        result["search_changed"] = time.perf_counter() - started
        result["search_changed_indexed"] = len(again.indexed)
    if with_browser:
        costs = fetched_to_first_result(site_dir, village, queries)
        for scope, by_query in costs.items():
            result[f"first_result_{scope}"] = by_query
    return result


SCOPES = (("county", "全县 (the county's home page)"), ("township", "本镇 (a village's page)"))
BUDGET = 300 * 1024  # bytes (gzip) from the first keystroke to the first result, on a phone


def format_first_results(runs: list[dict]) -> list[str]:
    """The report's table: per query and scope, the median bytes to the first result (and the
    results shown, the scope the box searched), over the runs."""
    queries: list[str] = []
    for run in runs:
        for scope, _ in SCOPES:
            for query in run.get(f"first_result_{scope}", {}):
                if query not in queries:
                    queries.append(query)
    if not queries:
        return []
    lines = [
        "",
        "Fetched from the box's first use to the first result, gzip as served "
        f"(budget {BUDGET // 1024} KB), median over the runs; results shown, in brackets:",
        "",
        "| query | " + " | ".join(label for _, label in SCOPES) + " |",
        "|---|" + "---:|" * len(SCOPES),
    ]
    for query in queries:
        cells = []
        for scope, _ in SCOPES:
            seen = [
                r[f"first_result_{scope}"][query]
                for r in runs
                if query in r.get(f"first_result_{scope}", {})
            ]
            if not seen:
                cells.append("—")
                continue
            size = statistics.median(s["bytes"] for s in seen)
            where = {s["scope"] for s in seen}
            mark = "" if where == {scope} else f", searched {'/'.join(sorted(map(str, where)))}"
            cells.append(f"{size / 1024:.1f} KB ({seen[0]['results']}{mark})")
        lines.append(f"| {query} | " + " | ".join(cells) + " |")
    return lines


def largest_first_result(runs: list[dict], scope: str) -> float | None:
    """The most a query of the set cost to its first result in a scope (median over the runs)."""
    by_query: dict[str, list[int]] = {}
    for run in runs:
        for query, seen in run.get(f"first_result_{scope}", {}).items():
            by_query.setdefault(query, []).append(seen["bytes"])
    return max((statistics.median(sizes) for sizes in by_query.values()), default=None)
