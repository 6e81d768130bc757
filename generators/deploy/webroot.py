"""Releases in a web root, and the link nginx serves switched atomically.

    WEB_ROOT/releases/<commit>/   one built site per publication (<commit>.2/ when the same commit
                                  is published again, e.g. by the daily rebuild)
    WEB_ROOT/current              a symbolic link to the release being served
    WEB_ROOT/history              one line per switch: time, release (the order rollback follows)

A release is copied under a hidden name and renamed into place whole; `current` is replaced by
rename(2) of a new link over it, so a request sees either the old release or the new one, never a
missing or half-copied file. The last few releases are kept (the one served always), so a request
that started on the old release still finds its files, and `rollback` can switch back.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
HISTORY = "history"
KEEP = 5  # releases kept, the one served included


class PublishError(RuntimeError):
    """Publishing or rolling back cannot go on; the message is for staff, in Chinese."""


@dataclass(frozen=True)
class Switch:
    release: str  # the release now served
    previous: str | None  # the one served before
    removed: tuple[str, ...] = ()  # releases pruned


def served(web_root: Path) -> str | None:
    link = web_root / CURRENT
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def history(web_root: Path) -> list[str]:
    """The releases in the order they were first published, oldest first, as they still exist."""
    path = web_root / HISTORY
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    seen: list[str] = []
    for line in lines:
        name = line.split()[-1] if line.strip() else ""
        if name and name not in seen and (web_root / RELEASES / name).is_dir():
            seen.append(name)
    return seen


def publish(site: Path, web_root: Path, commit: str, keep: int = KEEP) -> Switch:
    """Copies the built site into a new release and serves it."""
    if not (site / "index.html").is_file():
        raise PublishError(f"{site}/ 里没有构建好的网站（缺少 index.html）：先运行 make site")
    if not commit or "/" in commit or commit.startswith("."):
        raise PublishError(f"发布版本的名称不对：“{commit}”")
    _check_current(web_root)
    releases = web_root / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    name = _free_name(releases, commit)
    staging = releases / f".{name}.copying"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site, staging, symlinks=False)
    staging.rename(releases / name)
    previous = served(web_root)
    _record(web_root, name)
    _switch(web_root, name)
    return Switch(name, previous, prune(web_root, keep))


def rollback(web_root: Path) -> Switch:
    """Serves the release published before the one served now."""
    now = served(web_root)
    order = history(web_root)
    if now is None or now not in order or order.index(now) == 0:
        raise PublishError(f"{web_root} 里没有更早的版本可以切换回去")
    earlier = order[order.index(now) - 1]
    _switch(web_root, earlier)
    return Switch(earlier, now)


def prune(web_root: Path, keep: int) -> tuple[str, ...]:
    """Removes all but the newest `keep` releases; the one served is always kept."""
    now = served(web_root)
    order = history(web_root)
    old = [name for name in order[: max(len(order) - keep, 0)] if name != now]
    for name in old:
        shutil.rmtree(web_root / RELEASES / name)
    for leftover in (web_root / RELEASES).glob(".*.copying"):  # a copy stopped midway
        shutil.rmtree(leftover, ignore_errors=True)
    return tuple(old)


def _free_name(releases: Path, commit: str) -> str:
    name, n = commit, 1
    while (releases / name).exists():
        n += 1
        name = f"{commit}.{n}"
    return name


def _record(web_root: Path, name: str) -> None:
    path = web_root / HISTORY
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tmp = web_root / f".{HISTORY}.{os.getpid()}"
    tmp.write_text(old + f"{stamp} {name}\n", encoding="utf-8")
    os.replace(tmp, path)


def _check_current(web_root: Path) -> Path:
    target = web_root / CURRENT
    if target.exists() and not target.is_symlink():
        raise PublishError(
            f"{target} 是一个普通文件夹，不是指向发布版本的链接：请把它移走"
            "（网站服务器的 root 指向 current 链接），再重新发布"
        )
    return target


def _switch(web_root: Path, name: str) -> None:
    target = _check_current(web_root)
    link = web_root / f".{CURRENT}.{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(f"{RELEASES}/{name}", link)  # relative: the web root can move as a whole
    os.replace(link, target)
