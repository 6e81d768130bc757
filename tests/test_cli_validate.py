"""`python -m generators validate`: exact output, formats and exit status.

In this process (run_cli) where the output is the point; in a process of its own
(spawn_cli) where the process is: its exit status, stdout apart from stderr, UTF-8
under a C locale, no traceback."""

from __future__ import annotations

import json

import pytest
from conftest import BRANCH, REPO, TASK, VILLAGE, run_cli, spawn_cli

from generators.spec.problems import Problem, format_github, format_step_summary

TODAY = ("--today", "2025-12-31")

EXPECTED_TEXT = [
    "data/branches/xikou-dangzhibu.yaml:19:10: 警告 members.branch-too-large 字段「党员情况 › 党员总数」："
    "党支部有党员 60 名，超过 50 名一般应成立党总支 — 核对人数，或按程序调整为党总支",
    "data/tasks/jiceng-2025/wangge-fugai.yaml:13:9: 错误 task.done-progress 字段「状态」："
    "状态是「已完成」，进度却是 60%（已完成必须且只能对应进度 100） — 进度写 100，或把状态改为推进中",
    "data/villages/xikou.yaml:8:8: 错误 value.not-number 字段「网格数」：「三」不是整数 — 填写整数",
    "data/villages/xikou.yml:1:1: 错误 file.extension：文件扩展名是 .yml，不会被读取 — 把文件改名为 xikou.yaml",
    "共 3 个错误，1 个警告。",
]


@pytest.fixture
def bad(dataset):
    """The minimal dataset with two errors and a warning in records, and a misnamed file."""
    dataset.replace(VILLAGE, "grids: 3", "grids: 三")
    dataset.replace(TASK, "status: 推进中", "status: 已完成")
    dataset.replace(BRANCH, "total: 22", "total: 60")
    dataset.write("villages/xikou.yml", dataset.read(VILLAGE))
    return dataset


def no_traceback(result):
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr


def test_text_output_and_exit_status(bad):
    result = spawn_cli("validate", "--data", "data", *TODAY, cwd=bad.root)
    no_traceback(result)
    assert result.stdout.splitlines() == EXPECTED_TEXT
    assert result.stderr == ""
    assert result.returncode == 1


def test_text_is_the_default_format(bad):
    assert (
        run_cli("validate", "--data", "data", *TODAY, cwd=bad.root).stdout.splitlines()
        == EXPECTED_TEXT
    )


def test_warnings_alone_exit_zero(dataset):
    dataset.replace(BRANCH, "total: 22", "total: 60")
    result = run_cli("validate", "--data", "data", *TODAY, cwd=dataset.root)
    assert result.stdout.splitlines() == [EXPECTED_TEXT[0], "共 0 个错误，1 个警告。"]
    assert result.returncode == 0


def test_clean_data_exits_zero(dataset):
    result = run_cli("validate", "--data", "data", *TODAY, cwd=dataset.root)
    assert (result.stdout, result.stderr, result.returncode) == (
        "检查通过：没有发现错误或警告。\n",
        "",
        0,
    )


def test_today_decides_what_is_in_the_future(dataset):
    result = run_cli("validate", "--data", "data", "--today", "2025-05-30", cwd=dataset.root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "data/tasks/jiceng-2025/wangge-fugai.yaml:19:11: 错误 date.future 字段「进展情况 第2项 › 日期」："
    )


def test_output_is_utf8_whatever_the_locale(bad):
    result = spawn_cli(
        "validate",
        "--data",
        "data",
        *TODAY,
        cwd=bad.root,
        env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
    )
    no_traceback(result)
    assert result.stdout.splitlines() == EXPECTED_TEXT


def test_github_format(bad):
    result = run_cli("validate", "--data", "data", "--format", "github", *TODAY, cwd=bad.root)
    no_traceback(result)
    assert result.stdout.splitlines() == [
        "::warning file=data/branches/xikou-dangzhibu.yaml,line=19,col=10,title=members.branch-too-large::"
        "警告 members.branch-too-large 字段「党员情况 › 党员总数」：党支部有党员 60 名，"
        "超过 50 名一般应成立党总支 — 核对人数，或按程序调整为党总支",
        "::error file=data/tasks/jiceng-2025/wangge-fugai.yaml,line=13,col=9,title=task.done-progress::"
        "错误 task.done-progress 字段「状态」：状态是「已完成」，进度却是 60%25"
        "（已完成必须且只能对应进度 100） — 进度写 100，或把状态改为推进中",
        "::error file=data/villages/xikou.yaml,line=8,col=8,title=value.not-number::"
        "错误 value.not-number 字段「网格数」：「三」不是整数 — 填写整数",
        "::error file=data/villages/xikou.yml,line=1,col=1,title=file.extension::"
        "错误 file.extension：文件扩展名是 .yml，不会被读取 — 把文件改名为 xikou.yaml",
        "共 3 个错误，1 个警告。",
    ]
    assert result.returncode == 1


def test_github_format_writes_a_step_summary(bad, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("已有内容\n", encoding="utf-8")
    result = run_cli(
        "validate",
        "--data",
        "data",
        "--format",
        "github",
        *TODAY,
        cwd=bad.root,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[:7] == [
        "已有内容",  # appended, never overwritten
        "## 数据检查结果",
        "",
        "共 3 个错误，1 个警告。",
        "",
        "| 级别 | 文件 | 行 | 列 | 代码 | 字段 | 问题 | 修改方法 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    assert lines[8] == (
        "| 错误 | data/tasks/jiceng-2025/wangge-fugai.yaml | 13 | 9 | task.done-progress | 状态 | "
        "状态是「已完成」，进度却是 60%（已完成必须且只能对应进度 100） | 进度写 100，或把状态改为推进中 |"
    )
    assert len(lines) == 11


def test_text_format_does_not_write_a_step_summary(bad, tmp_path):
    summary = tmp_path / "summary.md"
    run_cli(
        "validate",
        "--data",
        "data",
        *TODAY,
        cwd=bad.root,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert not summary.exists()


def test_json_format(bad):
    result = run_cli("validate", "--data", "data", "--format", "json", *TODAY, cwd=bad.root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["ok"], report["errors"], report["warnings"]) == (False, 3, 1)
    assert [
        (p["code"], p["path"], p["line"], p["col"], p["severity"]) for p in report["problems"]
    ] == [
        ("members.branch-too-large", "data/branches/xikou-dangzhibu.yaml", 19, 10, "warning"),
        ("task.done-progress", "data/tasks/jiceng-2025/wangge-fugai.yaml", 13, 9, "error"),
        ("value.not-number", "data/villages/xikou.yaml", 8, 8, "error"),
        ("file.extension", "data/villages/xikou.yml", 1, 1, "error"),
    ]
    assert report["problems"][2]["label"] == "网格数" and report["problems"][2]["field"] == "grids"
    assert report["problems"][2]["message"] == "「三」不是整数"
    # The message's parameters travel with it, for tools that want them rather than the text.
    assert report["problems"][2]["params"] == {"value": "三", "what": "整数"}
    assert report["problems"][0]["params"] == {"level": "党支部", "total": 60}


def test_json_format_of_clean_data(dataset):
    result = run_cli("validate", "--data", "data", "--format", "json", *TODAY, cwd=dataset.root)
    assert json.loads(result.stdout) == {"ok": True, "errors": 0, "warnings": 0, "problems": []}
    assert result.returncode == 0


# ---------------------------------------------------------------------------
# escaping in workflow commands


def test_github_escapes_percent_cr_lf_and_property_separators():
    problem = Problem("x.code", "data/a,b:c%.yaml", 3, 4, "50%\r\n第二行", "改\n正")
    assert format_github([problem]).splitlines()[0] == (
        "::error file=data/a%2Cb%3Ac%25.yaml,line=3,col=4,title=x.code::"
        "错误 x.code：50%25\\r\\n第二行 — 改\\n正"
    )


def test_github_annotation_is_always_one_line():
    problem = Problem("x.code", "data/a.yaml", 1, 1, "a\nb\rc", "d\r\ne")
    assert len(format_github([problem]).splitlines()) == 2  # the annotation and the summary


def test_step_summary_cells_escape_pipes_and_line_breaks():
    problem = Problem("x.code", "data/a|b.yaml", 1, 1, "a|b\nc", "d")
    row = format_step_summary([problem]).splitlines()[-1]
    assert row == "| 错误 | data/a\\|b.yaml | 1 | 1 | x.code |  | a\\|b c | d |"


# ---------------------------------------------------------------------------
# usage errors


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("validate", "--format", "xml"),
        ("validate", "--today", "2025-13-01"),
        ("validate", "--today", "2025/12/31"),
        ("validate", "--today"),
        ("validate", "extra"),
        ("validat",),
    ],
)
def test_usage_errors_exit_2(dataset, args):
    result = run_cli(*args, cwd=dataset.root)
    no_traceback(result)
    assert result.returncode == 2
    assert "用法错误" in result.stderr and result.stdout == ""


def test_a_usage_error_is_exit_status_2_of_the_process(dataset):
    result = spawn_cli("validate", "--format", "xml", cwd=dataset.root)
    no_traceback(result)
    assert result.returncode == 2
    assert "用法错误" in result.stderr and result.stdout == ""


def test_bad_today_message(dataset):
    result = run_cli("validate", "--today", "2025-13-01", cwd=dataset.root)
    assert "日期「2025-13-01」的格式不对，应写成 2025-12-31" in result.stderr


def test_help_exits_0(dataset):
    result = run_cli("validate", "--help", cwd=dataset.root)
    assert result.returncode == 0 and "--data" in result.stdout


def test_data_defaults_to_data(bad):
    result = run_cli("validate", *TODAY, cwd=bad.root)
    assert result.stdout.splitlines() == EXPECTED_TEXT


def test_missing_data_folder_is_a_usage_error(dataset):
    result = run_cli("validate", "--data", "nope", *TODAY, cwd=dataset.root)
    no_traceback(result)
    assert result.returncode == 2


def test_missing_data_folder_is_reported_without_a_traceback(dataset):
    result = spawn_cli("validate", "--data", "nope", *TODAY, cwd=dataset.root)
    no_traceback(result)
    assert result.returncode != 0 and "找不到数据目录" in result.stdout + result.stderr


# ---------------------------------------------------------------------------
# the bundled sample


@pytest.mark.sample_data
def test_bundled_sample_data_validates_clean():
    """If only this fails, the sample in data/ is wrong (or incomplete), not the validator."""
    result = run_cli("validate", "--data", "data", "--format", "text", *TODAY, cwd=REPO)
    no_traceback(result)
    assert result.stdout == "检查通过：没有发现错误或警告。\n", (
        "data/ has problems:\n" + result.stdout
    )
    assert result.returncode == 0
