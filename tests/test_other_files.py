"""Every file of the data folder is scanned for personal data, the files that are no records too.

README.md, hidden files and hidden folders (.github/…) and misplaced files are
shared with everyone who can read the data repository: a personal number in
them is a warning at its file and line, masked. Git's own folder is never read.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import TODAY, run_cli
from gitrepo import GitRepo

from generators.build.keys import data_key
from generators.check.validate import discover, other_files

MESSAGE = "这个文件不是记录，但会随数据仓库共享：这里像是{}（{}）"


def privacy_problems(dataset):
    return [p for p in dataset.validate().problems if p.code.startswith("privacy.")]


def test_a_readme_in_the_data_folder_is_scanned(dataset):
    dataset.write("README.md", "# 数据说明\n\n有问题请联系 138 1234 5678（张）\n")
    result = dataset.validate()
    assert result.ok  # a warning: the file is never published
    [problem] = [p for p in result.problems if p.code.startswith("privacy.")]
    assert (problem.code, problem.severity, problem.path, problem.line, problem.col) == (
        "privacy.other-file",
        "warning",
        "data/README.md",
        3,
        8,
    )
    assert problem.message == MESSAGE.format("手机号码", "138 **** 5678")
    assert "1234" not in problem.text()


def test_hidden_files_and_folders_are_scanned(dataset):
    dataset.write(".notes", "待办\n联系人身份证 110101199003071233\n")
    dataset.write(".github/PULL_REQUEST_TEMPLATE.md", "审核人 QQ：20231688\n")
    dataset.write("villages/README.md", "写给村里：材料发 zhangsan1990@163.com\n")
    found = [(p.code, p.path, p.line, p.message) for p in privacy_problems(dataset)]
    assert found == [
        (
            "privacy.other-file",
            "data/.github/PULL_REQUEST_TEMPLATE.md",
            1,
            MESSAGE.format("QQ 号", "20****88"),
        ),
        (
            "privacy.other-file",
            "data/.notes",
            2,
            MESSAGE.format("居民身份证号码", "1101**********1233"),
        ),
        (
            "privacy.other-file",
            "data/villages/README.md",
            1,
            MESSAGE.format("电子邮箱地址", "zh**********@163.com"),
        ),
    ]


def test_a_misplaced_file_is_reported_and_scanned(dataset):
    dataset.write("notes.txt", "13812345678\n")
    problems = dataset.validate().problems
    assert [(p.code, p.path, p.line) for p in problems] == [
        ("file.misplaced", "data/notes.txt", 1),
        ("privacy.other-file", "data/notes.txt", 1),
    ]


def test_git_s_own_folder_is_never_read(dataset):
    """A data folder that is a git repository of its own: its history and messages hold what
    was once written, but only the files in the folder are the repository's content now."""
    repo = GitRepo(dataset.data).init()
    dataset.write("README.md", "联系人 13812345678\n")
    repo.commit("联系人 13812345678 的说明")
    dataset.delete("README.md")
    repo.commit("删除手机号")
    assert (dataset.data / ".git" / "COMMIT_EDITMSG").is_file()
    assert privacy_problems(dataset) == []
    assert not any(p.parts[0] == ".git" for p in other_files(dataset.data))


def test_a_link_is_read_as_the_place_it_names(dataset):
    os.symlink("13812345678.md", dataset.path(".link"))
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.path, problem.line) == ("privacy.other-file", "data/.link", 1)
    assert "138****5678" in problem.message


def test_binary_files_are_not_read_as_text(dataset):
    dataset.write(".DS_Store", b"\x00\x00\x00\x01Bud1\x00 13812345678 \x00")
    assert privacy_problems(dataset) == []


def test_files_that_are_no_records_are_listed_apart_and_keyed(dataset):
    dataset.write("README.md", "说明\n")
    dataset.write(".github/CODEOWNERS", "* @qingxi\n")
    assert {p.as_posix() for p in other_files(dataset.data)} == {"README.md", ".github/CODEOWNERS"}
    assert not {p.as_posix() for p in discover(dataset.data)} & {"README.md", ".github/CODEOWNERS"}
    before = data_key(dataset.data)
    dataset.write("README.md", "说明 13812345678\n")
    assert data_key(dataset.data) != before  # a cached run reads the file again


def test_the_command_line_shows_the_file_line_and_masked_number(dataset):
    dataset.write("README.md", "# 说明\n联系 13812345678\n")
    result = run_cli("validate", "--data", "data", "--today", TODAY.isoformat(), cwd=dataset.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "data/README.md:2:4: 警告 privacy.other-file：这个文件不是记录，但会随数据仓库共享："
        "这里像是手机号码（138****5678）" in result.stdout
    )
    assert "13812345678" not in result.stdout + result.stderr


def test_other_files_are_scanned_with_a_validation_cache(dataset, tmp_path):
    from generators.check.validate import validate

    cache = tmp_path / "cache"
    assert validate(Path("data"), TODAY, cache).problems == []
    dataset.write(".notes", "13812345678\n")
    assert [p.code for p in validate(Path("data"), TODAY, cache).problems] == ["privacy.other-file"]
