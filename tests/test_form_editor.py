"""The form editor works or says why: cms.yml's forge settings, from the build to the login button.

`backend: gitea` (Decap's gitea backend has no editorial workflow, which every save here is), and
Forgejo without its OAuth application's `app_id`, stop the build with a Chinese message; a blank
`repo` leaves /admin/ out with a notice, and no placeholder repository is ever published. Built for
GitHub and for Forgejo, Debian's Chromium loads /admin/ and reaches the login button.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from conftest import MINIMAL, REPO, run_cli
from web import artifact, block_external, browser, serve

GITHUB = "backend: github\nrepo: dangjian/data\nbase_url: https://login.example.gov.cn\n"
FORGEJO = (
    "backend: forgejo\nrepo: dangjian/data\n"
    "api_root: https://git.example.gov.cn/api/v1\napp_id: 6c1d2b9a-0000-4000-8000-000000000001\n"
)


def _project(root, cms_yml: str | None):
    """A site project (theme, hand-written docs, mkdocs.yml) around the minimal data."""
    shutil.copytree(MINIMAL, root / "data")
    shutil.copytree(
        REPO / "overrides", root / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if cms_yml is not None:
        (root / "cms.yml").write_text(cms_yml, encoding="utf-8")
    return root


def _generate(tmp_path, cms_yml: str):
    root = tmp_path / "project"
    root.mkdir(parents=True)
    shutil.copytree(MINIMAL, root / "data")
    (root / "cms.yml").write_text(cms_yml, encoding="utf-8")
    done = run_cli(
        "generate",
        "--data",
        "data",
        "--docs",
        "docs",
        "--today",
        "2025-12-31",
        cwd=root,
        env={"CMS_LOCAL_BACKEND": ""},
    )
    return root, done


@pytest.mark.parametrize(
    "cms_yml, message",
    [
        (
            "backend: gitea\nrepo: a/b\nbase_url: https://git.example\n"
            "api_root: https://git.example/api/v1\napp_id: x\n",
            "表单编辑的设置有错误：cms.yml：不能用 backend: gitea。"
            "表单编辑的每次保存都是一个拉取请求，而 Decap CMS 的 gitea 方式不支持拉取请求"
            "（打开 /admin/ 只会看到“The Gitea backend does not support editorial workflow”）。"
            "仓库在 Forgejo 上的，改成 backend: forgejo",
        ),
        (
            "backend: forgejo\nrepo: a/b\napi_root: https://git.example/api/v1\n",
            "表单编辑的设置有错误：cms.yml：backend 是 forgejo 时要填 api_root（Forgejo 的网址加 "
            "/api/v1）和 app_id（在 Forgejo 上建立的 OAuth 应用的客户端 ID），现在缺少 app_id。"
            "建立 OAuth 应用的方法见 docs/deploy.md",
        ),
    ],
)
def test_a_forge_the_editor_cannot_work_with_stops_the_build(tmp_path, cms_yml, message):
    root, done = _generate(tmp_path, cms_yml)
    assert done.returncode == 1
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (root / "docs" / "generated").exists()


def test_a_blank_repo_is_a_notice_and_never_a_placeholder(tmp_path):
    root, done = _generate(tmp_path, "backend: github\nrepo:\n")
    assert done.returncode == 0, done.stderr
    assert (
        "提示：cms.yml 没有填 repo（仓库的“组织名/仓库名”），网站不包含表单编辑（/admin/）；"
        "要用表单编辑，按 docs/deploy.md 填好 cms.yml 后重新构建" in done.stderr
    )
    config = (root / "docs" / "generated" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert "OWNER/REPO" not in config and "repo" not in yaml.safe_load(config)["backend"]


def test_github_without_a_login_service_is_a_notice(tmp_path):
    _, done = _generate(tmp_path, "backend: github\nrepo: a/b\n")
    assert done.returncode == 0
    assert (
        "提示：cms.yml 没有填 base_url（GitHub 登录服务的网址）：表单编辑的登录会使用境外的 Netlify"
        in (done.stderr)
    )
    _, done = _generate(tmp_path / "2", GITHUB)
    assert done.returncode == 0 and "提示：cms.yml" not in done.stderr


def _site(root) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "site",
        "--data",
        "data",
        "--site-dir",
        "site",
        "--today",
        "2025-12-31",
        cwd=root,
        env={"CMS_LOCAL_BACKEND": "", "NO_MKDOCS_2_WARNING": "1"},
    )


def _login_button(base: str, name: str) -> str:
    """Opens /admin/ and returns the login button's text; fails on a configuration error."""
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1024, "height": 700})
        blocked = block_external(page)
        page.goto(base + "admin/")
        button = page.get_by_role("button", name="登录").or_(
            page.get_by_role("button", name="Login")
        )
        try:
            button.first.wait_for(timeout=30000)
        finally:
            page.screenshot(path=artifact(f"form-editor/{name}.png"))
        body = page.inner_text("body")
        assert "Error loading the CMS configuration" not in body and "Config Errors" not in body
        assert blocked == []  # nothing fetched from another host to show the login page
        return button.first.inner_text().strip()


@pytest.mark.slow
@pytest.mark.browser
def test_admin_is_built_for_github_and_forgejo_and_left_out_without_a_repo(tmp_path):
    root = _project(tmp_path / "project", "backend: github\nrepo:\n")
    blank = _site(root)
    assert blank.returncode == 0, blank.stdout + blank.stderr
    assert "提示：cms.yml 没有填 repo" in blank.stderr
    assert not (root / "site" / "admin").exists()

    (root / "cms.yml").write_text(GITHUB, encoding="utf-8")  # the caches see cms.yml change
    github = _site(root)
    assert github.returncode == 0, github.stdout + github.stderr
    admin = root / "site" / "admin"
    assert sorted(p.name for p in admin.iterdir()) == [
        "config.yml",
        "decap-cms.js",
        "index.html",
        "js-yaml.min.js",
        "register.js",
        "strict-yaml.js",
    ]
    for name in ("index.html", "register.js", "strict-yaml.js", "js-yaml.min.js"):
        assert (admin / name).read_bytes() == (REPO / "docs" / "admin" / name).read_bytes(), name
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "dangjian/data"
    with serve(root / "site") as base:
        assert _login_button(base, "github") == "使用 GitHub 登录"

    (root / "cms.yml").write_text(FORGEJO, encoding="utf-8")
    forgejo = _site(root)
    assert forgejo.returncode == 0, forgejo.stdout + forgejo.stderr
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "forgejo" and config["backend"]["app_id"]
    with serve(root / "site") as base:
        assert _login_button(base, "forgejo") == "Login with Forgejo"
