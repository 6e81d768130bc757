"""Problems found in the data: errors and warnings as plain values.

Every stage below the command line returns problems instead of printing or
raising. A problem carries a stable code, a position, the parameters of its
message, and the Chinese message and fix rendered from the code's entry in
the catalogue (generators/spec/catalogue.py). Make one with `problem()`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from types import MappingProxyType

from generators.privacy.personal import mask_text
from generators.spec.catalogue import CATALOGUE

ERROR = "error"
WARNING = "warning"

SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True)
class Problem:
    code: str  # stable, e.g. "yaml.duplicate-key"
    path: str  # file as shown to the user, posix separators
    line: int  # 1-based; a problem of the whole file is on line 1
    col: int  # 1-based
    message: str  # what is wrong, in Chinese
    fix: str = ""  # how to fix it, in Chinese
    severity: str = ERROR
    field: str = ""  # dotted key path, e.g. "leaders.secretary"
    label: str = ""  # Chinese label of the field, e.g. "党组织书记"
    params: Mapping = dataclass_field(default_factory=lambda: MappingProxyType({}), compare=False)

    def __post_init__(self) -> None:
        # Build logs are public: no personal number is ever quoted whole, wherever it stands.
        for name in ("path", "message", "fix", "field", "label"):
            value = getattr(self, name)
            masked = mask_text(value)
            if masked != value:
                object.__setattr__(self, name, masked)
        object.__setattr__(
            self, "params", MappingProxyType({k: _masked(v) for k, v in self.params.items()})
        )
        # GitHub attaches an annotation to a line only: a whole-file problem goes on the first.
        if self.line < 1:
            object.__setattr__(self, "line", 1)
        if self.col < 1:
            object.__setattr__(self, "col", 1)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __hash__(self) -> int:
        return hash(
            (
                self.code,
                self.path,
                self.line,
                self.col,
                self.message,
                self.fix,
                self.severity,
                self.field,
                self.label,
            )
        )

    def as_dict(self) -> dict:
        """Every attribute, as JSON values."""
        return {
            f.name: (dict(self.params) if f.name == "params" else getattr(self, f.name))
            for f in fields(self)
        }

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.field, self.message)

    def text(self) -> str:
        """One line: path:line:col: 错误 CODE 字段「标签」：message — fix"""
        where = f"{self.path}:{self.line}:{self.col}"
        field = f" 字段「{self.label or self.field}」" if (self.label or self.field) else ""
        fix = f" — {self.fix}" if self.fix else ""
        line = f"{where}: {SEVERITY_LABELS[self.severity]} {self.code}{field}：{self.message}{fix}"
        # Typed values quoted in a message may hold line breaks; a problem stays one line.
        return line.replace("\r", "\\r").replace("\n", "\\n")


def _masked(value: object) -> object:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    return value


def problem(
    code: str, path: str, line: int, col: int, *, field: str = "", label: str = "", **params: object
) -> Problem:
    """A problem of a catalogued code: its severity, message and fix from the catalogue.

    Parameters are text, numbers or lists of them; any personal number in them
    is masked before they reach the message."""
    entry = CATALOGUE[code]
    params = {key: _masked(value) for key, value in params.items()}
    message, fix = entry.render(params)
    return Problem(code, path, line, col, message, fix, entry.severity, field, label, params)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=Problem.sort_key)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def summary_line(problems: Collection[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return "检查通过：没有发现错误或警告。"
    return f"共 {errors} 个错误，{warnings} 个警告。"


def format_text(problems: Collection[Problem]) -> str:
    lines = [p.text() for p in problems]
    lines.append(summary_line(problems))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Collection[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    out = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        props = f"file={_escape_property(p.path)}"
        if p.line:
            props += f",line={p.line}"
        if p.col:
            props += f",col={p.col}"
        props += f",title={_escape_property(p.code)}"
        body = p.text().split(": ", 1)[1]
        out.append(f"::{kind} {props}::{_escape_data(body)}")
    out.append(summary_line(problems))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def format_step_summary(problems: Collection[Problem]) -> str:
    """Markdown table for GITHUB_STEP_SUMMARY."""
    lines = ["## 数据检查结果", "", summary_line(problems), ""]
    if problems:
        lines += [
            "| 级别 | 文件 | 行 | 列 | 代码 | 字段 | 问题 | 修改方法 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for p in problems:
            cells = [
                SEVERITY_LABELS[p.severity],
                p.path,
                str(p.line),
                str(p.col),
                p.code,
                p.label or p.field,
                p.message,
                p.fix,
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def format_json(problems: Collection[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    report = {
        "ok": errors == 0,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
