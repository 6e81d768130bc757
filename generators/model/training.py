"""Training sessions (培训) and what the plans ask of them, counted from attendance figures.

A session gives every one present its hours (学时). Records hold how many of each
organisation were present, never who, so a village's training is counted as person-hours:
its average per member is the person-hours of its party organisations divided by its
members, its average per secretary or committee member the person-hours of sessions for
书记和班子成员 divided by the committee posts. Pure: reads records only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generators.model.records import Record
from generators.render import formats

FOR_COMMITTEES, FOR_MEMBERS, FOR_CADRES = "书记和班子成员", "党员", "村社干部"
TOWNSHIP_LEVEL = "镇级"
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Training(Record):
    """One session: who organised it, when, how many hours, and how many of each organisation came."""

    @property
    def present(self) -> int:
        return sum(row["present"] for row in self["attendance"])

    @property
    def quarter(self) -> int:
        return (self["date"].month - 1) // 3 + 1

    def person_hours(self, branch_ids: Iterable[str]) -> Decimal:
        """The hours this session gave the people of these organisations, together."""
        wanted = set(branch_ids)
        present = sum(row["present"] for row in self["attendance"] if row["branch"] in wanted)
        return Decimal(present) * Decimal(str(self["hours"]))

    def attended_by(self, branch_ids: Iterable[str]) -> bool:
        wanted = set(branch_ids)
        return any(row["branch"] in wanted for row in self["attendance"])


def of_year(trainings: Iterable[Training], year: int, *audiences: str) -> list[Training]:
    """The sessions of a year for these audiences, in the order of their dates."""
    return sorted(
        (t for t in trainings if t["date"].year == year and t["audience"] in audiences),
        key=lambda t: (t["date"], t.id),
    )


def average_hours(
    sessions: Iterable[Training], branch_ids: list[str], people: int
) -> Decimal | None:
    """Person-hours of these organisations over their number of people, to the hundredth."""
    if people <= 0:
        return None
    total = sum((s.person_hours(branch_ids) for s in sessions), Decimal(0))
    return (total / Decimal(people)).quantize(HUNDREDTH)


@dataclass(frozen=True)
class VillageHours:
    """A village's training of a year: per member, per committee post, and cadre sessions attended."""

    org: Record  # the village's leading party organisation
    members: Decimal | None
    committees: Decimal | None
    cadre_sessions: int


def village_hours(
    site: Any, villages: Iterable[Record], sessions: list[Training], year: int
) -> list[VillageHours]:
    """Each village's averages of a year from the sessions its organisations attended."""
    for_members = of_year(sessions, year, FOR_MEMBERS, FOR_COMMITTEES)
    for_committees = of_year(sessions, year, FOR_COMMITTEES)
    for_cadres = of_year(sessions, year, FOR_COMMITTEES, FOR_CADRES)
    rows = []
    for village in villages:
        org = site.leading_organisation(village)
        if org is None:
            continue
        branches = site.branches_of_village(village)
        ids = [b.id for b in branches]
        posts = sum(len(b["committee"]) for b in branches)
        rows.append(
            VillageHours(
                org,
                average_hours(for_members, ids, int(org["members"]["total"])),
                average_hours(for_committees, ids, posts),
                sum(1 for s in for_cadres if s.attended_by(ids)),
            )
        )
    return rows


def of_township(site: Any, township_id: str) -> list[Training]:
    """A township's sessions, the latest first."""
    own = [s for s in site.of("training").values() if s["township"] == township_id]
    return sorted(own, key=lambda s: (s["date"], s.id), reverse=True)


def of_branch(site: Any, branch_id: str) -> list[tuple[Training, int]]:
    """The sessions an organisation's people attended, the latest first, each with how many of
    them were present."""
    attended = [
        (s, sum(row["present"] for row in s["attendance"] if row["branch"] == branch_id))
        for s in site.of("training").values()
        if s.attended_by([branch_id])
    ]
    return sorted(attended, key=lambda pair: (pair[0]["date"], pair[0].id), reverse=True)


def years(sessions: Iterable[Training]) -> list[int]:
    return sorted({s["date"].year for s in sessions}, reverse=True)


def summary(site: Any, township_id: str, year: int) -> list[VillageHours]:
    """The villages of a township and their training of a year, for its pages."""
    villages = [v for v in site.villages_by_township() if v["township"] == township_id]
    return village_hours(site, villages, of_township(site, township_id), year)


def hours(value: Decimal | int | float | None) -> str:
    """Hours as every page shows a figure in its unit: 12.5学时, 32学时."""
    if value is None:
        return "—"
    return formats.amount(Decimal(str(value)), "学时")
