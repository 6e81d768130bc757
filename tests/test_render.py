"""Render: escaping, amounts, front matter titles, strict templates, deterministic output."""

from __future__ import annotations

import datetime as dt
import html
import random
from decimal import Decimal
from pathlib import Path

import jinja2
import markdown
import pytest
from markupsafe import Markup
from mkdocs.utils import meta
from pagetext import parse

from generators.check.validate import validate
from generators.model.records import Disclosure, Village, freeze
from generators.model.site import build_model
from generators.render.escape import escape, front_matter_title
from generators.render.pages import make_environment, money, number, render_site
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 12, 31)

# The Markdown extensions of mkdocs.yml, which turn page text into HTML.
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]

SPECIALS = "\\`*_{}[]()<>&#|!~\"'=:+-.^$%@"

TRICKY = [
    "# 标题",
    "## 标题 ##",
    "1. 第一",
    "- 列表",
    "* 列表",
    "+ 列表",
    "> 引用",
    "    缩进代码",
    "  两个空格",
    "***",
    "---",
    "___",
    "a | b",
    "| a | b |",
    "text{: .x onclick=alert(1)}",
    "{: #id }",
    '{: onclick="x" }',
    "<b>粗</b>",
    "<script>alert(1)</script>",
    "&amp;",
    "&lt;script&gt;",
    "&#60;",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "![i](https://evil.example/x.png)",
    "<https://evil.example>",
    "`代码`",
    "**粗体**",
    "_斜体_",
    "~~删除~~",
    "<!-- 注释",
    "\\*",
    "[TOC]",
    '!!! note "x"',
    "[^1]",
    "{{ 7*7 }}",
    "{% raw %}",
    "a&nbsp;b",
    "50%",
    "100 元",
    "C:\\temp\\x",
    "a\tb",
    "a\\\nb",
    "Term\n: def",
    "*[HTML]: x",
    "[x]: https://evil.example",
    "<http://a.b>",
    "www.evil.example",
    "x@y.z",
]


def shown(text: str, markdown_text: str | None = None) -> tuple[str, list]:
    """(visible text, elements) of the HTML that Markdown makes of escaped text in a paragraph."""
    body = markdown.markdown(
        markdown_text if markdown_text is not None else str(escape(text)), extensions=EXTENSIONS
    )
    page = parse(body)
    return page.text, page.elements


def in_table_cell(text: str) -> tuple[str, list]:
    body = markdown.markdown(f"| 项目 |\n|---|\n| {escape(text)} |\n", extensions=EXTENSIONS)
    page = parse(body)
    cells = page.find("td")
    assert len(cells) == 1, body
    return cells[0].text, page.elements


# -- escape ------------------------------------------------------------------


@pytest.mark.parametrize("char", list(SPECIALS))
def test_each_special_character_is_shown_as_typed(char):
    for text in (char, f"前{char}后", char * 3, f"{char} 开头", f"结尾 {char}"):
        visible, elements = shown(text)
        assert visible.strip("\n") == text
        assert [e.tag for e in elements] == ["p"], elements
        cell, elements = in_table_cell(text)
        assert cell == text
        assert [e.tag for e in elements] == ["table", "thead", "tr", "th", "tbody", "tr", "td"]


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_and_html_in_text_are_shown_as_typed(text):
    visible, elements = shown(text)
    assert visible.strip("\n") == text
    assert {e.tag for e in elements} <= {"p", "br"}, elements
    assert all(not e.attrs for e in elements), elements
    cell, elements = in_table_cell(text)
    assert cell == text
    assert {e.tag for e in elements} <= {"table", "thead", "tbody", "tr", "th", "td", "br"}
    assert all(not e.attrs for e in elements), elements


def test_newlines_become_line_breaks():
    assert escape("第一行\n第二行") == "第一行<br>第二行"
    text = "a\n# 标题\n| a | b |\n|---|---|\n\n    code"
    visible, elements = shown(text)
    assert visible.strip("\n") == text
    assert [e.tag for e in elements].count("br") == 5
    assert not {"h1", "table", "pre", "code"} & {e.tag for e in elements}


def test_leading_spaces_are_kept_and_never_start_a_code_block():
    assert escape("    缩进").startswith("&#32;" * 4)
    assert escape("a    b") == "a    b"  # inner spaces stay spaces
    visible, elements = shown("    缩进")
    assert visible.strip("\n") == "    缩进"
    assert [e.tag for e in elements] == ["p"]


def test_plain_text_is_left_alone():
    assert escape("青溪镇党建办 2025年") == "青溪镇党建办 2025年"
    assert escape(42) == "42"


def test_markup_is_not_escaped_twice():
    link = Markup("[上塘村](/generated/villages/shangtang.md)")
    assert escape(link) is link
    assert escape(escape("<b>")) == escape("<b>")


def test_escaped_text_is_markup_so_autoescape_keeps_it():
    assert isinstance(escape("<b>"), Markup)
    env = make_environment()
    out = env.from_string("{{ a }}|{{ b }}").render(a="<b>&", b=Markup("<i>"))
    assert out == "&#60;b&#62;&#38;|<i>"


# -- amounts -----------------------------------------------------------------


def test_money_is_exact_to_the_fen():
    assert money(Decimal("0.10") + Decimal("0.20")) == "0.30"
    assert money(sum([Decimal("0.10")] * 10, Decimal("0"))) == "1.00"
    assert money(Decimal("1234567.5")) == "1,234,567.50"
    assert money(Decimal("0")) == "0.00"
    assert money(Decimal("-1234.05")) == "-1,234.05"
    assert money(12) == "12.00"
    assert money(Decimal("99999999999.99")) == "99,999,999,999.99"


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        money(0.1 + 0.2)


def test_totals_are_decimal_sums():
    finance = {
        "opening": Decimal("0.00"),
        "closing": Decimal("0.30"),
        "income": [
            {"item": "a", "amount": Decimal("0.10")},
            {"item": "b", "amount": Decimal("0.20")},
        ],
        "expense": [{"item": "c", "amount": Decimal("0.10")}] * 3,
    }
    disclosure = Disclosure("d", "disclosures/2025/d.yaml", freeze({"finance": finance}))
    assert isinstance(disclosure.income_total, Decimal)
    assert disclosure.income_total == Decimal("0.30")
    assert disclosure.expense_total == Decimal("0.30")
    assert money(disclosure.income_total) == "0.30"


def test_sample_amounts_are_read_as_decimal():
    result = validate(ROOT / "data", TODAY)
    amounts = []
    for record in result.records:
        if record.type.name == "disclosure" and record.document and "finance" in record.document:
            finance = record.document["finance"]
            amounts += [finance["opening"], finance["closing"]]
            amounts += [line["amount"] for key in ("income", "expense") for line in finance[key]]
    assert amounts
    assert all(type(a) is Decimal for a in amounts)


def test_number_drops_needless_zeros():
    assert number(Decimal("50")) == "50"
    assert number(Decimal("55.60")) == "55.6"
    assert number(Decimal("100.0")) == "100"
    assert number(Decimal("0.5")) == "0.5"


# -- front matter titles -----------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "普通标题",
        '关于"四议两公开"的说明',
        "标题: 冒号",
        "a: b: c",
        "#不是注释",
        "- 不是列表",
        "'单引号'",
        "<script>alert(1)</script>",
        "<b>粗</b> & 细",
        "{ 花括号 }",
        "[方括号]",
        "反斜杠 \\ 和 \\n",
        "---",
        "null",
        "true",
        "2025-01-01",
        "50%",
        "*星号*",
        "| 竖线 |",
        "  前导空格",
    ],
)
def test_front_matter_title_reads_back_as_typed(title):
    value = front_matter_title(title)
    assert "\n" not in value
    _, data = meta.get_data(f"---\ntitle: {value}\n---\n\n正文\n")
    assert isinstance(data["title"], str)
    # MkDocs Material prints the title unescaped into <title>: the browser decodes references.
    assert "<" not in data["title"]
    assert html.unescape(data["title"]) == title
    assert parse(f"<title>{data['title']}</title>").title == title


def test_front_matter_title_of_a_multi_line_title_stays_one_line():
    value = front_matter_title("第一行\n第二行")
    _, data = meta.get_data(f"---\ntitle: {value}\n---\n")
    assert "<" not in data["title"], "a <br> in <title> would show as text"
    assert html.unescape(data["title"]) == "第一行 第二行"


# -- templates ---------------------------------------------------------------


def village(**changes) -> Village:
    doc = {
        "id": "v",
        "name": "上塘村",
        "kind": "行政村",
        "township": "t",
        "groups": 1,
        "households": 2,
        "population": 3,
        "grids": 1,
        "leaders": {"secretary": "王", "director": "王"},
        "committee_term": {"start": dt.date(2021, 5, 1), "end": dt.date(2026, 5, 1)},
        "supervision_committee": {
            "size": 3,
            "term_start": dt.date(2021, 5, 1),
            "term_end": dt.date(2026, 5, 1),
        },
        "collective_economy": [
            {"year": 2025, "total_income": Decimal("1.00"), "operating_income": Decimal("0")}
        ],
    }
    doc.update(changes)
    return Village("v", "villages/v.yaml", freeze(doc))


def test_a_typo_in_a_template_variable_raises():
    env = make_environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ record.nmae }}").render(record=village())
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ recrod.name }}").render(record=village())
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{% for x in record.leaders.deputies %}{{ x }}{% endfor %}").render(
            record=village()
        )
    assert env.from_string("{{ record.name }}").render(record=village()) == "上塘村"


def test_a_real_template_raises_on_a_missing_field():
    from generators.model.site import Site
    from generators.render.pages import Renderer

    doc = dict(village().doc)
    del doc["population"]
    broken = Village("v", "villages/v.yaml", freeze(doc))
    renderer = Renderer(Site({"village": {"v": broken}}, TODAY, REGISTRY))
    with pytest.raises(jinja2.UndefinedError):
        renderer.render("village.md.j2", record=broken)


@pytest.fixture(scope="module")
def sample_records():
    result = validate(ROOT / "data", TODAY)
    assert result.ok, [str(p) for p in result.problems]
    return result.records


def test_rendering_is_deterministic(sample_records):
    first = render_site(build_model(sample_records, TODAY, {}, REGISTRY), home_intro="开头\n")
    second = render_site(build_model(sample_records, TODAY, {}, REGISTRY), home_intro="开头\n")
    assert first == second
    shuffled = list(sample_records)
    random.Random(20251231).shuffle(shuffled)
    third = render_site(build_model(shuffled, TODAY, {}, REGISTRY), home_intro="开头\n")
    assert list(third) == list(first)
    assert third == first


def test_pages_are_keyed_by_sorted_relative_paths(sample_records):
    pages = render_site(build_model(sample_records, TODAY, {}, REGISTRY))
    for path, text in pages.items():
        assert not path.startswith("/") and ".." not in path.split("/")
        assert text.endswith("\n"), path
        if path.endswith(".md"):
            assert text.startswith("---\ntitle: "), path
            assert "\r" not in text
