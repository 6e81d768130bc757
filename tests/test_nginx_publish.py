"""The shipped nginx configuration serving a web root while releases are published and rolled back.

A real nginx (Debian's package; .ci/run installs it) runs deploy/nginx/dangjian.conf with only its
listen address and root changed, on 127.0.0.1. While a bounded loop of requests runs (two threads,
at most 60 s), a new release is published with `python -m generators publish`: no request fails,
and the new release is served; `rollback` serves the previous one again. The publish time is
written to test-artifacts/publish-times.txt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from web import artifact

CONF = REPO / "deploy" / "nginx" / "dangjian.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MARKER = "<!-- 第二次发布 -->"
LOOP_SECONDS = 60
LOOP_REQUESTS = 20000

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_block(web_root: Path, port: int) -> str:
    text = CONF.read_text(encoding="utf-8")
    for old, new in (
        ("    listen 80;\n", f"    listen 127.0.0.1:{port};\n"),
        ("    root /srv/dangjian/current;\n", f"    root {web_root}/current;\n"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@contextlib.contextmanager
def nginx(web_root: Path, folder: Path):
    if not Path(NGINX).is_file():
        pytest.fail("nginx is missing: install the Debian package nginx (.ci/run does)")
    port = _free_port()
    folder.mkdir()
    (folder / "dangjian.conf").write_text(_server_block(web_root, port), encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the test's private folder
    temp = " ".join(
        f"{name}_temp_path {folder}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log warn;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  {temp}\n  include {folder}/dangjian.conf;\n}}\n",
        encoding="utf-8",
    )
    command = [
        NGINX,
        "-p",
        str(folder),
        "-e",
        str(folder / "error.log"),
        "-c",
        str(folder / "nginx.conf"),
    ]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert server.stderr is not None  # stderr=PIPE
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start within 20 s"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return (
                response.status,
                dict(response.headers),
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


class RequestLoop:
    """Requests in two threads until stopped, at most LOOP_REQUESTS or LOOP_SECONDS."""

    def __init__(self, base: str, paths: list[str]):
        self.base, self.paths = base, paths
        self.done = threading.Event()
        self.results: list[tuple[float, str, object]] = []  # (time, path, status or error)
        self.lock = threading.Lock()

    def _run(self, offset: int) -> None:
        started, n = time.monotonic(), offset
        while not self.done.is_set() and time.monotonic() - started < LOOP_SECONDS:
            path = self.paths[n % len(self.paths)]
            n += 1
            try:
                status = get(self.base + path)[0]
            except OSError as error:
                status = repr(error)
            with self.lock:
                self.results.append((time.monotonic(), path, status))
                if len(self.results) >= LOOP_REQUESTS:
                    return

    @contextlib.contextmanager
    def running(self):
        threads = [threading.Thread(target=self._run, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        try:
            yield self
        finally:
            time.sleep(0.5)
            self.done.set()
            for thread in threads:
                thread.join(timeout=LOOP_SECONDS)


def publish(site: Path, web_root: Path, release: str):
    started = time.monotonic()
    done = run_cli(
        "publish",
        "--site-dir",
        str(site),
        "--web-root",
        str(web_root),
        "--release",
        release,
        cwd=web_root.parent,
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def test_nginx_serves_every_request_while_a_release_is_published_and_rolled_back(
    sample_site, tmp_path
):
    web_root = tmp_path / "www"
    second = tmp_path / "second"
    shutil.copytree(sample_site, second)
    index = second / "index.html"
    index.write_text(index.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    first_seconds = publish(sample_site, web_root, "1" * 40)
    css = next(sample_site.glob("assets/stylesheets/main.*.min.css")).relative_to(sample_site)
    paths = [
        "/",
        "/villages/xikou/",
        "/disclosures/",
        f"/{css.as_posix()}",
        "/pagefind/pagefind-entry.json",
    ]
    with nginx(web_root, tmp_path / "nginx") as base:
        status, _, body = get(base + "/")
        assert status == 200 and MARKER not in body
        loop = RequestLoop(base, paths)
        with loop.running():
            time.sleep(1)
            switch_started = time.monotonic()
            second_seconds = publish(second, web_root, "2" * 40)
            switch_ended = time.monotonic()
        failed = [r for r in loop.results if r[2] != 200]
        during = [r for r in loop.results if switch_started <= r[0] <= switch_ended]
        assert failed == [], failed[:10]
        assert len(during) > 10, len(during)
        assert MARKER in get(base + "/")[2]

        back = run_cli("rollback", "--web-root", str(web_root), cwd=tmp_path)
        assert back.returncode == 0, back.stderr
        status, _, body = get(base + "/")
        assert status == 200 and MARKER not in body

        status, headers, body = get(base + "/no-such-page/")
        assert status == 404 and "404 找不到这个网页" in body and "回到首页" in body
        assert get(base + "/" + css.as_posix())[1]["Cache-Control"] == (
            "public, max-age=31536000, immutable"
        )
        assert get(base + "/")[1]["Cache-Control"] == "no-cache"
        assert get(base + "/villages/xikou/")[1]["Content-Type"] == "text/html; charset=utf-8"
    with open(artifact("publish-times.txt"), "a", encoding="utf-8") as out:
        out.write(
            f"publish (first, empty web root)\t{first_seconds:.2f} s\n"
            f"publish (under {len(loop.results)} requests, {len(during)} during the switch)\t"
            f"{second_seconds:.2f} s\n"
        )
