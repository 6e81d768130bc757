"""Command line: a thin layer over the library. The only place that prints or exits."""

from __future__ import annotations

import argparse
import difflib
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from . import privacy
from .pipeline import generate
from .problems import FORMATTERS, format_step_summary, format_text, has_errors
from .validate import validate
from .write import StagedFolder

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
CACHE_DIR = Path(".cache")  # per-file validation results between runs (git-ignored)
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
    check.add_argument("--no-cache", action="store_true", help="不使用上次检查的缓存，全部重新检查")
    for name, help_text in (("generate", "检查数据并生成网页源文件（docs/generated/）"),
                            ("site", "检查数据、生成网页并用 MkDocs 构建网站到 site/"),
                            ("serve", "生成网页并在本机预览，data/ 改动后自动刷新")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
        if name == "generate":
            command.add_argument("--docs", type=Path, default=Path("docs"),
                                 help="网页源文件目录（默认 docs）；site 和 serve 使用 mkdocs.yml 中的 docs_dir")
        command.add_argument("--today", type=_date_argument, default=None,
                             help="按这一天计算逾期和到期（默认今天，北京时间）")
        command.add_argument("--no-cache", action="store_true", help="不使用上次检查的缓存，全部重新检查")
        if name == "site":
            command.add_argument("--site-dir", type=Path, default=Path("site"), help="网站输出目录（默认 site）")
    explain = commands.add_parser("explain", help="说明一个问题代码：含义、错误写法和正确写法")
    explain.add_argument("code", help="问题代码，例如 yaml.duplicate-key")
    _add_tool_commands(commands)
    return parser


def _cache_dir(args) -> Path | None:
    return None if args.no_cache else CACHE_DIR


def run_validate(args) -> int:
    today = args.today or today_in_china()
    result = validate(args.data, today, _cache_dir(args))
    _notices(result.notices)
    sys.stdout.write(FORMATTERS[args.format](result.problems))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(format_step_summary(result.problems))
    return EXIT_INVALID if has_errors(result.problems) else EXIT_OK


def _notices(notices) -> None:
    for notice in notices:
        sys.stderr.write(f"提示：{notice}\n")


def _generate(args):
    """Runs the pipeline; prints problems; returns the result, or None when nothing was generated."""
    docs = getattr(args, "docs", Path("docs"))
    result = generate(args.data, docs, args.today or today_in_china(), cache_dir=_cache_dir(args))
    _notices(result.notices)
    if result.problems:
        sys.stdout.write(format_text(result.problems))
    if not result.ok:
        sys.stderr.write("数据有错误，没有生成任何网页。请按上面的提示修改后重试。\n")
        return None
    stats = result.stats
    print(f"已生成网页：{stats.written} 个更新，{stats.unchanged} 个未变，{stats.removed} 个删除。")
    return result


def run_generate(args) -> int:
    return EXIT_OK if _generate(args) else EXIT_INVALID


# jieba's start-up lines, which MkDocs' search plugin lets through: nothing staff need to read.
_JIEBA_CHATTER = ("Building prefix dict", "Loading model from cache", "Loading model cost",
                  "Prefix dict has been built", "Dumping model to file cache", "Dump cache file failed")


def _mkdocs_build(site_dir: Path) -> int:
    """`mkdocs build --strict` into a folder; prints MkDocs' warnings and errors only.

    Not `--quiet`: in MkDocs 1.6 it hides warnings from strict mode too, so a
    build with warnings would pass (mkdocs/mkdocs#4126)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir",
                           str(site_dir)], env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace")
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip() and not line.startswith(("INFO", "DEBUG", *_JIEBA_CHATTER)):
            sys.stderr.write(line + "\n")
    return done.returncode


def run_site(args) -> int:
    """Builds into a folder beside the site folder; only a build that passes the privacy scan replaces it."""
    result = _generate(args)
    if result is None:
        return EXIT_INVALID
    with StagedFolder(args.site_dir) as new:
        if _mkdocs_build(new.path) != 0:
            sys.stderr.write(f"网站构建失败（见上方 MkDocs 的提示），{args.site_dir}/ 保持原样，没有发布任何内容。\n")
            return EXIT_INVALID
        leaks = privacy.scan_site(new.path, privacy.public_phones(result.site), shown_as=args.site_dir)
        if leaks:
            sys.stdout.write(format_text(leaks))
            sys.stderr.write(f"网站中发现个人信息（身份证号、手机号或银行卡号），不能发布；{args.site_dir}/ 保持原样。\n")
            return EXIT_INVALID
        new.commit()
    print(f"网站已构建到 {args.site_dir}/")
    return EXIT_OK


def run_serve(args) -> int:
    status = run_generate(args)
    if status != EXIT_OK:
        return status
    env = dict(os.environ, DANGJIAN_DATA=str(args.data))
    if args.today:
        env["DANGJIAN_TODAY"] = args.today.isoformat()
    return subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--watch", str(args.data)],
                          env=env).returncode


def run_explain(args) -> int:
    from .catalogue import CATALOGUE, explain_text

    entry = CATALOGUE.get(args.code)
    if entry is None:
        close = difflib.get_close_matches(args.code, list(CATALOGUE), n=3)
        hint = f"是不是：{'、'.join(close)}？" if close else "代码写成 区域.名称，例如 yaml.duplicate-key。"
        sys.stderr.write(f"没有这个代码：{args.code}。{hint}\n")
        return EXIT_USAGE
    sys.stdout.write(explain_text(entry))
    return EXIT_OK


COMMANDS = {"validate": run_validate, "generate": run_generate, "site": run_site, "serve": run_serve,
            "explain": run_explain}


# ---------------------------------------------------------------------------
# developer tools: synthetic data and the benchmark (generators/synth.py, generators/bench.py)

SCALE_NAMES = ("township", "county", "province")


def _scales_argument(text: str) -> list[str]:
    scales = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in scales if s not in SCALE_NAMES]
    if unknown or not scales:
        raise argparse.ArgumentTypeError(f"规模「{text}」不对，可选：{'、'.join(SCALE_NAMES)}，用逗号分隔")
    return scales


def _add_tool_commands(commands) -> None:
    synth = commands.add_parser("synth", help="生成用于测试和性能评估的合成数据（虚构）")
    synth.add_argument("--scale", choices=SCALE_NAMES, required=True,
                       help="规模：township（1个镇）、county（20个镇）、province（200个镇）")
    synth.add_argument("--out", type=Path, required=True, help="输出目录（空目录或以前生成的合成数据目录）")
    synth.add_argument("--seed", type=int, default=None, help="随机种子（默认固定值，结果可重复）")
    bench = commands.add_parser("bench", help="在合成数据上逐阶段测量生成流程的耗时和内存")
    bench.add_argument("--scales", type=_scales_argument, default=["township", "county"],
                       help="逗号分隔的规模（默认 township,county；province 不运行 MkDocs）")
    bench.add_argument("--runs", type=int, default=3, help="每个规模运行次数（默认 3）")
    bench.add_argument("--out", type=Path, default=Path("bench/results/latest.md"), help="结果表格（Markdown）")
    bench.add_argument("--seed", type=int, default=None, help="合成数据的随机种子")
    bench.add_argument("--today", type=_date_argument, default=None, help="检查日期（默认 2025-12-31）")
    bench.add_argument("--no-mkdocs", action="store_true", help="不运行 MkDocs 构建")
    bench.add_argument("--cache", type=Path, default=Path("bench/cache"), help="合成数据缓存目录")
    bench.add_argument("--worst-cases", choices=("with", "only", "no"), default="with",
                       help="另外测量单个 1 MB 字段的最坏情况（with，默认）、只测最坏情况（only）或不测（no）")
    bench.add_argument("--profile", action="store_true",
                       help="另外用 cProfile 运行一次，结果写到结果表格旁的 profile-<规模>.txt")


def run_synth(args) -> int:
    from .synth import DEFAULT_SEED, NotSynthetic, synthesize

    seed = DEFAULT_SEED if args.seed is None else args.seed
    try:
        stats = synthesize(args.out, args.scale, seed)
    except NotSynthetic:
        sys.stderr.write(f"目录 {args.out} 不是空目录，也不是合成数据目录；为免覆盖，没有写入任何文件。\n")
        return EXIT_USAGE
    counts = "，".join(f"{name} {count}" for name, count in stats.counts.items())
    print(f"已生成合成数据到 {args.out}/（种子 {seed}）：{counts}；共 {stats.files} 个文件，"
          f"{stats.bytes / 1024 ** 2:.1f} MB。")
    return EXIT_OK


def run_bench(args) -> int:
    from .bench import format_report, run_bench as bench, run_worst_cases
    from .synth import DEFAULT_SEED, SYNTH_TODAY

    if args.runs < 1:
        sys.stderr.write("--runs 至少为 1\n")
        return EXIT_USAGE
    seed = DEFAULT_SEED if args.seed is None else args.seed
    today = args.today or SYNTH_TODAY
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    results = [] if args.worst_cases == "only" else bench(
        args.scales, args.runs, seed, today, mkdocs=not args.no_mkdocs, cache_dir=args.cache,
        profile_dir=args.out.parent if args.profile else None, log=log)
    worst = [] if args.worst_cases == "no" else run_worst_cases(args.runs, log)
    report = format_report(results, today, seed, worst)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"结果已写入 {args.out}", file=sys.stderr)
    return EXIT_OK


COMMANDS.update(synth=run_synth, bench=run_bench)


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    data = getattr(args, "data", None)
    if data is not None and not data.is_dir():
        sys.stderr.write(f"用法错误：找不到数据目录 {data}，请用 --data 指定数据目录，例如 --data data\n")
        return EXIT_USAGE
    return COMMANDS[args.command](args)
