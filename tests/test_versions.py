"""Every published version of a disclosure, from a real git history; the version pages as golden files."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import DISCLOSURE, TODAY, TOWNSHIP
from disclosure_moves import IN_2024, correct_the_date, published_early
from gitrepo import GitRepo

from generators.check.loader import load_bytes
from generators.check.validate import validate
from generators.history.difference import describe
from generators.history.versions import disclosure_versions, fingerprint
from generators.pipeline import GENERATED, generate
from generators.render.qrcode import qr_svg
from generators.spec.registry import REGISTRY

GOLDEN = (
    Path(__file__).resolve().parent / "golden_versions"
)  # beside tests/golden/, which test_golden.py owns
ID = "xikou-2025-q1-caiwu"
SCHEMA = REGISTRY["disclosure"].schema
CORRECTION = """  - date: 2025-04-12
    reason: 经村务监督委员会核对票据，办公支出金额录入有误
    changes: 支出「办公」由 0.30 元更正为 0.20 元
"""


def versions(today=TODAY):
    result = validate(Path("data"), TODAY)
    assert result.ok, [p.text() for p in result.problems]
    return disclosure_versions(Path("data"), result.records, today)


def correct_the_expense(dataset):
    dataset.replace(
        DISCLOSURE, "    - item: 办公\n      amount: 0.30", "    - item: 办公\n      amount: 0.20"
    )
    dataset.replace(DISCLOSURE, "  closing: 1000.10", "  closing: 1000.20")
    dataset.write(DISCLOSURE, dataset.read(DISCLOSURE) + CORRECTION)


@pytest.fixture
def corrected(dataset):
    """Published on 2025-04-10, committed the next day, corrected the day after."""
    git = GitRepo(dataset.root).init()
    git.commit("Xikou's first-quarter accounts")
    correct_the_expense(dataset)
    git.commit("Correct the office expense")
    return git


def test_each_commit_of_a_published_disclosure_is_a_version(corrected):
    [first, second] = versions()[ID]
    assert (first.number, first.date, first.reasons, first.changes) == (
        1,
        dt.date(2025, 4, 11),
        (),
        (),
    )
    assert (second.number, second.date) == (2, dt.date(2025, 4, 12))
    assert second.reasons == ("经村务监督委员会核对票据，办公支出金额录入有误",)
    assert second.changes == (
        "支出「办公」由 0.30 元更正为 0.20 元",
        "「财务收支 › 期末余额（元）」由 1,000.10 元更正为 1,000.20 元",
    )
    assert len(first.fingerprint) == 12 and first.fingerprint != second.fingerprint
    assert second.commit == corrected.git("rev-parse", "HEAD")


def test_a_versions_date_is_the_day_the_public_saw_it_not_the_commit_day(dataset):
    """公开于 is the 公开日期 of a first version, the day its correction was published for a
    corrected one, and the day it reached main for a change without a correction; the commit
    day and hash stay on the version for those who check."""
    git = GitRepo(dataset.root).init()
    git.commit("Entered late", date="2025-05-20T10:00:00+08:00")
    correct_the_expense(dataset)
    dataset.replace(DISCLOSURE, "date: 2025-04-12", "date: 2025-06-01")
    git.commit("Corrected", date="2025-06-15T10:00:00+08:00")
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    git.commit("Reworded", date="2025-07-01T10:00:00+08:00")
    first, second, third = versions()[ID]
    assert [(v.published, v.date) for v in (first, second, third)] == [
        (dt.date(2025, 4, 10), dt.date(2025, 5, 20)),
        (dt.date(2025, 6, 1), dt.date(2025, 6, 15)),
        (dt.date(2025, 7, 1), dt.date(2025, 7, 1)),
    ]
    docs = dataset.root / "docs"
    assert generate(Path("data"), docs, TODAY).ok
    page = (docs / GENERATED / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    table = page[page.index("## 版本记录") :]
    rows = [r for r in table.splitlines() if r.startswith("| [第")]
    assert [re.findall(r"\d{4}-\d{2}-\d{2}", r) for r in rows] == [
        ["2025-07-01"],
        ["2025-06-01"],
        ["2025-04-10"],
    ]
    assert first.short_commit not in "".join(rows)
    checks = table[table.index("<details") :]
    assert f"第 1 版：提交 {first.short_commit}，2025-05-20 存入数据仓库" in checks
    version_page = (docs / GENERATED / "disclosures" / ID / "v1.md").read_text(encoding="utf-8")
    assert "这是第 1 版，2025-04-10 起公开，后来已经更正。" in version_page


def test_a_correction_made_before_the_first_version_is_matched_to_it(dataset):
    """A 更正记录 already in the first published content has no version of its own: the version
    record says the first version carried it, and that the uncorrected content was never shown."""
    correct_the_expense(dataset)
    GitRepo(dataset.root).init().commit("Published with its correction")
    [only] = versions()[ID]
    assert only.reasons == ()
    docs = dataset.root / "docs"
    assert generate(Path("data"), docs, TODAY).ok
    page = (docs / GENERATED / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    table = page[page.index("## 版本记录") :].replace("&#45;", "-")
    assert (
        "第 1 版公开时已包含 2025-04-12 的更正（经村务监督委员会核对票据，办公支出金额录入有误），"
        "更正前的内容没有在本站公开过。" in table
    )


def test_a_first_version_without_corrections_says_nothing_of_them(dataset):
    dataset.write(DISCLOSURE, dataset.read(DISCLOSURE).split("corrections:")[0])
    GitRepo(dataset.root).init().commit("Published, never corrected")
    docs = dataset.root / "docs"
    assert generate(Path("data"), docs, TODAY).ok
    page = (docs / GENERATED / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    assert "| 首次公开 |" in page and "公开时已包含" not in page


def test_a_draft_replaced_before_its_published_date_is_no_version(dataset):
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2025-04-13")
    git = GitRepo(dataset.root).init()
    git.commit("Draft", date="2025-04-11T10:00:00+08:00")
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    git.commit("Draft reworded", date="2025-04-12T10:00:00+08:00")
    [only] = versions()[ID]
    assert (only.number, only.date) == (1, dt.date(2025, 4, 12))
    assert versions(today=dt.date(2025, 4, 12)) == {}  # not published yet on the 12th


def test_a_change_not_yet_committed_is_the_newest_version(corrected, dataset):
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    newest = versions()[ID][-1]
    assert (newest.number, newest.commit, newest.short_commit, newest.date) == (
        3,
        None,
        "未提交",
        TODAY,
    )
    assert newest.changes == ("公开内容「收支情况」的内容有改动",)


def test_a_version_with_a_personal_number_is_withheld(dataset):
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 联系人电话13812345678")
    git = GitRepo(dataset.root).init()
    git.commit("With a mobile number")
    dataset.replace(DISCLOSURE, "content: 联系人电话13812345678", "content: 本季度收支见下表")
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE) + CORRECTION.replace("办公支出金额录入有误", "删去个人电话"),
    )
    git.commit("Remove the number")
    [first, second] = versions()[ID]
    assert first.withheld and not second.withheld and second.changes == ()
    docs = dataset.root / "docs"
    docs.mkdir()
    assert generate(Path("data"), docs, TODAY).ok
    pages = "".join(p.read_text(encoding="utf-8") for p in (docs / GENERATED).rglob("*.md"))
    assert "13812345678" not in pages and "1381234" not in pages
    assert "此版本含有不应公开的个人信息" in (
        docs / GENERATED / "disclosures" / ID / "v1.md"
    ).read_text(encoding="utf-8")


def test_outside_git_there_are_no_versions(dataset):
    assert versions() == {}


def test_what_changed_said_in_chinese():
    old = {
        "title": "甲",
        "finance": {
            "opening": "10.00",
            "income": [{"item": "租金", "amount": "5.00"}],
            "expense": [{"item": "修路材料款", "amount": "12000.00"}],
            "closing": "x",
        },
        "review": [{"step": "审核", "by": "村务监督委员会", "date": "2025-04-05"}],
        "beneficiaries": [{"name": "张三丰", "benefit": "低保"}],
    }
    new = {
        "title": "乙",
        "finance": {
            "opening": "10.00",
            "income": [{"item": "补助", "amount": "1.50"}],
            "expense": [{"item": "修路材料款", "amount": "12600"}],
            "closing": "x",
        },
        "review": [{"step": "审核", "by": "村务监督委员会", "date": "2025-04-06"}],
        "beneficiaries": [{"name": "李四", "benefit": "低保"}],
        "withdrawn": {"date": "2025-05-01", "reason": "重复"},
    }
    assert describe(old, new, SCHEMA) == [
        "「标题」由「甲」更正为「乙」",
        "新增收入「补助」（1.50 元）",
        "删去收入「租金」（5.00 元）",
        "支出「修路材料款」由 12,000.00 元更正为 12,600.00 元",
        "审核程序「审核」的日期由「2025-04-05」更正为「2025-04-06」",
        "新增享受对象 1 人：李*（低保）",
        "删去享受对象 1 人：张*（低保）",
        "撤回：重复",
    ]


def test_version_pages_golden(corrected, dataset, request):
    docs = dataset.root / "docs"
    docs.mkdir()
    result = generate(Path("data"), docs, TODAY, site_url="https://example.org/qingxi/")
    assert result.ok
    out = docs / GENERATED / "disclosures"
    pages = {
        "v1.md": (out / ID / "v1.md"),
        "v2.md": (out / ID / "v2.md"),
        "current.md": out / f"{ID}.md",
    }
    update = request.config.getoption("--update-golden")
    for name, path in pages.items():
        text = path.read_text(encoding="utf-8")
        golden = GOLDEN / name
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), (
            f"{name} differs from tests/golden_versions/{name}"
        )
    fingerprints = (docs / GENERATED / "verify" / "fingerprints.json").read_text(encoding="utf-8")
    assert f'"url":"../disclosures/{ID}/v2/"' in fingerprints


# ---------------------------------------------------------------------------
# A disclosure's history follows its id when its file moves to another year folder.

SITE_URL = "https://example.org/qingxi/"
MOVES = {  # direction → (first file, first published date, moved file, corrected published date)
    "to-an-earlier-year": (DISCLOSURE, "2025-01-03", IN_2024, "2024-12-30"),
    "to-a-later-year": (IN_2024, "2024-12-30", DISCLOSURE, "2025-01-03"),
}


def build(dataset, today: dt.date) -> Path:
    docs = dataset.root / "docs"
    result = generate(Path("data"), docs, today, site_url=SITE_URL)
    assert result.ok, [p.text() for p in result.problems]
    return docs / GENERATED


def sheets(generated: Path) -> dict[str, tuple[int, str, str]]:
    """Every printed sheet of a build: page → (第 N 版, the QR code's address, the fingerprint)."""
    found = {}
    for page in sorted((generated / "disclosures").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if "sheet-qr__fingerprint" not in text:
            continue
        [(number, url, printed)] = re.findall(
            r"扫码查看网上原文（第 (\d+) 版）<br><span class=\"sheet-qr__url\">([^<]*)</span>"
            r"<br>版本指纹 <strong class=\"sheet-qr__fingerprint\">([^<]*)</strong>",
            text,
        )
        url = unescape(url)
        assert qr_svg(url) in text  # the QR code drawn on the sheet holds that address
        found[page.relative_to(generated).as_posix()] = (int(number), url, unescape(printed))
    return found


def verify_table(generated: Path) -> dict:
    return json.loads((generated / "verify" / "fingerprints.json").read_text(encoding="utf-8"))


def assert_verifies(generated: Path, printed: set[tuple[str, str]]) -> None:
    """Each (QR address, fingerprint) once printed: /verify/ leads to that version's page,
    which shows it."""
    table = verify_table(generated)
    for url, text in printed:
        entry = table[text.replace("-", "")]
        assert urljoin(SITE_URL + "verify/", entry["url"]) == url  # as /verify/ links it
        page = generated / (url.removeprefix(SITE_URL).rstrip("/") + ".md")
        assert f"版本指纹 {text}" in unescape(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("direction", sorted(MOVES))
def test_a_published_disclosure_moved_to_another_year_keeps_its_history(dataset, direction):
    first, published, moved, corrected = MOVES[direction]
    published_early(dataset, published, to=first)
    git = GitRepo(dataset.root).init()
    git.commit("Published", date="2025-06-02T10:00:00+08:00")
    printed = {(url, text) for _, url, text in sheets(build(dataset, dt.date(2025, 6, 2))).values()}
    correct_the_date(dataset, first, published, corrected, "2025-07-01", to=moved)
    assert problems_against("HEAD") == []
    git.commit("Correct the published date", date="2025-07-01T10:00:00+08:00")
    [v1, v2] = versions()[ID]
    assert (v1.number, v1.date, str(v1.data["published"]), v1.reasons) == (
        1,
        dt.date(2025, 6, 2),
        published,
        (),
    )
    assert (v2.number, v2.date, str(v2.data["published"])) == (
        2,
        dt.date(2025, 7, 1),
        corrected,
    )
    assert v2.reasons == ("公开日期录入有误",)
    assert v2.changes == (f"「公开日期」由「{published}」更正为「{corrected}」",)
    generated = build(dataset, dt.date(2025, 7, 1))
    now = sheets(generated)
    [fingerprint_1] = [text for url, text in printed]
    assert now == {
        f"disclosures/{ID}.md": (2, f"{SITE_URL}disclosures/{ID}/v2/", v2.fingerprint_text),
        f"disclosures/{ID}/v1.md": (1, f"{SITE_URL}disclosures/{ID}/v1/", fingerprint_1),
        f"disclosures/{ID}/v2.md": (2, f"{SITE_URL}disclosures/{ID}/v2/", v2.fingerprint_text),
    }
    assert_verifies(generated, printed | {(url, text) for _, url, text in now.values()})
    pages = generated / "disclosures" / ID
    assert published_date(pages / "v1.md") == published
    assert published_date(pages / "v2.md") == corrected
    assert published_date(generated / "disclosures" / f"{ID}.md") == corrected


def published_date(page: Path) -> str:
    [day] = re.findall(
        r"\| 公开日期 \| <span class=\"nowrap\">([^<]*)</span>", page.read_text("utf-8")
    )
    return unescape(day)


def problems_against(base: str, today=TODAY) -> list[tuple]:
    return [(p.code, p.path, p.line) for p in validate(Path("data"), today, base=base).problems]


def test_a_disclosure_moved_there_and_back_keeps_every_fingerprint(dataset):
    published_early(dataset, "2025-01-03")
    git = GitRepo(dataset.root).init()
    git.commit("Published", date="2025-06-02T10:00:00+08:00")
    printed = set()
    steps = [
        (DISCLOSURE, "2025-01-03", "2024-12-30", "2025-07-01", IN_2024),
        (IN_2024, "2024-12-30", "2025-01-02", "2025-08-01", DISCLOSURE),
    ]
    for path, old, new, day, to in steps:
        generated = build(dataset, dt.date.fromisoformat(day) - dt.timedelta(days=1))
        printed |= {(url, text) for _, url, text in sheets(generated).values()}
        correct_the_date(dataset, path, old, new, day, to)
        git.commit(f"Correct the published date to {new}", date=f"{day}T10:00:00+08:00")
    assert [(v.number, v.date.isoformat(), str(v.data["published"])) for v in versions()[ID]] == [
        (1, "2025-06-02", "2025-01-03"),
        (2, "2025-07-01", "2024-12-30"),
        (3, "2025-08-01", "2025-01-02"),
    ]
    generated = build(dataset, TODAY)
    assert len(printed) == 2  # v1 (on its own page and the disclosure's), then v1 and v2
    assert_verifies(generated, printed)
    assert sheets(generated)[f"disclosures/{ID}.md"][:2] == (3, f"{SITE_URL}disclosures/{ID}/v3/")
    assert len(verify_table(generated)) == 3


def test_a_move_not_yet_committed_is_the_newest_version(dataset):
    published_early(dataset, "2025-01-03")
    GitRepo(dataset.root).init().commit("Published", date="2025-06-02T10:00:00+08:00")
    correct_the_date(dataset, DISCLOSURE, "2025-01-03", "2024-12-30", "2025-07-01", IN_2024)
    [v1, v2] = versions()[ID]
    assert (v1.commit is not None, v2.commit, v2.reasons) == (True, None, ("公开日期录入有误",))


@pytest.mark.parametrize("direction", sorted(MOVES))
def test_a_move_into_the_right_year_folder_alone_is_no_new_version(dataset, direction):
    """Filed in the wrong year folder once (the published date says the other year), then moved."""
    first, published, moved, _ = MOVES[direction]
    published_early(dataset, {"to-an-earlier-year": "2024-12-30"}.get(direction, "2025-01-03"))
    if first != DISCLOSURE:
        dataset.move(DISCLOSURE, first)
    git = GitRepo(dataset.root).init()
    first_commit = git.commit("Published, in the wrong folder", date="2025-06-02T10:00:00+08:00")
    dataset.move(first, moved)
    assert problems_against("HEAD") == []
    git.commit("Move it to its year", date="2025-07-01T10:00:00+08:00")
    [only] = versions()[ID]
    assert (only.number, only.commit, only.date) == (1, first_commit, dt.date(2025, 6, 2))
    generated = build(dataset, TODAY)
    assert sheets(generated)[f"disclosures/{ID}.md"] == (
        1,
        f"{SITE_URL}disclosures/{ID}/v1/",
        only.fingerprint_text,
    )
    assert not (generated / "disclosures" / ID / "v2.md").exists()


def test_a_copy_then_a_deletion_moves_the_history_when_the_copy_is_alone(dataset):
    """Two files with one id cannot be built (id.duplicate), so the old content stays public until
    one of them is gone."""
    published_early(dataset, "2025-01-03")
    git = GitRepo(dataset.root).init()
    git.commit("Published", date="2025-06-02T10:00:00+08:00")
    dataset.write(IN_2024, dataset.read(DISCLOSURE))
    correct_the_date(dataset, IN_2024, "2025-01-03", "2024-12-30", "2025-07-01", IN_2024)
    assert "id.duplicate" in {code for code, *_ in problems_against("HEAD")}
    git.commit("A corrected copy in 2024", date="2025-07-01T10:00:00+08:00")
    dataset.delete(DISCLOSURE)
    deleted = git.commit("The old copy removed", date="2025-07-03T10:00:00+08:00")
    [v1, v2] = versions()[ID]
    assert (v1.date, str(v1.data["published"])) == (dt.date(2025, 6, 2), "2025-01-03")
    assert (v2.commit, v2.date, str(v2.data["published"])) == (
        deleted,
        dt.date(2025, 7, 3),
        "2024-12-30",
    )


def test_a_move_with_a_withdrawal_is_one_new_version(dataset):
    published_early(dataset, "2025-01-03")
    git = GitRepo(dataset.root).init()
    git.commit("Published", date="2025-06-02T10:00:00+08:00")
    correct_the_date(dataset, DISCLOSURE, "2025-01-03", "2024-12-30", "2025-07-01", IN_2024)
    dataset.write(
        IN_2024,
        dataset.read(IN_2024)
        + "withdrawn:\n  date: 2025-07-01\n  reason: 该期账目由镇财政所统一重新公开\n",
    )
    assert problems_against("HEAD") == []
    git.commit("Corrected and withdrawn", date="2025-07-01T10:00:00+08:00")
    [v1, v2] = versions()[ID]
    assert v2.changes == (
        "「公开日期」由「2025-01-03」更正为「2024-12-30」",
        "撤回：该期账目由镇财政所统一重新公开",
    )
    generated = build(dataset, TODAY)
    assert "已撤回" in (generated / "disclosures" / ID / "v2.md").read_text(encoding="utf-8")
    assert_verifies(generated, {(f"{SITE_URL}disclosures/{ID}/v1/", v1.fingerprint_text)})


def test_a_draft_moved_before_its_published_date_starts_at_version_1(dataset):
    published_early(dataset, "2025-08-01")
    git = GitRepo(dataset.root).init()
    git.commit("A draft to publish on 2025-08-01", date="2025-06-02T10:00:00+08:00")
    dataset.replace(DISCLOSURE, "published: 2025-08-01", "published: 2024-12-30")
    dataset.move(DISCLOSURE, IN_2024)
    assert problems_against("HEAD", today=dt.date(2025, 7, 1)) == []  # a draft changes freely
    moved = git.commit("Published a year earlier, as it was", date="2025-07-01T10:00:00+08:00")
    [only] = versions()[ID]
    assert (only.number, only.commit, str(only.data["published"])) == (1, moved, "2024-12-30")


def test_a_version_replaced_on_its_published_day_was_public_that_day(dataset):
    """A build on the published day printed it; a correction later that day leaves it public."""
    dataset.replace(DISCLOSURE, "published: 2025-04-10", "published: 2025-06-02")
    dataset.replace(DISCLOSURE, "  - date: 2025-04-20", "  - date: 2025-06-02")
    git = GitRepo(dataset.root).init()
    git.commit("To be published on 2025-06-02", date="2025-06-01T10:00:00+08:00")
    printed = {(url, text) for _, url, text in sheets(build(dataset, dt.date(2025, 6, 2))).values()}
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE) + "  - date: 2025-06-02\n    reason: 公开内容的说明不完整\n",
    )
    assert problems_against("HEAD", today=dt.date(2025, 6, 2)) == []
    git.commit("Corrected the same afternoon", date="2025-06-02T15:00:00+08:00")
    assert [v.number for v in versions()[ID]] == [1, 2]
    assert_verifies(build(dataset, TODAY), printed)


def fingerprint_of(dataset) -> str:
    text = fingerprint(load_bytes(dataset.read(DISCLOSURE).encode("utf-8"), DISCLOSURE).data)
    return "-".join(text[i : i + 4] for i in range(0, 12, 4))


def test_a_key_written_for_its_label_is_no_new_version(dataset):
    """公开事项 once held the item's label (as written before the catalogue had keys); writing its
    key instead changes nothing a reader is told, so it is no version of its own: the version
    shows the newer content, and both contents' fingerprints lead to it on /verify/."""
    dataset.replace(DISCLOSURE, "item: cunji-caiwu", "item: 季度财务收支")
    git = GitRepo(dataset.root).init()
    git.commit("Published with the item's label")
    labelled = fingerprint_of(dataset)
    dataset.replace(DISCLOSURE, "item: 季度财务收支", "item: cunji-caiwu")
    git.commit("The item's key for its label")
    keyed = fingerprint_of(dataset)
    [only] = versions()[ID]
    assert (only.number, only.date, only.reasons, only.changes) == (1, dt.date(2025, 4, 11), (), ())
    assert only.data["item"] == "cunji-caiwu" and only.fingerprint_text == labelled
    assert only.folded == (keyed.replace("-", ""),)
    generated = build(dataset, TODAY)
    assert not (generated / "disclosures" / ID / "v2.md").exists()
    table = verify_table(generated)
    for printed in (labelled, keyed):
        entry = table[printed.replace("-", "")]
        assert (entry["url"], entry["number"]) == (f"../disclosures/{ID}/v1/", 1)
    page = (generated / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    assert "未写更正原因" not in page and "[第 2 版]" not in page
    assert f"版本指纹 {labelled}" in unescape(
        (generated / "disclosures" / ID / "v1.md").read_text()
    )


def test_a_visible_change_with_a_key_is_a_version_without_a_reason(dataset):
    """A key written for its label in the same commit as a change a reader sees: a new version,
    which says it has no 更正记录."""
    dataset.replace(DISCLOSURE, "item: cunji-caiwu", "item: 季度财务收支")
    git = GitRepo(dataset.root).init()
    git.commit("Published with the item's label")
    dataset.replace(DISCLOSURE, "item: 季度财务收支", "item: cunji-caiwu")
    dataset.replace(DISCLOSURE, "content: 本季度收支见下表", "content: 本季度收支情况见下表")
    git.commit("Reworded")
    [first, second] = versions()[ID]
    assert (second.number, second.reasons, second.folded) == (2, (), ())
    assert second.changes == ("公开内容「收支情况」的内容有改动",)
    page = (build(dataset, TODAY) / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    assert "（未写更正原因）" in page


def test_another_key_is_a_new_version(dataset):
    """Filed under another item of the catalogue: readers see another 公开事项, so a version."""
    dataset.replace(
        TOWNSHIP,
        "disclosure_catalogue:\n",
        "disclosure_catalogue:\n  - key: caiwu-yuedu\n    category: 财务\n"
        "    title: 村级财务收支情况（按月公开）\n    applies_to: [行政村]\n"
        "    rhythm: 每季度\n    due_days: 10\n    effective: 2025-01-01\n",
    )
    git = GitRepo(dataset.root).init()
    git.commit("Published")
    dataset.replace(DISCLOSURE, "item: cunji-caiwu", "item: caiwu-yuedu")
    git.commit("Filed under the monthly item")
    [first, second] = versions()[ID]
    assert second.changes == ("「公开事项」由「cunji-caiwu」更正为「caiwu-yuedu」",)
    assert second.folded == ()
