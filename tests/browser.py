"""Real-browser helpers for tests: Debian's Chromium command line, poppler and zbar.

Nothing here downloads a browser: the tools come from Debian packages, which
`make test` installs when one is missing (tests/debian-packages). A test that needs a tool calls
require(...) first; a missing tool fails the test with the package to
install, it never skips it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Command -> the Debian package that provides it.
PACKAGES = {
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
    "zbarimg": "zbar-tools",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
}

TIMEOUT = 120  # seconds for one run of a tool

_CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
]


def _found(tool: str) -> bool:
    if tool == "chromium":
        return os.access(CHROMIUM, os.X_OK)
    return shutil.which(tool) is not None


def require(*tools: str) -> None:
    """Fails the calling test (never skips) when a command is not installed."""
    missing = [tool for tool in tools if not _found(tool)]
    if missing:
        packages = sorted({PACKAGES.get(tool, tool) for tool in missing})
        pytest.fail(
            f"missing command(s) {', '.join(missing)}: install the Debian package(s) with "
            f"`apt-get install -y {' '.join(packages)}` (make test does this when it can)",
            pytrace=False,
        )


def _run(args: list[str], what: str) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            args, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took longer than {TIMEOUT} s: {' '.join(args)}", pytrace=False)
    return result


def _url(html_path_or_url: str | Path) -> str:
    text = str(html_path_or_url)
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not re.match(
        r"^[a-z]:[\\/]", text, re.I
    ):
        return text
    return Path(text).resolve().as_uri()


def _chromium(extra: list[str], url: str, out: Path, what: str) -> Path:
    require("chromium")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    # A profile of its own, so runs in parallel or after a crash never share a lock.
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        args = [CHROMIUM, *_CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url]
        result = _run(args, what)
    if result.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        pytest.fail(
            f"{what} of {url} failed (exit {result.returncode}, no {out.name}):\n"
            f"{result.stderr[-2000:]}",
            pytrace=False,
        )
    return out


def screenshot(html_path_or_url: str, out_png: Path, width: int, height: int) -> Path:
    """A PNG of the page (a file path or a URL) in a width x height window."""
    out_png = Path(out_png).resolve()
    return _chromium(
        [f"--window-size={width},{height}", f"--screenshot={out_png}"],
        _url(html_path_or_url),
        out_png,
        "Chromium screenshot",
    )


def dump_dom(
    html_path_or_url: str | Path, width: int = 1000, height: int = 1000, scripts_ms: int = 10000
) -> str:
    """The page's DOM as HTML once its scripts have run (for up to `scripts_ms` of virtual time).

    Pages on file:// may read frames of other local files, so a host page can
    hold a page in an <iframe> of an exact width (headless windows are never
    narrower than 500 px), measure it and write what it found into its own DOM."""
    require("chromium")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        args = [
            CHROMIUM,
            *_CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={scripts_ms}",
            "--allow-file-access-from-files",
            "--dump-dom",
            _url(html_path_or_url),
        ]
        result = _run(args, "Chromium --dump-dom")
    if result.returncode != 0 or "<html" not in result.stdout:
        pytest.fail(
            f"Chromium could not dump {html_path_or_url} (exit {result.returncode}):\n"
            f"{result.stderr[-2000:]}",
            pytrace=False,
        )
    return result.stdout


def print_to_pdf(url: str, out_pdf: Path) -> Path:
    """The page printed to PDF as a browser's print dialog would, without header or footer."""
    out_pdf = Path(out_pdf).resolve()
    return _chromium(
        [f"--print-to-pdf={out_pdf}", "--no-pdf-header-footer"],
        _url(url),
        out_pdf,
        "Chromium print to PDF",
    )


def pdf_pages(pdf: Path) -> int:
    """The number of pages of a PDF, as pdfinfo reports it."""
    require("pdfinfo")
    result = _run(["pdfinfo", str(pdf)], "pdfinfo")
    match = re.search(r"^Pages:\s+(\d+)\s*$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        pytest.fail(f"pdfinfo could not read {pdf}:\n{result.stdout}{result.stderr}", pytrace=False)
    return int(match.group(1))


def pdf_to_png(pdf: Path, out_prefix: Path, dpi: int = 80) -> list[Path]:
    """Each page of the PDF as a PNG (80 dpi unless told): out_prefix-1.png, out_prefix-2.png, ..."""
    require("pdftoppm")
    out_prefix = Path(out_prefix)
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    result = _run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_prefix)], "pdftoppm")
    if result.returncode != 0:
        pytest.fail(f"pdftoppm failed on {pdf}:\n{result.stderr}", pytrace=False)
    # pdftoppm pads page numbers to the width of the page count (-01, -001, ...).
    pages = [
        p
        for p in out_prefix.parent.glob(out_prefix.name + "-*.png")
        if p.stem[len(out_prefix.name) + 1 :].isdigit()
    ]
    pages.sort(key=lambda p: int(p.stem[len(out_prefix.name) + 1 :]))
    if not pages:
        pytest.fail(f"pdftoppm wrote no page for {pdf}", pytrace=False)
    return pages


def decode_qr(png: Path) -> list[str]:
    """The text of every QR code (or other barcode) zbarimg finds in the image; [] when none."""
    require("zbarimg")
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)],
        capture_output=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    # zbarimg exits 4 when it finds no symbol; anything else non-zero is an error.
    if result.returncode == 4:
        return []
    if result.returncode != 0:
        pytest.fail(
            f"zbarimg failed on {png} (exit {result.returncode}):\n"
            f"{result.stderr.decode('utf-8', 'replace')}",
            pytrace=False,
        )
    # --raw prints each symbol's data followed by a newline.
    text = result.stdout.decode("utf-8")
    return [line for line in text.split("\n") if line]
