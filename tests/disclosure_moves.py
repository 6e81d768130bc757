"""A published disclosure whose published date is corrected into the other year, so that its file
moves between the year folders disclosures/2024/ and disclosures/2025/."""

from __future__ import annotations

from conftest import DISCLOSURE

IN_2024 = "disclosures/2024/xikou-2025-q1-caiwu.yaml"
EARLY = {  # the minimal disclosure's review and decision, before either published date
    "date: 2025-04-02": "date: 2024-12-20",
    "date: 2025-04-05": "date: 2024-12-22",
    "date: 2025-04-08": "date: 2024-12-24",
    "date: 2025-01-05": "date: 2024-12-10",
    "date: 2025-01-08": "date: 2024-12-12",
}
DATE_CORRECTION = """  - date: {day}
    reason: 公开日期录入有误
    changes: 公开日期由 {old} 更正为 {new}
"""


def published_early(dataset, published: str, to: str = DISCLOSURE) -> None:
    """The minimal disclosure, reviewed in December 2024 and published on `published`, at `to`."""
    for old, new in EARLY.items():
        dataset.replace(DISCLOSURE, old, new)
    dataset.replace(DISCLOSURE, "published: 2025-04-10", f"published: {published}")
    if to != DISCLOSURE:
        dataset.move(DISCLOSURE, to)


def correct_the_date(dataset, path: str, old: str, new: str, day: str, to: str) -> None:
    """The published date corrected and the file moved to its new year folder, in one change."""
    dataset.replace(path, f"published: {old}", f"published: {new}")
    dataset.write(path, dataset.read(path) + DATE_CORRECTION.format(day=day, old=old, new=new))
    dataset.move(path, to)
