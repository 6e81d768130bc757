"""Write: the only stage that touches the output folders.

An output folder is never half-written. A new version is built in a hidden
folder beside it and swapped in with one rename once it is complete; a
build that fails, or is killed, leaves the previous version as it was, and
its leftover is removed by the next build.

Pages whose content did not change keep their file (a hard link into the new
folder), so MkDocs' live reload and file timestamps see real changes only;
when nothing changed at all, nothing is touched.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# files: a previous version this large is removed after the command returns
BACKGROUND_REMOVAL = 2000


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_pages(out_dir: Path, pages: Mapping[str, str | bytes]) -> WriteStats:
    """Pages (text, written as UTF-8) and other files (bytes: workbooks) into the output folder."""
    for relative in pages:  # all checked before anything is written
        _check_inside(out_dir, relative)
    existing, empty_folders = _existing(out_dir)
    encoded = {
        relative: text if isinstance(text, bytes) else text.encode("utf-8")
        for relative, text in pages.items()
    }
    same = {
        relative
        for relative, data in encoded.items()
        if relative in existing
        and not existing[relative].is_symlink()
        and _same_bytes(existing[relative], data)
    }
    stale = [relative for relative in existing if relative not in encoded]
    stats = WriteStats(len(encoded) - len(same), len(same), len(stale))
    if out_dir.is_dir() and not stats.written and not stale and not empty_folders:
        return stats
    with StagedFolder(out_dir) as new:
        for relative, data in sorted(encoded.items()):
            target = new.path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative in same:
                _keep(out_dir / relative, target)
            else:
                target.write_bytes(data)
        new.commit(remove_in_background=len(existing) >= BACKGROUND_REMOVAL)
    return stats


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _keep(old: Path, new: Path) -> None:
    """The unchanged file itself in the new folder: same bytes, same timestamp."""
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def _existing(out_dir: Path) -> tuple[dict[str, Path], bool]:
    """Files and links under the output folder (links never followed), and whether any folder is empty."""
    found: dict[str, Path] = {}
    empty = False
    for root, folders, files in os.walk(out_dir):
        here = Path(root)
        links = [name for name in folders if (here / name).is_symlink()]
        folders[:] = [name for name in folders if name not in links]
        if not folders and not files and not links:
            empty = True
        for name in files + links:
            found[(here / name).relative_to(out_dir).as_posix()] = here / name
    return found, empty


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


# ---------------------------------------------------------------------------
# a folder replaced whole


class StagedFolder:
    """A new, empty folder beside `target`; `commit()` swaps it in, leaving it unused discards it.

    with StagedFolder(Path("site")) as new:
        build_into(new.path)
        new.commit()
    """

    NEW, OLD = "new", "old"

    def __init__(self, target: Path):
        self.target = Path(target)
        self.path = self._sibling(self.NEW)
        self.committed = False

    def _sibling(self, kind: str) -> Path:
        return self.target.with_name(
            f".{self.target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"
        )

    def __enter__(self) -> StagedFolder:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.target)
        self.path.mkdir()
        return self

    def commit(self, remove_in_background: bool = False) -> None:
        """Swaps the new folder in. The previous version is removed, or with `remove_in_background` (a site
        of thousands of folders: seconds of deleting) moved aside and removed by a process of its own after
        this one returns; if that is stopped, the next build removes what is left (remove_leftovers)."""
        if self.target.is_symlink() or (self.target.exists() and not self.target.is_dir()):
            raise ValueError(f"{self.target} is not a folder; it is left as it is")
        if not self.target.exists():
            os.rename(self.path, self.target)
        elif _exchange(self.path, self.target):  # the previous version is now at the staging path
            old = self._sibling(self.OLD)
            os.rename(self.path, old)
            _remove(old, remove_in_background)
        else:  # no atomic exchange here: two renames, the gap between them without a folder at all
            old = self._sibling(self.OLD)
            os.rename(self.target, old)
            os.rename(self.path, self.target)
            _remove(old, remove_in_background)
        self.committed = True

    def __exit__(self, *exc) -> None:
        if not self.committed:
            shutil.rmtree(self.path, ignore_errors=True)


def _remove(folder: Path, in_background: bool) -> None:
    if in_background:
        try:
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                    str(folder),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
            return
        except OSError:
            pass
    shutil.rmtree(folder)


def remove_leftovers(target: Path) -> None:
    """Staging folders of builds that were killed: their process is gone."""
    prefix = f".{target.name}."
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        name = sibling.name
        if not name.startswith(prefix) or sibling.is_symlink() or not sibling.is_dir():
            continue
        kind, _, rest = name[len(prefix) :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in (StagedFolder.NEW, StagedFolder.OLD) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
