"""The sample site built once for a test session, and one page of every page type in it.

The build runs `python -m generators site` in a temporary copy of the site
project (mkdocs.yml, docs/, overrides/), on the sample in data/, exactly as
`make site` does: without --today, so for the sample's own date, 2025-12-31 (its
townships' sample_date).
"""

from __future__ import annotations

import datetime as dt
import json
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
    shutil.copytree(
        ROOT / "overrides", target / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )


def build_site(
    project: Path, data: Path, *options: str, today: dt.date | None = None
) -> subprocess.CompletedProcess:
    """`python -m generators site` in the project, for `today` when given (else the data's date)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generators",
            "site",
            "--data",
            str(data),
            "--site-dir",
            "site",
            *(("--today", today.isoformat()) if today else ()),
            *options,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )


def build_sample(project: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """The sample site built in `project`, unless an earlier call built it there.

    The process's outcome is kept beside the folder (PROJECT.json), so a later
    call, in another process too, reads it instead of building again."""
    outcome = project.with_name(f"{project.name}.json")
    if not outcome.exists():
        project.mkdir(exist_ok=True)
        copy_site_project(project)
        process = build_site(project, DATA)
        kept = {name: getattr(process, name) for name in ("args", "returncode", "stdout", "stderr")}
        outcome.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return project, subprocess.CompletedProcess(**json.loads(outcome.read_text(encoding="utf-8")))


# The pages that are no record's: the views across types and the hand-written pages.
VIEWS = {
    "home": "",
    "compliance": "compliance/",
    "supervision": "supervision/",
    "verify": "verify/",
    "codes": "codes/",
    "about": "about/",
    "guide": "guide/",
    "404": "404.html",
}


def page_types(site: Path) -> dict[str, str]:
    """name → URL (relative to the site root) of one page of every kind in a built site.

    The views, each record type's index page and its largest record page (the
    most rows: the hardest to lay out), and the largest first version of a
    disclosure; from the registry, so a new record type is covered without
    editing the tests. The form editor (/admin/) is for staff and is tested by
    tests/test_cms_e2e.py."""
    from generators.spec.registry import REGISTRY

    found = dict(VIEWS)
    for record_type in REGISTRY:
        if record_type.index:
            found[f"{record_type.name}-index"] = record_type.index.path.removesuffix("index.md")
        folder = site / record_type.folder
        biggest = max(
            (p for p in folder.glob("*/index.html") if p.parent.name[:1] != "v"),
            key=lambda p: p.stat().st_size,
        )
        found[record_type.name] = f"{record_type.folder}/{biggest.parent.name}/"
    versions = sorted(site.glob("disclosures/*/v1/index.html"), key=lambda p: p.stat().st_size)
    found["disclosure-version"] = versions[-1].parent.relative_to(site).as_posix() + "/"
    return found
