"""`python -m generators synth|bench`: the developer tools' own command line.

generators/cli/commands.py hands these two commands over here, so the site's code path
never imports the synthetic data or the benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generators.cli.arguments import EXIT_OK, EXIT_USAGE, Parser, date_argument

SCALE_NAMES = ("township", "county", "province")


def _scales_argument(text: str) -> list[str]:
    scales = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in scales if s not in SCALE_NAMES]
    if unknown or not scales:
        raise argparse.ArgumentTypeError(
            f"规模「{text}」不对，可选：{'、'.join(SCALE_NAMES)}，用逗号分隔"
        )
    return scales


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m generators", description="开发工具：合成数据与性能评估")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    synth = commands.add_parser("synth", help="生成用于测试和性能评估的合成数据（虚构）")
    synth.add_argument(
        "--scale",
        choices=SCALE_NAMES,
        required=True,
        help="规模：township（1个镇）、county（20个镇）、province（200个镇）",
    )
    synth.add_argument(
        "--out", type=Path, required=True, help="输出目录（空目录或以前生成的合成数据目录）"
    )
    synth.add_argument("--seed", type=int, default=None, help="随机种子（默认固定值，结果可重复）")
    bench = commands.add_parser("bench", help="在合成数据上逐阶段测量生成流程的耗时和内存")
    bench.add_argument(
        "--scales",
        type=_scales_argument,
        default=["township", "county"],
        help="逗号分隔的规模（默认 township,county；province 不运行 MkDocs）",
    )
    bench.add_argument("--runs", type=int, default=3, help="每个规模运行次数（默认 3）")
    bench.add_argument(
        "--out", type=Path, default=Path("bench/results/latest.md"), help="结果表格（Markdown）"
    )
    bench.add_argument("--seed", type=int, default=None, help="合成数据的随机种子")
    bench.add_argument(
        "--today", type=date_argument, default=None, help="检查日期（默认 2025-12-31）"
    )
    bench.add_argument("--no-mkdocs", action="store_true", help="不运行 MkDocs 构建")
    bench.add_argument("--cache", type=Path, default=Path("bench/cache"), help="合成数据缓存目录")
    bench.add_argument(
        "--worst-cases",
        choices=("with", "only", "no"),
        default="with",
        help="另外测量单个 1 MB 字段的最坏情况（with，默认）、只测最坏情况（only）或不测（no）",
    )
    bench.add_argument(
        "--only",
        choices=("search",),
        default=None,
        help="只测量一部分：search（冷生成、MkDocs，然后只测搜索索引和首个结果的下载量）",
    )
    bench.add_argument(
        "--profile",
        action="store_true",
        help="另外用 cProfile 运行一次，结果写到结果表格旁的 profile-<规模>.txt",
    )
    return parser


def run_synth(args) -> int:
    from .synth import DEFAULT_SEED, NotSynthetic, synthesize

    seed = DEFAULT_SEED if args.seed is None else args.seed
    try:
        stats = synthesize(args.out, args.scale, seed)
    except NotSynthetic:
        sys.stderr.write(
            f"目录 {args.out} 不是空目录，也不是合成数据目录；为免覆盖，没有写入任何文件。\n"
        )
        return EXIT_USAGE
    counts = "，".join(f"{name} {count}" for name, count in stats.counts.items())
    print(
        f"已生成合成数据到 {args.out}/（种子 {seed}）：{counts}；共 {stats.files} 个文件，"
        f"{stats.bytes / 1024**2:.1f} MB。"
    )
    return EXIT_OK


def run_bench(args) -> int:
    from .measure import format_report, run_worst_cases
    from .measure import run_bench as bench
    from .synth import DEFAULT_SEED, SYNTH_TODAY

    if args.runs < 1:
        sys.stderr.write("--runs 至少为 1\n")
        return EXIT_USAGE
    seed = DEFAULT_SEED if args.seed is None else args.seed
    today: dt.date = args.today or SYNTH_TODAY
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    results = (
        []
        if args.worst_cases == "only"
        else bench(
            args.scales,
            args.runs,
            seed,
            today,
            mkdocs=not args.no_mkdocs,
            cache_dir=args.cache,
            profile_dir=args.out.parent if args.profile else None,
            log=log,
            only_search=args.only == "search",
        )
    )
    skip_worst = args.worst_cases == "no" or args.only is not None
    worst = [] if skip_worst else run_worst_cases(args.runs, log)
    report = format_report(results, today, seed, worst)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"结果已写入 {args.out}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {"synth": run_synth, "bench": run_bench}


def main(argv) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
