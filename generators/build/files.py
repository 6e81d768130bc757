"""Files on disk as the caches see them: listed, typed, read within a limit, hashed.

Everything a cache vouches for is named here by content (SHA-256), never by
size, time or inode alone: the site folder, docs/generated/ and the cache
folder are as untrusted as the data. A file is read only once it is known to
be a regular file (a FIFO, device or socket would block or never end, and is
never opened), and a file larger than its reader's limit is not read at all.
Symbolic links are never followed: they are named as links.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

CHUNK = 1 << 20
READ_AT_ONCE = 16 << 20
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class NotRegular(OSError):
    """A file that is not a regular file (a link, FIFO, device, socket or folder): never read."""


class TooLarge(OSError):
    """A file larger than the limit its reader sets: not read."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"{size} bytes, the limit is {limit}")
        self.size, self.limit = size, limit


def kind_of(mode: int) -> str:
    """What a file is, in one word: file, link, folder, fifo, socket, device."""
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def _open_regular(path: Path | str, limit: int | None) -> tuple[int, os.stat_result]:
    """A descriptor of a regular file within the limit; the type is checked before opening and
    again on the opened file (O_NOFOLLOW, O_NONBLOCK: a file swapped for a link or a FIFO in
    between is refused, never waited on)."""
    before = os.lstat(path)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegular(kind_of(before.st_mode))
    if limit is not None and before.st_size > limit:
        raise TooLarge(before.st_size, limit)
    descriptor = os.open(path, OPEN_FLAGS)
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
        os.close(descriptor)
        raise NotRegular(kind_of(status.st_mode))
    return descriptor, status


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` of them plus one (a file that grew after its
    stat shows it did). Raises NotRegular, TooLarge or another OSError."""
    descriptor, status = _open_regular(path, limit)
    with os.fdopen(descriptor, "rb") as f:
        if limit is None:
            return f.read()
        data = f.read(
            min(status.st_size, limit) + 1
        )  # a buffer of the file's size, not the limit's
        chunks, left = [data], limit + 1 - len(data)
        while left > 0 and data:
            data = f.read(min(CHUNK, left))
            chunks.append(data)
            left -= len(data)
        return b"".join(chunks)


def file_sha(path: Path | str) -> str:
    """The SHA-256 of a regular file (a link is not followed: NotRegular).

    Read with the descriptor's own calls: most files here are small pages, for which a buffered
    file object costs more than the hashing."""
    descriptor, status = _open_regular(path, None)
    try:
        digest = hashlib.sha256()
        size = min(status.st_size + 1, READ_AT_ONCE)  # a file that grew is read to its end
        while data := os.read(descriptor, size):
            digest.update(data)
        return digest.hexdigest()
    finally:
        os.close(descriptor)


def content_key(path: Path, limit: int | None = None) -> bytes:
    """What a key of a file's content holds: the hash of a regular file's bytes; for a link where it
    points; for anything else its kind, and for a file above `limit` its size (neither is read)."""
    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            return b"link " + os.fsencode(os.readlink(path))
        if not stat.S_ISREG(status.st_mode):
            return f"special {kind_of(status.st_mode)}".encode()
        if limit is not None and status.st_size > limit:
            return f"too large {status.st_size}".encode()
        return bytes.fromhex(file_sha(path))
    except TooLarge as error:
        return f"too large {error.size}".encode()
    except NotRegular as error:
        return f"special {error}".encode()
    except OSError as error:
        return f"unreadable {error.errno}".encode()


def stat_of(path: Path | str) -> list[int]:
    """A regular file's size, modification time, inode and change time (links not followed)."""
    s = os.lstat(path)
    return [s.st_size, s.st_mtime_ns, s.st_ino, s.st_ctime_ns]


def files_under(folder: Path, leaving_out: Path | None = None):
    """Every file under a folder in a stable order, links to folders not followed, compiled Python
    left out."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            f for f in folders if f != "__pycache__" and Path(root, f) != leaving_out
        )
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(root) / name


def listing(folder: Path) -> list[tuple[str, str, bool]]:
    """Every file under a folder, in no set order: (its path there, its path, whether it is a regular
    file); a link (to a folder too) or a special file is listed, not followed. FileNotFoundError
    when the folder is missing."""
    found: list[tuple[str, str, bool]] = []
    _entries(os.fspath(folder), "", found)
    return found


def _entries(folder: str, prefix: str, found: list) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                _entries(entry.path, name + "/", found)
            else:
                found.append((name, entry.path, entry.is_file(follow_symlinks=False)))


def _sha_or_none(path: str) -> str | None:
    try:
        return file_sha(path)
    except OSError:
        return None


def file_hashes(folder: Path) -> dict[str, str | None]:
    """Every file under a folder (a link or a special file: None) with the SHA-256 of its bytes.

    On one thread: the files are mostly small pages, and threads contending for the interpreter
    between them made it three times slower (bench: docs/generated/ of a county)."""
    try:
        found = listing(folder)
    except FileNotFoundError:
        return {}
    return {name: _sha_or_none(path) if is_file else None for name, path, is_file in found}
