"""Command line: a thin layer over the library. The only place that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from .problems import FORMATTERS, format_step_summary, has_errors
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


COMMANDS = {"validate": run_validate}


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
