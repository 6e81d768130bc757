"""The notice-board sheet, printed by a real browser: one A4 page, and a QR code that decodes to its version.

A site is built with MkDocs from the minimal dataset in a real git repository,
its disclosure grown to 20 finance lines (10 incomes, 10 expenses) and then
corrected once; Chromium prints the pages to PDF, poppler counts the pages and
renders them, zbar reads the QR code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from html import unescape
from pathlib import Path

import browser
import pytest
import web
from conftest import DISCLOSURE, MINIMAL, REPO, Dataset
from disclosure_moves import correct_the_date, published_early
from gitrepo import GitRepo
from sitebuild import copy_site_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SITE_URL = "https://example.org/qingxi/"
ID = "xikou-2025-q1-caiwu"


def twenty_lines(dataset, first_expense_extra: Decimal = Decimal(0)) -> None:
    income = [(f"收入项目{i}", Decimal(1000 + i * 37) + Decimal("0.25")) for i in range(1, 11)]
    expense = [(f"支出项目{i}", Decimal(600 + i * 23) + Decimal("0.10")) for i in range(1, 11)]
    expense[0] = (expense[0][0], expense[0][1] + first_expense_extra)
    closing = Decimal("1000.10") + sum(a for _, a in income) - sum(a for _, a in expense)
    lines = ["  income:"] + [f"    - item: {n}\n      amount: {a}" for n, a in income]
    lines += ["  expense:"] + [f"    - item: {n}\n      amount: {a}" for n, a in expense]
    text = dataset.read(DISCLOSURE)
    start = text.index("  income:")
    text = (
        text[:start]
        + "\n".join(lines)
        + "\n"
        + f"  closing: {closing}\n"
        + text[text.index("decision:") :]
    )
    dataset.write(DISCLOSURE, text)


def project(tmp_path_factory, name: str) -> Dataset:
    """A site project with the minimal dataset, in a new folder."""
    browser.require("chromium", "pdfinfo", "pdftoppm", "pdftotext", "zbarimg")
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(MINIMAL, root / "data")
    copy_site_project(root)
    return Dataset(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dataset = project(tmp_path_factory, "sheet")
    root = dataset.root
    twenty_lines(dataset)
    git = GitRepo(root).init()
    git.commit("Accounts with twenty lines")
    twenty_lines(dataset, Decimal(9))
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE) + "  - date: 2025-04-21\n    reason: 支出项目1金额录入有误\n",
    )
    git.commit("Correct an expense")
    return built(root)


def built(root: Path) -> Path:
    """The site of the project at root, as the publishing workflow builds it: its site/ folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(
        PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL
    )
    done = subprocess.run(
        [sys.executable, "-m", "generators", "site", "--data", "data", "--today", "2025-12-31"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def printed(site: Path, url: str, tmp_path: Path, name: str) -> Path:
    return browser.print_to_pdf((site / url / "index.html").as_uri(), tmp_path / f"{name}.pdf")


@pytest.mark.parametrize(
    "url", [f"disclosures/{ID}", f"disclosures/{ID}/v1", f"disclosures/{ID}/v2"]
)
def test_twenty_finance_lines_fit_one_a4_page(site, url, tmp_path):
    assert browser.pdf_pages(printed(site, url, tmp_path, "sheet")) == 1


@pytest.mark.parametrize(
    "url, version",
    [(f"disclosures/{ID}/v1", 1), (f"disclosures/{ID}/v2", 2), (f"disclosures/{ID}", 2)],
)
def test_the_printed_qr_code_opens_the_exact_version(site, url, version, tmp_path):
    [png] = browser.pdf_to_png(printed(site, url, tmp_path, "sheet"), tmp_path / "page", dpi=150)
    assert browser.decode_qr(png) == [f"{SITE_URL}disclosures/{ID}/v{version}/"]


def test_the_sheet_prints_what_supervisors_need(site, tmp_path):
    pdf = printed(site, f"disclosures/{ID}", tmp_path, "sheet")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (
        "公开主体：溪口村",
        "所属期间：2025年第一季度",
        "公开日期：2025-04-10",
        "公开期限",
        "村务监督委员会意见",
        "公开单位（盖章）",
        "提出",
        "审核",
        "审批",
        "版本指纹",
    ):
        assert words in text, words
    assert (
        "更正原因      改动" not in text and "按期情况" not in text
    )  # screen-only parts stay off the paper
    assert "版本指纹 " in text


def test_the_printed_fingerprint_leads_to_its_version(site):
    table = json.loads((site / "verify" / "fingerprints.json").read_text(encoding="utf-8"))
    html = unescape((site / "disclosures" / ID / "v2" / "index.html").read_text(encoding="utf-8"))
    [fingerprint] = [f for f, entry in table.items() if entry["url"] == f"../disclosures/{ID}/v2/"]
    assert "-".join(fingerprint[i : i + 4] for i in range(0, 12, 4)) in html
    assert (site / "verify" / "index.html").is_file()


# A disclosure moved to another year folder by a correction of its published date, each way.
MOVED = {  # id → (published first, corrected to)
    ID: ("2025-01-03", "2024-12-30"),
    "xikou-2024-q4-caiwu": ("2024-12-30", "2025-01-03"),
}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    dataset = project(tmp_path_factory, "moved")
    root = dataset.root
    published_early(dataset, "2025-01-03")
    q4 = "disclosures/2024/xikou-2024-q4-caiwu.yaml"
    dataset.write(
        q4,
        dataset.read(DISCLOSURE)
        .replace(f"id: {ID}", "id: xikou-2024-q4-caiwu")
        .replace("period: 2025-Q1", "period: 2024-Q4")
        .replace("2025年第一季度", "2024年第四季度")
        .replace("published: 2025-01-03", "published: 2024-12-30"),
    )
    git = GitRepo(root).init()
    git.commit("Two accounts published", date="2025-06-02T10:00:00+08:00")
    correct_the_date(
        dataset, DISCLOSURE, *MOVED[ID], "2025-07-01", "disclosures/2024/" + ID + ".yaml"
    )
    correct_the_date(
        dataset,
        q4,
        *MOVED["xikou-2024-q4-caiwu"],
        "2025-07-01",
        "disclosures/2025/xikou-2024-q4-caiwu.yaml",
    )
    git.commit("Correct the published dates", date="2025-07-01T10:00:00+08:00")
    return built(root)


@pytest.mark.parametrize("record_id", sorted(MOVED))
@pytest.mark.parametrize("version", [1, 2])
def test_a_moved_disclosure_prints_each_version_with_its_own_qr_code(
    moved_site, record_id, version, tmp_path
):
    table = json.loads((moved_site / "verify" / "fingerprints.json").read_text(encoding="utf-8"))
    [fingerprint] = [
        f for f, entry in table.items() if entry["url"] == f"../disclosures/{record_id}/v{version}/"
    ]
    url = f"disclosures/{record_id}" + ("/v1" if version == 1 else "")  # v2: the current page
    pdf = printed(moved_site, url, tmp_path, "sheet")
    [png] = browser.pdf_to_png(pdf, tmp_path / "page", dpi=150)
    assert browser.decode_qr(png) == [f"{SITE_URL}disclosures/{record_id}/v{version}/"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"（第 {version} 版）" in text
    assert "-".join(fingerprint[i : i + 4] for i in range(0, 12, 4)) in text
    assert f"公开日期：{MOVED[record_id][version - 1]}" in text


def test_every_printed_fingerprint_opens_its_version_on_the_verify_page(moved_site):
    """A site served below a folder (as a forge's pages are), each fingerprint typed as printed."""
    table = json.loads((moved_site / "verify" / "fingerprints.json").read_text(encoding="utf-8"))
    assert len(table) == 4
    with web.serve(moved_site.parent) as root, web.browser() as chromium:
        page = chromium.new_page(viewport=web.PHONE)
        blocked = web.block_external(page)
        base = f"{root}{moved_site.name}/"
        for fingerprint, entry in sorted(table.items()):
            printed = "-".join(fingerprint[i : i + 4] for i in range(0, 12, 4))
            page.goto(base + "verify/", wait_until="load")
            page.fill("#verify-input", printed.upper())
            page.click("#verify-form button[type=submit]")
            page.click("#verify-result a")
            page.wait_for_load_state("load")
            version = entry["number"]
            assert page.url.startswith(base + "disclosures/")
            assert page.url.endswith(f"/v{version}/")
            assert f"（第 {version} 版）" in page.locator("h1").inner_text()
            assert f"版本指纹 {printed}" in page.locator("body").inner_text()
        assert blocked == []
