"""The test tiers, and the check that a test carries the marker of what it starts.

A plain `pytest` runs the fast tier: it leaves out tests marked `browser` (they
launch Chromium, through Playwright or on the command line) and `slow` (they run
MkDocs: a site build, `python -m generators site`, or otherwise take long).
`pytest --all` (what `make test` runs) runs every tier; so does `-m EXPRESSION`,
which selects by its own expression; and a file or test named on the command
line runs whatever its markers (`pytest tests/test_web_layout.py`).

A marker is easy to forget, so it is checked where it matters: every process a
test starts, in its fixtures too, is seen (an audit hook on subprocess.Popen),
and a test that starts Chromium or MkDocs without its marker fails, naming the
marker to add. What a fixture started counts for every test that uses it, and
a test using the sample site (`sample_build`, built once and shared) needs
`slow` whoever built it. The check runs in every tier, so `make test` and CI
catch a forgotten marker.
"""

from __future__ import annotations

import itertools
import os
import shlex
import sys
from pathlib import Path

import pytest

BROWSERS = {"chromium", "chromium-browser", "chrome", "google-chrome", "headless_shell"}

# What a marker is for, as `pytest --markers` and the failure message say it.
MARKERS = {
    "browser": "launches Chromium (Playwright or its command line)",
    "slow": "runs MkDocs (a site build, `generators site`) or takes long otherwise",
}

# Fixtures that build something a marker stands for, whether or not this process built it.
FIXTURES = {"sample_build": ("slow", "the sample site, built with MkDocs (tests/sitebuild.py)")}

_LEFT_OUT = pytest.StashKey[int]()
_current: list[pytest.Item] = []  # the test being set up, run or torn down
_fixtures: list[object] = []  # the fixture definitions being set up, innermost last
_started: dict[str, set[tuple[str, str]]] = {}  # test id -> (marker, command) it needs
_started_by_fixture: dict[object, set[tuple[str, str]]] = {}  # fixture definition -> the same


def marker_for(argv: list[str]) -> str | None:
    """The marker a test needs to start this command line, or None."""
    words = [Path(word).name for word in argv]
    if words and words[0] in BROWSERS:
        return "browser"
    if "run-driver" in words and "cli.js" in words:  # Playwright's driver, which starts Chromium
        return "browser"
    if "generators.build.mkdocs_build" in words:
        return "slow"
    commands = set(itertools.pairwise(words))  # a program and the word after it
    if commands & {("mkdocs", "build"), ("mkdocs", "serve"), ("generators", "site")}:
        return "slow"
    return None


def _argv(args) -> list[str]:
    if isinstance(args, (str, bytes, os.PathLike)):
        return shlex.split(os.fsdecode(args))
    return [os.fsdecode(arg) for arg in args]


def _audit(event: str, args: tuple) -> None:
    if event != "subprocess.Popen" or not _current:
        return
    try:
        argv = _argv(args[1])
    except (TypeError, ValueError):
        return
    marker = marker_for(argv)
    if marker:
        started = (marker, shlex.join(argv))
        _started.setdefault(_current[-1].nodeid, set()).add(started)
        for fixture in _fixtures:
            _started_by_fixture.setdefault(fixture, set()).add(started)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--all",
        action="store_true",
        default=False,
        help="run every tier: the browser and slow tests too (make test does)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}; left out of a plain pytest run")
    if not getattr(sys, "_dangjian_tiers_hooked", False):  # audit hooks stay for good
        sys.addaudithook(_audit)
        sys._dangjian_tiers_hooked = True  # type: ignore[attr-defined]


def _named(config: pytest.Config) -> set[Path]:
    """The files named on the command line (a folder names none: its fast tier runs)."""
    named = set()
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path.is_file():
            named.add(path)
    return named


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--all") or config.getoption("markexpr"):
        return
    named = _named(config)
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        later = any(item.get_closest_marker(marker) for marker in MARKERS)
        (left_out if later and item.path.resolve() not in named else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
        config.stash[_LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    left_out = config.stash.get(_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(
            f"fast tier: {left_out} browser and slow tests left out; "
            "`make test` (or `pytest --all`) runs them too"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _current.append(item)
    try:
        return (yield)
    finally:
        _current.pop()
        _started.pop(item.nodeid, None)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    _fixtures.append(fixturedef)
    try:
        return (yield)
    finally:
        _fixtures.pop()


def _needed(item: pytest.Item) -> set[tuple[str, str]]:
    """(marker, what) for everything the test and the fixtures it uses started."""
    needed = set(_started.get(item.nodeid, ()))
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for name, chain in definitions.items():
        for fixture in chain:
            needed |= _started_by_fixture.get(fixture, set())
        if name in FIXTURES:
            needed.add(FIXTURES[name])
    return needed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield
    missing = sorted(
        (marker, command)
        for marker, command in _needed(item)
        if item.get_closest_marker(marker) is None
    )
    if missing:
        marker, command = missing[0]
        pytest.fail(
            f"this test (or a fixture it uses) {MARKERS[marker]} but is not marked "
            f"@pytest.mark.{marker}: add the marker (or pytestmark = pytest.mark.{marker} "
            f"for the whole file) so the fast tier leaves it out.\nIt uses: {command}",
            pytrace=False,
        )
    return result
