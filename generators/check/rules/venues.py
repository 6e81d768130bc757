"""Activity venues (阵地): the functions a venue names are those of its township's standard."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def check_venues(index: Index) -> Iterator[Problem]:
    villages = {v.id: v.document for v in index.valid("village")}
    townships = {t.id: t.document for t in index.valid("township")}
    for record in index.valid("venue"):
        village = villages.get(record.document["village"])
        if village is None or (township := townships.get(village["township"])) is None:
            continue  # an unknown village is ref.missing's; a broken file is reported itself
        standard = next(
            (s for s in township.get("venue_standards") or () if s["kind"] == village["kind"]),
            None,
        )
        listed = (standard or {}).get("functions") or []
        if not listed:
            continue
        for i, function in enumerate(record.document["functions"]):
            if function not in listed:
                yield found(
                    record,
                    ("functions", i),
                    "venue.unknown-function",
                    function=function,
                    kind=village["kind"],
                    listed="、".join(listed),
                )
