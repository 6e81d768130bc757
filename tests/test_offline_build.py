"""Building inside the government network: after `make deps` from a carried offline kit, `make site`
runs in a network namespace with no network at all (`unshare -n`: only a loopback that is down).

The kit is made by `make offline-kit` (wheels from PyPI, the form editor's bundle) once per test
session, as an administrator would on a machine that reaches the registries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from forge_runner import copy_repository, offline_kit

ROOT = Path(__file__).resolve().parents[1]


def offline(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    """A command in a new network namespace: no route to anywhere, not even 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITE_URL", "CMS_", "GITHUB_"))}
    env.update(NO_MKDOCS_2_WARNING="1", npm_config_fetch_retries="0", **extra)
    return subprocess.run(
        ["unshare", "--net", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=1500,
    )


def test_an_incomplete_kit_is_named(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (tmp_path / "kit" / "wheels").mkdir(parents=True)
    done = subprocess.run(
        ["make", "--no-print-directory", "deps", f"OFFLINE_KIT={tmp_path / 'kit'}"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2  # make's status for a failed recipe
    assert (
        f"{tmp_path / 'kit'} 不是完整的离线包（缺少 wheels/ 或 decap-cms.js）："
        "请用 make offline-kit 重新制作" in done.stderr
    )


@pytest.mark.slow
def test_make_site_needs_no_network_after_make_deps_from_the_kit(tmp_path_factory, tmp_path):
    kit = offline_kit(str(tmp_path_factory.mktemp("offline-kit") / "kit"))
    assert sorted(p.name for p in kit.iterdir()) == ["decap-cms.js", "requirements.txt", "wheels"]
    project = copy_repository(tmp_path / "project")
    assert not (project / ".venv").exists() and not (project / "docs/admin/decap-cms.js").exists()

    probe = offline(
        "python3", "-c", "import socket; socket.create_connection(('127.0.0.1', 9), 2)", cwd=project
    )
    assert probe.returncode != 0 and "Network is unreachable" in probe.stderr  # truly no network

    deps = offline("make", "--no-print-directory", "deps", f"OFFLINE_KIT={kit}", cwd=project)
    assert deps.returncode == 0, deps.stdout + deps.stderr
    site = offline("make", "--no-print-directory", "site", cwd=project)
    assert site.returncode == 0, site.stdout + site.stderr
    assert "网站已构建到 site/" in site.stdout
    assert (project / "site" / "index.html").is_file() and (project / "site" / "404.html").is_file()

    # Without the form editor's bundle, on a machine whose npm never fetched it (an empty npm
    # cache) and reaches no registry: a Chinese message, not just
    # "make: *** [Makefile:34: docs/admin/decap-cms.js] Error 1".
    (project / "docs/admin/decap-cms.js").unlink()
    again = offline(
        "make", "--no-print-directory", "site", cwd=project, npm_config_cache=str(tmp_path / "npm")
    )
    assert again.returncode != 0
    assert (
        "取不到表单编辑器 decap-cms 3.16.3：这台电脑连不上 npm 仓库（或它的镜像）。" in again.stderr
    )
    assert "make deps OFFLINE_KIT=离线包文件夹" in again.stderr
