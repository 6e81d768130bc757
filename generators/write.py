"""Write: the only stage that touches the output folder.

A file is rewritten only when its content changed, so MkDocs' live reload and
file timestamps see real changes only; files no longer produced are removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_pages(out_dir: Path, pages: dict[str, str]) -> WriteStats:
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative in pages:  # all checked before anything is written
        _check_inside(out_dir, relative)
    written = unchanged = 0
    for relative, text in sorted(pages.items()):
        target = out_dir / relative
        data = text.encode("utf-8")
        try:
            if not target.is_symlink() and target.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
    return WriteStats(written, unchanged, _remove_stale(out_dir, set(pages)))


def _check_inside(out_dir: Path, relative: str) -> None:
    """A page path must name a file inside the output folder, reached without links."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        raise ValueError(f"page path {relative!r} is not inside the output folder")
    folder = out_dir
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise ValueError(f"page path {relative!r} goes through the link {folder}")


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(out_dir.rglob("*"), reverse=True):
        relative = path.relative_to(out_dir).as_posix()
        if path.is_symlink():  # never followed: a link is removed as a link
            path.unlink()
            removed += 1
        elif path.is_file() and relative not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
