"""File names staff cannot see properly, or that carry a personal number: a clear error, never a traceback."""

from __future__ import annotations

import os

import pytest
from conftest import TASK, VILLAGE, run_cli

TODAY = ("--today", "2025-12-31")
FIX = "把文件改名，只用小写英文字母、数字和连字符，例如 xikou-2025-q1-caiwu.yaml"
WHAT = "文件名里有不是 UTF-8 编码的字节，或有看不见、打印不出的字符（文件名中以 \\x 或 \\u 开头的部分）"


def write_raw(dataset, relative: bytes, content: bytes) -> None:
    path = os.path.join(os.fsencode(dataset.data), relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content)


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
@pytest.mark.parametrize(
    "name, shown",
    [
        (b"villages/x\xff.yaml", "villages/x\\xff.yaml"),
        (b"villages/\xd6\xd0\xce\xc4.yaml", "villages/\\xd6\\xd0\\xce\\xc4.yaml"),  # 中文 in GBK
        ("villages/xikou\u202e.yaml".encode(), "villages/xikou\\u202e.yaml"),
        (b"villages/xi\nkou.yaml", "villages/xi\\nkou.yaml"),
        ("villages/xi\u3000kou.yaml".encode(), "villages/xi\\u3000kou.yaml"),
        (b"disclosures/20\xfe25/xikou.yaml", "disclosures/20\\xfe25/xikou.yaml"),
    ],
    ids=[
        "invalid-byte",
        "gbk",
        "right-to-left-override",
        "line-break",
        "ideographic-space",
        "folder",
    ],
)
def test_odd_file_name_is_an_error_on_line_1_with_the_name_escaped(dataset, cache, name, shown):
    write_raw(dataset, name, dataset.read(VILLAGE).encode())
    result = run_cli("validate", "--data", "data", *TODAY, *cache, cwd=dataset.root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"data/{shown}:1:1: 错误 file.bad-name：{WHAT} — {FIX}",
        "共 1 个错误，0 个警告。",
    ]
    assert result.returncode == 1


def test_odd_file_name_in_github_format(dataset):
    write_raw(dataset, b"villages/x\xff.yaml", b"id: x\n")
    result = run_cli("validate", "--data", "data", *TODAY, "--format", "github", cwd=dataset.root)
    assert result.stdout.splitlines()[0].startswith(
        "::error file=data/villages/x\\xff.yaml,line=1,col=1,title=file.bad-name::"
    )
    assert result.returncode == 1


def test_site_with_an_odd_file_name_stops_before_writing(dataset):
    write_raw(dataset, b"villages/x\xff.yaml", b"id: x\n")
    result = run_cli("generate", "--data", "data", *TODAY, cwd=dataset.root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert not (dataset.root / "docs" / "generated").exists()


def test_personal_number_in_a_file_name_is_an_error_and_masked(dataset):
    dataset.move(TASK, "tasks/jiceng-2025/wangge-13812345678.yaml")
    problems = dataset.validate().problems
    shown = "data/tasks/jiceng-2025/wangge-138****5678.yaml"
    assert [
        (p.code, p.path, p.line, p.message) for p in problems if p.code.startswith("privacy.")
    ] == [("privacy.file-name", shown, 1, "文件名里有像手机号码的内容（138****5678）")]
    assert all("13812345678" not in p.text() for p in problems)
