"""The test tiers (tests/tiers.py): what a plain `pytest` leaves out, and the check that a test
starting Chromium or MkDocs carries its marker.

Each case is a small test suite of its own, run by pytest in this process (pytester) with
the tiers plugin; the processes its tests start only look like a browser or a site build
(`true` with such words, or a stand-in named chromium), so nothing heavy runs.
"""

from __future__ import annotations

import pytest
from tiers import marker_for

CONFTEST = """
import subprocess
import pytest

pytest_plugins = ["tiers"]


@pytest.fixture(scope="module")
def built():
    subprocess.run(["true", "-m", "mkdocs", "build", "--strict"], check=True)


@pytest.fixture(scope="session")
def sample_build():
    return "built elsewhere"
"""


@pytest.fixture
def suite(pytester):
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider -p no:xdist\n")
    return pytester


@pytest.mark.parametrize(
    "argv, marker",
    [
        (["/usr/bin/chromium", "--headless", "--screenshot=a.png", "file:///a.html"], "browser"),
        (
            ["/x/playwright/driver/node", "/x/playwright/driver/package/cli.js", "run-driver"],
            "browser",
        ),
        (["/v/bin/python", "-m", "mkdocs", "build", "--strict"], "slow"),
        (["/v/bin/mkdocs", "serve"], "slow"),
        (["/v/bin/python", "-m", "generators", "site", "--data", "data"], "slow"),
        (["/v/bin/python", "-m", "generators.build.mkdocs_build", "new-site"], "slow"),
        (["/v/bin/python", "-m", "generators", "validate", "--data", "site"], None),
        (["/v/bin/python", "-m", "generators", "generate", "--docs", "build"], None),
        (["git", "commit", "-m", "build the site"], None),
        (["node", "decap-server.js"], None),
    ],
)
def test_what_needs_a_marker(argv, marker):
    assert marker_for(argv) == marker


def test_a_site_build_without_slow_fails_and_names_the_marker(suite):
    suite.makepyfile(
        test_one="""
        import subprocess

        def test_builds():
            subprocess.run(["true", "-m", "mkdocs", "build", "--strict"], check=True)
        """
    )
    result = suite.runpytest_inprocess("--all")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*runs MkDocs (a site build, `generators site`) or takes long otherwise but is not"
            " marked @pytest.mark.slow: add the marker*",
            "It uses: true -m mkdocs build --strict",
        ]
    )


def test_a_browser_without_its_marker_fails_and_with_it_passes(suite):
    chromium = suite.path / "bin" / "chromium"
    chromium.parent.mkdir()
    chromium.write_text("#!/bin/sh\nexit 0\n")
    chromium.chmod(0o755)
    suite.makepyfile(
        test_one=f"""
        import subprocess
        import pytest

        def test_unmarked():
            subprocess.run([{str(chromium)!r}, "--headless"], check=True)

        @pytest.mark.browser
        def test_marked():
            subprocess.run([{str(chromium)!r}, "--headless"], check=True)
        """
    )
    result = suite.runpytest_inprocess("--all", "-rA")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*not marked @pytest.mark.browser*", "FAILED*test_unmarked*"])


def test_every_test_using_a_fixture_that_builds_needs_the_marker_not_only_the_first(suite):
    suite.makepyfile(
        test_one="""
        def test_first(built):
            pass

        def test_second(built):
            pass

        def test_without_it():
            pass
        """
    )
    result = suite.runpytest_inprocess("--all", "-rA")
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines(["FAILED*test_first*", "FAILED*test_second*"], consecutive=False)


def test_the_shared_sample_site_needs_slow_even_when_another_process_built_it(suite):
    suite.makepyfile(
        test_one="""
        import pytest

        def test_unmarked(sample_build):
            pass

        @pytest.mark.slow
        def test_marked(sample_build):
            pass
        """
    )
    result = suite.runpytest_inprocess("--all", "-rA")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*It uses: the sample site, built with MkDocs*"])


TIERED = """
import pytest

def test_fast():
    pass

@pytest.mark.slow
def test_slow():
    pass

@pytest.mark.browser
def test_browser():
    pass
"""


def test_a_plain_run_is_the_fast_tier_and_says_what_it_left_out(suite):
    suite.makepyfile(test_one=TIERED)
    suite.mkdir("more").joinpath("test_two.py").write_text(TIERED)
    result = suite.runpytest_inprocess()
    result.assert_outcomes(passed=2, deselected=4)
    result.stdout.fnmatch_lines(
        [
            "fast tier: 4 browser and slow tests left out; "
            "`make test` (or `pytest --all`) runs them too"
        ]
    )


@pytest.mark.parametrize(
    "args, passed, deselected",
    [
        (["--all"], 6, 0),
        (["test_one.py"], 3, 0),  # a file named on the command line runs whatever its markers
        (["test_one.py::test_slow"], 1, 0),
        (["more"], 1, 2),  # a folder runs its fast tier
        (["-m", "browser"], 2, 4),  # -m selects by its own expression
        (["-m", "not slow"], 4, 2),
    ],
)
def test_all_a_named_file_or_m_choose_otherwise(suite, args, passed, deselected):
    suite.makepyfile(test_one=TIERED)
    suite.mkdir("more").joinpath("test_two.py").write_text(TIERED)
    result = suite.runpytest_inprocess(*args)
    result.assert_outcomes(passed=passed, deselected=deselected)
