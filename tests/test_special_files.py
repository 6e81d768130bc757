"""Special and huge files in data/ are refused before they are read, by every command at once.

A FIFO named like a record would make any reader wait forever, a character
device like /dev/zero would never end, and a file of gigabytes (sparse: it
takes no room on disk) would take seconds to read and as much memory. Every
command that reads the data folder looks at a file's type and size first:
`file.not-regular` for the special files, `file.too-large` with the file's
size for the huge one, in the same run, within seconds. Each command runs in
a subprocess with a timeout and a memory limit, so a regression fails the
test instead of hanging it or filling the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import copy_site_project

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
HUGE = 3 << 30  # bytes: a sparse file of 3 GB
MEMORY = 2 << 30  # the commands' address space: reading the huge file whole would need more
TIMEOUT = 60

COMMANDS = [
    ("validate",),
    ("validate", "--no-cache"),
    ("generate",),
    ("generate", "--no-cache"),
    # `site` stops before MkDocs here, but a command line that could build the site is the slow tier's.
    pytest.param(("site",), marks=pytest.mark.slow),
    pytest.param(("site", "--no-cache"), marks=pytest.mark.slow),
    pytest.param(("site", "--full"), marks=pytest.mark.slow),
    ("serve",),
]


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The minimal data and the site project, with a FIFO, a socket, a device and a huge file added;
    the data files they stand for, and the problem each must get."""
    root = tmp_path_factory.mktemp("special")
    copy_site_project(root)
    shutil.copytree(MINIMAL, root / "data")
    villages = root / "data" / "villages"
    os.mkfifo(villages / "pipe.yaml")
    expected = {"data/villages/pipe.yaml": "file.not-regular"}
    here = os.getcwd()
    os.chdir(villages)  # a socket's path is short: bound by its name, from its folder
    try:
        listener = socket.socket(socket.AF_UNIX)
        listener.bind("socket.yaml")
        listener.close()
    finally:
        os.chdir(here)
    expected["data/villages/socket.yaml"] = "file.not-regular"
    try:
        os.mknod(villages / "zero.yaml", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # as /dev/zero
        expected["data/villages/zero.yaml"] = "file.not-regular"
    except PermissionError:
        pass  # only root may make a device; the FIFO and the socket stand for it
    with open(villages / "huge.yaml", "wb") as f:
        f.truncate(HUGE)
    expected["data/villages/huge.yaml"] = "file.too-large"
    return root, expected


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_refuses_special_and_huge_files_at_once(project, command, tmp_path):
    root, expected = project
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
        NO_MKDOCS_2_WARNING="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    started = time.monotonic()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generators",
                *command,
                "--data",
                "data",
                "--today",
                "2025-12-31",
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            preexec_fn=_limited,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command)} hung on a special or huge file ({TIMEOUT} s)")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    for path, code in expected.items():
        assert f"{path}:1:1: 错误 {code}：" in done.stdout, (path, done.stdout)
    assert f"文件太大（{HUGE // 1024} KB，上限 1024 KB）" in done.stdout
    assert time.monotonic() - started < TIMEOUT
