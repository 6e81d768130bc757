"""The page hook overrides/hooks/tables.py: labelled cells, cards for wide tables, runs kept whole."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "tables_hook", ROOT / "overrides" / "hooks" / "tables.py"
)
assert _spec is not None and _spec.loader is not None
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

WIDE = """<table>
<thead>
<tr>
<th>公开日期</th>
<th style="text-align: right;">金额（元）</th>
<th>标题 &amp; 说明</th>
</tr>
</thead>
<tbody>
<tr>
<td>2025-12-31</td>
<td style="text-align: right;">12,600.00</td>
<td><a href="x-2025-10-01/">2025&#45;11&#45;28 公开</a></td>
</tr>
<tr>
<td>—</td>
<td></td>
<td><code>2025-01-02</code></td>
</tr>
</tbody>
</table>"""


def test_a_wide_table_gets_labels_and_its_roles():
    out = hook.rewrite(WIDE)
    assert out.startswith('<table data-stack role="table">')
    assert '<thead role="rowgroup">' in out and '<tbody role="rowgroup">' in out
    assert out.count('<tr role="row">') == 3
    assert '<th role="columnheader">公开日期</th>' in out
    assert (
        '<td style="text-align: right;" data-label="金额（元）" data-short data-half data-num '
        'role="cell"><span class="nowrap">12,600.00</span></td>' in out
    )
    assert '<th style="text-align: right;" data-num role="columnheader">金额（元）</th>' in out
    assert '<td data-label="标题 &amp; 说明" role="cell"><a href="x-2025-10-01/">' in out


def test_dates_in_text_are_kept_whole_but_not_in_attributes_or_code():
    out = hook.rewrite(WIDE)
    assert (
        '<td data-label="公开日期" data-short data-half role="cell"><span class="nowrap">2025-12-31</span>'
        "</td>" in out
    )
    assert '<span class="nowrap">2025&#45;11&#45;28</span> 公开</a>' in out
    assert 'href="x-2025-10-01/"' in out
    assert "<code>2025-01-02</code>" in out
    assert (
        hook.rewrite("<p>截至 2025-12-31。</p>")
        == '<p>截至 <span class="nowrap">2025-12-31</span>。</p>'
    )
    assert (
        hook.rewrite("<svg><text>2025-12-31</text></svg>") == "<svg><text>2025-12-31</text></svg>"
    )
    for not_a_date in ("12025-12-31", "2025-12-311", "0579-88-601234", "2025-12"):
        assert hook.rewrite(not_a_date) == not_a_date


def test_periods_ratings_and_figures_are_kept_whole():
    def runs(text):
        out = hook.rewrite(f"<p>{text}</p>")
        return re.findall(r'<span class="nowrap">(.*?)</span>', out)

    assert runs("2025年11月 2025年第三季度 2025年上半年 2025年度") == [
        "2025年11月",
        "2025年第三季度",
        "2025年上半年",
        "2025年度",
    ]
    assert runs("五星（2025） 5A（2024） 较好（2023）") == [
        "五星（2025）",
        "5A（2024）",
        "较好（2023）",
    ]
    assert runs("≥ 50,000.00 元，逾期 372 天，85&#37;，82266&#46;67元，党员 42 名，2/3") == [
        "≥ 50,000.00 元",
        "372 天",
        "85&#37;",
        "82266&#46;67元",
        "42 名",
        "2/3",
    ]


def test_phone_numbers_fingerprints_and_references_are_not_cut_into_runs():
    for text in (
        "0579-88601234",
        "1f35-dc26-232e",
        "v2",
        "&#45;",
        "&#12345;",
        "a1b",
        "13812345678x",
    ):
        assert hook.rewrite(f"<p>{text}</p>") == f"<p>{text}</p>", text


def test_columns_of_short_cells_and_of_figures_are_marked_for_every_row():
    out = hook.rewrite(
        "<table><thead><tr><th>名称</th><th>党员</th><th>类别</th></tr></thead><tbody>"
        "<tr><td>云岭县青溪镇茶叶专业合作社联合会</td><td>11</td><td>非公企业</td></tr>"
        "<tr><td>甲</td><td>—</td><td>社会组织联合会</td></tr></tbody></table>"
    )
    cells = re.findall(r"<td ([^>]*)>", out)
    assert cells == [
        'data-label="名称" role="cell"',
        'data-label="党员" data-short data-half data-num role="cell"',
        'data-label="类别" data-short role="cell"',
        'data-label="名称" data-short role="cell"',
        'data-label="党员" data-empty role="cell"',
        'data-label="类别" role="cell"',
    ]
    assert '<th data-num role="columnheader">党员</th>' in out


def test_short_columns_of_a_card_are_paired_by_the_table_not_by_the_row():
    """Two short columns side by side share a card's line: the left one and the right one, the
    same in every card of the table (a cell showing "—" is left out of its card, its partner keeps
    its side). A short column with no short neighbour has a line of its own."""
    head = "".join(f"<th>{h}</th>" for h in ("任务", "已完成", "推进中", "未启动", "说明", "逾期"))
    rows = (
        ("上塘村网格员配齐工作任务", "1", "—", "2", "按季度推进，年底前全部完成", "3"),
        ("溪口村网格员配齐工作任务", "—", "4", "", "已经完成，正在验收", "—"),
    )
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    out = hook.rewrite(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    cells = re.findall(r"<td ([^>]*)>", out)
    sides = [
        (
            re.findall(r'data-label="([^"]*)"', c)[0],
            (re.findall(r'data-side="(\w+)"', c) or [None])[0],
        )
        for c in cells
    ]
    assert sides == 2 * [
        ("任务", None),
        ("已完成", "left"),
        ("推进中", "right"),
        ("未启动", None),
        ("说明", None),
        ("逾期", None),
    ]
    assert (
        '<td data-label="推进中" data-empty role="cell" data-side="right"><span class="cell-value">—</span></td>'
        in out
    )


def test_a_table_of_short_text_that_fits_a_phone_stays_a_table():
    years = "".join(
        f"<tr><td>{year}</td><td>386,520.40</td><td>152,300.00</td></tr>" for year in (2024, 2025)
    )
    head = "<thead><tr><th>年度</th><th>总收入（元）</th><th>其中经营性收入（元）</th></tr></thead>"
    assert "data-stack" not in hook.rewrite(f"<table>{head}<tbody>{years}</tbody></table>")
    wide = years.replace("<td>2025</td>", "<td>上塘村村东片机耕路硬化工程“四议两公开”决议</td>")
    assert "data-stack" in hook.rewrite(f"<table>{head}<tbody>{wide}</tbody></table>")
    bar = years.replace("<td>2025</td>", '<td><progress value="5"></progress> 5%</td>')
    assert "data-stack" in hook.rewrite(f"<table>{head}<tbody>{bar}</tbody></table>")


def test_a_cell_showing_only_a_dash_is_marked_empty():
    out = hook.rewrite(WIDE)
    assert '<td data-label="公开日期" data-empty role="cell">—</td>' in out
    assert '<td data-label="金额（元）" role="cell"></td>' in out


def test_a_cell_of_a_few_characters_is_marked_short():
    def cell(inside):
        out = hook.rewrite(
            f"<table><thead><tr><th>甲</th></tr></thead><tbody><tr><td>{inside}</td></tr></tbody></table>"
        )
        return out[out.index("<td") : out.index(">", out.index("<td")) + 1]

    for short in (
        "2291",
        "2025-12-31",
        "党支部",
        "是",
        "12,600.00",
        '<a href="x/">上塘村</a>',
        '<span class="overdue">整顿中</span>',
    ):
        assert cell(short).startswith('<td data-label="甲" data-short data-half'), short
    for long in (
        "2025-12-31 起",
        "云岭县青溪茶业",
        "五星（2025）",
        '<progress value="5"></progress> 5%',
        "a<br>b",
        "",
    ):
        assert cell(long) == '<td data-label="甲">', long


def test_a_table_of_two_columns_keeps_its_columns_and_is_labelled():
    out = hook.rewrite(
        "<table><thead><tr><th>项目</th><th>内容</th></tr></thead>"
        "<tbody><tr><td>人口</td><td>1,234</td></tr></tbody></table>"
    )
    assert out == (
        '<table><thead><tr><th>项目</th><th data-num>内容</th></tr></thead><tbody><tr><td data-label="项目"'
        ' data-short data-half>人口</td><td data-label="内容" data-short data-half data-num>'
        '<span class="nowrap">1,234</span></td></tr></tbody></table>'
    )


def test_a_line_break_in_a_header_is_a_space_in_the_label():
    out = hook.rewrite(
        "<table><thead><tr><th>村务公开<br>每季度</th><th>b</th></tr></thead>"
        "<tbody><tr><td>按期公开</td><td>1</td></tr></tbody></table>"
    )
    assert '<td data-label="村务公开 每季度" data-short data-half>按期公开</td>' in out


def test_a_table_inside_a_cell_is_labelled_by_its_own_headers():
    inner = "<table><thead><tr><th>甲</th><th>乙</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    out = hook.rewrite(WIDE.replace("<td></td>", f"<td>{inner}</td>"))
    assert (
        '<td data-label="甲" data-short data-half data-num><span class="nowrap">1</span></td>'
        in out
    )
    assert out.count('role="cell"') == 6


def test_everything_else_passes_through_unchanged():
    page = (
        '<!-- c --><h2 id="x">标题<a class="headerlink" href="#x">&para;</a></h2>'
        '<p>A &amp; B &#12345; <br/><img alt="" src="a.png"/></p><script>var d = "2025-12-31";</script>'
    )
    assert hook.rewrite(page) == page


# -- the fast reading of plain markup gives what HTMLParser gives ---------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def same_either_way(page: str) -> bool:
    """Whether the fast reading took the page (True) or left it to HTMLParser; either way the same output."""
    assert hook.rewrite(page) == hook.rewrite(page, plain=False)
    return hook.read_plain(page, hook._Rewriter())


@pytest.mark.slow
def test_every_page_of_the_sample_site_is_read_fast_and_the_same(sample_site):
    articles = [
        found.group(1)
        for path in sorted(sample_site.rglob("*.html"))
        for found in [
            re.search(
                r'<article class="md-content__inner md-typeset">(.*?)</article>',
                path.read_text(encoding="utf-8"),
                re.S,
            )
        ]
        if found
    ]
    assert len(articles) > 100
    assert all(same_either_way(article) for article in articles)


def test_markup_htmlparser_reads_its_own_way_is_left_to_it():
    for page in (
        "<p>a < b</p>",
        "<p>&amp</p>",
        "<a href=x/>y</a>",
        "<script>'<td>'</script>",
        "<!DOCTYPE html><p>x</p>",
        "<![CDATA[x]]>",
        "<?php x ?>",
        '<td title="a>b">2025-12-31</td>',
        "<!--> a -->",
        "<p>2025-12-31",
        "</p >",
        "<TD>x</TD>",
        '<a title="x\'y">2025-12-31</a>',
    ):
        same_either_way(page)
    assert not same_either_way("<p>a < b</p>") and not same_either_way("<p>&amp</p>")
    assert same_either_way('<td title="a>b">2025-12-31</td>') and same_either_way("<TD>x</TD>")


def test_public_xss_payloads_in_a_table_read_the_same():
    from test_injection import PAYLOADS

    for payload in PAYLOADS:
        for page in (
            payload,
            f"<table><thead><tr><th>{payload}</th><th>a</th><th>b</th></tr></thead>"
            f"<tbody><tr><td>{payload}</td><td>2025-12-31</td><td>—</td></tr></tbody></table>",
        ):
            same_either_way(page)


PIECES = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<thead>",
        "</thead>",
        "<tbody>",
        "</tbody>",
        "<tr>",
        "</tr>",
        "<th>",
        "</th>",
        "<td>",
        "</td>",
        '<td style="text-align: right;">',
        "<br>",
        "<br />",
        "<br/>",
        "<svg>",
        "</svg>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<a href='/x'>",
        "</a>",
        "<span class=x>",
        "</span>",
        "<!-- c -->",
        "—",
        "&mdash;",
        "&#45;",
        "&amp;",
        "&lt;",
        "2025-12-31",
        "2025&#45;12&#45;31",
        "12025-12-31",
        "是",
        "党支部",
        "金额（元）",
        " ",
        "\n",
        "<",
        ">",
        "&",
        '"',
        "'",
        "<p>",
        "</p>",
        "<img alt='' src=a.png>",
        "<TD>",
        "</TD >",
        '<td data-x="a\'b">',
        "<div markdown>",
        "</div>",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_random_markup_reads_the_same(pieces):
    same_either_way("".join(pieces))
