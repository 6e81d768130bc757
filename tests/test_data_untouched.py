"""No command writes under data/: staff's files keep every byte, comment and key order."""

import hashlib
import os
from pathlib import Path

from conftest import run_cli


def snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            os.stat(p).st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_validate_and_generate_leave_the_data_folder_as_it_was(dataset):
    dataset.replace("villages/xikou.yaml", "population: ", "# 人口按户籍统计\npopulation: ")
    before = snapshot(dataset.data)
    for args in (["validate"], ["validate", "--format", "json"], ["generate", "--docs", "out"]):
        result = run_cli(*args, "--data", "data", "--today", "2025-12-31", cwd=dataset.root)
        assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(dataset.data) == before
    assert (dataset.root / "out" / "generated" / "villages" / "xikou.md").is_file()


def test_a_failed_validation_writes_no_page(dataset):
    dataset.replace("villages/xikou.yaml", "population: ", "popluation: ")
    before = snapshot(dataset.data)
    result = run_cli(
        "generate", "--docs", "out", "--data", "data", "--today", "2025-12-31", cwd=dataset.root
    )
    assert result.returncode == 1
    assert "没有生成任何网页" in result.stderr
    assert not (dataset.root / "out").exists()
    assert snapshot(dataset.data) == before
