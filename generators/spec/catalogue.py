"""The catalogue of problem codes: each declared once, in generators/spec/catalogue/*.yaml.

An entry gives a code its severity, a short Chinese title, templates for the
message and the fix (Jinja2, with named parameters), an explanation, and an
example: a bad way of writing a record and its correction. The example is
executable: tests/test_catalogue.py applies it to the minimal dataset and
checks that the code is reported, and that the correction is clean.

`python -m generators explain CODE` prints an entry; the site's 错误代码说明
page lists them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import jinja2
import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
SEVERITIES = ("error", "warning")
AREAS = {
    "file": "文件",
    "encoding": "编码",
    "text": "字符",
    "yaml": "YAML 格式",
    "schema": "字段",
    "value": "取值",
    "date": "日期",
    "id": "编号",
    "ref": "引用",
    "task": "任务",
    "disclosure": "公开",
    "finance": "财务",
    "catalogue": "公开目录",
    "review": "审核流程",
    "decision": "四议两公开",
    "meetings": "组织生活",
    "members": "党员人数",
    "committee": "班子",
    "term": "任期",
    "rectification": "软弱涣散整顿",
    "finding": "问题整改",
    "economy": "集体经济",
    "new-org": "两新组织",
    "pledge": "承诺践诺评诺",
    "grid": "网格",
    "deliberation": "议事协商",
    "venue": "阵地",
    "oversight": "村务监督",
    "pairing": "结对共建",
    "training": "培训",
    "appraisal": "述职评议",
    "recruitment": "发展党员",
    "points": "党员积分",
    "privacy": "个人信息",
    "published": "已公开的内容",
    "target": "量化目标",
    "site": "网站",
    "import": "导入",
}
EXAMPLE_KINDS = frozenset({"replace", "write", "move", "symlink", "fifo", "site", "none"})

_templates = jinja2.Environment(
    undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
)


class CatalogueError(ValueError):
    """A catalogue file that breaks the rules above."""


@dataclass(frozen=True)
class Entry:
    code: str
    severity: str
    title: str
    message: str  # Jinja2 template
    fix: str  # Jinja2 template
    explain: str
    example: Mapping = field(default_factory=lambda: MappingProxyType({}))

    @property
    def area(self) -> str:
        return self.code.split(".", 1)[0]

    @cached_property
    def _message(self) -> jinja2.Template:
        return _templates.from_string(self.message)

    @cached_property
    def _fix(self) -> jinja2.Template:
        return _templates.from_string(self.fix)

    def render(self, params: Mapping) -> tuple[str, str]:
        """(message, fix) with the parameters filled in."""
        return self._message.render(params).strip(), self._fix.render(params).strip()


SEVERITY_NAMES = {"error": "错误", "warning": "警告"}


def illustration(entry: Entry) -> list[tuple[str, str]]:
    """The example for staff: (heading, text) pairs, e.g. ("错误写法（data/villages/xikou.yaml）", "grids: 3…").

    Its numbers are fictional, but shown like any other: a personal number masked."""
    from generators.privacy.personal import mask_text

    return [(heading, mask_text(text)) for heading, text in _illustration(entry)]


def _illustration(entry: Entry) -> list[tuple[str, str]]:
    example = entry.example
    kind = example.get("kind", "replace")
    where = f"data/{example.get('file', '')}"
    if kind == "replace":
        return [
            (f"错误写法（{where}）", example["bad"].rstrip("\n") or "（删掉了这几行）"),
            ("正确写法", example["good"].rstrip("\n")),
        ]
    if kind == "write":
        text = example.get("text")
        if text is not None and example.get("repeat", 1) == 1:
            return [(f"错误写法（{where}）", text.rstrip("\n"))]
        what = {"utf-16": "用 UTF-16 编码保存", "gbk": "用 GBK 编码保存"}.get(
            example.get("encoding", ""), ""
        )
        return [("错误写法", f"{where}：{what or '文件内容如上所述'}")]
    if kind == "move":
        return [("错误写法", f"文件放在 data/{example['to']}"), ("正确写法", f"文件放在 {where}")]
    if kind == "symlink":
        return [("错误写法", f"{where} 是指向 data/{example['target']} 的符号链接")]
    if kind == "fifo":
        return [("错误写法", f"{where} 是一个管道文件")]
    if kind == "site":
        return [("网页里的内容", example["page"])]
    return [("说明", example.get("reason", ""))]


def explain_text(entry: Entry) -> str:
    """What `python -m generators explain CODE` prints."""
    lines = [f"{entry.code} {SEVERITY_NAMES[entry.severity]}：{entry.title}", "", entry.explain, ""]
    for heading, text in illustration(entry):
        lines.append(f"{heading}：")
        lines.extend("    " + line for line in text.split("\n"))
        lines.append("")
    return "\n".join(lines)


def _entry(code: str, raw: object, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: {code}: an entry is a mapping")
    area, dot, what = code.partition(".")
    if not dot or area not in AREAS or not what or code != code.lower() or " " in code:
        raise CatalogueError(
            f"{where}: {code}: a code is <area>.<what>, area one of {sorted(AREAS)}"
        )
    missing = {"severity", "title", "message", "fix", "explain", "example"} - set(raw)
    if missing:
        raise CatalogueError(f"{where}: {code}: missing {sorted(missing)}")
    if raw["severity"] not in SEVERITIES:
        raise CatalogueError(f"{where}: {code}: severity is one of {SEVERITIES}")
    example = raw["example"]
    if not isinstance(example, dict) or example.get("kind", "replace") not in EXAMPLE_KINDS:
        raise CatalogueError(f"{where}: {code}: example.kind is one of {sorted(EXAMPLE_KINDS)}")
    if example.get("kind") == "none" and not (example.get("reason") and example.get("test")):
        raise CatalogueError(
            f"{where}: {code}: an example of kind none gives its reason and the test reaching it"
        )
    entry = Entry(
        code,
        raw["severity"],
        str(raw["title"]),
        str(raw["message"]),
        str(raw["fix"]),
        str(raw["explain"]).strip(),
        MappingProxyType(dict(example)),
    )
    try:
        entry._message, entry._fix  # noqa: B018 - compiled now, so a broken template fails at load
    except jinja2.TemplateSyntaxError as exc:
        raise CatalogueError(f"{where}: {code}: {exc}") from None
    return entry


def load(directory: Path = CATALOGUE_DIR) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            raw = yaml.safe_load(f) or {}
        for code, value in raw.items():
            if code in entries:
                raise CatalogueError(f"{path.name}: {code} is declared twice")
            entries[code] = _entry(code, value, path.name)
    return entries


class _Catalogue(Mapping):
    """All entries, read on first use."""

    @cached_property
    def _entries(self) -> dict[str, Entry]:
        return load()

    def __getitem__(self, code: str) -> Entry:
        return self._entries[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


CATALOGUE: Mapping[str, Entry] = _Catalogue()
