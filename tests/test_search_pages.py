"""Pagefind reads the pages cut to their head and search body (generators/build/searchpages.py):
the same index, byte for byte, as from the pages whole; a page whose body is not plain HTML is
read whole; the cut pages are kept between builds and only a changed page is cut again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generators.build import search, searchpages
from generators.build.files import file_hashes

HEAD = b'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>T</title></head>\n'


def page(body: bytes, before: bytes = b"<nav>\xe5\xaf\xbc\xe8\x88\xaa</nav>", after=b"") -> bytes:
    return (
        HEAD
        + b'<body dir="ltr">'
        + before
        + b'<div class="search-body" data-pagefind-body data-township="qingxi">'
        + body
        + b"</div>"
        + after
        + b"<footer>f</footer><script>var x = '<div>';</script></body></html>\n"
    )


def test_a_page_is_cut_to_its_head_body_tag_and_search_body():
    body = b"<h1>\xe6\xba\xaa\xe5\x8f\xa3\xe6\x9d\x91</h1><div><div>a</div><p>b</p></div><svg><title>t</title></svg>"
    cut = searchpages.search_text(page(body))
    assert cut == (
        HEAD.rstrip(b"\n")
        + b'<body dir="ltr"><div class="search-body" data-pagefind-body data-township="qingxi">'
        + body
        + b"</div></body></html>\n"
    )


@pytest.mark.parametrize(
    "whole",
    [
        page(b"<!-- <div> -->a"),  # a comment
        page(b"<script>'</div>'</script>a"),  # a script
        page(b"<textarea></div></textarea>"),  # raw text
        page(b"<style>p{}</style>"),
        page(b"a", after=b'<p data-pagefind-meta="x">m</p>'),  # Pagefind reads this too
        page(b'a<div data-pagefind-body="">b</div>'),  # two bodies
        page(b"<div>a"),  # no end
    ],
)
def test_a_page_whose_body_is_not_plain_is_read_whole(whole):
    assert searchpages.search_text(whole) is whole


def test_a_page_with_no_search_body_is_left_out():
    assert searchpages.search_text(HEAD + b"<body><p>v1</p></body></html>") is None


@pytest.mark.slow
def test_the_sample_site_indexes_to_the_same_bytes_cut_as_whole(sample_site, tmp_path):
    """The published site's search (built from the cut pages) is what Pagefind makes of the
    pages read whole."""
    pages = tmp_path / "pages"
    shutil.copytree(sample_site, pages, ignore=shutil.ignore_patterns("pagefind"))
    search._run(pages, tmp_path / "whole")
    built = file_hashes(sample_site / "pagefind")
    county = {k: v for k, v in built.items() if not k.startswith(f"{search.TOWNSHIPS}/")}
    assert file_hashes(tmp_path / "whole") == county
    filed, _ = search.township_pages(pages)
    assert set(filed) == {"hexi", "qingxi"}  # and each township's bundle, from its pages whole
    for township, its_pages in filed.items():
        own = tmp_path / township
        for relative in its_pages:
            (own / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pages / relative, own / relative)
        search._run(own, tmp_path / f"{township}-whole")
        prefix = f"{search.TOWNSHIPS}/{township}/"
        assert file_hashes(tmp_path / f"{township}-whole") == {
            k.removeprefix(prefix): v for k, v in built.items() if k.startswith(prefix)
        }


def _site(root: Path) -> Path:
    site = root / "site"
    for name, text in (("a", b"<p>one</p>"), ("b", b"<p>two</p>"), ("c", b"<p>three</p>")):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_bytes(page(text))
    (site / "a" / "v1").mkdir()
    (site / "a" / "v1" / "index.html").write_bytes(HEAD + b"<body>old</body></html>")
    return site


def cut(site: Path, folder: Path, before: searchpages.Cuts | None = None) -> searchpages.Cuts:
    return searchpages.cut_pages(
        site, folder, searchpages.site_pages(site, "pagefind"), None, before
    )


def test_cut_pages_are_kept_and_only_a_changed_or_touched_one_is_cut_again(tmp_path):
    site, folder = _site(tmp_path), tmp_path / "cut"
    first = cut(site, folder)
    assert set(first) == {"a/index.html", "b/index.html", "c/index.html", "a/v1/index.html"}
    assert first["a/v1/index.html"][1] == "" and not (folder / "a" / "v1").exists()
    (site / "a" / "index.html").write_bytes(page(b"<p>one, changed</p>"))  # a page changed
    (folder / "b" / "index.html").write_bytes(b"planted")  # a cut touched since
    (site / "c" / "index.html").unlink()  # a page gone
    (folder / "stray.html").write_bytes(b"x")
    second = cut(site, folder, first)
    assert b"one, changed" in (folder / "a" / "index.html").read_bytes()
    assert (folder / "b" / "index.html").read_bytes() == searchpages.search_text(
        page(b"<p>two</p>")
    )
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {
        "a/index.html",
        "b/index.html",
    }
    assert second["a/v1/index.html"] == first["a/v1/index.html"]  # unchanged, not read
    assert second["a/index.html"] != first["a/index.html"]
    # nothing changed: nothing is cut again (the files are the same files, untouched)
    before = {p: (folder / p).stat() for p in ("a/index.html", "b/index.html")}
    assert cut(site, folder, second) == second
    for name, status in before.items():
        now = (folder / name).stat()
        assert (now.st_ino, now.st_mtime_ns) == (status.st_ino, status.st_mtime_ns)


def test_cuts_kept_by_another_version_of_the_cut_are_not_trusted(monkeypatch):
    kept = searchpages.kept_cuts({"a/index.html": ["1" * 64, "2" * 64]})
    assert searchpages.read_cuts(kept) == {"a/index.html": ["1" * 64, "2" * 64]}
    monkeypatch.setattr(searchpages, "VERSION", "another")
    assert searchpages.read_cuts(kept) == {}
    assert searchpages.read_cuts({"version": "another", "cuts": {"a": ["x"]}}) == {}


def _county_site(root: Path) -> Path:
    site = root / "site"
    for name, township in (("a", b"qingxi"), ("b", b"hexi"), ("c", b"hexi")):
        (site / name).mkdir(parents=True)
        text = page(f"<p>{name} 村务公开</p>".encode()).replace(b"qingxi", township)
        (site / name / "index.html").write_bytes(text)
    return site


def test_the_county_bundle_is_indexed_beside_the_townships_and_then_takes_its_place(tmp_path):
    """The county's Pagefind runs while the townships' bundles are made: the site ends with
    pagefind/ holding the county's bundle and pagefind/townships/<id>/, and nothing else."""
    site = _county_site(tmp_path)
    index = search.index_site(site)
    assert (index.pages, sorted(index.bundles)) == (3, ["hexi", "qingxi"])
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
    folder = site / search.FOLDER
    assert sorted(p.name for p in (folder / search.TOWNSHIPS).iterdir()) == ["hexi", "qingxi"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    whole = tmp_path / "whole"
    search._run(site, whole)  # pagefind/ holds no page: the county's bundle, made alone
    county = {
        k: v for k, v in file_hashes(folder).items() if not k.startswith(f"{search.TOWNSHIPS}/")
    }
    assert county == file_hashes(whole)


def test_a_township_bundle_that_fails_stops_the_countys_run_and_leaves_no_folder(
    tmp_path, monkeypatch
):
    site = _county_site(tmp_path)
    started: list = []
    run = search._Run

    class Watched(run):  # type: ignore[misc, valid-type]
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self.started.process)

    def failing(*args):
        raise search.SearchIndexError("township failed")

    monkeypatch.setattr(search, "_Run", Watched)
    monkeypatch.setattr(search, "_township_bundle", failing)
    with pytest.raises(search.SearchIndexError, match="township failed"):
        search.index_site(site)
    assert len(started) == 1 and started[0].returncode is not None  # the county's, ended
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []


def test_a_site_with_no_search_body_is_indexed_whole_before_the_townships(tmp_path):
    """No page has a search body: Pagefind reads the site's pages whole (first, as nothing else
    is written among them yet), and the townships' bundles come after, in pagefind/townships/."""
    site = tmp_path / "site"
    for name, township in (("a", "qingxi"), ("b", "hexi")):
        (site / name).mkdir(parents=True)
        body = f'<body><main data-township="{township}"><h1>{name}</h1><p>村务公开</p></main>'
        (site / name / "index.html").write_bytes(HEAD + body.encode() + b"</body></html>\n")
    index = search.index_site(site)
    assert (index.pages, sorted(index.bundles), index.seconds[""] > 0) == (
        2,
        ["hexi", "qingxi"],
        True,
    )
    folder = site / search.FOLDER
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == [
        "fragment",
        "index",
        "townships",
    ]
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
