"""Every key a cache is kept under, in one place: what each cached result depends on, by content.

A key is a SHA-256 of everything a result depends on besides what names it;
when any part changes the key changes and the result is made again. (A
*fingerprint* is something else: a published disclosure version's identity,
generators/history/versions.py.) From the widest to the narrowest:

* `code_key`    – the code under generators/, the schemas, the problem catalogue, the libraries
                   that check records and the Python version: every other key starts from it;
* `file_key`    – one record file's check (check/cache.py): its type, place, the day and its bytes;
* `records_key` – every record file validation read, by its file key (Validation.inputs);
* `data_key`    – every file under the data folder, by path and content (type and size first);
* `pages_key`   – everything the generated pages are made from (build/pagestamp.py);
* `global_key`  – everything every page's HTML may depend on besides the page (mkdocs.yml, the
                   code, overrides/, docs/assets/, the packages, the environment it reads);
* `docs_key`    – that and every file under docs/;
* `nav_key`     – the navigation as every page shows it;
* `page_key`    – one page's HTML: the global key, its paths and its Markdown;
* `scanner_key` – a verdict of the built-site privacy scan: the scanner, the theme, the public
                   phones, the site's own version fingerprints; `verdict_key` one such verdict;
* `site_key`    – all MkDocs reads and the scanner (.cache/site/stamp.json's "whole");
* `run_key`     – everything a whole `site` run reads (the stamp's "run");
* `memo_version` – what a memo's results depend on besides their key (build/memo.py).

Each file is read by content_key (build/files.py): its type and size are looked at first, so a
FIFO or a huge file in any folder a key reads cannot make a run hang or stall.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import cerberus
import yaml

from generators.build.files import content_key, files_under
from generators.check.loader import MAX_BYTES
from generators.history.git import GitError, Repository
from generators.spec.catalogue import CATALOGUE_DIR
from generators.spec.fields import SCHEMA_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # generators/, wherever the code is run from
TEMPLATES = PACKAGE_DIR / "render" / "templates"
CODE = "dangjian-code 1"
GLOBAL = "dangjian-site-manifest 2"
ROOT_FILES = ("mkdocs.yml",)
CODE_FOLDERS = ("overrides",)
ASSET_FOLDER = "docs/assets"
# The generator's files the MkDocs build reads (a hook that writes pages from state gathered across
# pages must add what it reads here).
READ_BY_BUILD = ("docs/generated/.nav.json", "docs/generated/jieba_user_dict.txt")
ENVIRONMENT = ("SITE_URL", "OFFLINE", "SOURCE_DATE_EPOCH")
_ENV_TAG = re.compile(r"!ENV\s+\[?\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")


# ---------------------------------------------------------------------------
# checking the records


def code_key() -> bytes:
    """What every cached result depends on besides its own input: the code, the schemas, the
    libraries."""
    digest = hashlib.sha256(CODE.encode())
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(content_key(source))
    for data_file in [*sorted(SCHEMA_DIR.glob("*.yaml")), *sorted(CATALOGUE_DIR.glob("*.yaml"))]:
        digest.update(data_file.name.encode() + content_key(data_file))
    digest.update(f"{cerberus.__version__} {yaml.__version__} {sys.version}".encode())
    return digest.digest()


def file_key(code: bytes, *parts: str, raw: bytes) -> str:
    """One record file's check: the code key, its record type, place and day, and its bytes."""
    digest = hashlib.sha256(code)
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def records_key(files) -> str:
    """Every record file validation read: (path inside the data folder, its file key) pairs."""
    return hashlib.sha256(
        "\0".join(f"{relative} {key}" for relative, key in files).encode()
    ).hexdigest()


def data_key(data_dir: Path) -> str:
    """Every file validation reads (every_file: records and the files that are no records, which
    are scanned for personal data): its path and bytes, or where it links to.

    A file's type and size are looked at before it is read: a FIFO, device or socket is named by
    its kind and never opened, a file above the loader's limit by its size and never read
    (validation refuses both)."""
    from generators.check.validate import every_file

    digest = hashlib.sha256()
    for relative in every_file(data_dir):
        digest.update(os.fsencode(relative.as_posix()) + b"\0")
        digest.update(content_key(data_dir / relative, MAX_BYTES) + b"\0")
    return digest.hexdigest()


def settings_key(data_dir: Path) -> bytes:
    """The form editor's settings (cms.yml beside the data folder, by content) and the local-backend
    variable: what the generated admin/config.yml is made from besides the schemas."""
    from generators.editors.cms import LOCAL_BACKEND_ENV, SETTINGS_FILE

    settings = content_key(Path(data_dir).resolve().parent / SETTINGS_FILE)
    return settings + f"\0{os.environ.get(LOCAL_BACKEND_ENV)!r}\0".encode()


def data_head(data_dir: Path) -> str:
    """The commit the data folder is at (its history follows from it), or that it has none."""
    try:
        repository = Repository(data_dir)
        return f"{repository.prefix} {repository.commit_of('HEAD')}"
    except GitError:
        return "no git"


# ---------------------------------------------------------------------------
# rendering the pages


def pages_key(
    data_dir: Path,
    records: str,
    intro: Path,
    today: dt.date,
    use_history: bool,
    site_url: str | None,
) -> str:
    """Everything the generated pages are made from: the code, templates, schemas and catalogue;
    the build date, the site's address, the home page's opening, the data's commit and every record
    file (`records`, records_key)."""
    digest = hashlib.sha256(code_key())
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0")
            digest.update(content_key(path))
    digest.update(f"{today.isoformat()} {use_history} {site_url!r}\0".encode())
    digest.update(content_key(intro) + b"\0")
    digest.update(settings_key(data_dir))
    if use_history:
        digest.update(data_head(data_dir).encode() + b"\0")
    digest.update(records.encode())
    return digest.hexdigest()


def memo_version(source: str, *packages: str) -> str:
    """A memo's version: the code that makes its results (a source file) and the libraries it
    calls."""
    digest = hashlib.sha256(content_key(Path(source)))
    for package in packages:
        digest.update(f"\0{package} {importlib.metadata.version(package)}".encode())
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# the MkDocs build


def environment_names(config_text: str) -> list[str]:
    """The environment variables the build reads: the fixed ones and every !ENV of mkdocs.yml."""
    names = set(ENVIRONMENT)
    for match in _ENV_TAG.finditer(config_text):
        names.update(n.strip() for n in match.group(1).split(","))
    return sorted(names)


def global_key(root: Path = Path("."), with_generated: bool = True) -> str:
    """Everything every page's HTML may depend on, besides the pages themselves.

    `with_generated=False` leaves out the generator's files the build reads (READ_BY_BUILD): for
    what a whole run reads, they are its output."""
    root = Path(root)
    digest = hashlib.sha256(f"{GLOBAL} {sys.version}".encode())

    def add(path: Path) -> None:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(content_key(path))

    for name in ROOT_FILES:
        add(root / name)
    for path in files_under(PACKAGE_DIR):
        digest.update(b"code " + path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(content_key(path))
    for folder in (*CODE_FOLDERS, ASSET_FOLDER):
        for path in files_under(root / folder):
            add(path)
    for name in READ_BY_BUILD if with_generated else ():
        add(root / name)
    config = root / "mkdocs.yml"
    config_text = config.read_text(encoding="utf-8") if config.is_file() else ""
    for name in environment_names(config_text):
        digest.update(f"env {name}={os.environ.get(name)!r}\0".encode())
    packages = sorted(
        f"{d.metadata['Name']}=={d.version}".lower() for d in importlib.metadata.distributions()
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def docs_key(
    root: Path = Path("."),
    docs: str = "docs",
    leaving_out: str | None = None,
    known: Mapping[str, str | None] | None = None,
) -> str:
    """Every file under docs/ by path and content: with the global key, all a build reads.

    `leaving_out`: a folder under docs/ whose files are not read (the generated pages, checked
    otherwise); then the generated files of READ_BY_BUILD are not read either. `known`: the
    SHA-256 of files under docs/ (by their path there) that the caller has just written or read
    (the generator's pages): the same key, without reading them again."""
    digest = hashlib.sha256(global_key(root, with_generated=leaving_out is None).encode())
    folder = Path(root) / docs
    known = known or {}
    for path in files_under(folder, folder / leaving_out if leaving_out else None):
        relative = path.relative_to(folder).as_posix()
        digest.update(relative.encode() + b"\0")
        sha = known.get(relative)
        digest.update(bytes.fromhex(sha) if sha else content_key(path))
    return digest.hexdigest()


def page_key(global_key: str, file, sha: str | None = None) -> str:
    """One page's HTML, besides its links and the navigation: the global key, its source and
    output paths, its address, whether it is included, and its Markdown bytes (by their SHA-256,
    `sha` when the caller has just read or written them)."""
    digest = hashlib.sha256(global_key.encode())
    for part in (file.src_uri, file.dest_uri, file.url, file.inclusion.name):
        digest.update(part.encode() + b"\0")
    digest.update(bytes.fromhex(sha) if sha else content_key(Path(file.abs_src_path)))
    return digest.hexdigest()


def nav_key(nav) -> str:
    """The navigation as the theme shows it on every page: entries, titles, addresses, front
    matter."""

    def item(entry):
        kind = type(entry).__name__
        url = getattr(entry, "url", None)
        meta = getattr(entry, "meta", None)
        children = entry.children if getattr(entry, "children", None) else []
        return [kind, entry.title, url, meta, [item(child) for child in children]]

    text = json.dumps([item(e) for e in nav.items], default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# ---------------------------------------------------------------------------
# the privacy scan of the built site, and the whole run


def scanner_key(allowed_phones=frozenset(), own_fingerprints=frozenset()) -> str:
    """What a verdict of scan_site on one file depends on besides the file: the scanner's code, the
    theme's files (copies of them are skipped), the phone numbers declared public and the site's
    version fingerprints."""
    import material
    import mkdocs

    from generators.privacy.scan import phone_key

    allowed = sorted(phone_key(p) for p in allowed_phones)
    text = (
        f"{code_key().hex()} {material.__version__} {mkdocs.__version__} {','.join(allowed)} "
        f"{','.join(sorted(own_fingerprints))}"
    )
    return hashlib.sha256(text.encode()).hexdigest()


def verdict_key(scanner: str, kind: str, content: str) -> str:
    """One verdict of the privacy scan: a file (kind: its path; content: its hash) or a search entry
    found clean by the scanner `scanner`."""
    text = f"{scanner} {kind} {content}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def site_key(phones, known: Mapping[str, str | None] | None = None) -> str:
    """All a MkDocs build reads (docs_key, `known` as it takes it) and the scanner with the public
    phones."""
    digest = hashlib.sha256(docs_key(Path("."), "docs", known=known).encode())
    digest.update(scanner_key(phones).encode())
    return digest.hexdigest()


def run_key(
    data_dir: Path,
    today: dt.date,
    base: str | None,
    site_dir: Path,
    pages_dir: Path = Path("docs/generated"),
) -> str | None:
    """Everything a `site` run reads but its own output, by content; None when the base version is
    unknown.

    The code, schemas and libraries (code_key); every file under docs/ but the generated pages,
    mkdocs.yml, the theme and the environment (docs_key); every data file; the commit the data
    folder is at and the base version's; the data folder as named, the build date, the site
    folder."""
    from generators.check.validate import display_root

    digest = hashlib.sha256(code_key())
    parent = pages_dir.parent.as_posix()
    digest.update(docs_key(Path("."), parent, leaving_out=pages_dir.name).encode())
    digest.update(
        f"{display_root(data_dir)}\0{today.isoformat()}\0{Path(site_dir).as_posix()}\0".encode()
    )
    digest.update(data_head(data_dir).encode() + b"\0")
    if base is not None:
        try:
            digest.update(Repository(data_dir).commit_of(base).encode() + b"\0")
        except GitError:
            return None
    digest.update(data_key(data_dir).encode())
    digest.update(settings_key(data_dir))
    return digest.hexdigest()
