"""Sample data is computed for its own date and says so; real data is computed for today.

The sample's townships state a 示例数据日期 (sample_date): the command line computes for
that day unless --today is given, and every page of the site says 示例数据 with the date.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import TOWNSHIP, run_cli

from generators.check.sample import sample_date
from generators.cli.commands import build_date, today_in_china

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATE = dt.date(2025, 12, 31)


def test_the_sample_states_its_date_and_real_data_none(dataset):
    assert sample_date(ROOT / "data") == SAMPLE_DATE
    assert sample_date(dataset.data) is None


def test_the_build_date_is_the_given_one_then_the_samples_then_today(dataset):
    assert build_date(dataset.data) == today_in_china()
    dataset.replace(TOWNSHIP, "county: 云岭县\n", "county: 云岭县\nsample_date: 2025-06-30\n")
    assert build_date(dataset.data) == dt.date(2025, 6, 30)
    assert build_date(dataset.data, dt.date(2025, 12, 1)) == dt.date(2025, 12, 1)


def test_an_unreadable_sample_date_is_left_to_validation(dataset):
    dataset.replace(TOWNSHIP, "county: 云岭县\n", "county: 云岭县\nsample_date: 2025-13-01\n")
    assert sample_date(dataset.data) is None
    problems = dataset.validate().problems
    assert [(p.code, p.path, p.line, p.field) for p in problems] == [
        ("date.no-such-day", dataset.shown(TOWNSHIP), 5, "sample_date")
    ], problems


def test_generate_computes_a_sample_for_its_date_and_marks_it(dataset):
    dataset.replace(TOWNSHIP, "county: 云岭县\n", "county: 云岭县\nsample_date: 2025-12-31\n")
    done = run_cli("generate", "--data", "data", "--docs", "docs", cwd=dataset.root)
    assert done.returncode == 0, done.stdout + done.stderr
    nav = json.loads((dataset.root / "docs/generated/.nav.json").read_text(encoding="utf-8"))
    assert (nav["build_date"], nav["sample"]) == ("2025-12-31", True)


def test_real_data_is_computed_for_today_and_not_marked(dataset):
    done = run_cli("generate", "--data", "data", "--docs", "docs", cwd=dataset.root)
    assert done.returncode == 0, done.stdout + done.stderr
    nav = json.loads((dataset.root / "docs/generated/.nav.json").read_text(encoding="utf-8"))
    assert (nav["build_date"], nav["sample"]) == (today_in_china().isoformat(), False)


@pytest.mark.slow
@pytest.mark.sample_data
def test_every_page_of_the_sample_site_says_sample_data_with_its_date(sample_site):
    """The sample is built as `make site` builds it, without --today (tests/sitebuild.py)."""
    pages = sorted(sample_site.rglob("*.html"))
    unmarked = [
        p.relative_to(sample_site).as_posix()
        for p in pages
        if "示例数据" not in (text := p.read_text(encoding="utf-8"))
        or f"按 {SAMPLE_DATE} 计算" not in text
    ]
    assert len(pages) > 100
    assert unmarked in ([], ["admin/index.html"]), unmarked
