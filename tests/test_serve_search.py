"""`make serve` (python -m generators serve): the preview searches as the published site does.

The preview is MkDocs' live server, rebuilt when data/ changes; after each build the pages are
indexed with Pagefind (overrides/hooks/regenerate.py), so the header's box finds pages there
too, and finds a page added while it runs. Run on the small fixture data in a copy of the site
project, on a free port, with Chromium typing into the box.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import MINIMAL
from playwright.sync_api import Error as PlaywrightError
from sitebuild import ROOT, copy_site_project
from sitesearch import search
from web import DESKTOP, block_external, browser

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TASK = "tasks/jiceng-2025/wangge-fugai.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return 0


def wait_for(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while fetched(url) != 200:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        assert time.monotonic() < deadline, f"{url} never answered"
        time.sleep(0.5)


@pytest.fixture
def preview(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_site_project(project)
    shutil.copytree(MINIMAL, project / "data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "GITHUB_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", OFFLINE="false")
    env.pop("SITE_URL", None)
    command = [sys.executable, "-m", "generators", "serve", "--data", "data"]
    command += ["--today", "2025-12-31", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # its own process group: mkdocs serve, its child, ends with it
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "pagefind/pagefind-entry.json", process)
        yield project, base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # as Ctrl-C reaches both in a terminal
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_the_preview_searches_and_finds_a_page_added_while_it_runs(preview):
    project, base, process = preview
    with browser() as chromium:
        page = chromium.new_page(viewport=DESKTOP)
        blocked = block_external(page)
        page.goto(base, wait_until="load")
        found, message = search(page, base, "网格党小组全覆盖")
        assert "tasks/wangge-fugai/" in found[:3], (found, message)
        task = project / "data" / TASK
        added = task.with_name("xunhang-jiancha.yaml")
        text = task.read_text(encoding="utf-8").replace("网格党小组全覆盖", "河道巡查常态化")
        added.write_text(text.replace("id: wangge-fugai", "id: xunhang-jiancha"), encoding="utf-8")
        wait_for(base + "tasks/xunhang-jiancha/", process)
        deadline = time.monotonic() + 120
        found, message = [], ""
        while "tasks/xunhang-jiancha/" not in found[:3]:
            assert process.poll() is None
            assert time.monotonic() < deadline, (found, message)
            time.sleep(2)
            try:  # the preview reloads the page when its rebuild ends
                page.goto(base, wait_until="load")
                found, message = search(page, base, "河道巡查常态化")
            except PlaywrightError as error:
                found, message = [], str(error)
        assert blocked == []
