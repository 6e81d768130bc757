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

from .problems import Problem


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

SAVE_AS_UTF8 = "请用编辑器“另存为”UTF-8 编码（VS Code：右下角编码 → 通过编码保存 → UTF-8）"


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
    return LoadedFile(display, problems=[trouble]) if trouble else load_bytes(raw, display)


def read_file(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a record file, or the reason they cannot be read."""
    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            return None, Problem("file.symlink", display, 1, 1, "这是一个符号链接（快捷方式），不是真正的文件",
                                 "把记录内容直接保存在这个位置，删除符号链接")
        if not stat.S_ISREG(status.st_mode):
            return None, Problem("file.not-regular", display, 1, 1,
                                 "这不是普通文件（是设备、管道或其他特殊文件）",
                                 "删除它，记录只能是普通的 .yaml 文本文件")
        if status.st_size > MAX_BYTES:
            return None, _too_large(display, status.st_size).problems[0]
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1), None  # the file may grow after stat()
    except OSError as exc:
        return None, Problem("file.unreadable", display, 1, 1, f"无法读取文件（{exc.strerror}）",
                             "请确认文件存在且有读取权限")


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
    return LoadedFile(display, problems=[Problem(
        "file.too-large", display, 1, 1,
        f"文件太大（{size // 1024} KB，上限 {MAX_BYTES // 1024} KB）",
        "一个文件只放一条记录；附件请不要粘贴进 YAML")])


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
        return None, [Problem("encoding.utf16", display, 1, 1,
                              "文件是 UTF-16 编码，不是 UTF-8", SAVE_AS_UTF8)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = _line_col_of_byte(raw, exc.start)
        bad = raw[exc.start:exc.start + 1]
        if bad == b"\xed" and raw[exc.start + 1:exc.start + 2] >= b"\xa0":
            return None, [Problem("encoding.surrogate", display, at.line, at.col,
                                  "文件里有无效的 UTF-16 代理字符（常见于复制粘贴的表情或乱码）",
                                  "删除这个位置的乱码字符后重新保存")]
        try:
            raw.decode("gb18030")
            guess = "（疑似 GBK）"
        except UnicodeDecodeError:
            guess = ""
        return None, [Problem("encoding.not-utf8", display, at.line, at.col,
                              f"文件不是 UTF-8 编码{guess}，请另存为 UTF-8", SAVE_AS_UTF8)]
    return text.replace("\r\n", "\n"), []


# ---------------------------------------------------------------------------
# characters nobody types on purpose

_INVISIBLE = {
    "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u2060": "零宽不换行空格",
    "\u180e": "蒙古文元音分隔符", "\ufeff": "字节顺序标记（BOM）",
    "\u2028": "行分隔符", "\u2029": "段落分隔符", "\u0085": "下一行符",
    "\u202a": "方向控制符", "\u202b": "方向控制符", "\u202c": "方向控制符", "\u202d": "方向控制符",
    "\u202e": "方向控制符", "\u2066": "方向控制符", "\u2067": "方向控制符", "\u2068": "方向控制符",
    "\u2069": "方向控制符",
}
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(_INVISIBLE) + "\ud800-\udfff]")
_BAD_INDENT = re.compile(r"^[ ]*([\t\u00a0\u3000\u2002-\u200a])", re.M)
_INDENT_NAMES = {"\t": "Tab 制表符", "\u00a0": "不换行空格（NBSP）", "\u3000": "全角空格"}
_BAD_SEPARATOR = re.compile(r"(?<=:)([\u00a0\u3000\u2002-\u200a])")


def _char_problem(ch: str, display: str, at: Mark) -> Problem:
    code = f"U+{ord(ch):04X}"
    if "\ud800" <= ch <= "\udfff":
        return Problem("encoding.surrogate", display, at.line, at.col,
                       f"这里有无效的 UTF-16 代理字符（{code}），它不是一个完整的字符",
                       "删除这个字符；表情符号等请直接输入，不要写成 \\u 转义")
    if ch == "\ufeff":
        return Problem("text.bom-in-middle", display, at.line, at.col,
                       "文件中间有看不见的字节顺序标记（BOM，U+FEFF），多半是拼接文件时带进来的",
                       "删除这个位置看不见的字符（可在 VS Code 中搜索 \\uFEFF）")
    if ch in _INVISIBLE:
        return Problem("text.invisible-char", display, at.line, at.col,
                       f"这里有看不见的字符：{_INVISIBLE[ch]}（{code}），常见于从网页或微信复制的文字",
                       "删除这个字符，重新手工输入这段文字")
    return Problem("text.control-char", display, at.line, at.col,
                   f"这里有控制字符 {code}，YAML 文件里不允许出现",
                   "删除这个字符；如果文件来自其他软件，请用纯文本方式重新录入")


def _space_problem(code: str, what: str, fix: str):
    """Builds the problem for a whitespace character that YAML does not take as a space."""
    def build(ch: str, display: str, at: Mark) -> Problem:
        name = _INDENT_NAMES.get(ch, f"特殊空格（U+{ord(ch):04X}）")
        return Problem(code, display, at.line, at.col, what.format(name=name), fix)
    return build


# (pattern, group holding the character, problem builder), in order; the n-th scan stops
# once n × MAX_CHAR_PROBLEMS problems are found in all.
_TEXT_SCANS = (
    (_BAD_CHAR, 0, _char_problem),
    (_BAD_INDENT, 1, _space_problem("text.bad-indent", "缩进里用了{name}，YAML 缩进只能用半角空格",
                                    "把这一行开头的空白删掉，重新用空格键缩进（每级两个空格）")),
    (_BAD_SEPARATOR, 1, _space_problem("text.bad-space", "冒号后面用了{name}，YAML 只认半角空格，这一行会被当成普通文字",
                                       "把冒号后面的空白删掉，重新输入一个半角空格")),
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

    def problem(self, code, at: Mark, message, fix, field="") -> None:
        self.result.problems.append(Problem(code, self.display, at.line, at.col, message, fix,
                                            field=field))

    def next(self):
        return next(self.events)

    def build(self) -> LoadedFile:
        self.next()  # StreamStart
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            what = "文件是空的，没有任何内容" if self.blank else "文件里只有注释，没有任何字段"
            self.problem("yaml.empty", Mark(1, 1), what, "按记录模板填写内容，或删除这个文件")
            return self.result
        data = self.node(self.next(), (), 1)
        self.next()  # DocumentEnd
        event = self.next()
        if isinstance(event, yaml.DocumentStartEvent):
            self.problem("yaml.multiple-documents", _mark(event.start_mark),
                         "一个文件里有多个 YAML 文档（出现了第二个 ---）",
                         "一个文件只写一条记录；把后面的内容另存为新文件")
        if data is None and not self.result.problems:
            self.problem("yaml.empty", Mark(1, 1), "文件里没有任何字段（只有注释或空白）",
                         "按记录模板填写内容，或删除这个文件")
        elif not isinstance(data, dict) and data is not None:
            at = self.result.values.get((), Mark(1, 1))
            hint = "顶层应是“字段名: 值”的列表，每个字段一行"
            if isinstance(data, str) and "：" in data:
                hint = "这一行用了全角冒号「：」；字段名后面要用半角冒号加空格「: 」"
            self.problem("yaml.not-mapping", at,
                         "文件顶层不是“字段: 值”的形式" +
                         ("（而是一个列表）" if isinstance(data, list) else ""), hint)
        else:
            self.result.data = data
        return self.result

    def check_node_extras(self, event, at: Mark) -> None:
        if getattr(event, "anchor", None):
            self.problem("yaml.anchor", at, f"使用了锚点 &{event.anchor}",
                         "不要使用 & 和 * 引用，把内容直接写出来")
        if getattr(event, "tag", None) is not None and not self._implicit_tag(event):
            self.problem("yaml.tag", at, f"使用了类型标签 {_shown_tag(event.tag)}",
                         "删除以 ! 开头的标签，直接写值；如需文字请加引号")

    def check_scalar(self, event, at: Mark) -> None:
        """Escapes that make characters the text scan forbids; text folded across lines."""
        if event.style == '"':
            bad = _BAD_CHAR.search(event.value)
            if bad:
                self.result.problems.append(_char_problem(bad.group(), self.display, at))
        if event.style in ('"', "'") and self.text[event.end_mark.index:event.end_mark.index + 1] == "#":
            self.problem("yaml.comment-space", _mark_at(self.text, event.end_mark.index),
                         "引号后面紧跟着 #：YAML 1.2 不把它当作注释，其他软件会拒绝这个文件",
                         "在 # 前面加一个空格；注释要和前面的内容隔开")
        if event.style in ("|", ">"):
            self.check_block_header(event)
        if event.end_mark.line == event.start_mark.line or event.style in ("|", ">"):
            return
        if event.style is None:
            self.problem("yaml.multiline-plain", at,
                         "这段文字跨了多行，下一行被并进了这段文字（换行变成空格）",
                         "如果下一行是另一个字段，让它和上一个字段左对齐；"
                         "如果确实是多行文字，在冒号后写 | 再换行缩进书写")
        else:
            self.problem("yaml.multiline-quoted", at,
                         "引号里的文字跨了多行，多半是引号没有及时结束，后面几行都被当成了这段文字",
                         "在这一行末尾补上结束的引号；多行文字请在冒号后写 | 再换行缩进书写")

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
            self.problem("yaml.comment-space", _mark_at(text, header.start(2)),
                         f"{header.group(1)[0]} 后面紧跟着 #：YAML 1.2 不把它当作注释，其他软件会拒绝这个文件",
                         f"在 {header.group(1)} 和 # 之间加一个空格，或把注释移到上一行")
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
                    self.problem("yaml.block-indent", _mark_at(text, widest_at),
                                 "多行文字开头的空行里的空格比第一行文字的缩进还多，YAML 1.2 不允许",
                                 "删除这些空行里的空格（空行可以不留任何空格）")
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
            if content and not content.startswith("#") and len(line) - len(content) <= header_indent:
                self.problem("yaml.flow-indent", Mark(number + 1, 1),
                             "方括号或花括号里的内容换行后没有缩进，YAML 1.2 不允许",
                             "换行后的内容要比字段名多缩进两格；最好写在一行内，或改用“- ”逐项书写")
                return

    def _line(self, number: int) -> str:
        if not hasattr(self, "_lines"):
            self._lines = self.text.split("\n")
        return self._lines[number] if number < len(self._lines) else ""

    @staticmethod
    def _implicit_tag(event) -> bool:
        # Collections without an explicit tag report implicit=True.
        return isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and \
            event.implicit and event.tag in (None, "!")

    def node(self, event, path: tuple, depth: int):
        at = _mark(event.start_mark)
        self.result.values[path] = at
        if isinstance(event, yaml.AliasEvent):
            self.problem("yaml.alias", at, f"使用了引用 *{event.anchor}",
                         "不要使用 & 和 * 引用，把内容直接写出来")
            return None
        self.check_node_extras(event, at)
        if isinstance(event, yaml.ScalarEvent):
            self.check_scalar(event, at)
            self.result.value_spans[path] = self._value_span(event)
            if event.style is None and event.value in NULL_WORDS:
                return None
            return event.value
        if depth > MAX_DEPTH:
            self.problem("yaml.too-deep", at, f"嵌套超过 {MAX_DEPTH} 层",
                         "记录不需要这么深的层级，请检查缩进或括号是否配对")
            raise _Abort
        flow = bool(event.flow_style)
        self.flow_depth += flow
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(end := self.next(), yaml.SequenceEndEvent):
                items.append(self.node(end, path + (len(items),), depth + 1))
            data = items
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
                    self.problem("yaml.duplicate-key", key_at,
                                 f"字段 {key} 重复出现（第 {first.line} 行已经写过）",
                                 "删除重复的一行，只保留正确的那个值", field=_dotted(path + (key,)))
                self.skip(value_event, path, depth)
                continue
            first_seen[key] = key_at
            self.result.keys[path + (key,)] = key_at
            self.result.key_spans[path + (key,)] = (event.start_mark.index, event.end_mark.index)
            data[key] = self.node(value_event, path + (key,), depth + 1)
        return data, event

    def key(self, event, at: Mark, depth: int) -> str | None:
        if not isinstance(event, yaml.ScalarEvent):
            self.problem("yaml.non-string-key", at, "字段名不是文字（是列表、映射或引用）",
                         "字段名只能是英文字段名，例如 name")
            self.skip(event, (), depth)
            return None
        self.check_node_extras(event, at)
        self.check_scalar(event, at)
        if event.style is None and event.value == "<<":
            self.problem("yaml.merge-key", at, "使用了合并键 <<",
                         "不要用 << 合并其他内容，把需要的字段直接写出来")
            return None
        if event.style is None and _yaml11_type(event.value) != "str":
            self.problem("yaml.non-string-key", at,
                         f"字段名 {event.value or '（空）'} 会被当成数字、日期、布尔值或空值",
                         "字段名只能是英文字段名，例如 name；检查是否少写了字段名")
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
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


# (text in the parser's message, code, what, fix, mark). The messages are PyYAML's
# pure-Python parser's; the first match wins. `mark` is "context" when the place
# where the trouble started is more useful than where the parser gave up.
_SYNTAX_HINTS = [
    ("found character '\\t'", "text.bad-indent", "这里有 Tab 制表符，YAML 只能用空格",
     "把 Tab 换成空格（缩进每级两个空格）", "problem"),
    ("while scanning a quoted scalar", "yaml.unclosed-quote", "引号没有配对（从这里开始的引号没有结束）",
     "在文字结尾补上同样的引号，或去掉开头的引号", "context"),
    ("found unknown escape character", "yaml.bad-escape", "双引号里的反斜杠「\\」后面跟了无效的字符",
     "把双引号改成单引号，或把 \\ 写成 \\\\", "problem"),
    ("while scanning a double-quoted scalar", "yaml.bad-escape", "双引号里的反斜杠「\\」转义写法不对",
     "把双引号改成单引号，或把 \\ 写成 \\\\", "problem"),
    ("could not find expected ':'", "yaml.missing-colon", "缺少冒号：这一行不是“字段名: 值”的形式",
     "在字段名后面加半角冒号和空格「: 」；多行文字请用 | 开头", "problem"),
    ("mapping values are not allowed", "yaml.bad-colon", "值里出现了冒号加空格「: 」，YAML 无法分辨",
     "给整段文字加上双引号，例如 note: \"时间: 上午\"", "problem"),
    ("sequence entries are not allowed here", "yaml.bad-dash", "这里不能开始列表项「- 」",
     "列表的每一项另起一行，以“- ”开头，并比字段名多缩进两格", "problem"),
    ("expected <block end>, but found ':'", "yaml.missing-key", "冒号前面没有字段名",
     "在冒号前写上字段名，例如 name: 青溪村；不需要的行请删除", "problem"),
    ("expected <block end>, but found ']'", "yaml.unclosed-bracket", "括号没有配对（多了一个 ]）",
     "删除多余的 ]，或在前面补上 [", "problem"),
    ("expected <block end>, but found '}'", "yaml.unclosed-bracket", "括号没有配对（多了一个 }）",
     "删除多余的 }，或在前面补上 {", "problem"),
    ("expected <block end>, but found ','", "yaml.bad-char", "这里多了一个逗号",
     "删除这个逗号；如果是文字，请给整段文字加上双引号", "problem"),
    ("expected <block end>, but found '-'", "yaml.bad-indent", "列表项的缩进不一致",
     "同一个列表的每一项“- ”要左对齐", "problem"),
    ("expected <block end>", "yaml.bad-indent", "缩进不一致，YAML 找不到下一个字段",
     "检查这一行和上一行的缩进，同一层级的字段要左对齐", "problem"),
    ("did not find expected key", "yaml.bad-indent", "缩进不一致，YAML 找不到下一个字段",
     "检查这一行和上一行的缩进，同一层级的字段要左对齐", "problem"),
    ("did not find expected '-' indicator", "yaml.bad-indent", "列表项的缩进不一致",
     "同一个列表的每一项“- ”要左对齐", "problem"),
    ("expected ',' or ']'", "yaml.unclosed-bracket", "方括号 [ ] 没有配对",
     "检查方括号和逗号；方括号开始的列表要在同一处用 ] 结束", "problem"),
    ("did not find expected ',' or ']'", "yaml.unclosed-bracket", "方括号 [ ] 没有配对",
     "检查方括号和逗号；方括号开始的列表要在同一处用 ] 结束", "problem"),
    ("expected ',' or '}'", "yaml.unclosed-bracket", "花括号 { } 没有配对",
     "检查花括号和逗号；花括号开始的内容要在同一处用 } 结束", "problem"),
    ("did not find expected ',' or '}'", "yaml.unclosed-bracket", "花括号 { } 没有配对",
     "检查花括号和逗号；花括号开始的内容要在同一处用 } 结束", "problem"),
    ("while scanning an anchor", "yaml.bad-char", "值以 & 开头，YAML 会把它当成锚点",
     "给整段文字加上双引号", "context"),
    ("while scanning an alias", "yaml.bad-char", "值以 * 开头，YAML 会把它当成引用",
     "给整段文字加上双引号", "context"),
    ("that cannot start any token", "yaml.bad-char", "值不能以这个符号开头（如 @、`、%）",
     "给整段文字加上双引号", "problem"),
    ("while scanning a block scalar", "yaml.block-scalar", "| 或 > 后面不能直接写文字",
     "在 | 后面换行，把文字写在下一行并缩进两格", "problem"),
    ("found undefined tag handle", "yaml.tag", "使用了类型标签", "删除以 ! 开头的标签，直接写值", "problem"),
    ("while scanning a tag", "yaml.tag", "值以 ! 开头，YAML 会把它当成类型标签",
     "给整段文字加上双引号", "context"),
    ("while scanning a directive", "yaml.directive", "以 % 开头的行是 YAML 指令，记录里不需要",
     "删除这一行；如果是文字，请加上双引号", "context"),
    ("expected '<document start>'", "yaml.multiple-documents", "文件在 ... 之后还有内容",
     "删除 ... 这一行；一个文件只写一条记录", "problem"),
    ("found unexpected end of stream", "yaml.unexpected-end", "文件在这里意外结束",
     "检查引号、括号是否配对", "problem"),
    ("but found '<stream end>'", "yaml.unexpected-end", "文件在这里意外结束",
     "检查引号、括号是否配对，以及最后一个字段是否写完", "problem"),
    ("expected the node content", "yaml.bad-char", "这里缺少内容，或者值以括号、逗号、冒号开头",
     "如果这是文字，请给整段文字加上双引号；否则检查括号和逗号是否配对", "problem"),
    ("YAML directive", "yaml.directive", "以 % 开头的行是 YAML 指令，记录里不需要",
     "删除以 % 开头的行", "problem"),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    message = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    code, what, fix = "yaml.syntax", f"YAML 格式错误（{(exc.problem or '').strip()}）", \
        "对照记录模板检查这一行的缩进、冒号和引号"
    for needle, hint_code, hint_what, hint_fix, hint_mark in _SYNTAX_HINTS:
        if needle in message:
            code, what, fix = hint_code, hint_what, hint_fix
            if hint_mark == "context" and exc.context_mark is not None:
                mark = exc.context_mark
            break
    at = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
    lines = text.split("\n")
    for line_no in (at.line, at.line - 1):
        if 1 <= line_no <= len(lines) and "：" in lines[line_no - 1] and \
                ": " not in lines[line_no - 1] and not lines[line_no - 1].rstrip().endswith(":"):
            column = lines[line_no - 1].index("：") + 1
            return Problem("yaml.fullwidth-colon", display, line_no, column,
                           "这一行用了全角冒号「：」，YAML 不认", "改成半角冒号加空格「: 」，例如 name: 青溪村")
    return Problem(code, display, at.line, at.col, what, fix)


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
        builder.result.problems = [p for p in builder.result.problems
                                   if not p.code.startswith("yaml.multiline-")]
        builder.result.problems.append(_syntax_problem(exc, text, display))
        return builder.result
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        if raise_syntax:
            raise
        builder.result.data = None
        builder.result.problems.append(Problem("yaml.syntax", display, 1, 1,
                                               f"YAML 格式错误（{exc}）", "对照记录模板检查格式"))
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
