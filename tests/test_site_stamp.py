"""The site's stamp takes the privacy scan's hashes: the scan reads every file of the new site to
hash it for its verdicts, and a build then records those hashes instead of reading the folder a
second time. They must be exactly what reading the folder gives."""

from __future__ import annotations

import os

from generators.build.files import file_hashes
from generators.privacy.scan import scan_site


def _site(root):
    (root / "villages" / "shangtang").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><p>青溪镇</p></body></html>", "utf-8")
    (root / "villages" / "shangtang" / "index.html").write_text("<p>上塘村</p>", "utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "site.css").write_text("body{}", "utf-8")
    (root / "empty").mkdir()
    return root


def test_the_scans_hashes_are_the_folders_own(tmp_path):
    site = _site(tmp_path / "site")
    hashes: dict = {}
    assert scan_site(site, clean=set(), hashes=hashes) == []
    assert hashes == file_hashes(site)
    assert len(hashes) == 3


def test_hashes_known_from_the_build_are_taken_as_the_pages_are(tmp_path):
    site = _site(tmp_path / "site")
    page = "villages/shangtang/index.html"
    hashes: dict = {}
    sha = file_hashes(site)[page]
    assert sha is not None
    scan_site(site, clean=set(), known={page: sha}, hashes=hashes)
    assert hashes == file_hashes(site)


def test_a_link_in_the_site_leaves_the_stamp_to_read_the_folder(tmp_path):
    site = _site(tmp_path / "site")
    os.symlink(site / "index.html", site / "copy.html")
    hashes: dict = {}
    scan_site(site, clean=set(), hashes=hashes)
    assert hashes == {}


def test_without_verdicts_nothing_is_hashed_for_the_stamp(tmp_path):
    site = _site(tmp_path / "site")
    hashes: dict = {}
    scan_site(site, hashes=hashes)
    assert hashes == {}


def test_the_site_key_is_the_same_given_the_generated_pages_hashes(tmp_path):
    """The site's key takes the SHA-256 of docs/generated/'s files as the generator just wrote
    them instead of reading them again: the same key as reading them; and it does not read them
    (a hash given wrong gives another key)."""
    import hashlib

    from generators.build.keys import docs_key

    docs = tmp_path / "docs"
    (docs / "generated" / "tasks").mkdir(parents=True)
    (docs / "about.md").write_text("# 关于本站\n", "utf-8")
    pages = {"generated/index.md": "# 首页\n", "generated/tasks/a.md": "# 修路\n"}
    for relative, text in pages.items():
        (docs / relative).write_text(text, "utf-8")
    known = {r: hashlib.sha256(t.encode()).hexdigest() for r, t in pages.items()}
    read = docs_key(tmp_path, "docs")
    assert docs_key(tmp_path, "docs", known=known) == read
    assert docs_key(tmp_path, "docs", known=dict(known, **{"generated/index.md": "0" * 64})) != read
