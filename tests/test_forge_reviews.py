"""Who must approve what: CODEOWNERS from the records, and the approval check over the forge's API.

The review lists are in the shape GitHub, Gitea and Forgejo document (tests/fixtures/forge/); no
real forge was available, so the API client is tested against a local HTTP server that serves them
(tests/forge_server.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import MINIMAL, REPO, TODAY, run_cli
from forge_server import TOKEN, ReviewServer, recorded
from gitrepo import GitRepo

from generators.forge import api, approvals, codeowners
from generators.forge.changes import load_site
from generators.forge.owners import file_teams, named
from generators.forge.reviewers import ReviewersError, Team, load_reviewers

MINIMAL_REVIEWERS = """\
maintainers: {team: dangjian/weihu, members: [xian-weihu]}
townships:
  qingxi: {team: dangjian/qingxi-shenhe, members: [qingxi-dangjianban, qingxi-fuze]}
supervision:
  xikou: {team: dangjian/xikou-jiandu, members: [xikou-jiandu]}
"""
DISCLOSURE = "data/disclosures/2025/xikou-2025-q1-caiwu.yaml"
VILLAGE = "data/villages/xikou.yaml"


@pytest.fixture(scope="module")
def sample():
    """(site, named reviewers, file → teams) of the bundled sample and reviewers.yml."""
    site = load_site(REPO / "data", TODAY)
    reviewers = named(load_reviewers(REPO / "reviewers.yml"), site)
    return site, reviewers, file_teams(site, reviewers)


def handles(teams) -> tuple[str, ...]:
    return tuple(t.handle for t in teams)


# ---------- CODEOWNERS ----------


def test_every_data_file_gets_its_teams_from_both_codeowners_files(sample):
    site, reviewers, teams = sample
    github = (REPO / codeowners.GITHUB_FILE).read_text(encoding="utf-8")
    gitea = (REPO / codeowners.GITEA_FILE).read_text(encoding="utf-8")
    assert len(teams) == len(list((REPO / "data").rglob("*.yaml")))
    for path, expected in teams.items():
        assert codeowners.github_owners(github, path) == handles(expected), path
        assert codeowners.gitea_owners(gitea, path) == handles(expected), path
    for outside in ("generators/pipeline.py", "schemas/village.yaml", ".gitea/workflows/pr.yml"):
        assert codeowners.github_owners(github, outside) == ("@dangjian/weihu",)
        assert codeowners.gitea_owners(gitea, outside) == ("@dangjian/weihu",)


def test_a_villages_disclosure_needs_its_supervision_committee_and_the_townships_reviewers(sample):
    _, _, teams = sample
    assert handles(teams["data/disclosures/2025/xikou-dibao-2025-q4.yaml"]) == (
        "@dangjian/qingxi-shenhe",
        "@dangjian/xikou-jiandu",
    )
    # a branch's disclosure goes to the branch's village committee too
    assert handles(teams["data/disclosures/2025/shangtang-dangzhibu-dangfei-2025-q3.yaml"]) == (
        "@dangjian/qingxi-shenhe",
        "@dangjian/shangtang-jiandu",
    )
    # the township party committee's own disclosure: the township's reviewers only
    assert handles(teams["data/disclosures/2025/qingxi-dangwei-xingji-pingding-2025.yaml"]) == (
        "@dangjian/qingxi-shenhe",
    )
    assert handles(teams["data/villages/xikou.yaml"]) == ("@dangjian/qingxi-shenhe",)
    [township] = [t for t in teams[VILLAGE]]
    assert township.role == "青溪镇（qingxi）的审核人"


def test_file_names_a_pattern_cannot_tell_apart_get_exact_lines(sample):
    """qingxi- would match the township's files and 青溪社区's (qingxi-shequ) alike."""
    github = (REPO / codeowners.GITHUB_FILE).read_text(encoding="utf-8").splitlines()
    gitea = (REPO / codeowners.GITEA_FILE).read_text(encoding="utf-8").splitlines()
    assert not [line for line in github if "/qingxi-*" in line]
    assert (
        "/data/disclosures/*/qingxi-dangwei-xingji-pingding-2025.yaml @dangjian/qingxi-shenhe"
        in github
    )
    assert (
        "/data/disclosures/*/xikou-*.yaml @dangjian/qingxi-shenhe @dangjian/xikou-jiandu" in github
    )
    assert (
        r"^data/disclosures/[^/]+/xikou(-[^/]*)?\\.yaml$ @dangjian/qingxi-shenhe "
        "@dangjian/xikou-jiandu" in gitea
    )
    # a disclosure added later with the village's prefix is covered too
    future = "data/disclosures/2026/xikou-caiwu-2026-q1.yaml"
    assert codeowners.github_owners("\n".join(github), future) == (
        "@dangjian/qingxi-shenhe",
        "@dangjian/xikou-jiandu",
    )
    assert codeowners.gitea_owners("\n".join(gitea), future) == (
        "@dangjian/qingxi-shenhe",
        "@dangjian/xikou-jiandu",
    )


def test_the_committed_codeowners_match_the_records():
    done = run_cli("codeowners", "--check", cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "CODEOWNERS 与记录一致。\n"


def _project(tmp_path, reviewers: str = MINIMAL_REVIEWERS):
    shutil.copytree(MINIMAL, tmp_path / "data")
    (tmp_path / "reviewers.yml").write_text(reviewers, encoding="utf-8")
    return tmp_path


def test_codeowners_writes_both_files_and_check_finds_them_stale(tmp_path):
    project = _project(tmp_path)
    done = run_cli("codeowners", "--today", "2025-12-31", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "已写入 .github/CODEOWNERS、.gitea/CODEOWNERS：20 个数据文件都有审核人。\n"
    )
    (project / "data/villages/xikou.yaml").rename(project / "xikou.yaml.bak")
    stale = run_cli("codeowners", "--check", "--today", "2025-12-31", cwd=project)
    assert stale.returncode == 1
    assert "记录有错误" in stale.stderr or "不一致" in stale.stderr


@pytest.mark.parametrize(
    "text, message",
    [
        (
            MINIMAL_REVIEWERS.replace("  qingxi: {", "  other: {"),
            "reviewers.yml 的 townships 里没有 qingxi（青溪镇）：data/",
        ),
        (
            MINIMAL_REVIEWERS.replace("supervision:\n  xikou", "supervision:\n  other"),
            "reviewers.yml 的 supervision 里没有 xikou（溪口村）："
            "data/disclosures/2025/xikou-2025-q1-caiwu.yaml 是这个村（社区）的公开",
        ),
        (
            MINIMAL_REVIEWERS.replace("team: dangjian/weihu", "team: weihu"),
            "reviewers.yml 的 maintainers.team 写成“组织名/团队名”",
        ),
        (
            MINIMAL_REVIEWERS.replace("members: [xian-weihu]", "members: []"),
            "reviewers.yml 的 maintainers.members 至少写一个账号",
        ),
        ("reviewer: {}\n", "reviewers.yml 里有不认识的设置：reviewer；"),
    ],
)
def test_a_reviewers_file_that_cannot_say_who_approves_is_a_chinese_error(tmp_path, text, message):
    project = _project(tmp_path, text)
    done = run_cli("codeowners", "--today", "2025-12-31", cwd=project)
    assert done.returncode == 1
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / ".github").exists()


def test_a_missing_reviewers_file_is_named(tmp_path):
    project = _project(tmp_path)
    (project / "reviewers.yml").unlink()
    done = run_cli("codeowners", cwd=project)
    assert done.returncode == 1 and "找不到审核人文件 reviewers.yml" in done.stderr


@pytest.mark.slow
def test_the_reviewers_file_is_not_published(sample_site):
    text = (REPO / "reviewers.yml").read_text(encoding="utf-8")
    assert not list(sample_site.rglob("reviewers.yml"))
    for built in sample_site.rglob("*.html"):
        assert "qingxi-shenhe" not in built.read_text(encoding="utf-8"), built
    assert "qingxi-shenhe" in text


# ---------- the approval check ----------

TOWNSHIP = Team("dangjian/qingxi-shenhe", ("qingxi-dangjianban", "qingxi-fuze"), "青溪镇的审核人")
COMMITTEE = Team("dangjian/xikou-jiandu", ("xikou-jiandu",), "溪口村的村务监督委员会")
REQUIRED = {DISCLOSURE: (TOWNSHIP, COMMITTEE), VILLAGE: (TOWNSHIP,)}


@pytest.mark.parametrize(
    "forge, still_needed",
    [("github", [COMMITTEE]), ("gitea", [COMMITTEE]), ("forgejo", [])],
)
def test_each_forges_documented_reviews_decide_who_must_still_approve(forge, still_needed):
    approved = approvals.approvers(recorded(forge), author="zhukeng-wenshu")
    gaps = approvals.missing(REQUIRED, approved)
    assert [gap.team for gap in gaps] == still_needed
    if still_needed:
        assert gaps[0].files == (DISCLOSURE,)


def test_without_the_townships_approval_the_check_fails_naming_them():
    reviews = [r for r in recorded("forgejo") if r["user"]["login"] != "qingxi-dangjianban"]
    gaps = approvals.missing(REQUIRED, approvals.approvers(reviews))
    assert [gap.team for gap in gaps] == [TOWNSHIP]
    text = approvals.report(REQUIRED, approvals.approvers(reviews), gaps)
    assert (
        "  青溪镇的审核人（@dangjian/qingxi-shenhe：qingxi-dangjianban、qingxi-fuze）"
        f"——{DISCLOSURE} 等 2 个文件" in text
    )


def test_a_later_request_for_changes_or_a_dismissal_withdraws_an_approval():
    approve = {"user": {"login": "xikou-jiandu"}, "state": "APPROVED"}
    assert approvals.approvers([approve]) == {"xikou-jiandu"}
    assert approvals.approvers([approve, {**approve, "state": "CHANGES_REQUESTED"}]) == set()
    assert approvals.approvers([approve, {**approve, "state": "REQUEST_CHANGES"}]) == set()
    assert approvals.approvers([{**approve, "dismissed": True}]) == set()
    assert approvals.approvers([{**approve, "state": "DISMISSED"}]) == set()
    assert approvals.approvers([approve, {**approve, "state": "COMMENTED"}]) == {"xikou-jiandu"}
    # the author cannot approve their own change
    assert approvals.approvers([approve], author="Xikou-Jiandu") == set()


@pytest.mark.parametrize("prefix", ["", "/api/v1"])
def test_the_api_client_reads_every_page_with_the_token(prefix):
    reviews = [
        {"user": {"login": f"u{i}"}, "state": "COMMENT", "id": i} for i in range(api.PAGE_SIZE + 3)
    ]
    server = ReviewServer("dangjian/data", 12, reviews)
    with server.running():
        got = api.reviews(server.url(prefix), "dangjian/data", 12, TOKEN)
    assert [r["id"] for r in got] == list(range(api.PAGE_SIZE + 3))
    assert len(server.requests) == 3  # two pages and the empty one after them
    path, headers = server.requests[0]
    assert path == f"{prefix}/repos/dangjian/data/pulls/12/reviews?page=1&per_page=50&limit=50"
    assert headers["Authorization"] == f"token {TOKEN}"


def test_the_api_client_says_what_went_wrong_in_chinese():
    server = ReviewServer("dangjian/data", 12, [])
    with server.running():
        with pytest.raises(api.ForgeError, match=r"HTTP 401（令牌无效）"):
            api.reviews(server.url(), "dangjian/data", 12, "wrong")
        with pytest.raises(api.ForgeError, match=r"HTTP 404（找不到这个仓库或拉取请求）"):
            api.reviews(server.url(), "dangjian/data", 13, TOKEN)
    with pytest.raises(api.ForgeError, match="连不上代码托管平台"):
        api.reviews(server.url(), "dangjian/data", 12, TOKEN)  # the server has stopped


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose branch changes the village's disclosure, and the event CI would see."""
    project = _project(tmp_path / "repo")
    repo = GitRepo(project).init()
    base = repo.commit("数据")
    repo.git("checkout", "-q", "-b", "xiugai")
    path = project / DISCLOSURE
    path.write_text(path.read_text(encoding="utf-8") + "# 核对\n", encoding="utf-8")
    repo.commit("修改公开")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 12,
                    "base": {"sha": base},
                    "user": {"login": "xikou-wenshu"},
                }
            }
        ),
        encoding="utf-8",
    )
    return project, event


@pytest.mark.parametrize("forge, passes", [("github", False), ("gitea", False), ("forgejo", True)])
def test_the_approval_check_in_ci(pull_request, tmp_path, forge, passes):
    project, event = pull_request
    summary = tmp_path / "summary.md"
    server = ReviewServer("dangjian/data", 12, recorded(forge))
    with server.running():
        done = run_cli(
            "approvals",
            "--today",
            "2025-12-31",
            cwd=project,
            env={
                "GITHUB_EVENT_PATH": str(event),
                "GITHUB_API_URL": server.url("" if forge == "github" else "/api/v1"),
                "GITHUB_REPOSITORY": "dangjian/data",
                "GITHUB_TOKEN": TOKEN,
                "GITHUB_STEP_SUMMARY": str(summary),
            },
        )
    assert done.returncode == (0 if passes else 1), done.stdout + done.stderr
    assert (
        f"  {DISCLOSURE}：青溪镇（qingxi）的审核人、溪口村（xikou）的村务监督委员会" in done.stdout
    )
    if passes:
        assert "审核人批准检查通过" in done.stdout
        assert "需要的批准都有了" in summary.read_text(encoding="utf-8")
    else:
        assert (
            "  溪口村（xikou）的村务监督委员会（@dangjian/xikou-jiandu：xikou-jiandu）"
            f"——{DISCLOSURE}" in done.stdout
        )
        assert "| 溪口村（xikou）的村务监督委员会 |" in summary.read_text(encoding="utf-8")


def test_a_deleted_record_needs_the_approval_it_needed_before(tmp_path):
    project = _project(tmp_path / "repo")
    repo = GitRepo(project).init()
    base = repo.commit("数据")
    (project / "data/grids/xikou-3.yaml").unlink()
    (project / "reviewers.yml").write_text(MINIMAL_REVIEWERS + "# 注释\n", encoding="utf-8")
    repo.commit("删除网格")
    from generators.forge.changes import required_teams

    site = load_site(project / "data", TODAY)
    required = required_teams(project, base, load_reviewers(project / "reviewers.yml"), site, TODAY)
    assert {path: handles(teams) for path, teams in required.items()} == {
        "data/grids/xikou-3.yaml": ("@dangjian/qingxi-shenhe",),
        "reviewers.yml": ("@dangjian/weihu",),
    }


def test_the_approval_check_without_its_inputs_names_them(tmp_path):
    done = run_cli("approvals", cwd=_project(tmp_path), env={"GITHUB_EVENT_PATH": ""})
    assert done.returncode == 1
    assert "缺少 --base、--pr、--api、--repo" in done.stderr


def test_reviewers_must_load_before_anything_else():
    with pytest.raises(ReviewersError):
        load_reviewers(REPO / "no-such-reviewers.yml")
    assert subprocess.run(["git", "--version"], capture_output=True).returncode == 0
