"""The one place where text typed by staff is made safe for Markdown and HTML.

Every ASCII character that Markdown, its extensions (tables, attr_list) or
HTML give a meaning to becomes a numeric character reference. Python-Markdown
passes references through untouched and the browser shows the character, so
the reader sees exactly what was typed while nothing typed can become markup,
a link, an attribute, a heading or a table cell. Line breaks become <br>, so
typed text never starts a Markdown line of its own.
"""

from __future__ import annotations

import json

from markupsafe import Markup

_ALWAYS = set("\\`*_{}[]()<>&#|!~\"'=:+-.^$%@")
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _ALWAYS}
_TABLE[ord("\n")] = "<br>"
_TABLE[ord("\t")] = "&#9;"
_TABLE[ord(" ")] = " "


def escape(text) -> Markup:
    """Text as typed, inert in Markdown and HTML."""
    if isinstance(text, Markup):
        return text
    text = str(text)
    stripped = text.lstrip(" ")
    lead = "&#32;" * (len(text) - len(stripped))  # four spaces would start a code block
    return Markup(lead + stripped.translate(_TABLE))


def front_matter_title(text: str) -> Markup:
    """A YAML front matter value for `title:`; MkDocs Material prints it unescaped into <title>.

    A title is one line: a line break typed in it becomes a space, since a <br>
    inside <title> would show as the characters "<br>".
    """
    one_line = " ".join(str(text).splitlines())
    return Markup(json.dumps(str(escape(one_line)), ensure_ascii=False))
