"""The search index written as UTF-8 text, not as \\u escapes: half its size.

mkdocs-material's search plugin writes search/search_index.json with
json.dumps' default, which escapes every character outside ASCII: each Chinese
character takes 6 bytes (\\u6751) instead of its 3 in UTF-8, and jieba's word
joints (U+200B) 6 instead of 3. The JSON means the same either way; browsers
read it (and the offline copy's search_index.js) as UTF-8. Here the plugin's
module is given a json whose dumps keeps characters as they are.
"""

from __future__ import annotations

import json


class _Json:
    """The json module, but dumps writes characters as they are."""

    def dumps(self, value, **options):
        return json.dumps(value, **{**options, "ensure_ascii": False})

    def __getattr__(self, name):
        return getattr(json, name)


def on_config(config):
    from material.plugins.search import plugin as search

    if not isinstance(search.json, _Json):
        search.json = _Json()
