"""CODEOWNERS from the records: GitHub's (gitignore-style patterns, the last match wins) and
Gitea's and Forgejo's (regular expressions, anchored, every matching line counts).

A unit's files are usually named after it (xikou.yaml, xikou-1.yaml, xikou-caiwu-2025-q3.yaml), so
one pattern per folder and unit covers them and the files added later. A pattern is written only
where it cannot be mistaken: every file it matches has the same teams, and no other unit's id
begins with this one's (qingxi- would also match qingxi-shequ). Every other file gets an exact line.
No two lines match the same file, so both rules of matching give the same teams. Outside the data
folder, everything is the maintainers'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from generators.forge.reviewers import Team

GITHUB_FILE = ".github/CODEOWNERS"
GITEA_FILE = ".gitea/CODEOWNERS"  # read by Gitea and by Forgejo
HEADER = (
    "# 由 python -m generators codeowners 按 data/ 的记录和 reviewers.yml 生成，不要手改。\n"
    "# 改动文件时，代码托管平台会请这些团队审核；必需的“审核人批准”检查确认他们已经批准。\n"
)


@dataclass(frozen=True)
class OwnedFile:
    path: str  # in the repository: data/villages/xikou.yaml
    folder: str  # its type's folder as a glob: data/villages, data/disclosures/*
    teams: tuple[Team, ...]

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass(frozen=True)
class Rule:
    """One line: files of a folder named after a unit (prefix), or one file (exact)."""

    folder: str
    name: str  # the unit id (a prefix rule) or the file's stem (an exact rule)
    prefix: bool
    teams: tuple[Team, ...]

    def covers(self, file: OwnedFile) -> bool:
        if file.folder != self.folder:
            return False
        return file.stem == self.name or (self.prefix and file.stem.startswith(self.name + "-"))

    def github(self) -> list[str]:
        owners = " ".join(t.handle for t in self.teams)
        lines = [f"/{self.folder}/{self.name}.yaml {owners}"]
        if self.prefix:
            lines.append(f"/{self.folder}/{self.name}-*.yaml {owners}")
        return lines

    def gitea(self) -> list[str]:
        owners = " ".join(t.handle for t in self.teams)
        folder = "/".join(
            "[^/]+" if part == "*" else _literal(part) for part in self.folder.split("/")
        )
        tail = "(-[^/]*)?" if self.prefix else ""
        regex = "^" + folder + "/" + _literal(self.name) + tail + r"\.yaml$"
        return [f"{gitea_escape(regex)} {owners}"]


def owned_files(site, teams: dict, registry, data_folder: str) -> list[OwnedFile]:
    """Every record file with its type's folder as a glob (data/disclosures/*) and its teams."""
    out = []
    for record in site.all_records():
        folder = (
            PurePosixPath(data_folder) / PurePosixPath(registry[record.type_name].pattern).parent
        )
        path = (PurePosixPath(data_folder) / record.source).as_posix()
        out.append(OwnedFile(path, folder.as_posix(), teams[path]))
    return sorted(out, key=lambda f: f.path)


def _literal(text: str) -> str:
    """A regular expression for the text itself (ids and folders need no escaped hyphens)."""
    return re.escape(text).replace("\\-", "-")


def rules(files: list[OwnedFile], units: set[str]) -> list[Rule]:
    """Prefix rules where they cannot be mistaken, then an exact rule for every file left."""
    found: list[Rule] = []
    for folder in sorted({f.folder for f in files}):
        in_folder = [f for f in files if f.folder == folder]
        for unit in sorted(units):
            if any(other.startswith(unit + "-") for other in units):
                continue
            rule = Rule(folder, unit, True, ())
            matched = [f for f in in_folder if rule.covers(f)]
            if matched and len({f.teams for f in matched}) == 1:
                found.append(Rule(folder, unit, True, matched[0].teams))
    for file in files:
        if not any(rule.covers(file) for rule in found):
            found.append(Rule(file.folder, file.stem, False, file.teams))
    return found


def github_text(
    files: list[OwnedFile], units: set[str], maintainers: Team, data_folder: str
) -> str:
    outside = f"* {maintainers.handle}"
    return _text(outside, [line for r in rules(files, units) for line in r.github()], data_folder)


def gitea_text(files: list[OwnedFile], units: set[str], maintainers: Team, data_folder: str) -> str:
    outside = f"!{gitea_escape('^' + _literal(data_folder) + '/.*$')} {maintainers.handle}"
    return _text(outside, [line for r in rules(files, units) for line in r.gitea()], data_folder)


def _text(outside: str, lines: list[str], data_folder: str) -> str:
    return (
        "\n".join(
            [
                HEADER,
                "# 数据目录以外（代码、格式、工作流、设置）：维护人员",
                outside,
                "",
                f"# {data_folder}/：记录所属镇（街道）的审核人；村（社区）的公开另加村务监督委员会",
                *lines,
            ]
        )
        + "\n"
    )


def gitea_escape(regex: str) -> str:
    r"""Gitea reads a backslash in CODEOWNERS as an escape of the next character: `\\.` is `\.`."""
    return regex.replace("\\", "\\\\")


# ---------------------------------------------------------------------------
# reading a CODEOWNERS file back, as each forge does: to prove that every file gets its teams


def _entries(text: str, escapes: bool = False):
    for line in text.splitlines():
        tokens = _tokens(line) if escapes else line.split("#")[0].split()
        if len(tokens) >= 2:
            yield tokens[0], tuple(tokens[1:])


def _tokens(line: str) -> list[str]:
    """Gitea's tokenizer: a backslash takes the next character as it is; `#` starts a comment."""
    tokens: list[str] = []
    current, escaped = "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == "#":
            break
        elif char.isspace():
            tokens, current = (tokens + [current] if current else tokens), ""
        else:
            current += char
    return tokens + [current] if current else tokens


def github_owners(text: str, path: str) -> tuple[str, ...]:
    """GitHub: the last line whose pattern matches the path."""
    found: tuple[str, ...] = ()
    for pattern, owners in _entries(text):
        if pattern == "*" or re.fullmatch(_glob(pattern), "/" + path):
            found = owners
    return found


def _glob(pattern: str) -> str:
    return "".join(
        "[^/]*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", pattern)
    )


def gitea_owners(text: str, path: str) -> tuple[str, ...]:
    """Gitea and Forgejo: each matching line adds its owners; `!pattern` matches all it does not."""
    found: list[str] = []
    for pattern, owners in _entries(text, escapes=True):
        negative = pattern.startswith("!")
        matched = re.fullmatch(pattern.removeprefix("!"), path) is not None
        if matched != negative:
            found += [o for o in owners if o not in found]
    return tuple(found)
