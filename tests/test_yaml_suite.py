"""YAML that YAML 1.2 rejects is rejected here too, at its line, whatever PyYAML lets pass.

tests/fixtures/yaml-test-suite/ holds every error case of the YAML test suite
(see INDEX.tsv there). PyYAML and libyaml accept four of them; the loader
reports those with codes of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.check.loader import load_bytes

SUITE = Path(__file__).resolve().parent / "fixtures" / "yaml-test-suite"
CASES = sorted(p.stem for p in SUITE.glob("*.yaml"))


def test_every_error_case_of_the_suite_is_here():
    listed = [
        line.split("\t")[0]
        for line in (SUITE / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert sorted(listed) == CASES and len(CASES) == 94


@pytest.mark.parametrize("case", CASES)
def test_error_case_is_an_error(case):
    loaded = load_bytes((SUITE / f"{case}.yaml").read_bytes(), f"{case}.yaml")
    assert any(p.is_error for p in loaded.problems), loaded.data


@pytest.mark.parametrize(
    "case, expected",
    [
        (
            "9C9N",
            ("yaml.flow-indent", 3, 1, "方括号或花括号里的内容换行后没有缩进，YAML 1.2 不允许"),
        ),
        (
            "S98Z",
            (
                "yaml.block-indent",
                4,
                1,
                "多行文字开头的空行里的空格比第一行文字的缩进还多，YAML 1.2 不允许",
            ),
        ),
        (
            "SU5Z",
            (
                "yaml.comment-space",
                1,
                13,
                "引号后面紧跟着 #：YAML 1.2 不把它当作注释，其他软件会拒绝这个文件",
            ),
        ),
        (
            "X4QW",
            (
                "yaml.comment-space",
                1,
                9,
                "> 后面紧跟着 #：YAML 1.2 不把它当作注释，其他软件会拒绝这个文件",
            ),
        ),
    ],
    ids=[
        "9C9N-wrong-indented-flow-sequence",
        "S98Z-block-scalar-more-spaces-than-first-line",
        "SU5Z-comment-after-double-quoted",
        "X4QW-comment-after-block-indicator",
    ],
)
def test_cases_pyyaml_accepts_have_their_own_code_and_line(case, expected):
    [problem] = load_bytes((SUITE / f"{case}.yaml").read_bytes(), f"{case}.yaml").problems
    assert (problem.code, problem.line, problem.col, problem.message) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: [1,\n  2]\n",
        "a:\n  - [1,\n    2]\n",
        "{a: 1,\nb: 2}\n",
        "a: |\n   \nb: 1\n",
        "a: |\n  x\n\n  y\n",
        "a: |2\n    \n  x\n",
        "a: 'x' # c\n",
        'a: "x#y"\n',
        "a: x#y\n",
        "a: > # c\n  x\n",
        "a: |-\n  x\n",
    ],
    ids=[
        "flow-indented",
        "flow-in-list",
        "top-level-flow",
        "empty-block",
        "blank-line-inside",
        "explicit-indent",
        "comment-after-space",
        "hash-in-quotes",
        "hash-in-plain",
        "block-comment",
        "chomping",
    ],
)
def test_valid_yaml_near_those_cases_still_loads(text):
    loaded = load_bytes(text.encode(), "x.yaml")
    assert loaded.problems == [] and loaded.data is not None
