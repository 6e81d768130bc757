"""Every published version of every disclosure, from one pass over the data folder's git history.

A version is a content of a disclosure file as main held it. It counts as
published when it was still the current content on or after its own published
date (a draft replaced before that day was never public) and that date has
come by the build date. Versions are numbered from 1; each knows its commit,
the day it reached main, the correction added with it, what changed from the
version before (in Chinese), and a fingerprint of its content that is printed
on the notice-board sheet and can be checked on /verify/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generators.check.loader import LoadedFile, load_bytes
from generators.history.difference import corrections_of, describe
from generators.history.git import Change, GitError, Repository, blob_id
from generators.history.published import FOLDER, published_on
from generators.privacy import scan as privacy


@dataclass(frozen=True)
class Version:
    number: int
    commit: str | None  # None: the working tree's content, not committed yet (a local preview)
    date: (
        dt.date
    )  # the day this content reached main (Beijing time); the build date when uncommitted
    data: dict  # the plain data as typed
    fingerprint: str  # 12 hex digits of the content's SHA-256
    reasons: tuple[str, ...]  # the reasons of the corrections added with this version
    changes: tuple[str, ...]  # what changed from the version before, sentence by sentence
    withheld: bool = False  # holds personal data, so its content is not shown

    @property
    def short_commit(self) -> str:
        return self.commit[:7] if self.commit else "未提交"

    @property
    def fingerprint_text(self) -> str:
        """As printed: a1b2-c3d4-e5f6."""
        return "-".join(self.fingerprint[i : i + 4] for i in range(0, 12, 4))


def fingerprint(data) -> str:
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def disclosure_versions(data_dir: Path, records, today: dt.date) -> dict[str, tuple[Version, ...]]:
    """Disclosure id → its published versions, oldest first; {} outside git."""
    try:
        repo = Repository(data_dir)
        changes = repo.changes(FOLDER)
    except GitError:
        return {}
    current = {r.relative.as_posix(): r for r in records if r.type.name == "disclosure"}
    schema = next((r.type.schema for r in current.values()), None)
    by_path: dict[str, list[Change]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    working = {path: (Path(data_dir) / path).read_bytes() for path in current}
    working_blobs = {path: blob_id(raw) for path, raw in working.items()}
    wanted = {
        c.blob
        for path, cs in by_path.items()
        for c in cs
        if c.blob and c.blob != working_blobs.get(path)
    }
    contents = repo.blobs(wanted)
    found = {}
    for path in sorted(set(by_path) | set(current)):
        states = _states(
            by_path.get(path, []), contents, current.get(path), working_blobs.get(path), today
        )
        versions = _published(states, today, schema)
        if versions:
            found[Path(path).stem] = versions
    return found


def _states(
    changes: list[Change], contents: dict, record, working_blob: str | None, today: dt.date
):
    """(commit, date, plain data, loaded file or None) of each content in turn, repeats dropped."""
    states = []
    for change in changes:
        if change.blob is None:
            continue
        if change.blob == working_blob and record is not None:
            data, loaded = record.loaded.data, None
        else:
            loaded = load_bytes(contents[change.blob], change.path)
            data = loaded.data
        if isinstance(data, dict) and not (states and states[-1][2] == data):
            states.append((change.commit, change.date, data, loaded))
    if (
        record is not None
        and isinstance(record.loaded.data, dict)
        and (not states or states[-1][2] != record.loaded.data)
    ):
        states.append(
            (None, today, record.loaded.data, None)
        )  # edited in the working tree, not committed
    return states


def _published(states, today: dt.date, schema) -> tuple[Version, ...]:
    versions: list[Version] = []
    for i, (commit, day, data, loaded) in enumerate(states):
        published = published_on(data, today)
        if published is None:
            continue
        replaced_on = states[i + 1][1] if i + 1 < len(states) else None
        if replaced_on is not None and replaced_on.isoformat() <= published:
            continue  # replaced before its published date: a draft, never public
        before = versions[-1].data if versions else None
        added = corrections_of(data)[len(corrections_of(before)) :] if before else []
        withheld = (
            loaded is not None
            and schema is not None
            and _holds_personal_data(loaded, schema, today)
        )
        changes = (
            tuple(describe(before, data, schema))
            if before is not None and schema is not None
            else ()
        )
        versions.append(
            Version(
                len(versions) + 1,
                commit,
                day,
                data,
                fingerprint(data),
                tuple(str(c.get("reason", "")) for c in added if isinstance(c, dict)),
                () if withheld or (versions and versions[-1].withheld) else changes,
                withheld,
            )
        )
    return tuple(versions)


def _holds_personal_data(loaded: LoadedFile, schema, today: dt.date) -> bool:
    return any(p.is_error for p in privacy.scan_file(loaded, schema, today))
