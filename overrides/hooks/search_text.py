"""What the search index reads of a page: no table header rows.

The search plugin indexes a page's text block by block, and a result shows the
first blocks of the section it found. The header row of a table (项目 内容,
日期 类型 主题) names columns, not what the page is about; marked
`data-search-exclude` here, it stays out of the index and out of the result
snippets. The plugin removes the mark from the published page.
"""

from __future__ import annotations

import re

_THEAD = re.compile(r"<thead(?=[\s>])")


def on_page_content(html, page, config, files):
    return _THEAD.sub("<thead data-search-exclude", html)
