"""Villages: the committee's term, one collective-economy entry a year, its operating income within
its total."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.dates import end_before_start
from generators.check.rules.index import Index, found, repeats
from generators.spec.problems import Problem


def check_villages(index: Index) -> Iterator[Problem]:
    for record in index.valid("village"):
        doc = record.document
        term = doc.get("committee_term")
        if term and term["end"] <= term["start"]:
            yield end_before_start(
                record,
                ("committee_term", "end"),
                ("任期结束日期", term["end"]),
                ("开始日期", term["start"]),
            )
        economy = doc.get("collective_economy") or []
        for i, year in repeats(economy, "year"):
            yield found(
                record, ("collective_economy", i, "year"), "economy.duplicate-year", year=year
            )
        for i, year in enumerate(economy):
            if year.get("operating_income", 0) > year.get(
                "total_income", year.get("operating_income", 0)
            ):
                yield found(
                    record, ("collective_economy", i, "operating_income"), "economy.inconsistent"
                )
