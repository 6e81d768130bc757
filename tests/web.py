"""A real browser for tests: Playwright for Python driving Debian's Chromium, on a site served over HTTP.

Playwright never downloads a browser here: it launches /usr/bin/chromium (the
Debian package, which `make test` installs) by executable path. A missing
Chromium fails the test, it never skips it.

    with serve(site_dir) as base_url, browser() as chromium:
        page = chromium.new_page(viewport=PHONE)
        page.goto(base_url + "villages/")

Screenshots go to test-artifacts/ (git-ignored; CI keeps it as an artifact).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

from browser import CHROMIUM, require

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serves a folder on 127.0.0.1 at a free port; yields its base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    """Debian's Chromium under Playwright, headless; closed on exit."""
    require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def block_external(page) -> list[str]:
    """Aborts every request that leaves 127.0.0.1 and returns the list it records them in."""
    blocked: list[str] = []

    def route(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "file:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", route)
    return blocked


def artifact(name: str) -> Path:
    """A path under test-artifacts/ for a screenshot or PDF; its folder exists."""
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
