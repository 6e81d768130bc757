"""The reviewers file: which accounts approve changes for the county, each township and village.

reviewers.yml sits beside the data folder (like cms.yml) in the internal repository; nothing
copies it into the site. A team is named as the forge names it (组织名/团队名, for CODEOWNERS),
with the accounts whose approval the approval check counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generators.spec.settings_file import read_settings

REVIEWERS_FILE = "reviewers.yml"  # beside the data folder
SECTIONS = ("maintainers", "townships", "supervision")


class ReviewersError(ValueError):
    """A reviewers file that cannot say who approves; the message is for staff, in Chinese."""


@dataclass(frozen=True)
class Team:
    name: str  # organisation/team on the forge: @name in CODEOWNERS
    members: tuple[str, ...]  # the accounts whose approval counts
    role: str  # who they are, in Chinese: 青溪镇（qingxi）的审核人

    @property
    def handle(self) -> str:
        return f"@{self.name}"


@dataclass(frozen=True)
class Reviewers:
    maintainers: Team  # code, schemas, workflows, settings: the county's maintainers
    townships: dict[str, Team]  # township id → its office's reviewers
    supervision: dict[str, Team]  # village id → its 村务监督委员会

    def teams(self) -> list[Team]:
        return [self.maintainers, *self.townships.values(), *self.supervision.values()]


def reviewers_path(data_dir: Path) -> Path:
    return Path(data_dir).resolve().parent / REVIEWERS_FILE


def load_reviewers(path: Path) -> Reviewers:
    if not path.is_file():
        raise ReviewersError(
            f"找不到审核人文件 {REVIEWERS_FILE}：请在数据目录旁边建立它，"
            "写明各镇和各村务监督委员会的审核人（写法见 docs/deploy.md 的“谁审核什么”）"
        )
    raw = read_settings(path, SECTIONS, ReviewersError)
    return Reviewers(
        _team(raw.get("maintainers"), "maintainers", "县级维护人员"),
        _teams(raw.get("townships"), "townships", "镇（街道）{}的审核人"),
        _teams(raw.get("supervision"), "supervision", "村（社区）{}的村务监督委员会"),
    )


def _teams(raw, section: str, role: str) -> dict[str, Team]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ReviewersError(
            f"{REVIEWERS_FILE} 的 {section} 应当按编号列出：编号: {{team: …, members: […]}}"
        )
    return {
        str(key): _team(value, f"{section}.{key}", role.format(f"（{key}）"))
        for key, value in raw.items()
    }


def _team(raw, where: str, role: str) -> Team:
    if not isinstance(raw, dict) or set(raw) != {"team", "members"}:
        raise ReviewersError(
            f"{REVIEWERS_FILE} 的 {where} 要写 team（代码托管平台上的“组织名/团队名”）和 members"
            "（能批准的账号列表）两项"
        )
    name = str(raw["team"] or "").strip()
    if name.count("/") != 1 or not all(name.split("/")) or " " in name:
        raise ReviewersError(
            f"{REVIEWERS_FILE} 的 {where}.team 写成“组织名/团队名”，例如 dangjian/qingxi-shenhe，"
            f"不是“{name}”"
        )
    members = raw["members"]
    if (
        not isinstance(members, list)
        or not members
        or not all(isinstance(m, str) and m.strip() for m in members)
    ):
        raise ReviewersError(
            f"{REVIEWERS_FILE} 的 {where}.members 至少写一个账号，例如 [li-na, wang-qiang]"
        )
    return Team(name, tuple(m.strip() for m in members), role)
