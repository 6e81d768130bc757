"""Which teams must approve a change to each file, from the records themselves.

A record belongs to a township: a village, branch or department through its `township`, every other
record through the unit it names (its subject, unit, village or branch, or its tasks' lead units).
Its township's reviewers approve it. A disclosure whose subject is a village, or a branch in a
village, is also approved by that village's 村务监督委员会. Everything outside the data folder
(code, schemas, workflows, settings, the reviewers file itself) is approved by the maintainers.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from generators.forge.reviewers import REVIEWERS_FILE, Reviewers, ReviewersError, Team

# The fields through which a record names the unit it belongs to, most specific first.
UNIT_FIELDS = ("subject", "unit", "branch", "village", "township")
SUPERVISED = frozenset({"disclosure"})  # types a village's 村务监督委员会 approves too


def named(reviewers: Reviewers, site) -> Reviewers:
    """The same teams, described with the names in the records: 青溪镇（qingxi）的审核人."""

    def relabel(teams: dict[str, Team], role: str) -> dict[str, Team]:
        return {
            key: dataclasses.replace(team, role=role.format(f"{site.unit_name(key)}（{key}）"))
            for key, team in teams.items()
        }

    return dataclasses.replace(
        reviewers,
        townships=relabel(reviewers.townships, "{}的审核人"),
        supervision=relabel(reviewers.supervision, "{}的村务监督委员会"),
    )


def unit_of(site, record) -> str | None:
    """The unit (township, village, branch or department) a record belongs to."""
    if record.type_name in ("township", "village", "branch"):
        return record.id
    if record.type_name == "plan":
        return site.township_of_plan(record)
    for key in UNIT_FIELDS:
        if record.get(key):
            return record[key]
    lead = record.get("lead_units") or ()
    return lead[0] if lead else None


def village_of(site, unit: str | None) -> str | None:
    if unit in site.villages:
        return unit
    branch = site.branches.get(unit) if unit else None
    return branch.get("village") if branch is not None else None


def record_teams(site, record, reviewers: Reviewers) -> tuple[Team, ...]:
    """The teams that approve a change to this record, in a fixed order."""
    unit = unit_of(site, record)
    township = site.township_of(unit) if unit else None
    if township is None:
        return (reviewers.maintainers,)
    if township not in reviewers.townships:
        raise ReviewersError(
            f"{REVIEWERS_FILE} 的 townships 里没有 {township}（{site.unit_name(township)}）："
            f"data/{record.source} 属于这个镇（街道），请写明它的审核人"
        )
    teams = [reviewers.townships[township]]
    village = village_of(site, unit) if record.type_name in SUPERVISED else None
    if village is not None:
        if village not in reviewers.supervision:
            raise ReviewersError(
                f"{REVIEWERS_FILE} 的 supervision 里没有 {village}（{site.unit_name(village)}）："
                f"data/{record.source} 是这个村（社区）的公开，请写明它的村务监督委员会审核人"
            )
        teams.append(reviewers.supervision[village])
    return tuple(teams)


def file_teams(
    site, reviewers: Reviewers, data_folder: str = "data"
) -> dict[str, tuple[Team, ...]]:
    """Every record file (its path in the repository, e.g. data/villages/xikou.yaml) → its teams."""
    out = {}
    for record in site.all_records():
        path = (PurePosixPath(data_folder) / record.source).as_posix()
        out[path] = record_teams(site, record, reviewers)
    return dict(sorted(out.items()))
