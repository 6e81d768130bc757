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
