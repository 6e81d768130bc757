"""Render: the model in, Markdown pages out, as a mapping of path → text. Pure.

Jinja2 with StrictUndefined. Every string a template prints passes through
`finalize`, which escapes it (generators/render/escape.py): templates cannot forget.
Markup built here (links, badges) is marked safe explicitly.

What pages exist comes from the registry: one page per record, each type's
index page, the home page, and the page explaining every problem code. The
navigation of the generated pages is written beside them (.nav.json) for the
MkDocs hook overrides/hooks/generated_nav.py.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generators.build.parallel import map_in_processes
from generators.history.versions import Version
from generators.model import appraisal, listings, points, recruitment, training, venues
from generators.model.collation import in_chinese_order
from generators.model.comparison import MAIN_MEASURE, ranking, township_rows
from generators.model.compliance import Compliance, tally
from generators.model.deliberation import DeliberationRhythm
from generators.model.indicators import GROUPS as INDICATOR_GROUPS
from generators.model.indicators import INDICATORS
from generators.model.pairings import pairings_of
from generators.model.periods import parse as parse_period
from generators.model.records import Record, mask_name
from generators.model.rollup import completed_on, rollup
from generators.model.site import Site
from generators.model.supervision import (
    Entry,
    by_place,
    by_township,
    counts,
    distinct_entries,
    in_township,
    rectification_deadline,
    supervision,
)
from generators.model.targets import Targets
from generators.render import charts, figures, formats
from generators.render.escape import escape, front_matter_title
from generators.render.identity import fill, identity_of
from generators.render.qrcode import qr_codes, qr_svg
from generators.spec.catalogue import AREAS, CATALOGUE, SEVERITY_NAMES, illustration
from generators.spec.registry import REGISTRY, IndexPage, Registry

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
NAV_FILE = ".nav.json"  # the generated pages' navigation; a dot file, so MkDocs does not publish it
HOME = ("index.md", "home.md.j2", "首页")
CODES_PAGE = ("codes/index.md", "codes.md.j2")
# Pages of what was due across all records, placed in the navigation among the record types' index pages.
VIEWS = (
    IndexPage("compliance/index.md", "compliance.md.j2", "公开情况", 55),
    IndexPage("supervision/index.md", "supervision.md.j2", "督办", 60),
)
SEARCH_DICTIONARY = "jieba_user_dict.txt"
VERSION_TEMPLATE = "disclosure_version.md.j2"
VERIFY_PAGE = "verify/index.md"
FINGERPRINTS = "verify/fingerprints.json"
SEARCH_PLACES = (
    "search-places.json"  # place names -> townships, for the search's 全县 (site-search.js)
)
LOCAL_PREVIEW = "http://127.0.0.1:8000/"  # printed QR codes point here when SITE_URL is not set


def version_path(record_id: str, number: int) -> str:
    """A version's page: disclosures/<id>/v<N>.md, published at /disclosures/<id>/v<N>/."""
    return f"disclosures/{record_id}/v{number}.md"


def total(lines) -> Decimal:
    """The sum of the amounts of finance lines, as typed or as loaded (text)."""
    return sum((Decimal(str(line["amount"])) for line in lines or ()), Decimal("0"))


# Words jieba must keep whole when indexing, beyond the names of places, people and departments,
# and the periods' words (2025年第三季度 is 2025 / 年 / 第三季度 to jieba: it cuts at the digits).
DOMAIN_WORDS = (
    "一肩挑",
    "四议两公开",
    "五议两公开",
    "三会一课",
    "主题党日",
    "组织生活会",
    "民主评议党员",
    "换届",
    "党务公开",
    "村务公开",
    "财务公开",
    "软弱涣散",
    "两新组织",
    "流动党员",
    "后备干部",
    "五星三强",
    "党建指导员",
    "网格长",
    "网格员",
    "进度看板",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "上半年",
    "下半年",
)
# Longer names (a company's full name, a catalogue item such as 村级财务收支情况) are left to jieba,
# which cuts them into words a reader types: kept whole, the words inside (乡贤 of 青溪镇乡贤联谊会)
# would find nothing, as the browser matches the beginning of an index word only.
LONGEST_SEARCH_WORD = 5
# Kept whole on purpose: typed, 财务公开 is looked up as 财务*, which finds the titles' 财务收支 too.
KEPT_WHOLE = frozenset({"党务公开", "村务公开", "财务公开"})
SEARCH_WORD_WEIGHT = 1000000  # far above jieba's own words (社区 6115, 王晓东 518)


def search_word_entries(word: str) -> list[tuple[str, int]]:
    """The user dictionary's lines (word, weight) that make `word` found as typed.

    The theme's browser side (search worker) cuts a Chinese query into the longest
    words of the index that start at each character, never taking the query's last
    character, and looks each piece up as a prefix. 王建华 is looked up as 王建*;
    only an index word 王建 makes that exact, a word 王建华 leaves it at 王*.
    So the index holds 王建 / 华: jieba is given the word without its last
    character, and the whole word with weight 0, which jieba reads as "never one
    word" (its own dictionary may hold it). Two characters stay whole.
    """
    if len(word) <= 2 or word in KEPT_WHOLE:
        return [(word, SEARCH_WORD_WEIGHT)]
    return [(word[:-1], SEARCH_WORD_WEIGHT), (word, 0)]


def _finalize(value):
    if value is None:
        return "—"
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, Decimal, dt.date)):
        return str(value)
    return escape(value)


def money(value) -> Markup:
    """Amounts to the fen with thousands separators: 12,345.67 (formats.py)."""
    return Markup(formats.money(value))


def number(value) -> Markup:
    """Target values and ratios without a needless trailing .0 (formats.py)."""
    return Markup(formats.number(value))


def amount(value, unit: str) -> Markup:
    """A value in its unit (formats.py): 50,000.00 元, 85%; the unit, as typed, escaped."""
    return Markup(formats.amount(value, escape(unit)))


def _markup(draw):
    """A drawing function whose SVG a template prints as it is."""
    return lambda *args, **kwargs: Markup(draw(*args, **kwargs))


# The charts templates may print (`figure.plan_status(site, plan)`, `figure.bar_with_threshold(...)`).
FIGURES = {
    name: _markup(draw)
    for name, draw in (
        ("plan_status", figures.plan_status),
        ("action_timeline", figures.action_timeline),
        ("village_economy", figures.village_economy),
        ("township_status", figures.township_status),
        ("bar_with_threshold", charts.bar_with_threshold),
    )
}
FIGURES["target_maximum"] = figures.target_maximum


def page_link(folder: str, record_id: str) -> Markup:
    return Markup(f"/generated/{folder}/{quote(record_id)}.md")


def make_environment(template_dirs=(TEMPLATE_DIR,)) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,  # macro results become Markup; finalize has escaped every string already
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        money=money,
        number=number,
        front_title=front_matter_title,
        mask_name=mask_name,
        chinese_order=in_chinese_order,
        amount=amount,
        prose=formats.prose,  # amounts in what staff typed, grouped as in tables
    )
    env.globals.update(rating_text=formats.rating)
    env.globals.update(page_link=page_link, figure=FIGURES, completed_on=completed_on)
    env.globals.update(listing=listings)  # a place's disclosures, the latest of each item, by year
    env.globals.update(rollup_of=rollup)  # any tasks in figures, as a plan's are counted
    env.globals.update(training=training)  # sessions and villages' hours by township and year
    env.globals.update(appraisal=appraisal)  # secretaries' reports by township and year
    env.globals.update(recruitment=recruitment)  # member development by township and year
    env.globals.update(points=points)  # 党员积分 by township and year
    return env


def _search_settings(text: str, in_search: bool, boost: float = 1) -> str:
    """The page with its search settings at the end of its front matter (which every page opens with):
    `search: exclude: true`, or `search: boost: N` for a page that should come before others that match."""
    end = text.find("\n---\n", 3)
    if (
        not text.startswith("---\n")
        or end == -1
        or "\nsearch:" in text[:end]
        or (in_search and boost == 1)
    ):
        return text
    setting = "exclude: true" if not in_search else f"boost: {boost:g}"
    return text[:end] + "\nsearch:\n  " + setting + text[end:]


def _with_township(text: str, township_id: str | None) -> str:
    """The page with its township at the end of its front matter (`township: qingxi`): on a
    county's site the search offers 本镇 there (overrides/partials/site-search.html), and Pagefind
    files the page under that township (overrides/main.html)."""
    end = text.find("\n---\n", 3)
    if township_id is None or not text.startswith("---\n") or end == -1:
        return text
    return text[:end] + f"\ntownship: {json.dumps(township_id)}" + text[end:]


class Renderer:
    """Every page of a site's model, from the templates of a registry.

    What the pipeline has already computed from the model may be given, else it
    is computed here: what was due and how it stands (`compliance`), the plans'
    targets (`targets`), the one list of what is late (`supervision_entries`),
    and every published version of each disclosure (`disclosure_versions`, from
    git; none without history). `home_intro` is the home page's hand-written
    opening (docs/_intro.md), `site_url` the public address the printed QR codes
    point to, and `cache_dir` where QR codes and title words are kept between
    runs (build/memo.py)."""

    def __init__(
        self,
        site: Site,
        *,
        home_intro: str = "",
        registry: Registry = REGISTRY,
        compliance: Compliance | None = None,
        targets: Targets | None = None,
        supervision_entries: list[Entry] | None = None,
        disclosure_versions: dict[str, tuple[Version, ...]] | None = None,
        site_url: str | None = None,
        cache_dir: Path | None = None,
    ):
        self.site = site
        self.cache_dir = cache_dir
        self.qr_made: dict[str, str] = {}
        self.identity = identity_of(site)
        # The hand-written opening (docs/_intro.md) with the names from the data, escaped.
        names = {key: str(escape(value)) for key, value in self.identity.placeholders.items()}
        self.intro = fill(home_intro, names)
        self.registry = registry
        self.compliance = compliance or Compliance(site)
        self.targets = targets or Targets(site, self.compliance)
        self.entries = (
            supervision(site, self.compliance, self.targets)
            if supervision_entries is None
            else supervision_entries
        )
        self.versions = disclosure_versions or {}
        self.site_url = (site_url or LOCAL_PREVIEW).rstrip("/") + "/"
        self.env = make_environment(registry.template_dirs)
        places = by_place(site, self.entries)
        rows = township_rows(site, self.compliance, self.targets)
        self.env.globals.update(
            township_rows=rows,
            indicators=INDICATORS,
            indicator_groups=INDICATOR_GROUPS,
            indicators_of={row.township.id: row.indicators for row in rows},
            ranking=ranking,
            main_measure=MAIN_MEASURE,
            site=site,
            today=site.today,
            link=self.link,
            unit=self.unit_link,
            compliance=self.compliance,
            supervision=self.entries,
            targets=self.targets,
            supervision_counts=counts(self.entries),
            supervision_by_place=places,
            supervision_in_township=lambda township_id: in_township(site, places, township_id),
            supervision_count=counts,
            distinct_entries=distinct_entries,
            supervision_by_township=by_township(site, self.entries),
            tally=tally,
            parse_period=parse_period,
            versions_of=self.versions_of,
            version_url=self.version_url,
            qr=self.qr,
            total=total,
            verify_url=self.site_url + "verify/",
            site_name=self.identity.name,
            identity=self.identity,
            rectification_deadline=rectification_deadline,
            deliberation=DeliberationRhythm(site),
            village_venues=venues,
            branch_pairings=pairings_of,
        )
        self.env.filters["unit_order"] = self.unit_order

    def link(self, record: Record, text=None) -> Markup:
        """A Markdown link to a record's page; its text is the record's title unless given."""
        record_type = self.registry[record.type_name]
        label = escape(text if text is not None else record[record_type.title_field])
        return Markup(f"[{label}]({page_link(record_type.folder, record.id)})")

    def unit_order(self, records, attribute: str) -> list:
        """Records in the order of the unit a field names (collation.py): pledges by their branch's name.
        A stable sort: records of one unit keep the order they came in."""
        return sorted(records, key=lambda r: self.site.unit_key(r[attribute]))

    def unit_link(self, unit_id: str) -> Markup:
        kind = self.site.unit_kind(unit_id)
        name = self.site.unit_name(unit_id)
        if kind not in self.registry.by_name:
            return escape(name)
        return Markup(f"[{escape(name)}]({page_link(self.registry[kind].folder, unit_id)})")

    def render(
        self, template: str, in_search: bool = True, search_boost: float = 1, **context
    ) -> str:
        text = self.env.get_template(template).render(**context)
        return _search_settings(text, in_search, search_boost)

    def pages(self) -> dict[str, str]:
        self.qr_made = qr_codes(self.qr_urls(), self.cache_dir)
        bundles = self.page_bundles()
        # Workers are forked with the model in memory: only bundle numbers and texts travel.
        texts = map_in_processes(
            lambda i: [self.render_job(job) for job in bundles[i]], range(len(bundles))
        )
        pages = {
            job[0]: text
            for bundle, rendered in zip(bundles, texts, strict=True)
            for job, text in zip(bundle, rendered, strict=True)
        }
        pages[SEARCH_DICTIONARY] = self.jieba_dictionary()
        pages[NAV_FILE] = self.navigation()
        pages[FINGERPRINTS] = self.fingerprints()
        pages[SEARCH_PLACES] = self.search_places()
        return pages

    def search_places(self) -> str:
        """On a county's site, each township's and village's (community's) name with the townships
        it names: a 全县 query that names a place of one township (上塘村财务) is searched in that
        township's own bundle, a small part of the county's (docs/assets/site-search.js). Empty on
        a site of one township, whose one bundle is the county's."""
        places: dict[str, set[str]] = {}
        if len(self.site.townships) > 1:
            units = [*self.site.townships.values(), *self.site.villages.values()]
            for unit in units:
                township = self.site.township_of(unit.id)
                name = str(unit.get("name") or "").strip()
                if township is not None and len(name) > 1:
                    places.setdefault(name, set()).add(township)
        listed = {name: sorted(places[name]) for name in sorted(places)}
        return json.dumps({"places": listed}, ensure_ascii=False, separators=(",", ":")) + "\n"

    def page_bundles(self) -> list[list[tuple[str, str, bool, dict]]]:
        """(page path, template, in search, context) of every page, in bundles rendered by one worker each:
        the home, index and codes pages, then each record's page; a disclosure's version pages go with its
        page, which prints the same QR code as its latest version (made once per worker)."""
        path, template, _ = HOME
        bundles: list[list[tuple[str, str, bool, dict]]] = [
            [(path, template, False, {"intro": Markup(self.intro)})]
        ]
        bundles += [
            [(index.path, index.template, index.in_search, {})] for index in self.index_pages()
        ]
        bundles.append([(CODES_PAGE[0], CODES_PAGE[1], False, {"areas": self.code_areas()})])
        bundles.append([(VERIFY_PAGE, "verify.md.j2", False, {})])
        for record_type in self.registry:
            for record_id, record in sorted(self.site.of(record_type.name).items()):
                bundle = [
                    (
                        record_type.page_path(record_id),
                        record_type.template,
                        record_type.in_search,
                        {"record": record, "search_boost": record_type.search_boost},
                    )
                ]
                if record_type.name == "disclosure":
                    bundle += self.version_jobs(record_id)
                bundles.append(bundle)
        bundles += [
            self.version_jobs(record_id)
            for record_id in sorted(self.versions)
            if record_id not in self.site.disclosures
        ]  # versions of a record no longer in the data
        return bundles

    def version_jobs(self, record_id: str) -> list[tuple[str, str, bool, dict]]:
        versions = self.versions.get(record_id, ())
        return [
            (
                version_path(record_id, v.number),
                VERSION_TEMPLATE,
                False,
                {
                    "version": v,
                    "versions": versions,
                    "record_id": record_id,
                    "record": self.site.disclosures.get(record_id),
                },
            )
            for v in versions
        ]

    def render_job(self, job) -> str:
        _, template, in_search, context = job
        return _with_township(
            self.render(template, in_search, **context), self.scope_of(context.get("record"))
        )

    def scope_of(self, record) -> str | None:
        """The township whose search a record's page offers (本镇), on a site of several."""
        if not isinstance(record, Record) or len(self.site.townships) < 2:
            return None
        return self.site.township_of_record(record)

    def versions_of(self, record_id: str) -> tuple[Version, ...]:
        return self.versions.get(record_id, ())

    def version_url(self, record_id: str, number: int | None = None) -> str:
        """The absolute address of a version's page (or of the current page): what a printed QR code holds."""
        tail = f"v{number}/" if number else ""
        return f"{self.site_url}disclosures/{quote(record_id)}/{tail}"

    def qr(self, url: str) -> Markup:
        made = self.qr_made.get(url)
        return Markup(made if made is not None else qr_svg(url))

    def qr_urls(self) -> list[str]:
        """The addresses the printed notices carry (disclosure.md.j2, disclosure_version.md.j2): each version's,
        and a disclosure's own when it has no published version."""
        urls = []
        for record_id in sorted(set(self.site.disclosures) | set(self.versions)):
            versions = self.versions.get(record_id, ())
            urls += [self.version_url(record_id, v.number) for v in versions]
            if record_id in self.site.disclosures and not (versions and versions[-1].commit):
                urls.append(self.version_url(record_id))
        return urls

    def fingerprints(self) -> str:
        """For /verify/: each version's fingerprint → its page, title and number; so do the
        fingerprints of contents folded into a version (history/versions.py).

        The page's address is relative to /verify/, so that the link the page makes of it
        holds wherever the site is served (https://example.org/qingxi/ as well as at a root)."""
        found = {
            printed: {
                "url": f"../disclosures/{quote(record_id)}/v{v.number}/",
                "number": v.number,
                "title": str(v.data.get("title", record_id)),
                "date": v.published.isoformat(),  # the day the public saw it
            }
            for record_id, versions in sorted(self.versions.items())
            for v in versions
            for printed in (v.fingerprint, *v.folded)
            if not v.withheld
        }
        return json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"

    def index_pages(self) -> list[IndexPage]:
        """Each type's index page and the views across types, in navigation order."""
        return sorted(
            [index for _, index in self.registry.index_pages()] + list(VIEWS),
            key=lambda i: i.nav_order,
        )

    def navigation(self) -> str:
        """For the MkDocs hook: the generated pages' navigation (the home page first) and the build date."""
        entries = [{HOME[2]: f"generated/{HOME[0]}"}]
        entries += [{index.nav_label: f"generated/{index.path}"} for index in self.index_pages()]
        return (
            json.dumps(
                {
                    "nav": entries,
                    "build_date": self.site.today.isoformat(),
                    "sample": self.is_sample(),
                    "site_name": self.identity.name,
                    "site_description": self.identity.description,
                    "copyright": self.identity.copyright,
                    "identity": self.identity.placeholders,
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )

    def is_sample(self) -> bool:
        """Sample data (a township states its 示例数据日期): every page says so (overrides/main.html)."""
        return any(t.get("sample_date") for t in self.site.townships.values())

    def code_areas(self) -> list[tuple[str, list[tuple]]]:
        """(area name, [(code, anchor, severity name, title, explanation, illustration)]) for the codes page."""
        areas = []
        for area, name in AREAS.items():
            entries = [
                (
                    entry.code,
                    Markup(entry.code.replace(".", "-")),
                    SEVERITY_NAMES[entry.severity],
                    entry.title,
                    entry.explain,
                    illustration(entry),
                )
                for code, entry in sorted(CATALOGUE.items())
                if entry.area == area
            ]
            if entries:
                areas.append((name, entries))
        return areas

    def jieba_dictionary(self) -> str:
        """User dictionary of the words a reader types: names of places, office-holders and departments,
        and the longer words of the records' titles (党支部, 村干部, 换届风险).

        The names each record type declares: a branch name such as
        桃源村第一党支部 then splits into 桃源 / 村 / 第一 / 党支 / 部, and a
        reader's 桃源村, 第一 or 党支部 finds it. Each word goes in as
        `search_word_entries` gives it.
        """
        names = set(DOMAIN_WORDS)
        titles = []
        for record_type in self.registry:
            for record in self.site.of(record_type.name).values():
                for path in record_type.search_words:
                    names.update(v for v in _values_at(record.doc, path) if isinstance(v, str))
                title = record.get(record_type.title_field)
                if isinstance(title, str):
                    titles.append(title)
        names.update(title_words(titles, self.cache_dir))
        entries: dict[str, int] = {}
        for name in {n.strip() for n in names}:
            if 2 <= len(name) <= LONGEST_SEARCH_WORD and not any(c.isspace() for c in name):
                for word, weight in search_word_entries(name):
                    entries[word] = max(weight, entries.get(word, 0))
        return "".join(f"{word} {weight} n\n" for word, weight in sorted(entries.items()))


def title_words(titles, cache_dir: Path | None = None) -> set[str]:
    """The words of three characters or more jieba finds in titles (its own dictionary, no user words).

    Each title's words are kept in the cache folder (title-words.json, by jieba's version and this file): a
    title seen before is not cut again, and jieba, whose dictionary takes a second to load, is not loaded
    when every title was. A kept word that is not a word of its title's Chinese is not taken."""
    from generators.build.keys import memo_version
    from generators.build.memo import Memo

    memo = Memo(cache_dir, "title-words.json", memo_version(__file__, "jieba"))
    words, missing = set(), []
    for title in dict.fromkeys(titles):
        kept = memo.get(title, list)
        if kept is not None and all(
            len(w) >= 3 and _HAN_WORD.fullmatch(w) and w in title for w in kept
        ):
            words.update(kept)
        else:
            missing.append(title)
    if missing:
        import jieba  # only here: loading its dictionary takes a second

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        for title in missing:
            found = sorted(
                {w for w in tokenizer.cut(title) if len(w) >= 3 and _HAN_WORD.fullmatch(w)}
            )
            memo.put(title, found)
            words.update(found)
    memo.save()
    return words


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _values_at(value, path: tuple):
    """The values at a schema path ("[]" for every item of a list)."""
    if not path:
        yield value
        return
    head, rest = path[0], path[1:]
    if head == "[]":
        for item in value if isinstance(value, (list, tuple)) else ():
            yield from _values_at(item, rest)
    elif hasattr(value, "get") and value.get(head) is not None:
        yield from _values_at(value[head], rest)


def render_site(site: Site, **options) -> dict[str, str]:
    """Every page of a site: path in the generated folder → text. Options as Renderer takes them."""
    return Renderer(site, **options).pages()
