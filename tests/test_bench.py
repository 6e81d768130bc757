"""The benchmark end to end on the smallest scales: one cold run, no MkDocs; the site rows on the minimal data."""

from __future__ import annotations

import pytest

from bench import measure as bench
from generators.cli.commands import main


@pytest.mark.slow  # a whole run of the benchmark
def test_bench_township_one_run_reports_every_stage(tmp_path, capsys):
    out = tmp_path / "results" / "latest.md"
    status = main(
        [
            "bench",
            "--scales",
            "township",
            "--runs",
            "1",
            "--no-mkdocs",
            "--worst-cases",
            "no",
            "--cache",
            str(tmp_path / "cache"),
            "--out",
            str(out),
        ]
    )
    assert status == 0
    report = out.read_text(encoding="utf-8")
    assert report in capsys.readouterr().out
    stage_rows = [line for line in report.splitlines() if line.startswith("| ")]
    for key, label in bench.ROWS:
        if key in ("mkdocs", "site_privacy", "site_total") or key.startswith("search_"):
            continue  # rows of the built site: no MkDocs here
        assert any(row.startswith(f"| {label} |") for row in stage_rows), label
    assert "| files written by the warm generate | 0 |" in report
    assert any(row.startswith("| records | ") for row in stage_rows)
    assert "### township" in report


def test_cached_data_is_reused(tmp_path):
    folder, seconds = bench.prepare_data("township", 7, tmp_path)
    assert seconds > 0
    again, seconds = bench.prepare_data("township", 7, tmp_path)
    assert (again, seconds) == (folder, 0.0)


@pytest.mark.slow  # a whole run of the benchmark
def test_bench_measures_the_one_megabyte_field_worst_cases(tmp_path, capsys):
    out = tmp_path / "worst.md"
    assert main(["bench", "--worst-cases", "only", "--runs", "1", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    rows = {line.split(" | ")[0][2:]: line for line in report.splitlines() if line.startswith("| ")}
    for name, label, _ in bench.WORST_CASES:
        assert label in rows, label
        assert f"| 1 MB field of {name} rejected under 2 s |" in report
    # The phones are found, 20 of them and one problem saying there are more; the field is too long too.
    assert rows[bench.WORST_CASES[0][1]].endswith(
        "| privacy.many 1, privacy.mobile 20, schema.length 1, schema.required 6 |"
    )
    assert "privacy." not in rows[bench.WORST_CASES[1][1]]  # single digits are nobody's number


def test_the_site_never_imports_the_developer_tools(tmp_path):
    import subprocess
    import sys

    from conftest import MINIMAL, REPO

    code = (
        "import sys; from generators.cli.commands import main; "
        f"status = main(['generate', '--data', {str(MINIMAL)!r}, '--docs', {str(tmp_path)!r}, "
        "'--today', '2025-12-31', '--no-cache']); "
        "print(status, sorted(m for m in sys.modules if m == 'bench' or m.startswith('bench.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_the_site_benchmark_reports_the_search_index_size(tmp_path):
    import gzip

    from bench.sitetimes import index_size
    from generators.build import search

    for url, title in (("", "首页"), ("villages/xikou/", "溪口村")):
        page = tmp_path / url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<html lang=zh><body><div data-pagefind-body><h1>{title}</h1><p>青溪镇</p></div>"
            "</body></html>",
            encoding="utf-8",
        )
    search.index_site(tmp_path)
    files = [p for p in (tmp_path / "pagefind").rglob("*") if p.is_file()]
    stored, served, pages = index_size(tmp_path)
    assert pages == 2 and not (tmp_path / "search").exists()
    assert stored == sum(p.stat().st_size for p in files)
    script = (tmp_path / "pagefind" / "pagefind.js").read_bytes()
    fragment = next((tmp_path / "pagefind" / "fragment").iterdir()).read_bytes()
    assert fragment[:2] == b"\x1f\x8b"  # sent as it is stored
    assert stored - len(script) + len(gzip.compress(script, 6, mtime=0)) >= served


@pytest.mark.slow
def test_the_site_rows_time_every_kind_of_build_and_find_the_incremental_site_identical(tmp_path):
    import datetime as dt

    from conftest import MINIMAL

    from bench import sitetimes

    summary = sitetimes.measure_site(MINIMAL, dt.date(2025, 12, 31))
    assert "error" not in summary, summary.get("error")
    assert summary["differences"] == 0 and summary["runs"] == 1
    assert "个沿用上次构建" in summary["one_record_output"][0]
    report = sitetimes.format_site("minimal", summary)
    for row in (
        "| cold (no cache, no site) |",
        "| no change |",
        "| one task edited |",
        "| plain `mkdocs build --strict`, same pages |",
        "| incremental output byte-identical to a full build | 0",
    ):
        assert row in report


def test_the_search_rows_draw_their_queries_from_the_data_and_report_bytes_per_scope():
    import yaml
    from conftest import REPO

    from bench.searchcost import format_first_results, village_queries

    village, queries = village_queries(REPO / "data")
    record = yaml.safe_load((REPO / "data/villages" / f"{village}.yaml").read_text("utf-8"))
    assert queries == [
        f"{record['name']}财务",
        record["leaders"]["secretary"],
        "2025年3季度",
        "2025.10",
        "2025年",
    ]
    seen = {"bytes": 200 * 1024, "requests": 9, "results": 10, "seconds": 1.0}
    run = {
        "first_result_county": {queries[0]: dict(seen, scope="county")},
        "first_result_township": {queries[0]: dict(seen, bytes=100 * 1024, scope="county")},
    }
    table = format_first_results([run, run])
    assert f"| {queries[0]} | 200.0 KB (10) | 100.0 KB (10, searched county) |" in table
    assert format_first_results([{}]) == []


def test_bench_takes_only_search():
    from bench.cli import build_parser

    args = build_parser().parse_args(["bench", "--scales", "county", "--only", "search"])
    assert args.only == "search" and args.scales == ["county"]


def test_the_targets_name_the_costliest_first_result_of_each_scope(tmp_path):
    from bench.measure import ScaleResult, format_targets

    cost = {"bytes": 0, "requests": 1, "results": 1, "seconds": 1.0, "scope": "county"}
    run = {
        "first_result_county": {"甲": dict(cost, bytes=310 * 1024), "乙": dict(cost, bytes=1)},
        "first_result_township": {"甲": dict(cost, bytes=150 * 1024, scope="township")},
    }
    table = format_targets([ScaleResult("county", tmp_path, 0.0, {}, 0, [run])])
    assert (
        "| first search result under 300 KB on a phone, 全县 (county, the query set's most) "
        "| 310.0 KB | **not met** |" in table
    )
    assert (
        "| first search result under 300 KB on a phone, 本镇 (county, the query set's most) "
        "| 150.0 KB | met |" in table
    )
