"""Write: only changed files are rewritten, stale ones removed, nothing outside the folder touched."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from generators.build.write import write_pages
from generators.check.validate import validate
from generators.model.site import build_model
from generators.pipeline import GENERATED, generate
from generators.render.pages import render_site
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)
OLD = 1_000_000_000_000_000_000  # an mtime in 2001, in nanoseconds

PLAN = "wuxing-sanqiang-2025"
TASK = "huanjie-fengxian-paicha"  # 村社换届风险排查: responsible units include every village
TASK_FILE = f"tasks/{PLAN}/{TASK}.yaml"


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[bytes | str, int]]:
    """Every file, link and folder under a folder with its content (or link target) and mtime."""
    found: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        relative = path.relative_to(folder).as_posix()
        info = path.lstat()
        if path.is_symlink():
            found[relative] = (os.readlink(path), info.st_mtime_ns)
        elif path.is_file():
            found[relative] = (path.read_bytes(), info.st_mtime_ns)
        else:
            found[relative] = (b"<dir>", 0)
    return found


def age(folder: Path) -> None:
    """Set every file's mtime far in the past, so a rewrite shows as a new mtime."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, ns=(OLD, OLD))


def rewritten(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.stat().st_mtime_ns != OLD
    }


def render(data: Path) -> dict[str, str]:
    result = validate(data, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return render_site(build_model(result.records, TODAY, {}, REGISTRY), home_intro="开头\n")


@pytest.fixture(scope="module")
def sample_pages() -> dict[str, str]:
    return render(DATA)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, pattern: str, replacement: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    new, made = re.subn(pattern, replacement, text, flags=re.M)
    assert made == count, f"{pattern!r} matched {made} times in {path}"
    path.write_text(new, encoding="utf-8")


# -- only what changed --------------------------------------------------------


def test_a_second_run_with_the_same_pages_writes_nothing(tmp_path, sample_pages):
    out = tmp_path / "generated"
    first = write_pages(out, sample_pages)
    assert (first.written, first.unchanged, first.removed) == (len(sample_pages), 0, 0)
    age(out)
    before = snapshot(out)
    second = write_pages(out, sample_pages)
    assert (second.written, second.unchanged, second.removed) == (0, len(sample_pages), 0)
    assert snapshot(out) == before


def test_written_files_are_the_pages_exactly(tmp_path, sample_pages):
    out = tmp_path / "generated"
    write_pages(out, sample_pages)
    on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert on_disk == {path: text.encode("utf-8") for path, text in sample_pages.items()}


def test_a_changed_note_rewrites_only_the_task_page(tmp_path, data_copy, sample_pages):
    edit(data_copy / TASK_FILE, r"^(    note: )已销号20条", r"\1已销号21条")
    changed = render(data_copy)
    assert {p for p in changed if changed[p] != sample_pages[p]} == {f"tasks/{TASK}.md"}

    out = tmp_path / "generated"
    write_pages(out, sample_pages)
    age(out)
    stats = write_pages(out, changed)
    assert (stats.written, stats.removed) == (1, 0)
    assert rewritten(out) == {f"tasks/{TASK}.md"}


def test_a_changed_progress_rewrites_the_pages_that_show_the_task(
    tmp_path, data_copy, sample_pages
):
    edit(data_copy / TASK_FILE, r"^progress: 85$", "progress: 90")
    edit(data_copy / TASK_FILE, r"^(    progress: )85$", r"\g<1>90")
    changed_pages = render(data_copy)
    assert set(changed_pages) == set(sample_pages)
    changed = {p for p in changed_pages if changed_pages[p] != sample_pages[p]}

    link = f"/generated/tasks/{TASK}.md"
    showing = {p for p, text in sample_pages.items() if link in text}
    # the county home charts each township's task progress
    assert changed == showing | {f"tasks/{TASK}.md", "index.md"}
    villages = {
        f"villages/{p.stem}.md"
        for p in (DATA / "villages").glob("*.yaml")
        if "\ntownship: qingxi\n" in p.read_text(encoding="utf-8")
    }
    assert {f"tasks/{TASK}.md", f"plans/{PLAN}.md", "progress/index.md"} <= changed
    assert villages <= changed  # every village of its township is a responsible unit of this task
    unrelated = {
        "villages/index.md",
        "branches/index.md",
        "disclosures/index.md",
        "jieba_user_dict.txt",
    }
    unrelated |= {p for p in sample_pages if p.startswith(("disclosures/", "meetings/"))}
    unrelated |= {
        f"tasks/{p.stem}.md" for p in (DATA / "tasks" / PLAN).glob("*.yaml") if p.stem != TASK
    }
    assert not changed & unrelated

    out = tmp_path / "generated"
    write_pages(out, sample_pages)
    age(out)
    before = snapshot(out)
    stats = write_pages(out, changed_pages)
    assert (stats.written, stats.unchanged, stats.removed) == (
        len(changed),
        len(sample_pages) - len(changed),
        0,
    )
    assert rewritten(out) == changed
    after = snapshot(out)
    assert {p: after[p] for p in after if p not in changed} == {
        p: before[p] for p in before if p not in changed
    }


# -- stale files ---------------------------------------------------------------


def test_stale_files_and_empty_folders_are_removed(tmp_path, sample_pages):
    out = tmp_path / "generated"
    write_pages(out, sample_pages)
    (out / "villages" / "renamed.md").write_text("旧页面", encoding="utf-8")
    (out / "old-type" / "deep").mkdir(parents=True)
    (out / "old-type" / "deep" / "x.md").write_text("旧", encoding="utf-8")
    (out / "empty").mkdir()
    (out / "tasks" / ".huanjie-fengxian-paicha.md.tmp").write_text("中断的写入", encoding="utf-8")
    stats = write_pages(out, sample_pages)
    assert (stats.written, stats.removed) == (0, 3)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == set(
        sample_pages
    )
    assert not (out / "old-type").exists() and not (out / "empty").exists()


def test_a_removed_record_removes_its_page(tmp_path, data_copy, sample_pages):
    out = tmp_path / "generated"
    write_pages(out, sample_pages)
    (data_copy / "disclosures" / "2025" / "meilin-zichan-2025-q3.yaml").unlink()
    stats = write_pages(out, render(data_copy))
    assert stats.removed == 1
    assert not (out / "disclosures" / "meilin-zichan-2025-q3.md").exists()


# -- nothing outside the output folder -------------------------------------------


def test_nothing_outside_the_output_folder_is_touched(tmp_path, sample_pages):
    docs = tmp_path / "docs"
    out = docs / GENERATED
    (docs / "assets").mkdir(parents=True)
    (docs / "about.md").write_text("# 关于", encoding="utf-8")
    (docs / "assets" / "extra.css").write_text("body{}", encoding="utf-8")
    (docs / "generated.md").write_text("同名前缀", encoding="utf-8")
    (tmp_path / "generated-old").mkdir()
    (tmp_path / "generated-old" / "index.md").write_text("旁边的文件夹", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keep.md").write_text("外部文件", encoding="utf-8")
    (tmp_path / "empty-outside").mkdir()
    out.mkdir()
    # Links inside the output folder to things outside it: stale, so removed, never followed.
    (out / "file-link.md").symlink_to(tmp_path / "outside" / "keep.md")
    (out / "folder-link").symlink_to(tmp_path / "outside")
    (out / "empty-folder-link").symlink_to(tmp_path / "empty-outside")
    age(tmp_path)
    before = snapshot(tmp_path, skip=out)

    write_pages(out, sample_pages)
    age(out)
    write_pages(out, {**sample_pages, "villages/new.md": "新\n"})
    write_pages(out, sample_pages)

    assert snapshot(tmp_path, skip=out) == before
    assert not any(p.is_symlink() for p in out.rglob("*"))


def test_a_page_that_is_a_link_is_replaced_by_a_file(tmp_path):
    out = tmp_path / "generated"
    out.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("首页\n", encoding="utf-8")
    (out / "index.md").symlink_to(outside)
    (out / "other.md").symlink_to(outside)
    stats = write_pages(out, {"index.md": "首页\n", "other.md": "新内容\n"})
    assert (stats.written, stats.unchanged) == (2, 0)
    assert (
        not (out / "index.md").is_symlink()
        and (out / "index.md").read_text(encoding="utf-8") == "首页\n"
    )
    assert (
        not (out / "other.md").is_symlink()
        and (out / "other.md").read_text(encoding="utf-8") == "新内容\n"
    )
    assert outside.read_text(encoding="utf-8") == "首页\n"


@pytest.mark.parametrize("bad", ["../escaped.md", "villages/../../escaped.md", "/tmp/escaped.md"])
def test_a_page_path_leaving_the_output_folder_is_refused(tmp_path, bad):
    out = tmp_path / "docs" / "generated"
    out.mkdir(parents=True)
    before = snapshot(tmp_path)
    with pytest.raises(ValueError):
        write_pages(out, {"index.md": "首页\n", bad: "越界\n"})
    assert snapshot(tmp_path) == before
    assert (
        not (tmp_path / "docs" / "escaped.md").exists() and not (tmp_path / "escaped.md").exists()
    )


def test_a_page_is_not_written_through_a_link_to_another_folder(tmp_path):
    out = tmp_path / "generated"
    out.mkdir()
    (tmp_path / "outside").mkdir()
    (out / "villages").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises(ValueError):
        write_pages(out, {"villages/a.md": "甲\n"})
    assert list((tmp_path / "outside").iterdir()) == []


# -- invalid data ---------------------------------------------------------------


def test_generate_on_invalid_data_writes_nothing(tmp_path, data_copy):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "_intro.md").write_text("开头\n", encoding="utf-8")
    good = generate(data_copy, docs, TODAY, use_history=False)
    assert good.ok
    (docs / GENERATED / "villages" / "kept-by-hand.md").write_text("不应被删除", encoding="utf-8")
    age(docs)
    before = snapshot(docs)

    edit(data_copy / TASK_FILE, r"^progress: 85$", "progress: 百分之八十五")
    result = generate(data_copy, docs, TODAY, use_history=False)
    assert not result.ok
    assert result.stats is None and result.site is None
    assert any(p.is_error and p.path.endswith(TASK_FILE) for p in result.problems)
    assert snapshot(docs) == before


def test_generate_on_invalid_data_creates_no_output_folder(tmp_path, data_copy):
    docs = tmp_path / "docs"
    docs.mkdir()
    (data_copy / "villages" / "shangtang.yaml").write_text(
        "id: shangtang\nname: [\n", encoding="utf-8"
    )
    result = generate(data_copy, docs, TODAY, use_history=False)
    assert not result.ok
    assert list(docs.iterdir()) == []
