"""A type's downloads are kept between runs by the records they hold (generators/build/blobs.py).

At county scale the workbooks and JSON files are the slowest files of a build; a
change to one record makes again only the files holding its type (and its
township's). What is kept is what a build without the cache makes, byte for byte,
and a kept file whose bytes changed, or an index not signed by this program, is
not used.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY

from generators.build import blobs as blobs_module
from generators.build.blobs import Blobs, blob_key
from generators.pipeline import generate


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def generated(data: Path, docs: Path, cache: Path | None) -> dict[str, bytes]:
    result = generate(data, docs, TODAY, use_history=False, cache_dir=cache)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    out = docs / "generated" / "data"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def made_calls(monkeypatch) -> list[str]:
    from generators.exchange import downloads

    calls: list[str] = []
    original = downloads.workbook_bytes

    def counting(sheets, *args, **kwargs):
        calls.append(sheets[0].table.label if sheets else "")
        return original(sheets, *args, **kwargs)

    monkeypatch.setattr(downloads, "workbook_bytes", counting)
    return calls


def a_task_file(data: Path) -> Path:
    return sorted((data / "tasks").rglob("*.yaml"))[0]


def test_a_second_run_takes_every_workbook_kept_and_they_are_a_fresh_runs_bytes(
    data_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    first = generated(data_copy, tmp_path / "one", cache)
    calls = made_calls(monkeypatch)
    second = generated(data_copy, tmp_path / "two", cache)
    assert calls == []
    assert second == first == generated(data_copy, tmp_path / "fresh", None)


def test_a_changed_task_makes_again_only_the_workbooks_holding_tasks(
    data_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    generated(data_copy, tmp_path / "one", cache)
    task = a_task_file(data_copy)
    text = task.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("title:"))
    task.write_text(text.replace(line, line + "（调整）", 1), encoding="utf-8")
    calls = made_calls(monkeypatch)
    kept = generated(data_copy, tmp_path / "two", cache)
    assert calls == ["任务", "任务"]  # the county's and the task's township's
    assert kept == generated(data_copy, tmp_path / "fresh", None)


def test_kept_files_are_taken_without_publishing_the_records_again_but_a_name_changed_is(
    data_copy, tmp_path, monkeypatch
):
    """What is kept is found by the records as loaded, not as published: a second run masks no
    name; a name changed where the mask hides it (周阿福 and 周阿贵 are both published 周**)
    still makes its files again, the same bytes as a run without the cache."""
    from generators.exchange import downloads

    cache = tmp_path / "cache"
    generated(data_copy, tmp_path / "one", cache)
    published: list[str] = []
    original = downloads.public

    def counting(spec, value):
        published.append(str(value))
        return original(spec, value)

    monkeypatch.setattr(downloads, "public", counting)
    generated(data_copy, tmp_path / "two", cache)
    assert published == []
    notice = data_copy / "disclosures" / "2025" / "xikou-dibao-2025-q4.yaml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("name: 周阿福", "name: 周阿贵", 1), encoding="utf-8")
    calls = made_calls(monkeypatch)
    kept = generated(data_copy, tmp_path / "three", cache)
    assert "周阿贵" in published and len(calls) == 2 and len(set(calls)) == 1  # one type's two
    assert kept == generated(data_copy, tmp_path / "fresh", None)


def test_a_kept_file_whose_bytes_changed_is_made_again(data_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = generated(data_copy, tmp_path / "one", cache)
    kept = [p for p in (cache / "downloads").iterdir() if p.read_bytes().startswith(b"PK")]
    kept[0].write_bytes(kept[0].read_bytes()[:-10] + b"0123456789")
    calls = made_calls(monkeypatch)
    assert generated(data_copy, tmp_path / "two", cache) == first
    assert calls and len(set(calls)) == 1  # the entries kept as that file (same bytes) only


def test_an_index_not_signed_by_this_program_is_not_read(tmp_path):
    kept = Blobs(tmp_path, "workbooks", "v1")
    kept.put(blob_key("任务", "x"), b"workbook")
    kept.save()
    assert Blobs(tmp_path, "workbooks", "v1").get(blob_key("任务", "x")) == b"workbook"
    assert Blobs(tmp_path, "workbooks", "v2").get(blob_key("任务", "x")) is None
    index = tmp_path / "workbooks" / blobs_module.INDEX
    index.write_bytes(index.read_bytes().replace(b"v1", b"v2"))
    assert Blobs(tmp_path, "workbooks", "v2").get(blob_key("任务", "x")) is None
    assert Blobs(tmp_path, "workbooks", "v1").get(blob_key("任务", "x")) is None


def test_parts_of_a_key_are_kept_apart():
    assert blob_key("ab", "c") != blob_key("a", "bc")
    assert blob_key("a", dt.date(2025, 1, 1).isoformat()) == blob_key("a", "2025-01-01")


def test_files_no_entry_names_are_removed_when_the_index_is_saved(tmp_path):
    kept = Blobs(tmp_path, "workbooks", "v1")
    kept.put("a", b"one")
    kept.put("b", b"two")
    kept.save()
    again = Blobs(tmp_path, "workbooks", "v1")
    assert again.get("a") == b"one"
    (tmp_path / "workbooks" / ".cut-short.tmp").write_bytes(b"half")
    again.save()
    names = sorted(p.name for p in (tmp_path / "workbooks").iterdir())
    assert len(names) == 2 and "index.json" in names


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_summary_workbook_is_kept_while_its_sheets_are_the_same(
    data_copy, tmp_path, monkeypatch
):
    from generators.exchange import summary

    cache = tmp_path / "cache"
    first = generated(data_copy, tmp_path / "one", cache)
    made: list[int] = []
    original_bytes, original_sheets = summary.summary_bytes, summary.summary_sheets

    def counting(sheets, today):
        made.append(len(sheets))
        return original_bytes(sheets, today)

    monkeypatch.setattr(summary, "summary_bytes", counting)
    assert generated(data_copy, tmp_path / "two", cache) == first and made == []

    def retitled(*args):
        sheets = original_sheets(*args)
        return [summary.SummarySheet(s.name, s.title + "（新）", s.headers, s.rows) for s in sheets]

    monkeypatch.setattr(summary, "summary_sheets", retitled)
    third = generated(data_copy, tmp_path / "three", cache)
    workbook = summary.SUMMARY.removeprefix("data/")  # generated() gives paths under data/
    assert len(made) == 1 and third[workbook] != first[workbook]
