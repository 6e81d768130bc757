"""One form for amounts, numbers and ratings (generators/render/formats.py), wherever they are printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generators.history import difference
from generators.model import targets as metrics
from generators.render import charts, formats
from generators.render import pages as render


def test_amounts_to_the_fen_with_separators():
    assert formats.money(Decimal("12600")) == "12,600.00"
    assert formats.money("1234567.5") == "1,234,567.50"
    assert formats.yuan(Decimal("0.5")) == "0.50 元"
    with pytest.raises(TypeError):
        formats.money(0.1)


def test_numbers_and_values_in_their_unit():
    assert formats.number(Decimal("2.50")) == "2.5"
    assert formats.number(Decimal("100")) == "100"
    assert formats.number(Decimal("1E+1")) == "10"
    assert formats.amount(Decimal("50000"), "元") == "50,000.00 元"
    assert formats.amount(Decimal("85.0"), "%") == "85%"
    assert formats.amount(Decimal("2"), "倍") == "2倍"


def test_ratings_in_the_township_scale():
    r = {"stars": 5, "year": 2025, "grade": "好"}
    assert formats.rating(r) == "五星（2025）"
    assert formats.rating({"stars": 3, "year": 2024}, with_year=False) == "三星"
    assert formats.rating(r, "A级") == "5A（2025）"
    assert formats.rating(r, "分类定级") == "好（2025）"
    assert formats.rating({"stars": 4, "year": 2025}, "分类定级") == "—（2025）"
    assert formats.rating(None) == "—"


def test_every_printer_uses_the_one_form():
    assert str(render.money(Decimal("12600"))) == "12,600.00"
    assert str(render.amount(Decimal("85"), "%")) == "85&#37;"  # the unit as typed, escaped
    assert str(render.amount(Decimal("50000"), "元")) == "50,000.00 元"
    assert charts.amount(Decimal("50000"), "元") == "50,000.00 元"
    assert difference._money("12600") == "12,600.00 元"
    assert metrics.yuan is formats.yuan


def test_amounts_typed_in_running_text_are_grouped_as_tables_show_them():
    """Only the grouping changes: every digit and decimal stays as typed; years, phone numbers and
    amounts already grouped are left alone."""
    assert (
        formats.prose("本月收入合计82266.67元，支出合计117796.81元。")
        == "本月收入合计82,266.67元，支出合计117,796.81元。"
    )
    assert (
        formats.prose("最低为岭下村61250元，每人每月1180 元")
        == "最低为岭下村61,250元，每人每月1,180 元"
    )
    assert formats.prose("补助 1500万元") == "补助 1,500万元"
    for unchanged in (
        "2025年收入 950元",
        "电话 0579-88601302",
        "已付 60,000.00元",
        "编号 20251208，金额另计",
        "0123元",
    ):
        assert formats.prose(unchanged) == unchanged
