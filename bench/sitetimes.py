"""The whole `python -m generators site` command at a scale: cold, no change, one record changed.

In a throwaway copy of the project (mkdocs.yml, docs/, overrides/) and of the
synthetic data folder (a git repository of its own), measured in one run:

* cold        – `site` with no cache and no site folder;
* no change   – `site` again, nothing changed (REPEATS times);
* one record  – one task's title edited (a working-tree change), then `site`
                (REPEATS times, another task each time);
* plain mkdocs – `mkdocs build --strict` of the same docs/ (no cache, no scan);
* floor       – reading every data file and parsing it with libyaml;
* identity    – `site --full` into another folder, compared file by file,
                byte by byte, with the incremental build's site/.

Each command is a fresh process; its wall time, the peak memory of it and its
children (wait4), and the 1-minute load average before it are recorded.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"cold": 60.0, "no_change": 3.0, "one_record": 10.0}
REPEATS = 3  # the rows that cost seconds, not minutes, are measured this many times per run


def _run(command: list[str], cwd: Path, env: dict) -> dict:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None  # stdout=PIPE
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status:
        raise RuntimeError(
            f"{' '.join(command)} failed:\n{output.decode('utf-8', 'replace')[-3000:]}"
        )
    return {
        "seconds": wall,
        "maxrss": usage.ru_maxrss * 1024,
        "load": load,
        "output": output.decode("utf-8", "replace"),
    }


def _floor(data_dir: Path) -> float:
    import yaml

    from generators.check.validate import discover

    started = time.perf_counter()
    for relative in discover(data_dir):
        yaml.load((data_dir / relative).read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def _differences(a: Path, b: Path) -> int:
    left = {p.relative_to(a).as_posix(): p for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b).as_posix(): p for p in b.rglob("*") if p.is_file()}
    return len(left.keys() ^ right.keys()) + sum(
        1
        for name in left.keys() & right.keys()
        if left[name].read_bytes() != right[name].read_bytes()
    )


def _edit_one_task(data: Path, number: int) -> None:
    tasks = sorted((data / "tasks").rglob("*.yaml"))
    task = tasks[number % len(tasks)]
    text = task.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    task.write_text(text.replace(line, f"{line}{number}", 1), encoding="utf-8")


def measure_site(data_dir: Path, today: dt.date, runs: int = 1, log=lambda message: None) -> dict:
    """The timings, or {"error": ...} when a build fails (then the report says why instead)."""
    try:
        return _measure_site(data_dir, today, runs, log)
    except RuntimeError as error:
        log(f"[site] failed: {str(error)[:300]}")
        return {"error": str(error)}


def index_size(site: Path) -> tuple[int, int, int]:
    """The search index the cold build wrote (Pagefind's pagefind/ folder): (bytes on disk,
    bytes as served, pages). Pagefind's data files are gzip-compressed already and served as they
    are; its script and WebAssembly are counted as a server's gzip -6 sends them."""
    import gzip

    folder = site / "pagefind"
    stored = served = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            stored += len(data)
            packed = data[:2] == b"\x1f\x8b"
            served += len(data) if packed else len(gzip.compress(data, 6, mtime=0))
    pages = sum(1 for _ in (folder / "fragment").glob("*.pf_fragment"))
    return stored, served, pages


def _measure_site(data_dir: Path, today: dt.date, runs: int, log) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.pop("SITE_URL", None)
    env.update(PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    results: dict[str, list[dict]] = {"cold": [], "no_change": [], "one_record": [], "mkdocs": []}
    floors, identical, index_sizes = [], [], []
    with tempfile.TemporaryDirectory(prefix="dangjian-site-bench-") as scratch:
        root = Path(scratch)
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(
            REPO / "overrides", root / "overrides", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
        data = root / "data"
        shutil.copytree(data_dir, data, symlinks=True)
        site = [
            sys.executable,
            "-m",
            "generators",
            "site",
            "--data",
            str(data),
            "--today",
            today.isoformat(),
        ]
        for number in range(1, runs + 1):
            floors.append(_floor(data))
            shutil.rmtree(root / "site", ignore_errors=True)
            shutil.rmtree(root / ".cache", ignore_errors=True)
            shutil.rmtree(root / "docs" / "generated", ignore_errors=True)
            log(f"[site] run {number}/{runs}: cold …")
            results["cold"].append(_run(site, root, env))
            index_sizes.append(index_size(root / "site"))
            log(f"[site] cold {results['cold'][-1]['seconds']:.1f} s; no change …")
            for _ in range(REPEATS):
                results["no_change"].append(_run(site, root, env))
            log(f"[site] no change {results['no_change'][-1]['seconds']:.1f} s; one record …")
            for repeat in range(REPEATS):
                _edit_one_task(data, number * REPEATS + repeat)
                results["one_record"].append(_run(site, root, env))
                log(f"[site] one record {results['one_record'][-1]['seconds']:.1f} s")
            log("[site] plain mkdocs …")
            results["mkdocs"].append(
                _run(
                    [
                        sys.executable,
                        "-m",
                        "mkdocs",
                        "build",
                        "--strict",
                        "--site-dir",
                        str(root / "plain"),
                    ],
                    root,
                    env,
                )
            )
            log(
                f"[site] plain mkdocs {results['mkdocs'][-1]['seconds']:.1f} s; full build for the identity check …"
            )
            _run([*site, "--full", "--site-dir", "full"], root, env)
            identical.append(_differences(root / "site", root / "full"))
            shutil.rmtree(root / "full")
            shutil.rmtree(root / "plain")
    summary: dict[str, object] = {
        key: {
            "seconds": statistics.median(r["seconds"] for r in rows),
            "range": (min(r["seconds"] for r in rows), max(r["seconds"] for r in rows)),
            "maxrss": max(r["maxrss"] for r in rows),
            "load": statistics.median(r["load"] for r in rows),
        }
        for key, rows in results.items()
    }
    summary["floor"] = statistics.median(floors)
    summary["index"] = index_sizes[-1]
    summary["differences"] = max(identical)
    summary["runs"] = runs
    summary["one_record_output"] = results["one_record"][-1]["output"].strip().splitlines()[-1:]
    return summary


def format_site(scale: str, summary: dict) -> str:
    if "error" in summary:
        lines = summary["error"].splitlines()
        shown = "\n".join(lines[:3] + (["…"] if len(lines) > 6 else []) + lines[-3:])
        return (
            f"### `site` command, {scale}\n\nNot measured: a build failed.\n\n```\n{shown}\n```\n"
        )
    floor, plain = summary["floor"], summary["mkdocs"]["seconds"]
    lines = [
        f"### `site` command, {scale} ({summary['runs']} run(s); no change and one task edited "
        f"{REPEATS} times a run; medians)",
        "",
        "| build | median (s) | range (s) | × parse floor | × plain mkdocs | peak memory | load avg before |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "cold": "cold (no cache, no site)",
        "no_change": "no change",
        "one_record": "one task edited",
        "mkdocs": "plain `mkdocs build --strict`, same pages",
    }
    for key, label in labels.items():
        row = summary[key]
        lines.append(
            f"| {label} | {row['seconds']:.2f} | {row['range'][0]:.2f} – {row['range'][1]:.2f} | "
            f"{row['seconds'] / floor:.1f}× | {row['seconds'] / plain:.2f}× | "
            f"{row['maxrss'] / 1024**2:,.0f} MB | {row['load']:.2f} |"
        )
    lines += [
        "",
        f"Parse floor (read + libyaml): {floor:.2f} s. Incremental site/ against a full build of the same "
        f"state: {summary['differences']} file(s) differ. Last one-record build: "
        f"{' '.join(summary['one_record_output'])}",
        "",
        f"Search index (Pagefind, pagefind/): {summary['index'][0]:,} bytes, "
        f"{summary['index'][1]:,} as served (gzip), {summary['index'][2]:,} pages.",
        "",
    ]
    lines += ["| target | measured | |", "|---|---|---|"]
    for key, limit in TARGETS.items():
        value = summary[key]["seconds"]
        lines.append(
            f"| {labels[key]} ≤ {limit:.0f} s | {value:.2f} s | {'met' if value <= limit else '**not met**'} |"
        )
    peak = max(summary[k]["maxrss"] for k in labels)
    lines.append(
        f"| peak memory < 2 GB | {peak / 1024**2:,.0f} MB | {'met' if peak < 2 * 1024**3 else '**not met**'} |"
    )
    lines.append(
        f"| incremental output byte-identical to a full build | {summary['differences']} differing | "
        f"{'met' if summary['differences'] == 0 else '**not met**'} |"
    )
    return "\n".join(lines) + "\n"
