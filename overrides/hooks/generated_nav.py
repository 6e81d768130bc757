"""The navigation of the generated pages, and the date they were built for.

The page generator writes docs/generated/.nav.json: the home page, then each
record type's index page in the order the registry gives (generators/spec/registry.py)
and the pages across types (公开情况, 督办), and the build date. This hook puts
those entries before the hand-written ones of mkdocs.yml's `nav:`, so a new
record type's index page needs no edit here or there, and hands the build
date to the theme (overrides/main.html shows it on every page, with a banner
saying 示例数据 when the data is a sample) and the site's name taken from the
data (one township's, or the county's).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

NAV_FILE = Path("generated") / ".nav.json"


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
    # One township's name, or the county's: typed by staff, and the theme prints site_name as HTML unescaped.
    name = generated.get("site_name")
    if name:
        config["site_name"] = html.escape(name, quote=True)
    return config
