"""Validation results are kept by file content: an unchanged file is not checked again."""

import datetime as dt
from pathlib import Path

from conftest import BRANCH, TASK, TODAY, VILLAGE

from generators import validate as validation
from generators.cache import CACHE_FILE, LazyMarks


def run(cache: Path, today: dt.date = TODAY):
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
    [expected] = [p for p in uncached.problems if p.code == "ref.missing" and p.path.endswith(BRANCH)]
    assert (missing.line, missing.col, missing.field) == (expected.line, expected.col, expected.field)


def test_positions_of_a_cache_hit_are_read_only_when_asked_for(dataset, tmp_path):
    cache = tmp_path / "cache"
    run(cache)
    record = next(r for r in run(cache).records if r.path.endswith(VILLAGE))
    assert isinstance(record.loaded.values, LazyMarks)
    assert record.loaded.mark(("population",)).line == \
        dataset.read(VILLAGE).splitlines().index(next(
            line for line in dataset.read(VILLAGE).splitlines() if line.startswith("population:"))) + 1


def test_a_damaged_cache_only_costs_time(dataset, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"not a pickle")
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
