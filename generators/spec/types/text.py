"""`type: string`: text, never blank; a reference to another record is one too (`ref:`)."""

from __future__ import annotations

import datetime as dt
import re

from generators.spec.types.base import INVALID, FieldType, choice_widget

# A day as Excel may hold it, and the month it could have been typed as: 2025-10 becomes 2025-10-01.
_ISO_DAY, _ISO_MONTH = "2025-10-01", "2025-10"

LONG_TEXT = 200  # a text allowed this long or longer gets a multi-line box in the form editor
# Texts an editor reads as a number or a boolean: does a text field's pattern take such values?
_NUMBER_LIKE = ("0", "1", "7", "12", "2025", "20250101", "1.5", "0.5", "-1")
_BOOLEAN_LIKE = ("true", "false")


class StringType(FieldType):
    name = "string"
    words = "文字"
    python = (str,)
    holds_text = True

    def convert(self, text):
        if not text.strip():
            return INVALID, ("value.blank", {})
        return text, None

    def json_schema(self, spec, schema_of):
        """Any non-blank text, or the field's pattern; also a number or a boolean where the
        pattern admits one (`period: 2025`), which a YAML 1.2 editor reads as such."""
        out: dict = {}
        if spec.allowed is not None:
            out["enum"] = [str(value) for value in spec.allowed]
            return {"type": "string", **out}
        out["pattern"] = f"^(?:{spec.regex})$" if spec.regex is not None else "\\S"  # not blank
        if spec.minlength is not None:
            out["minLength"] = spec.minlength
        if spec.maxlength is not None:
            out["maxLength"] = spec.maxlength
        others = _also_read_as(spec.regex)
        if not others:
            return {"type": "string", **out}
        return {
            "anyOf": [
                {"type": "string", **out},
                {"type": others[0] if len(others) == 1 else others},
            ]
        }

    def widget(self, spec, form, optional):
        if spec.ref:
            return form.reference(spec, False)
        return super().widget(spec, form, optional)

    def own_widget(self, spec, form, optional):
        out: dict = {"widget": "text" if (spec.maxlength or 0) >= LONG_TEXT else "string"}
        if spec.regex:
            out["pattern"] = [f"^(?:{spec.regex})$", spec.hint or f"{spec.label}的写法不对"]
        return out

    def picker(self, spec, form, multiple):
        if spec.ref:
            return form.reference(spec, multiple)
        if spec.allowed:
            return choice_widget(spec.allowed, multiple)
        return None

    def table_constraints(self, spec):
        out = super().table_constraints(spec)
        if spec.allowed is None and spec.regex is not None:
            out["pattern"] = spec.regex
        if spec.maxlength is not None:
            out["maxLength"] = spec.maxlength
        return out

    def from_date_cell(self, spec, value):
        """A day in a text field whose pattern takes days (a deadline); where it also takes a
        month (a period: 2025-10 or 2025-10-18), Excel may have read a month as its first day."""
        takes = re.compile(spec.regex).fullmatch if spec.regex else None
        if (
            takes is not None
            and takes(_ISO_DAY)
            and not takes(_ISO_MONTH)
            and value.time() == dt.time()
        ):
            return value.date().isoformat(), None
        return super().from_date_cell(spec, value)

    def example(self, spec, name, sample):
        text = f"示例{spec.label or name}{sample.rng.randint(1, 99)}"
        return sample.quote(text[: spec.maxlength] if spec.maxlength else text)


def _also_read_as(regex: str | None) -> list[str]:
    """The JSON types besides a string that a YAML editor may read from a text the pattern takes."""
    pattern = re.compile(regex) if regex else None
    return [
        kind
        for kind, texts in (("number", _NUMBER_LIKE), ("boolean", _BOOLEAN_LIKE))
        if pattern is None or any(pattern.fullmatch(t) for t in texts)
    ]
