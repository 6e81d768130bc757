"""The navigation of the generated pages, and the date they were built for.

The page generator writes docs/generated/.nav.json: the home page, then each
record type's index page in the order the registry gives (generators/spec/registry.py)
and the pages across types (公开情况, 督办), and the build date. This hook puts
those entries before the hand-written ones of mkdocs.yml's `nav:`, so a new
record type's index page needs no edit here or there, and hands the build
date to the theme (overrides/main.html shows it on every page, with a banner
saying 示例数据 when the data is a sample), and the site's name, description and
copyright line taken from the data (one township's, or the county's:
generators/render/identity.py). The hand-written pages name no township: their
placeholders ({{ 地区 }}, {{ 维护单位 }}, {{ 监督单位 }}) are filled here.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

NAV_FILE = Path("generated") / ".nav.json"
PLACEHOLDER = re.compile(r"\{\{\s*(\S+?)\s*\}\}")
_identity: dict[str, str] = {}


def on_config(config):
    path = Path(config["docs_dir"]) / NAV_FILE
    try:
        generated = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PluginError(
            f"找不到 {path}：请先运行 python -m generators generate（make site 会自动运行）。"
        ) from None
    config["nav"] = generated["nav"] + list(config["nav"] or [])
    config["extra"]["build_date"] = generated["build_date"]
    config["extra"]["sample"] = bool(generated.get("sample"))  # sample data: every page says so
    # One township's or the county's, typed by staff: the theme prints them as HTML unescaped.
    for key in ("site_name", "site_description", "copyright"):
        if generated.get(key):
            config[key] = html.escape(generated[key], quote=True)
    _identity.clear()
    _identity.update(generated.get("identity") or {})
    return config


def on_page_markdown(markdown, page, config, files):
    """A hand-written page with the names from the data in its placeholders."""
    if page.file.src_uri.startswith("generated/"):
        return markdown
    return PLACEHOLDER.sub(
        lambda m: html.escape(_identity.get(m.group(1), m.group(0)), quote=False), markdown
    )
