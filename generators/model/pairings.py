"""结对共建: a party organisation's pairings, written on either side, seen from both. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from generators.model.records import Branch
from generators.model.site import Site, once_per_site


@dataclass(frozen=True)
class Pairing:
    """One pair as one side sees it: the other organisation, since when, what they do together."""

    partner: Branch
    since: object
    content: str


def pairings_of(site: Site, branch: Branch) -> list[Pairing]:
    """Every pairing of an organisation, whichever side wrote it, the earliest first."""
    found = [_seen(site, p["partner"], p) for p in branch.get("pairings", ())]
    found += [_seen(site, other, p) for other, p in _written_by_partners(site).get(branch.id, ())]
    return sorted((p for p in found if p is not None), key=lambda p: (p.since, p.partner.id))


@once_per_site
def _written_by_partners(site: Site) -> dict[str, list[tuple[str, Mapping]]]:
    """By an organisation's id, the pairings other organisations wrote naming it (the writer's id
    and the pairing), in the order of the organisations and of their pairings."""
    named: dict[str, list[tuple[str, Mapping]]] = defaultdict(list)
    for other in site.branches.values():
        for pairing in other.get("pairings", ()):
            named[pairing["partner"]].append((other.id, pairing))
    return named


def _seen(site: Site, partner_id: str, pairing: Mapping) -> Pairing | None:
    partner = site.branches.get(partner_id)
    return Pairing(partner, pairing["since"], pairing["content"]) if partner else None
