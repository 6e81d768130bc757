"""Command line: a thin layer over the library. The only place that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from .pipeline import generate
from .problems import FORMATTERS, format_step_summary, format_text, has_errors
from .validate import validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
TIMEZONE = ZoneInfo("Asia/Shanghai")


def today_in_china() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with a Chinese hint, no traceback
        self.print_usage(sys.stderr)
        sys.stderr.write(f"用法错误：{message}\n运行 python -m generators --help 查看说明。\n")
        sys.exit(EXIT_USAGE)


def _date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」的格式不对，应写成 2025-12-31") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generators", description="基层党建与治理数据：检查与生成网站")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("validate", help="检查 data/ 中的全部记录")
    check.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="输出格式")
    check.add_argument("--today", type=_date_argument, default=None, help="按这一天检查（默认今天，北京时间）")
    for name, help_text in (("generate", "检查数据并生成网页源文件（docs/generated/）"),
                            ("site", "检查数据、生成网页并用 MkDocs 构建网站到 site/"),
                            ("serve", "生成网页并在本机预览，data/ 改动后自动刷新")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
        command.add_argument("--docs", type=Path, default=Path("docs"), help="网页源文件目录（默认 docs）")
        command.add_argument("--today", type=_date_argument, default=None,
                             help="按这一天计算逾期和到期（默认今天，北京时间）")
        if name == "site":
            command.add_argument("--site-dir", type=Path, default=Path("site"), help="网站输出目录（默认 site）")
    return parser


def run_validate(args) -> int:
    today = args.today or today_in_china()
    result = validate(args.data, today)
    sys.stdout.write(FORMATTERS[args.format](result.problems))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(format_step_summary(result.problems))
    return EXIT_INVALID if has_errors(result.problems) else EXIT_OK


def run_generate(args) -> int:
    result = generate(args.data, args.docs, args.today or today_in_china())
    if result.problems or not result.ok:
        sys.stdout.write(format_text(result.problems))
    if not result.ok:
        sys.stderr.write("数据有错误，没有生成任何网页。请按上面的提示修改后重试。\n")
        return EXIT_INVALID
    stats = result.stats
    print(f"已生成网页：{stats.written} 个更新，{stats.unchanged} 个未变，{stats.removed} 个删除。")
    return EXIT_OK


def _mkdocs(*arguments: str) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], env=env).returncode


def run_site(args) -> int:
    status = run_generate(args)
    if status != EXIT_OK:
        return status
    if _mkdocs("build", "--strict", "--clean", "--quiet", "--site-dir", str(args.site_dir)) != 0:
        sys.stderr.write("网站构建失败（见上方 MkDocs 的提示），没有发布任何内容。\n")
        return EXIT_INVALID
    print(f"网站已构建到 {args.site_dir}/")
    return EXIT_OK


def run_serve(args) -> int:
    status = run_generate(args)
    if status != EXIT_OK:
        return status
    env = dict(os.environ, DANGJIAN_DATA=str(args.data), DANGJIAN_DOCS=str(args.docs))
    if args.today:
        env["DANGJIAN_TODAY"] = args.today.isoformat()
    return subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--watch", str(args.data)],
                          env=env).returncode


COMMANDS = {"validate": run_validate, "generate": run_generate, "site": run_site, "serve": run_serve}


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
