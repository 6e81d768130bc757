"""Shared fixtures: a minimal valid dataset to mutate, and a way to run the command line."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The tiers (fast by default; `browser` and `slow` with --all) and the check of their markers;
# pytester runs small suites of their own in tests/test_tiers.py.
pytest_plugins = ["tiers", "pytester"]

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
TODAY = dt.date(2025, 12, 31)

# Files of the minimal dataset, relative to its data folder.
TOWNSHIP = "townships/qingxi.yaml"
VILLAGE = "villages/xikou.yaml"
BRANCH = "branches/xikou-dangzhibu.yaml"
PLAN = "plans/jiceng-2025.yaml"
TASK = "tasks/jiceng-2025/wangge-fugai.yaml"
DISCLOSURE = "disclosures/2025/xikou-2025-q1-caiwu.yaml"
MEETINGS = "meetings/xikou-dangzhibu-2025.yaml"
FINDING = "findings/xikou-sanhui-yike.yaml"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sample_data: checks the bundled sample in data/; when only these fail, "
        "the sample data is wrong, not the code",
    )


class Dataset:
    """A copy of tests/fixtures/minimal at ./data, edited in place by a test."""

    def __init__(self, root: Path):
        self.root = root  # the working folder; the data folder is root / "data"
        self.data = root / "data"

    def path(self, relative: str) -> Path:
        return self.data / relative

    def shown(self, relative: str) -> str:
        """The path as validation reports it."""
        return f"data/{relative}"

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, content: str | bytes) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replaces the one occurrence of `old`; fails loudly if there is not exactly one."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write(relative, text.replace(old, new))

    def plan_in_township(self, township: str = "qingxi") -> None:
        """The minimal plan says its township, as every plan must once there are several."""
        self.replace(PLAN, "issued: 2025-01-10\n", f"issued: 2025-01-10\ntownship: {township}\n")

    def delete(self, relative: str) -> None:
        self.path(relative).unlink()

    def move(self, relative: str, to: str) -> None:
        target = self.path(to)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.path(relative).rename(target)

    def validate(self, today: dt.date = TODAY):
        from generators.check.validate import validate

        return validate(Path("data"), today)


@pytest.fixture
def dataset(tmp_path, monkeypatch) -> Dataset:
    """The minimal valid dataset copied to <tmp>/data, with <tmp> as the working folder."""
    shutil.copytree(MINIMAL, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Dataset(tmp_path)


def _environment(env: dict | None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    environment["PYTHONPATH"] = str(REPO)
    environment["PYTHONIOENCODING"] = "utf-8"
    environment.update(env or {})
    return environment


def spawn_cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60):
    """`python -m generators ARGS` in a new process; returns the CompletedProcess (text, UTF-8).

    For tests where the process is the point: its exit status, what goes to stdout and
    what to stderr, the encoding under another locale. Everything else uses run_cli."""
    return subprocess.run(
        [sys.executable, "-m", "generators", *args],
        cwd=cwd,
        env=_environment(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def run_cli(*args: str, cwd: Path, env: dict | None = None):
    """`python -m generators ARGS` in this process (about 1 s cheaper than spawn_cli).

    The command line's main() runs with the working folder `cwd`, the environment
    spawn_cli would give it and its own stdout and stderr (UTF-8, read back with
    universal newlines as a process's are); both are restored afterwards. Returns a
    CompletedProcess: the exit status main() returned or exited with, and the text."""
    from generators.cli.commands import main

    if env and "PYTHONPATH" in env:
        raise ValueError("PYTHONPATH names another copy of the code: that needs spawn_cli")
    streams = {"stdout": io.BytesIO(), "stderr": io.BytesIO()}
    saved_environment, saved_folder = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(_environment(env))
    os.chdir(cwd)
    try:
        with (
            _writer(streams["stdout"]) as out,
            _writer(streams["stderr"]) as err,
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                status = main(list(args))
            except SystemExit as exit:  # argparse's usage errors and --help
                status = _exit_status(exit.code, err)
    finally:
        os.chdir(saved_folder)
        os.environ.clear()
        os.environ.update(saved_environment)
    text = {name: _read_back(stream.getvalue()) for name, stream in streams.items()}
    return subprocess.CompletedProcess(
        ["python", "-m", "generators", *args], status, text["stdout"], text["stderr"]
    )


@contextlib.contextmanager
def _writer(buffer: io.BytesIO):
    stream = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # keeps the buffer open to be read


def _exit_status(code, stderr) -> int:
    """As the interpreter turns sys.exit(code) into an exit status."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    stderr.write(f"{code}\n")
    return 1


def _read_back(data: bytes) -> str:
    """Bytes as subprocess.run(text=True) reads them: UTF-8 with universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help=(
            "rewrite tests/golden/ and tests/golden-township/ from the rendered pages "
            "instead of comparing"
        ),
    )


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample site built once per test run (tests/sitebuild.py): (project folder, the process).

    Under pytest-xdist the workers share that one build: the first to need it builds it, one
    that needs it meanwhile waits (a file lock in the run's temporary folder, which all share)."""
    from filelock import FileLock
    from sitebuild import build_sample

    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build_sample(tmp_path_factory.mktemp("sample-site"))
    shared = tmp_path_factory.getbasetemp().parent
    with FileLock(shared / "sample-site.lock"):
        return build_sample(shared / "sample-site")


@pytest.fixture(scope="session")
def sample_site(sample_build) -> Path:
    """The built sample site's folder (tests must not change it)."""
    project, process = sample_build
    assert process.returncode == 0, process.stdout + process.stderr
    return project / "site"


@pytest.fixture(scope="session")
def sample_model():
    """The model of the bundled sample (data/) as of TODAY, for tests that read it."""
    from generators.check.validate import validate
    from generators.model.site import build_model
    from generators.spec.registry import REGISTRY

    result = validate(REPO / "data", TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return build_model(result.records, TODAY, {}, REGISTRY)


@pytest.fixture(scope="session")
def sample_pages(sample_model) -> dict[str, str]:
    """The sample's pages as rendered (path inside the generated folder → Markdown)."""
    from generators.render.pages import render_site

    return render_site(sample_model)
