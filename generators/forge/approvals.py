"""Who must still approve a pull request: its changed files' teams against its reviews.

Pure: the reviews come in as the forge's JSON (GitHub, Gitea and Forgejo share the shape of
`GET /repos/{owner}/{repo}/pulls/{n}/reviews` as far as it is read here: `user.login`, `state`, and
on Gitea and Forgejo `dismissed` and `stale`). A reviewer's latest verdict counts: an approval
followed by a request for changes is no approval; a comment changes nothing. A dismissed or stale
approval (new commits after it, where the branch protection says so) does not count, nor does the
author's own. Each team needs one approval from one of its members.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators.forge.reviewers import Team

APPROVED = "APPROVED"
# The verdicts that replace an earlier one; COMMENTED (GitHub), COMMENT (Gitea, Forgejo), PENDING
# (not submitted) and REQUEST_REVIEW (Gitea: a review was asked for) leave it as it was.
VERDICTS = frozenset({APPROVED, "CHANGES_REQUESTED", "REQUEST_CHANGES", "DISMISSED"})


@dataclass(frozen=True)
class Missing:
    team: Team
    files: tuple[str, ...]


def approvers(reviews: list[dict], author: str | None = None) -> set[str]:
    """The accounts whose latest verdict is a valid approval (reviews in the forge's order)."""
    latest: dict[str, bool] = {}  # account → whether its latest verdict is a valid approval
    for review in reviews:
        login = ((review.get("user") or {}).get("login") or "").strip().lower()
        state = str(review.get("state") or "").upper()
        if not login or state not in VERDICTS:
            continue
        latest[login] = (
            state == APPROVED and not review.get("dismissed") and not review.get("stale")
        )
    return {login for login, valid in latest.items() if valid} - {(author or "").lower()}


def missing(required: dict[str, tuple[Team, ...]], approved: set[str]) -> list[Missing]:
    """Each team some changed file needs whose members have not approved, with those files."""
    files_of: dict[Team, list[str]] = {}
    for path, teams in sorted(required.items()):
        for team in teams:
            files_of.setdefault(team, []).append(path)
    return [
        Missing(team, tuple(files))
        for team, files in files_of.items()
        if not {m.lower() for m in team.members} & approved
    ]


def _files(files: tuple[str, ...]) -> str:
    return files[0] if len(files) == 1 else f"{files[0]} 等 {len(files)} 个文件"


def report(required: dict[str, tuple[Team, ...]], approved: set[str], gaps: list[Missing]) -> str:
    """Plain text for the log: what each changed file needs, and who must still approve."""
    lines = ["这个拉取请求改动的文件和需要的批准："]
    for path, teams in sorted(required.items()):
        lines.append(f"  {path}：{'、'.join(t.role for t in teams)}")
    lines.append(f"已批准的账号：{'、'.join(sorted(approved)) if approved else '（还没有）'}")
    if not gaps:
        lines.append("审核人批准检查通过：需要的批准都有了。")
        return "\n".join(lines) + "\n"
    lines.append("还需要这些审核人批准（每一项由其中任意一位批准即可）：")
    for gap in gaps:
        lines.append(
            f"  {gap.team.role}（{gap.team.handle}：{'、'.join(gap.team.members)}）"
            f"——{_files(gap.files)}"
        )
    lines.append("请他们在拉取请求页面的“文件改动”里审核并选择“批准”；批准后这项检查会重新运行。")
    return "\n".join(lines) + "\n"


def summary(gaps: list[Missing]) -> str:
    """Markdown for the run's summary page."""
    if not gaps:
        return "## 审核人批准\n\n需要的批准都有了。\n"
    rows = [
        f"| {gap.team.role} | `{gap.team.handle}` | {'、'.join(gap.team.members)} | "
        f"{_files(gap.files)} |"
        for gap in gaps
    ]
    return (
        "## 审核人批准：还需要批准\n\n| 审核人 | 团队 | 账号（任意一位） | 改动的文件 |\n"
        "|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
