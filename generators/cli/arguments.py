"""What every command line of the project shares: exit statuses, a parser that fails in Chinese, dates."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import NoReturn

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(
        self, message: str
    ) -> NoReturn:  # usage errors: exit 2 with a Chinese hint, no traceback
        self.print_usage(sys.stderr)
        sys.stderr.write(f"用法错误：{message}\n运行 python -m generators --help 查看说明。\n")
        sys.exit(EXIT_USAGE)


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」的格式不对，应写成 2025-12-31") from None
