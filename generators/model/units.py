"""Which township a plan belongs to, and which unit a reference to a department names.

A township's department ids are its own: every township may have a `zhen-dangjianban`.
A reference names a department in one of two forms:

* in full, `<township id>/<department id>` (`hexi/zhen-dangjianban`): that township's;
* bare, `zhen-dangjianban`: the department of the referring record's own township (a
  task's is its plan's), or else the one township that has a department of that id.
  Where neither decides (several townships have it), the reference is ambiguous.

The model holds every department by its full form, so two townships' offices never mix.
A plan's township is the one it states (`township`), or the only township of a
one-township site; a county plan (`level: 县`) has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SEPARATOR = "/"
COUNTY_LEVEL = "县"


def full_id(township_id: str, department_id: str) -> str:
    return f"{township_id}{SEPARATOR}{department_id}"


def plan_township(plan: Mapping, township_ids: Iterable[str]) -> str | None:
    """The township a plan states, or the only one there is; None for a county plan."""
    if plan.get("township"):
        return plan["township"]
    if plan.get("level") == COUNTY_LEVEL:
        return None
    townships = sorted(township_ids)
    return townships[0] if len(townships) == 1 else None


@dataclass(frozen=True)
class Resolved:
    """What a unit reference names: its full id (a department's) or the id as written (a
    village's or organisation's); `townships` lists those it could mean when ambiguous, and
    `missing` says a full form names no department of that township."""

    unit: str
    townships: tuple[str, ...] = ()
    missing: bool = False

    @property
    def ambiguous(self) -> bool:
        return len(self.townships) > 1


class Departments:
    """Every township's department ids: which townships have a department of an id."""

    def __init__(self, by_township: Mapping[str, Iterable[str]]):
        self.by_township = {t: frozenset(ids) for t, ids in by_township.items()}
        holders: dict[str, list[str]] = {}
        for township, ids in sorted(self.by_township.items()):
            for department in ids:
                holders.setdefault(department, []).append(township)
        self.holders = {d: tuple(t) for d, t in holders.items()}

    def is_department(self, value: str) -> bool:
        return value in self.holders or SEPARATOR in value

    def resolve(self, value: str, township: str | None = None) -> Resolved:
        """A reference as the model holds it, read in the referring record's township."""
        if SEPARATOR in value:
            owner, department = value.split(SEPARATOR, 1)
            known = department in self.by_township.get(owner, ())
            return Resolved(value, missing=not known)
        holders = self.holders.get(value)
        if holders is None:
            return Resolved(value)
        if township in holders:
            return Resolved(full_id(township, value))
        if len(holders) == 1:
            return Resolved(full_id(holders[0], value))
        return Resolved(value, townships=holders)
