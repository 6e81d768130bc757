"""`type: integer`, `type: decimal` (an amount in yuan, at most two decimals) and `type: number`.

Each is read from its text exactly (an amount is a Decimal, never a float),
and each mistake staff make in typing a number has its own problem: digits
typed full-width, spaces, a leading zero, a thousands separator, 是 for 1,
a decimal in a count, a third decimal in an amount, too many digits.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import ClassVar

from generators.spec.types.base import INVALID, FieldType, shown

MAX_DIGITS = 15  # before the decimal point; more is a typing slip, and int() refuses 4300+
LIMIT = 10**MAX_DIGITS  # the same, as the JSON Schema's bound
_DIGITS = f"(0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"  # the whole part, as an ECMA-262 pattern
_NUMERIC = re.compile(r"[+-]?[0-9]+(\.[0-9]*)?")
_FULLWIDTH_DIGITS = re.compile("[０-９．，－]")
_YES_NO = {"true", "false", "yes", "no", "on", "off", "y", "n", "是", "否"}


CENT = Decimal("0.01")
FLOAT_NOISE = Decimal("1e-12")  # a float this close to a value in fen is that value


def _too_many_digits(text: str) -> bool:
    return len(text.lstrip("+-").split(".")[0]) > MAX_DIGITS


class NumericType(FieldType):
    """What the three have in common; each says the text it reads and how it names itself."""

    python: ClassVar[tuple[type, ...]] = (Decimal, int)
    not_python = (bool,)
    text: re.Pattern  # the loader's text of a value
    json_text: str  # the same as an ECMA-262 pattern, for a value an editor sees as a string
    what: str  # its name in a message about a value: 「¥1000」不是{what}
    json_type = "number"
    value_type, step = "float", 0.01  # the form editor's

    # -- reading ---------------------------------------------------------------

    def convert(self, text):
        if _NUMERIC.fullmatch(text) and _too_many_digits(text):
            return INVALID, ("value.too-many-digits", {"value": shown(text), "limit": MAX_DIGITS})
        if self.text.fullmatch(text):
            return self.value(text), None
        return INVALID, self.trouble(text)

    def value(self, text: str):
        return Decimal(text)

    def trouble(self, text: str) -> tuple[str, dict]:
        """Why a text is not a number of this type, as precisely as staff can act on it."""
        value = shown(text)
        if _FULLWIDTH_DIGITS.search(text):
            return "value.fullwidth", {"value": value}
        if text.strip() != text:
            return "value.spaces", {"value": value}
        if re.fullmatch(r"[+-]?0[0-9]+", text) and not _too_many_digits(text):
            return "value.leading-zero", {"value": value, "fixed": str(int(text))}
        if "," in text or "，" in text:
            return "value.thousands-separator", {"value": value}
        if text.lower() in _YES_NO:
            return "value.word-for-number", {"value": value, "what": self.what}
        return "value.not-number", {"value": value, "what": self.what}

    # -- the editors -----------------------------------------------------------

    def json_schema(self, spec, schema_of):
        """A number within the field's limits, or its text; one bound a side: yaml-language-server
        ignores `maximum` beside a numeric `exclusiveMaximum`."""
        number: dict = {"type": self.json_type}
        for rule, key, limit in (("min", "minimum", -LIMIT), ("max", "maximum", LIMIT)):
            value = getattr(spec, rule)
            if value is not None:
                number[key] = value
            else:
                number["exclusive" + key.capitalize()] = limit
        return {"anyOf": [number, {"type": "string", "pattern": self.json_text}]}

    def note(self, spec):
        return "" if spec.hint else f"填写{self.words}"

    def own_widget(self, spec, form, optional):
        out: dict = {"widget": "number", "value_type": self.value_type, "step": self.step}
        for rule in ("min", "max"):
            value = getattr(spec, rule)
            if value is not None:
                out[rule] = value if isinstance(value, (int, float)) else float(value)
        return out

    # -- tables ----------------------------------------------------------------

    table_type = "number"
    cell_format = "General"

    def table_constraints(self, spec):
        out = super().table_constraints(spec)
        for rule, key in (("min", "minimum"), ("max", "maximum")):
            value = getattr(spec, rule)
            if value is not None:
                out[key] = value
        return out

    def cell(self, spec, value):
        return value if isinstance(value, int) else float(value)

    def json_value(self, spec, value):
        return self.cell(spec, value)

    # -- the synthetic data ----------------------------------------------------

    def example(self, spec, name, sample):
        low = math.ceil(spec.min) if spec.min is not None else 0  # min: 0.01 → 1
        high = math.floor(spec.max) if spec.max is not None else low + 100
        return self.example_text(sample.rng.randint(low, high))

    def example_text(self, value: int) -> str:
        return str(value)


class IntegerType(NumericType):
    name = "integer"
    words = what = "整数"
    python = (int,)
    text = re.compile(r"[+-]?(0|[1-9][0-9]*)")
    json_text = f"^[+-]?{_DIGITS}$"
    json_type = "integer"
    value_type, step = "int", 1

    def value(self, text):
        return int(text)

    def trouble(self, text):
        if re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
            return "value.decimal-in-integer", {"value": shown(text)}
        return super().trouble(text)

    def skeleton(self, spec, today, start):
        return str(today.year) if spec.key == "year" else None

    table_type = "integer"
    cell_format = "0"


class DecimalType(NumericType):
    name = "decimal"
    words = "金额（元，最多两位小数）"
    what = "金额（元）"
    text = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?")
    json_text = f"^-?{_DIGITS}(\\.[0-9]{{1,2}})?$"

    def trouble(self, text):
        if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", text):
            return "value.too-many-decimals", {"value": shown(text)}
        return super().trouble(text)

    def example_text(self, value):
        return f"{value}.00"

    cell_format = "#,##0.00"

    def cell_text(self, spec, value):
        return f"{value:.2f}"

    def from_cell(self, spec, value):
        """An amount as the cell shows it to the fen: 386520.4 is 386520.40, and a formula's
        float noise (0.30000000000000004) is 0.30; a real third decimal stays, to be reported."""
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return super().from_cell(spec, value)
        exact = Decimal(repr(value))
        fen = exact.quantize(CENT)
        if abs(exact - fen) <= abs(exact) * FLOAT_NOISE:
            return f"{fen:.2f}", None
        return format(exact, "f"), None


class NumberType(NumericType):
    name = "number"
    words = what = "数字"
    text = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
    json_text = f"^-?{_DIGITS}(\\.[0-9]+)?$"
