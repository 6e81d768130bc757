"""Live preview: regenerate the record pages before each rebuild of `mkdocs serve`, and index
them for the search after it.

`python -m generators serve` sets DANGJIAN_DATA and runs `mkdocs serve --watch data`,
so a saved change under data/ triggers a rebuild and this hook turns it into
fresh pages. Only changed pages are rewritten, so the rebuild settles at once.
After each build the served pages are indexed with Pagefind, as `python -m generators site`
does after MkDocs (generators/build/search.py): the preview's search box finds what the
published site's would. Plain `mkdocs build` (no DANGJIAN_DATA) leaves docs/generated/ as it is
and writes no search index.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.regenerate")


def on_pre_build(config):
    data = os.environ.get("DANGJIAN_DATA")
    if not data:
        return
    from generators.cli.commands import build_date
    from generators.pipeline import generate
    from generators.spec.problems import format_text

    today_text = os.environ.get("DANGJIAN_TODAY")
    today = build_date(Path(data), dt.date.fromisoformat(today_text) if today_text else None)
    result = generate(Path(data), Path(config["docs_dir"]), today)
    if not result.ok:
        # Keep serving the last good pages; show what to fix in the terminal.
        log.warning("数据有错误，网页没有更新：\n%s", format_text(result.problems))


def on_post_build(config):
    if not os.environ.get("DANGJIAN_DATA"):
        return
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        return  # the offline copy keeps the theme's search
    from generators.build import search

    try:
        search.index_site(Path(config["site_dir"]))
    except search.SearchIndexError as error:
        log.warning("搜索索引没有建成（Pagefind），预览中的搜索不能用：%s", error)
