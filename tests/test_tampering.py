"""The build's caches are hints, never witnesses: whatever is planted in them, nothing is published
that the records did not say.

Everything under site/, docs/generated/ and .cache/ is written here as an
attacker could: CI restores them from the forge's cache store, and a pull
request's preview build runs with a contributor's data. Each case starts from
a copy of one built project (the minimal data), tampers with one thing the
way someone without the signing key can (a cache file's JSON edited, its
first line kept; a page edited in place with its size, time and inode kept;
a page swapped for a link or a FIFO), runs `python -m generators site` (or
`validate`, `generate`) as staff do, and looks at what would be published.
One more case plants every tampering at once and builds with --no-cache,
which must trust nothing. A command that hangs fails its test (a timeout).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from sitebuild import copy_site_project

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TODAY = "2025-12-31"
TASK = "tasks/jiceng-2025/wangge-fugai.yaml"
SOURCE = "generated/tasks/wangge-fugai.md"  # its page, as MkDocs names it
GENERATED = "tasks/wangge-fugai.md"  # the same in docs/generated/
PAGE = "tasks/wangge-fugai/index.html"
TITLE = "网格党小组全覆盖".encode()
FORGED = "篡改内容篡改内容".encode()  # as many bytes as TITLE
MOBILE = "13912345678"
PLANTED = "planted(document.cookie)"  # script planted in a cache
DISCLOSURE_PAGE = "disclosures/xikou-2025-q1-caiwu.md"
TIMEOUT = 240  # seconds: a build of the minimal data takes well under a minute

pytestmark = [pytest.mark.slow]


def environment(config: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DANGJIAN_", "GITHUB_")) and k not in ("SITE_URL", "SOURCE_DATE_EPOCH")
    }
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
        NO_MKDOCS_2_WARNING="1",
        XDG_CONFIG_HOME=str(config),  # the signing key's folder: outside the project
    )
    return env


class Project:
    def __init__(self, root: Path, config: Path):
        self.root, self.config = root, config
        self.site = root / "site"
        self.cache = root / ".cache"
        self.generated = root / "docs" / "generated"

    def run(self, command: str = "site", *options: str) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(
                [sys.executable, "-m", "generators", command, "--data", "data", "--today", TODAY]
                + list(options),
                cwd=self.root,
                env=environment(self.config),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"`{command} {' '.join(options)}` hung (still running after {TIMEOUT} s)")

    def build(self, *options: str) -> str:
        done = self.run("site", *options)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def published(self, marker: bytes) -> list[str]:
        """The files of the site folder holding `marker` (links followed, as a web server would)."""
        return sorted(
            p.relative_to(self.site).as_posix()
            for p in self.site.rglob("*")
            if p.is_file() and marker in p.read_bytes()
        )

    def change_another_record(self) -> None:
        """A change elsewhere (a meeting's topic), so that the site is built again, reusing the
        task's page."""
        meetings = self.root / "data" / "meetings" / "xikou-dangzhibu-2025.yaml"
        text = meetings.read_text(encoding="utf-8")
        meetings.write_text(text.replace("研究年度工作计划", "研究年度工作计划和预算", 1), "utf-8")


def edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """The file's bytes changed, its size, modification time and inode kept."""
    before = os.stat(path)
    data = path.read_bytes()
    assert len(old) == len(new) and old in data
    with open(path, "r+b") as f:
        f.write(data.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def edit_cache(path: Path, change) -> None:
    """A cache file's JSON edited by someone without the key: a first line that is not JSON is
    kept."""
    data = path.read_bytes()
    head = b""
    if not data.lstrip().startswith((b"{", b"[")):
        line, _, data = data.partition(b"\n")
        head = line + b"\n"
    value = json.loads(data)
    value = change(value) or value
    path.write_bytes(head + json.dumps(value, ensure_ascii=False).encode())


def stat_or_hash(path: Path, like):
    """What a stamp records for a file, in the form it records it (size, time and inode; or a
    hash)."""
    if isinstance(like, list):
        s = os.stat(path)
        return [s.st_size, s.st_mtime_ns, s.st_ino][: len(like)]
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("built")
    config = tmp_path_factory.mktemp("config")
    copy_site_project(root)
    shutil.copytree(MINIMAL, root / "data")
    project = Project(root, config)
    project.build()
    return project


@pytest.fixture
def project(built, tmp_path) -> Project:
    """A copy of the built project, its caches brought to describe the copy (one build that changes
    nothing: the stamps then hold for the copy's files, as they would where the site was built)."""
    root = tmp_path / "project"
    shutil.copytree(built.root, root, symlinks=True)
    copy = Project(root, built.config)
    copy.build()
    return copy


# ---------------------------------------------------------------------------
# the previous site folder


@pytest.mark.parametrize("then", ["nothing else changed", "another record changed"])
def test_a_page_edited_in_place_with_its_size_time_and_inode_is_not_published(project, then):
    edit_in_place(project.site / PAGE, TITLE, FORGED)
    if then == "another record changed":
        project.change_another_record()
    project.build()
    assert project.published(FORGED) == []
    assert TITLE in (project.site / PAGE).read_bytes()


def test_a_page_that_is_a_link_to_a_file_outside_is_never_reused(project, tmp_path):
    """The page swapped for a link to a file outside the site, the manifest made to name that
    file."""
    outside = tmp_path / "outside.html"
    outside.write_bytes((project.site / PAGE).read_bytes().replace(TITLE, FORGED))
    (project.site / PAGE).unlink()
    (project.site / PAGE).symlink_to(outside)

    def point_at_outside(manifest):
        entry = manifest["pages"][SOURCE]
        entry["sha"] = hashlib.sha256(outside.read_bytes()).hexdigest()
        if "stat" in entry:
            entry["stat"] = stat_or_hash(outside, entry["stat"])

    edit_cache(project.cache / "site" / "manifest.json", point_at_outside)
    project.build()
    assert project.published(FORGED) == []
    assert not (project.site / PAGE).is_symlink()


@pytest.mark.parametrize("link", ["the page", "its folder"])
def test_a_file_outside_the_site_is_never_part_of_it(project, tmp_path, link):
    """A link to a copy outside (the same bytes): the new site must not share the outside file,
    which its owner could change once the site is built and scanned."""
    page = project.site / PAGE
    if link == "the page":
        outside = tmp_path / "outside.html"
        shutil.copy2(page, outside)
        page.unlink()
        page.symlink_to(outside)
    else:
        folder = page.parent
        shutil.copytree(folder, tmp_path / "outside")
        shutil.rmtree(folder)
        folder.symlink_to(tmp_path / "outside", target_is_directory=True)
        outside = tmp_path / "outside" / page.name
    project.build()
    assert not page.is_symlink() and not page.parent.is_symlink()
    assert os.stat(page).st_ino != os.stat(outside).st_ino
    outside.write_bytes(outside.read_bytes().replace(TITLE, FORGED))
    assert project.published(FORGED) == []


def test_a_previous_page_that_is_a_fifo_does_not_hang_the_build(project):
    (project.site / PAGE).unlink()
    os.mkfifo(project.site / PAGE)
    project.change_another_record()
    project.build()
    assert TITLE in (project.site / PAGE).read_bytes()


def test_files_added_to_the_site_folder_are_not_published(project):
    (project.site / "planted.html").write_bytes(FORGED)
    project.build()
    assert project.published(FORGED) == []


# ---------------------------------------------------------------------------
# the manifest and the stamps of .cache/site/


def test_search_entries_from_the_manifest_are_not_inserted(project):
    payload = f'<img src=x onerror="{PLANTED}">'

    def plant(manifest):
        entries = manifest["pages"][SOURCE]["search"]  # none in the published site (Pagefind's)
        entries.append({"location": "", "title": payload, "text": payload})
        for entry in entries:
            entry["text"] = payload + entry["text"]
            entry["title"] = payload

    edit_cache(project.cache / "site" / "manifest.json", plant)
    project.change_another_record()
    project.build()
    assert project.published(PLANTED.encode()) == []


def test_a_forged_stamp_does_not_keep_an_edited_site(project):
    page = project.site / PAGE
    page.write_bytes(page.read_bytes().replace(TITLE, FORGED))

    def vouch(stamp):
        stamp["files"][PAGE] = stat_or_hash(page, stamp["files"][PAGE])

    edit_cache(project.cache / "site" / "stamp.json", vouch)
    project.build()
    assert project.published(FORGED) == []


def test_what_a_forged_stamp_says_was_printed_is_not_printed(project):
    edit_cache(
        project.cache / "site" / "stamp.json",
        lambda stamp: stamp.__setitem__("printed", [["stdout", "请拨打 95599-0000 领取补贴\n"]]),
    )
    assert "领取补贴" not in project.build()


def test_forged_privacy_verdicts_do_not_let_a_mobile_through(project, tmp_path):
    """A mobile on a hand-written page: the scan stops it. The verdicts file is made to say that
    every file of the site that would be built, and every search entry, was found clean
    before."""
    about = project.root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n联系电话：{MOBILE}\n", "utf-8")
    clean = forged_verdicts(project, tmp_path / "forged-site")
    edit_cache(project.cache / "site" / "scan-verdicts.json", lambda old: sorted(clean))
    done = project.run("site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "site.mobile" in done.stdout
    assert project.published(MOBILE.encode()) == []


def forged_verdicts(project: Project, where: Path) -> set[str]:
    """What anyone with the project's code can compute: the verdict of every file of the site the
    next build makes, its search index (Pagefind's, written after MkDocs) included."""
    from generators.build import search
    from generators.build.site import build_epoch
    from generators.pipeline import generate
    from generators.privacy import scan

    phones = generate(
        project.root / "data", where.parent / "docs", dt.date.fromisoformat(TODAY)
    ).phones
    env = dict(
        environment(project.config),
        OFFLINE="false",
        SOURCE_DATE_EPOCH=build_epoch(dt.date.fromisoformat(TODAY)),
    )
    subprocess.run(
        [sys.executable, "-m", "generators.build.mkdocs_build", str(where)],
        cwd=project.root,
        env=env,
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    search.index_site(where)
    allowed = frozenset(scan.phone_key(p) for p in phones)
    verdicts = scan._Verdicts(set(), scan.scanner_key(allowed, scan.own_fingerprints(where)))
    clean = set()
    for path in where.rglob("*"):
        if path.is_file():
            relative = PurePosixPath(path.relative_to(where).as_posix()).as_posix()
            clean.add(verdicts.of(relative, hashlib.sha256(path.read_bytes()).hexdigest()))
    return clean


# ---------------------------------------------------------------------------
# docs/generated/ and .cache/pages.json


def test_a_generated_page_edited_in_place_is_rendered_again(project):
    (project.cache / "site" / "stamp.json").unlink()
    edit_in_place(project.generated / GENERATED, TITLE, FORGED)
    project.build()
    assert project.published(FORGED) == []
    assert FORGED not in (project.generated / GENERATED).read_bytes()


def test_a_generated_page_edited_with_a_forged_pages_stamp_is_rendered_again(project):
    page = project.generated / GENERATED
    page.write_bytes(page.read_bytes() + f"\n联系电话 {MOBILE}，{FORGED.decode()}\n".encode())

    def vouch(stamp):
        stamp["files"][GENERATED] = stat_or_hash(page, stamp["files"][GENERATED])

    edit_cache(project.cache / "pages.json", vouch)
    (project.cache / "site" / "stamp.json").unlink()
    project.build()
    assert project.published(FORGED) == [] and project.published(MOBILE.encode()) == []


# ---------------------------------------------------------------------------
# .cache/validation.json and the memos


def test_a_forged_validation_entry_does_not_pass_a_mobile(project, monkeypatch):
    """The task's title given a mobile; validation.json given an entry for exactly that file's bytes
    (its key computed as the code computes it) that says it passed with no problem."""
    from generators.build.keys import code_key
    from generators.check.loader import load_bytes
    from generators.spec.registry import REGISTRY

    task = project.root / "data" / TASK
    task.write_text(
        task.read_text(encoding="utf-8").replace(TITLE.decode(), f"{TITLE.decode()} {MOBILE}", 1),
        "utf-8",
    )
    raw, display = task.read_bytes(), f"data/{TASK}"
    record_type = REGISTRY.type_of(PurePosixPath(TASK))
    digest = hashlib.sha256(code_key())
    assert record_type is not None
    for part in (record_type.name, display, TODAY):
        digest.update(part.encode() + b"\0")
    digest.update(raw)
    entry: list = [load_bytes(raw, display).data, True, []]
    edit_cache(
        project.cache / "validation.json",
        lambda stored: stored["entries"].__setitem__(digest.hexdigest(), entry),
    )
    for command in ("validate", "generate", "site"):
        done = project.run(command)
        assert done.returncode == 1, (command, done.stdout + done.stderr)
        assert "privacy.mobile" in done.stdout, (
            done.stdout
        )  # the record's own check, not the site's
    assert project.published(MOBILE.encode()) == []
    assert MOBILE.encode() not in b"".join(
        p.read_bytes() for p in project.generated.rglob("*") if p.is_file()
    )


def test_a_qr_code_of_another_address_is_not_printed(project):
    from generators.render.qrcode import qr_svg

    address = "http://127.0.0.1:8000/disclosures/xikou-2025-q1-caiwu/"
    other = qr_svg("https://example.com/another-address/")
    edit_cache(
        project.cache / "qr-codes.json",
        lambda memo: memo["entries"].__setitem__(address, other),
    )
    (project.cache / "pages.json").unlink()
    done = project.run("generate")
    assert done.returncode == 0, done.stdout + done.stderr
    sheet = (project.generated / DISCLOSURE_PAGE).read_text(encoding="utf-8")
    assert other not in sheet and qr_svg(address) in sheet


def test_cache_files_that_are_fifos_do_not_hang_any_command(project):
    for name in (
        "validation.json",
        "pages.json",
        "qr-codes.json",
        "title-words.json",
        "site/stamp.json",
        "site/manifest.json",
        "site/scan-verdicts.json",
    ):
        (project.cache / name).unlink()
        os.mkfifo(project.cache / name)
    project.change_another_record()
    for command in ("validate", "generate"):
        assert project.run(command).returncode == 0
    project.build()


# ---------------------------------------------------------------------------
# --no-cache: nothing from before is trusted


def test_with_no_cache_nothing_planted_anywhere_is_published(project, tmp_path):
    """Every tampering above at once; publishing builds with --no-cache."""
    from generators.render.qrcode import qr_svg

    page = project.site / PAGE
    edit_in_place(page, TITLE, FORGED)  # a page in place
    village = project.site / "villages" / "xikou" / "index.html"
    outside = tmp_path / "outside.html"
    shutil.copy2(village, outside)
    village.unlink()
    village.symlink_to(outside)  # a page as a link to a file outside
    (project.site / "planted.html").write_bytes(FORGED)  # a file added
    edit_in_place(project.generated / "plans" / "jiceng-2025.md", TITLE, FORGED)
    (project.site / "about" / "index.html").unlink()
    os.mkfifo(project.site / "about" / "index.html")  # a page as a FIFO

    def plant(manifest):
        for entry in manifest["pages"].values():
            for search in entry.get("search", []):
                search["text"] = f'<img src=x onerror="{PLANTED}">'

    edit_cache(project.cache / "site" / "manifest.json", plant)
    edit_cache(
        project.cache / "site" / "stamp.json",
        lambda stamp: stamp.__setitem__("printed", [["stdout", "领取补贴\n"]]),
    )
    edit_cache(
        project.cache / "qr-codes.json",
        lambda memo: memo["entries"].update(
            {url: qr_svg("https://example.com/another-address/") for url in memo["entries"]}
        ),
    )
    os.unlink(project.cache / "validation.json")
    os.mkfifo(project.cache / "validation.json")
    project.change_another_record()
    output = project.build("--no-cache")
    assert "领取补贴" not in output
    assert project.published(FORGED) == [] and project.published(PLANTED.encode()) == []
    assert project.published(qr_svg("https://example.com/another-address/").encode()) == []
    assert not village.is_symlink() and os.stat(village).st_ino != os.stat(outside).st_ino
    assert "0 个沿用上次构建" in output
