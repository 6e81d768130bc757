"""Validation results are kept by file content: an unchanged file is not checked again."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import BRANCH, REPO, TASK, TODAY, VILLAGE, run_cli

from generators.build import signed
from generators.check import validate as validation
from generators.check.cache import CACHE_FILE, FORMAT, VERSION, LazyMarks


def run(cache: Path | None, today: dt.date = TODAY):
    return validation.validate(Path("data"), today, cache)


def texts(result):
    return [p.text() for p in result.problems]


def count_checks(monkeypatch):
    """Counts files that were really loaded and checked (cache misses)."""
    calls = []
    original = validation.load_bytes

    def counting(raw, display):
        calls.append(display)
        return original(raw, display)

    monkeypatch.setattr(validation, "load_bytes", counting)
    return calls


def test_second_run_checks_no_file_and_reports_the_same(dataset, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    dataset.replace(TASK, "status: 推进中", "status: 已完成")  # an error: 已完成 needs progress 100
    first = run(cache)
    assert (cache / CACHE_FILE).is_file()
    calls = count_checks(monkeypatch)
    second = run(cache)
    assert calls == []
    assert texts(second) == texts(first) and second.problems


def test_a_changed_file_alone_is_checked_again(dataset, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(cache)
    dataset.replace(VILLAGE, "population: ", "population: 0")
    calls = count_checks(monkeypatch)
    run(cache)
    assert calls == [dataset.shown(VILLAGE)]


def test_cross_record_problem_in_a_cached_file_has_its_exact_line(dataset, tmp_path):
    cache = tmp_path / "cache"
    run(cache)
    dataset.replace(BRANCH, "village: xikou", "village: xikuo")  # the branch file changes...
    uncached = run(None)
    run(cache)
    dataset.replace(BRANCH, "village: xikuo", "village: xikou")
    dataset.delete(VILLAGE)  # ...then its reference breaks while it is cached
    dataset.replace(BRANCH, "village: xikou", "village: xikuo")
    cached = run(cache)
    [missing] = [p for p in cached.problems if p.code == "ref.missing" and p.path.endswith(BRANCH)]
    [expected] = [
        p for p in uncached.problems if p.code == "ref.missing" and p.path.endswith(BRANCH)
    ]
    assert (missing.line, missing.col, missing.field) == (
        expected.line,
        expected.col,
        expected.field,
    )


def test_positions_of_a_cache_hit_are_read_only_when_asked_for(dataset, tmp_path):
    cache = tmp_path / "cache"
    run(cache)
    record = next(r for r in run(cache).records if r.path.endswith(VILLAGE))
    assert isinstance(record.loaded.values, LazyMarks)
    assert (
        record.loaded.mark(("population",)).line
        == dataset.read(VILLAGE)
        .splitlines()
        .index(
            next(
                line
                for line in dataset.read(VILLAGE).splitlines()
                if line.startswith("population:")
            )
        )
        + 1
    )


def test_a_damaged_cache_only_costs_time(dataset, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(signed.seal(CACHE_FILE, b"not json"))
    assert texts(run(cache)) == texts(run(None))


def test_another_day_is_checked_again(dataset, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(cache)
    calls = count_checks(monkeypatch)
    run(cache, TODAY + dt.timedelta(days=1))
    assert len(calls) == len(validation.discover(Path("data")))


def test_without_a_cache_folder_nothing_is_written(dataset, tmp_path):
    run(None)
    assert not any(p.name == CACHE_FILE for p in tmp_path.rglob("*"))


# ---------------------------------------------------------------------------
# the cache is untrusted input


def test_a_planted_pickle_is_never_loaded(dataset, tmp_path):
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache = dataset.root / ".cache"
    cache.mkdir()
    (cache / "validation.pickle").write_bytes(pickle.dumps(Payload()))
    result = run_cli("validate", "--data", "data", "--today", "2025-12-31", cwd=dataset.root)
    assert (result.returncode, result.stdout) == (0, "检查通过：没有发现错误或警告。\n")
    assert not marker.exists()
    assert not (cache / "validation.pickle").exists()  # removed when the JSON cache was written
    assert signed.read(cache / CACHE_FILE)["format"] == FORMAT


def test_no_module_of_the_pipeline_imports_pickle():
    sources = sorted((REPO / "generators").rglob("*.py"))
    assert "generators/check/cache.py" in {p.relative_to(REPO).as_posix() for p in sources}
    assert not [
        p.name
        for p in sources
        if re.search(r"^\s*(import|from)\s+c?pickle\b", p.read_text(encoding="utf-8"), re.M)
    ]


@pytest.mark.parametrize(
    "content, notice",
    [
        (b"\x80\x04not json", "已损坏（不是完整的 JSON 文件）"),
        (b'{"format": "something-else", "version": 2}', "不是本工具的检查缓存"),
        (b"[1, 2, 3]", "不是本工具的检查缓存"),
        (b'{"format": "dangjian-validation-cache", "version": 1}', "是其他版本（1）的检查缓存"),
        (b"[" * 100000, "已损坏（不是完整的 JSON 文件）"),
    ],
    ids=["corrupt", "foreign", "not-a-mapping", "other-version", "deeply-nested"],
)
def test_a_damaged_foreign_or_old_cache_is_ignored_with_a_notice(dataset, content, notice):
    dataset.replace(VILLAGE, "grids: 3", "grids: 三")
    expected = run_cli(
        "validate", "--data", "data", "--today", "2025-12-31", "--no-cache", cwd=dataset.root
    )
    cache = dataset.root / ".cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(signed.seal(CACHE_FILE, content))
    result = run_cli("validate", "--data", "data", "--today", "2025-12-31", cwd=dataset.root)
    assert (result.stdout, result.returncode) == (expected.stdout, 1)
    assert (
        result.stderr
        == f"提示：检查缓存 .cache/{CACHE_FILE} {notice}，已忽略，相关文件会重新检查。\n"
    )
    rewritten = signed.read(cache / CACHE_FILE)
    assert (rewritten["format"], rewritten["version"]) == (FORMAT, VERSION)


def forge(cache: Path, change) -> None:
    """Entries changed and signed again: what only the key's holder could write is still checked."""
    stored = signed.read(cache / CACHE_FILE)
    for entry in stored["entries"].values():
        change(entry)
    signed.write(cache / CACHE_FILE, stored)


def test_a_forged_entry_that_fails_the_schema_is_checked_again(dataset, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(cache)
    forge(
        cache, lambda entry: entry.__setitem__(0, {"id": "xikou"})
    )  # "passed", but missing every field
    calls = count_checks(monkeypatch)
    result = run(cache)
    assert len(calls) == len(
        validation.discover(Path("data"))
    )  # nothing was taken from the forged cache
    assert texts(result) == texts(run(None)) == []
    village = next(r for r in result.records if r.path.endswith(VILLAGE))
    assert village.document["name"] == "溪口村"


def test_an_entry_with_values_the_loader_never_makes_is_dropped_with_a_notice(
    dataset, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    run(cache)
    forge(cache, lambda entry: entry[0].__setitem__("households", 356))  # a number, not text
    calls = count_checks(monkeypatch)
    result = validation.validate(Path("data"), TODAY, cache)
    assert len(calls) == len(validation.discover(Path("data")))
    assert result.notices == [
        f"检查缓存 {(cache / CACHE_FILE).as_posix()} 中有 20 条记录格式不对，已忽略，相关文件会重新检查。"
    ]
    assert texts(result) == []
