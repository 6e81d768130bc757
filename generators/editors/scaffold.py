"""`python -m generators new TYPE`: a new record started from its schema.

The file holds every required field, each under a Chinese comment (label,
hint, allowed values). What the tool knows it fills: the id (given, or made
from the name in pinyin), the name, the year, today's date (Beijing) in every
date field, and whatever `--set field=value` gives. What it cannot know stays
empty, and `validate` then names each such field (schema.empty); with the
values given, the record is valid as written. It writes one new file where
the registry says the type lives, and never replaces one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pypinyin import lazy_pinyin

from generators.editors.json_schema import field_note
from generators.spec.fields import Field, dotted
from generators.spec.registry import REGISTRY, RecordType, Registry
from generators.spec.types import SettingError

# A type's files in a folder named by one of its values (registry patterns with a second `*`).
FOLDER_OF = {
    "task": lambda record: record.get("plan"),
    "disclosure": lambda record: (record.get("published") or "")[:4] or None,
}
_PLAIN = re.compile(r"[^\s#:'\"\[\]{},&*!|>%@`?\-][^#\n]*")


class ScaffoldError(ValueError):
    """A request `new` cannot carry out; its text is the Chinese message for staff."""


def scaffold_options(parser: argparse.ArgumentParser) -> None:
    # Imported here: the command line imports this module, and this one must import without it.
    from generators.cli.arguments import date_argument

    names = "、".join(f"{t.name}（{t.label}）" for t in REGISTRY)
    parser.add_argument("type", metavar="TYPE", help=f"记录类型：{names}")
    parser.add_argument(
        "--name", help='名称或标题（中文），例如 "下坪村2025年第四季度财务公开"；编号按它的拼音生成'
    )
    parser.add_argument(
        "--id", help="编号（小写拼音字母、数字和连字符）；不填则由 --name 的拼音生成"
    )
    parser.add_argument(
        "--plan", help="所属实施方案的编号（新建任务时必填，任务文件放在 tasks/<方案编号>/ 下）"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="字段=值",
        help="直接填写一个字段，可重复，例如 --set category=财务 --set review[0].by=下坪村党支部；"
        "列表字段用逗号分隔多个值",
    )
    parser.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    parser.add_argument(
        "--today", type=date_argument, default=None, help="日期字段填这一天（默认今天，北京时间）"
    )


@dataclass
class Made:
    path: Path
    record_type: RecordType
    empty: list[str]  # labels of the fields left to fill

    def report(self) -> str:
        lines = [f"已新建{self.record_type.label}记录：{self.path.as_posix()}", "下一步："]
        if self.empty:
            lines.append("  1. 打开这个文件，按每个字段上方 # 开头的说明填写空着的字段：")
            lines += [f"       - {label}" for label in self.empty]
        else:
            lines.append("  1. 打开这个文件，核对已填写的内容（# 开头的行是说明，可以保留）")
        lines.append("  2. 运行 python -m generators validate 检查，按提示改正")
        lines.append("  3. 检查通过后提交（git add 和 git commit）")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# the record's values


def skeleton(spec: Field, today: dt.date):
    """The value a new record starts with: every required field; None where staff must fill."""
    return spec.kind.skeleton(spec, today, lambda sub: skeleton(sub, today))


def _parts(path: str) -> list:
    parts = []
    for name, index in re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", path):
        parts.append(int(index) if index else (int(name) if name.isdigit() else name))
    return parts


def put(record: dict, root: Field, path: str, text: str, today: dt.date) -> None:
    """Sets the value at a dotted path (review[0].by), making the items a list needs on the way."""
    parts = _parts(path)
    if not parts or not isinstance(parts[0], str):
        raise ScaffoldError(
            f"用法错误：--set {path}={text} 的字段写得不对，应写成 字段=值，例如 --set category=财务"
        )
    spec, node = root, record
    for i, part in enumerate(parts):
        sub = spec.child(part)
        if sub is None:
            here, tried = dotted(tuple(parts[:i])), dotted(tuple(parts[: i + 1]))
            raise ScaffoldError(f"用法错误：{spec.kind.no_part(spec, here, tried)}")
        last = i == len(parts) - 1
        if isinstance(part, int):
            while len(node) <= part:
                # node is the list an index names (node[part] of the step before), not the record
                node.append(skeleton(sub, today))  # type: ignore[attr-defined]
        elif node.get(part) is None and not last:
            node[part] = skeleton(sub, today)
        if last:
            try:
                node[part] = sub.kind.from_setting(sub, text, dotted(tuple(parts)))
            except SettingError as exc:
                raise ScaffoldError(f"用法错误：{exc}") from None
        spec, node = sub, node[part]


def pinyin_id(name: str) -> str:
    """An id from a Chinese name: the pinyin of each run of Chinese, digits and letters as they are.

    「下坪村2025年第四季度财务公开」→ xiapingcun-2025-niandisijiducaiwugongkai"""
    runs: list[str] = []
    for piece in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", name):
        if re.fullmatch(r"[A-Za-z0-9]+", piece):
            runs.append(piece.lower())
        else:
            runs.append("".join(lazy_pinyin(piece)).lower())
    return "-".join(
        run for run in ("".join(c for c in r if c.isascii() and c.isalnum()) for r in runs) if run
    )


# ---------------------------------------------------------------------------
# YAML text with a comment over every field


def scalar(text: str) -> str:
    """A value as YAML text: plain where that reads back the same, else double-quoted (a JSON string is one)."""
    if (
        _PLAIN.fullmatch(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(spec: Field, indent: str) -> list[str]:
    need = ("必填" if spec.required else "选填") + spec.kind.minimum_note(spec)
    note = field_note(spec)
    return [f"{indent}# {spec.label or spec.key}（{need}）" + (f"。{note}" if note else "")]


def emit(spec: Field, value: dict, indent: str = "") -> list[str]:
    lines: list[str] = []
    for name, sub in spec.fields.items():
        if name not in value:
            continue
        lines += _comment(sub, indent)
        lines += _entry(f"{indent}{name}:", sub, value[name], indent)
    return lines


def _entry(head: str, spec: Field, value, indent: str) -> list[str]:
    if value is None:
        return [head]
    if isinstance(value, str):
        return [f"{head} {scalar(value)}"]
    if isinstance(value, dict):
        return [head, *emit(spec, value, indent + "  ")] if value else [f"{head} {{}}"]
    if not value:
        return [f"{head} []"]
    lines = [head]
    for item in value:
        if isinstance(item, dict):
            assert spec.item is not None, "a list's field describes its items"
            body = emit(spec.item, item, indent + "    ")
            first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
            lines += [
                f"{indent}  {line[len(indent) + 4 :]}" if i < first else line
                for i, line in enumerate(body[:first])
            ]
            lines.append(f"{indent}  - {body[first][len(indent) + 4 :]}")
            lines += body[first + 1 :]
        else:
            lines.append(f"{indent}  -" + (f" {scalar(item)}" if item is not None else ""))
    return lines


def empty_fields(value, path: tuple = ()) -> list[tuple]:
    """The document paths of the fields still empty."""
    if value is None:
        return [path]
    out = []
    if isinstance(value, dict):
        for name, item in value.items():
            out += empty_fields(item, path + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += empty_fields(item, path + (i,))
    return out


def render(record_type: RecordType, record: dict) -> str:
    lines = [
        f"# {record_type.label}（data/{record_type.folder_hint}）。# 开头的行是填写说明，可以保留。",
        "# 空着的字段请按说明填写；填好后运行 python -m generators validate 检查。",
    ]
    lines += emit(record_type.schema.root, record)
    optional = [
        f"{name}（{sub.label}）"
        for name, sub in record_type.schema.fields.items()
        if name not in record
    ]
    if optional:
        lines.append("# 还可以填写的字段：" + "、".join(optional))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# the command


def existing_ids(registry: Registry, record_type: RecordType, data: Path) -> dict[str, Path]:
    """Id → file of the records that share their ids with the type's (ids are the files' names)."""
    group = record_type.id_group or record_type.name
    ids: dict[str, Path] = {}
    for other in registry:
        if (other.id_group or other.name) == group:
            ids.update((path.stem, path) for path in sorted(data.glob(other.pattern)))
    return ids


def create(args, today: dt.date, registry: Registry = REGISTRY) -> Made:
    record_type = registry.by_name.get(args.type)
    if record_type is None:
        names = "、".join(f"{t.name}（{t.label}）" for t in registry)
        raise ScaffoldError(f"用法错误：没有「{args.type}」这种记录。可以新建：{names}")
    if not args.data.is_dir():
        raise ScaffoldError(
            f"用法错误：找不到数据目录 {args.data}，请用 --data 指定数据目录，例如 --data data"
        )
    today = args.today or today
    root = record_type.schema.root
    record = skeleton(root, today)
    title = root.fields.get(record_type.title_field)
    if args.name is not None:
        if title is None or not title.kind.holds_text:
            raise ScaffoldError(
                f"用法错误：{record_type.label}没有名称字段，不用 --name；请用 --id 指定编号"
            )
        put(record, root, record_type.title_field, args.name, today)
    if args.plan is not None:
        if "plan" not in root.fields:
            raise ScaffoldError(f"用法错误：{record_type.label}没有「所属方案」字段，不用 --plan")
        put(record, root, "plan", args.plan, today)
    for assignment in args.set:
        path, sep, text = assignment.partition("=")
        if not sep:
            raise ScaffoldError(
                f"用法错误：--set {assignment} 应写成 字段=值，例如 --set category=财务"
            )
        put(record, root, path.strip(), text.strip(), today)
    record["id"] = args.id or record.get("id") or proposed_id(record_type, record, args.name)
    _check_id(record_type, record["id"], registry, args.data)
    path = record_path(record_type, record, args.data)
    record = {name: record[name] for name in root.fields if name in record}  # schema order
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as f:
            f.write(render(record_type, record))
    except FileExistsError:
        raise ScaffoldError(
            f"文件 {path.as_posix()} 已经存在，没有改动它。请换一个编号（--id）。"
        ) from None
    empty = [root.label_of(p) for p in empty_fields(record)]
    return Made(path, record_type, empty)


def record_path(record_type: RecordType, record: dict, data: Path) -> Path:
    """Where a record lives: the registry's place for its type, in the folder named by one of its
    values for a type whose files sit in one (tasks/<plan>/, disclosures/<year>/)."""
    path = (
        data / record_type.pattern.replace("*", _folder(record_type, record), 1)
        if record_type.pattern.count("*") == 2
        else data / record_type.pattern
    )
    return path.with_name(path.name.replace("*", record["id"]))


def proposed_id(record_type: RecordType, record: dict, name: str | None) -> str:
    """A new record's id: 党组织编号-年度 for a branch's yearly record (村编号-年度 for a village's),
    else its name in pinyin."""
    fields = record_type.schema.fields
    for owner in ("branch", "village"):
        if owner in fields and "year" in fields and record.get(owner) and record.get("year"):
            return f"{record[owner]}-{record['year']}"
    if name:
        return pinyin_id(name)
    hint = fields["id"].hint or "小写拼音字母、数字和连字符"
    raise ScaffoldError(
        f"用法错误：请用 --name 给出名称（按拼音生成编号），或用 --id 直接指定编号（{hint}）"
    )


def _check_id(record_type: RecordType, record_id: str, registry: Registry, data: Path) -> None:
    spec = record_type.schema.fields["id"]
    if not record_id or (spec.regex and not re.fullmatch(spec.regex, record_id)):
        raise ScaffoldError(
            f"编号「{record_id}」不符合格式：{spec.hint or spec.regex}。请用 --id 指定编号。"
        )
    existing = existing_ids(registry, record_type, data).get(record_id)
    if existing is not None:
        other = f"{record_id}-2"
        instead = (
            f"请换一个编号（--id），例如 {other}"
            if not spec.regex or re.fullmatch(spec.regex, other)
            else "请打开这个文件修改，不要另建"
        )
        raise ScaffoldError(
            f"编号「{record_id}」已经有记录在用（{existing.as_posix()}），不能重复。{instead}；"
            "没有新建任何文件。"
        )


def _folder(record_type: RecordType, record: dict) -> str:
    value = FOLDER_OF[record_type.name](record)
    if not value:
        need = {
            "task": "请用 --plan 指定所属方案的编号",
            "disclosure": "请填写公开日期（--set published=2025-12-31）",
        }
        raise ScaffoldError(
            f"用法错误：不知道文件放在哪个文件夹（{record_type.folder_hint}）：{need[record_type.name]}"
        )
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ScaffoldError(f"用法错误：「{value}」不能用作文件夹名（{record_type.folder_hint}）")
    return value
