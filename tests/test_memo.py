"""Results kept between runs (generators/build/memo.py): QR codes by address, the words of titles.

What a run takes from the cache folder is what it would have made; an entry
of another shape, another version or tampered with is made again.
"""

from __future__ import annotations

import json

from generators.render.pages import title_words
from generators.render.qrcode import qr_codes, qr_svg

URLS = [
    "http://127.0.0.1:8000/disclosures/xikou-2025-q3/v2/",
    "https://example.cn/disclosures/%E6%9D%91/",
]
TITLES = ["溪口村2025年第三季度财务收支公开", "网格党小组全覆盖", "换届风险排查和化解"]


def test_qr_codes_kept_are_the_codes_made(tmp_path):
    first = qr_codes(URLS, tmp_path)
    assert first == {url: qr_svg(url) for url in URLS}
    assert set(
        json.loads((tmp_path / "qr-codes.json").read_text(encoding="utf-8"))["entries"]
    ) == set(URLS)
    assert qr_codes(URLS, tmp_path) == first


def test_a_tampered_qr_code_is_made_again(tmp_path):
    qr_codes(URLS, tmp_path)
    memo = tmp_path / "qr-codes.json"
    stored = json.loads(memo.read_text(encoding="utf-8"))
    stored["entries"][URLS[0]] = '<svg onload="alert(1)"></svg>'
    stored["entries"][URLS[1]] = ["不是文字"]
    memo.write_text(json.dumps(stored), encoding="utf-8")
    assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}
    assert "alert" not in memo.read_text(encoding="utf-8")


def test_a_damaged_or_foreign_memo_is_ignored(tmp_path):
    for text in (
        "{",
        "[]",
        json.dumps({"format": "dangjian-memo", "version": "another", "entries": {URLS[0]: "x"}}),
    ):
        (tmp_path / "qr-codes.json").write_text(text, encoding="utf-8")
        assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}


def test_title_words_kept_are_the_words_jieba_finds(tmp_path):
    fresh = title_words(TITLES)
    assert {"党小组", "财务收支"} <= fresh
    assert title_words(TITLES, tmp_path) == fresh
    assert title_words(TITLES, tmp_path) == fresh  # from the memo
    memo = tmp_path / "title-words.json"
    stored = json.loads(memo.read_text(encoding="utf-8"))
    stored["entries"][TITLES[1]] = ["注入\n词 9 n", "不在标题里的词"]
    memo.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert title_words(TITLES, tmp_path) == fresh
