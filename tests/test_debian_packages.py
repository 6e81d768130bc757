"""tests/debian-packages, which `make test` runs first: on a fresh Debian machine it installs what
the tests need, or names in one line the command that does.

The script runs with a PATH of stand-ins only (`id`, `dpkg-query`, `apt-get`, `sudo` and the
tools it looks for), so each machine it meets is made here and nothing is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SCRIPT = REPO / "tests" / "debian-packages"
EVERYTHING = "chromium chromium-driver zbar-tools poppler-utils fonts-noto-cjk nodejs npm git nginx"
BASH = shutil.which("bash") or "/bin/bash"
TOOLS = (
    "chromium",
    "chromedriver",
    "zbarimg",
    "pdfinfo",
    "pdftoppm",
    "pdftotext",
    "node",
    "npm",
    "git",
)


def stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def machine(tmp_path: Path, *, uid: int, tools=(), fonts=False, apt_fails_until_update=False):
    """A folder of stand-ins to be the whole PATH; apt-get and sudo write what they ran to a log."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "log"
    for name in ("grep", "env", "tee", "chmod", "rm", "cat"):
        (bin_ / name).symlink_to(shutil.which(name) or f"/usr/bin/{name}")
    stand_in(bin_, "id", f'[ "$1" = "-u" ] && echo {uid}')
    stand_in(bin_, "dpkg-query", "echo 'install ok installed'" if fonts else "exit 1")
    failing = f'[ "$1" = install ] && [ ! -e {tmp_path}/updated ] && exit 100'
    stand_in(
        bin_,
        "apt-get",
        f'echo "apt-get $*" >> {log}\n'
        + f'[ -e {tmp_path}/policy-rc.d ] && echo "policy-rc.d: $(cat {tmp_path}/policy-rc.d)" >> {log}\n'
        + (failing if apt_fails_until_update else "")
        + f'\n[ "$1" = update ] && : > {tmp_path}/updated\nexit 0',
    )
    for tool in tools:
        stand_in(bin_, tool, "exit 0")
    return bin_, log


def run(bin_: Path, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    policy = bin_.parent / "policy-rc.d"
    return subprocess.run(
        [BASH, str(SCRIPT)],
        env={
            "PATH": str(bin_),
            "PYTHON": sys.executable,
            "LANG": "C.UTF-8",
            "POLICY_RC_D": str(policy),
        },
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )


def test_without_root_or_sudo_it_names_the_one_command_to_run(tmp_path):
    bin_, log = machine(tmp_path, uid=1000)
    done = run(bin_)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (
        f"测试需要 Debian 软件包：{EVERYTHING}。请先运行：sudo apt-get install -y {EVERYTHING}\n"
    )
    assert not log.exists()


def test_as_root_it_installs_what_is_missing(tmp_path):
    bin_, log = machine(tmp_path, uid=0, tools=TOOLS[:6])
    done = run(bin_)
    assert done.returncode == 0, done.stderr
    # While nginx installs, no service starts (policy-rc.d says 101); the policy goes afterwards.
    assert log.read_text().splitlines() == [
        "apt-get install -y -q fonts-noto-cjk nodejs npm git nginx",
        "policy-rc.d: #!/bin/sh",
        "exit 101",
    ]
    assert not (tmp_path / "policy-rc.d").exists()


def test_stale_package_lists_are_refreshed_once_and_the_install_tried_again(tmp_path):
    bin_, log = machine(tmp_path, uid=0, tools=TOOLS, apt_fails_until_update=True)
    done = run(bin_)
    assert done.returncode == 0, done.stderr
    assert log.read_text().splitlines() == [
        "apt-get install -y -q fonts-noto-cjk nginx",
        "policy-rc.d: #!/bin/sh",
        "exit 101",
        "apt-get update -q",
        "policy-rc.d: #!/bin/sh",
        "exit 101",
        "apt-get install -y -q fonts-noto-cjk nginx",
        "policy-rc.d: #!/bin/sh",
        "exit 101",
    ]


def test_with_sudo_that_needs_no_password_it_installs_through_sudo(tmp_path):
    bin_, log = machine(tmp_path, uid=1000, tools=TOOLS)
    # `sudo tee` reads what is piped to it, as the real one does (else the writer gets SIGPIPE)
    stand_in(
        bin_,
        "sudo",
        f'[ "$1" = -n ] && exit 0\necho "sudo $*" >> {log}\n[ "$1" = tee ] && cat >/dev/null\nexit 0',
    )
    done = run(bin_)
    assert done.returncode == 0, done.stderr
    policy = tmp_path / "policy-rc.d"
    assert log.read_text().splitlines() == [
        f"sudo tee {policy}",
        f"sudo chmod 755 {policy}",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk nginx",
        f"sudo rm -f {policy}",
    ]


def test_nothing_is_done_when_everything_is_there(tmp_path):
    bin_, log = machine(tmp_path, uid=1000, tools=TOOLS, fonts=True)
    done = run(bin_)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not log.exists()
