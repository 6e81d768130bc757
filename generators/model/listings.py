"""Lists that help a reader find things: a place's disclosures, the latest of each kind, by year;
party organisations as a tree. Pure functions of the model (model/records.py's Site).

A village's disclosures are its own and those of the party organisations in it
(党务 is published by the branch). The township's are its own and those of the
organisations that belong to no village (镇党委, 机关党支部 ...).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from generators.model.collation import in_chinese_order
from generators.model.periods import parse as parse_period
from generators.model.records import Branch, Disclosure
from generators.model.site import Site, once_per_site

if TYPE_CHECKING:  # compliance lists its dues with these
    from generators.model.compliance import Due

T = TypeVar("T")
Item = TypeVar("Item")
LEVELS = ("党委", "党总支", "党支部", "联合党支部", "临时党支部", "流动党员党支部")
# Under a township's 党委: its own organs first, then the villages' and communities', then the rest.
SECTOR_RANKS = {
    "机关": 0,
    "事业单位": 1,
    "农村": 2,
    "社区": 2,
    "国有企业": 3,
    "非公企业": 4,
    "社会组织": 5,
}


def _sector_rank(branch: Branch) -> int:
    """Where a branch goes among its siblings (a stable sort keeps their Chinese order within)."""
    return SECTOR_RANKS.get(branch["sector"], len(SECTOR_RANKS))


def newest_first(disclosures: Iterable[Disclosure]) -> list[Disclosure]:
    return sorted(disclosures, key=lambda d: d.sort_key, reverse=True)


def place_of(site: Site, unit_id: str) -> str:
    """The village or township a unit belongs to: a village itself, a branch's village, or the
    township of a branch in no village, of a department and the township itself."""
    if unit_id in site.villages or unit_id in site.townships:
        return unit_id
    branch = site.branches.get(unit_id)
    if branch is None:
        return site.township_of(unit_id) or unit_id
    return branch.get("village") or branch["township"]


def places_in_order(site: Site) -> list[str]:
    """Every township, each followed by its villages in Chinese order."""
    order = []
    villages = in_chinese_order(site.villages.values())
    for township in site.townships_in_order():
        order.append(township.id)
        order += [v.id for v in villages if v["township"] == township.id]
    return order


def in_place_order(site: Site, by_place: Mapping[str, T]) -> list[tuple[str, T]]:
    """The entries of a mapping keyed by place, in the order of places_in_order (others after)."""
    order = places_in_order(site)
    return [
        (p, by_place[p]) for p in [*order, *sorted(set(by_place) - set(order))] if p in by_place
    ]


def by_place(
    site: Site, items: Iterable[Item], unit_of: Callable[[Item], str]
) -> list[tuple[str, list]]:
    """Items grouped by the place of the unit `unit_of(item)` names, in place order; each group
    keeps the items' order."""
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[place_of(site, unit_of(item))].append(item)
    return in_place_order(site, grouped)


def disclosures_of_place(site: Site, place_id: str) -> list[Disclosure]:
    """A village's or township's disclosures and those of its party organisations, newest first."""
    return newest_first(d for found in _disclosures_by_place(site).get(place_id, ()) for d in found)


@once_per_site
def _disclosures_by_place(site: Site) -> dict[str, list[list[Disclosure]]]:
    """By place (place_of), its subjects' disclosures, subject by subject in the relation's order."""
    by_place: dict[str, list[list[Disclosure]]] = defaultdict(list)
    for subject, found in site.relation("disclosure", "subject").items():
        by_place[place_of(site, subject)].append(found)
    return by_place


def disclosures_of_villages(site: Site, township_id: str) -> list[Disclosure]:
    """A township's villages' disclosures (and their party organisations'), newest first."""
    return newest_first(
        d
        for d in site.disclosures_of_township(township_id)
        if place_of(site, d["subject"]) != township_id
    )


def latest_of_each_item(disclosures: Iterable[Disclosure]) -> list[Disclosure]:
    """The newest disclosure of each subject's each catalogue item (a withdrawn one only when
    nothing else of its item stands), newest first: what a reader opens a village's page for."""
    latest: dict[tuple[str, str], Disclosure] = {}
    for d in newest_first(disclosures):
        key = (d["subject"], d["item"])
        if key not in latest or (latest[key].get("withdrawn") and not d.get("withdrawn")):
            latest[key] = d
    return newest_first(latest.values())


def year_of(disclosure: Disclosure) -> int:
    """The year a disclosure belongs to: its period's (a report on 2025年第四季度 published in
    January belongs to 2025)."""
    period = parse_period(str(disclosure["period"]))
    return period.start.year if period else disclosure["published"].year


def by_year(disclosures: Iterable[Disclosure]) -> list[tuple[int, list[Disclosure]]]:
    """(year, its disclosures newest first), the latest year first."""
    grouped: dict[int, list[Disclosure]] = defaultdict(list)
    for d in newest_first(disclosures):
        grouped[year_of(d)].append(d)
    return sorted(grouped.items(), reverse=True)


def dues_by_place(site: Site, dues: Iterable[Due]) -> list[tuple[str, list]]:
    """Due disclosures (model/compliance.py) grouped by the place of their subject."""
    return by_place(site, dues, lambda due: due.subject)


def directory(site: Site) -> list[tuple[str, list[tuple[int, list[Disclosure]]]]]:
    """Every disclosure once, by place (each township before its villages, villages in Chinese
    order) and year: [(place id, [(year, disclosures)])]; a place with none has no years."""
    found = dict(by_place(site, site.disclosures.values(), lambda d: d["subject"]))
    order = places_in_order(site)
    listed = set(order)
    return [
        (place, by_year(found.get(place, ())))
        for place in [*order, *(p for p in found if p not in listed)]
    ]


def branch_tree(site: Site, township_id: str) -> list[tuple[int, Branch]]:
    """A township's party organisations in tree order, each with its depth: 党委 (0), the 党总支 and
    党支部 under it (1), the 党支部 under a 党总支 (2). Siblings in Chinese order."""
    own = [b for b in site.branches.values() if b["township"] == township_id]
    ids = {b.id for b in own}
    found: list[tuple[int, Branch]] = []

    def visit(branch: Branch, depth: int) -> None:
        found.append((depth, branch))
        for child in sorted(site.children(branch), key=_sector_rank):
            visit(child, depth + 1)

    roots = in_chinese_order(b for b in own if b.get("parent") not in ids)
    for root in sorted(
        roots, key=lambda b: LEVELS.index(b["level"]) if b["level"] in LEVELS else 9
    ):
        visit(root, 0)
    return found
