"""The site's downloads (/data/) and feeds (/feeds/): what the public and open-data users take away.

The sample data is generated once (the pipeline's render and write steps,
without MkDocs) and its files are read as a user reads them: CSV with
Python's csv module, workbooks with openpyxl, the data package with the
frictionless library, the feeds with feedparser. The numbers are compared
with the pages' own Markdown.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import feedparser
import frictionless
import openpyxl
import pytest
from conftest import REPO, TODAY

from generators.exchange.downloads import FINANCE_HEADERS
from generators.exchange.feeds import entry_id
from generators.exchange.layout import file_stem, tables_of
from generators.pipeline import generate
from generators.privacy.scan import scan_site
from generators.spec.registry import REGISTRY


def generated(data: Path, docs: Path) -> Path:
    result = generate(data, docs, TODAY, use_history=False)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    return docs / "generated"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return generated(REPO / "data", tmp_path_factory.mktemp("docs"))


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_every_table_of_every_type_is_a_csv_with_chinese_headers_in_the_layouts_order(out):
    for record_type in REGISTRY:
        for table in tables_of(record_type):
            path = out / "data" / f"{file_stem(table)}.csv"
            raw = path.read_bytes().decode("utf-8-sig")
            header = next(csv.reader(io.StringIO(raw)))
            assert tuple(header) == table.headers, path
        assert (out / "data" / f"{record_type.folder}.xlsx").is_file()
        body = json.loads((out / "data" / f"{record_type.folder}.json").read_text("utf-8"))
        assert body["label"] == record_type.label
    villages = read_csv(out / "data" / "villages.csv")
    assert [v["编号"] for v in villages] == sorted(v["编号"] for v in villages)


def test_the_csvs_numbers_are_the_pages_numbers(out):
    villages = {v["编号"]: v for v in read_csv(out / "data" / "villages.csv")}
    page = (out / "villages" / "shangtang.md").read_text("utf-8")
    assert villages["shangtang"]["户籍人口"] == "3214" and "3214" in page
    lines = read_csv(out / "data" / "finance-lines.csv")
    assert lines and tuple(lines[0]) == FINANCE_HEADERS
    by_disclosure: dict[str, Decimal] = {}
    for line in lines:
        if line["收支"] == "收入":
            amount = Decimal(line["金额（元）"])
            by_disclosure[line["公开编号"]] = (
                by_disclosure.get(line["公开编号"], Decimal(0)) + amount
            )
    for disclosure_id, income in by_disclosure.items():
        text = (out / "disclosures" / f"{disclosure_id}.md").read_text("utf-8")
        assert f"{income:,.2f}" in text, disclosure_id
    income_rows = read_csv(out / "data" / "disclosures-finance-income.csv")
    assert len(income_rows) == sum(1 for line in lines if line["收支"] == "收入")


def test_the_data_package_validates_with_frictionless(out):
    report = frictionless.validate(str(out / "data" / "datapackage.json"))
    errors = [
        (task.name, e.type, getattr(e, "note", "")) for task in report.tasks for e in task.errors
    ] + [(None, e.type, e.note) for e in report.errors]
    assert report.valid, errors[:10]
    package = json.loads((out / "data" / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert (
        "villages" in names and "disclosures-finance-income" in names and "finance-lines" in names
    )
    villages = next(r for r in package["resources"] if r["name"] == "villages")
    fields = {f["name"]: f for f in villages["schema"]["fields"]}
    assert fields["类型"]["constraints"] == {"enum": ["行政村", "社区"], "required": True}
    assert fields["户籍人口"]["type"] == "integer"
    assert villages["schema"]["primaryKey"] == ["编号"]


def test_a_masked_name_stays_masked_in_every_download(out):
    disclosure = (REPO / "data" / "disclosures" / "2025" / "xikou-dibao-2025-q4.yaml").read_text(
        "utf-8"
    )
    names = re.findall(r"name: (\S+)", disclosure)
    assert names and all(len(n) >= 2 for n in names)
    rows = read_csv(out / "data" / "disclosures-beneficiaries.csv")
    assert {r["姓名"] for r in rows} <= {n[0] + "*" for n in names}
    for path in (out / "data").rglob("*"):
        if path.suffix in (".csv", ".json", ".xml"):
            text = path.read_text("utf-8")
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            text = "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
        else:
            continue
        assert not any(name in text for name in names), path


def test_the_summary_workbook_has_the_pages_numbers(out):
    book = openpyxl.load_workbook(out / "data" / "summary.xlsx")
    assert "公开情况" in book.sheetnames and "组织生活" in book.sheetnames
    disclosures = book["公开情况"]
    compliance = html.unescape((out / "compliance" / "index.md").read_text("utf-8"))
    townships = compliance.split("## 各镇（街道）", 1)[1].split("\n\n")[1].splitlines()[2:]
    rows = [[c.value for c in row] for row in disclosures.iter_rows(min_row=3)]
    whole = [row for row in rows if row[1] == "（全镇）"]
    assert len(whole) == len(townships) == 2
    for row, line in zip(whole, townships, strict=True):  # each township's row as the page shows it
        assert line.startswith(f"| [{row[0]}](")
        assert line.endswith(" | " + " | ".join(str(v) for v in row[2:]) + " |")
    # a township's villages follow its own row, for a county official reading or filtering it
    order = [row[0] for row in rows]
    assert order == sorted(order, key=[row[0] for row in whole].index)
    assert all(rows[order.index(row[0])] == row for row in whole)
    plans = "".join(html.unescape(page.read_text("utf-8")) for page in (out / "plans").glob("*.md"))
    targets = [name for name in book.sheetnames if name not in ("公开情况", "组织生活")]
    assert targets
    for name in targets:
        ws = book[name]
        first = [c.value for c in ws[3]]
        assert first[1] == "（全镇）"
        if first[2] != "—":
            assert first[2] in plans, (name, first)


def test_a_personal_number_planted_in_a_record_stops_every_download(dataset, tmp_path):
    dataset.replace("villages/xikou.yaml", "name: 溪口村\n", "name: 溪口村11010519491231002X\n")
    result = generate(Path("data"), tmp_path / "docs", TODAY, use_history=False)
    assert not result.ok
    assert "privacy.id-number" in {p.code for p in result.problems}
    assert not (tmp_path / "docs" / "generated").exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xml"])
def test_the_site_scan_reads_downloads_and_feeds(out, tmp_path, suffix):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    source = {
        ".csv": "data/villages.csv",
        ".xlsx": "data/villages.xlsx",
        ".xml": "feeds/disclosures.xml",
    }
    planted = site / "data" / f"leak{suffix}"
    shutil.copy(out / source[suffix], planted)
    assert scan_site(site) == []
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(planted)
        book.active["C3"] = "联系电话 138 1234 5678"
        book.save(planted)
    else:
        text = planted.read_text("utf-8")
        planted.write_text(text.replace("上塘村", "上塘村 13812345678", 1), "utf-8")
    problems = scan_site(site)
    assert [(p.code, Path(p.path).name) for p in problems] == [("site.mobile", f"leak{suffix}")]


# ---------------------------------------------------------------------------
# feeds


def test_the_feeds_are_atom_with_entries_that_keep_their_ids(out):
    feed = feedparser.parse((out / "feeds" / "disclosures.xml").read_bytes())
    assert feed.version == "atom10" and not feed.bozo
    assert len(feed.entries) == len(list((REPO / "data" / "disclosures").rglob("*.yaml")))
    first = feed.entries[0]
    assert first.id.startswith("urn:uuid:") and first.link.startswith(
        "http://127.0.0.1:8000/disclosures/"
    )
    village = feedparser.parse((out / "feeds" / "villages" / "shangtang.xml").read_bytes())
    assert village.feed.title == "上塘村 · 公开"
    assert all("shangtang" in e.link for e in village.entries)
    townships = [
        feedparser.parse((out / "feeds" / "townships" / f"{t}.xml").read_bytes())
        for t in ("qingxi", "hexi")
    ]
    # every disclosure in its own township's feed, and in no other
    links = [sorted(e.link for e in t.entries) for t in townships]
    assert sorted(links[0] + links[1]) == sorted(e.link for e in feed.entries)
    assert all(links)


def test_a_correction_updates_its_entry_and_keeps_its_id(dataset, tmp_path):
    before = generated(Path("data"), tmp_path / "a")
    entry = _entry(before, "xikou-2025-q1-caiwu")
    assert entry.id == entry_id("xikou-2025-q1-caiwu")
    assert entry.updated.startswith("2025-04-20") and entry.title.endswith("（已更正）")
    dataset.replace(
        "disclosures/2025/xikou-2025-q1-caiwu.yaml",
        "    reason: 更正一笔收入的项目名称\n",
        "    reason: 更正一笔收入的项目名称\n  - date: 2025-06-01\n    reason: 补充审批日期\n",
    )
    after = _entry(generated(Path("data"), tmp_path / "b"), "xikou-2025-q1-caiwu")
    assert after.id == entry.id
    assert (
        after.updated.startswith("2025-06-01") and "2025-06-01 更正：补充审批日期" in after.summary
    )
    again = generated(Path("data"), tmp_path / "c")
    assert (again / "feeds" / "disclosures.xml").read_bytes() == (
        tmp_path / "b" / "generated" / "feeds" / "disclosures.xml"
    ).read_bytes()


def _entry(out: Path, record_id: str):
    feed = feedparser.parse((out / "feeds" / "disclosures.xml").read_bytes())
    return next(e for e in feed.entries if e.link.rstrip("/").endswith(record_id))


def test_the_data_page_links_every_download_and_is_linked_from_every_index_page(out):
    page = (out / "data" / "index.md").read_text("utf-8")
    for path in (out / "data").rglob("*"):
        if path.is_file() and path.name != "index.md":
            assert f"(/generated/{path.relative_to(out).as_posix()})" in page, path.name
    assert "(/generated/data/templates/villages-template.xlsx)" in page
    for index in (
        "villages",
        "branches",
        "progress",
        "disclosures",
        "findings",
        "new-orgs",
        "pledges",
        "compliance",
        "supervision",
    ):
        text = (out / index / "index.md").read_text("utf-8")
        assert "(/generated/data/index.md)" in text, index
    assert "(/generated/feeds/villages/shangtang.xml)" in (
        out / "villages" / "shangtang.md"
    ).read_text("utf-8")
