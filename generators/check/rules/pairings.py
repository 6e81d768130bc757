"""A village's rules (村规民约) revised after they were adopted and in order, none in the future;
a party organisation's pairings (结对共建) with another organisation, each pair written once."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.dates import check_dates_in_order, check_not_future, end_before_start
from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def check_village_rules(index: Index) -> Iterator[Problem]:
    for village in index.valid("village"):
        rules = (village.document or {}).get("village_rules")
        if not rules:
            continue
        path = ("village_rules",)
        yield from check_not_future(
            index, village, path + ("adopted",), rules["adopted"], "通过日期"
        )
        revisions = (village.document or {}).get("rules_revisions") or []
        yield from check_dates_in_order(
            village, revisions, "date", ("rules_revisions",), "修订记录"
        )
        for i, revision in enumerate(revisions):
            at = ("rules_revisions", i, "date")
            if revision["date"] < rules["adopted"]:
                yield end_before_start(
                    village, at, ("修订日期", revision["date"]), ("通过日期", rules["adopted"])
                )
            yield from check_not_future(index, village, at, revision["date"], "修订日期")


def check_pairings(index: Index) -> Iterator[Problem]:
    seen: dict[frozenset[str], str] = {}
    for branch in sorted(index.valid("branch"), key=lambda b: str(b.id)):
        for i, pairing in enumerate((branch.document or {}).get("pairings") or []):
            partner = pairing["partner"]
            pair = frozenset((str(branch.id), partner))
            if partner == branch.id:
                yield found(branch, ("pairings", i, "partner"), "pairing.self")
            elif pair in seen:
                yield found(branch, ("pairings", i, "partner"), "pairing.twice", other=seen[pair])
            else:
                seen[pair] = str(branch.id)
