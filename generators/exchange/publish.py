"""Everything the site offers to download, for the pipeline's render step: /data/ and /feeds/.

The files of /data/ (downloads.py), their data package (datapackage.py), the
county summary workbook (summary.py), the Atom feeds (feeds.py) and the
/data/ page that lists them (templates/data.md.j2), as generated paths → text
or bytes. Pure: the model in, files out; the write step writes them with
the pages.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from generators.build.blobs import Blobs, blob_key
from generators.exchange import datapackage, downloads, feeds, summary
from generators.exchange.export import template_bytes
from generators.model.compliance import Compliance
from generators.model.site import Site
from generators.model.targets import Targets
from generators.render.identity import identity_of
from generators.render.pages import LOCAL_PREVIEW, make_environment, page_link
from generators.spec.registry import Registry

PAGE_TEMPLATE = "data.md.j2"


def data_files(
    site: Site,
    registry: Registry,
    compliance: Compliance,
    targets: Targets,
    site_url: str | None,
    cache_dir: Path | None = None,
) -> dict[str, str | bytes]:
    """Every downloadable file and the /data/ page; feeds' links point at `site_url`. With a
    cache folder, the tables of records that did not change are kept between runs."""
    site_url = (site_url or LOCAL_PREVIEW).rstrip("/") + "/"
    name = identity_of(site).name
    kept = Blobs(cache_dir, "downloads", _downloads_version() if cache_dir else "")
    made = downloads.download_files(site, registry, site.today, kept)
    files: dict[str, str | bytes] = dict(made.files)
    files[datapackage.PACKAGE] = datapackage.package_text(made.tables, made.finance, f"{name} 数据")
    sheets = summary.summary_sheets(site, compliance, targets)
    # kept by the sheets' repr (text and whole numbers: every value with its type)
    summary_key = blob_key(summary.SUMMARY, site.today.isoformat(), repr(sheets))
    files[summary.SUMMARY] = kept.made(
        summary_key, lambda: summary.summary_bytes(sheets, site.today)
    )
    kept.save()
    templates = {
        t: f"{downloads.FOLDER}/templates/{t.folder}-template.xlsx" for t in registry
    }  # for staff: the import templates, blank
    files.update({path: template_bytes([t], site.today) for t, path in templates.items()})
    feed_list = feeds.feeds_of(site, name)
    files.update({f.path: feeds.atom_text(site, f, site_url) for f in feed_list})
    env = make_environment(registry.template_dirs)
    env.globals.update(site=site, today=site.today, page_link=page_link)
    files[downloads.PAGE] = env.get_template(PAGE_TEMPLATE).render(
        made=made,
        package=datapackage.PACKAGE,
        summary=summary.SUMMARY,
        summary_sheets=sheets,
        feeds=feed_list,
        templates=templates,
        site_feed=feeds.SITE_FEED,
        link=_file_link,
    )
    return files


def _downloads_version() -> str:
    """What a kept download depends on besides its records: the code that lays out and writes it,
    the registry's schemas and labels, XlsxWriter."""
    from generators.build.keys import code_key

    return f"{code_key().hex()} xlsxwriter {importlib.metadata.version('xlsxwriter')}"


def _file_link(path: str) -> str:
    """A Markdown link target for a generated file, checked by MkDocs like a page's."""
    return Markup("/generated/" + quote(path))
