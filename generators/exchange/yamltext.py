"""Records as staff write them by hand, and an existing record changed in only what changed.

A record is written field by field in its schema's order, two spaces a
level, list items as `- `, a value plain where the loader reads it back
as the same text and double-quoted where not, a text of several lines as a
`|` block. The same values always give the same bytes.

An existing file is changed in place: a value that changed is replaced where
it stands; a field added goes after the field before it in the schema; a
field whose shape changed (a list with more or fewer items) is written
anew, and the comments inside it are kept, above it. Every other byte,
comments included, stays as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from generators.check.loader import NULL_WORDS, LoadedFile, load_bytes
from generators.spec.fields import Field
from generators.spec.types import INVALID

INDENT = "  "
# Texts the loader surely reads back plain as they are: no mark YAML gives a meaning to.
_SURELY_PLAIN = re.compile(
    r"[0-9A-Za-z\u3400-\u9fff\uff00-\uffef\u3000-\u303f][^:#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*"
)
_LINES = re.compile(r"[^\n]*\n|[^\n]+$")
_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85"}


# ---------------------------------------------------------------------------
# writing a record


def record_text(root: Field, document: Mapping) -> str:
    return "".join(line + "\n" for line in _fields(root, document, ""))


def _fields(spec: Field, value: Mapping, indent: str) -> list[str]:
    lines: list[str] = []
    for key, sub in spec.fields.items():
        if key in value and value[key] is not None:
            lines += _entry(f"{indent}{key}:", sub, value[key], indent)
    return lines


def _entry(head: str, spec: Field, value, indent: str) -> list[str]:
    if isinstance(value, str):
        return _scalar_lines(head, value, indent + INDENT)
    if isinstance(value, Mapping):
        return [head, *_fields(spec, value, indent + INDENT)] if value else [f"{head} {{}}"]
    if not value:
        return [f"{head} []"]
    lines = [head]
    for item in value:
        if isinstance(item, Mapping):
            assert spec.item is not None  # a value holding a list is a list field's
            body = _fields(spec.item, item, indent + INDENT * 2)
            lines.append(f"{indent}{INDENT}- {body[0].lstrip(' ')}")
            lines += body[1:]
        else:
            lines += _scalar_lines(f"{indent}{INDENT}-", item, indent + INDENT * 2)
    return lines


def _scalar_lines(head: str, text: str, indent: str) -> list[str]:
    block = _block(text, indent)
    return [f"{head} {block[0]}", *block[1:]] if block else [f"{head} {scalar(text)}"]


def _block(text: str, indent: str) -> list[str] | None:
    """A text of several lines as a `|` block, where that reads back exactly."""
    if "\n" not in text.rstrip("\n") or text.endswith("\n\n"):
        return None
    lines = text.rstrip("\n").split("\n")
    if (
        lines[0][:1] in (" ", "")
        or any(line != line.rstrip() or "\t" in line or "\r" in line for line in lines)
        or any(ch in text for ch in _BREAKS)
    ):
        return None
    head = "|" if text.endswith("\n") else "|-"
    out = [head, *(f"{indent}{line}" if line else "" for line in lines)]
    return out if _reads_back("k: " + "\n".join(out), text) else None


def scalar(text: str) -> str:
    """A value on its line: plain where the loader reads it back the same, else double-quoted."""
    if text not in NULL_WORDS and text == text.strip() and _SURELY_PLAIN.fullmatch(text):
        return text
    if text and "\n" not in text and _reads_back(f"k: {text}", text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for ch, escape in _BREAKS.items():
        quoted = quoted.replace(ch, escape)
    return quoted


def _reads_back(yaml_text: str, text: str) -> bool:
    loaded = load_bytes((yaml_text + "\n").encode("utf-8"), "-")
    return not loaded.problems and loaded.data == {"k": text}


# ---------------------------------------------------------------------------
# changing a record in place


def same(spec: Field | None, old, new) -> bool:
    """Whether two values of a field are the same value: 52000 and 52000.00 are one amount."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(
            same(spec.child(k) if spec else None, old[k], new[k]) for k in old
        )
    if isinstance(old, list) and isinstance(new, list):
        item = spec.item if spec else None
        return len(old) == len(new) and all(same(item, a, b) for a, b in zip(old, new, strict=True))
    if old == new:
        return True
    if not (isinstance(old, str) and isinstance(new, str)) or spec is None:
        return False
    a, _ = spec.kind.convert(old)
    b, _ = spec.kind.convert(new)
    return a is not INVALID and b is not INVALID and a == b


def changed_text(root: Field, loaded: LoadedFile, new: Mapping) -> str:
    """The file's text with the record changed to `new`: only what changed is touched."""
    text, old = loaded.text or "", loaded.data or {}
    lines = _LINES.findall(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    blocks = _blocks(loaded, lines)
    replaced: dict[str, list[str]] = {}  # key → the block's new lines
    # key → lines of new fields after its block (None: before the first block)
    after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for key, sub in root.fields.items():
        if key in old and key in new and not same(sub, old[key], new[key]):
            replaced[key] = _changed_block(sub, key, loaded, lines, blocks[key], old[key], new[key])
        elif key in old and key not in new:
            replaced[key] = []
        elif key in new and key not in old and new[key] is not None:
            after.setdefault(previous, []).extend(_entry(f"{key}:", sub, new[key], ""))
        if key in old:
            previous = key
    out: list[str] = []
    starts = {start: key for key, (start, _) in blocks.items()}
    i = 0
    if None in after:
        first = min((start for start, _ in blocks.values()), default=len(lines))
        out += lines[:first] + [line + "\n" for line in after[None]]
        i = first
    while i < len(lines):
        if i not in starts:
            out.append(lines[i])
            i += 1
            continue
        key = starts[i]
        start, end = blocks[key]
        if key in replaced:
            out += [line if line.endswith("\n") else line + "\n" for line in replaced[key]]
        else:
            out += lines[start:end]
        out += [line + "\n" for line in after.get(key, [])]
        i = end
    return "".join(out)


def _blocks(loaded: LoadedFile, lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level field's lines [start, end): from its key to the next field's key, less the
    comments and blank lines just above that key (they belong to it)."""
    starts = sorted(
        (mark.line - 1, path[0]) for path, mark in loaded.keys.items() if len(path) == 1
    )
    blocks = {}
    for n, (start, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        while end - 1 > start and _is_comment_or_blank(lines[end - 1]):
            end -= 1
        blocks[key] = (start, end)
    return blocks


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _changed_block(
    spec: Field, key: str, loaded: LoadedFile, lines: list[str], span, old, new
) -> list[str]:
    start, end = span
    spliced = _spliced(spec, (key,), loaded, old, new)
    if spliced is not None:
        return _apply(loaded.text or "", lines, start, end, spliced)
    kept = [line.rstrip("\n") for line in lines[start + 1 : end] if line.strip().startswith("#")]
    leading = re.match(r"\s*", lines[start])
    assert leading is not None  # \s* matches at the start of every string
    indent = leading.group()
    return [f"{indent}{line.lstrip()}" for line in kept] + _entry(f"{key}:", spec, new, "")


def _spliced(spec: Field | None, path: tuple, loaded: LoadedFile, old, new):
    """[(start, end, text)] replacing the values that changed, when nothing else did; else None."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        if old.keys() != new.keys():
            return None
        out = []
        for k in old:
            found = _spliced(spec.child(k) if spec else None, path + (k,), loaded, old[k], new[k])
            if found is None:
                return None
            out += found
        return out
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return None
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            found = _spliced(spec.item if spec else None, path + (i,), loaded, a, b)
            if found is None:
                return None
            out += found
        return out
    if not (isinstance(old, str) and isinstance(new, str)):
        return None
    if same(spec, old, new):
        return []
    where = loaded.value_spans.get(path)
    if where is None or "\n" in (loaded.text or "")[where[0] : where[1]] or "\n" in new:
        return None
    return [(where[0], where[1], scalar(new))]


def _apply(text: str, lines: list[str], start: int, end: int, edits) -> list[str]:
    offset = sum(len(line) for line in lines[:start])
    block = "".join(lines[start:end])
    for first, last, value in sorted(edits, reverse=True):
        block = block[: first - offset] + value + block[last - offset :]
    return _LINES.findall(block)
