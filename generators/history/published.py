"""The rule that a published disclosure never changes silently, checked against a base version.

A disclosure is published once its published date is on or before the build
date and it exists in the base version (the pull request's base, or the
commit last published). Against that base, a published disclosure:
* changes only with a new `corrections` entry, and earlier entries stay as they were;
* is never deleted (it is withdrawn instead) and never changes its id;
* once withdrawn, stays withdrawn.
It is found by its id, wherever its file is: one moved to another year folder
(its published date corrected, which needs a correction like any change) is
the same disclosure, and its versions follow it too (versions.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from generators.check.loader import load_bytes
from generators.check.rules.index import found
from generators.history.difference import changed_paths, content, corrections_of
from generators.history.git import GitError, Repository
from generators.spec.problems import Problem, problem
from generators.spec.registry import REGISTRY, Registry

FOLDER = "disclosures"


def published_on(data, today: dt.date) -> str | None:
    """The published date of a base version if it was public by the build date (a date that cannot be
    read counts as public: the rule errs on the side of keeping)."""
    value = data.get("published") if isinstance(data, dict) else None
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return day.isoformat() if day <= today else None


def check_against_base(
    records,
    data_dir,
    today: dt.date,
    base: str,
    shown_root: PurePosixPath,
    registry: Registry = REGISTRY,
) -> list[Problem]:
    """Problems of the current disclosures against the published ones of the base version."""
    where = shown_root.as_posix()
    try:
        repo = Repository(data_dir)
        commit = repo.commit_of(base)
        if not repo.is_ancestor(commit):
            return [
                problem("published.history-rewritten", where, 1, 1, ref=base, commit=commit[:10])
            ]
        base_files = repo.files_at(commit, FOLDER)
        contents = repo.blobs(base_files.values())
    except GitError as exc:
        return [problem("published.no-base", where, 1, 1, ref=base, reason=str(exc))]
    disclosures = [
        r for r in records if r.type.name == "disclosure" and isinstance(r.loaded.data, dict)
    ]
    by_id = {r.id: r for r in disclosures if r.id}
    base_ids = set()
    problems = []
    for path, blob in sorted(base_files.items()):
        data = load_bytes(contents[blob], path).data
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        base_ids.add(data["id"])
        published = published_on(data, today)
        if published is None:
            continue  # a draft in the base: it may still change freely
        record = by_id.get(data["id"])
        if record is None:
            problems += _gone(data, published, disclosures, base_ids, f"{where}/{path}")
        else:
            problems += _compared(data, record, published)
    return problems


def _gone(old: dict, published: str, disclosures, base_ids: set, shown_path: str) -> list[Problem]:
    for record in disclosures:
        if record.id not in base_ids and content(record.loaded.data) | {"id": old["id"]} == content(
            old
        ):
            return [found(record, ("id",), "published.id-changed", old=old["id"], new=record.id)]
    return [
        problem(
            "published.deleted",
            shown_path,
            1,
            1,
            title=str(old.get("title", old["id"])),
            published=published,
        )
    ]


def _compared(old: dict, record, published: str) -> list[Problem]:
    new = record.loaded.data
    problems = []
    old_corrections, new_corrections = corrections_of(old), corrections_of(new)
    kept = new_corrections[: len(old_corrections)]
    if kept != old_corrections:
        at = next(
            (i for i, (a, b) in enumerate(zip(old_corrections, kept, strict=False)) if a != b),
            len(kept),
        )
        problems.append(
            found(
                record,
                ("corrections", at) if at < len(kept) else ("corrections",),
                "published.correction-changed",
                number=at + 1,
            )
        )
    withdrawn = old.get("withdrawn")
    if withdrawn is not None and new.get("withdrawn") != withdrawn:
        day = withdrawn.get("date", "") if isinstance(withdrawn, dict) else ""
        problems.append(
            found(record, ("withdrawn",), "published.withdrawal-changed", date=str(day))
        )
    paths = changed_paths(content(old), content(new))
    if paths and len(new_corrections) <= len(old_corrections):
        label = record.type.schema.label_of(paths[0])
        problems.append(
            found(
                record,
                paths[0],
                "published.silent-edit",
                published=published,
                what=label,
                count=len(paths),
            )
        )
    return problems
