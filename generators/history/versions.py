"""Every published version of every disclosure, from one pass over the data folder's git history.

A version is a content of a disclosure as main held it, in whichever year
folder its file was: a disclosure's history follows its id, so a file moved
to another year folder (a corrected published date) keeps its versions and
fingerprints. A content counts as published when it was still the current
content on its own published date or later (a draft replaced before that day
was never public; one replaced on that day was public for part of it, and a
build may have printed it) and that date has come by the build date. Versions
are numbered from 1; each knows its commit, the day it reached main, the day
the public saw it (its 公开日期, or the day its correction was published), the
correction added with it, what changed from the version before (in Chinese),
and a fingerprint of its content that is printed on the notice-board sheet
and can be checked on /verify/.

A content whose only difference from the version before is a key written for
the label it stood for (公开事项 held the item's name before the catalogue had
keys) tells a reader nothing new, so it is no version of its own: it is
folded into that version, which shows the newer content; its fingerprint,
printed while it was current, still leads to that version on /verify/."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path, PurePosixPath

from generators.check.loader import LoadedFile, load_bytes
from generators.history.difference import corrections_of, describe
from generators.history.git import Change, GitError, Repository, blob_id
from generators.history.published import FOLDER, published_on
from generators.privacy import scan as privacy
from generators.spec.fields import RecordSchema
from generators.spec.registry import REGISTRY, Registry


@dataclass(frozen=True)
class Version:
    number: int
    commit: str | None  # None: the working tree's content, not committed yet (a local preview)
    # The day this content reached main (Beijing time); the build date when uncommitted.
    date: dt.date
    # The day the public saw it (public_day): what 公开于 says; the commit day is for checking.
    published: dt.date
    data: dict  # the plain data as typed
    fingerprint: str  # 12 hex digits of the content's SHA-256
    reasons: tuple[str, ...]  # the reasons of the corrections added with this version
    changes: tuple[str, ...]  # what changed from the version before, sentence by sentence
    withheld: bool = False  # holds personal data, so its content is not shown
    # Fingerprints of the later contents folded into this version (a key written for its
    # label): once printed, so they still verify, and lead here.
    folded: tuple[str, ...] = ()

    @property
    def short_commit(self) -> str:
        return self.commit[:7] if self.commit else "未提交"

    @property
    def fingerprint_text(self) -> str:
        """As printed: a1b2-c3d4-e5f6."""
        return "-".join(self.fingerprint[i : i + 4] for i in range(0, 12, 4))


# Fields holding a key of the township's disclosure catalogue, which pages show by its title.
# Before the catalogue had keys they held the item's label; writing the key for it is no change.
KEY_FIELDS = ("item",)
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _key_for_its_label(before, after) -> bool:
    return isinstance(before, str) and not KEY.fullmatch(before) and bool(KEY.fullmatch(str(after)))


def as_a_reader_compares(before: dict, after: dict) -> dict:
    """The content before, with the keys written since for their labels (季度财务收支 → cunji-caiwu):
    what a reader compares the content after with."""
    return before | {
        k: after[k]
        for k in KEY_FIELDS
        if k in after and _key_for_its_label(before.get(k), after[k])
    }


def only_a_key_for_its_label(before: dict, after: dict) -> bool:
    """Whether the only difference is a key written where its label was."""
    return before != after and as_a_reader_compares(before, after) == after


def fingerprint(data) -> str:
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def disclosure_versions(
    data_dir: Path, records, today: dt.date, registry: Registry = REGISTRY
) -> dict[str, tuple[Version, ...]]:
    """Disclosure id → its published versions, oldest first; {} outside git."""
    kind = registry["disclosure"]
    try:
        repo = Repository(data_dir)
        changes = [c for c in repo.changes(FOLDER) if kind.matches(PurePosixPath(c.path))]
    except GitError:
        return {}
    current = {r.relative.stem: r for r in records if r.type.name == kind.name}
    working_blobs = {
        record_id: blob_id((Path(data_dir) / r.relative).read_bytes())
        for record_id, r in current.items()
    }
    history = held(changes)
    wanted = {
        c.blob
        for record_id, held_contents in history.items()
        for c in held_contents
        if c.blob != working_blobs.get(record_id)
    }
    contents = repo.blobs(wanted)
    found = {}
    for record_id in sorted(set(history) | set(current)):
        states = _states(
            history.get(record_id, []),
            contents,
            current.get(record_id),
            working_blobs.get(record_id),
            today,
        )
        versions = _published(states, today, kind.schema)
        if versions:
            found[record_id] = versions
    return found


def held(changes: list[Change]) -> dict[str, list[Change]]:
    """Disclosure id → what its file held after each commit that touched the id, oldest first.

    A disclosure's id is its file's name (validation holds the two equal and unique), so
    its history is that of every file of that name, in whichever year folder: a file
    moved in one commit (deleted in one folder, added in another) holds the id on. A
    commit after which no file, or more than one file, has the id adds nothing: a
    deleted disclosure's last content stays its last version, and two files with one id
    cannot be built (id.duplicate), so what was public stayed public until one was gone."""
    files: dict[str, dict[str, str]] = {}  # id → path → blob, as of the commit being read
    found: dict[str, list[Change]] = {}
    for _, group in groupby(changes, key=lambda c: c.commit):
        touched: dict[str, Change] = {}
        for change in group:
            record_id = change.path.rpartition("/")[2].removesuffix(".yaml")
            paths = files.setdefault(record_id, {})
            if change.blob is None:
                paths.pop(change.path, None)
            else:
                paths[change.path] = change.blob
            touched[record_id] = change
        for record_id, change in touched.items():
            if len(files[record_id]) == 1:
                [(path, blob)] = files[record_id].items()
                found.setdefault(record_id, []).append(replace(change, path=path, blob=blob))
    return found


def _states(
    changes: list[Change], contents: dict, record, working_blob: str | None, today: dt.date
):
    """(commit, date, plain data, loaded file or None) of each content in turn, repeats dropped."""
    states: list[tuple[str | None, dt.date, dict, LoadedFile | None]] = []
    for change in changes:
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


def _published(states, today: dt.date, schema: RecordSchema) -> tuple[Version, ...]:
    versions: list[Version] = []
    for i, (commit, day, data, loaded) in enumerate(states):
        published = published_on(data, today)
        if published is None:
            continue
        replaced_on = states[i + 1][1] if i + 1 < len(states) else None
        if replaced_on is not None and replaced_on.isoformat() < published:
            continue  # replaced before its published date: a draft, never public
        before = versions[-1].data if versions else None
        withheld = loaded is not None and _holds_personal_data(loaded, schema, today)
        if before is not None and _folds(versions[-1], data, withheld):
            versions[-1] = _fold(versions[-1], data)
            continue
        added = corrections_of(data)[len(corrections_of(before)) :] if before else []
        changes = (
            tuple(describe(as_a_reader_compares(before, data), data, schema))
            if before is not None
            else ()
        )
        versions.append(
            Version(
                number=len(versions) + 1,
                commit=commit,
                date=day,
                published=public_day(published, added, day, first=not versions),
                data=data,
                fingerprint=fingerprint(data),
                reasons=tuple(str(c.get("reason", "")) for c in added if isinstance(c, dict)),
                changes=() if withheld or (versions and versions[-1].withheld) else changes,
                withheld=withheld,
            )
        )
    return tuple(versions)


def _folds(version: Version, data: dict, withheld: bool) -> bool:
    return version.withheld == withheld and only_a_key_for_its_label(version.data, data)


def _fold(version: Version, data: dict) -> Version:
    """The version showing the newer content; its own fingerprint, printed first, stays."""
    folded = version.folded + (fingerprint(data),)
    return replace(version, data=data, folded=tuple(f for f in folded if f != version.fingerprint))


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def public_day(published: str, added: list, reached_main: dt.date, first: bool) -> dt.date:
    """When the public saw a version: a first version on its 公开日期; a corrected one on the day
    its newest correction says it was published; any other change on the day it reached main (or
    its 公开日期, if that is later)."""
    published_day = _day(published) or reached_main
    corrected = [d for c in added if isinstance(c, dict) and (d := _day(c.get("date")))]
    if corrected:
        return max(corrected)
    return published_day if first else max(published_day, reached_main)


def _holds_personal_data(loaded: LoadedFile, schema: RecordSchema, today: dt.date) -> bool:
    return any(p.is_error for p in privacy.scan_file(loaded, schema, today))
