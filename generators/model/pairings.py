"""结对共建: a party organisation's pairings, written on either side, seen from both. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generators.model.records import Branch
from generators.model.site import Site


@dataclass(frozen=True)
class Pairing:
    """One pair as one side sees it: the other organisation, since when, what they do together."""

    partner: Branch
    since: object
    content: str


def pairings_of(site: Site, branch: Branch) -> list[Pairing]:
    """Every pairing of an organisation, whichever side wrote it, the earliest first."""
    found = [_seen(site, p["partner"], p) for p in branch.get("pairings", ())]
    for other in site.branches.values():
        found += [
            _seen(site, other.id, p) for p in other.get("pairings", ()) if p["partner"] == branch.id
        ]
    return sorted((p for p in found if p is not None), key=lambda p: (p.since, p.partner.id))


def _seen(site: Site, partner_id: str, pairing: Mapping) -> Pairing | None:
    partner = site.branches.get(partner_id)
    return Pairing(partner, pairing["since"], pairing["content"]) if partner else None
