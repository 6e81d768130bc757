"""A corpus of bad input: one small mistake each, inside the minimal valid dataset.

Every case states every error the run must report, as (code, file inside data/,
line). The command line's main() then runs over every case in a fresh
interpreter (one process for the whole corpus, to keep it fast): each must exit
1 with no traceback.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    BRANCH,
    DISCLOSURE,
    MEETINGS,
    MINIMAL,
    PLAN,
    REPO,
    TASK,
    TOWNSHIP,
    VILLAGE,
    Dataset,
)

ALIAS_BOMB = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    for previous, name in zip("abcdefghi", "bcdefghi", strict=False)
)


# edits ----------------------------------------------------------------------


def R(path, old, new):
    """Replace the one occurrence of `old` in a file."""
    return lambda d: d.replace(path, old, new)


def W(path, content):
    """Write a file (text as UTF-8, or bytes as they are)."""
    return lambda d: d.write(path, content)


def A(path, text):
    """Append text to a file."""
    return lambda d: d.write(path, d.read(path) + text)


def ENC(path, encoding, old=None, new=None):
    """Re-save a file in another encoding, optionally after a replacement."""

    def edit(d):
        text = d.read(path)
        if old is not None:
            text = text.replace(old, new)
        d.write(path, text.encode(encoding))

    return edit


def BYTES(path, old: bytes, new: bytes):
    def edit(d):
        raw = d.path(path).read_bytes()
        assert raw.count(old) == 1
        d.write(path, raw.replace(old, new))

    return edit


def M(path, to):
    return lambda d: d.move(path, to)


def C(path, to, *changes):
    """Copy a file, optionally changing it: C(path, to, old, new, old2, new2, …)."""

    def edit(d):
        text = d.read(path)
        for old, new in zip(changes[::2], changes[1::2], strict=True):
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        d.write(to, text)

    return edit


@dataclass
class Case:
    id: str
    edits: list
    expected: list  # every error: (code, path inside data/, line)
    some: bool = False  # when True, `expected` must be among the errors, all in the files named


V, B, T, D, P, MT, TW = VILLAGE, BRANCH, TASK, DISCLOSURE, PLAN, MEETINGS, TOWNSHIP

CASES = [
    # -- encodings ---------------------------------------------------------------------------
    Case("gbk", [ENC(V, "gbk")], [("encoding.not-utf8", V, 2)]),
    Case(
        "gb18030-four-byte",
        [ENC(V, "gb18030", "name: 溪口村", "name: 𠀀口村")],
        [("encoding.not-utf8", V, 2)],
    ),
    Case(
        "bom-crlf-positions",
        [
            lambda d: d.write(
                V,
                b"\xef\xbb\xbf"
                + d.read(V).replace("grids: 3", "grids: 三").replace("\n", "\r\n").encode(),
            )
        ],
        [("value.not-number", V, 8)],
    ),
    Case("utf16-bom", [ENC(V, "utf-16")], [("encoding.utf16", V, 1)]),
    Case("utf16-le-no-bom", [ENC(V, "utf-16-le")], [("encoding.utf16", V, 1)]),
    Case("utf16-be-no-bom", [ENC(V, "utf-16-be")], [("encoding.utf16", V, 1)]),
    Case("bom-in-middle", [R(V, "groups: 6", "\ufeffgroups: 6")], [("text.bom-in-middle", V, 5)]),
    Case("nul-byte", [R(V, "name: 溪口村", "name: 溪口\x00村")], [("text.control-char", V, 2)]),
    Case(
        "escape-char",
        [R(T, "title: 网格党小组全覆盖", "title: 网格\x1b[1m党小组")],
        [("text.control-char", T, 4)],
    ),
    Case(
        "lone-surrogate-bytes",
        [BYTES(V, "溪口村".encode(), b"\xed\xa0\x80")],
        [("encoding.surrogate", V, 2)],
    ),
    Case(
        "line-separator",
        [R(D, "content: 本季度收支见下表", "content: 本季度\u2028收支")],
        [("text.invisible-char", D, 20)],
    ),
    Case(
        "next-line-u0085",
        [R(D, "content: 本季度收支见下表", "content: 本季度\u0085收支")],
        [("text.invisible-char", D, 20)],
    ),
    Case(
        "zero-width-in-id", [R(V, "id: xikou", "id: xi\u200bkou")], [("text.invisible-char", V, 1)]
    ),
    Case(
        "zero-width-in-name",
        [R(B, "name: 郑海涛", "name: 郑\u200d海涛")],
        [("text.invisible-char", B, 13)],
    ),
    Case(
        "zero-width-escaped",
        [R(V, "id: xikou", 'id: "xikou\\u200b"')],
        [("text.invisible-char", V, 1)],
    ),
    Case(
        "surrogate-escaped",
        [R(V, "name: 溪口村", 'name: "溪口\\ud800"')],
        [("text.surrogate", V, 2)],
    ),
    # -- whitespace and punctuation ------------------------------------------------------------
    Case(
        "nbsp-indent",
        [R(V, "  secretary:", "\u00a0\u00a0secretary:")],
        [("text.bad-indent", V, 10)],
    ),
    Case(
        "ideographic-space-indent",
        [R(V, "  secretary:", "\u3000secretary:")],
        [("text.bad-indent", V, 10)],
    ),
    Case(
        "ideographic-space-after-colon",
        [R(V, "kind: 行政村", "kind:\u3000行政村")],
        [("text.bad-space", V, 3)],
    ),
    Case("tab-indent", [R(V, "  secretary:", "\tsecretary:")], [("text.bad-indent", V, 10)]),
    Case(
        "fullwidth-colon", [R(V, "name: 溪口村", "村名：溪口村")], [("yaml.fullwidth-colon", V, 2)]
    ),
    Case(
        "fullwidth-colon-nested-run-on",
        [R(T, "    evidence: 会议记录", "      evidence：会议记录")],
        [("yaml.multiline-plain", T, 21)],
    ),
    Case(
        "unclosed-double-quote",
        [R(V, "name: 溪口村", 'name: "溪口村')],
        [("yaml.unclosed-quote", V, 2)],
    ),
    Case(
        "unclosed-single-quote",
        [R(T, "title: 网格党小组全覆盖", "title: '网格党小组全覆盖")],
        [("yaml.unclosed-quote", T, 4)],
    ),
    Case(
        "quote-closed-too-late",
        [
            R(
                D,
                "title: 溪口村2025年第一季度财务收支公开\npublished: 2025-04-10",
                'title: "溪口村2025年第一季度财务收支公开\npublished: 2025-04-10"',
            )
        ],
        [("yaml.multiline-quoted", D, 6)],
    ),
    Case(
        "bad-indent",
        [R(V, "  director: 郑海涛", " director: 郑海涛")],
        [("yaml.bad-indent", V, 11)],
    ),
    Case(
        "unclosed-bracket",
        [R(T, "lead_units:\n  - zhen-dangjianban", "lead_units: [zhen-dangjianban")],
        [("yaml.unclosed-bracket", T, 7)],
    ),
    Case(
        "colon-in-value", [R(T, "note: 完成摸底", "note: 时间: 三月")], [("yaml.bad-colon", T, 18)]
    ),
    # -- YAML features records never need ------------------------------------------------------
    Case("duplicate-key", [R(V, "grids: 3", "grids: 3\ngrids: 4")], [("yaml.duplicate-key", V, 9)]),
    Case(
        "duplicate-key-nested",
        [R(V, "  director: 郑海涛", "  director: 郑海涛\n  secretary: 张三")],
        [("yaml.duplicate-key", V, 12)],
    ),
    Case(
        "duplicate-key-in-list-item",
        [R(T, "    evidence: 会议记录", "    evidence: 会议记录\n    note: 又一条")],
        [("yaml.duplicate-key", T, 23)],
    ),
    Case(
        "alias-bomb", [A(V, ALIAS_BOMB)], [("yaml.anchor", V, 23), ("yaml.alias", V, 31)], some=True
    ),
    Case("self-alias", [A(V, "loop: &x [*x]\n")], [("yaml.anchor", V, 23), ("yaml.alias", V, 23)]),
    Case(
        "merge-key",
        [R(V, "leaders:\n", "base: &base {secretary: 张三}\nleaders:\n  <<: *base\n")],
        [("yaml.anchor", V, 9), ("yaml.merge-key", V, 11), ("yaml.alias", V, 11)],
    ),
    Case(
        "tag-python",
        [R(V, "name: 溪口村", "name: !!python/object/apply:os.system ['echo hi']")],
        [("yaml.tag", V, 2)],
    ),
    Case("tag-set", [R(V, "name: 溪口村", "name: !!set {a, b}")], [("yaml.tag", V, 2)]),
    Case("tag-local", [R(V, "name: 溪口村", "name: !foo 溪口村")], [("yaml.tag", V, 2)]),
    Case("tag-str", [R(V, "grids: 3", "grids: !!str 3")], [("yaml.tag", V, 8)]),
    Case("non-string-key-number", [A(V, "2025: 好\n")], [("yaml.non-string-key", V, 23)]),
    Case("non-string-key-bool", [A(V, "yes: 好\n")], [("yaml.non-string-key", V, 23)]),
    Case("non-string-key-list", [A(V, "? [a, b]\n: 好\n")], [("yaml.complex-key", V, 23)]),
    Case("two-documents", [A(V, "---\nid: xikou2\n")], [("yaml.multiple-documents", V, 23)]),
    Case("empty-file", [W(V, "")], [("yaml.empty", V, 1)]),
    Case("comments-only", [W(V, "# 溪口村\n# 待填写\n")], [("yaml.empty", V, 1)]),
    Case("top-level-list", [W(V, "- id: xikou\n- name: 溪口村\n")], [("yaml.not-mapping", V, 1)]),
    Case("top-level-scalar", [W(V, "溪口村\n")], [("yaml.not-mapping", V, 1)]),
    Case(
        "deep-flow",
        [A(V, "deep: " + "[" * 50_000 + "]" * 50_000 + "\n")],
        [("yaml.too-deep", V, 23)],
    ),
    Case(
        "deep-flow-unclosed", [A(V, "deep: " + "{a: " * 50_000 + "\n")], [("yaml.too-deep", V, 23)]
    ),
    Case(
        "deep-block", [A(V, "deep:\n" + "  " + "- " * 50_000 + "x\n")], [("yaml.too-deep", V, 24)]
    ),
    Case(
        "ten-megabytes",
        [A(V, "note: " + "溪" * (10 * 1024 * 1024 // 3) + "\n")],
        [("file.too-large", V, 1)],
    ),
    # -- YAML 1.1 implicit typing never applies ------------------------------------------------
    Case("no-stays-a-string", [R(V, "kind: 行政村", "kind: no")], [("schema.allowed", V, 3)]),
    Case("octal-looking-integer", [R(V, "grids: 3", "grids: 010")], [("value.leading-zero", V, 8)]),
    Case(
        "sexagesimal-looking-integer",
        [R(V, "grids: 3", "grids: 1:20")],
        [("value.not-number", V, 8)],
    ),
    Case(
        "impossible-date",
        [R(D, "published: 2025-04-10", "published: 2024-02-30")],
        [("date.no-such-day", D, 7)],
    ),
    Case("yes-is-not-a-boolean", [R(T, "done: true", "done: yes")], [("value.not-boolean", T, 26)]),
    # -- schema --------------------------------------------------------------------------------
    Case(
        "misspelled-field",
        [R(V, "grids: 3", "gird: 3")],
        [("schema.required", V, 1), ("schema.unknown-field", V, 8)],
    ),
    Case(
        "chinese-field-name",
        [R(V, "grids: 3", "网格数: 3")],
        [("schema.required", V, 1), ("schema.unknown-field", V, 8)],
    ),
    Case(
        "true-is-not-an-integer",
        [R(V, "grids: 3", "grids: true")],
        [("value.word-for-number", V, 8)],
    ),
    Case(
        "decimal-in-integer",
        [R(T, "progress: 60\nupdates", "progress: 59.9\nupdates")],
        [("value.decimal-in-integer", T, 14)],
    ),
    Case("blank-string", [R(V, "name: 溪口村", "name: '   '")], [("value.blank", V, 2)]),
    Case(
        "fullwidth-space-string",
        [R(V, "name: 溪口村", 'name: "\u3000\u3000"')],
        [("value.blank", V, 2)],
    ),
    Case("empty-required", [R(V, "name: 溪口村", "name:")], [("schema.empty", V, 2)]),
    Case(
        "block-scalar-id", [R(V, "id: xikou", "id: |\n  xikou")], [("schema.pattern-newline", V, 1)]
    ),
    Case(
        "fullwidth-digits",
        [R(V, "households: 356", "households: ３５６")],
        [("value.fullwidth", V, 6)],
    ),
    Case(
        "three-decimals",
        [R(D, "      amount: 0.30", "      amount: 0.305")],
        [("value.too-many-decimals", D, 30)],
    ),
    Case("slash-date", [R(P, "issued: 2025-01-10", "issued: 2025/1/10")], [("date.format", P, 5)]),
    Case(
        "huge-integer",
        [R(V, "population: 1192", "population: " + "1" * 5000)],
        [("value.too-many-digits", V, 7)],
    ),
    Case("not-allowed", [R(B, "level: 党支部", "level: 支部")], [("schema.allowed", B, 3)]),
    Case(
        "out-of-range",
        [R(T, "progress: 60\nupdates", "progress: 160\nupdates")],
        [("schema.range", T, 14)],
    ),
    Case(
        "mapping-where-list",
        [R(T, "lead_units:\n  - zhen-dangjianban", "lead_units: zhen-dangjianban")],
        [("schema.type", T, 6)],
    ),
    # -- ids and files -------------------------------------------------------------------------
    Case(
        "id-not-file-name", [R(P, "id: jiceng-2025", "id: jiceng-2026")], [("id.file-name", P, 1)]
    ),
    Case("id-dot-dot-slash", [R(V, "id: xikou", "id: ../xikou")], [("schema.pattern", V, 1)]),
    Case(
        "id-slash", [R(B, "id: xikou-dangzhibu", "id: xikou/dangzhibu")], [("schema.pattern", B, 1)]
    ),
    Case("id-space", [R(T, "id: wangge-fugai", "id: wangge fugai")], [("schema.pattern", T, 1)]),
    Case(
        "duplicate-task-in-two-plans",
        [
            C(P, "plans/jiceng-2026.yaml", "id: jiceng-2025", "id: jiceng-2026"),
            C(T, "tasks/jiceng-2026/wangge-fugai.yaml", "plan: jiceng-2025", "plan: jiceng-2026"),
        ],
        [("id.duplicate", "tasks/jiceng-2026/wangge-fugai.yaml", 1)],
    ),
    Case(
        "duplicate-village-and-branch",
        [C(B, "branches/xikou.yaml", "id: xikou-dangzhibu", "id: xikou")],
        [("id.duplicate", V, 1)],
    ),
    Case(
        "yml-extension",
        [M(MT, "meetings/xikou-dangzhibu-2025.yml")],
        [("file.extension", "meetings/xikou-dangzhibu-2025.yml", 1)],
    ),
    Case(
        "misplaced-file",
        [C(V, "village/xikou.yaml")],
        [("file.misplaced", "village/xikou.yaml", 1)],
    ),
    Case(
        "wrong-year-folder",
        [M(D, "disclosures/2024/xikou-2025-q1-caiwu.yaml")],
        [("disclosure.year-folder", "disclosures/2024/xikou-2025-q1-caiwu.yaml", 7)],
    ),
    # -- references ----------------------------------------------------------------------------
    Case(
        "dangling-township",
        [R(V, "township: qingxi", "township: qingxii")],
        [("ref.missing", V, 4)],
    ),
    Case("dangling-village", [R(B, "village: xikou", "village: xikuo")], [("ref.missing", B, 6)]),
    Case(
        "dangling-parent",
        [R(B, "village: xikou", "village: xikou\nparent: qingxi-dangwei")],
        [("ref.missing", B, 7)],
    ),
    Case(
        "dangling-plan",
        [R(T, "plan: jiceng-2025", "plan: jiceng-2024")],
        [("ref.missing", T, 2), ("task.plan-folder", T, 2)],
    ),
    Case(
        "dangling-action",
        [R(T, "action: zhuwang", "action: huanjie")],
        [("ref.missing-action", T, 3)],
    ),
    Case(
        "dangling-lead-unit",
        [R(T, "  - zhen-dangjianban", "  - zhen-zuzhiban")],
        [("ref.missing", T, 7)],
    ),
    Case(
        "dangling-responsible-unit",
        [R(T, "  - xikou-dangzhibu", "  - xikou-dangzongzhi")],
        [("ref.missing", T, 10)],
    ),
    Case(
        "dangling-subject", [R(D, "subject: xikou", "subject: xikou-cun")], [("ref.missing", D, 4)]
    ),
    Case(
        "dangling-meetings-branch",
        [R(MT, "branch: xikou-dangzhibu", "branch: xikou-dzb")],
        [("meetings.id", MT, 1), ("ref.missing", MT, 2)],
    ),
    Case(
        "organization-cycle",
        [
            R(B, "village: xikou", "village: xikou\nparent: xikou-dangwei"),
            C(
                B,
                "branches/xikou-dangwei.yaml",
                "id: xikou-dangzhibu",
                "id: xikou-dangwei",
                "parent: xikou-dangwei",
                "parent: xikou-dangzhibu",
            ),
        ],
        [("ref.cycle", "branches/xikou-dangwei.yaml", 7), ("ref.cycle", B, 7)],
    ),
    # -- dates, progress, money, procedure -----------------------------------------------------
    Case(
        "start-after-deadline",
        [R(T, "start: 2025-02-01", "start: 2025-07-01")],
        [("date.end-before-start", T, 12)],
    ),
    Case(
        "done-below-100",
        [R(T, "status: 推进中", "status: 已完成")],
        [("task.done-progress", T, 13)],
    ),
    Case(
        "100-not-done",
        [
            R(T, "progress: 60\nupdates", "progress: 100\nupdates"),
            R(T, "    progress: 60\n", "    progress: 100\n"),
        ],
        [("task.done-progress", T, 13)],
    ),
    Case(
        "updates-out-of-order",
        [R(T, "date: 2025-05-31", "date: 2025-03-30")],
        [("date.order", T, 19)],
    ),
    Case(
        "update-after-build-date",
        [R(T, "date: 2025-05-31", "date: 2026-01-05")],
        [("date.future", T, 19)],
    ),
    Case(
        "finance-off-by-a-fen",
        [R(D, "closing: 1000.10", "closing: 1000.09")],
        [("finance.unbalanced", D, 31)],
    ),
    Case(
        "decision-out-of-order",
        [  # 四议两公开: the second step written before the first
            R(
                D,
                "  - step: 村党组织提议\n    date: 2025-01-05\n  - step: 村两委会议商议\n    date: 2025-01-08",
                "  - step: 村两委会议商议\n    date: 2025-01-05\n  - step: 村党组织提议\n    date: 2025-01-08",
            )
        ],
        [("decision.order", D, 35)],
    ),
    Case(
        "review-after-publication",
        [R(D, "    date: 2025-04-08", "    date: 2025-04-12")],
        [("review.after-publish", D, 17)],
    ),
    Case(
        "attendance-above-due",
        [R(MT, "present: 3", "present: 4")],
        [("meetings.attendance", MT, 9)],
    ),
]


def build(case: Case, root: Path) -> Dataset:
    shutil.copytree(MINIMAL, root / "data")
    dataset = Dataset(root)
    for edit in case.edits:
        edit(dataset)
    return dataset


def run_main(args) -> tuple[int, str]:
    """The command line's main() with its output captured as UTF-8 bytes, as a terminal gets it."""
    from generators.cli import commands as cli

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8")
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = stream
    try:
        status = cli.main(args)
    finally:
        stream.flush()
        sys.stdout, sys.stderr = saved
    return status, buffer.getvalue().decode("utf-8")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, tmp_path, monkeypatch):
    dataset = build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = dataset.validate()
    errors = [(p.code, p.path.removeprefix("data/"), p.line) for p in result.problems if p.is_error]
    if case.some:
        for expected in case.expected:
            assert expected in errors
        assert {e[1] for e in errors} <= {e[1] for e in case.expected}
    else:
        assert errors == case.expected
    assert not result.ok  # the command line exits 1: checked for every case below


@pytest.mark.parametrize(
    "case",
    [
        c
        for c in CASES
        if c.id
        in (
            "lone-surrogate-bytes",
            "surrogate-escaped",
            "nul-byte",
            "block-scalar-id",
            "huge-integer",
        )
    ],
    ids=lambda c: c.id,
)
def test_output_of_awkward_values_is_one_utf8_line_per_problem(case, tmp_path, monkeypatch):
    build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    status, output = run_main(["validate", "--data", "data", "--today", "2025-12-31"])
    assert status == 1 and "Traceback" not in output
    assert all(
        line.startswith(("data/", "共 ")) and len(line) < 400 for line in output.splitlines()
    ), output


DRIVER = textwrap.dedent("""
    import io, json, os, sys, traceback
    from generators.cli import commands as cli
    results = {}
    for root in sys.argv[1:]:
        os.chdir(root)
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding="utf-8")
        sys.stdout = sys.stderr = stream
        try:
            status = cli.main(["validate", "--data", "data", "--today", "2025-12-31"])
        except SystemExit as exc:
            status = exc.code
        except BaseException:
            traceback.print_exc(file=stream)
            status = "raised"
        stream.flush()
        results[root] = [status, buffer.getvalue().decode("utf-8", "replace")]
    sys.__stdout__.write(json.dumps(results))
""")


def test_whole_corpus_through_the_command_line_in_a_fresh_interpreter(tmp_path):
    roots = []
    for case in CASES:
        root = tmp_path / case.id
        build(case, root)
        roots.append(str(root))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.run(
        [sys.executable, "-c", DRIVER, *roots], capture_output=True, env=env, timeout=120
    )
    assert b"Traceback" not in process.stderr, process.stderr.decode("utf-8", "replace")
    results = json.loads(process.stdout)
    for case in CASES:
        status, output = results[str(tmp_path / case.id)]
        assert "Traceback" not in output, (case.id, output)
        assert status == 1, (case.id, output)
