"""Results kept between runs (generators/build/memo.py): QR codes by address, the words of titles.

What a run takes from the cache folder is what it would have made; an entry
of another shape, another version or tampered with is made again.
"""

from __future__ import annotations

import json

from generators.build import signed
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
    assert set(signed.read(tmp_path / "qr-codes.json")["entries"]) == set(URLS)
    assert qr_codes(URLS, tmp_path) == first


def test_a_tampered_qr_code_is_made_again(tmp_path):
    qr_codes(URLS, tmp_path)
    memo = tmp_path / "qr-codes.json"
    stored = signed.read(memo)
    stored["entries"][URLS[0]] = '<svg onload="alert(1)"></svg>'
    stored["entries"][URLS[1]] = ["不是文字"]
    signed.write(memo, stored)  # even signed (by the key's holder), a wrong shape is made again
    assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}
    assert "alert" not in memo.read_text(encoding="utf-8")


def test_a_damaged_or_foreign_memo_is_ignored(tmp_path):
    for text in (
        "{",
        "[]",
        json.dumps({"format": "dangjian-memo", "version": "another", "entries": {URLS[0]: "x"}}),
    ):
        (tmp_path / "qr-codes.json").write_bytes(signed.seal("qr-codes.json", text.encode()))
        assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}


def test_title_words_kept_are_the_words_jieba_finds(tmp_path):
    fresh = title_words(TITLES)
    assert {"党小组", "财务收支"} <= fresh
    assert title_words(TITLES, tmp_path) == fresh
    assert title_words(TITLES, tmp_path) == fresh  # from the memo
    memo = tmp_path / "title-words.json"
    stored = signed.read(memo)
    stored["entries"][TITLES[1]] = ["注入\n词 9 n", "不在标题里的词"]
    signed.write(memo, stored)
    assert title_words(TITLES, tmp_path) == fresh


def test_a_qr_code_of_another_address_is_not_taken(tmp_path):
    """Forged in the file as it is kept (unsigned, as anyone with the working folder could write it):
    the entry of one address holds the code of another. Only the signature can tell, and it does."""
    qr_codes(URLS, tmp_path)
    memo = tmp_path / "qr-codes.json"
    stored = signed.read(memo)
    stored["entries"][URLS[0]] = qr_svg("https://evil.example/")
    body = json.dumps(stored, ensure_ascii=False).encode()
    for forged in (body, b"dangjian-signed-1 " + b"0" * 64 + b"\n" + body):
        memo.write_bytes(forged)
        assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}


def test_a_memo_signed_with_another_key_is_not_taken(tmp_path, monkeypatch):
    monkeypatch.setenv(signed.KEY_VARIABLE, "another machine's key, 32 chars")
    qr_codes(["https://evil.example/"], tmp_path)
    stored = signed.read(tmp_path / "qr-codes.json")
    stored["entries"] = {URLS[0]: stored["entries"]["https://evil.example/"]}
    signed.write(tmp_path / "qr-codes.json", stored)
    monkeypatch.delenv(signed.KEY_VARIABLE)
    assert qr_codes(URLS, tmp_path) == {url: qr_svg(url) for url in URLS}
