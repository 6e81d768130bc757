"""The whole pipeline in one function: load → validate → model → history → compliance → render →
downloads → write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generators.build.pagestamp import PagesStamp
from generators.build.stages import NO_OBSERVER, Observer, stage
from generators.build.write import WriteStats, write_pages
from generators.check.validate import Validation, check_model, validate_records
from generators.editors.cms import admin_pages
from generators.exchange.publish import data_files
from generators.history.git import last_changed
from generators.history.versions import disclosure_versions
from generators.model.compliance import Compliance
from generators.model.site import Site, build_model
from generators.model.supervision import supervision
from generators.model.targets import Targets
from generators.privacy.scan import public_phones
from generators.render.pages import LOCAL_PREVIEW, render_site
from generators.spec.problems import Problem
from generators.spec.registry import REGISTRY, Registry

INTRO_FILE = "_intro.md"  # hand-written opening of the home page, in docs/
GENERATED = "generated"  # folder under docs/ that the generator owns


@dataclass
class BuildResult:
    problems: list[Problem]
    site: Site | None = (
        None  # None when the data has errors, or when the pages were already up to date
    )
    stats: WriteStats | None = None
    notices: list[str] = field(default_factory=list)
    phones: frozenset[str] = frozenset()  # the public phone numbers (privacy.public_phones)
    up_to_date: bool = (
        False  # nothing the pages depend on changed since the last run: nothing was rendered
    )
    # docs/generated/'s files and SHA-256 as the run left them (None without a cache folder)
    pages_files: dict[str, str | None] | None = None

    @property
    def ok(self) -> bool:
        return self.site is not None or self.up_to_date


def generate(
    data_dir: Path,
    docs_dir: Path,
    today: dt.date,
    use_history: bool = True,
    cache_dir: Path | None = None,
    registry: Registry = REGISTRY,
    observer: Observer = NO_OBSERVER,
    base: str | None = None,
    site_url: str | None = None,
) -> BuildResult:
    """Markdown pages for a valid data folder; nothing is written when the data has errors.

    With a base version (a git ref), published disclosures are checked against it
    (generators/history/published.py). `site_url` is the public address, for the QR codes
    of printed notices. The observer is told when each stage starts and
    ends (generators/build/stages.py)."""
    validation = validate_records(data_dir, today, cache_dir, registry, observer, base)
    if not validation.ok:
        return BuildResult(validation.problems, notices=validation.notices)
    stamp = (
        PagesStamp(
            cache_dir,
            docs_dir / GENERATED,
            data_dir,
            validation.inputs,
            docs_dir / INTRO_FILE,
            today,
            use_history,
            site_url,
        )
        if cache_dir is not None and registry is REGISTRY
        else None
    )
    up_to_date = stamp is not None and stamp.holds()
    with_history = use_history and not up_to_date  # the pages show when each record last changed
    site, validation = _model(validation, data_dir, today, registry, observer, with_history)
    if not validation.ok:
        return BuildResult(validation.problems, notices=validation.notices)
    if stamp is not None and up_to_date:
        return _up_to_date(validation, stamp)
    with stage(
        observer, "history"
    ) as details:  # every published version of every disclosure, from git
        versions = (
            disclosure_versions(data_dir, validation.records, today, registry)
            if use_history
            else {}
        )
        details.update(versions=sum(len(v) for v in versions.values()))
    with stage(
        observer, "compliance"
    ) as details:  # what was due by the build date, and what is late
        compliance = Compliance(site)
        targets = Targets(site, compliance)  # the plans' targets, computed from the records
        entries = supervision(site, compliance, targets)
        details.update(dues=len(compliance.dues), late=len(entries))
    with stage(observer, "render") as details:
        intro_file = docs_dir / INTRO_FILE
        intro = intro_file.read_text(encoding="utf-8") if intro_file.exists() else ""
        # text pages; the downloads below add bytes (workbooks)
        pages: dict[str, str | bytes] = dict(
            render_site(
                site,
                home_intro=intro,
                registry=registry,
                compliance=compliance,
                targets=targets,
                supervision_entries=entries,
                disclosure_versions=versions,
                site_url=site_url,
                cache_dir=cache_dir,
            )
        )
        admin, admin_notices = admin_pages(data_dir, registry, site)  # the form editor (/admin/)
        pages.update(admin)
        details.update(pages=len(pages))
    with stage(observer, "downloads") as details:  # /data/ and /feeds/: tables, workbooks, feeds
        kept = cache_dir if registry is REGISTRY else None  # workbooks kept by their records
        files = data_files(site, registry, compliance, targets, site_url, kept)
        pages.update(files)
        details.update(files=len(files))
    with stage(observer, "write") as details:
        stats = write_pages(docs_dir / GENERATED, pages)
        details.update(written=stats.written, unchanged=stats.unchanged, removed=stats.removed)
    own_notices = list(admin_notices)
    if versions and not site_url:
        own_notices.append(
            f"没有设置 SITE_URL，打印的公开栏上的二维码指向本机预览地址 {LOCAL_PREVIEW}"
        )
    phones = public_phones(site)
    if stamp is not None:
        stamp.save(phones, own_notices)
    return BuildResult(
        validation.problems,
        site,
        stats,
        list(validation.notices) + own_notices,
        phones,
        pages_files=stamp.files if stamp is not None else None,
    )


def _model(
    validation: Validation,
    data_dir: Path,
    today: dt.date,
    registry: Registry,
    observer: Observer,
    with_history: bool,
) -> tuple[Site, Validation]:
    """The model of valid records, built once, and the validation with the rules computed on it
    (a plan's targets)."""
    with stage(observer, "model"):
        history = last_changed(data_dir) if with_history else {}
        site = build_model(validation.records, today, history, registry)
        return site, check_model(validation, site)


def _up_to_date(validation: Validation, stamp: PagesStamp) -> BuildResult:
    """The pages are what the last run rendered from the same inputs: nothing is rendered."""
    return BuildResult(
        validation.problems,
        None,
        WriteStats(0, stamp.count, 0),
        validation.notices + stamp.notices,
        stamp.phones,
        up_to_date=True,
        pages_files=stamp.files,
    )
