"""Atom feeds of new and corrected disclosures: the whole site, each township, each village.

One entry per disclosure. Its id is made from the disclosure's id alone
(a UUID of it), so it stays the same across rebuilds, addresses and
corrections; a correction (or a withdrawal) moves the entry's `updated` to
its date and says what was corrected, which is how a feed reader shows an
entry changed. Every date is the data's, never the build's clock, so the
same data gives the same bytes. Written with feedgen; the text is plain
(no HTML), as the pages' is escaped.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from generators.model.periods import parse as parse_period
from generators.model.records import Disclosure
from generators.model.site import Site

FOLDER = "feeds"
SITE_FEED = f"{FOLDER}/disclosures.xml"
BEIJING = ZoneInfo("Asia/Shanghai")
LATEST = 50  # entries of a feed: the latest updated


@dataclass(frozen=True)
class Feed:
    path: str  # inside the generated folder: feeds/villages/xikou.xml
    title: str
    disclosures: tuple[Disclosure, ...]


def entry_id(record_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'dangjian:disclosures/' + record_id)}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=BEIJING)


def updated(disclosure: Disclosure) -> dt.date:
    """The day a disclosure last changed as published: published, corrected or withdrawn."""
    days = [disclosure["published"], *(c["date"] for c in disclosure.get("corrections", ()))]
    withdrawn = disclosure.get("withdrawn")
    if withdrawn:
        days.append(withdrawn["date"])
    return max(days)


def summary(site: Site, disclosure: Disclosure) -> str:
    period = parse_period(disclosure["period"])
    label = period.label if period else disclosure["period"]
    parts = [
        f"{site.unit_name(disclosure['subject'])} · {label} · {disclosure['category']}公开，"
        f"{disclosure['published']} 公开。"
    ]
    for correction in disclosure.get("corrections", ()):
        parts.append(f"{correction['date']} 更正：{correction['reason']}")
    withdrawn = disclosure.get("withdrawn")
    if withdrawn:
        parts.append(f"{withdrawn['date']} 撤回：{withdrawn['reason']}")
    return "\n".join(parts)


def title(disclosure: Disclosure) -> str:
    if disclosure.get("withdrawn"):
        return f"{disclosure['title']}（已撤回）"
    if disclosure.get("corrections"):
        return f"{disclosure['title']}（已更正）"
    return disclosure["title"]


def feeds_of(site: Site, site_name: str) -> list[Feed]:
    disclosures = list(site.disclosures.values())
    feeds = [Feed(SITE_FEED, f"{site_name} · 公开", tuple(disclosures))]
    for township in site.townships_in_order():
        own = tuple(site.disclosures_of_township(township.id))
        feeds.append(
            Feed(f"{FOLDER}/townships/{township.id}.xml", f"{township['name']} · 公开", own)
        )
    by_subject: dict[str, list[int]] = {}  # the places of each subject's disclosures in the list
    for at, disclosure in enumerate(disclosures):
        by_subject.setdefault(disclosure["subject"], []).append(at)
    for village in site.villages.values():
        subjects = {village.id, *(b.id for b in site.branches_of_village(village))}
        own = tuple(
            disclosures[at] for at in sorted(a for s in subjects for a in by_subject.get(s, ()))
        )
        feeds.append(Feed(f"{FOLDER}/villages/{village.id}.xml", f"{village['name']} · 公开", own))
    return sorted(feeds, key=lambda f: f.path)


def atom_text(site: Site, feed: Feed, site_url: str) -> str:
    fg = FeedGenerator()
    fg.id(entry_id(feed.path))
    fg.title(feed.title)
    fg.author({"name": feed.title.split(" · ")[0]})
    fg.link(href=site_url + feed.path, rel="self", type="application/atom+xml")
    fg.link(href=site_url + "disclosures/", rel="alternate", type="text/html")
    fg.language("zh-CN")
    fg.generator("dangjian-site")
    latest = sorted(feed.disclosures, key=lambda d: (updated(d), d.id), reverse=True)[:LATEST]
    fg.updated(_moment(updated(latest[0]) if latest else site.today))
    for disclosure in latest:
        entry = fg.add_entry(order="append")
        entry.id(entry_id(disclosure.id))
        entry.title(title(disclosure))
        entry.link(href=f"{site_url}disclosures/{quote(disclosure.id)}/", rel="alternate")
        entry.published(_moment(disclosure["published"]))
        entry.updated(_moment(updated(disclosure)))
        entry.summary(summary(site, disclosure), type="text")
        entry.category(term=disclosure["category"], label=f"{disclosure['category']}公开")
    return fg.atom_str(pretty=True).decode("utf-8")


def feed_files(site: Site, site_name: str, site_url: str) -> dict[str, str]:
    return {f.path: atom_text(site, f, site_url) for f in feeds_of(site, site_name)}
