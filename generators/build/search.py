"""The published site's search index: Pagefind, run on the built site after MkDocs.

Pagefind's extended build (PyPI pagefind[extended], its binary from the pinned wheel, run as a
process to its end: the Python API's service is stopped as soon as it answers, which under load
left the WebAssembly unwritten) reads every page that carries
`data-pagefind-body` (overrides/main.html: a page's content, never a page kept out of the
search), cuts its Chinese text into words (ICU4X) and writes the index into pagefind/ in the
site: chunks of words and one fragment per page, fetched by the browser only as a query needs
them (docs/assets/site-search.js). The theme's parts around the content (permalink marks,
table header rows, sections marked out of the search) are left out here.

The offline copy (file://, where Pagefind cannot run) keeps the theme's search instead.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FOLDER = "pagefind"
LANGUAGE = "zh"  # every page is Chinese: one index, not one per detected language
# What the browser loads besides the index (docs/assets/site-search.js drives Pagefind's API).
KEPT = ("pagefind-entry.json", "pagefind-worker.js")
# What a search cannot do without (checked after the run: a half-written index fails the build).
NEEDED = ("pagefind.js", "pagefind-entry.json", "wasm.*.pagefind", "*.pf_meta", "fragment/*")
# Kept out of what is indexed and shown in results: the headings' permalink mark (¶), table
# header rows (项目 内容), and whatever the pages mark out of the search.
EXCLUDED = (".headerlink", "thead", "[data-search-exclude]", "svg", "script", "style")


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    files: int


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (its binary missing, or its run failed)."""


def _command(site_dir: Path) -> list[str]:
    """Pagefind's extended binary from the pinned wheel, on the site."""
    from pagefind_bin_extended import get_executable

    command = [
        str(get_executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(site_dir / FOLDER),
    ]
    command += ["--force-language", LANGUAGE, "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> SearchIndex:
    """Writes the search index of a built site into its pagefind/ folder (any old one replaced)."""
    site_dir = Path(site_dir).resolve()
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)
    try:
        done = subprocess.run(_command(site_dir), capture_output=True, text=True, errors="replace")
    except (ImportError, OSError) as error:
        raise SearchIndexError(str(error)) from error
    if done.returncode != 0:
        raise SearchIndexError((done.stderr or done.stdout).strip()[-2000:])
    folder = site_dir / FOLDER
    missing = [name for name in NEEDED if not any(folder.glob(name))]
    if missing:
        raise SearchIndexError(f"Pagefind wrote no {', '.join(missing)}")
    for path in (site_dir / FOLDER).glob("pagefind-*"):
        if path.name not in KEPT:  # Pagefind's own search interfaces: the site has its own
            path.unlink()
    files = sum(1 for path in folder.rglob("*") if path.is_file())
    return SearchIndex(sum(1 for _ in (folder / "fragment").iterdir()), files)
