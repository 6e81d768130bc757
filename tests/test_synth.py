"""Synthetic data: deterministic bytes, clean validation, the sizes each scale promises."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from bench.synth import DEFAULT_SEED, SCALES, SYNTH_TODAY, NotSynthetic, q, synthesize, yuan
from generators.check.loader import load_bytes
from generators.check.validate import discover, validate
from generators.spec.registry import REGISTRY


@pytest.fixture(scope="module")
def township(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("synth") / "township"
    return folder, synthesize(folder, "township")


def counts_by_type(folder: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for relative in discover(folder):
        record_type = REGISTRY.type_of(relative)
        assert record_type is not None, relative
        kind = record_type.name
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def test_same_seed_gives_identical_bytes(township, tmp_path):
    first, _ = township
    second = tmp_path / "again"
    synthesize(second, "township", DEFAULT_SEED)
    files = [p.as_posix() for p in discover(first)]
    assert files == [p.as_posix() for p in discover(second)]
    match, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(match) == len(files) > 700


def test_other_seed_gives_other_data(township, tmp_path):
    first, _ = township
    other = tmp_path / "other"
    synthesize(other, "township", DEFAULT_SEED + 1)
    assert sorted(p.name for p in (first / "villages").iterdir()) != sorted(
        p.name for p in (other / "villages").iterdir()
    )


def test_township_scale_validates_without_errors_or_warnings(township):
    folder, _ = township
    result = validate(folder, SYNTH_TODAY)
    assert [p.text() for p in result.problems] == []
    assert len(result.records) == sum(counts_by_type(folder).values())


@pytest.mark.parametrize(
    "scale",
    ["township", pytest.param("county", marks=pytest.mark.slow)],  # county: 15,000 files
)
def test_counts_per_type_within_ten_percent_of_targets(scale, township, tmp_path):
    if scale == "township":
        folder, stats = township
    else:
        folder = tmp_path / scale
        stats = synthesize(folder, scale)
    counts = counts_by_type(folder)
    assert counts == stats.counts
    for kind, target in SCALES[scale].targets().items():
        assert abs(counts[kind] - target) <= 0.1 * target, (kind, counts[kind], target)


def test_ids_unique_across_villages_branches_townships_and_departments(township):
    folder, _ = township
    ids = [
        p.stem for sub in ("villages", "branches", "townships") for p in (folder / sub).iterdir()
    ]
    for path in (folder / "townships").iterdir():
        ids += [
            line.split("id: ", 1)[1]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("  - id: ")
        ]
    assert len(ids) == len(set(ids))


def test_rewrites_its_own_folder_but_refuses_any_other(township, tmp_path):
    folder = tmp_path / "mine"
    synthesize(folder, "township")
    (folder / "villages" / "stale.yaml").write_text("id: stale\n", encoding="utf-8")
    synthesize(folder, "township")
    assert not (folder / "villages" / "stale.yaml").exists()

    foreign = tmp_path / "data"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(NotSynthetic):
        synthesize(foreign, "township")
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    "text",
    [
        "青溪村",
        "%",
        "≥",
        "a: b",
        "#1",
        "- x",
        'say "hi"',
        "back\\slash",
        "null",
        "~",
        " lead",
        "trail ",
        "[x]",
        "{x}",
        "'q'",
        "时间: 上午",
        "2025-03-01",
        "010",
        "no",
        "3.50",
    ],
)
def test_scalars_read_back_exactly_as_written(text):
    loaded = load_bytes(f"key: {q(text)}\n".encode(), "x.yaml")
    assert loaded.problems == []
    assert loaded.data == {"key": text}


def test_amounts_are_written_to_the_fen():
    assert [yuan(v) for v in (0, 5, 100, 123456, -250)] == [
        "0.00",
        "0.05",
        "1.00",
        "1234.56",
        "-2.50",
    ]
