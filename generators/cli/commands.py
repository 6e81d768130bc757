"""Command line: a thin layer over the library. The only place that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from generators.build.site import CACHE_DIR, SiteOptions, build_site, generate_pages
from generators.check.sample import sample_date
from generators.check.validate import validate
from generators.cli import exchange, operations
from generators.cli.arguments import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Parser, date_argument
from generators.editors.cms import CmsError
from generators.editors.scaffold import scaffold_options
from generators.pipeline import BuildResult
from generators.spec.fields import SchemaError
from generators.spec.problems import FORMATTERS, format_step_summary, format_text, has_errors

TIMEZONE = ZoneInfo("Asia/Shanghai")


def today_in_china() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


def build_date(data: Path, today: dt.date | None = None) -> dt.date:
    """The date to compute for: --today when given, else the sample's own date (check/sample.py),
    else today in China."""
    return today or sample_date(data) or today_in_china()


TOOLS = {
    "synth": "生成用于测试和性能评估的合成数据（虚构）",
    "bench": "在合成数据上逐阶段测量生成流程的耗时和内存",
}  # in bench/cli.py, outside the site's code


def _common_options() -> Parser:
    """The options the data commands share, declared once."""
    common = Parser(add_help=False)
    common.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    common.add_argument(
        "--today",
        type=date_argument,
        default=None,
        help="按这一天检查，计算逾期和到期（默认今天，北京时间；示例数据默认按它写明的示例数据日期）",
    )
    common.add_argument(
        "--no-cache", action="store_true", help="不使用上次检查的缓存，全部重新检查"
    )
    common.add_argument(
        "--base",
        default=None,
        metavar="REF",
        help="与这个 git 版本（分支、标签或提交）比较：已公开的内容不能悄悄改动、删除或改编号",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m generators", description="基层党建与治理数据：检查与生成网站")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    common = [_common_options()]
    check = commands.add_parser("validate", help="检查 data/ 中的全部记录", parents=common)
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="输出格式")
    generate_command = commands.add_parser(
        "generate", help="检查数据并生成网页源文件（docs/generated/）", parents=common
    )
    generate_command.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="网页源文件目录（默认 docs）；site 和 serve 使用 mkdocs.yml 中的 docs_dir",
    )
    site = commands.add_parser(
        "site", help="检查数据、生成网页并用 MkDocs 构建网站到 site/", parents=common
    )
    site.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="网站输出目录（默认 site；加 --offline 时默认 site-offline）",
    )
    site.add_argument(
        "--offline",
        action="store_true",
        help="构建离线副本：拷到U盘或内网后，直接双击 index.html 就能看，也能搜索",
    )
    site.add_argument(
        "--full",
        action="store_true",
        help="完整构建：不沿用上次构建的网页和隐私检查结果（默认只重新构建有变化的网页）",
    )
    serve = commands.add_parser(
        "serve", help="生成网页并在本机预览（可以搜索），data/ 改动后自动刷新", parents=common
    )
    serve.add_argument(
        "--dev-addr", default=None, metavar="地址:端口", help="预览地址（默认 127.0.0.1:8000）"
    )
    explain = commands.add_parser("explain", help="说明一个问题代码：含义、错误写法和正确写法")
    explain.add_argument("code", help="问题代码，例如 yaml.duplicate-key")
    schemas = commands.add_parser(
        "json-schema", help="由 schemas/ 生成编辑器用的 JSON Schema 和 VS Code 设置"
    )
    schemas.add_argument(
        "--out",
        type=Path,
        default=Path("schemas/json"),
        help="JSON Schema 的输出目录（默认 schemas/json）",
    )
    schemas.add_argument(
        "--settings",
        type=Path,
        default=Path(".vscode/settings.json"),
        help="VS Code 设置文件（默认 .vscode/settings.json）",
    )
    new = commands.add_parser("new", help="按格式新建一条记录（带全部必填字段和中文说明）")
    scaffold_options(new)
    exchange.add_commands(commands)  # tables: template, export, import
    # The forge and the web server: codeowners, approvals, publish, rollback.
    operations.add_commands(commands)
    for name, help_text in TOOLS.items():
        commands.add_parser(name, help=help_text, add_help=False)
    return parser


def _cache_dir(args: argparse.Namespace) -> Path | None:
    return None if args.no_cache else CACHE_DIR


def run_validate(args: argparse.Namespace) -> int:
    today = build_date(args.data, args.today)
    result = validate(args.data, today, _cache_dir(args), base=args.base)
    _notices(result.notices)
    sys.stdout.write(FORMATTERS[args.format](result.problems))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(format_step_summary(result.problems))
    return EXIT_INVALID if has_errors(result.problems) else EXIT_OK


def _notices(notices: Iterable[str]) -> None:
    for notice in notices:
        _say("stderr", f"提示：{notice}\n")


def _say(stream: str, text: str) -> None:
    """Prints to stdout or stderr: what the build tells while it runs."""
    getattr(sys, stream).write(text)


def _generate(args: argparse.Namespace) -> BuildResult | None:
    """Runs the pipeline; prints problems; returns the result, or None when nothing was generated."""
    try:
        result = generate_pages(
            args.data,
            getattr(args, "docs", Path("docs")),
            build_date(args.data, args.today),
            _cache_dir(args),
            args.base,
            os.environ.get("SITE_URL") or None,
            _say,
        )
    except CmsError as exc:
        sys.stderr.write(f"表单编辑的设置有错误：{exc}\n")
        return None
    if not result.ok:
        sys.stderr.write("数据有错误，没有生成任何网页。请按上面的提示修改后重试。\n")
        return None
    stats = result.stats
    assert stats is not None, "a run with valid data wrote the pages"
    print(f"已生成网页：{stats.written} 个更新，{stats.unchanged} 个未变，{stats.removed} 个删除。")
    return result


def run_generate(args: argparse.Namespace) -> int:
    return EXIT_OK if _generate(args) else EXIT_INVALID


def run_site(args: argparse.Namespace) -> int:
    """Builds the site (generators/build/site.py) and says how it went."""
    if args.site_dir is None:
        args.site_dir = Path("site-offline" if args.offline else "site")
    options = SiteOptions(
        data=args.data,
        site_dir=args.site_dir,
        today=build_date(args.data, args.today),
        base=args.base,
        offline=args.offline,
        full=args.full,
        no_cache=args.no_cache,
        site_url=os.environ.get("SITE_URL") or None,
    )
    try:
        result = build_site(options, _say)
    except CmsError as exc:
        sys.stderr.write(f"表单编辑的设置有错误：{exc}\n")
        return EXIT_INVALID
    site, seconds = args.site_dir, f"{result.seconds:.1f}"
    if result.status == "unchanged":
        print(f"网站没有变化：{site}/ 保持原样（用时 {seconds} 秒）。")
        return EXIT_OK
    if result.status == "invalid":
        sys.stderr.write("数据有错误，没有生成任何网页。请按上面的提示修改后重试。\n")
        return EXIT_INVALID
    if result.status == "mkdocs failed":
        sys.stderr.write(
            f"网站构建失败（见上方 MkDocs 的提示），{site}/ 保持原样，没有发布任何内容。\n"
        )
        return EXIT_INVALID
    if result.status == "search failed":
        sys.stderr.write(
            f"网站的搜索索引没有建成（见上方提示；请确认已按 requirements.txt 安装 pagefind），"
            f"{site}/ 保持原样，没有发布任何内容。\n"
        )
        return EXIT_INVALID
    if result.status == "personal data":
        sys.stdout.write(format_text(result.leaks))
        sys.stderr.write(
            f"网站中发现个人信息（身份证号、手机号或银行卡号），不能发布；{site}/ 保持原样。\n"
        )
        return EXIT_INVALID
    opened = f"双击 {site}/index.html 即可打开" if args.offline else "用 make serve 在本机预览"
    print(
        f"{'离线副本' if args.offline else '网站'}已构建到 {site}/（{result.built} 个网页重新生成，"
        f"{result.reused} 个沿用上次构建；用时 {seconds} 秒），{opened}。"
    )
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    status = run_generate(args)
    if status != EXIT_OK:
        return status
    # NO_MKDOCS_2_WARNING: the theme's English banner on MkDocs 2.0 is nothing staff need to read.
    env = dict(os.environ, DANGJIAN_DATA=str(args.data), NO_MKDOCS_2_WARNING="1")
    if args.today:
        env["DANGJIAN_TODAY"] = args.today.isoformat()
    command = [sys.executable, "-m", "mkdocs", "serve", "--watch", str(args.data)]
    if args.dev_addr:
        command += ["--dev-addr", args.dev_addr]
    return subprocess.run(command, env=env).returncode


def run_explain(args: argparse.Namespace) -> int:
    from generators.spec.catalogue import CATALOGUE, explain_text

    entry = CATALOGUE.get(args.code)
    if entry is None:
        close = difflib.get_close_matches(args.code, list(CATALOGUE), n=3)
        hint = (
            f"是不是：{'、'.join(close)}？"
            if close
            else "代码写成 区域.名称，例如 yaml.duplicate-key。"
        )
        sys.stderr.write(f"没有这个代码：{args.code}。{hint}\n")
        return EXIT_USAGE
    sys.stdout.write(explain_text(entry))
    return EXIT_OK


def run_json_schema(args: argparse.Namespace) -> int:
    from generators.editors import json_schema
    from generators.spec.registry import REGISTRY

    written = json_schema.write(REGISTRY, Path.cwd(), args.out, args.settings)
    print(
        f"已生成 {len(written) - 1} 个 JSON Schema 到 {args.out}/，VS Code 设置写入 {args.settings}"
    )
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from generators.editors.scaffold import ScaffoldError, create

    try:
        made = create(args, today_in_china())
    except ScaffoldError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_INVALID
    sys.stdout.write(made.report())
    return EXIT_OK


def run_exchange(args) -> int:
    """template, export and import (generators/cli/exchange.py)."""
    return exchange.COMMANDS[args.command](args, today_in_china())


COMMANDS = {
    "validate": run_validate,
    "generate": run_generate,
    "site": run_site,
    "serve": run_serve,
    "explain": run_explain,
    "json-schema": run_json_schema,
    "new": run_new,
    **dict.fromkeys(exchange.COMMANDS, run_exchange),
    **operations.COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in TOOLS:  # developer tools: their own options, their own module
        from bench.cli import main as tools_main

        return tools_main(argv)
    try:
        return _run(argv)
    except SchemaError as error:  # a contributor's mistake in schemas/ or the registry
        sys.stderr.write(f"记录格式的定义有错误：{error}\n")
        return EXIT_INVALID


def _run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)  # the help of `new` names the types: schemas load here
    data = getattr(args, "data", None)
    if data is not None and not data.is_dir():
        sys.stderr.write(
            f"用法错误：找不到数据目录 {data}，请用 --data 指定数据目录，例如 --data data\n"
        )
        return EXIT_USAGE
    return COMMANDS[args.command](args)
