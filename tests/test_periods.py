"""Periods and due dates: the calendar rules every compliance state rests on."""

from __future__ import annotations

import datetime as dt

import pytest

from generators.model.compliance import (
    DUE_SOON,
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    due_date,
    state_of,
)
from generators.model.periods import (
    DAY,
    HALF,
    MONTH,
    QUARTER,
    YEAR,
    parse,
    period_containing,
    periods_from,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "code, start, end, kind, label",
    [
        ("2025-01", "2025-01-01", "2025-01-31", MONTH, "2025年1月"),
        ("2025-02", "2025-02-01", "2025-02-28", MONTH, "2025年2月"),
        ("2024-02", "2024-02-01", "2024-02-29", MONTH, "2024年2月"),  # leap year
        ("2100-02", "2100-02-01", "2100-02-28", MONTH, "2100年2月"),  # a century, not a leap year
        ("2000-02", "2000-02-01", "2000-02-29", MONTH, "2000年2月"),  # divisible by 400: leap
        ("2025-04", "2025-04-01", "2025-04-30", MONTH, "2025年4月"),
        ("2025-12", "2025-12-01", "2025-12-31", MONTH, "2025年12月"),
        ("2025-Q1", "2025-01-01", "2025-03-31", QUARTER, "2025年第一季度"),
        ("2025-Q2", "2025-04-01", "2025-06-30", QUARTER, "2025年第二季度"),
        ("2025-Q3", "2025-07-01", "2025-09-30", QUARTER, "2025年第三季度"),
        ("2025-Q4", "2025-10-01", "2025-12-31", QUARTER, "2025年第四季度"),
        ("2025-H1", "2025-01-01", "2025-06-30", HALF, "2025年上半年"),
        ("2025-H2", "2025-07-01", "2025-12-31", HALF, "2025年下半年"),
        ("2025", "2025-01-01", "2025-12-31", YEAR, "2025年"),
        ("2024-02-29", "2024-02-29", "2024-02-29", DAY, "2024年2月29日"),
        ("2025-10-18", "2025-10-18", "2025-10-18", DAY, "2025年10月18日"),
    ],
)
def test_a_period_has_its_days_and_its_chinese_name(code, start, end, kind, label):
    period = parse(code)
    assert period is not None
    assert (period.start, period.end, period.kind, period.label, period.code) == (
        D(start),
        D(end),
        kind,
        label,
        code,
    )


def test_a_periods_search_key_is_one_word_that_begins_the_keys_of_the_periods_within_it():
    periods = {
        code: parse(code) for code in ("2025", "2025-Q3", "2025-H2", "2025-10", "2025-10-18")
    }
    keys = {code: period.search_key for code, period in periods.items() if period is not None}
    assert keys == {
        "2025": "qj2025",
        "2025-Q3": "qj2025q3",
        "2025-H2": "qj2025h2",
        "2025-10": "qj202510",
        "2025-10-18": "qj20251018",
    }
    assert all(key.isascii() and key.isalnum() for key in keys.values())
    yearless = {code: period.search_keys[1:] for code, period in periods.items() if period}
    assert yearless == {
        "2025": (),
        "2025-Q3": ("qjq3",),
        "2025-H2": ("qjh2",),
        "2025-10": (),
        "2025-10-18": (),
    }
    assert keys["2025-10-18"].startswith(keys["2025-10"]) and keys["2025-10"].startswith(
        keys["2025"]
    )


@pytest.mark.parametrize(
    "code", ["2025-02-29", "2025-13", "2025-Q5", "2025-H3", "25-Q1", "2025-q1", "", "2025-1"]
)
def test_what_is_no_period(code):
    assert parse(code) is None


@pytest.mark.parametrize(
    "kind, first, last, codes",
    [
        (QUARTER, "2025-07-01", "2025-12-31", ["2025-Q3", "2025-Q4"]),
        (
            QUARTER,
            "2025-08-15",
            "2026-01-01",
            ["2025-Q3", "2025-Q4", "2026-Q1"],
        ),  # effective mid-quarter: that quarter counts
        (MONTH, "2025-11-30", "2026-02-01", ["2025-11", "2025-12", "2026-01", "2026-02"]),
        (HALF, "2025-06-30", "2025-07-01", ["2025-H1", "2025-H2"]),
        (YEAR, "2024-12-31", "2026-01-01", ["2024", "2025", "2026"]),
        (
            QUARTER,
            "2026-01-01",
            "2025-12-31",
            [],
        ),  # takes effect after the build date: nothing due yet
    ],
)
def test_periods_from_the_effective_date_to_the_build_date(kind, first, last, codes):
    assert [p.code for p in periods_from(kind, D(first), D(last))] == codes


@pytest.mark.parametrize(
    "code, due_days, due",
    [
        ("2025-01", 10, "2025-02-10"),
        ("2025-02", 10, "2025-03-10"),
        ("2024-02", 10, "2024-03-10"),  # from the 29th
        ("2024-02", 1, "2024-03-01"),
        ("2025-02", 1, "2025-03-01"),
        ("2025-Q1", 10, "2025-04-10"),
        ("2025-Q4", 10, "2026-01-10"),  # the year turns
        ("2025-12", 31, "2026-01-31"),
        ("2025-H1", 15, "2025-07-15"),
        ("2025", 30, "2026-01-30"),
        ("2025", 0, "2025-12-31"),  # due the day the period ends
        ("2025-07-22", 7, "2025-07-29"),  # an event: days after the event
        ("2024-02-28", 1, "2024-02-29"),
    ],
)
def test_due_dates(code, due_days, due):
    period = parse(code)
    assert period is not None
    assert due_date(period, due_days) == D(due)


DUE = D("2025-10-10")


@pytest.mark.parametrize(
    "published, today, state, days",
    [
        ("2025-10-10", "2025-12-31", ON_TIME, 0),  # on the last day: on time
        ("2025-10-01", "2025-12-31", ON_TIME, 0),
        ("2025-09-28", "2025-09-29", ON_TIME, 0),  # early, before the period ended
        ("2025-10-11", "2025-12-31", LATE, 1),
        ("2025-12-31", "2025-12-31", LATE, 82),
        (None, "2025-10-11", MISSING, 1),
        (None, "2025-12-31", MISSING, 82),
        (None, "2025-10-10", DUE_SOON, 0),  # the last day: still due soon, not late
        (None, "2025-10-03", DUE_SOON, 7),
        (None, "2025-10-02", NOT_DUE, 8),
        (None, "2025-07-01", NOT_DUE, 101),
    ],
)
def test_states_at_the_build_date(published, today, state, days):
    assert state_of(DUE, published and D(published), D(today)) == (state, days)


def test_a_period_knows_the_next_one_across_years():
    assert period_containing(QUARTER, D("2025-11-05")).next().code == "2026-Q1"
    assert period_containing(MONTH, D("2024-12-31")).next().code == "2025-01"
    assert period_containing(HALF, D("2025-12-31")).next().code == "2026-H1"
