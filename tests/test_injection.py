"""Text typed by staff never becomes markup, and readers see it exactly as typed.

Payloads go into every free-text field of the sample: every `type: string`
field of a schema without an `allowed`, `regex` or `ref` rule, including
strings in lists.

* One real, strict site build: a copy of data/ where every such field holds a
  payload (rotated over the fields' occurrences, each within the field's
  maxlength, records kept valid), then every built HTML file, the search index
  and the style sheets are checked.
* Every payload in every field: for each payload the validated sample is
  filled with it in memory, rendered and converted to HTML with the Markdown
  extensions of mkdocs.yml, and the same checks run on each page.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pagefinddata
import pytest
import yaml
from mkdocs.utils import meta
from offline import find_external_links, find_external_requests
from pagetext import Page, parse
from sitebuild import build_site as build_site_project
from sitebuild import copy_site_project

from generators.check.validate import validate
from generators.model.site import build_model
from generators.render.pages import render_site
from generators.spec.registry import RECORD_TYPES, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]

HEADING = "a\n# 标题\n| a | b |\n|---|---|"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '{: onclick="alert(1)" }',
    "text{: .x onclick=alert(1)}",
    HEADING,
    "甲|乙|丙",
    "{{ 7*7 }}",
    "{% raw %}",
    "![x](https://evil.example/x.png)",
    "<iframe src=//evil.example>",
    "&lt;script&gt;",
    "**bold**",
    "`code`",
    "<!-- comment",
)

# Fields whose text is published somewhere other than their record's own page.
SHOWN_ON_HOME = {("township", ("site_title",))}
MASKED = {("disclosure", ("beneficiaries", "[]", "name"))}  # shown as 张* only
STEP_NAMES = ("township", ("decision_steps", "[]"))  # shown on the disclosures that use them
TITLE_FIELDS = {
    "township": "name",
    "village": "name",
    "branch": "name",
    "plan": "title",
    "task": "title",
    "disclosure": "title",
    "new_org": "name",
}

pytestmark = pytest.mark.slow


# -- which fields hold free text --------------------------------------------------


def text_fields(schema):
    """(schema path, maxlength) of every free-text field; "[]" stands for any list item."""
    for path, spec in schema.root.walk():
        if (
            path
            and spec.type == "string"
            and spec.allowed is None
            and spec.regex is None
            and spec.ref is None
        ):
            yield path, spec.maxlength


FIELDS = {t.name: dict(text_fields(t.schema)) for t in RECORD_TYPES}


def occurrences(value, schema_path: tuple, at: tuple = ()):
    """(concrete path, value) of a schema path in a document: plain data or composed YAML nodes."""
    if not schema_path:
        yield at, value
        return
    head, rest = schema_path[0], schema_path[1:]
    if head == "[]":
        items = value.value if isinstance(value, yaml.SequenceNode) else value
        if isinstance(items, (list, tuple)):
            for i, item in enumerate(items):
                yield from occurrences(item, rest, at + (i,))
    elif isinstance(value, yaml.MappingNode):
        for key, item in value.value:
            if key.value == head:
                yield from occurrences(item, rest, at + (head,))
    elif isinstance(value, dict) and head in value:
        yield from occurrences(value[head], rest, at + (head,))


def fits(payload: str, maxlength: int | None) -> bool:
    return maxlength is None or len(payload) <= maxlength


def shown_as(payload: str) -> str:
    """What the reader sees: every character as typed, a line break as a line break."""
    return payload


def one_line(payload: str) -> str:
    return " ".join(payload.splitlines())


# -- what must never appear -----------------------------------------------------------


def markup_from_payloads(page: Page, where: str) -> list[str]:
    """Elements, attributes and URLs that a payload would produce if it became markup."""
    found = []
    for e in page.elements:
        text = e.text.replace("¶", "").strip()
        for name, value in e.attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: <{e.tag} {name}=...>")
            # data-label holds a column's header as text, which CSS shows with attr(); aria-label a
            # heading's text for screen readers (the theme's contents list): text, never markup.
            if "evil.example" in value and name not in ("data-label", "aria-label"):
                found.append(f"{where}: <{e.tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "data") and re.sub(
                r"[\s\x00-\x1f]", "", value
            ).lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{where}: <{e.tag} {name}={value!r}>")
        if e.tag in ("iframe", "frame", "object", "embed"):
            found.append(f"{where}: <{e.tag}>")
        if e.tag == "script" and "alert" in text:
            found.append(f"{where}: <script>{text}</script>")
        if e.tag == "img" and (e.attrs.get("src") == "x" or "onerror" in e.attrs):
            found.append(f"{where}: <img src={e.attrs.get('src')!r}>")
        if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and text == "标题":
            found.append(f"{where}: <{e.tag}>标题</{e.tag}>")
        if e.tag in ("strong", "b", "em") and text == "bold":
            found.append(f"{where}: <{e.tag}>bold</{e.tag}>")
        if e.tag == "code" and text == "code":
            found.append(f"{where}: <code>code</code>")
        if "x" in e.attrs.get("class", "").split():
            found.append(f"{where}: <{e.tag} class=x>")
    headers = [e.text.strip() for e in page.elements if e.tag == "th"]
    if any(headers[i : i + 2] == ["a", "b"] for i in range(len(headers))):
        found.append(f"{where}: a table with the header | a | b |")
    return found


# ---------------------------------------------------------------------------------
# 1. A real build with payloads in every free-text field


@dataclasses.dataclass(frozen=True)
class Planted:
    type_name: str
    record_id: str
    field: tuple  # schema path
    path: tuple  # concrete path in the document
    payload: str


def plant_payloads(data: Path) -> list[Planted]:
    """Rewrite every free-text scalar of the data copy with a payload, in place."""
    planted: list[Planted] = []
    counters: dict[tuple, int] = {}
    step_names: dict[str, str] = {}
    files = []
    for record_type in RECORD_TYPES:
        for path in sorted(data.glob(record_type.pattern)):
            files.append((record_type, path))
    # Townships first: a disclosure's 四议两公开 steps must use the township's step names.
    files.sort(key=lambda item: item[0].name != "township")
    for record_type, path in files:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        record_id = path.stem
        edits = []
        for field, maxlength in FIELDS[record_type.name].items():
            candidates = [p for p in PAYLOADS if fits(p, maxlength)]
            for at, node in occurrences(root, field):
                if not isinstance(node, yaml.ScalarNode):
                    continue
                if (record_type.name, field) == ("disclosure", ("decision", "[]", "step")):
                    payload = step_names[node.value]
                else:
                    n = counters.get((record_type.name, field), 0)
                    counters[(record_type.name, field)] = n + 1
                    payload = candidates[(n + len(field)) % len(candidates)]
                    if (record_type.name, field) == STEP_NAMES:
                        payload = candidates[n % len(candidates)]
                        step_names[node.value] = payload
                edits.append((node.start_mark.index, node.end_mark.index, payload))
                planted.append(Planted(record_type.name, record_id, field, at, payload))
        for start, end, payload in sorted(edits, reverse=True):
            # A JSON string is a valid YAML double-quoted scalar with the same value.
            text = text[:start] + json.dumps(payload, ensure_ascii=False) + text[end:]
        path.write_text(text, encoding="utf-8")
    return planted


class Injected:
    def __init__(self, project: Path, planted: list[Planted], process):
        self.project = project
        self.site = project / "site"
        self.planted = planted
        self.process = process
        self.articles: dict[str, Page] = {}

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def article(self, url: str) -> Page:
        if url not in self.articles:
            text = self.html(url)
            start = text.index('<article class="md-content__inner')
            self.articles[url] = parse(text[start : text.index("</article>", start)])
        return self.articles[url]


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Injected:
    project = tmp_path_factory.mktemp("injection")
    copy_site_project(project)
    data = project / "data"
    shutil.copytree(DATA, data)
    planted = plant_payloads(data)
    result = validate(data, TODAY)
    problems = "\n".join(str(p) for p in result.problems if p.is_error)
    assert result.ok, f"payloads made the data invalid:\n{problems}"
    process = build_site_project(project, data)
    return Injected(project, planted, process)


FOLDERS = {t.name: t.folder for t in RECORD_TYPES}


def test_every_free_text_field_got_payloads(injected):
    tried = {(p.type_name, p.field) for p in injected.planted}
    missing = {(t, f) for t, fields in FIELDS.items() for f in fields} - tried
    # Every free-text field the schemas define occurs in the sample at least once.
    assert not missing, (
        f"fields the sample never fills, so no payload reached them: {sorted(missing)}"
    )
    assert len({p.payload for p in injected.planted}) == len(PAYLOADS)


def test_the_strict_build_passes(injected):
    assert injected.process.returncode == 0, injected.process.stdout + injected.process.stderr


def test_no_payload_became_markup_in_any_built_page(injected):
    found = []
    for path in sorted(injected.site.rglob("*.html")):
        found += markup_from_payloads(
            parse(path.read_text(encoding="utf-8")), path.relative_to(injected.site).as_posix()
        )
    assert not found, "\n".join(found[:40])


def test_no_payload_reaches_another_host(injected):
    assert find_external_requests(injected.site) == []
    assert find_external_links(injected.site) == []
    # The pages' attributes are checked in test_no_payload_became_markup_in_any_built_page;
    # style sheets and the site map must not mention the host at all.
    for path in injected.site.rglob("*"):
        if path.is_file() and path.suffix in (".css", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "feeds" in path.relative_to(injected.site).parts:
                # A feed carries titles and summaries as typed, as text (Atom's default type):
                # a payload may be read there, but never as a link or an element.
                feed = ElementTree.fromstring(text)
                for element in feed.iter():
                    if element.tag.rpartition("}")[2] in (
                        "title",
                        "subtitle",
                        "summary",
                        "content",
                    ):
                        assert element.get("type", "text") == "text", (path, element.tag)
                    assert "evil.example" not in element.get("href", ""), path
                continue
            assert "evil.example" not in text, path


def test_titles_are_well_formed_and_as_typed(injected):
    for path in sorted(injected.site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"<title>(.*?)</title>", text, re.S)
        assert found, f"{path}: no <title>"
        raw = found.group(1)
        assert "<" not in raw and ">" not in raw, f"{path}: <title>{raw}</title>"
    for planted in injected.planted:
        field = TITLE_FIELDS.get(planted.type_name)
        if planted.field != (field,):
            continue
        url = f"{FOLDERS[planted.type_name]}/{planted.record_id}/"
        title = parse(injected.html(url)).title
        assert title is not None, url
        assert title.startswith(one_line(planted.payload) + " - "), (url, title, planted.payload)


def first_cells(page: Page) -> list[str]:
    cells, in_row = [], False
    for e in page.elements:
        if e.tag == "tr":
            in_row = True
        elif e.tag == "td" and in_row:
            cells.append(e.text.strip())
            in_row = False
    return cells


DEPARTMENT_NAMES = ("township", ("departments", "[]", "name"))


def leads_or_shares_a_task(injected: Injected, planted: Planted) -> bool:
    """Whether a task of the township's own plans names the department (tasks are kept in a folder
    named after their plan)."""
    data = injected.project / "data"
    township = yaml.safe_load((data / "townships" / f"{planted.record_id}.yaml").read_text("utf-8"))
    department = township["departments"][planted.path[1]]["id"]
    plans = [
        plan.stem
        for plan in (data / "plans").glob("*.yaml")
        if yaml.safe_load(plan.read_text("utf-8")).get("township") == planted.record_id
    ]
    return any(
        re.search(rf"(?<![\w-]){re.escape(department)}(?![\w-])", task.read_text("utf-8"))
        for plan in plans
        for task in (data / "tasks" / plan).glob("*.yaml")
    )


def test_readers_see_every_payload_exactly_as_typed(injected):
    steps_seen = {
        p.payload
        for p in injected.planted
        if (p.type_name, p.field) == ("disclosure", ("decision", "[]", "step"))
    }
    missing = []
    for planted in injected.planted:
        key = (planted.type_name, planted.field)
        if key in SHOWN_ON_HOME:
            url = ""
        elif key == STEP_NAMES:
            if planted.payload not in steps_seen:
                continue  # a configured step no sample disclosure uses is not published
            url = None
        else:
            url = f"{FOLDERS[planted.type_name]}/{planted.record_id}/"
        if key in MASKED:
            names = first_cells(injected.article(url))
            masked = planted.payload[0] + "*"
            if planted.payload in names or masked not in names:
                missing.append(f"{url}: beneficiary {planted.payload!r} not masked as {masked!r}")
            continue
        if url is None:
            continue  # checked through the disclosures' decision steps
        if key == DEPARTMENT_NAMES and not leads_or_shares_a_task(injected, planted):
            continue  # the township page's table lists the departments that have tasks
        if shown_as(planted.payload) not in injected.article(url).text:
            missing.append(f"{url or '/'} {'.'.join(map(str, planted.path))}: {planted.payload!r}")
    assert not missing, f"{len(missing)} payloads not shown as typed:\n" + "\n".join(missing[:30])


def test_the_search_index_holds_payloads_as_text_only(injected):
    """Pagefind keeps a page's text as text (its title and content are never read as HTML by
    the site's script); the snippets it makes are HTML, with the text escaped: nothing in them
    but <mark> is markup."""
    assert not (injected.site / "search").exists()  # the published site has Pagefind's only
    fragments = pagefinddata.fragments(injected.site)
    assert any("<script>alert(1)</script>" in pagefinddata.text(f) for f in fragments)  # as typed


@pytest.mark.browser
def test_search_results_show_payloads_as_text_never_as_markup(injected):
    """Queries that find the pages holding payloads, typed into the published site's box: the
    result list (titles, snippets, links) holds no markup a payload would have made."""
    from sitesearch import search
    from web import DESKTOP, block_external, browser, serve

    found = []
    with serve(injected.site) as base, browser() as chromium:
        page = chromium.new_page(viewport=DESKTOP)
        blocked = block_external(page)
        page.goto(base, wait_until="load")
        for query in ("alert", "evil", "onclick", "标题"):
            pages, message = search(page, base, query)
            assert pages, (query, message)
            shown = page.inner_html("[data-site-search] .md-search-result")
            found += markup_from_payloads(parse(shown), f"search results for {query}")
        assert blocked == []
    assert not found, "\n".join(found[:40])


def test_search_results_show_titles_as_typed(injected):
    titles = {
        fragment["url"].lstrip("/"): fragment["meta"]["title"].replace("\u200b", "")
        for fragment in pagefinddata.fragments(injected.site)
    }
    wrong = []
    for planted in injected.planted:
        if planted.field != (TITLE_FIELDS.get(planted.type_name),):
            continue
        location = f"{FOLDERS[planted.type_name]}/{planted.record_id}/"
        # The search takes the title from the page's heading, a line break (<br>) as a space;
        # every character typed is still there, in order.
        if location in titles and titles[location] != " ".join(planted.payload.splitlines()):
            wrong.append(f"{location}: {titles[location]!r} for {planted.payload!r}")
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------------------------
# 2. Every payload in every free-text field, rendered and converted in memory


def covering(records) -> list:
    """A few records that together fill every free-text field, with the records their pages need.

    Rendering the whole sample once per payload would take long; a record of each
    shape is enough, as every record of a type goes through the same template.
    """
    chosen = {}
    for record_type in RECORD_TYPES:
        needed = set(FIELDS[record_type.name])
        for record in sorted((r for r in records if r.type is record_type), key=lambda r: r.id):
            present = {f for f in needed if any(True for _ in occurrences(record.document, f))}
            if present or record_type.name == "township":
                chosen[(record_type.name, record.id)] = record
                needed -= present
    by_key = {(r.type.name, r.id): r for r in records}
    for record in list(chosen.values()):  # a page names the record its own belongs to
        chosen.update((key, by_key[key]) for key in owner_keys(record, by_key))
    return sorted(chosen.values(), key=lambda r: (r.type.name, r.id))


def owner_keys(record, by_key) -> list[tuple[str, str]]:
    """(type name, id) of the record a record belongs to (its owner relation): a grid's village."""
    owner = record.type.owner
    if owner is None:
        return []
    value = record.document[owner.field]
    kinds = record.type.referenced_kind(owner.field).types
    values = value if isinstance(value, list) else [value]
    return [(t, v) for t in kinds for v in values if (t, v) in by_key]


@pytest.fixture(scope="module")
def sample():
    result = validate(DATA, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return covering(result.records)


def fill(document: dict, type_name: str, payload: str) -> list[tuple[tuple, tuple]]:
    """Put the payload into every free-text field of a typed document where it fits."""
    filled = []
    for field, maxlength in FIELDS[type_name].items():
        if not fits(payload, maxlength):
            continue
        for at, _ in list(occurrences(document, field)):
            parent = document
            for part in at[:-1]:
                parent = parent[part]
            parent[at[-1]] = payload
            filled.append((field, at))
    return filled


def test_every_payload_in_every_field(sample, record_property):
    converter = markdown.Markdown(extensions=EXTENSIONS)
    pairs = set()
    problems = []
    for payload in PAYLOADS:
        records, filled = [], []
        for record in sample:
            document = copy.deepcopy(record.document)
            for field, at in fill(document, record.type.name, payload):
                filled.append((record.type.name, record.id, field, at))
            records.append(dataclasses.replace(record, document=document))
        pairs |= {(payload, t, f) for t, _, f, _ in filled}
        pages = render_site(build_model(records, TODAY, {}, REGISTRY))
        shown = {}
        for path, text in pages.items():
            if not path.endswith(".md"):
                continue
            body, front = meta.get_data(text)
            converter.reset()
            page = parse(converter.convert(body))
            shown[path] = page
            problems += [f"{payload!r}: {p}" for p in markup_from_payloads(page, path)]
            title = front.get("title", "")
            if "<" in title or ">" in title:
                problems.append(f"{payload!r}: {path}: front matter title {title!r}")
        for type_name, record_id, field, at in filled:
            key = (type_name, field)
            if key == STEP_NAMES:
                continue  # shown through the disclosures' decision steps, filled alike
            path = "index.md" if key in SHOWN_ON_HOME else f"{FOLDERS[type_name]}/{record_id}.md"
            if key in MASKED:
                names = first_cells(shown[path])
                masked = payload[0] + "*"
                if payload in names or masked not in names:
                    problems.append(f"{payload!r} not masked as {masked!r}: {path}")
                continue
            if payload not in shown[path].text:
                problems.append(f"{payload!r} not shown as typed: {path} {'.'.join(map(str, at))}")
            if field == (TITLE_FIELDS.get(type_name),):
                title = html.unescape(meta.get_data(pages[path])[1]["title"])
                if title != one_line(payload):
                    problems.append(f"{payload!r}: title of {path} reads {title!r}")
    fields = {(t, f) for _, t, f in pairs}
    every = len(PAYLOADS) * len(fields)
    record_property("payloads_x_fields", f"{len(PAYLOADS)} x {len(fields)}: {len(pairs)} pairs")
    print(
        f"\n{len(PAYLOADS)} payloads x {len(fields)} fields: {len(pairs)} (payload, field) pairs tried; "
        f"the other {every - len(pairs)} payloads are longer than the field allows"
    )
    assert fields == {(t, f) for t, fs in FIELDS.items() for f in fs}
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
