"""Cache files are signed with a key kept outside the project (generators/build/signed.py).

A file not signed with this machine's key, or signed for another role, is not
read; the key is taken from DANGJIAN_CACHE_KEY or made once in the user's
configuration folder, and refused where someone else could have written or
read it. Without a key every run is a full one, and says why.
"""

from __future__ import annotations

import os
import stat

import pytest
from conftest import run_cli

from generators.build import signed

VALUE = {"entries": {"溪口村": ["<svg/>", 1]}}


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.delenv(signed.KEY_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_a_value_written_is_read_back_and_the_key_is_made_once_for_its_owner(tmp_path):
    path = tmp_path / "cache" / "memo.json"
    assert signed.write(path, VALUE)
    assert signed.read(path) == VALUE
    key = tmp_path / "config" / "dangjian" / "cache-key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    made = key.read_bytes()
    signed.write(path, VALUE)
    assert key.read_bytes() == made


def test_a_changed_byte_another_role_or_another_key_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "memo.json"
    signed.write(path, VALUE)
    data = path.read_bytes()
    path.write_bytes(data.replace("溪口村".encode(), "溪口镇".encode()))
    assert signed.read(path) is None
    with pytest.raises(signed.Unsigned):
        signed.verify(path)
    path.write_bytes(data)
    (tmp_path / "stamp.json").write_bytes(data)  # a memo put where a stamp is read
    assert signed.read(tmp_path / "stamp.json") is None
    path.write_bytes(data.split(b"\n", 1)[1])  # the JSON alone
    assert signed.read(path) is None
    monkeypatch.setenv(signed.KEY_VARIABLE, "a key given by CI, long enough")
    signed.write(path, VALUE)
    assert signed.read(path) == VALUE
    monkeypatch.delenv(signed.KEY_VARIABLE)
    assert signed.read(path) is None


def test_a_fifo_or_a_link_in_place_of_a_cache_file_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "fifo.json")
    assert signed.read(tmp_path / "fifo.json") is None  # and does not wait for a writer
    signed.write(tmp_path / "real.json", VALUE)
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert signed.read(tmp_path / "link.json", "real.json") is None


@pytest.mark.parametrize(
    "setting, reason",
    [
        ("short variable", "太短"),
        ("writable by others", "其他人可以改写"),
        ("a link", "不是普通文件"),
        ("not a key", "内容不对"),
        ("in the working folder", "在工作目录里"),
    ],
)
def test_a_key_that_others_could_know_or_write_is_not_used(tmp_path, monkeypatch, setting, reason):
    key = tmp_path / "config" / "dangjian" / "cache-key"
    key.parent.mkdir(parents=True)
    if setting == "short variable":
        monkeypatch.setenv(signed.KEY_VARIABLE, "short")
    elif setting == "writable by others":
        key.write_text("ab" * 32)
        key.chmod(0o666)
    elif setting == "a link":
        (tmp_path / "elsewhere").write_text("ab" * 32)
        key.symlink_to(tmp_path / "elsewhere")
    elif setting == "not a key":
        key.write_text("password")
        key.chmod(0o600)
    else:
        monkeypatch.chdir(tmp_path)
    why = signed.unavailable()
    assert why is not None
    assert reason in why
    assert not signed.write(tmp_path / "memo.json", VALUE)
    assert not (tmp_path / "memo.json").exists()


def test_without_a_key_validation_runs_in_full_and_says_why(dataset, tmp_path):
    env = {"XDG_CONFIG_HOME": str(dataset.root / "config")}  # inside the working folder: refused
    first = run_cli(
        "validate", "--data", "data", "--today", "2025-12-31", cwd=dataset.root, env=env
    )
    assert first.returncode == 0
    assert "在工作目录里" in first.stderr and "本次不使用检查缓存" in first.stderr
    assert not (dataset.root / ".cache" / "validation.json").exists()
