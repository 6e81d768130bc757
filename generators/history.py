"""When each data file last changed, from one `git log` pass over the data folder."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

MARKER = "\x1fcommit "
CHINA = ZoneInfo("Asia/Shanghai")


def last_changed(data_dir: Path) -> dict[str, dt.date]:
    """Path inside the data folder → date of the last commit touching it; {} outside git."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=data_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "-c", "core.quotepath=off", "log", f"--format={MARKER}%cI", "--name-only", "--no-renames",
                              "--", "."], cwd=data_dir, capture_output=True, text=True, check=True,
                             encoding="utf-8", errors="surrogateescape").stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    prefix = Path(data_dir).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    changed: dict[str, dt.date] = {}
    day = None
    for line in log.splitlines():
        if line.startswith(MARKER):
            day = dt.datetime.fromisoformat(line[len(MARKER):]).astimezone(CHINA).date()
        elif line and day and line.startswith(prefix):
            changed.setdefault(line[len(prefix):], day)
    return changed
