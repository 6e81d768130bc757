"""Reading the data folder's history through git: when each file last changed, a base version's files,
and every version of a folder.

Pure reading: `git` runs with fixed arguments, never changes the repository,
and every failure becomes a GitError with a Chinese reason for staff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
MARKER = "\x1fcommit "
NO_BLOB = "0" * 40


class GitError(Exception):
    """The history cannot be read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Change:
    """One commit's version of one file: its blob, or None where the commit deleted it."""

    commit: str
    date: dt.date  # the commit date, Beijing time
    path: str  # inside the data folder
    blob: str | None


def _git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=data, capture_output=True
        )
    except OSError as exc:
        raise GitError(f"无法运行 git（{exc.strerror}）") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else "git 出错")
    return done.stdout


def _day(stamp: str) -> dt.date:
    """A commit's ISO time stamp as its day in Beijing."""
    return dt.datetime.fromisoformat(stamp).astimezone(CHINA).date()


def last_changed(data_dir: Path) -> dict[str, dt.date]:
    """When each data file last changed; {} outside git."""
    try:
        return Repository(data_dir).last_changed()
    except GitError:
        return {}


def blob_id(raw: bytes) -> str:
    """The id git gives a file's bytes, so a working file can be matched to a version without git."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


class Repository:
    """The git repository holding a data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        try:
            top = (
                _git(self.data_dir, "rev-parse", "--show-toplevel")
                .decode("utf-8", "surrogateescape")
                .strip()
            )
        except GitError:
            raise GitError(f"{data_dir} 不在 git 仓库中，读不到历史版本") from None
        prefix = self.data_dir.resolve().relative_to(Path(top).resolve()).as_posix()
        self.top = Path(top)
        self.prefix = "" if prefix == "." else prefix + "/"  # the data folder inside the repository

    @property
    def shallow(self) -> bool:
        return _git(self.top, "rev-parse", "--is-shallow-repository").strip() == b"true"

    def commit_of(self, ref: str) -> str:
        """The commit a name points to; a clear error when it is unknown (often a shallow clone)."""
        try:
            return (
                _git(
                    self.top,
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    f"{ref}^{{commit}}",
                )
                .decode()
                .strip()
            )
        except GitError:
            hint = "（当前是浅克隆，历史不完整：检出时请用 fetch-depth: 0）" if self.shallow else ""
            raise GitError(f"找不到基准版本 {ref}{hint}") from None

    def is_ancestor(self, older: str, newer: str = "HEAD") -> bool:
        try:
            _git(self.top, "merge-base", "--is-ancestor", older, newer)
            return True
        except GitError:
            return False

    def files_at(self, commit: str, folder: str) -> dict[str, str]:
        """Path inside the data folder → blob id, for the files under `folder` at a commit."""
        out = _git(
            self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", self.prefix + folder
        )
        found = {}
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            mode, kind, blob = meta.decode().split()
            if kind == "blob":
                found[path.decode("utf-8", "surrogateescape")[len(self.prefix) :]] = blob
        return found

    def blobs(self, ids) -> dict[str, bytes]:
        """The bytes of many blobs in one `git cat-file --batch` run."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        out = _git(self.top, "cat-file", "--batch", data="".join(f"{i}\n" for i in ids).encode())
        found, at = {}, 0
        for blob in ids:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) != 3:
                raise GitError(f"读不到历史文件 {blob[:10]}")
            size = int(header[2])
            found[blob] = out[end + 1 : end + 1 + size]
            at = end + 2 + size
        return found

    def last_changed(self) -> dict[str, dt.date]:
        """Path inside the data folder → date of the last commit touching it (one `git log` pass)."""
        try:
            out = _git(
                self.data_dir,
                "log",
                f"--format={MARKER}%cI",
                "--name-only",
                "--no-renames",
                "--",
                ".",
            )
        except GitError:
            return {}  # no commit yet
        changed: dict[str, dt.date] = {}
        day = None
        for line in out.decode("utf-8", "surrogateescape").splitlines():
            if line.startswith(MARKER):
                day = _day(line[len(MARKER) :])
            elif line and day and line.startswith(self.prefix):
                changed.setdefault(line[len(self.prefix) :], day)
        return changed

    def changes(self, folder: str) -> list[Change]:
        """Every change of every file under `folder`, oldest first, as main saw it (one `git log` pass).

        Only the first-parent line counts: a merge is the moment its pull request's
        content reached main; commits inside a pull request were never published."""
        try:
            out = _git(
                self.top,
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "-z",
                f"--format={MARKER}%H %cI",
                "HEAD",
                "--",
                self.prefix + folder,
            )
        except GitError:
            return []  # no commit yet
        changes: list[Change] = []
        commit, day = "", dt.date.min
        fields = out.decode("utf-8", "surrogateescape").split("\0")
        i = 0
        while i < len(fields):
            field = fields[i].lstrip("\n")
            if field.startswith(MARKER):
                commit, stamp = field[len(MARKER) :].split()
                day = _day(stamp)
            elif field.startswith(":"):
                blob, status = field.split()[3], field.split()[4]
                path = fields[i + 1][len(self.prefix) :]
                i += 1
                changes.append(
                    Change(commit, day, path, None if status == "D" or blob == NO_BLOB else blob)
                )
            i += 1
        changes.reverse()
        return changes
