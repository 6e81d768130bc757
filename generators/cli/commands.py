"""Command line: a thin layer over the library. The only place that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from generators.build.sitecache import SiteCache, run_key
from generators.build.write import StagedFolder
from generators.check.validate import validate
from generators.cli import operations
from generators.cli.arguments import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Parser, date_argument
from generators.editors.cms import CmsError
from generators.editors.scaffold import scaffold_options
from generators.pipeline import generate
from generators.privacy import scan as privacy
from generators.spec.problems import FORMATTERS, format_step_summary, format_text, has_errors

CACHE_DIR = Path(".cache")  # per-file validation results between runs (git-ignored)
BACKGROUND_REMOVAL = 2000  # pages: a previous site this large is removed after the command returns
TIMEZONE = ZoneInfo("Asia/Shanghai")


def today_in_china() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


TOOLS = {
    "synth": "生成用于测试和性能评估的合成数据（虚构）",
    "bench": "在合成数据上逐阶段测量生成流程的耗时和内存",
}  # in bench/cli.py, outside the site's code


def _common_options() -> argparse.ArgumentParser:
    """The options the data commands share, declared once."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    common.add_argument(
        "--today",
        type=date_argument,
        default=None,
        help="按这一天检查，计算逾期和到期（默认今天，北京时间）",
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
    commands.add_parser("serve", help="生成网页并在本机预览，data/ 改动后自动刷新", parents=common)
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
    # The forge and the web server: codeowners, approvals, publish, rollback.
    operations.add_commands(commands)
    for name, help_text in TOOLS.items():
        commands.add_parser(name, help=help_text, add_help=False)
    return parser


def _cache_dir(args) -> Path | None:
    return None if args.no_cache else CACHE_DIR


def run_validate(args) -> int:
    today = args.today or today_in_china()
    result = validate(args.data, today, _cache_dir(args), base=args.base)
    _notices(result.notices)
    sys.stdout.write(FORMATTERS[args.format](result.problems))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(format_step_summary(result.problems))
    return EXIT_INVALID if has_errors(result.problems) else EXIT_OK


def _notices(notices, printed: list | None = None) -> None:
    for notice in notices:
        _say("stderr", f"提示：{notice}\n", printed)


def _say(stream: str, text: str, printed: list | None = None) -> None:
    """Prints to stdout or stderr; with `printed`, remembers it (a run with the same inputs prints it again)."""
    getattr(sys, stream).write(text)
    if printed is not None:
        printed.append([stream, text])


def _generate(args, report: bool = True, printed: list | None = None):
    """Runs the pipeline; prints problems; returns the result, or None when nothing was generated."""
    docs = getattr(args, "docs", Path("docs"))
    try:
        result = generate(
            args.data,
            docs,
            args.today or today_in_china(),
            cache_dir=_cache_dir(args),
            base=args.base,
            site_url=os.environ.get("SITE_URL") or None,
        )
    except CmsError as exc:
        sys.stderr.write(f"表单编辑的设置有错误：{exc}\n")
        return None
    _notices(result.notices, printed)
    if result.problems:
        _say("stdout", format_text(result.problems), printed)
    if not result.ok:
        sys.stderr.write("数据有错误，没有生成任何网页。请按上面的提示修改后重试。\n")
        return None
    if report:
        stats = result.stats
        print(
            f"已生成网页：{stats.written} 个更新，{stats.unchanged} 个未变，{stats.removed} 个删除。"
        )
    return result


def run_generate(args) -> int:
    return EXIT_OK if _generate(args) else EXIT_INVALID


# jieba's start-up lines, which MkDocs' search plugin lets through: nothing staff need to read.
_JIEBA_CHATTER = (
    "Building prefix dict",
    "Loading model from cache",
    "Loading model cost",
    "Prefix dict has been built",
    "Dumping model to file cache",
    "Dump cache file failed",
)


def _mkdocs_build(
    site_dir: Path,
    previous: Path | None = None,
    manifest: Path | None = None,
    manifest_out: Path | None = None,
    env: dict | None = None,
) -> int:
    """`mkdocs build --strict` into a folder (generators/build/mkdocs_build.py: pages whose inputs did not change are
    taken from `previous`); prints MkDocs' warnings and errors only.

    Not `--quiet`: in MkDocs 1.6 it hides warnings from strict mode too, so a
    build with warnings would pass (mkdocs/mkdocs#4126)."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generators.build.mkdocs_build", str(site_dir)]
    if previous is not None and manifest is not None:
        command += ["--previous", str(previous), "--manifest", str(manifest)]
    if manifest_out is not None:
        command += ["--manifest-out", str(manifest_out)]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip() and not line.startswith(("INFO", "DEBUG", *_JIEBA_CHATTER)):
            sys.stderr.write(line + "\n")
    return done.returncode


def build_epoch(today: dt.date) -> str:
    """SOURCE_DATE_EPOCH for MkDocs: the build date, so the sitemap's dates (and its gzip header) are the
    data's date, the same for every build of the same state."""
    return str(int(dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC).timestamp()))


def run_site(args) -> int:
    """Builds into a folder beside the site folder; only a build that passes the privacy scan replaces it.

    Unless --full, the last build's pages are reused where nothing they show changed (generators/build/mkdocs_build.py).
    Unless --no-cache too, so are its privacy verdicts where a file did not change, and nothing runs when
    nothing changed at all (generators/build/sitecache.py); with --no-cache every file of the new site is scanned."""
    started = time.monotonic()
    if args.site_dir is None:
        args.site_dir = Path("site-offline" if args.offline else "site")
    today = args.today or today_in_china()
    os.environ["OFFLINE"] = (
        "true" if args.offline else "false"
    )  # mkdocs.yml reads it; part of the fingerprints
    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(today))  # part of the fingerprints
    env = dict(os.environ)
    cache = SiteCache(
        None if args.full else CACHE_DIR / args.site_dir.name,
        args.site_dir,
        trusted=not args.no_cache,
    )
    run = run_key(args.data, today, args.base, args.site_dir) if cache.reusable else None
    printed = cache.replay(run)
    if (
        printed is not None
    ):  # the same inputs as the last run, its output untouched: what it printed, again
        for stream, text in printed:
            _say(stream, text)
        print(
            f"网站没有变化：{args.site_dir}/ 保持原样（用时 {time.monotonic() - started:.1f} 秒）。"
        )
        return EXIT_OK
    printed = []
    result = _generate(args, report=False, printed=printed)
    if result is None:
        return EXIT_INVALID
    cache.phones = phones = result.phones
    del result
    if cache.unchanged():
        cache.stamp(run, printed)
        print(
            f"网站没有变化：{args.site_dir}/ 保持原样（用时 {time.monotonic() - started:.1f} 秒）。"
        )
        return EXIT_OK
    with StagedFolder(args.site_dir) as new:
        handle, name = tempfile.mkstemp(prefix="dangjian-manifest-", suffix=".json")
        os.close(handle)
        manifest_out = Path(name)
        try:
            status = _mkdocs_build(
                new.path, cache.previous_site(), cache.manifest_file(), manifest_out, env
            )
            if status != 0:
                sys.stderr.write(
                    f"网站构建失败（见上方 MkDocs 的提示），{args.site_dir}/ 保持原样，没有发布任何内容。\n"
                )
                return EXIT_INVALID
            manifest = cache.read_new_manifest(manifest_out)
        finally:
            manifest_out.unlink(missing_ok=True)
        clean = cache.clean_verdicts()
        leaks = privacy.scan_site(
            new.path,
            phones,
            shown_as=args.site_dir,
            clean=clean,
            known=cache.known_hashes(manifest),
        )
        cache.save_verdicts(clean)
        if leaks:
            sys.stdout.write(format_text(leaks))
            sys.stderr.write(
                f"网站中发现个人信息（身份证号、手机号或银行卡号），不能发布；{args.site_dir}/ 保持原样。\n"
            )
            return EXIT_INVALID
        cache.forget()  # from here until the stamp is saved, the site folder and the cache may disagree
        new.commit(remove_in_background=len(manifest.get("pages", {})) >= BACKGROUND_REMOVAL)
    cache.save(manifest, run, printed)
    opened = (
        f"双击 {args.site_dir}/index.html 即可打开" if args.offline else "用 make serve 在本机预览"
    )
    print(
        f"{'离线副本' if args.offline else '网站'}已构建到 {args.site_dir}/（{manifest.get('built', 0)} 个网页重新生成，"
        f"{manifest.get('reused', 0)} 个沿用上次构建；用时 {time.monotonic() - started:.1f} 秒），{opened}。"
    )
    return EXIT_OK


def run_serve(args) -> int:
    status = run_generate(args)
    if status != EXIT_OK:
        return status
    env = dict(os.environ, DANGJIAN_DATA=str(args.data))
    if args.today:
        env["DANGJIAN_TODAY"] = args.today.isoformat()
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "serve", "--watch", str(args.data)], env=env
    ).returncode


def run_explain(args) -> int:
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


def run_json_schema(args) -> int:
    from generators.editors import json_schema
    from generators.spec.registry import REGISTRY

    written = json_schema.write(REGISTRY, Path.cwd(), args.out, args.settings)
    print(
        f"已生成 {len(written) - 1} 个 JSON Schema 到 {args.out}/，VS Code 设置写入 {args.settings}"
    )
    return EXIT_OK


def run_new(args) -> int:
    from generators.editors.scaffold import ScaffoldError, create

    try:
        made = create(args, today_in_china())
    except ScaffoldError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_INVALID
    sys.stdout.write(made.report())
    return EXIT_OK


COMMANDS = {
    "validate": run_validate,
    "generate": run_generate,
    "site": run_site,
    "serve": run_serve,
    "explain": run_explain,
    "json-schema": run_json_schema,
    "new": run_new,
    **operations.COMMANDS,
}


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in TOOLS:  # developer tools: their own options, their own module
        from bench.cli import main as tools_main

        return tools_main(argv)
    args = build_parser().parse_args(argv)
    data = getattr(args, "data", None)
    if data is not None and not data.is_dir():
        sys.stderr.write(
            f"用法错误：找不到数据目录 {data}，请用 --data 指定数据目录，例如 --data data\n"
        )
        return EXIT_USAGE
    return COMMANDS[args.command](args)
