"""Property: whatever happens to a file, validation reports problems; it never raises or hangs.

Files of the minimal dataset are mutated at the byte level (flips, insertions,
deletions) and at the YAML token level (indentation, `:`, `-`, anchors, tags,
brackets, quotes, document markers, tabs, huge numbers, odd Unicode). The
default run is FUZZ_EXAMPLES=200 in process; set the variable for a longer run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sized
from pathlib import Path

from conftest import MINIMAL, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.check.validate import Validation, validate
from generators.spec.problems import ERROR, WARNING

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
TODAY = dt.date(2025, 12, 31)
FILES = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml"))
ORIGINAL = {name: (MINIMAL / name).read_bytes() for name in FILES}

TOKENS = [
    ":",
    ": ",
    " :",
    "- ",
    "-",
    "&a ",
    "*a",
    "&a",
    "*b ",
    "!!",
    "!!str ",
    "!!python/object/apply:os.system ",
    "!foo ",
    "!<tag:x> ",
    "{",
    "}",
    "[",
    "]",
    "{a: ",
    ", ",
    "'",
    '"',
    "\\",
    "---\n",
    "...\n",
    "\t",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "# ",
    "|",
    ">",
    "|-\n",
    "? ",
    "<<: *a\n",
    "%YAML 1.1\n",
    "@",
    "`",
    "9" * 40,
    "1" * 5000,
    "-0",
    "0x1F",
    "1e999",
    ".nan",
    "010",
    "1:20",
    "2024-02-30",
    "2025/3/1",
    "~",
    "null",
    "yes",
    "no",
    "true",
    "３",
    "１２．５",
    "\ufeff",
    "\u200b",
    "\u2028",
    "\u0085",
    "\u3000",
    "\u00a0",
    "：",
    "\x00",
    "\x1b",
    "\ud800",
    "\U0001f600",
    "溪口村",
    "长期坚持",
    "../",
    "a/b",
]


@st.composite
def mutations(draw):
    """One edit of a byte string, as a function of the bytes."""
    # Raw bytes mostly make invalid UTF-8, reported before any YAML is read: drawn less often.
    kind = draw(
        st.sampled_from(
            [
                "flip",
                "insert-bytes",
                "delete",
                "delete",
                "token",
                "token",
                "token",
                "token",
                "repeat",
                "unicode",
                "unicode",
                "indent",
                "dedent",
                "tab-indent",
                "duplicate-line",
                "drop-line",
                "swap-lines",
            ]
        )
    )
    where = draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    if kind == "flip":
        mask = draw(st.integers(min_value=1, max_value=255))
        return kind, lambda raw: _at(
            raw, where, lambda r, i: r[:i] + bytes([r[i] ^ mask]) + r[i + 1 :]
        )
    if kind == "insert-bytes":
        blob = draw(st.binary(min_size=1, max_size=8))
        return kind, lambda raw: _insert(raw, where, blob)
    if kind == "delete":  # whole characters, so the text stays UTF-8
        length = draw(st.integers(min_value=1, max_value=40))
        return kind, lambda raw: _at(
            raw, where, lambda r, i: r[: _boundary(r, i)] + r[_boundary(r, i + length) :]
        )
    if kind in ("token", "repeat", "unicode"):
        if kind == "unicode":
            token = draw(st.text(min_size=1, max_size=6))
        else:
            token = draw(st.sampled_from(TOKENS))
        if kind == "repeat":
            token *= draw(st.integers(min_value=2, max_value=200))
        blob = token.encode("utf-8", "surrogatepass")
        return kind, lambda raw: _insert(raw, where, blob, text=True)
    line_edit = {
        "indent": lambda lines, i: lines[:i] + [b"  " + lines[i]] + lines[i + 1 :],
        "dedent": lambda lines, i: (
            lines[:i] + [lines[i][2:] if lines[i].startswith(b"  ") else lines[i]] + lines[i + 1 :]
        ),
        "tab-indent": lambda lines, i: (
            lines[:i] + [lines[i].replace(b"  ", b"\t", 1)] + lines[i + 1 :]
        ),
        "duplicate-line": lambda lines, i: lines[: i + 1] + lines[i:],
        "drop-line": lambda lines, i: lines[:i] + lines[i + 1 :],
        "swap-lines": lambda lines, i: (
            lines[:i] + lines[i + 1 : i + 2] + lines[i : i + 1] + lines[i + 2 :]
        ),
    }[kind]
    return kind, lambda raw: _lines(raw, where, line_edit)


def _index(raw: Sized, where: float) -> int:
    return min(int(where * len(raw)), max(len(raw) - 1, 0))


def _at(raw: bytes, where: float, edit) -> bytes:
    return edit(raw, _index(raw, where)) if raw else raw


def _boundary(raw: bytes, i: int) -> int:
    """The start of the UTF-8 character at byte i."""
    while 0 < i < len(raw) and 0x80 <= raw[i] < 0xC0:
        i -= 1
    return i


def _insert(raw: bytes, where: float, blob: bytes, text: bool = False) -> bytes:
    i = int(where * len(raw))
    if text:
        i = _boundary(raw, i)
    return raw[:i] + blob + raw[i:]


def _lines(raw: bytes, where: float, edit) -> bytes:
    lines = raw.split(b"\n")
    return b"\n".join(edit(lines, _index(lines, where))) if lines else raw


def mutated_files():
    """(file, mutated bytes, the mutations' names)."""

    @st.composite
    def build(draw):
        name = draw(st.sampled_from(FILES))
        steps = draw(st.lists(mutations(), min_size=1, max_size=4))
        raw = ORIGINAL[name]
        for _, apply in steps:
            raw = apply(raw)
        return name, raw, [kind for kind, _ in steps]

    return build()


def _check_report(result):
    assert isinstance(result, Validation)
    for problem in result.problems:
        assert problem.severity in (ERROR, WARNING)
        assert problem.code and problem.message
        assert problem.path.startswith("data/")
        assert problem.line >= 0 and problem.col >= 0
        text = problem.text()
        assert "\n" not in text and "\r" not in text
        text.encode("utf-8")  # printable as UTF-8: no lone surrogates in any message


class _Workspace:
    """One copy of the minimal dataset per test; each example changes one file and restores it."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="fuzz-"))
        shutil.copytree(MINIMAL, self.root / "data")

    def run(self, name: str, raw: bytes, action):
        target = self.root / "data" / name
        target.write_bytes(raw)
        try:
            return action(self.root)
        finally:
            target.write_bytes(ORIGINAL[name])

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def test_validate_never_raises_on_mutated_files():
    workspace = _Workspace()
    previous = Path.cwd()
    os.chdir(workspace.root)

    @settings(
        max_examples=EXAMPLES,
        deadline=dt.timedelta(seconds=5),
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated_files())
    def check(example):
        name, raw, _ = example
        result = workspace.run(name, raw, lambda root: validate(Path("data"), TODAY))
        _check_report(result)
        if raw != ORIGINAL[name]:
            assert result.records  # the other files were still read

    try:
        check()
    finally:
        os.chdir(previous)
        workspace.close()


def test_command_line_never_prints_a_traceback_on_mutated_files():
    """The command line's own code (in this process: run_cli); its output is strict UTF-8."""
    workspace = _Workspace()

    def cli(root):
        return run_cli(
            "validate",
            "--data",
            "data",
            "--format",
            "github",
            "--today",
            TODAY.isoformat(),
            cwd=root,
        )

    @settings(
        max_examples=max(3, EXAMPLES // 40),
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(mutated_files())
    def check(example):
        name, raw, _ = example
        process = workspace.run(name, raw, cli)
        assert "Traceback" not in process.stdout + process.stderr, process.stderr
        assert process.returncode in (0, 1), process.stderr
        lines = process.stdout.splitlines()
        assert all(line.startswith(("::error ", "::warning ")) for line in lines[:-1]), lines

    try:
        check()
    finally:
        workspace.close()
