"""Publishing to a web root: releases, the atomic `current` link, pruning and rollback."""

from __future__ import annotations

import os

import pytest
from conftest import run_cli

from generators.deploy import webroot


def built(tmp_path, name: str, text: str):
    site = tmp_path / name
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (site / "assets" / "main.css").write_text("p{}", encoding="utf-8")
    return site


def home(web_root) -> str:
    return (web_root / "current" / "index.html").read_text(encoding="utf-8")


def test_a_release_is_copied_and_served_through_a_relative_link(tmp_path):
    web = tmp_path / "www"
    switch = webroot.publish(built(tmp_path, "site", "一"), web, "a" * 40)
    assert switch == webroot.Switch("a" * 40, None, ())
    assert os.readlink(web / "current") == f"releases/{'a' * 40}"
    assert home(web) == "<p>一</p>"
    assert sorted(p.name for p in (web / "releases").iterdir()) == ["a" * 40]
    assert not list(web.glob(".*")) and not list((web / "releases").glob(".*"))


def test_the_same_commit_published_again_is_a_new_release(tmp_path):
    web = tmp_path / "www"
    webroot.publish(built(tmp_path, "s1", "第一天"), web, "abc")
    switch = webroot.publish(built(tmp_path, "s2", "第二天"), web, "abc")
    assert (switch.release, switch.previous) == ("abc.2", "abc")
    assert home(web) == "<p>第二天</p>"
    assert (web / "releases" / "abc" / "index.html").read_text(encoding="utf-8") == "<p>第一天</p>"


def test_only_the_last_few_releases_are_kept(tmp_path):
    web = tmp_path / "www"
    for n in range(1, 5):
        switch = webroot.publish(built(tmp_path, f"s{n}", str(n)), web, f"c{n}", keep=2)
    assert switch.removed == ("c2",)
    assert sorted(p.name for p in (web / "releases").iterdir()) == ["c3", "c4"]
    assert webroot.history(web) == ["c3", "c4"]


def test_rollback_serves_the_release_before_and_again_the_one_before_that(tmp_path):
    web = tmp_path / "www"
    for n in range(1, 4):
        webroot.publish(built(tmp_path, f"s{n}", str(n)), web, f"c{n}")
    assert webroot.rollback(web) == webroot.Switch("c2", "c3")
    assert home(web) == "<p>2</p>"
    assert webroot.rollback(web).release == "c1"
    with pytest.raises(webroot.PublishError, match="没有更早的版本可以切换回去"):
        webroot.rollback(web)
    webroot.publish(built(tmp_path, "s4", "4"), web, "c4")  # publishing again serves the new one
    assert home(web) == "<p>4</p>"


def test_the_served_release_is_never_pruned_after_a_rollback(tmp_path):
    web = tmp_path / "www"
    for n in range(1, 4):
        webroot.publish(built(tmp_path, f"s{n}", str(n)), web, f"c{n}", keep=3)
    webroot.rollback(web)
    webroot.rollback(web)  # serving c1, the oldest
    assert webroot.prune(web, 1) == ("c2",)
    assert home(web) == "<p>1</p>" and webroot.history(web) == ["c1", "c3"]


def test_a_site_that_was_not_built_is_not_published(tmp_path):
    web = tmp_path / "www"
    (tmp_path / "empty").mkdir()
    with pytest.raises(
        webroot.PublishError, match="没有构建好的网站（缺少 index.html）：先运行 make site"
    ):
        webroot.publish(tmp_path / "empty", web, "abc")
    assert not web.exists()


def test_a_plain_folder_named_current_is_left_alone(tmp_path):
    web = tmp_path / "www"
    (web / "current").mkdir(parents=True)
    (web / "current" / "index.html").write_text("旧网站", encoding="utf-8")
    with pytest.raises(webroot.PublishError, match="是一个普通文件夹，不是指向发布版本的链接"):
        webroot.publish(built(tmp_path, "s", "新"), web, "abc")
    assert (web / "current" / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert not (web / "releases").exists()


def test_publish_and_rollback_commands(tmp_path):
    web = tmp_path / "www"
    site = built(tmp_path, "site", "一")
    first = run_cli("publish", "--web-root", str(web), "--release", "c1", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"已发布：{web}/current → releases/c1\n"
    built(tmp_path / "next", "site", "二")
    second = run_cli(
        "publish",
        "--web-root",
        str(web),
        "--site-dir",
        str(tmp_path / "next" / "site"),
        "--release",
        "c2",
        cwd=tmp_path,
    )
    assert second.stdout == (
        f"已发布：{web}/current → releases/c2（上一个版本 c1，可用 make rollback 切换回去）\n"
    )
    back = run_cli("rollback", "--web-root", str(web), cwd=tmp_path)
    assert back.stdout == f"已切换回：{web}/current → releases/c1（原来是 c2）\n"
    again = run_cli("rollback", "--web-root", str(web), cwd=tmp_path)
    assert again.returncode == 1 and again.stderr.startswith("切换失败：") and site.is_dir()
