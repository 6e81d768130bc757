"""Rules across records, one module per kind of record (as Pelican has a generator per kind of
content), and the one list of them.

Each rule of CHECKS reads the records of a data folder (index.Index) and yields
problems; none stops at the first. The rules of MODEL_CHECKS are computed on
the model of records that are consistent (check.validate.check_model).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generators.check.rules import (
    appraisals,
    branches,
    deliberations,
    disclosures,
    findings,
    grids,
    ids,
    meetings,
    new_orgs,
    oversight,
    pairings,
    plans,
    pledges,
    points,
    recruitment,
    townships,
    trainings,
    venues,
    villages,
)
from generators.check.rules.index import Index
from generators.spec.problems import Problem

if TYPE_CHECKING:  # validate imports the rules; the model is built from them
    from generators.check.validate import RecordFile
    from generators.model.site import Site

CHECKS = (
    ids.check_ids,
    ids.check_references,
    branches.check_branch_tree,
    plans.check_tasks,
    disclosures.check_catalogues,
    disclosures.check_disclosures,
    branches.check_branches,
    villages.check_villages,
    townships.check_sample_dates,
    townships.check_county_names,
    plans.check_plans,
    meetings.check_meetings,
    new_orgs.check_new_orgs,
    pledges.check_pledges,
    grids.check_grids,
    findings.check_findings,
    deliberations.check_deliberations,
    venues.check_venues,
    oversight.check_oversight,
    pairings.check_village_rules,
    pairings.check_pairings,
    trainings.check_trainings,
    appraisals.check_appraisals,
    recruitment.check_recruitment,
    points.check_points,
)

MODEL_CHECKS = (plans.check_targets,)


def cross_record(records: list[RecordFile], today: dt.date) -> list[Problem]:
    """The problems the rules across records find (CHECKS)."""
    index = Index(records, today)
    found: list[Problem] = []
    for check in CHECKS:
        found.extend(check(index))
    return found


def model_rules(site: Site, records: list[RecordFile]) -> list[Problem]:
    """The problems of the rules computed on the model of consistent records (MODEL_CHECKS)."""
    return [problem for check in MODEL_CHECKS for problem in check(site, records)]
