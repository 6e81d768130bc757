"""The fixed set of search queries a reader types, built from the validated sample records.

Each query names the pages it should find: taken from the records (whose page
it is, who holds which office, which disclosures fall in a period), never a
list of results copied from a run. The browser test (test_search_web.py)
types each into the site's search box and scores the result lists.

Kinds of query:
    title   – a record page's title as it shows (and the progress board's)
    word    – a 2–4 character word of a title that no other title holds
    person  – an office-holder's name: the pages of the offices they hold
    place   – a village's name with 财务公开 / 村务公开 / 党务公开, or 财务 / 村务 / 党务 with no space
              (上塘村财务, as villagers type it): its disclosures of that kind
    item    – a catalogue item of the township (村级财务收支情况): the disclosures of that item
    period  – 2025年第三季度, 2025年11月, 2025年: the disclosures (pages) of that period; and as
              people write them: 2025年3季度, 2025年三季度, 三季度, 2025.11
    role    – an office-holder and the office (周海燕副书记, 周文斌主任) or a village and the office
              (溪口村书记): the pages of that office
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import jieba

from generators.model.periods import DAY
from generators.model.periods import parse as parse_period
from generators.spec.registry import REGISTRY

TOP = 3  # a query is answered when an expected page is among the first three results


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expected: frozenset[str]  # page URLs relative to the site root, e.g. "villages/taoyuan/"
    whole: bool = (
        False  # every one of the first results must be expected (a period lists only its pages)
    )

    def answered(self, results: list[str]) -> bool:
        top = results[:TOP]
        if self.whole:
            wanted = min(TOP, len(self.expected))
            return len(top) >= wanted and all(url in self.expected for url in top[:wanted])
        return any(url in self.expected for url in top)


def page_url(type_name: str, record_id: str) -> str:
    return f"{REGISTRY[type_name].folder}/{record_id}/"


def record_pages(records: dict[str, dict[str, dict]]) -> list[tuple[str, str]]:
    """(type name, page URL) of every record page in the search."""
    return [
        (t.name, page_url(t.name, record_id))
        for t in REGISTRY
        if t.in_search
        for record_id in sorted(records.get(t.name, {}))
    ]


def queries(records: dict[str, dict[str, dict]], titles: dict[str, str]) -> list[Query]:
    """titles: page URL → the title the page shows (read from the built site)."""
    found: list[Query] = []
    pages = [url for _, url in record_pages(records)] + ["progress/"]
    for url in pages:
        found.append(Query("title", titles[url], frozenset({url})))
    found += _title_words(pages, titles)
    found += _people(records)
    found += _places(records)
    found += _items(records)
    found += _periods(records, titles, pages)
    found += _written_periods(records, titles, pages)
    found += _roles(records)
    return found


def _title_words(pages: list[str], titles: dict[str, str]) -> list[Query]:
    """Per page, its title's first word of 2–4 characters that no other page's title holds."""
    words_of = {
        url: [
            w
            for w in jieba.cut(titles[url])
            if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w)
        ]
        for url in pages
    }
    found = []
    for url in pages:
        for word in words_of[url]:
            holders = [other for other in pages if word in titles[other]]
            if holders == [url]:
                found.append(Query("word", word, frozenset({url})))
                break
    return found


def _people(records) -> list[Query]:
    """Office-holders (public by the privacy rules): village leaders, branch committees, grid leaders,
    new organizations' instructors, those responsible for a finding. Never a benefit recipient."""
    offices: dict[str, set[str]] = defaultdict(set)
    for village_id, village in records["village"].items():
        for role in ("secretary", "director"):
            offices[village["leaders"][role]].add(page_url("village", village_id))
    for branch_id, branch in records["branch"].items():
        for member in branch.get("committee", ()):
            offices[member["name"]].add(page_url("branch", branch_id))
    for grid_id, grid in records["grid"].items():
        offices[grid["leader"]].add(page_url("grid", grid_id))
    for org_id, org in records["new_org"].items():
        if org.get("instructor"):
            offices[org["instructor"]].add(page_url("new_org", org_id))
    for finding_id, finding in records["finding"].items():
        offices[finding["responsible"]].add(page_url("finding", finding_id))
    return [Query("person", name, frozenset(urls)) for name, urls in sorted(offices.items())]


def _places(records) -> list[Query]:
    """A village's name and a kind of disclosure: that village's disclosures of the kind
    (by the village or by one of its party organizations)."""
    village_of = {
        branch_id: branch.get("village") for branch_id, branch in records["branch"].items()
    }
    by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
    for disclosure_id, disclosure in records["disclosure"].items():
        subject = disclosure["subject"]
        village_id = subject if subject in records["village"] else village_of.get(subject)
        if village_id:
            by_place[(village_id, disclosure["category"])].add(
                page_url("disclosure", disclosure_id)
            )
    # as written on the pages (桃源村财务公开) and as villagers type it (桃源村财务)
    return [
        Query("place", f"{records['village'][village_id]['name']}{category}{tail}", frozenset(urls))
        for (village_id, category), urls in sorted(by_place.items())
        for tail in ("公开", "")
    ]


def _items(records) -> list[Query]:
    """Each item of the townships' disclosure catalogue that has disclosures: they are what it finds."""
    by_item: dict[str, set[str]] = defaultdict(set)
    for disclosure_id, disclosure in records["disclosure"].items():
        by_item[disclosure["item"]].add(page_url("disclosure", disclosure_id))
    titles = {
        item["key"]: item["title"]
        for township in records["township"].values()
        for item in township.get("disclosure_catalogue", ())
    }
    return [
        Query("item", titles[key], frozenset(urls))
        for key, urls in sorted(by_item.items())
        if key in titles
    ]


def _periods(records, titles: dict[str, str], pages: list[str]) -> list[Query]:
    """Each period the disclosures fall in (2025年第三季度, 2025年11月) and each year (2025年): the
    disclosures of that period and the pages whose title names it, and they alone at the top."""
    by_period: dict[str, set[str]] = defaultdict(set)
    for disclosure_id, disclosure in records["disclosure"].items():
        period = parse_period(str(disclosure["period"]))
        if period is not None and period.kind != DAY:
            by_period[period.label].add(page_url("disclosure", disclosure_id))
            by_period[f"{period.start.year}年"].add(page_url("disclosure", disclosure_id))
    for label, urls in by_period.items():
        urls.update(url for url in pages if label in titles[url].replace(" ", ""))
    return [
        Query("period", label, frozenset(urls), whole=True)
        for label, urls in sorted(by_period.items())
    ]


QUARTERS = "一二三四"


def _written_periods(records, titles: dict[str, str], pages: list[str]) -> list[Query]:
    """Periods as people write them: a quarter with a figure or without 第 (2025年3季度,
    2025年三季度), a quarter of no year (三季度: that quarter's pages of every year), a month with
    a dot (2025.11). Each finds what the period as the pages write it finds: its disclosures and
    the pages whose title names it (2025年第三季度, 第三季度, 2025年11月)."""
    by_written: dict[str, set[str]] = defaultdict(set)
    shown_as: dict[str, str] = {}  # what is written → the period as the pages write it
    for disclosure_id, disclosure in records["disclosure"].items():
        period = parse_period(str(disclosure["period"]))
        if period is None or period.kind == DAY:
            continue
        quarter = re.fullmatch(r"(\d{4})年(第([一二三四])季度)", period.label)
        month = re.fullmatch(r"(\d{4})年(\d{1,2})月", period.label)
        written = {}
        if quarter:
            year, named, name = quarter.groups()
            number = QUARTERS.index(name) + 1
            written = {
                f"{year}年{number}季度": period.label,
                f"{year}年{name}季度": period.label,
                f"{name}季度": named,
            }
        elif month:
            written = {f"{month.group(1)}.{month.group(2)}": period.label}
        for text, label in written.items():
            by_written[text].add(page_url("disclosure", disclosure_id))
            shown_as[text] = label
    for text, urls in by_written.items():
        urls.update(url for url in pages if shown_as[text] in titles[url].replace(" ", ""))
    return [
        Query("period", text, frozenset(urls), whole=True)
        for text, urls in sorted(by_written.items())
    ]


def _roles(records) -> list[Query]:
    """An office-holder with the office (周海燕副书记, 周文斌主任), and a village with its offices
    (溪口村书记, 溪口村主任): the pages that name them in that office."""
    by_query: dict[str, set[str]] = defaultdict(set)
    for village_id, village in records["village"].items():
        url = page_url("village", village_id)
        for role, office in (("secretary", "书记"), ("director", "主任")):
            by_query[f"{village['leaders'][role]}{office}"].add(url)
            by_query[f"{village['name']}{office}"].add(url)
    for branch_id, branch in records["branch"].items():
        url = page_url("branch", branch_id)
        for member in branch.get("committee", ()):
            by_query[f"{member['name']}{member['role']}"].add(url)
        village = records["village"].get(branch.get("village") or "")
        if village is not None:
            by_query[f"{village['name']}书记"].add(url)
    return [Query("role", text, frozenset(urls)) for text, urls in sorted(by_query.items())]
