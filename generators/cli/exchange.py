"""The command line of tables: `template`, `export` and `import` (generators/exchange/)."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Mapping
from pathlib import Path

from generators.cli.arguments import EXIT_INVALID, EXIT_OK, EXIT_USAGE, date_argument
from generators.spec.registry import REGISTRY

COMMANDS_HELP = {
    "template": "生成 Excel 导入模板（中文列标题、填写说明、下拉选项）",
    "export": "把记录导出为 Excel 工作簿（可修改后再导入）",
    "import": "把 Excel 工作簿或 CSV 文件里的记录导入 data/（先检查，全部无误才写入）",
}


def _types_text() -> str:
    return "、".join(f"{t.name}（{t.label}）" for t in REGISTRY)


def add_commands(commands) -> None:
    template = commands.add_parser("template", help=COMMANDS_HELP["template"])
    template.add_argument("types", nargs="+", metavar="TYPE", help=f"记录类型：{_types_text()}")
    template.add_argument(
        "--out", type=Path, default=None, help="输出文件（默认 <类型>-模板.xlsx）"
    )
    template.add_argument(
        "--today", type=date_argument, default=None, help="工作簿的日期（默认今天）"
    )
    export = commands.add_parser("export", help=COMMANDS_HELP["export"])
    export.add_argument("types", nargs="*", metavar="TYPE", help="记录类型（默认全部）")
    export.add_argument("--out", type=Path, required=True, help="输出的 .xlsx 文件")
    export.add_argument("--township", default=None, help="只导出这个镇（街道）的记录（镇编号）")
    export.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    export.add_argument("--today", type=date_argument, default=None, help="按这一天检查数据")
    importing = commands.add_parser("import", help=COMMANDS_HELP["import"])
    importing.add_argument("file", type=Path, help="Excel 工作簿（.xlsx）或 CSV 文件")
    importing.add_argument(
        "--type", default=None, help="记录类型（CSV 文件认不出是哪种记录时指定）"
    )
    importing.add_argument(
        "--update",
        action="store_true",
        help="已有的记录也按表格更新（只改表格里有的字段，保留注释）；不加时已有的记录不动",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="只检查并显示将要写入的内容，不写任何文件"
    )
    importing.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    importing.add_argument("--today", type=date_argument, default=None, help="按这一天检查数据")


def _record_types(names: list[str]):
    unknown = [n for n in names if n not in REGISTRY.by_name]
    if unknown:
        sys.stderr.write(
            f"用法错误：没有「{'、'.join(unknown)}」这种记录。可以用：{_types_text()}\n"
        )
        return None
    return [REGISTRY[n] for n in names] if names else list(REGISTRY)


def run_template(args, today: dt.date) -> int:
    from generators.exchange.export import template_bytes

    record_types = _record_types(args.types)
    if record_types is None:
        return EXIT_USAGE
    out = args.out or Path(f"{record_types[0].name}-模板.xlsx")
    out.write_bytes(template_bytes(record_types, args.today or today))
    sheets = "、".join(t.label for t in record_types)
    print(f"已生成导入模板：{out}（{sheets}）。按第二行的说明填写，再用 import 命令导入。")
    return EXIT_OK


def run_export(args, today: dt.date) -> int:
    from generators.check.validate import validate
    from generators.exchange.export import export_bytes
    from generators.spec.problems import format_text

    record_types = _record_types(args.types)
    if record_types is None:
        return EXIT_USAGE
    if args.out.suffix.lower() != ".xlsx":
        sys.stderr.write("用法错误：--out 要以 .xlsx 结尾（网站的“数据下载”页另有 CSV 文件）\n")
        return EXIT_USAGE
    validation = validate(args.data, args.today or today)
    if not validation.ok:
        sys.stdout.write(format_text([p for p in validation.problems if p.is_error]))
        sys.stderr.write("数据有错误，没有导出。请先按上面的提示改正。\n")
        return EXIT_INVALID
    chosen = []
    within = _township_filter(args.township, validation, args.today or today)
    for record_type in record_types:
        documents: list[Mapping] = []
        for r in sorted(validation.records, key=lambda r: r.relative.as_posix()):
            if r.type is record_type and within(r):
                assert r.document is not None  # the data is valid: every file was read
                documents.append(r.document)
        chosen.append((record_type, documents))
    args.out.write_bytes(export_bytes(chosen, args.today or today))
    count = sum(len(d) for _, d in chosen)
    print(f"已导出 {count} 条记录到 {args.out}。修改后可用 import --update 导入。")
    return EXIT_OK


def _township_filter(township: str | None, validation, today: dt.date):
    """Whether a checked record belongs to the township (every record, without one)."""
    if township is None:
        return lambda record: True
    from generators.exchange.downloads import township_of
    from generators.model.site import build_model

    site = build_model(validation.records, today, None, REGISTRY)
    return lambda record: township_of(site, site.of(record.type.name)[record.id]) == township


def run_import(args, today: dt.date) -> int:
    from generators.exchange.importing import CHANGED, NEW, SAME, import_file, write
    from generators.exchange.reading import Unreadable

    only = None
    if args.type is not None:
        types = _record_types([args.type])
        if types is None:
            return EXIT_USAGE
        only = types[0]
    if not args.file.is_file():
        sys.stderr.write(f"用法错误：找不到文件 {args.file}\n")
        return EXIT_USAGE
    try:
        imported = import_file(args.file, args.data, args.today or today, args.update, only)
    except Unreadable as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_INVALID
    for found in imported.found:
        print(found.text(args.file.name))
    if not imported.ok:
        sys.stderr.write("表格有错误，没有写入任何文件。请按上面的提示改正后再导入。\n")
        return EXIT_INVALID
    counts = {
        state: sum(p.state == state for p in imported.files) for state in (NEW, CHANGED, SAME)
    }
    if args.dry_run:
        _show(imported.files)
        print(
            f"检查通过（没有写入任何文件）：将新建 {counts[NEW]} 个、"
            f"更新 {counts[CHANGED]} 个文件，{counts[SAME]} 个不变。去掉 --dry-run 即写入。"
        )
        return EXIT_OK
    write(imported)
    for plan in imported.files:
        if plan.state != SAME:
            print(f"{plan.state}：{plan.path.as_posix()}")
    print(
        f"已导入：新建 {counts[NEW]} 个、更新 {counts[CHANGED]} 个文件，{counts[SAME]} 个不变。"
        "请运行 python -m generators validate 再检查一遍，然后提交。"
    )
    return EXIT_OK


def _show(files) -> None:
    from generators.exchange.importing import NEW, SAME

    for plan in files:
        if plan.state == SAME:
            continue
        print(f"=== {plan.state}：{plan.path.as_posix()}")
        if plan.state == NEW:
            sys.stdout.write(plan.text)
        else:
            sys.stdout.writelines(
                difflib.unified_diff(
                    plan.before.splitlines(keepends=True),
                    plan.text.splitlines(keepends=True),
                    "原来",
                    "导入后",
                )
            )


COMMANDS = {"template": run_template, "export": run_export, "import": run_import}
