"""A quarter's last day: organisational life, deliberation and training judge it by one rule
(periods.Period.closed_by). On the quarter's last day it is still open, so nothing is short
or due yet; the next day it is over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_village_life import REQUIREMENT

from generators.check.validate import validate
from generators.model.compliance import Compliance
from generators.model.deliberation import DeliberationRhythm
from generators.model.periods import QUARTER, period_containing
from generators.model.site import build_model
from generators.model.training_targets import quarters_due
from generators.spec.registry import REGISTRY

LAST_DAY = dt.date(2025, 12, 31)
NEXT_DAY = dt.date(2026, 1, 1)


def test_a_quarter_closes_the_day_after_its_last_day():
    q4 = period_containing(QUARTER, LAST_DAY)
    assert (q4.closed_by(LAST_DAY), q4.closed_by(NEXT_DAY)) == (False, True)
    assert quarters_due(2025, LAST_DAY) == [1, 2, 3]
    assert quarters_due(2025, NEXT_DAY) == [1, 2, 3, 4]
    assert quarters_due(2025, dt.date(2025, 3, 31)) == []
    assert quarters_due(2025, dt.date(2025, 4, 1)) == [1]


@pytest.mark.parametrize(("day", "is_open"), [(LAST_DAY, True), (NEXT_DAY, False)])
def test_meetings_deliberation_and_training_agree_on_the_last_day(dataset, day, is_open):
    township = "townships/qingxi.yaml"
    dataset.write(township, dataset.read(township) + REQUIREMENT)
    validation = validate(Path("data"), LAST_DAY)
    assert not [p.text() for p in validation.problems if p.is_error]
    site = build_model(validation.records, day, {}, REGISTRY)

    branch = site.branches["xikou-dangzhibu"]
    grids = Compliance(site).meeting_grids(branch, 2025)
    quarterly = next(g for g in grids if g.rhythm == "每季度")
    last_period, cells = quarterly.rows[-1]
    assert (last_period.code, {c.open for c in cells}) == ("2025-Q4", {is_open})

    grid = DeliberationRhythm(site).grid(site.villages["xikou"], 2025)
    last_period, (cell,) = grid.rows[-1]
    assert (last_period.code, cell.open) == ("2025-Q4", is_open)

    assert (4 in quarters_due(2025, site.today)) is not is_open
