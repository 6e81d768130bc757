"""Commands for running the site on a county's forge and web server: CODEOWNERS, the approval
check, publishing to a web root and rolling back. Registered by commands.py; like it, the only
code here that prints or exits."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from generators.cli.arguments import EXIT_INVALID, EXIT_OK, date_argument

WEB_ROOT_HELP = "网站根目录：发布的版本放在其中的 releases/，网站服务器读取其中的 current 链接"


TODAY_HELP = "按这一天读取记录（默认今天，北京时间）"


def add_commands(commands: argparse._SubParsersAction) -> None:
    owners = commands.add_parser(
        "codeowners",
        help="按记录和 reviewers.yml 生成 CODEOWNERS（GitHub 的和 Gitea/Forgejo 的）",
    )
    _data_options(owners)
    owners.add_argument(
        "--check", action="store_true", help="只检查 CODEOWNERS 是否与记录一致，不写文件"
    )
    approvals = commands.add_parser(
        "approvals", help="检查拉取请求改动的记录是否已由负责的审核人批准（CI 使用）"
    )
    _data_options(approvals)
    approvals.add_argument("--base", default=None, help="目标分支的提交（默认取自事件）")
    approvals.add_argument("--pr", type=int, default=None, help="拉取请求编号（默认取自事件）")
    approvals.add_argument("--api", default=None, help="API 地址（默认 GITHUB_API_URL）")
    approvals.add_argument(
        "--repo", default=None, help="仓库“组织名/仓库名”（默认 GITHUB_REPOSITORY）"
    )
    publish = commands.add_parser("publish", help="把构建好的网站发布到网站根目录（原子切换）")
    publish.add_argument("--web-root", type=Path, required=True, help=WEB_ROOT_HELP)
    publish.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="构建好的网站（默认 site）"
    )
    publish.add_argument("--release", default=None, help="版本名称（默认当前提交的编号）")
    publish.add_argument("--keep", type=int, default=5, help="保留最近几个版本（默认 5）")
    rollback = commands.add_parser("rollback", help="切换回上一次发布的版本")
    rollback.add_argument("--web-root", type=Path, required=True, help=WEB_ROOT_HELP)


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data）")
    parser.add_argument("--today", type=date_argument, default=None, help=TODAY_HELP)


def run_codeowners(args: argparse.Namespace) -> int:
    from generators.cli.commands import today_in_china
    from generators.forge import codeowners
    from generators.forge.changes import DataError, load_site
    from generators.forge.owners import file_teams, named
    from generators.forge.reviewers import ReviewersError, load_reviewers, reviewers_path
    from generators.spec.registry import REGISTRY

    root = args.data.resolve().parent
    try:
        reviewers = load_reviewers(reviewers_path(args.data))
        site = load_site(args.data, args.today or today_in_china())
        reviewers = named(reviewers, site)
        teams = file_teams(site, reviewers, args.data.name)
    except (ReviewersError, DataError) as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_INVALID
    files = codeowners.owned_files(site, teams, REGISTRY, args.data.name)
    units = set(site.townships) | set(site.villages)
    texts = {
        codeowners.GITHUB_FILE: codeowners.github_text(
            files, units, reviewers.maintainers, args.data.name
        ),
        codeowners.GITEA_FILE: codeowners.gitea_text(
            files, units, reviewers.maintainers, args.data.name
        ),
    }
    stale = [name for name, text in texts.items() if _read(root / name) != text]
    if args.check:
        if stale:
            sys.stderr.write(
                f"{'、'.join(stale)} 与记录或 reviewers.yml 不一致："
                "运行 make codeowners 重新生成并提交\n"
            )
            return EXIT_INVALID
        print("CODEOWNERS 与记录一致。")
        return EXIT_OK
    for name in stale:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(texts[name], encoding="utf-8")
    print(f"已写入 {'、'.join(texts)}：{len(files)} 个数据文件都有审核人。")
    return EXIT_OK


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _event() -> dict:
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path or not Path(path).is_file():
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except ValueError:
        return {}


def run_approvals(args: argparse.Namespace) -> int:
    from generators.cli.commands import today_in_china
    from generators.forge import api, approvals
    from generators.forge.changes import DataError, load_site, required_teams
    from generators.forge.reviewers import ReviewersError, load_reviewers, reviewers_path

    pull = _event().get("pull_request") or {}
    base = args.base or (pull.get("base") or {}).get("sha")
    number = args.pr or pull.get("number")
    api_url = args.api or os.environ.get("GITHUB_API_URL")
    repo = args.repo or os.environ.get("GITHUB_REPOSITORY")
    author = (pull.get("user") or {}).get("login")
    absent = [
        name
        for name, value in (
            ("--base", base),
            ("--pr", number),
            ("--api", api_url),
            ("--repo", repo),
        )
        if not value
    ]
    if absent:
        sys.stderr.write(
            f"缺少 {'、'.join(absent)}：在拉取请求的 CI 里运行时自动取得，在别处运行时请写明\n"
        )
        return EXIT_INVALID
    assert base and number and api_url and repo, "none is absent"
    today = args.today or today_in_china()
    root = args.data.resolve().parent
    try:
        reviewers = load_reviewers(reviewers_path(args.data))
        site = load_site(args.data, today)
        required = required_teams(root, base, reviewers, site, today, args.data.name)
        token = os.environ.get("FORGE_TOKEN") or os.environ.get("GITHUB_TOKEN", "")
        approved = approvals.approvers(api.reviews(api_url, repo, int(number), token), author)
    except (ReviewersError, DataError, api.ForgeError) as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_INVALID
    gaps = approvals.missing(required, approved)
    sys.stdout.write(approvals.report(required, approved, gaps))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(approvals.summary(gaps))
    return EXIT_INVALID if gaps else EXIT_OK


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def run_publish(args: argparse.Namespace) -> int:
    from generators.deploy.webroot import PublishError, publish

    try:
        switch = publish(args.site_dir, args.web_root, args.release or _commit(), args.keep)
    except (PublishError, OSError) as error:
        sys.stderr.write(f"发布失败：{error}\n")
        return EXIT_INVALID
    print(f"已发布：{args.web_root}/current → releases/{switch.release}", end="")
    print(
        f"（上一个版本 {switch.previous}，可用 make rollback 切换回去）" if switch.previous else ""
    )
    if switch.removed:
        print(f"已删除较早的版本：{'、'.join(switch.removed)}")
    return EXIT_OK


def run_rollback(args: argparse.Namespace) -> int:
    from generators.deploy.webroot import PublishError, rollback

    try:
        switch = rollback(args.web_root)
    except (PublishError, OSError) as error:
        sys.stderr.write(f"切换失败：{error}\n")
        return EXIT_INVALID
    print(
        f"已切换回：{args.web_root}/current → releases/{switch.release}（原来是 {switch.previous}）"
    )
    return EXIT_OK


COMMANDS = {
    "codeowners": run_codeowners,
    "approvals": run_approvals,
    "publish": run_publish,
    "rollback": run_rollback,
}
