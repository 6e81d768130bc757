"""Commands for running the site on a county's web server: publishing to a web root and rolling
back. Registered by commands.py; like it, the only
code here that prints or exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generators.cli.arguments import EXIT_INVALID, EXIT_OK

WEB_ROOT_HELP = "网站根目录：发布的版本放在其中的 releases/，网站服务器读取其中的 current 链接"


def add_commands(commands) -> None:
    publish = commands.add_parser("publish", help="把构建好的网站发布到网站根目录（原子切换）")
    publish.add_argument("--web-root", type=Path, required=True, help=WEB_ROOT_HELP)
    publish.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="构建好的网站（默认 site）"
    )
    publish.add_argument("--release", default=None, help="版本名称（默认当前提交的编号）")
    publish.add_argument("--keep", type=int, default=5, help="保留最近几个版本（默认 5）")
    rollback = commands.add_parser("rollback", help="切换回上一次发布的版本")
    rollback.add_argument("--web-root", type=Path, required=True, help=WEB_ROOT_HELP)


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def run_publish(args) -> int:
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


def run_rollback(args) -> int:
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
    "publish": run_publish,
    "rollback": run_rollback,
}
