"""Find everything in a built site that would make a reader's browser contact another host.

Readers open the site on phones in mainland China, where foreign fonts and CDNs
are blocked or slow, so a page must load entirely from its own host.

What counts as a request to another host:
* HTML attributes the browser fetches by itself: src, srcset, poster, data,
  background, <link href> (except rel=canonical/alternate/prev/next/...),
  <base href>, href on SVG <image>/<use>/<feImage>, url() in style attributes
  and <style> elements;
* CSS files: url(...) and @import;
* things the theme's JavaScript fetches from a CDN or API when it finds them
  on a page: a repository widget (GitHub API) and Mermaid diagrams (unpkg).
  The theme's bundled JavaScript also contains URLs in code strings; those are
  only fetched under these conditions (or, for the ResizeObserver polyfill, on
  old browsers, which the site's own assets/extra.js covers), so script bodies
  are not scanned.

The form editor at /admin/ (Decap CMS, docs/admin/) is held to the same rule:
its scripts are served by the site, and its page requests nothing from another
host. Its bundled script names the forges' APIs (api.github.com, a Gitea's
api_root); it calls the one cms.yml names only after a member of staff logs
in, which is what it is for. tests/test_cms_e2e.py loads it in Chromium and
fails on any request that leaves 127.0.0.1.

Plain links (<a href="https://...">) are not requests; they are reported
separately by find_external_links() so a caller can decide about them.
URLs with the data: or blob: scheme stay on the page and are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# rel values of <link> that the browser does not fetch.
NON_FETCHING_LINK_RELS = frozenset(
    {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me"}
)

# (tag, attribute) pairs fetched automatically; None means any tag.
FETCHING_ATTRIBUTES = {
    ("img", "src"),
    ("img", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("source", "src"),
    ("source", "srcset"),
    ("track", "src"),
    ("input", "src"),
    ("object", "data"),
    ("base", "href"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
    ("feimage", "xlink:href"),
    (None, "background"),
}

LOCAL_SCHEMES = ("data:", "blob:")
LINK_SCHEMES_ALLOWED = ("mailto:", "tel:", "javascript:", "#")

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s'"]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    path: str  # file relative to the site folder, posix separators
    line: int
    kind: str  # "request", "trigger" or "link"
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.detail}"


def is_external(url: str) -> bool:
    """True if fetching url would contact a host other than the site's own."""
    url = url.strip()
    if not url or url.lower().startswith(LOCAL_SCHEMES):
        return False
    return url.startswith("//") or url.startswith("\\\\") or bool(_SCHEME.match(url))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[tuple[int, str]]:
    """(line, url) for every url() and @import in a style sheet, comments removed."""
    # Blank out comments but keep their newlines so line numbers stay right.
    css = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), css)
    found = []
    for match in _CSS_URL.finditer(css):
        url = next(g for g in match.groups() if g is not None)
        found.append((css.count("\n", 0, match.start()) + 1, url))
    for match in _CSS_IMPORT.finditer(css):
        if "url(" not in match.group(0).lower():
            found.append((css.count("\n", 0, match.start()) + 1, match.group(1)))
    return found


class _PageScanner(HTMLParser):
    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.findings: list[Finding] = []
        self._in_style = False
        self._style_line = 0

    def _add(self, kind: str, detail: str, line: int | None = None) -> None:
        self.findings.append(Finding(self.path, line or self.getpos()[0], kind, detail))

    def handle_starttag(self, tag, attrs):
        values = {name.lower(): (value or "") for name, value in attrs}
        for name, value in values.items():
            fetched = (tag, name) in FETCHING_ATTRIBUTES or (None, name) in FETCHING_ATTRIBUTES
            if fetched:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                for url in urls:
                    if is_external(url):
                        self._add("request", f"<{tag} {name}={url!r}>")
            if name == "style":
                for _, url in css_urls(value):
                    if is_external(url):
                        self._add("request", f"<{tag} style> url({url})")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            href = values.get("href", "")
            if is_external(href):
                if rels - NON_FETCHING_LINK_RELS or not rels:
                    self._add("request", f"<link rel={values.get('rel', '')!r} href={href!r}>")
        if tag == "a" and "href" in values:
            href = values["href"].strip()
            if is_external(href) and not href.lower().startswith(LINK_SCHEMES_ALLOWED):
                self._add("link", f"<a href={href!r}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2]
            if is_external(target):
                self._add("link", f"<meta http-equiv=refresh url={target!r}>")
        classes = set(values.get("class", "").split())
        if "mermaid" in classes:
            self._add("trigger", f"<{tag} class=mermaid>: the theme loads Mermaid from a CDN")
        if values.get("data-md-component") == "source":
            self._add("trigger", "repository widget: the theme calls the GitHub API")
        if tag == "style":
            self._in_style = True
            self._style_line = self.getpos()[0]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for line, url in css_urls(data):
                if is_external(url):
                    self._add("request", f"<style> url({url})", self._style_line + line - 1)


def _scan_html(path: Path, rel: str) -> list[Finding]:
    scanner = _PageScanner(rel)
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.findings


def _scan_css(path: Path, rel: str) -> list[Finding]:
    return [
        Finding(rel, line, "request", f"url({url})")
        for line, url in css_urls(path.read_text(encoding="utf-8"))
        if is_external(url)
    ]


def scan_site(site_dir: Path | str) -> list[Finding]:
    """Every finding in the built site, sorted by file and line."""
    site = Path(site_dir)
    findings: list[Finding] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            findings.extend(_scan_html(path, rel))
        elif suffix == ".css":
            findings.extend(_scan_css(path, rel))
    return sorted(findings, key=lambda f: (f.path, f.line, f.kind, f.detail))


def find_external_requests(site_dir: Path | str) -> list[Finding]:
    """Requests and theme triggers that would reach another host: must be empty."""
    return [f for f in scan_site(site_dir) if f.kind in ("request", "trigger")]


def find_external_links(site_dir: Path | str) -> list[Finding]:
    """Plain links to other sites (followed only when a reader clicks them)."""
    return [f for f in scan_site(site_dir) if f.kind == "link"]
