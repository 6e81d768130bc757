"""A failed, killed or privacy-failing build leaves the previous site/ and docs/generated/ as they were.

Real builds (`python -m generators site`, MkDocs included) in a copy of the
project; the killed ones are stopped with SIGKILL while MkDocs is writing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generators.build.write import StagedFolder, remove_leftovers

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2025-12-31"


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with a digest of its bytes; folders and links by name."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[relative] = "<dir>"
    return found


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return env


def site_command() -> list[str]:
    return [
        sys.executable,
        "-m",
        "generators",
        "site",
        "--data",
        "data",
        "--today",
        TODAY,
        "--no-cache",
    ]


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        site_command(),
        cwd=project,
        env=environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("built")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(
        ROOT / "overrides", project / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )
    shutil.copytree(ROOT / "data", project / "data")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def project(built_once, tmp_path) -> Path:
    """A copy of a project with a finished build in site/ and docs/generated/."""
    copy = tmp_path / "project"
    shutil.copytree(built_once, copy, symlinks=True)
    return copy


def staging_folders(project: Path) -> list[str]:
    """Hidden entries beside site/ and docs/generated/; .cache/ (the last build's pages, kept) is none of them."""
    return sorted(
        p.name
        for p in [*project.iterdir(), *(project / "docs").iterdir()]
        if p.name.startswith(".") and p.name != ".cache"
    )


def change_a_village(project: Path) -> None:
    village = project / "data" / "villages" / "xikou.yaml"
    text = village.read_text(encoding="utf-8")
    village.write_text(text.replace("name: 溪口村", "name: 溪口村（新）", 1), encoding="utf-8")


pytestmark = pytest.mark.slow


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the build never reached the point to stop it at"
        time.sleep(0.005)


def files_in(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


@pytest.mark.parametrize("stage", ["pages", "mkdocs"])
def test_a_build_killed_midway_leaves_the_previous_site(project, stage):
    before_site, before_pages = tree(project / "site"), tree(project / "docs" / "generated")
    change_a_village(project)
    process = subprocess.Popen(
        site_command(),
        cwd=project,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        if stage == "pages":  # while the new Markdown pages are being written
            wait_for(
                lambda: any(
                    p.name.startswith(".generated.new-") for p in (project / "docs").iterdir()
                )
            )
        else:  # while MkDocs is writing HTML into the staging folder
            wait_for(
                lambda: any(
                    files_in(p) > 20 for p in project.iterdir() if p.name.startswith(".site.new-")
                )
            )
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert tree(project / "site") == before_site
    pages = tree(project / "docs" / "generated")
    if pages != before_pages:
        # The kill came after the new pages were swapped in (always so by the time MkDocs runs; at the "pages"
        # stage only when the machine is slow to deliver the kill): then they are the whole new set, never a mix.
        assert set(pages) == set(before_pages)
        assert "溪口村（新）" in (
            project / "docs" / "generated" / "villages" / "xikou.md"
        ).read_text(encoding="utf-8")
    if stage == "mkdocs" or pages == before_pages:
        assert staging_folders(project)  # the killed build's leftovers...

    again = build(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert staging_folders(project) == []  # ...are removed by the next build
    assert "溪口村（新）" in (project / "site" / "villages" / "xikou" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_build_failing_the_site_privacy_scan_leaves_the_previous_site(project):
    before = tree(project / "site")
    about = (
        project / "docs" / "about.md"
    )  # hand-written pages are not records: only the site scan sees them
    about.write_text(
        about.read_text(encoding="utf-8") + "\n联系人手机 138 1234 5678。\n", encoding="utf-8"
    )
    result = build(project)
    assert result.returncode == 1
    assert "site/about/index.html" in result.stdout and "138 **** 5678" in result.stdout
    assert "13812345678" not in result.stdout.replace(" ", "")
    assert "不能发布；site/ 保持原样" in result.stderr
    assert tree(project / "site") == before
    assert staging_folders(project) == []


def test_a_failing_mkdocs_build_leaves_the_previous_site(project):
    before = tree(project / "site")
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n[断开的链接](no-such-page.md)\n", encoding="utf-8"
    )
    result = build(project)
    assert result.returncode == 1
    assert "网站构建失败" in result.stderr and "site/ 保持原样" in result.stderr
    assert tree(project / "site") == before
    assert staging_folders(project) == []


# ---------------------------------------------------------------------------
# the staging folder itself


def test_staged_folder_replaces_the_target_whole(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("旧", encoding="utf-8")
    with StagedFolder(target) as new:
        (new.path / "new.html").write_text("新", encoding="utf-8")
        assert tree(target) == {"old.html": tree(target)["old.html"]}  # untouched until the commit
        new.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in target.iterdir()] == ["new.html"]


def test_a_large_previous_version_is_removed_after_the_commit_returns(tmp_path):
    target = tmp_path / "site"
    (target / "a" / "b").mkdir(parents=True)
    (target / "a" / "b" / "old.html").write_text("旧", encoding="utf-8")
    with StagedFolder(target) as new:
        (new.path / "new.html").write_text("新", encoding="utf-8")
        new.commit(remove_in_background=True)
    assert [p.name for p in target.iterdir()] == ["new.html"]  # the new version is in place at once
    wait_for(
        lambda: sorted(p.name for p in tmp_path.iterdir()) == ["site"], timeout=30
    )  # the old one goes


def test_staged_folder_left_uncommitted_or_on_an_error_is_discarded(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("旧", encoding="utf-8")
    with StagedFolder(target) as new:
        (new.path / "half.html").write_text("半", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with StagedFolder(target) as new:
            (new.path / "half.html").write_text("半", encoding="utf-8")
            raise RuntimeError("构建中断")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in target.iterdir()] == ["old.html"]


def test_leftovers_of_dead_builds_go_and_those_of_running_ones_stay(tmp_path):
    target = tmp_path / "site"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    for name in (
        f".site.new-{dead}-0a1b2c3d",
        f".site.old-{dead}-0a1b2c3d",
        f".site.new-{os.getpid()}-99",
        ".site.keep",
        ".other.new-1-2",
    ):
        (tmp_path / name).mkdir()
    remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.new-1-2",
        ".site.keep",
        f".site.new-{os.getpid()}-99",
    ]


def test_a_target_that_is_a_file_is_left_alone(tmp_path):
    target = tmp_path / "site"
    target.write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(ValueError):
        with StagedFolder(target) as new:
            new.commit()
    assert target.read_text(encoding="utf-8") == "不是文件夹"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_mkdocs_does_not_outlive_a_build_stopped_while_it_runs(tmp_path):
    """What runs beside MkDocs (the downloads' privacy scan) is stopped: MkDocs is stopped too."""
    from generators.build.site import run_mkdocs

    site = tmp_path / "site-stopped-beside-mkdocs"

    def stopped():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_mkdocs(site, None, None, tmp_path / "manifest.json", environment(), meanwhile=stopped)
    running = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(site).encode() in cmdline.read_bytes():
                running.append(cmdline.parent.name)
        except OSError:
            pass  # a process that ended meanwhile
    assert running == []
