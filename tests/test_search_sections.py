"""A section marked out of the search stays out of the published site's search whole
(overrides/hooks/search_sections.py): Pagefind leaves out marked elements only."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "search_sections", ROOT / "overrides/hooks/search_sections.py"
)
assert _spec is not None and _spec.loader is not None  # a .py file has a source loader
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

PAGE = (
    '<h1 id="a">桃源村党总支</h1><p>简介</p>'
    '<h2 data-search-exclude id="b">组织生活</h2><table><tr><td>2025-10-05</td></tr></table>'
    '<p>会议记录</p><h2 id="c">班子成员</h2><p>书记 李志强</p>'
)


def test_a_marked_section_is_wrapped_up_to_the_next_heading():
    assert hook.wrap_excluded_sections(PAGE) == (
        '<h1 id="a">桃源村党总支</h1><p>简介</p>'
        '<div class="search-exclude" data-search-exclude>'
        '<h2 data-search-exclude id="b">组织生活</h2><table><tr><td>2025-10-05</td></tr></table>'
        '<p>会议记录</p></div><h2 id="c">班子成员</h2><p>书记 李志强</p>'
    )


def test_a_section_whose_tags_do_not_close_before_the_next_heading_is_left_as_it_is():
    page = '<div class="x"><h2 data-search-exclude>公开情况</h2><p>表</p></div><h2>其他</h2>'
    assert hook.wrap_excluded_sections(page) == page


def test_a_page_without_marks_is_unchanged():
    page = "<h1>溪口村</h1><p>财务公开</p><h2>班子</h2>"
    assert hook.wrap_excluded_sections(page) == page
