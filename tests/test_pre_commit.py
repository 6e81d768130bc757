"""The checks before each commit (.pre-commit-config.yaml): the data, and for code ruff and mypy.

The data hook's entry command is run as written over a good and a broken
dataset; then pre-commit itself (pinned; a local `system` hook downloads nothing)
runs the hooks in a fresh repository: a commit with a broken record, or one that
deletes a record others name, fails with the validator's message; a commit of
badly formatted Python fails ruff's hooks.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import MINIMAL, REPO, TASK, VILLAGE

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def hooks() -> dict[str, dict]:
    """id -> hook, of the one local repository of hooks."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    return {hook["id"]: hook for hook in repo["hooks"]}


def hook() -> dict:
    return hooks()["validate-data"]


def project(tmp_path: Path) -> Path:
    """A repository with the minimal data, this project's code and .venv, and the hooks' config."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root / "data")
    for name in ("generators", "schemas", ".venv"):
        (root / name).symlink_to(REPO / name)
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(REPO / name, root)
    (root / ".gitignore").write_text(
        ".venv\ngenerators\nschemas\n.cache/\n.ruff_cache/\n", encoding="utf-8"
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data")
    return root


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    return subprocess.run(
        ["git", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )


def run(root: Path, command: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_STEP_SUMMARY")}
    env["PRE_COMMIT_HOME"] = str(root.parent / "pre-commit-home")
    return subprocess.run(
        command,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )


def test_the_hook_validates_the_whole_data_folder_on_every_commit():
    entry = hook()
    assert (
        entry["language"] == "system"
        and entry["pass_filenames"] is False
        and entry["always_run"] is True
    )
    assert shlex.split(entry["entry"]) == [
        ".venv/bin/python",
        "-m",
        "generators",
        "validate",
        "--data",
        "data",
    ]


def test_the_entry_command_passes_good_data_and_fails_a_bad_file(tmp_path):
    root = project(tmp_path)
    command = shlex.split(hook()["entry"])
    good = run(root, command)
    assert good.returncode == 0, good.stdout + good.stderr
    text = (root / "data" / VILLAGE).read_text(encoding="utf-8").replace("grids: 3", "grids: 三")
    (root / "data" / VILLAGE).write_text(text, encoding="utf-8")
    bad = run(root, command)
    assert bad.returncode == 1
    assert "data/villages/xikou.yaml:8:8: 错误 value.not-number" in bad.stdout


def test_pre_commit_runs_the_hook_offline(tmp_path):
    assert PRE_COMMIT.is_file(), "pre-commit is pinned in requirements.txt: run make test"
    root = project(tmp_path)
    clean = run(root, [str(PRE_COMMIT), "run", "--all-files"])
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "检查 data/ 中的记录" in clean.stdout and "Passed" in clean.stdout
    text = (root / "data" / VILLAGE).read_text(encoding="utf-8").replace("grids: 3", "grids: 三")
    (root / "data" / VILLAGE).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    broken = run(root, [str(PRE_COMMIT), "run"])
    assert broken.returncode == 1 and "Failed" in broken.stdout
    assert "错误 value.not-number 字段「网格数」" in broken.stdout
    git(root, "checkout", "HEAD", "--", "data")
    git(root, "rm", "-q", "data/plans/jiceng-2025.yaml")  # the task names this plan
    deleted = run(root, [str(PRE_COMMIT), "run"])
    assert deleted.returncode == 1, deleted.stdout
    assert f"data/{TASK}" in deleted.stdout and "ref.missing" in deleted.stdout


def test_code_hooks_run_the_pinned_tools_from_the_venv_only_for_python():
    found = hooks()
    assert [
        shlex.split(found[name]["entry"]) for name in ("ruff-check", "ruff-format", "mypy")
    ] == [
        [".venv/bin/ruff", "check", "--force-exclude"],
        [".venv/bin/ruff", "format", "--check", "--force-exclude"],
        [".venv/bin/mypy"],
    ]
    for name in ("ruff-check", "ruff-format", "mypy"):
        assert found[name]["language"] == "system" and found[name]["types_or"] == ["python", "pyi"]
    assert found["mypy"]["pass_filenames"] is False  # the files pyproject.toml names, as make lint
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8").split()
    for tool in ("ruff", "mypy"):
        assert any(line.startswith(f"{tool}==") for line in requirements), tool
        assert (Path(sys.executable).parent / tool).is_file(), f"{tool}: run make test"


def test_a_commit_of_unformatted_python_fails_ruffs_hooks_and_data_alone_skips_them(tmp_path):
    root = project(tmp_path)
    (root / "tool.py").write_text("import os\nx=1\n", encoding="utf-8")
    git(root, "add", "tool.py")
    found = run(root, [str(PRE_COMMIT), "run", "ruff-check"])
    assert found.returncode == 1 and "F401" in found.stdout, found.stdout
    found = run(root, [str(PRE_COMMIT), "run", "ruff-format"])
    assert found.returncode == 1 and "1 file would be reformatted" in found.stdout, found.stdout
    git(root, "rm", "-q", "--cached", "tool.py")
    (root / "tool.py").unlink()
    git(root, "add", "-A")
    only_data = run(root, [str(PRE_COMMIT), "run", "ruff-check"])
    assert only_data.returncode == 0 and "(no files to check)Skipped" in only_data.stdout
