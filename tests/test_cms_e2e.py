"""The form editor end to end: Decap CMS in Debian's Chromium, saving through decap-server into a git copy.

A copy of the project (data, docs, theme overrides, settings) becomes a git
repository; its site is built with the local backend switched on
(CMS_LOCAL_BACKEND) and served on 127.0.0.1; decap-server (npm, pinned in
package-lock.json) runs in git mode on that copy. decap-server's git mode
supports the editorial workflow: each save is a branch cms/<type>/<id>, which
is what a pull request is on GitHub or Gitea. The test fills the forms as
staff would, then treats each branch as CI treats a pull request: validate,
and build the site after merging.

Screenshots of the forms are written to docs/assets/cms-*.png for the staff
guide (docs/cms.md) when UPDATE_SCREENSHOTS=1, and to test-artifacts/ always.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO
from web import artifact, block_external, browser, serve

# Builds the sample site (MkDocs) and drives the form editor in Chromium.
pytestmark = [pytest.mark.slow, pytest.mark.browser]

NODE_MODULES = REPO / "node_modules"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
TODAY = "2025-12-31"
SCREEN = {"width": 1024, "height": 680}  # small enough for the guide's screenshots
GIT = [
    "git",
    "-c",
    "user.name=测试",
    "-c",
    "user.email=test@example.invalid",
    "-c",
    "commit.gpgsign=false",
]

DISCLOSURE = "zhukeng-caiwu-2025-q3"
TASK = "baozhang-biaodan-ceshi"
WRONG = "zhukeng-cunwu-2025-q3"
LONG_TEXT = ("The village committee met on 2025-09-28 and agreed the accounts " * 3).strip()


def _require_node() -> None:
    if shutil.which("node") is None:
        pytest.fail(
            "node is missing: install the Debian package nodejs (and npm), then run make test"
        )
    if not DECAP_SERVER.is_file():
        pytest.fail("decap-server is missing: run `npm ci` in the repository (make test does it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*args, cwd: Path, env=None, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        list(args), cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def _python(project: Path, *args, env=None, check=True):
    env = dict(env or os.environ, PYTHONPATH=str(REPO))
    return _run(sys.executable, "-m", "generators", *args, cwd=project, env=env, check=check)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    _require_node()
    root = tmp_path_factory.mktemp("cms") / "project"
    root.mkdir()
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(
        REPO / "overrides", root / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )
    for name in ("mkdocs.yml", "cms.yml", ".gitignore"):  # the built site stays out of the branches
        shutil.copy(REPO / name, root / name)
    _run("git", "init", "-q", "-b", "main", cwd=root)
    _run(*GIT, "add", "-A", cwd=root)
    _run(*GIT, "commit", "-q", "-m", "数据", cwd=root)
    return root


@pytest.fixture(scope="module")
def editor(project):
    """(base URL of the built site, the project) with decap-server running on the project."""
    port = _free_port()
    env = dict(os.environ, CMS_LOCAL_BACKEND=f"http://127.0.0.1:{port}/api/v1")
    _python(project, "site", "--today", TODAY, "--site-dir", "site", env=env)
    log = open(project.parent / "decap-server.log", "w")
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(
            os.environ,
            MODE="git",
            GIT_REPO_DIRECTORY=str(project),
            PORT=str(port),
            BIND_HOST="127.0.0.1",
            LOG_LEVEL="info",
        ),
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v1", server)
        with serve(project / "site") as base:
            yield base, project
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"decap-server stopped with {server.returncode}")
        request = urllib.request.Request(
            url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("decap-server did not answer within 30 s")


# ---------------------------------------------------------------------------
# filling a form as staff do


class Form:
    def __init__(self, page):
        self.page = page

    def field(self, label: str, nth: int = 0):
        """The input of a field by its Chinese label (Decap marks optional ones 「(可选)」), beside its label:
        Decap can leave a label's `for` naming a control of the form opened before."""
        name = re.compile(f"^{re.escape(label)}( \\(可选\\))?$")
        return (
            self.page.locator("label")
            .filter(has_text=name)
            .nth(nth)
            .locator("xpath=../..")
            .locator("input, textarea")
            .first
        )

    def text(self, label: str, value: str, nth: int = 0) -> None:
        self.field(label, nth).fill(value)

    def choose(self, label: str, option: str, nth: int = 0, typed: str | None = None) -> None:
        """A select: type to filter the options, then click the one shown as `option`."""
        box = self.field(label, nth)
        box.click()
        box.fill(typed or option)
        self.page.locator("[class*='option']").get_by_text(option, exact=True).first.click()
        if self.page.locator("[class*='menu']").count():  # a multiple select stays open
            box.press("Escape")

    def date(self, label: str, value: str, nth: int = 0) -> None:
        self.field(label, nth).fill(value)

    def add(self, list_label: str) -> None:
        """The button that adds an item to a list: 新增审核程序."""
        self.page.locator(f"button:has-text('新增{list_label}')").first.click()

    def save(self) -> None:
        self.page.get_by_role("button", name="保存", exact=True).click()
        try:
            # a saved new entry has its own address
            self.page.wait_for_function("() => location.hash.includes('/entries/')", timeout=20000)
            self.page.get_by_text("修改已保存", exact=True).first.wait_for(timeout=20000)
        except Exception:
            self.page.screenshot(path=artifact("cms/not-saved.png"))
            errors = self.page.evaluate("""() => Array.from(
                    document.querySelectorAll("[class*='ControlErrorsList'] li"))
                .map(li => li.closest("[class*='ControlContainer']").querySelector("label").textContent + ": " +
                     li.textContent)""")
            raise AssertionError(f"the form was not saved: {errors}") from None


def _open(page, base: str, collection: str) -> Form:
    page.goto(f"{base}admin/#/collections/{collection}/new")
    page.reload()  # not the form of the record saved before
    page.locator("label").filter(has_text=re.compile("^编号$")).first.wait_for(timeout=30000)
    return Form(page)


def _top(page) -> None:
    page.evaluate(
        "() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
    )


def _screenshot(page, name: str) -> None:
    """test-artifacts/cms/<name>.png; with UPDATE_SCREENSHOTS=1 also docs/assets/cms-<name>.png for docs/cms.md."""
    path = artifact(f"cms/{name}.png")
    page.screenshot(path=path)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copy(path, REPO / "docs" / "assets" / f"cms-{name}.png")


def _login(page, base: str) -> None:
    page.goto(base + "admin/")
    page.get_by_role("button", name="登录").click()
    page.get_by_text("内容", exact=False).first.wait_for(timeout=30000)


def _fill_disclosure(form: Form, record_id: str, closing: str, content: str) -> None:
    form.text("编号", record_id)
    form.choose("公开类别", "财务")
    form.text("公开事项", "cunji-caiwu")
    form.choose("公开主体", "竹坑村（zhukeng）", typed="zhukeng")
    form.text("所属期间", "2025-Q3")
    form.text("标题", "竹坑村2025年第三季度财务收支公开")
    form.date("公开日期", "2025-12-20")
    for i, (step, by, day) in enumerate(
        (
            ("提出", "竹坑村股份经济合作社", "2025-12-10"),
            ("审核", "竹坑村村务监督委员会", "2025-12-12"),
            ("审批", "青溪镇财政所", "2025-12-15"),
        )
    ):
        form.add("审核程序")
        form.choose("环节", step, i)
        form.text("经办单位", by, i)
        form.date("日期", day, i)
    form.add("公开内容")
    form.text("事项", "收支概况")
    form.text("内容", content)
    form.text("期初余额（元）", "1000.00")
    form.add("收入")
    form.text("收入项目", "no")
    form.text("金额（元）", "500.50", 0)
    form.add("支出")
    form.text("支出项目", "1:20")
    form.text("金额（元）", "200.25", 1)
    form.text("期末余额（元）", closing)


@contextlib.contextmanager
def _logged_in(base: str):
    """A page of the form editor, logged in to the local backend; no request may leave 127.0.0.1."""
    with browser() as chromium:
        page = chromium.new_page(viewport=SCREEN)
        blocked = block_external(page)
        _login(page, base)
        yield page
        assert blocked == [], f"the form editor asked another host: {blocked}"


def test_forms_save_records_that_validate_and_render(editor):
    base, project = editor
    with _logged_in(base) as page:
        _screenshot(page, "collections")

        form = _open(page, base, "disclosure-2025")
        _fill_disclosure(
            form, DISCLOSURE, "1300.25", f"本季度收入合计500.50元，支出合计200.25元。\n{LONG_TEXT}"
        )
        _screenshot(page, "finance")
        _top(page)
        _screenshot(page, "disclosure")
        form.save()

        form = _open(page, base, "task")
        form.text("编号", TASK)
        form.choose(
            "所属方案",
            "青溪镇深化“五星三强”基层党组织建设推进党建引领基层治理实施方案",
            typed="五星",
        )
        form.text("所属行动", "baozhang")
        form.text("任务名称", "用表单新建的任务")
        form.text("任务内容", "no")
        form.choose("牵头单位", "镇财政所（zhen-caizhengsuo）", typed="caizheng")
        form.choose("责任单位", "竹坑村（zhukeng）", typed="zhukeng")
        form.date("开始日期", "2025-10-01")
        form.text("完成时限", "长期坚持")
        form.choose("状态", "推进中")
        form.text("完成进度（%）", "40")
        form.add("进展情况")
        form.date("日期", "2025-12-20")
        form.text("完成进度（%）", "40", 1)
        form.text("进展说明", "010")
        form.save()
        page.goto(base + "admin/#/workflow")
        page.get_by_text("用表单新建的任务").first.wait_for(timeout=30000)
        page.get_by_text("内容已保存").first.wait_for(state="hidden", timeout=30000)
        _screenshot(page, "workflow")

    branches = _run("git", "branch", "--format=%(refname:short)", cwd=project).stdout.split()
    assert (
        f"cms/disclosure-2025/{DISCLOSURE}" in branches
        and f"cms/task/wuxing-sanqiang-2025/{TASK}" in branches
    ), branches
    written = _run(
        "git",
        "show",
        f"cms/disclosure-2025/{DISCLOSURE}:data/disclosures/2025/{DISCLOSURE}.yaml",
        cwd=project,
    ).stdout
    assert f"id: {DISCLOSURE}\n" in written
    assert '- item: "no"\n' in written and '- item: "1:20"\n' in written
    assert (
        f"    content: |-\n      本季度收入合计500.50元，支出合计200.25元。\n      {LONG_TEXT}\n"
        in written
    )
    assert "  closing: 1300.25\n" in written and "published: 2025-12-20\n" in written

    # Each branch is a pull request: merge them as a reviewer would, then validate and build.
    for branch in (f"cms/disclosure-2025/{DISCLOSURE}", f"cms/task/wuxing-sanqiang-2025/{TASK}"):
        _run(*GIT, "merge", "-q", "--no-edit", branch, cwd=project)
    done = _python(project, "validate", "--today", TODAY, "--no-cache", check=False)
    assert done.returncode == 0 and " 错误 " not in done.stdout, done.stdout + done.stderr
    _python(project, "generate", "--today", TODAY, "--no-cache")
    disclosure_page = (project / "docs/generated/disclosures" / f"{DISCLOSURE}.md").read_text(
        encoding="utf-8"
    )
    assert "# 竹坑村2025年第三季度财务收支公开" in disclosure_page
    assert "| **期末余额** | **1,300.25** |" in disclosure_page
    task_page = (project / "docs/generated/tasks" / f"{TASK}.md").read_text(encoding="utf-8")
    assert "用表单新建的任务" in task_page


def test_a_closing_balance_that_does_not_add_up_is_named_by_the_validator(editor):
    base, project = editor
    with _logged_in(base) as page:
        form = _open(page, base, "disclosure-2025")
        _fill_disclosure(form, WRONG, "1300.00", "本季度收入合计500.50元，支出合计200.25元。")
        form.save()
    branch = f"cms/disclosure-2025/{WRONG}"
    _run(*GIT, "checkout", "-q", branch, cwd=project)
    try:
        done = _python(project, "validate", "--today", TODAY, "--no-cache", check=False)
    finally:
        _run(*GIT, "checkout", "-q", "main", cwd=project)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if " 错误 " in line]
    assert errors == [
        f"data/disclosures/2025/{WRONG}.yaml:29:12: 错误 finance.unbalanced 字段「财务收支 › 期末余额（元）」："
        "期末余额写的是 1300.00 元，但 期初 1000.00 + 收入 500.50 − 支出 200.25 = 1300.25 元"
        " — 核对每一笔收支和期初、期末余额，账目要精确到分"
    ], done.stdout
