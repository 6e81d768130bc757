"""Grids (网格) against their village: households within the village's, as many grids as it says."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def check_grids(index: Index) -> Iterator[Problem]:
    if any(r.type.name == "grid" and r.document is None for r in index.records):
        return  # a broken grid file: its village is unknown, so the sums cannot be trusted
    grids_by_village = defaultdict(list)
    for grid in index.valid("grid"):
        grids_by_village[grid.document["village"]].append(grid)
    for village in index.valid("village"):
        grids = grids_by_village.get(village.id)
        if not grids:
            continue
        doc = village.document
        households = sum(g.document["households"] for g in grids)
        if households > doc["households"]:
            yield found(
                village,
                ("households",),
                "grid.households-exceed-village",
                households=households,
                grids=len(grids),
                village=doc["households"],
            )
        if len(grids) != doc["grids"]:
            yield found(
                village,
                ("grids",),
                "grid.count",
                count=doc["grids"],
                files=len(grids),
                name=doc["name"],
                ids="、".join(sorted(g.id for g in grids)),
            )
