"""The privacy scan reads what Pagefind writes: its index holds the pages' text.

A real Pagefind run (the pinned pagefind[extended]) indexes small pages; the scan must find a
personal number in Pagefind's page fragments and in its word chunks even where the page itself
is gone (as a number kept out of a page's view but indexed would be), and nothing in a clean
index or in Pagefind's own script and WebAssembly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generators.build import search
from generators.build.files import file_hashes, file_sha
from generators.build.sitecache import SiteCache
from generators.privacy import pagefind_files
from generators.privacy.scan import scan_site

PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>导航</nav><div data-pagefind-body{filed}><h1>{title}</h1><p>{text}</p></div></body></html>
"""
PHONE = "13800138000"


def write_page(site: Path, url: str, title: str, text: str, township: str = "") -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    filed = f' data-township="{township}"' if township else ""
    path.write_text(PAGE.format(title=title, text=text, filed=filed), encoding="utf-8")


def findings(site: Path) -> list[tuple[str, str]]:
    return [(Path(p.path).relative_to(site).parts[1], p.code) for p in scan_site(site)]


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    write_page(site, "", "青溪镇", "党务、村务、财务公开。")
    write_page(site, "villages/xikou", "溪口村", f"村委会联系人电话 {PHONE}，财务公开。")
    search.index_site(site)
    return site


def test_a_clean_index_and_pagefinds_own_files_pass(tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "青溪镇", "党务、村务、财务公开，2025年第三季度。")
    index = search.index_site(site)
    assert index.pages == 1
    assert scan_site(site) == []
    names = {p.name for p in (site / "pagefind").iterdir() if p.is_file()}
    assert set(pagefind_files.ENGINE) <= names  # the pins name the files this version writes
    assert not [name for name in names if "-ui" in name or "highlight" in name]


def test_a_number_in_pagefinds_page_fragments_is_found_without_the_page(site):
    (site / "villages/xikou/index.html").unlink()
    for chunk in (site / "pagefind/index").iterdir():
        chunk.unlink()
    found = findings(site)
    assert ("fragment", "site.mobile") in found
    # the index's metadata names the first and last word of each chunk: the number is one
    assert {where for where, _ in found} <= {"fragment"} | {
        p.name for p in (site / "pagefind").glob("*.pf_meta")
    }


def test_a_number_in_pagefinds_word_chunks_is_found_without_page_or_fragment(site):
    shutil.rmtree(site / "villages")
    shutil.rmtree(site / "pagefind/fragment")
    assert ("index", "site.mobile") in findings(site)


def test_pagefinds_fragments_are_read_unpacked(site):
    fragments = sorted((site / "pagefind/fragment").iterdir())
    decoded = [
        pagefind_files.decoded("pagefind/x.pf_fragment", fragment.read_bytes())
        for fragment in fragments
    ]
    assert all(isinstance(fragment, dict) for fragment in decoded)  # a fragment is a JSON object
    texts = [fragment["content"] for fragment in decoded if isinstance(fragment, dict)]
    assert any(PHONE in text and "联系人" in pagefind_files.without_breaks(text) for text in texts)


def test_a_changed_engine_file_is_read_as_text(site):
    engine = site / "pagefind/pagefind.js"
    engine.write_text(engine.read_text(encoding="utf-8") + f"\n// {PHONE}\n", encoding="utf-8")
    (site / "villages/xikou/index.html").unlink()
    shutil.rmtree(site / "pagefind/fragment")
    shutil.rmtree(site / "pagefind/index")
    for meta in (site / "pagefind").glob("*.pf_meta"):
        meta.unlink()
    found = findings(site)
    # read as text, minified code may look like other numbers too: the pin is what keeps it quiet
    assert ("pagefind.js", "site.mobile") in found
    assert {where for where, _ in found} == {"pagefind.js"}


# -- a county's site: a bundle per township (pagefind/townships/<id>/) --------------------


@pytest.fixture
def county(tmp_path) -> Path:
    site = tmp_path / "site"
    write_page(site, "", "云岭县", "党务、村务、财务公开。")
    write_page(site, "villages/xikou", "溪口村", f"村委会联系人电话 {PHONE}，财务公开。", "qingxi")
    write_page(site, "townships/qingxi", "青溪镇", "青溪镇的公开信息。", "qingxi")
    write_page(site, "villages/hexicun", "河西村", "河西村财务公开。", "hexi")
    return site


def test_a_county_site_has_a_bundle_per_township_of_its_pages_only(county):
    index = search.index_site(county)
    assert index.pages == 4 and set(index.bundles) == {"qingxi", "hexi"}
    assert set(index.indexed) == {"qingxi", "hexi"}
    assert {p.name for p in (county / "pagefind/townships").iterdir()} == {"qingxi", "hexi"}
    qingxi = county / "pagefind/townships/qingxi"
    urls = sorted(
        pagefind_files.decoded("pagefind/x.pf_fragment", path.read_bytes())["url"]  # type: ignore[index]
        for path in (qingxi / "fragment").iterdir()
    )
    assert urls == ["/townships/qingxi/", "/villages/xikou/"]  # the site's addresses
    assert not [p for p in (county / "pagefind").iterdir() if p.name.startswith(".pages-")]
    assert {p.name for p in qingxi.iterdir() if p.is_file()} >= set(pagefind_files.ENGINE)


def test_a_number_in_a_township_bundle_is_found_without_the_page_or_the_countys_bundle(county):
    search.index_site(county)
    (county / "villages/xikou/index.html").unlink()
    for name in ("fragment", "index"):
        shutil.rmtree(county / "pagefind" / name)
    for meta in (county / "pagefind").glob("*.pf_meta"):
        meta.unlink()
    found = [(Path(p.path).relative_to(county).as_posix(), p.code) for p in scan_site(county)]
    assert [where for where, code in found if code == "site.mobile"]
    assert all(where.startswith("pagefind/townships/qingxi/") for where, _ in found), found


def _built_again_with_hexicun_changed(county: Path, tmp_path: Path):
    """The county's search, then a copy of the site with 河西村's page changed indexed again from
    it: (the first index, the copy, the second index)."""
    first = search.index_site(county)
    new = tmp_path / "new"
    shutil.copytree(county, new, ignore=shutil.ignore_patterns("pagefind"))
    write_page(new, "villages/hexicun", "河西村", "河西村财务公开，2025年第三季度。", "hexi")
    return first, new, search.index_site(new, previous=county, stored=first.bundles)


def test_an_unchanged_townships_bundle_is_kept_and_a_changed_ones_indexed_again(county, tmp_path):
    first, new, second = _built_again_with_hexicun_changed(county, tmp_path)
    assert second.indexed == ("hexi",)
    assert second.bundles["qingxi"] == first.bundles["qingxi"]
    assert second.bundles["hexi"]["key"] != first.bundles["hexi"]["key"]
    # a kept bundle whose files were touched since is indexed again
    touched = next((county / "pagefind/townships/qingxi/fragment").iterdir())
    touched.write_bytes(touched.read_bytes() + b" ")
    third = search.index_site(new, previous=county, stored=first.bundles)
    assert set(third.indexed) == {"qingxi", "hexi"}
    assert third.bundles["qingxi"] == first.bundles["qingxi"]


def test_a_kept_bundle_is_the_last_builds_files_linked_with_their_hashes_known(county, tmp_path):
    _, new, second = _built_again_with_hexicun_changed(county, tmp_path)
    kept = new / "pagefind/townships/qingxi"
    assert second.bundles["qingxi"]["files"] == file_hashes(kept)
    for name in second.bundles["qingxi"]["files"]:
        assert (kept / name).stat().st_ino == (
            county / "pagefind/townships/qingxi" / name
        ).stat().st_ino
    known = search.bundle_files(second.bundles)
    assert known and all(file_sha(new / path) == sha for path, sha in known.items())
    assert {path.split("/")[2] for path in known} == {"qingxi", "hexi"}


def test_a_one_township_site_keeps_a_single_bundle(tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "青溪镇", "党务公开。", "qingxi")
    write_page(site, "villages/xikou", "溪口村", "财务公开。", "qingxi")
    index = search.index_site(site)
    assert index.bundles == {} and not (site / "pagefind/townships").exists()


def test_a_page_is_filed_by_its_bytes_and_one_known_is_not_read_again(county):
    pages, filed = search.township_pages(county)
    xikou = file_sha(county / "villages/xikou/index.html")
    home = file_sha(county / "index.html")
    assert pages["qingxi"]["villages/xikou/index.html"] == xikou
    assert filed[xikou] == "qingxi" and filed[home] == ""
    # known by its hash and filed before: where it was filed stands without reading the page
    # (here the record says 河西镇, which only a page not read again can give)
    known = {"villages/xikou/index.html": xikou}
    again, _ = search.township_pages(county, known, {xikou: "hexi"})
    assert "villages/xikou/index.html" in again["hexi"]
    # a page whose hash is not known, or known but never filed, is read
    for hashes, before in (({}, {xikou: "hexi"}), (known, {})):
        again, _ = search.township_pages(county, hashes, before)
        assert again == pages


def test_where_pages_are_filed_is_kept_for_the_next_build_under_the_filter_read(
    county, tmp_path, monkeypatch
):
    cache = SiteCache(tmp_path / "cache", county)
    index = search.index_site(county)
    cache.save_search(index)
    assert cache.filed_pages() == index.filed and len(index.filed) == 4
    assert SiteCache(tmp_path / "cache", county, trusted=False).filed_pages() == {}  # publishing
    monkeypatch.setattr(search, "FILTER", 'data-unit="([a-z]+)"')  # pages filed another way
    assert cache.filed_pages() == {}
