"""Benchmark: the pipeline stage by stage on synthetic data, against a parse floor.

For each scale (see bench/synth.py) the data folder is synthesized once
into a cache folder, then every run starts a fresh Python process (a cold run:
nothing cached in memory, although the operating system's file cache is warm)
that measures, in order:

* floor     – read every file's bytes and parse them with libyaml
              (`yaml.load(text, Loader=yaml.CSafeLoader)`), the least any
              loader must do;
* startup   – importing the pipeline and its libraries;
* the stages of pipeline.generate(), timed through its observer
  (generators/build/stages.py): read, check files (loader, schema and privacy scan
  of each file, in worker processes for large inputs; their CPU seconds are
  reported by the stage), cross-record, model, compliance, render, write;
* warm      – a second pipeline.generate with no data change (writes 0 files);
* mkdocs    – `mkdocs build --strict` in a temporary copy of the project
              (mkdocs.yml, the hand-written docs, overrides/) holding the
              generated pages, exactly what `python -m generators site` runs.

Results are medians and ranges over the runs, ratios to the floor, pages, site
and search index sizes, and peak memory. Nothing here prints: the command line
prints the Markdown this module returns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.searchcost import (
    BUDGET,
    SCOPES,
    format_first_results,
    largest_first_result,
    measure_search,
)
from generators.build.stages import Observer

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = REPO / "bench" / "cache"
DEFAULT_OUT = REPO / "bench" / "results" / "latest.md"
DEFAULT_SCALES = ("township", "county")
DEFAULT_RUNS = 3
NO_MKDOCS_SCALES = ("province",)  # too large for a static build; loaded, validated, rendered only
NO_WARM_SCALES = ("province",)  # a second full pipeline run there would only double the wait

STAGES = ("load", "validate", "model", "history", "compliance", "render", "downloads", "write")
ROWS = (
    ("floor", "floor: read + libyaml CSafeLoader"),
    ("startup", "startup (imports)"),
    ("read", "read files (bytes, cache keys)"),
    ("file_checks", "per-file checks: loader + schema + privacy, wall"),
    ("loader_cpu", "&nbsp;&nbsp;loader, CPU summed over processes"),
    ("schema_cpu", "&nbsp;&nbsp;schema, CPU summed over processes"),
    ("privacy_cpu", "&nbsp;&nbsp;privacy scan of records, CPU summed over processes"),
    ("checks", "cross-record checks"),
    ("load", "**load** (read + the loader's share of the per-file checks)"),
    ("validate", "**validate** (the rest of validate())"),
    ("model", "model (git history + build_model + the checks on it)"),
    ("history", "history (every published version of every disclosure, from git)"),
    ("compliance", "compliance (what was due, what is late)"),
    ("render", "render"),
    ("downloads", "downloads (/data/: CSV, XLSX, JSON, data package, summary; feeds)"),
    ("write", "write"),
    ("pipeline", "**load → write, cold**"),
    ("warm", "warm generate, no data change"),
    ("mkdocs", "mkdocs build --strict"),
    ("search_index", "search index (Pagefind: the county's bundle and one per township)"),
    ("search_county", "&nbsp;&nbsp;the county's bundle (全县, every page)"),
    ("search_township_median", "&nbsp;&nbsp;a township's bundle (本镇), median of the townships"),
    ("search_township_min", "&nbsp;&nbsp;a township's bundle, the quickest"),
    ("search_township_max", "&nbsp;&nbsp;a township's bundle, the slowest"),
    ("search_changed", "search after one township's page changed (its bundle + the county's)"),
    ("site_privacy", "privacy scan of the built site"),
    ("site_total", "**site total** (startup + load → write + mkdocs + search index + site scan)"),
    ("export", "export: every record to one workbook (validate + write .xlsx)"),
    ("import", "import: that workbook into an empty data folder (read, write YAML, check a copy)"),
    ("import_update", "import --update of it into the data (nothing changes: read and compare)"),
)

# Targets at county scale.
TARGET_FLOOR_RATIO = 3.0
TARGET_WARM_SECONDS = 2.0
TARGET_SITE_SECONDS = 60.0
TARGET_MEMORY_BYTES = 2 * 1024**3
TARGET_INDEX_GZ = {"township": 1024**2, "county": 5 * 1024**2}
TARGET_GROWTH = 1.3
TARGET_COMPLIANCE_SHARE = 0.10  # of render time
TARGET_HISTORY_SHARE = 0.10  # of the pipeline, load → write


def prepare_data(scale: str, seed: int, cache_dir: Path = DEFAULT_CACHE) -> tuple[Path, float]:
    """The synthetic data folder of a scale, made unless the cache already holds it; (folder, seconds)."""
    from .synth import MARKER, dataset_key, synthesize

    folder = Path(cache_dir) / f"{scale}-seed{seed}"
    marker = folder / MARKER
    if (
        marker.exists()
        and marker.read_text(encoding="utf-8") == dataset_key(scale, seed)
        and (folder / ".git").is_dir()
    ):
        return folder, 0.0
    started = time.perf_counter()
    synthesize(folder, scale, seed)
    _commit(folder)
    return folder, time.perf_counter() - started


def _commit(folder: Path) -> None:
    """The synthetic data as its own git repository with one commit, so that the history is read as in
    a real data repository (every disclosure then has its first published version)."""
    shutil.rmtree(folder / ".git", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="synth",
        GIT_AUTHOR_EMAIL="synth@example.org",
        GIT_COMMITTER_NAME="synth",
        GIT_COMMITTER_EMAIL="synth@example.org",
        GIT_AUTHOR_DATE="2025-12-31T12:00:00+08:00",
        GIT_COMMITTER_DATE="2025-12-31T12:00:00+08:00",
    )
    for args in (["init", "--quiet"], ["add", "-A"], ["commit", "--quiet", "-m", "Synthetic data"]):
        subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
        )


# ---------------------------------------------------------------------------
# one cold run, in its own process


def _project_copy(root: Path) -> Path | None:
    """A throwaway project folder for MkDocs: mkdocs.yml, hand-written docs, overrides."""
    if not (REPO / "mkdocs.yml").exists() or not (REPO / "docs").is_dir():
        return None
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    for name in ("overrides",):
        if (REPO / name).exists():
            os.symlink(REPO / name, root / name)
    return root


def _maxrss_bytes(who: int) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # kilobytes on Linux


class _StageClock(Observer):
    """Wall time of each stage of the pipeline, and what each reports."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.details: dict[str, dict] = {}
        self._started: dict[str, float] = {}

    def started(self, name: str) -> None:
        self._started[name] = time.perf_counter()

    def ended(self, name: str, details: dict) -> None:
        self.seconds[name] = time.perf_counter() - self._started.pop(name)
        self.details[name] = details


def _stage_rows(clock: _StageClock) -> dict:
    """The rows of the report from one cold run's stages: load is reading plus the loader's share."""
    cpu = clock.details.get("check files", {}).get("cpu_seconds", {})
    work = sum(cpu.values())
    file_checks = clock.seconds.get("check files", 0.0)
    read = clock.seconds.get("read", 0.0)
    load = read + (file_checks * cpu.get("loader", 0.0) / work if work else 0.0)
    validate = read + file_checks + clock.seconds.get("cross-record", 0.0) - load
    return {
        "read": read,
        "file_checks": file_checks,
        "loader_cpu": cpu.get("loader", 0.0),
        "schema_cpu": cpu.get("schema", 0.0),
        "privacy_cpu": cpu.get("privacy", 0.0),
        "checks": clock.seconds.get("cross-record", 0.0),
        "load": load,
        "validate": validate,
        "model": clock.seconds.get("model", 0.0),
        "history": clock.seconds.get("history", 0.0),
        "compliance": clock.seconds.get("compliance", 0.0),
        "render": clock.seconds.get("render", 0.0),
        "downloads": clock.seconds.get("downloads", 0.0),
        "write": clock.seconds.get("write", 0.0),
    }


def measure(
    data_dir: Path,
    today: dt.date,
    with_mkdocs: bool = True,
    profile: Path | None = None,
    with_warm: bool = True,
    only_search: bool = False,
) -> dict:
    """Every stage once, cold when this process is fresh. Returns plain numbers (JSON-ready).

    The cold run is pipeline.generate() with an empty validation cache into a
    fresh docs folder, timed stage by stage through its observer; the warm run
    is generate() again with the cache the cold run filled. With only_search: the cold run,
    MkDocs and the search (bench/searchcost.py), nothing else.
    """
    started = time.perf_counter()
    import yaml

    from generators.build.parallel import worker_count
    from generators.check.validate import discover
    from generators.pipeline import generate
    from generators.privacy import scan as privacy

    result: dict = {"workers": worker_count(), "startup": time.perf_counter() - started}
    data_dir = Path(data_dir)

    t = time.perf_counter()
    for relative in discover(data_dir):
        yaml.load((data_dir / relative).read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    result["floor"] = time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="dangjian-bench-") as temporary:
        root = Path(temporary)
        project = _project_copy(root)
        docs_dir = root / "docs"
        docs_dir.mkdir(exist_ok=True)
        cache_dir = root / "cache"
        profiler = None
        if profile is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        clock = _StageClock()
        cold = generate(data_dir, docs_dir, today, cache_dir=cache_dir, observer=clock)
        result.update(_stage_rows(clock))
        result["errors"] = sum(1 for p in cold.problems if p.is_error)
        result["warnings"] = len(cold.problems) - result["errors"]
        result["records"] = (
            clock.details["check files"]["checked"] + clock.details["check files"]["cached"]
        )
        if result["errors"]:
            return result
        assert cold.stats is not None  # no errors: the pages were written
        result["pages"] = cold.stats.written
        result["generated_bytes"] = sum(
            p.stat().st_size for p in (docs_dir / "generated").rglob("*") if p.is_file()
        )
        if profiler is not None:
            assert profile is not None  # the profiler runs only when a file is named
            profiler.disable()
            _write_profile(profiler, profile)
        del cold

        warm = None
        if only_search:
            pass
        elif not with_warm:
            with_mkdocs = False
        else:
            t = time.perf_counter()
            warm = generate(data_dir, docs_dir, today, cache_dir=cache_dir)
            result["warm"] = time.perf_counter() - t
            result["warm_written"] = warm.stats.written if warm.stats else None

        if project is not None and with_mkdocs:
            site_dir = root / "site"
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            t = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--clean",
                    "--site-dir",
                    str(site_dir),
                ],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            result["mkdocs"] = time.perf_counter() - t
            result["mkdocs_status"] = done.returncode
            if done.returncode:
                result["mkdocs_error"] = (done.stderr or done.stdout)[-2000:]
            else:
                # the published site's search, as the build runs it, then what it costs
                result.update(measure_search(site_dir, data_dir))
                result["search_index"] = result["search_total"]
                result.update(_site_sizes(site_dir))
                if warm is not None:  # with_mkdocs implies with_warm, but for only_search
                    t = time.perf_counter()
                    leaks = privacy.scan_site(site_dir, warm.phones)
                    result["site_privacy"] = time.perf_counter() - t
                    result["site_leaks"] = len(leaks)
        del warm
    if with_warm and not only_search:
        result.update(measure_exchange(data_dir, today))
    result["maxrss"] = _maxrss_bytes(resource.RUSAGE_SELF)
    result["maxrss_children"] = _maxrss_bytes(resource.RUSAGE_CHILDREN)
    return result


def measure_exchange(data_dir: Path, today: dt.date) -> dict:
    """Export every record to one workbook, as `export` does; import it into an empty data folder
    (every record written and checked), and with --update into a copy of the data (every record
    read and compared, none changed)."""
    import shutil

    from generators.check.validate import validate
    from generators.exchange.export import export_bytes
    from generators.exchange.importing import SAME, import_file
    from generators.spec.registry import REGISTRY

    with tempfile.TemporaryDirectory(prefix="dangjian-exchange-") as temporary:
        root = Path(temporary)
        data = root / "data"
        shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns(".git"))
        t = time.perf_counter()
        validation = validate(data, today)
        chosen = [
            (
                t_,
                [r.document for r in validation.records if r.type is t_ and r.document is not None],
            )
            for t_ in REGISTRY
        ]
        (root / "all.xlsx").write_bytes(export_bytes(chosen, today))
        export = time.perf_counter() - t
        empty = root / "empty"
        empty.mkdir()
        t = time.perf_counter()
        fresh = import_file(root / "all.xlsx", empty, today)
        seconds = time.perf_counter() - t
        t = time.perf_counter()
        again = import_file(root / "all.xlsx", data, today, update=True)
        update = time.perf_counter() - t
        return {
            "export": export,
            "import": seconds,
            "import_ok": fresh.ok and len(fresh.files) == len(validation.records),
            "import_update": update,
            "import_unchanged": again.ok and all(p.state == SAME for p in again.files),
            "workbook_bytes": (root / "all.xlsx").stat().st_size,
        }


def _site_sizes(site_dir: Path) -> dict:
    total = html = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            html += path.suffix == ".html"
    from bench.sitetimes import index_size

    stored, served, _ = index_size(site_dir)
    return {
        "site_bytes": total,
        "html_pages": html,
        "index_bytes": stored,
        "index_gz_bytes": served,
    }


def _write_profile(profiler, path: Path) -> None:
    import io
    import pstats

    out = io.StringIO()
    for key in ("cumulative", "tottime"):
        out.write(f"==== sorted by {key}\n")
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(45)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")


def _worker_main(argv: list[str]) -> int:
    options = json.loads(argv[0])
    result = measure(
        Path(options["data"]),
        dt.date.fromisoformat(options["today"]),
        options["mkdocs"],
        Path(options["profile"]) if options.get("profile") else None,
        options.get("warm", True),
        options.get("only_search", False),
    )
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    return 0


def run_cold(
    data_dir: Path,
    today: dt.date,
    with_mkdocs: bool,
    profile: Path | None = None,
    with_warm: bool = True,
    only_search: bool = False,
) -> dict:
    """measure() in a fresh Python process."""
    options = {
        "only_search": only_search,
        "data": str(Path(data_dir).resolve()),
        "today": today.isoformat(),
        "mkdocs": with_mkdocs,
        "profile": str(profile) if profile else None,
        "warm": with_warm,
    }
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    if profile:
        env["DANGJIAN_WORKERS"] = (
            "1"  # a profile sees only its own process: keep all the work in it
        )
    loadavg = os.getloadavg()[0]
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.measure", json.dumps(options)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    wall = time.perf_counter() - t
    if done.returncode:
        raise RuntimeError(f"benchmark run failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    result["loadavg_before"] = loadavg
    return result


# ---------------------------------------------------------------------------
# many runs, summarized


@dataclass
class ScaleResult:
    scale: str
    data_dir: Path
    synth_seconds: float
    counts: dict[str, int]
    data_bytes: int
    runs: list[dict] = field(default_factory=list)
    site: dict | None = (
        None  # the whole `site` command: cold, no change, one record (bench/sitetimes.py)
    )

    def values(self, key: str) -> list[float]:
        return [run[key] for run in self.runs if run.get(key) is not None]

    def median(self, key: str) -> float | None:
        values = self.values(key)
        return statistics.median(values) if values else None


def _derive(run: dict) -> dict:
    if all(stage in run for stage in STAGES):
        run["pipeline"] = sum(run[stage] for stage in STAGES)
        run["per_record_ms"] = 1000 * run["pipeline"] / max(1, run["records"])
        if "mkdocs" in run:
            run["site_total"] = (
                run["startup"]
                + run["pipeline"]
                + run["mkdocs"]
                + run.get("search_index", 0.0)
                + run.get("site_privacy", 0.0)
            )
    return run


def _counts(data_dir: Path) -> tuple[dict[str, int], int]:
    from generators.check.validate import discover
    from generators.spec.registry import type_of

    counts: dict[str, int] = {}
    size = 0
    for relative in discover(data_dir):
        record_type = type_of(relative)
        if record_type is not None:
            counts[record_type.name] = counts.get(record_type.name, 0) + 1
            size += (data_dir / relative).stat().st_size
    return counts, size


def run_bench(
    scales=DEFAULT_SCALES,
    runs: int = DEFAULT_RUNS,
    seed: int | None = None,
    today: dt.date | None = None,
    mkdocs: bool = True,
    cache_dir: Path = DEFAULT_CACHE,
    profile_dir: Path | None = None,
    log=lambda message: None,
    only_search: bool = False,
) -> list[ScaleResult]:
    from .synth import DEFAULT_SEED, SCALES, SYNTH_TODAY

    seed = DEFAULT_SEED if seed is None else seed
    today = today or SYNTH_TODAY
    results = []
    for scale in scales:
        if scale not in SCALES:
            raise ValueError(scale)
        log(f"[{scale}] preparing synthetic data …")
        data_dir, synth_seconds = prepare_data(scale, seed, cache_dir)
        counts, size = _counts(data_dir)
        result = ScaleResult(scale, data_dir, synth_seconds, counts, size)
        with_mkdocs = mkdocs and scale not in NO_MKDOCS_SCALES
        for number in range(1, runs + 1):
            log(f"[{scale}] run {number}/{runs} …")
            run = _derive(
                run_cold(
                    data_dir,
                    today,
                    with_mkdocs,
                    with_warm=scale not in NO_WARM_SCALES,
                    only_search=only_search,
                )
            )
            if run.get("errors"):
                raise RuntimeError(f"synthetic {scale} data has {run['errors']} validation errors")
            if run.get("mkdocs_status"):
                raise RuntimeError(
                    f"mkdocs build failed at {scale} scale:\n{run.get('mkdocs_error', '')}"
                )
            result.runs.append(run)
            log(
                f"[{scale}] run {number}: load → write {run['pipeline']:.2f} s"
                + (f", mkdocs {run['mkdocs']:.1f} s" if "mkdocs" in run else "")
            )
        if with_mkdocs and not only_search:
            from .sitetimes import measure_site

            result.site = measure_site(data_dir, today, runs, log)
        if profile_dir is not None and not only_search:
            log(f"[{scale}] profiling load → write …")
            run_cold(
                data_dir, today, False, Path(profile_dir) / f"profile-{scale}.txt", with_warm=False
            )
        results.append(result)
    return results


# ---------------------------------------------------------------------------
# worst cases: one record whose single field is a megabyte of number-like text

FIELD_BYTES = 1024 * 1024 - 2048  # the field, so that the file stays within the loader's 1 MB
WORST_CASES = (
    ("phones", "mobile numbers, space-separated (13812345678 13812345678 …)", "13812345678 "),
    ("digits", "single digits, space-separated (0 0 0 …)", "0 "),
    ("card-groups", "card-prefix groups (6222 6222 …)", "6222 "),
    ("id-areas", "ID area codes (110101 110101 …)", "110101 "),
    ("invisible", "digits between soft hyphens (1\\u00ad1\\u00ad …)", "1\u00ad"),
    ("run", "one run of digits (111…)", "1"),
    ("room-numbers", "numbers and 号 (1号1号1号 …)", "1号"),
)
TARGET_WORST_SECONDS = 2.0


@dataclass
class WorstCase:
    name: str
    label: str
    seconds: list[float] = field(default_factory=list)
    problems: dict[str, int] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def worst_case_data(folder: Path, unit: str) -> Path:
    """A data folder of one task whose `content` is FIELD_BYTES of `unit` repeated."""
    text = unit * (FIELD_BYTES // len(unit.encode("utf-8")))
    task = folder / "tasks" / "p" / "t.yaml"
    task.parent.mkdir(parents=True, exist_ok=True)
    task.write_text(
        f'id: t\nplan: p\naction: a\ntitle: 最坏情况\ncontent: "{text}"\n', encoding="utf-8"
    )
    return folder


def run_worst_cases(runs: int = DEFAULT_RUNS, log=lambda message: None) -> list[WorstCase]:
    """`python -m generators validate --no-cache` on each worst case, whole process, `runs` times."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-worst-") as scratch:
        for name, label, unit in WORST_CASES:
            data = worst_case_data(Path(scratch) / name, unit)
            case = WorstCase(name, label)
            for _ in range(runs):
                t = time.perf_counter()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "generators",
                        "validate",
                        "--no-cache",
                        "--data",
                        str(data),
                        "--format",
                        "json",
                        "--today",
                        "2025-12-31",
                    ],
                    cwd=REPO,
                    env=env,
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                )
                case.seconds.append(time.perf_counter() - t)
                report = json.loads(done.stdout)
                case.problems = {}
                for problem in report["problems"]:
                    case.problems[problem["code"]] = case.problems.get(problem["code"], 0) + 1
            log(f"[worst case] {name}: {case.median:.2f} s")
            results.append(case)
    return results


def format_worst_cases(cases: list[WorstCase]) -> str:
    if not cases:
        return ""
    lines = [
        "### Worst cases: one field of 1 MB",
        "",
        "One record whose `content` is about 1 MB of number-like text; `python -m generators validate "
        "--no-cache` as a whole process (start-up included). Privacy problems stop at 20 a file, then one "
        "`privacy.many`.",
        "",
        "| input | median (s) | range (s) | problems by code |",
        "|---|---:|---:|---|",
    ]
    for case in cases:
        codes = ", ".join(f"{code} {count}" for code, count in sorted(case.problems.items()))
        lines.append(f"| {case.label} | {_s(case.median)} | {_range(case.seconds)} | {codes} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Markdown


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1024**2:,.1f} MB"


def _yes(value) -> str:
    return "yes" if value else "no"


def _range(values: list[float], fmt=_s) -> str:
    return "—" if not values else f"{fmt(min(values))} – {fmt(max(values))}"


def format_scale(result: ScaleResult) -> str:
    counts = result.counts
    files = sum(counts.values())
    lines = [
        f"### {result.scale}",
        "",
        f"{counts.get('township', 0):,} townships, {counts.get('village', 0):,} villages, "
        f"{counts.get('branch', 0):,} organizations, {counts.get('meetings', 0):,} meeting logs, "
        f"{counts.get('plan', 0):,} plans, {counts.get('task', 0):,} tasks, "
        f"{counts.get('disclosure', 0):,} disclosures: {files:,} files, {_mb(result.data_bytes)} of YAML; "
        f"{len(result.runs)} cold run(s).",
        "",
        "| stage | median (s) | range (s) | × floor |",
        "|---|---:|---:|---:|",
    ]
    floor = result.median("floor")
    for key, label in ROWS:
        median = result.median(key)
        if median is None:
            continue
        ratio = f"{median / floor:.1f}×" if floor else "—"
        lines.append(f"| {label} | {_s(median)} | {_range(result.values(key))} | {ratio} |")
    warm_written = result.values("warm_written")
    lines += ["", "| measure | median | range |", "|---|---:|---:|"]

    def row(label, key, fmt):
        values = result.values(key)
        if values:
            lines.append(f"| {label} | {fmt(statistics.median(values))} | {_range(values, fmt)} |")

    row("records", "records", lambda v: f"{v:,.0f}")
    row("validation warnings (errors stop the run)", "warnings", lambda v: f"{v:,.0f}")
    row("worker processes for large inputs", "workers", lambda v: f"{v:,.0f}")
    row("time per record, load → write", "per_record_ms", lambda v: f"{v:.2f} ms")
    row("pages written, cold", "pages", lambda v: f"{v:,.0f}")
    if warm_written:
        row("files written by the warm generate", "warm_written", lambda v: f"{v:,.0f}")
    row("generated Markdown", "generated_bytes", _mb)
    row("HTML pages in site/", "html_pages", lambda v: f"{v:,.0f}")
    row("site size", "site_bytes", _mb)
    row("search index (Pagefind's folder), on disk", "index_bytes", _mb)
    row("search index (Pagefind's folder), as served (gzip)", "index_gz_bytes", _mb)
    row("township search bundles", "search_bundles", lambda v: f"{v:,.0f}")
    row(
        "bundles indexed after one township's page changed",
        "search_changed_indexed",
        lambda v: f"{v:,.0f}",
    )
    row("peak memory, pipeline process", "maxrss", _mb)
    row("peak memory, child processes (mkdocs, git)", "maxrss_children", _mb)
    row("privacy findings in the built site", "site_leaks", lambda v: f"{v:,.0f}")
    row("export workbook, every record", "workbook_bytes", _mb)
    row("import of the export gave every record, valid", "import_ok", _yes)
    row("import --update of the export left every file as it was", "import_unchanged", _yes)
    row("process wall time (whole run)", "process_wall", lambda v: f"{v:.1f} s")
    row("1-minute load average before the run", "loadavg_before", lambda v: f"{v:.2f}")
    lines += format_first_results(result.runs)
    return "\n".join(lines) + "\n"


def format_targets(results: list[ScaleResult], worst: Sequence[WorstCase] = ()) -> str:
    by_scale = {r.scale: r for r in results}
    rows = []

    def verdict(ok) -> str:
        return "—" if ok is None else ("met" if ok else "**not met**")

    county = by_scale.get("county")
    if county:
        pipeline, floor = county.median("pipeline"), county.median("floor")
        ratio = pipeline / floor if pipeline and floor else None
        rows.append(
            (
                "load → write cold within 3× the parse floor (county)",
                "—" if ratio is None else f"{ratio:.1f}× ({_s(pipeline)} s vs {_s(floor)} s)",
                verdict(None if ratio is None else ratio <= TARGET_FLOOR_RATIO),
            )
        )
        compliance, render = county.median("compliance"), county.median("render")
        share = compliance / render if compliance is not None and render else None
        rows.append(
            (
                "compliance within 10% of render time (county)",
                "—" if share is None else f"{share:.1%} ({_s(compliance)} s vs {_s(render)} s)",
                verdict(None if share is None else share <= TARGET_COMPLIANCE_SHARE),
            )
        )
        history = county.median("history")
        history_share = history / pipeline if history is not None and pipeline else None
        rows.append(
            (
                "history within 10% of load → write (county)",
                "—"
                if history_share is None
                else f"{history_share:.1%} ({_s(history)} s vs {_s(pipeline)} s)",
                verdict(None if history_share is None else history_share <= TARGET_HISTORY_SHARE),
            )
        )
        warm = county.median("warm")
        rows.append(
            (
                "warm generate under 2 s (county)",
                f"{_s(warm)} s",
                verdict(None if warm is None else warm < TARGET_WARM_SECONDS),
            )
        )
        total = county.median("site_total")
        rows.append(
            (
                "full site build under 60 s (county)",
                f"{_s(total)} s",
                verdict(None if total is None else total < TARGET_SITE_SECONDS),
            )
        )
        peak = max(county.values("maxrss") + county.values("maxrss_children"), default=None)
        rows.append(
            (
                "peak memory under 2 GB (county)",
                _mb(peak),
                verdict(None if peak is None else peak < TARGET_MEMORY_BYTES),
            )
        )
    for scale in ("township", "county"):
        result = by_scale.get(scale)
        gz = result.median("index_gz_bytes") if result else None
        if gz is not None:
            limit = TARGET_INDEX_GZ[scale]
            rows.append(
                (
                    f"search index folder (Pagefind, as served) under {limit // 1024**2} MB"
                    f" ({scale})",
                    _mb(gz),
                    verdict(gz < limit),
                )
            )
    for scope, label in SCOPES:
        largest = largest_first_result(county.runs, scope) if county else None
        if largest is not None:
            rows.append(
                (
                    f"first search result under {BUDGET // 1024} KB on a phone, "
                    f"{label.split()[0]} (county, the query set's most)",
                    f"{largest / 1024:.1f} KB",
                    verdict(largest <= BUDGET),
                )
            )
    ladder = [by_scale[s] for s in ("township", "county", "province") if s in by_scale]
    for smaller, larger in zip(ladder, ladder[1:], strict=False):
        a, b = smaller.median("per_record_ms"), larger.median("per_record_ms")
        if a and b:
            rows.append(
                (
                    f"time per record {smaller.scale} → {larger.scale} grows ≤ 1.3×",
                    f"{a:.2f} → {b:.2f} ms ({b / a:.2f}×)",
                    verdict(b / a <= TARGET_GROWTH),
                )
            )
    for case in worst:
        if case.median is not None:
            rows.append(
                (
                    f"1 MB field of {case.name} rejected under {TARGET_WORST_SECONDS:.0f} s",
                    f"{_s(case.median)} s",
                    verdict(case.median < TARGET_WORST_SECONDS),
                )
            )
    if not rows:
        return ""
    lines = ["### Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {ok} |" for name, value, ok in rows]
    return "\n".join(lines) + "\n"


def source_version() -> str:
    """The commit measured, with `-dirty` when the working tree has changes; "unknown" outside git."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


def format_report(
    results: list[ScaleResult], today: dt.date, seed: int, worst: Sequence[WorstCase] = ()
) -> str:
    import platform

    head = [
        "## Pipeline benchmark",
        "",
        f"Synthetic data (`python -m generators synth`, seed {seed}) checked as of {today}; "
        f"source {source_version()}; Python {platform.python_version()}, {os.cpu_count()} CPU(s). "
        "Each run is a fresh process "
        "(no in-memory caches; the OS file cache is warm). The floor is reading every file and parsing it "
        "with libyaml (`yaml.load(text, Loader=yaml.CSafeLoader)`).",
        "",
    ]
    from .sitetimes import format_site

    body = [
        format_scale(r) + ("\n" + format_site(r.scale, r.site) if r.site else "") for r in results
    ]
    if worst:
        body.append(format_worst_cases(list(worst)))
    targets = format_targets(results, list(worst))
    return "\n".join(head + body + ([targets] if targets else []))


if __name__ == "__main__":
    sys.exit(_worker_main(sys.argv[1:]))
