"""The sample site built once for a test session, and one page of every page type in it.

The build runs `python -m generators site` in a temporary copy of the site
project (mkdocs.yml, docs/, overrides/), on the sample in data/, as of
2025-12-31, exactly as `make site` does.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)


def copy_site_project(target: Path) -> None:
    """mkdocs.yml, overrides/ and the hand-written docs/ (never a stale docs/generated/)."""
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__"))


def build_site(project: Path, data: Path, *options: str, today: dt.date = TODAY) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "generators", "site", "--data", str(data),
         "--site-dir", "site", "--today", today.isoformat(), *options],
        cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=300)


# Folders of the built site that hold no public pages of their own. admin/ is the form editor for
# staff (Decap CMS, vendored), tested by tests/test_cms_e2e.py.
_NOT_PAGES = {"assets", "search", "admin"}


def page_types(site: Path) -> dict[str, str]:
    """One URL (relative to the site root, '' for home) per kind of page in a built site.

    Every folder of the site gives its index page (a list) and its largest
    record page (the most rows: the hardest to lay out), and a version page
    where records have them, so a new record type is covered without editing
    the tests."""
    pages = {"home": "", "404": "404.html"}
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in _NOT_PAGES):
        if (folder / "index.html").is_file():
            pages[folder.name] = f"{folder.name}/"
        records = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
        if records:
            largest = max(records, key=lambda p: ((p / "index.html").stat().st_size, p.name))
            pages[f"{folder.name}/record"] = f"{folder.name}/{largest.name}/"
        for record in records:
            versions = sorted(p for p in record.iterdir() if (p / "index.html").is_file())
            if versions:
                pages[f"{folder.name}/version"] = f"{folder.name}/{record.name}/{versions[-1].name}/"
                break
    return pages
