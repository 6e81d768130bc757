"""Townships: the sample date (示例数据日期) is the whole data folder's; a township's county is
the county record's."""

from __future__ import annotations

from collections.abc import Iterator

from generators.check.rules.index import Index, found
from generators.spec.problems import Problem


def check_sample_dates(index: Index) -> Iterator[Problem]:
    """Every township states the same sample date, or none. Each township that states a date
    another township does not share is named, on that line."""
    townships = sorted(index.valid("township"), key=lambda r: r.relative.as_posix())
    stated = [(r, r.document.get("sample_date")) for r in townships]
    for record, date in stated:
        other = next(((o, d) for o, d in stated if d != date), None)
        if date is not None and other is not None:
            yield found(
                record,
                ("sample_date",),
                "date.sample-differs",
                date=str(date),
                other=str(other[1]) if other[1] else "未填写",
                other_file=other[0].relative.as_posix(),
            )


def check_county_names(index: Index) -> Iterator[Problem]:
    """Every township's `county` is the county record's name, when there is a county record
    (the pages print it beside the township's name, and the site is named after the county)."""
    counties = sorted(index.valid("county"), key=lambda r: r.relative.as_posix())
    if not counties:
        return
    county = counties[0]
    name = county.document["name"]
    for township in sorted(index.valid("township"), key=lambda r: r.relative.as_posix()):
        stated = township.document.get("county")
        if stated is not None and stated != name:
            yield found(
                township,
                ("county",),
                "ref.township-county",
                township=township.document["name"],
                value=stated,
                county=name,
                file=county.relative.as_posix(),
            )
