"""Real git repositories for tests: commits with a fixed author and fixed dates, so their ids are stable."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "镇党建办",
    "GIT_AUTHOR_EMAIL": "dangjian@example.org",
    "GIT_COMMITTER_NAME": "镇党建办",
    "GIT_COMMITTER_EMAIL": "dangjian@example.org",
}


class GitRepo:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.count = 0

    def git(self, *args: str, date: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | IDENTITY
        if date:
            env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def init(self) -> GitRepo:
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "commit.gpgsign", "false")
        return self

    def commit(self, message: str, date: str | None = None) -> str:
        """Commits everything in the working tree; dates default to one day after another from 2025-04-11."""
        self.count += 1
        date = date or f"2025-04-{10 + self.count:02d}T10:00:00+08:00"
        self.git("add", "-A")
        self.git("commit", "--quiet", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")
