"""The files a pull request changes and the teams each one needs.

Changed files come from git (`git diff --name-status BASE...HEAD`: the pull request's own
changes since it left its base). A record file added or changed is resolved in the new records, a
deleted one in the base version's records, read from git into a temporary folder. Any other
file (code, schemas, workflows, settings, the reviewers file) needs the maintainers.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generators.forge.owners import file_teams, named
from generators.forge.reviewers import Reviewers, Team

if TYPE_CHECKING:  # the model is loaded only when a command needs it
    from generators.model.site import Site


class DataError(ValueError):
    """The records have errors, so no one can say whose they are; the message is in Chinese."""


def load_site(data_dir: Path, today: dt.date) -> Site:
    from generators.check.validate import validate
    from generators.model.site import build_model
    from generators.spec.registry import REGISTRY

    validation = validate(data_dir, today)
    if not validation.ok:
        raise DataError(
            f"{data_dir} 里的记录有错误，无法确定由谁审核：先按“校验数据”检查的提示改正"
        )
    return build_model(validation.records, today, {}, REGISTRY)


def _git(root: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True)
    if done.returncode != 0:
        raise DataError(
            f"git {' '.join(args)} 失败：{done.stderr.decode('utf-8', 'replace').strip()}"
            "（取出代码时要带完整历史，fetch-depth: 0）"
        )
    return done.stdout


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[tuple[str, str]]:
    """(status letter, path) of every file changed since the merge base; renames as delete + add."""
    out = _git(root, "diff", "--name-status", "--no-renames", "-z", f"{base}...{head}")
    parts = out.decode("utf-8").split("\0")
    return [(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def base_data(root: Path, base: str, data_folder: str, into: Path) -> Path:
    """The data folder as it was at the base version, extracted into `into`."""
    archive = _git(root, "archive", "--format=tar", base, "--", data_folder)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:  # git archive writes plain files under the folder named, nothing else
            tar.extractall(into)
    return into / data_folder


def required_teams(
    root: Path,
    base: str,
    reviewers: Reviewers,
    head_site: Site,
    today: dt.date,
    data_folder: str = "data",
) -> dict[str, tuple[Team, ...]]:
    """Changed file → the teams that must approve it."""
    changes = changed_files(root, base)
    head_teams = file_teams(head_site, named(reviewers, head_site), data_folder)
    inside = [p for _, p in changes if PurePosixPath(p).parts[:1] == (data_folder,)]
    base_teams: dict[str, tuple[Team, ...]] = {}
    if any(p not in head_teams for p in inside):
        with tempfile.TemporaryDirectory() as scratch:
            base_site = load_site(base_data(root, base, data_folder, Path(scratch)), today)
            base_teams = file_teams(base_site, named(reviewers, base_site), data_folder)
    required: dict[str, tuple[Team, ...]] = {}
    for _, path in changes:
        if path not in inside:
            required[path] = (reviewers.maintainers,)
        else:
            required[path] = (
                head_teams.get(path) or base_teams.get(path) or (reviewers.maintainers,)
            )
    return required
