"""Golden files: the Markdown generated from the sample data, page by page.

The sample in data/ is rendered as of 2025-12-31 without git history (so no
"数据更新于" dates) into a temporary folder and every page is compared with
tests/golden/<path>. After an intended change to templates or data, review the
diff this test prints, then rewrite the golden files with

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

A one-township site (the minimal dataset: one township, no county record) has its home, its
township's page and its organisation list in tests/golden-township/, rewritten alike.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from generators.pipeline import GENERATED, generate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2025, 12, 31)

# A fixed opening for the home page, so that editing docs/_intro.md does not
# change the golden files; the home page must carry it with the county's name filled in.
INTRO = "本站公开{{ 地区 }}党务、村务、财务信息和基层党建工作进度（测试用开头）。\n"

MAX_DIFFS_SHOWN = 3
MAX_DIFF_LINES = 60

pytestmark = pytest.mark.sample_data


# Downloads and feeds: tests/test_downloads.py reads them as their users do; their page is golden.
NOT_GOLDEN = ("data/", "feeds/")


def files_under(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    return {
        relative: p.read_text(encoding="utf-8")
        for relative, p in files.items()
        if relative == "data/index.md" or not relative.startswith(NOT_GOLDEN)
    }


def render(data: Path, docs: Path) -> dict[str, str]:
    """The pages generated from a data folder into docs/, with the fixed opening."""
    docs.mkdir()
    (docs / "_intro.md").write_text(INTRO, encoding="utf-8")
    result = generate(data, docs, TODAY, use_history=False)
    assert result.ok, f"{data} must be valid:\n" + "\n".join(map(str, result.problems))
    return files_under(docs / GENERATED)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    return render(DATA, tmp_path_factory.mktemp("golden") / "docs")


def unified(path: str, expected: str, actual: str) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"golden/{path}",
            f"rendered/{path}",
            lineterm="",
            n=2,
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


def test_pages_match_golden_files(rendered, request):
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in rendered.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        pytest.skip(f"rewrote {len(rendered)} golden files in {GOLDEN}")

    golden = files_under(GOLDEN)
    assert golden, f"no golden files in {GOLDEN}; create them with --update-golden"
    missing = sorted(set(golden) - set(rendered))
    extra = sorted(set(rendered) - set(golden))
    changed = sorted(p for p in set(golden) & set(rendered) if golden[p] != rendered[p])
    if not (missing or extra or changed):
        return
    report = []
    if missing:
        report.append("pages in tests/golden/ that were not rendered:\n  " + "\n  ".join(missing))
    if extra:
        report.append("rendered pages without a golden file:\n  " + "\n  ".join(extra))
    if changed:
        report.append(
            f"{len(changed)} page(s) differ from the golden files:\n  " + "\n  ".join(changed)
        )
        report.extend(unified(p, golden[p], rendered[p]) for p in changed[:MAX_DIFFS_SHOWN])
        if len(changed) > MAX_DIFFS_SHOWN:
            report.append(f"... diffs of {len(changed) - MAX_DIFFS_SHOWN} more page(s) not shown")
    report.append(
        "If the change is intended, run: "
        ".venv/bin/python -m pytest tests/test_golden.py --update-golden"
    )
    pytest.fail("\n\n".join(report), pytrace=False)


def test_every_record_has_a_golden_page(rendered):
    """The golden set itself covers the whole sample: one page per record, plus the index pages."""
    from generators.spec.registry import RECORD_TYPES, REGISTRY

    expected = {
        "index.md",
        "codes/index.md",
        "jieba_user_dict.txt",
        ".nav.json",
        "compliance/index.md",
        "supervision/index.md",
        "verify/index.md",
        "verify/fingerprints.json",
        "search-places.json",
        "admin/config.yml",
        "data/index.md",
    }
    expected |= {index.path for _, index in REGISTRY.index_pages()}
    assert {
        "villages/index.md",
        "branches/index.md",
        "progress/index.md",
        "disclosures/index.md",
    } <= expected
    for record_type in RECORD_TYPES:
        folder = record_type.pattern.split("/")[0]
        for source in sorted((DATA / folder).rglob("*.yaml")):
            expected.add(f"{record_type.folder}/{source.stem}.md")
    assert set(rendered) == expected


def test_home_page_opens_with_the_intro(rendered):
    assert INTRO.replace("{{ 地区 }}", "云岭县") in rendered["index.md"]


# A one-township site: the minimal dataset (tests/fixtures/minimal), one township and no county
# record, as a township running its own site has. Its home page and its township's page are
# golden too, in tests/golden-township/.
TOWNSHIP_DATA = Path(__file__).resolve().parent / "fixtures" / "minimal"
TOWNSHIP_GOLDEN = Path(__file__).resolve().parent / "golden-township"
TOWNSHIP_PAGES = ("index.md", "townships/qingxi.md", "branches/index.md")


@pytest.fixture(scope="module")
def rendered_township(tmp_path_factory) -> dict[str, str]:
    pages = render(TOWNSHIP_DATA, tmp_path_factory.mktemp("golden-township") / "docs")
    return {path: pages[path] for path in TOWNSHIP_PAGES}


def test_a_one_township_sites_pages_match_golden_files(rendered_township, request):
    if request.config.getoption("--update-golden"):
        for path, text in rendered_township.items():
            target = TOWNSHIP_GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        pytest.skip(f"rewrote {len(rendered_township)} golden files in {TOWNSHIP_GOLDEN}")
    changed = [
        unified(f"../golden-township/{path}", (TOWNSHIP_GOLDEN / path).read_text("utf-8"), text)
        for path, text in rendered_township.items()
        if (TOWNSHIP_GOLDEN / path).read_text("utf-8") != text
    ]
    assert not changed, "\n\n".join(changed)


def test_a_one_township_site_is_the_townships_and_compares_no_townships(rendered_township):
    home = rendered_township["index.md"]
    assert INTRO.replace("{{ 地区 }}", "青溪镇") in home
    assert "\n# 青溪镇公开平台\n" in home
    assert "## 各镇（街道）" not in home and "sortable-table" not in home
    assert "- [青溪镇（镇属单位）](/generated/townships/qingxi.md)" in home
