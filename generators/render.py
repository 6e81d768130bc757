"""Render: the model in, Markdown pages out, as a mapping of path → text. Pure.

Jinja2 with StrictUndefined. Every string a template prints passes through
`finalize`, which escapes it (generators/escape.py): templates cannot forget.
Markup built here (links, badges) is marked safe explicitly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .escape import escape, front_matter_title
from .model import Site
from .parallel import map_in_processes
from .registry import RECORD_TYPES

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

# Words jieba must keep whole when indexing, beyond the names of places and departments.
# Search matches the start of indexed words and the query is not segmented, so a
# word kept whole is found by its beginning only: keep these short and standard.
DOMAIN_WORDS = (
    "一肩挑", "四议两公开", "五议两公开", "三会一课", "主题党日", "组织生活会", "民主评议党员", "换届",
    "党务公开", "村务公开", "财务公开", "软弱涣散", "两新组织", "流动党员", "后备干部", "五星三强",
)


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
    """Amounts to the fen with thousands separators: 12,345.67. Decimal only, never float."""
    if isinstance(value, float):
        raise TypeError(f"amount {value!r} is a float; amounts are Decimal")
    return Markup(f"{Decimal(value):,.2f}")


def number(value) -> Markup:
    """Target values and ratios without a needless trailing .0."""
    value = Decimal(value)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Markup(text)


def page_link(folder: str, record_id: str) -> Markup:
    return Markup(f"/generated/{folder}/{quote(record_id)}.md")


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,  # macro results become Markup; finalize has escaped every string already
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=money, number=number, front_title=front_matter_title)
    env.globals.update(page_link=page_link)
    return env


def link(folder: str, record, text=None) -> Markup:
    label = escape(text if text is not None else record["name"])
    return Markup(f"[{label}]({page_link(folder, record.id)})")


class Renderer:
    def __init__(self, site: Site, intro: str = ""):
        self.site = site
        self.intro = intro
        self.env = make_environment()
        self.env.globals.update(site=site, today=site.today, link=link, unit=self.unit_link)

    def unit_link(self, unit_id: str) -> Markup:
        kind = self.site.unit_kind(unit_id)
        name = self.site.unit_name(unit_id)
        folder = {"village": "villages", "branch": "branches", "township": "townships"}.get(kind)
        if folder is None:
            return escape(name)
        return Markup(f"[{escape(name)}]({page_link(folder, unit_id)})")

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def pages(self) -> dict[str, str]:
        site = self.site
        pages = {
            "index.md": self.render("home.md.j2", intro=Markup(self.intro)),
            "villages/index.md": self.render("villages.md.j2"),
            "branches/index.md": self.render("branches.md.j2"),
            "progress/index.md": self.render("progress.md.j2"),
            "disclosures/index.md": self.render("disclosures.md.j2"),
            "jieba_user_dict.txt": self.jieba_dictionary(),
        }
        jobs = self.record_pages()
        # Workers are forked with the model in memory: only page numbers and texts travel.
        texts = map_in_processes(lambda i: self.render_record(jobs[i]), range(len(jobs)))
        pages.update((path, text) for (path, _, _), text in zip(jobs, texts))
        return pages

    def record_pages(self) -> list[tuple[str, str, object]]:
        """(page path, template, record) for the page of every record."""
        site = self.site
        tables = {"township": site.townships, "village": site.villages, "branch": site.branches,
                  "meetings": site.meeting_logs, "plan": site.plans, "task": site.tasks,
                  "disclosure": site.disclosures}
        return [(f"{record_type.folder}/{record_id}.md", record_type.template, record)
                for record_type in RECORD_TYPES
                for record_id, record in sorted(tables[record_type.name].items())]

    def render_record(self, job) -> str:
        _, template, record = job
        return self.render(template, record=record)

    def jieba_dictionary(self) -> str:
        """User dictionary so that 青溪村 or 镇党建办 is one word in the search index.

        Places and departments only: a branch name such as 桃源村第一党支部 then
        splits into 桃源村 / 第一 / 党支部, each of which a reader may type.
        """
        site = self.site
        names = set(DOMAIN_WORDS)
        for table in (site.townships, site.villages):
            names.update(r["name"] for r in table.values())
        for township in site.townships.values():
            names.update(township.departments.values())
        words = sorted(n.strip() for n in names if n.strip() and not any(c.isspace() for c in n.strip()))
        return "".join(f"{w} 100000 n\n" for w in words)


def render_site(site: Site, intro: str = "") -> dict[str, str]:
    return Renderer(site, intro).pages()
