"""Incremental builds: after any change, the site built from the last build is the site a full build makes.

A copy of the site project (mkdocs.yml, docs/, overrides/) reads a copy of the
minimal dataset. Each step changes something (a record edited, added, deleted
or renamed; a template; the build date), builds incrementally into site/ and
fully (`--full`, no cache) into full/, and compares the two folders file by
file, byte by byte. No file is excluded: the sitemap's gzip header carries the
build date (SOURCE_DATE_EPOCH), not the time of the build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import copy_site_project

from generators.build.files import file_sha
from generators.build.site import build_epoch

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TASK = "tasks/jiceng-2025/wangge-fugai.yaml"

pytestmark = [pytest.mark.slow]


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.today = "2025-12-31"
        copy_site_project(root)
        shutil.copytree(MINIMAL, self.data)
        self.extra: list[str] = []  # ids of tasks added by the steps

    def build(self, *options: str, site: str = "site", extra_env: dict | None = None):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DANGJIAN_", "GITHUB_"))
            and k not in ("SITE_URL", "SOURCE_DATE_EPOCH")
        }
        env.update(
            PYTHONPATH=str(ROOT),
            PYTHONIOENCODING="utf-8",
            NO_MKDOCS_2_WARNING="1",
            **(extra_env or {}),
        )
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generators",
                "site",
                "--data",
                str(self.data),
                "--site-dir",
                site,
                "--today",
                self.today,
                *options,
            ],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    def identical(self) -> str:
        """Incremental build, then a full one into full/; the incremental build's output."""
        done = self.build()
        self.build("--full", site="full")
        assert differences(self.root / "site", self.root / "full") == []
        return done.stdout + done.stderr

    # -- changes --------------------------------------------------------------

    def task_text(self, task_id: str, title: str) -> str:
        text = (MINIMAL / TASK).read_text(encoding="utf-8")
        return text.replace("id: wangge-fugai", f"id: {task_id}", 1).replace(
            "title: 网格党小组全覆盖", f"title: {title}", 1
        )

    def edit(self, title: str) -> None:
        path = self.data / TASK
        text = path.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("title: "))
        path.write_text(text.replace(old, f"title: {title}", 1), encoding="utf-8")

    def add(self, title: str) -> None:
        task_id = f"renwu-{len(self.extra) + 1}-{abs(hash(title)) % 1000}"
        (self.data / f"tasks/jiceng-2025/{task_id}.yaml").write_text(
            self.task_text(task_id, title), encoding="utf-8"
        )
        self.extra.append(task_id)

    def delete(self) -> None:
        if self.extra:
            (self.data / f"tasks/jiceng-2025/{self.extra.pop()}.yaml").unlink()

    def rename(self) -> None:
        if self.extra:
            old = self.extra.pop()
            new = old + "-x"
            path = self.data / f"tasks/jiceng-2025/{old}.yaml"
            text = path.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}", 1)
            path.unlink()
            (self.data / f"tasks/jiceng-2025/{new}.yaml").write_text(text, encoding="utf-8")
            self.extra.append(new)

    def template(self, words: str) -> None:
        path = self.root / "overrides" / "main.html"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "{% endblock %}", f"<!-- {words} -->\n{{% endblock %}}", 1
            ),
            encoding="utf-8",
        )

    def date(self, day: int) -> None:
        self.today = f"2025-12-{day:02d}"


def counts(output: str) -> tuple[int, int]:
    """(pages built, pages reused) as the site command reports them."""
    found = re.search(
        r"^网站已构建到 .*?（(\d+) 个网页重新生成，(\d+) 个沿用上次构建；", output, re.MULTILINE
    )
    assert found, output
    return int(found.group(1)), int(found.group(2))


def test_pages_are_not_rendered_again_while_nothing_they_depend_on_changed(dataset, tmp_path):
    from generators.pipeline import generate

    docs, cache, today = tmp_path / "docs", tmp_path / "cache", dt.date(2025, 12, 31)
    first = generate(dataset.root / "data", docs, today, cache_dir=cache)
    assert first.ok and not first.up_to_date and first.site is not None
    again = generate(dataset.root / "data", docs, today, cache_dir=cache)
    assert again.ok and again.up_to_date and again.site is None and again.phones == first.phones
    assert again.stats is not None and first.stats is not None
    assert again.stats.unchanged == first.stats.written
    assert not generate(
        dataset.root / "data", docs, dt.date(2025, 12, 30), cache_dir=cache
    ).up_to_date
    assert not generate(
        dataset.root / "data", docs, today, cache_dir=cache
    ).up_to_date  # the day changed back
    page = docs / "generated" / "tasks" / "wangge-fugai.md"
    page.write_text(page.read_text(encoding="utf-8") + "手改\n", encoding="utf-8")
    rendered = generate(
        dataset.root / "data", docs, today, cache_dir=cache
    )  # a page edited by hand
    assert not rendered.up_to_date and "手改" not in page.read_text(encoding="utf-8")
    dataset.replace(TASK, "title: 网格党小组全覆盖", "title: 网格党小组全覆盖（改）")
    assert not generate(dataset.root / "data", docs, today, cache_dir=cache).up_to_date
    assert "（改）" in page.read_text(encoding="utf-8")
    generate(dataset.root / "data", docs, today, cache_dir=cache)
    dataset.replace(
        TASK, "status: 推进中", "status: 不存在的状态"
    )  # validation runs before anything is reused
    broken = generate(dataset.root / "data", docs, today, cache_dir=cache)
    assert not broken.ok and not broken.up_to_date and any(p.is_error for p in broken.problems)


def differences(a: Path, b: Path, leave_out: tuple[str, ...] = ()) -> list[str]:
    def files(root: Path) -> dict[str, Path]:
        found = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
        return {name: p for name, p in found.items() if not name.startswith(leave_out)}

    left, right = files(a), files(b)
    found = [f"only in {a.name}: {name}" for name in sorted(left.keys() - right.keys())]
    found += [f"only in {b.name}: {name}" for name in sorted(right.keys() - left.keys())]
    found += [
        f"differs: {name}"
        for name in sorted(left.keys() & right.keys())
        if left[name].read_bytes() != right[name].read_bytes()
    ]
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("incremental"))
    project.build()  # cold: no cache yet
    return project


def test_a_cold_build_is_what_mkdocs_itself_builds(project):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANGJIAN_", "GITHUB_")) and k != "SITE_URL"
    }
    env.update(
        NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=build_epoch(dt.date.fromisoformat(project.today))
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "plain"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    # the search index (pagefind/) is made from the built pages after MkDocs: no MkDocs output
    assert differences(project.root / "site", project.root / "plain", ("pagefind/",)) == []
    shutil.rmtree(project.root / "plain")
    # pages read and built by two worker processes (a county's cold build): the same bytes
    env.update(PYTHONPATH=str(ROOT), DANGJIAN_PARALLEL_PAGES="1", DANGJIAN_WORKERS="2")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generators.build.mkdocs_build",
            "parallel",
            "--manifest-out",
            "m.json",
        ],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((project.root / "m.json").read_text(encoding="utf-8"))
    pages = len(manifest["pages"])
    assert pages > 20 and manifest["in_workers"] == {"read": pages, "built": pages}
    assert differences(project.root / "site", project.root / "parallel", ("pagefind/",)) == []
    shutil.rmtree(project.root / "parallel")


def test_no_change_runs_nothing_and_a_record_change_rebuilds_only_its_pages(project):
    again = project.build()
    assert "网站没有变化" in again.stdout
    project.edit("网格党小组全覆盖（修订）")
    built, reused = counts(project.identical())
    # the task's page, the plan's, the village's, the index pages that list it (进度看板, 督办, 首页 ...)
    assert 0 < built < 10 and reused >= 15
    site = project.root / "site"
    assert "网格党小组全覆盖（修订）" in (site / "tasks" / "wangge-fugai" / "index.html").read_text(
        encoding="utf-8"
    )


def without_time(output: str) -> str:
    return re.sub(r"用时 [0-9.]+ 秒", "用时 … 秒", output)


def test_with_nothing_changed_not_even_validation_runs_and_its_warnings_are_shown_again(project):
    """Same inputs by content (data, code, pages, date): the last run's output is printed again, nothing runs."""
    task = project.data / TASK
    text = task.read_text(encoding="utf-8")
    task.write_text(
        text.replace("progress: 60\nupdates:", "progress: 70\nupdates:", 1), encoding="utf-8"
    )
    project.build()
    first = project.build()
    assert "网站没有变化" in first.stdout
    validation = project.root / ".cache" / "validation.json"
    validation.unlink()
    again = project.build()
    assert without_time(again.stdout + again.stderr) == without_time(first.stdout + first.stderr)
    assert not validation.exists()  # validation did not run
    assert "task.progress-mismatch" in again.stdout  # its warning, shown again
    task.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "change", ["data", "hand-written page", "generated page", "site file", "date"]
)
def test_any_change_to_what_a_run_reads_or_left_runs_it_again(project, change):
    project.build()
    validation = project.root / ".cache" / "validation.json"
    validation.unlink(missing_ok=True)
    page = project.root / "docs" / "generated" / "tasks" / "wangge-fugai.md"
    built_page = project.root / "site" / "tasks" / "wangge-fugai" / "index.html"
    about = project.root / "docs" / "about.md"
    before = about.read_text(encoding="utf-8")
    if change == "data":
        project.edit("网格党小组全覆盖（数据改动）")
    elif change == "hand-written page":
        about.write_text(before + "\n补充说明。\n", encoding="utf-8")
    elif change == "generated page":
        page.write_text(page.read_text(encoding="utf-8") + "\n手改\n", encoding="utf-8")
    elif change == "site file":
        built_page.write_text("手改", encoding="utf-8")
    else:
        project.date(30)
    try:
        done = project.identical()
        assert validation.exists(), done  # the run validated the data again
        assert "手改" not in page.read_text(encoding="utf-8") + built_page.read_text(
            encoding="utf-8"
        )
    finally:
        about.write_text(before, encoding="utf-8")
        project.today = "2025-12-31"


def test_the_same_bytes_written_again_change_nothing(project):
    project.build()
    task = project.data / TASK
    task.write_bytes(
        task.read_bytes()
    )  # a new time, the same content: keyed by content, not by time
    assert "网站没有变化" in project.build().stdout


def test_added_deleted_and_renamed_records(project):
    project.add("新增任务一")
    project.add("新增任务二")
    project.identical()
    project.rename()
    project.delete()
    project.identical()


def test_template_and_build_date(project):
    project.template("模板改动")
    project.date(30)
    built, reused = counts(project.identical())
    assert reused == 0  # code, templates and the build date are in every page's fingerprint
    project.date(31)
    assert counts(project.identical())[1] == 0


STEPS = st.lists(st.sampled_from(["edit", "add", "delete", "rename"]), min_size=1, max_size=3)


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=STEPS, words=st.text(alphabet="党建网格治理公开村务财务一二三", min_size=1, max_size=8)
)
def test_random_edit_sequences(project, steps, words):
    for number, step in enumerate(steps):
        if step in ("edit", "add"):
            getattr(project, step)(f"{words}{number}")
        else:
            getattr(project, step)()
    project.identical()


def test_a_warning_while_a_worker_reads_a_page_stops_the_build_and_is_shown_once(tmp_path):
    """Pages read by worker processes (a county's cold build) still fail the strict build on a broken link."""
    project = Project(tmp_path)
    about = project.root / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n见[没有的页面](nowhere.md)。\n", encoding="utf-8"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANGJIAN_", "GITHUB_")) and k not in ("SITE_URL", "SOURCE_DATE_EPOCH")
    }
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
        NO_MKDOCS_2_WARNING="1",
        DANGJIAN_PARALLEL_PAGES="1",
        DANGJIAN_WORKERS="2",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generators",
            "site",
            "--data",
            str(project.data),
            "--today",
            project.today,
        ],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert output.count("'nowhere.md'") == 1, output
    assert "网站构建失败" in output and not (project.root / "site").exists()


def test_the_run_right_after_a_cold_build_runs_nothing(tmp_path):
    """The files the cold build generated (the navigation, the jieba dictionary) are its output, not its input."""
    project = Project(tmp_path)
    project.build()
    validation = project.root / ".cache" / "validation.json"
    validation.unlink()
    assert "网站没有变化" in project.build().stdout
    assert not validation.exists()


def bundle_times(site: Path, township: str) -> dict[str, int]:
    folder = site / "pagefind/townships" / township
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_change_in_one_township_indexes_its_search_bundle_again_and_keeps_the_others(tmp_path):
    project = Project(tmp_path)
    shutil.rmtree(project.data)
    shutil.copytree(ROOT / "data", project.data)  # the sample: two townships, a bundle each
    project.build()
    site = project.root / "site"
    before = {town: bundle_times(site, town) for town in ("qingxi", "hexi")}
    village = project.data / "villages/hexicun.yaml"
    text = village.read_text(encoding="utf-8")
    village.write_text(re.sub(r"(?m)^households: (\d+)", r"households: 1\1", text, count=1))
    project.identical()  # the kept bundle is what a full build indexes, byte by byte
    assert bundle_times(site, "qingxi") == before["qingxi"]  # copied as it was (times kept)
    changed = bundle_times(site, "hexi")
    assert set(changed) & set(before["hexi"])
    assert all(changed[name] != before["hexi"].get(name) for name in changed)


def test_mkdocs_keys_a_page_by_the_hash_the_generator_gives_without_reading_it(project):
    """The `site` command hands MkDocs the SHA-256 of docs/generated/'s pages it just wrote or
    read: a page is keyed by the hash given, so a hash that is not the page's own rebuilds it."""
    project.build()
    generated = project.root / "docs" / "generated"
    hashes = {
        f"generated/{p.relative_to(generated).as_posix()}": file_sha(p)
        for p in generated.rglob("*.md")
    }
    task = "generated/tasks/wangge-fugai.md"
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        OFFLINE="false",
        SOURCE_DATE_EPOCH=build_epoch(dt.date(2025, 12, 31)),
        NO_MKDOCS_2_WARNING="1",
    )
    env.pop("SITE_URL", None)

    def built_with(given: dict, folder: str) -> dict:
        (project.root / "hashes.json").write_text(json.dumps(given), encoding="utf-8")
        command = [sys.executable, "-m", "generators.build.mkdocs_build", folder]
        command += ["--previous", "site", "--manifest", ".cache/site/manifest.json"]
        command += ["--manifest-out", "out.json", "--page-hashes", "hashes.json"]
        done = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads((project.root / "out.json").read_text(encoding="utf-8"))

    assert built_with(hashes, "again")["built"] == 0
    wrong = built_with({**hashes, task: "0" * 64}, "wrong")
    assert wrong["built"] == 1 and wrong["pages"][task]["key"] != ""
