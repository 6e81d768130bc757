"""Strict YAML loading: bytes in, plain data and positions out.

What staff typed is kept as typed. Every scalar arrives as text (YAML 1.1
implicit typing is off: `no` stays "no", `010` stays "010"); the schema
decides later what a field's text means. A plain empty value, `~` or `null`
is None. Anything YAML offers that a record never needs (anchors, aliases,
merge keys, tags, several documents) is an error at its line and column.

The tree is built from parser events rather than from a composed node graph,
so depth is bounded before anything deep is built (libyaml's composer
recurses and crashes on very deep nesting) and duplicate keys are caught.

Events come from libyaml's C parser where PyYAML has it (about ten times
faster; its parser is iterative, so depth cannot crash it). When a file has a
syntax error, it is parsed again with PyYAML's pure-Python parser, whose
messages the Chinese hints below are written for.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.parser import Parser as _PyParser
from yaml.reader import Reader
from yaml.scanner import Scanner

from generators.build.files import NotRegular, read_regular
from generators.spec.problems import Problem, problem


class _PurePythonParser(Reader, Scanner, _PyParser):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _PyParser.__init__(self)


# CBaseLoader is libyaml's parser with PyYAML's do-nothing base constructor; only
# its events are used here.
_FastParser = getattr(yaml, "CBaseLoader", _PurePythonParser)


MAX_BYTES = 1024 * 1024
MAX_DEPTH = 24
MAX_CHAR_PROBLEMS = 20
NULL_WORDS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class LoadedFile:
    """One file's data with the position of every key and value.

    `keys[path]` is where the key of a mapping entry stands, `values[path]`
    where its value (or a list item) starts; `path` is a tuple of keys and
    list indexes from the top, `()` being the whole document. `text` is the
    file's text as read (best effort when it is not UTF-8), and `key_spans`
    and `value_spans` hold the (start, end) offsets in it of every scalar key
    and value kept in `data`.
    """

    path: str
    data: dict | None = None
    keys: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    text: str | None = None
    key_spans: dict = field(default_factory=dict)
    value_spans: dict = field(default_factory=dict)

    def mark(self, path: tuple) -> Mark:
        """Best position for a document path: its key, its value, or the nearest parent."""
        path = tuple(path)
        while True:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]


class _Abort(Exception):
    """Stops building a file's tree; the problem is already recorded."""


# ---------------------------------------------------------------------------
# bytes → text


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    display = display or path.as_posix()
    raw, trouble = read_file(path, display)
    if trouble:
        return LoadedFile(display, problems=[trouble])
    assert raw is not None, "read_file gives the bytes or the trouble"
    return load_bytes(raw, display)


def read_file(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a record file, or the reason they cannot be read."""
    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            return None, problem("file.symlink", display, 1, 1)
        if not stat.S_ISREG(status.st_mode):
            return None, problem("file.not-regular", display, 1, 1)
        if status.st_size > MAX_BYTES:
            return None, _too_large(display, status.st_size).problems[0]
        return read_regular(
            path, MAX_BYTES
        ), None  # it may grow after stat(): MAX_BYTES + 1 at most
    except NotRegular:  # swapped for a link or a FIFO since lstat(): never opened or waited on
        return None, problem("file.not-regular", display, 1, 1)
    except OSError as exc:
        return None, problem("file.unreadable", display, 1, 1, reason=exc.strerror or str(exc))


def load_bytes(raw: bytes, display: str) -> LoadedFile:
    if len(raw) > MAX_BYTES:
        return _too_large(display, len(raw))
    text, problems = decode(raw, display)
    if text is None:
        return LoadedFile(display, problems=problems, text=readable_text(raw))
    problems = scan_text(text, display)
    if problems:
        return LoadedFile(display, problems=problems, text=text)
    loaded = parse_text(text, display)
    loaded.text = text
    return loaded


def readable_text(raw: bytes) -> str:
    """The text of a file that is not UTF-8, as well as it can be read (for the privacy scan)."""
    encoding = "utf-16" if _looks_utf16(raw) else "gb18030"
    return raw.decode(encoding, errors="replace").replace("\r\n", "\n")


def _too_large(display: str, size: int) -> LoadedFile:
    return LoadedFile(
        display,
        problems=[
            problem(
                "file.too-large", display, 1, 1, size_kb=size // 1024, limit_kb=MAX_BYTES // 1024
            )
        ],
    )


def _line_col_of_byte(raw: bytes, offset: int) -> Mark:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return Mark(raw.count(b"\n", 0, offset) + 1, len(prefix) + 1)


def _looks_utf16(raw: bytes) -> bool:
    """A UTF-16 BOM, or text that decodes as UTF-16 into lines (GBK never holds NUL bytes)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if b"\x00" not in raw[:400] or len(raw) % 2:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\n" in text or ": " in text:
            return True
    return False


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 only; a leading BOM and CRLF line ends are accepted."""
    if _looks_utf16(raw):
        return None, [problem("encoding.utf16", display, 1, 1)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = _line_col_of_byte(raw, exc.start)
        bad = raw[exc.start : exc.start + 1]
        if bad == b"\xed" and raw[exc.start + 1 : exc.start + 2] >= b"\xa0":
            return None, [problem("encoding.surrogate", display, at.line, at.col)]
        try:
            raw.decode("gb18030")
            gbk = True
        except UnicodeDecodeError:
            gbk = False
        return None, [problem("encoding.not-utf8", display, at.line, at.col, gbk=gbk)]
    return text.replace("\r\n", "\n"), []


# ---------------------------------------------------------------------------
# characters nobody types on purpose

_INVISIBLE = {
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2060": "零宽不换行空格",
    "\u180e": "蒙古文元音分隔符",
    "\ufeff": "字节顺序标记（BOM）",
    "\u2028": "行分隔符",
    "\u2029": "段落分隔符",
    "\u0085": "下一行符",
    "\u202a": "方向控制符",
    "\u202b": "方向控制符",
    "\u202c": "方向控制符",
    "\u202d": "方向控制符",
    "\u202e": "方向控制符",
    "\u2066": "方向控制符",
    "\u2067": "方向控制符",
    "\u2068": "方向控制符",
    "\u2069": "方向控制符",
}
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(_INVISIBLE) + "\ud800-\udfff]")
_BAD_INDENT = re.compile(r"^[ ]*([\t\u00a0\u3000\u2002-\u200a])", re.M)
_INDENT_NAMES = {"\t": "Tab 制表符", "\u00a0": "不换行空格（NBSP）", "\u3000": "全角空格"}
_BAD_SEPARATOR = re.compile(r"(?<=:)([\u00a0\u3000\u2002-\u200a])")


def _char_problem(ch: str, display: str, at: Mark) -> Problem:
    char = f"U+{ord(ch):04X}"
    if "\ud800" <= ch <= "\udfff":
        return problem("text.surrogate", display, at.line, at.col, char=char)
    if ch == "\ufeff":
        return problem("text.bom-in-middle", display, at.line, at.col)
    if ch in _INVISIBLE:
        return problem(
            "text.invisible-char", display, at.line, at.col, name=_INVISIBLE[ch], char=char
        )
    return problem("text.control-char", display, at.line, at.col, char=char)


def _space_problem(code: str):
    """Builds the problem for a whitespace character that YAML does not take as a space."""

    def build(ch: str, display: str, at: Mark) -> Problem:
        name = _INDENT_NAMES.get(ch, f"特殊空格（U+{ord(ch):04X}）")
        return problem(code, display, at.line, at.col, name=name)

    return build


# (pattern, group holding the character, problem builder), in order; the n-th scan stops
# once n × MAX_CHAR_PROBLEMS problems are found in all.
_TEXT_SCANS = (
    (_BAD_CHAR, 0, _char_problem),
    (_BAD_INDENT, 1, _space_problem("text.bad-indent")),
    (_BAD_SEPARATOR, 1, _space_problem("text.bad-space")),
)


def scan_text(text: str, display: str) -> list[Problem]:
    """Control and invisible characters, and indentation that is not plain spaces."""
    problems: list[Problem] = []
    for n, (pattern, group, build) in enumerate(_TEXT_SCANS, 1):
        for m in pattern.finditer(text):
            problems.append(build(m.group(group), display, _mark_at(text, m.start(group))))
            if len(problems) >= n * MAX_CHAR_PROBLEMS:
                break
    return problems


def _mark_at(text: str, index: int) -> Mark:
    line_start = text.rfind("\n", 0, index) + 1
    return Mark(text.count("\n", 0, index) + 1, index - line_start + 1)


# ---------------------------------------------------------------------------
# text → events → tree


def _mark(event_mark) -> Mark:
    return Mark(event_mark.line + 1, event_mark.column + 1)


_typing_resolver = yaml.resolver.Resolver()


def _yaml11_type(text: str) -> str:
    tag = _typing_resolver.resolve(yaml.ScalarNode, text, (True, False))
    return tag.rsplit(":", 1)[-1]


class _TreeBuilder:
    """Builds plain data from parser events, recording positions and problems."""

    def __init__(self, display: str, events, text: str = ""):
        self.display = display
        self.events = events
        self.text = text
        self.blank = not text.strip()  # the text holds nothing but whitespace
        self.result = LoadedFile(display)
        self.flow_depth = 0  # inside how many flow collections ([...] or {...})

    def problem(self, code, at: Mark, field="", **params) -> None:
        self.result.problems.append(
            problem(code, self.display, at.line, at.col, field=field, **params)
        )

    def next(self):
        return next(self.events)

    def build(self) -> LoadedFile:
        self.next()  # StreamStart
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            self.problem("yaml.empty", Mark(1, 1), comments_only=not self.blank)
            return self.result
        data = self.node(self.next(), (), 1)
        self.next()  # DocumentEnd
        event = self.next()
        if isinstance(event, yaml.DocumentStartEvent):
            self.problem("yaml.multiple-documents", _mark(event.start_mark))
        if data is None and not self.result.problems:
            self.problem("yaml.empty", Mark(1, 1), comments_only=True)
        elif not isinstance(data, dict) and data is not None:
            at = self.result.values.get((), Mark(1, 1))
            self.problem(
                "yaml.not-mapping",
                at,
                is_list=isinstance(data, list),
                fullwidth_colon=isinstance(data, str) and "：" in data,
            )
        else:
            self.result.data = data
        return self.result

    def check_node_extras(self, event, at: Mark) -> None:
        if getattr(event, "anchor", None):
            self.problem("yaml.anchor", at, anchor=event.anchor)
        if getattr(event, "tag", None) is not None and not self._implicit_tag(event):
            self.problem("yaml.tag", at, tag=_shown_tag(event.tag))

    def check_scalar(self, event, at: Mark) -> None:
        """Escapes that make characters the text scan forbids; text folded across lines."""
        if event.style == '"':
            bad = _BAD_CHAR.search(event.value)
            if bad:
                self.result.problems.append(_char_problem(bad.group(), self.display, at))
        if (
            event.style in ('"', "'")
            and self.text[event.end_mark.index : event.end_mark.index + 1] == "#"
        ):
            self.problem(
                "yaml.comment-space", _mark_at(self.text, event.end_mark.index), indicator=""
            )
        if event.style in ("|", ">"):
            self.check_block_header(event)
        if event.end_mark.line == event.start_mark.line or event.style in ("|", ">"):
            return
        if event.style is None:
            self.problem("yaml.multiline-plain", at)
        else:
            self.problem("yaml.multiline-quoted", at)

    def _value_span(self, event) -> tuple[int, int]:
        """Where a scalar's text stands; a | or > block's header line (and a comment on it) is not its text."""
        start, end = event.start_mark.index, event.end_mark.index
        if event.style in ("|", ">"):
            line_end = self.text.find("\n", start, end)
            start = end if line_end == -1 else line_end + 1
        return start, end

    def check_block_header(self, event) -> None:
        """What YAML 1.2 forbids in a | or > block and PyYAML lets pass."""
        text, start = self.text, event.start_mark.index
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        header = _BLOCK_HEADER.search(text, start, line_end)
        if header is None:
            return
        if header.group(2):
            self.problem(
                "yaml.comment-space", _mark_at(text, header.start(2)), indicator=header.group(1)
            )
        if any(ch.isdigit() for ch in header.group(1)):
            return  # the indentation is given, not guessed from the first line
        header_indent = _indent_of(text, start)
        widest, widest_at, at = 0, 0, line_end + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            line = text[at:end]
            if line.strip(" "):
                indent = len(line) - len(line.lstrip(" "))
                if indent > header_indent and widest > indent:
                    self.problem("yaml.block-indent", _mark_at(text, widest_at))
                return
            if len(line) > widest:
                widest, widest_at = len(line), at
            at = end + 1

    def check_flow_lines(self, start, end) -> None:
        """Lines inside [...] or {...} written across lines must be indented under their field."""
        text = self.text
        header_indent = _indent_of(text, start.start_mark.index)
        for number in range(start.start_mark.line + 1, end.end_mark.line + 1):
            line = self._line(number)
            content = line.lstrip(" ")
            if (
                content
                and not content.startswith("#")
                and len(line) - len(content) <= header_indent
            ):
                self.problem("yaml.flow-indent", Mark(number + 1, 1))
                return

    def _line(self, number: int) -> str:
        if not hasattr(self, "_lines"):
            self._lines = self.text.split("\n")
        return self._lines[number] if number < len(self._lines) else ""

    @staticmethod
    def _implicit_tag(event) -> bool:
        # Collections without an explicit tag report implicit=True.
        return (
            isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            and event.implicit
            and event.tag in (None, "!")
        )

    def node(self, event, path: tuple, depth: int):
        at = _mark(event.start_mark)
        self.result.values[path] = at
        if isinstance(event, yaml.AliasEvent):
            self.problem("yaml.alias", at, anchor=event.anchor)
            return None
        self.check_node_extras(event, at)
        if isinstance(event, yaml.ScalarEvent):
            self.check_scalar(event, at)
            self.result.value_spans[path] = self._value_span(event)
            if event.style is None and event.value in NULL_WORDS:
                return None
            return event.value
        if depth > MAX_DEPTH:
            self.problem("yaml.too-deep", at, limit=MAX_DEPTH)
            raise _Abort
        flow = bool(event.flow_style)
        self.flow_depth += flow
        if isinstance(event, yaml.SequenceStartEvent):
            items: list = []
            while not isinstance(end := self.next(), yaml.SequenceEndEvent):
                items.append(self.node(end, path + (len(items),), depth + 1))
            data: list | dict = items
        else:
            data, end = self.mapping(path, depth)
        self.flow_depth -= flow
        if flow and not self.flow_depth and path and end.end_mark.line > event.start_mark.line:
            self.check_flow_lines(event, end)
        return data

    def mapping(self, path: tuple, depth: int) -> tuple[dict, object]:
        """The entries of a mapping, and the event that ends it."""
        data: dict = {}
        first_seen: dict[str, Mark] = {}
        while not isinstance(event := self.next(), yaml.MappingEndEvent):
            key_at = _mark(event.start_mark)
            key = self.key(event, key_at, depth)
            value_event = self.next()
            if key is None or key in first_seen:
                if key is not None:
                    first = first_seen[key]
                    self.problem(
                        "yaml.duplicate-key",
                        key_at,
                        field=_dotted(path + (key,)),
                        key=key,
                        first_line=first.line,
                    )
                self.skip(value_event, path, depth)
                continue
            first_seen[key] = key_at
            self.result.keys[path + (key,)] = key_at
            self.result.key_spans[path + (key,)] = (event.start_mark.index, event.end_mark.index)
            data[key] = self.node(value_event, path + (key,), depth + 1)
        return data, event

    def key(self, event, at: Mark, depth: int) -> str | None:
        if not isinstance(event, yaml.ScalarEvent):
            self.problem("yaml.complex-key", at)
            self.skip(event, (), depth)
            return None
        self.check_node_extras(event, at)
        self.check_scalar(event, at)
        if event.style is None and event.value == "<<":
            self.problem("yaml.merge-key", at)
            return None
        if event.style is None and _yaml11_type(event.value) != "str":
            self.problem("yaml.non-string-key", at, key=event.value or "（空）")
            return None
        return event.value

    def skip(self, event, path: tuple, depth: int) -> None:
        """Consumes a subtree whose data is not kept, still checking its limits."""
        scratch = _TreeBuilder(self.display, self.events, self.text)
        scratch.flow_depth = self.flow_depth
        scratch.node(event, (), depth)
        self.result.problems.extend(scratch.result.problems)


# A block scalar's header: | or > with indentation and chomping indicators, and a # run into it.
_BLOCK_HEADER = re.compile(r"([|>][1-9+\-]{0,2})(#)?")


def _indent_of(text: str, index: int) -> int:
    """Spaces at the start of the line holding `index`."""
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index]
    return len(line) - len(line.lstrip(" "))


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _shown_tag(tag: str) -> str:
    """A tag as staff typed it: `!!set`, not `tag:yaml.org,2002:set`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


_SQUARE = {"name": "方括号", "pair": "[ ]", "closing": "]"}
_CURLY = {"name": "花括号", "pair": "{ }", "closing": "}"}
# (text in the parser's message, code, parameters, mark). The messages are PyYAML's
# pure-Python parser's; the first match wins. `mark` is "context" when the place
# where the trouble started is more useful than where the parser gave up.
_SYNTAX_HINTS = [
    ("found character '\\t'", "text.tab", {}, "problem"),
    ("while scanning a quoted scalar", "yaml.unclosed-quote", {}, "context"),
    ("found unknown escape character", "yaml.bad-escape", {}, "problem"),
    ("while scanning a double-quoted scalar", "yaml.bad-escape", {}, "problem"),
    ("could not find expected ':'", "yaml.missing-colon", {}, "problem"),
    ("mapping values are not allowed", "yaml.bad-colon", {}, "problem"),
    ("sequence entries are not allowed here", "yaml.bad-dash", {}, "problem"),
    ("expected <block end>, but found ':'", "yaml.missing-key", {}, "problem"),
    (
        "expected <block end>, but found ']'",
        "yaml.extra-bracket",
        {"bracket": "]", "opening": "["},
        "problem",
    ),
    (
        "expected <block end>, but found '}'",
        "yaml.extra-bracket",
        {"bracket": "}", "opening": "{"},
        "problem",
    ),
    ("expected <block end>, but found ','", "yaml.stray-comma", {}, "problem"),
    ("expected <block end>, but found '-'", "yaml.list-indent", {}, "problem"),
    ("expected <block end>", "yaml.bad-indent", {}, "problem"),
    ("did not find expected key", "yaml.bad-indent", {}, "problem"),
    ("did not find expected '-' indicator", "yaml.list-indent", {}, "problem"),
    ("expected ',' or ']'", "yaml.unclosed-bracket", _SQUARE, "problem"),
    ("did not find expected ',' or ']'", "yaml.unclosed-bracket", _SQUARE, "problem"),
    ("expected ',' or '}'", "yaml.unclosed-bracket", _CURLY, "problem"),
    ("did not find expected ',' or '}'", "yaml.unclosed-bracket", _CURLY, "problem"),
    (
        "while scanning an anchor",
        "yaml.starts-with-indicator",
        {"char": "&", "meaning": "锚点"},
        "context",
    ),
    (
        "while scanning an alias",
        "yaml.starts-with-indicator",
        {"char": "*", "meaning": "引用"},
        "context",
    ),
    ("that cannot start any token", "yaml.reserved-char", {}, "problem"),
    ("while scanning a block scalar", "yaml.block-scalar", {}, "problem"),
    ("found undefined tag handle", "yaml.tag", {"tag": "!"}, "problem"),
    ("while scanning a tag", "yaml.tag", {"tag": "!"}, "context"),
    ("while scanning a directive", "yaml.directive", {}, "context"),
    ("expected '<document start>'", "yaml.after-end", {}, "problem"),
    ("found unexpected end of stream", "yaml.unexpected-end", {}, "problem"),
    ("but found '<stream end>'", "yaml.unexpected-end", {}, "problem"),
    ("expected the node content", "yaml.missing-value", {}, "problem"),
    ("YAML directive", "yaml.directive", {}, "problem"),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    message = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    code, params = "yaml.syntax", {"detail": (exc.problem or "").strip()}
    for needle, hint_code, hint_params, hint_mark in _SYNTAX_HINTS:
        if needle in message:
            code, params = hint_code, hint_params
            if hint_mark == "context" and exc.context_mark is not None:
                mark = exc.context_mark
            break
    at = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
    lines = text.split("\n")
    for line_no in (at.line, at.line - 1):
        if (
            1 <= line_no <= len(lines)
            and "：" in lines[line_no - 1]
            and ": " not in lines[line_no - 1]
            and not lines[line_no - 1].rstrip().endswith(":")
        ):
            column = lines[line_no - 1].index("：") + 1
            return problem("yaml.fullwidth-colon", display, line_no, column)
    return problem(code, display, at.line, at.col, **params)


def parse_text(text: str, display: str) -> LoadedFile:
    # libyaml accepts a tab after a colon or a value, where the hints expect PyYAML's error.
    if _FastParser is not _PurePythonParser and "\t" not in text:
        try:
            return _parse_with(_FastParser, text, display, raise_syntax=True)
        except yaml.YAMLError:
            pass  # parse again for the messages the hints know
    return _parse_with(_PurePythonParser, text, display)


def _parse_with(parser_class, text: str, display: str, raise_syntax: bool = False) -> LoadedFile:
    builder = _TreeBuilder(display, iter(_events(parser_class, text)), text)
    try:
        return builder.build()
    except _Abort:
        builder.result.data = None
        return builder.result
    except yaml.MarkedYAMLError as exc:
        if raise_syntax:
            raise
        builder.result.data = None
        # Text "running on" across lines is usually a symptom of the syntax error itself.
        builder.result.problems = [
            p
            for p in builder.result.problems
            if p.code not in ("yaml.multiline-plain", "yaml.multiline-quoted")
        ]
        builder.result.problems.append(_syntax_problem(exc, text, display))
        return builder.result
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        if raise_syntax:
            raise
        builder.result.data = None
        builder.result.problems.append(problem("yaml.syntax", display, 1, 1, detail=str(exc)))
        return builder.result


def _events(parser_class, text: str):
    parser = parser_class(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if getattr(event, "style", None) == "":
                event.style = None  # libyaml's plain style; PyYAML's is None
            yield event
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
