"""The built site's privacy scan reads downloads and feeds as their users see them.

A CSV's cells, a workbook's cells (in its zipped XML) and an Atom feed's text
and attributes are read apart, as a table's cells are on a page: a number
typed in one cell is found, digits of neighbouring cells are never joined.
"""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from generators.privacy.scan import scan_site, xlsx_text

MOBILE = "138 1234 5678"


def workbook(*rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("表")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def feed(text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f'<entry><title>公开</title><summary type="text">{text}</summary></entry>\n</feed>\n'
    )


FILES: dict[str, tuple[str | bytes, str | bytes]] = {
    "data/a.csv": (
        "\ufeff编号,户数,人口\r\nxikou,356,1192\r\n",
        f"\ufeff编号,备注\r\nxikou,电话 {MOBILE}\r\n",
    ),
    "data/a.xlsx": (workbook(["户数", 356], [1380012, 3456]), workbook(["备注", f"电话{MOBILE}"])),
    "feeds/a.xml": (feed("溪口村 2025年第一季度"), feed(f"联系 {MOBILE}")),
    # A JSON download's value is one cell: tabs and line breaks between its digits (escaped as \t
    # and \n in the file) join them as a reader's spaces do.
    "data/a.json": (
        '[{"id": "xikou", "households": 356, "people": 1192}]',
        '[{"id": "xikou", "note": "电话\\t138\\t1234\\n5678"}]',
    ),
}


@pytest.mark.parametrize("path", sorted(FILES))
def test_a_number_in_a_download_is_found_and_neighbouring_cells_are_not_joined(tmp_path, path):
    clean, leaking = FILES[path]
    target = tmp_path / "site" / path
    target.parent.mkdir(parents=True)
    target.write_bytes(clean if isinstance(clean, bytes) else clean.encode("utf-8"))
    assert scan_site(tmp_path / "site") == []
    target.write_bytes(leaking if isinstance(leaking, bytes) else leaking.encode("utf-8"))
    problems = scan_site(tmp_path / "site")
    assert [(p.code, p.path.endswith(path)) for p in problems] == [("site.mobile", True)]


def test_a_workbook_that_does_not_open_is_read_as_text(tmp_path):
    assert xlsx_text(b"not a zip") is None
    target = tmp_path / "site" / "data" / "b.xlsx"
    target.parent.mkdir(parents=True)
    target.write_text(f"电话 {MOBILE}", encoding="utf-8")
    assert [p.code for p in scan_site(tmp_path / "site")] == ["site.mobile"]


def _scanned(tmp_path, relative: str, content: str | bytes) -> list[str]:
    target = tmp_path / "site" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return [p.code for p in scan_site(tmp_path / "site")]


def test_an_amount_with_fen_reads_as_the_workbook_shows_it_not_as_a_card_number(tmp_path):
    # XlsxWriter stores a number with 16 significant digits: 574332.94 is written
    # 574332.9399999999 in the sheet's XML, which Excel shows as 574332.94 (15 digits).
    book = workbook(["期初余额（元）", 574332.94], ["期末余额（元）", 596283.82])
    assert b"574332.9399999999" in _sheet_xml(book)
    shown = xlsx_text(book)
    assert (
        shown is not None and "574332.94" in shown and "596283.82" in shown and "99999" not in shown
    )
    assert _scanned(tmp_path, "data/disclosures.xlsx", book) == []


@pytest.mark.parametrize(
    ("number", "code"), [(13812345678, "site.mobile"), (6222021234567890, "site.bank-card")]
)
def test_a_personal_number_typed_as_a_number_cell_is_still_found(tmp_path, number, code):
    assert _scanned(tmp_path, "data/a.xlsx", workbook(["备注", number])) == [code]


def _sheet_xml(book: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_a_feed_entry_id_made_by_the_generator_is_no_phone_number(tmp_path):
    from generators.exchange.feeds import entry_id

    made = entry_id("yuankeng-caiwu-2025-10")  # its hex holds 1806028-8230: 11 digits from 18…
    assert made == "urn:uuid:a1806028-8230-553f-8c54-70f30f079847"
    entry = f"<entry><id>{made}</id><title>园坑村2025年10月财务收支公开</title></entry>"
    atom = feed("公开").replace("</feed>", entry + "\n</feed>")
    assert _scanned(tmp_path, "feeds/villages/yuankeng.xml", atom) == []
    # The same characters anywhere else in a feed are read as written.
    assert _scanned(tmp_path, "feeds/villages/yuankeng.xml", feed(made)) == ["site.mobile"]
