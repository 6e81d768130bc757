"""Strict YAML loading: encodings, invisible characters, YAML features records never need.

Every case asserts the exact code, line and column staff will see; a few assert
the whole message line.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generators.check.loader import MAX_BYTES, MAX_DEPTH, Mark, load_bytes, load_file

SAVE_AS = "请用编辑器“另存为”UTF-8 编码（VS Code：右下角编码 → 通过编码保存 → UTF-8）"


def load(raw: bytes | str):
    return load_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw, "f.yaml")


def where(raw) -> list[tuple[str, int, int]]:
    """(code, line, col) of every problem."""
    return [(p.code, p.line, p.col) for p in load(raw).problems]


def only(raw):
    """The one problem of a file that must have exactly one."""
    problems = load(raw).problems
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


# ---------------------------------------------------------------------------
# encodings


def test_gbk_file_is_reported_with_the_exact_message():
    problem = only("id: xikou\nname: 青溪村\n".encode("gbk"))
    assert problem.text() == (
        "f.yaml:2:7: 错误 encoding.not-utf8：文件不是 UTF-8 编码（疑似 GBK），请另存为 UTF-8 — "
        + SAVE_AS
    )


def test_gb18030_four_byte_character_is_reported_as_gbk():
    problem = only("name: 𠀀村\n".encode("gb18030"))
    assert (problem.code, problem.line, problem.col) == ("encoding.not-utf8", 1, 7)
    assert "疑似 GBK" in problem.message


def test_latin1_is_not_utf8_without_a_gbk_guess():
    problem = only("name: caf\xe9\n".encode("latin-1"))
    assert (problem.code, problem.line, problem.col) == ("encoding.not-utf8", 1, 10)
    assert problem.message == "文件不是 UTF-8 编码，请另存为 UTF-8"


def test_bom_and_crlf_are_accepted_and_positions_stay_right():
    loaded = load(b"\xef\xbb\xbfid: xikou\r\nname: \xe6\xba\xaa\r\n")
    assert loaded.problems == []
    assert loaded.data == {"id": "xikou", "name": "溪"}
    assert loaded.keys[("id",)] == Mark(1, 1)
    assert loaded.values[("name",)] == Mark(2, 7)


def test_crlf_syntax_error_is_on_the_right_line():
    assert where(b"id: a\r\nname: b\r\nnote: [\r\n") == [("yaml.unexpected-end", 4, 1)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    problem = only("id: xikou\nname: 青溪村\n".encode(encoding))
    assert (problem.code, problem.line, problem.col) == ("encoding.utf16", 1, 1)
    assert problem.message == "文件是 UTF-16 编码，不是 UTF-8"


def test_bom_in_the_middle():
    problem = only("id: xikou\n\ufeffname: 青溪村\n")
    assert (problem.code, problem.line, problem.col) == ("text.bom-in-middle", 2, 1)


def test_utf8_bom_twice_is_a_bom_in_the_middle():
    assert where(b"\xef\xbb\xbf\xef\xbb\xbfid: a\n") == [("text.bom-in-middle", 1, 1)]


def test_lone_surrogate_bytes():
    problem = only(b"id: a\nname: b\xed\xa0\x80c\n")
    assert (problem.code, problem.line, problem.col) == ("encoding.surrogate", 2, 8)


# ---------------------------------------------------------------------------
# characters nobody types on purpose


@pytest.mark.parametrize(
    "char, code",
    [
        ("\x00", "text.control-char"),
        ("\x07", "text.control-char"),
        ("\x1b", "text.control-char"),
        ("\x7f", "text.control-char"),
        ("\r", "text.control-char"),  # a lone CR (old Mac line end) after CRLF are normalised
        ("\u2028", "text.invisible-char"),
        ("\u2029", "text.invisible-char"),
        ("\u0085", "text.invisible-char"),
        ("\u200b", "text.invisible-char"),
        ("\u200d", "text.invisible-char"),
        ("\u202e", "text.invisible-char"),
    ],
)
def test_control_and_invisible_characters_in_a_value(char, code):
    assert where(f"id: a\nname: 青溪{char}村\n") == [(code, 2, 9)]


def test_nul_byte_message():
    problem = only(b"id: a\nname: b\x00c\n")
    assert problem.text() == (
        "f.yaml:2:8: 错误 text.control-char：这里有控制字符 U+0000，YAML 文件里不允许出现"
        " — 删除这个字符；如果文件来自其他软件，请用纯文本方式重新录入"
    )


def test_zero_width_space_in_an_id():
    problem = only("id: xi\u200bkou\n")
    assert (problem.code, problem.line, problem.col) == ("text.invisible-char", 1, 7)
    assert "零宽空格（U+200B）" in problem.message


def test_zero_width_joiner_in_a_key():
    assert where("id: a\nna\u200dme: 青溪村\n") == [("text.invisible-char", 2, 3)]


@pytest.mark.parametrize(
    "escape, code",
    [
        ("\\u200b", "text.invisible-char"),
        ("\\L", "text.invisible-char"),  # U+2028
        ("\\N", "text.invisible-char"),  # U+0085
        ("\\0", "text.control-char"),
        ("\\x07", "text.control-char"),
        ("\\r", "text.control-char"),
        ("\\ud800", "text.surrogate"),
        ("\\uFEFF", "text.bom-in-middle"),
    ],
)
def test_escapes_in_double_quotes_cannot_smuggle_characters(escape, code):
    assert where(f'id: a\nname: "青溪{escape}村"\n') == [(code, 2, 7)]


def test_escaped_tab_and_newline_in_double_quotes_are_text():
    loaded = load('id: a\nname: "a\\tb\\nc"\n')
    assert loaded.problems == []
    assert loaded.data["name"] == "a\tb\nc"


@pytest.mark.parametrize(
    "space, name", [("\u00a0", "NBSP"), ("\u3000", "全角空格"), ("\u2003", "U+2003")]
)
def test_special_spaces_as_indentation(space, name):
    problem = only(f"leaders:\n{space}{space}secretary: 郑海涛\n")
    assert (problem.code, problem.line, problem.col) == ("text.bad-indent", 2, 1)
    assert name in problem.message


def test_special_space_after_spaces_in_indentation():
    assert where("leaders:\n  \u3000secretary: 郑海涛\n") == [("text.bad-indent", 2, 3)]


@pytest.mark.parametrize("space", ["\u00a0", "\u3000"])
def test_special_space_after_a_colon(space):
    assert where(f"id: a\nname:{space}青溪村\n") == [("text.bad-space", 2, 6)]


def test_tab_as_indentation():
    problem = only("leaders:\n\tsecretary: 郑海涛\n")
    assert (problem.code, problem.line, problem.col) == ("text.bad-indent", 2, 1)
    assert "Tab" in problem.message


@pytest.mark.parametrize(
    "text, at",
    [
        ("id: a\nname: b\t\n", (2, 8)),  # after a value
        ("id: a\nname:\tb\n", (2, 6)),  # after the colon
    ],
)
def test_tab_elsewhere_is_reported_where_it_is(text, at):
    assert where(text) == [("text.tab", *at)]


def test_many_bad_characters_are_capped():
    problems = load("id: a\nname: " + "\x07" * 500 + "\n").problems
    assert 1 < len(problems) <= 40


# ---------------------------------------------------------------------------
# syntax mistakes staff make


def test_fullwidth_colon_after_a_field():
    problem = only("id: xikou\n村名：青溪村\n")
    assert problem.text() == (
        "f.yaml:2:3: 错误 yaml.fullwidth-colon：这一行用了全角冒号「：」，YAML 不认"
        " — 改成半角冒号加空格「: 」，例如 name: 青溪村"
    )


def test_fullwidth_colon_on_the_only_line():
    problem = only("村名：青溪村\n")
    assert (problem.code, problem.line, problem.col) == ("yaml.not-mapping", 1, 1)
    assert "全角冒号" in problem.fix


def test_fullwidth_colon_inside_a_value_is_text():
    loaded = load("id: a\nnote: 时间：上午\n")
    assert loaded.problems == [] and loaded.data["note"] == "时间：上午"


@pytest.mark.parametrize(
    "text, at",
    [
        ('id: a\nname: "青溪村\ngrids: 3\n', (2, 7)),
        ("id: a\nname: '青溪村\ngrids: 3\n", (2, 7)),
        ('id: a\nname: "青溪村\n', (2, 7)),
    ],
)
def test_unclosed_quotes_are_reported_where_they_open(text, at):
    assert where(text) == [("yaml.unclosed-quote", *at)]


def test_quote_closed_lines_later_swallows_fields_and_is_reported():
    text = 'id: a\ntitle: "溪口村公开\nitem: 季度财务\nnote: 结束"\n'
    assert where(text) == [("yaml.multiline-quoted", 2, 8)]


def test_plain_text_running_onto_the_next_line_is_reported():
    # `evidence` is indented one step too far: YAML would fold it into the note.
    text = "updates:\n  - note: 完成摸底\n    evidence：会议记录\n"
    assert where("updates:\n  - note: 完成摸底\n      evidence：会议记录\n") == [
        ("yaml.multiline-plain", 2, 11)
    ]
    assert where(text)[0][0] in ("yaml.fullwidth-colon", "yaml.missing-colon")


def test_block_scalar_keeps_its_lines():
    loaded = load("id: a\nnote: |\n  第一行\n  第二行\n")
    assert loaded.problems == [] and loaded.data["note"] == "第一行\n第二行\n"


@pytest.mark.parametrize(
    "text, code, at",
    [
        ("id: a\nleaders:\n  secretary: 甲\n director: 乙\n", "yaml.bad-indent", (4, 2)),
        ("id: a\nunits:\n  - a\n - b\n", "yaml.bad-indent", (4, 2)),
        ("id: a\nunits: [a, b\ngrids: 3\n", "yaml.unclosed-bracket", (3, 6)),
        ("id: a\nleaders: {secretary: 甲\ngrids: 3\n", "yaml.unclosed-bracket", (3, 6)),
        ("id: a\nnote: 时间: 上午\n", "yaml.bad-colon", (2, 9)),
        ("id: a\nname 青溪村\ngrids: 3\n", "yaml.missing-colon", (3, 1)),
        ("id: a\nnote: @张三\n", "yaml.reserved-char", (2, 7)),
        ("id: a\nnote: `x`\n", "yaml.reserved-char", (2, 7)),
        ("id: a\nnote: *重点*\n", "yaml.starts-with-indicator", (2, 7)),
        ('id: a\nnote: "C:\\data"\n', "yaml.bad-escape", (2, 11)),
        ("id: a\nnote: |说明\n  x\n", "yaml.block-scalar", (2, 8)),
        ("id: a\nunits: - a\n", "yaml.bad-dash", (2, 8)),
        ("id: a\n: b\n", "yaml.missing-key", (2, 1)),
        ("id: a\nunits: [b]]\n", "yaml.extra-bracket", (2, 11)),
        ("id: a\nunits: [b, }\n", "yaml.missing-value", (2, 12)),
        ("id: a\nnote: ,b\n", "yaml.missing-value", (2, 7)),
        ("id: a\nnote: ]\n", "yaml.missing-value", (2, 7)),
        ("%YAML 1.1\n%YAML 1.1\n---\nid: a\n", "yaml.directive", (2, 1)),
        ("%FOO\n---\nid: a\n", None, None),
    ],
)
def test_syntax_errors_get_a_code_and_a_position(text, code, at):
    if code is None:  # not an error: an unknown directive is ignored, as YAML says
        assert where(text) == []
    else:
        assert where(text) == [(code, *at)]


def test_syntax_messages_are_chinese():
    for text in ("a: [b\nc: d\n", "a:\n  b: 1\n c: 2\n", "a: @b\n", 'a: "\\q"\n'):
        problem = only(text)
        assert not any("a" <= ch <= "z" for ch in problem.message.replace("YAML", "")), (
            problem.text()
        )


# ---------------------------------------------------------------------------
# YAML features records never need


def test_duplicate_key():
    problem = only("id: a\nname: 甲\nname: 乙\n")
    assert problem.text() == (
        "f.yaml:3:1: 错误 yaml.duplicate-key 字段「name」：字段 name 重复出现（第 2 行已经写过）"
        " — 删除重复的一行，只保留正确的那个值"
    )


def test_duplicate_key_nested_in_a_list_item():
    assert where("id: a\nupdates:\n  - date: 2025-01-01\n    date: 2025-02-01\n") == [
        ("yaml.duplicate-key", 4, 5)
    ]


def test_duplicate_key_keeps_the_first_value():
    assert load("id: a\nid: b\n").data == {"id": "a"}


def test_alias_bomb_is_reported_without_expanding():
    levels = "abcdefghi"
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip(levels, levels[1:], strict=False):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    started = time.perf_counter()
    loaded = load(text)
    assert time.perf_counter() - started < 1
    codes = [p.code for p in loaded.problems]
    assert codes.count("yaml.anchor") == 9 and codes.count("yaml.alias") == 8 * 9
    assert ("yaml.anchor", 1, 4) in where(text) and ("yaml.alias", 9, 8) in where(text)
    assert loaded.data["i"] == [None] * 9  # nothing was expanded


def test_self_referencing_alias():
    assert where("a: &x [*x]\n") == [("yaml.anchor", 1, 4), ("yaml.alias", 1, 8)]


def test_alias_to_an_undefined_anchor():
    assert where("id: a\nname: *nope\n") == [("yaml.alias", 2, 7)]


def test_merge_key():
    assert where("base: &b {name: 甲}\nleaders:\n  <<: *b\n") == [
        ("yaml.anchor", 1, 7),
        ("yaml.merge-key", 3, 3),
        ("yaml.alias", 3, 7),
    ]


@pytest.mark.parametrize(
    "text, shown",
    [
        ("id: !!python/object/apply:os.system ['ls']\n", "!!python/object/apply:os.system"),
        ("id: !!set {a, b}\n", "!!set"),
        ("id: !foo x\n", "!foo"),
        ("id: !!str x\n", "!!str"),
        ("id: !!int 3\n", "!!int"),
        ("id: !<tag:example.com,2000:x> y\n", "tag:example.com,2000:x"),
    ],
)
def test_every_tag_is_reported_as_typed(text, shown):
    problem = only(text)
    assert (problem.code, problem.line, problem.col) == ("yaml.tag", 1, 5)
    assert problem.message == f"使用了类型标签 {shown}"


def test_tag_on_a_key():
    assert where("!!str id: a\n") == [("yaml.tag", 1, 1)]


@pytest.mark.parametrize(
    "text, at",
    [
        ("1: x\n", (1, 1)),
        ("id: a\ntrue: x\n", (2, 1)),
        ("id: a\n~: x\n", (2, 1)),
        ("id: a\n2025-01-01: x\n", (2, 1)),
    ],
)
def test_non_string_keys(text, at):
    assert where(text) == [("yaml.non-string-key", *at)]


@pytest.mark.parametrize(
    "text, at",
    [
        ("id: a\n? [b]\n: x\n", (2, 3)),
        ("id: a\n{b: 1}: x\n", (2, 1)),
    ],
)
def test_keys_that_are_lists_or_mappings(text, at):
    assert where(text) == [("yaml.complex-key", *at)]


def test_quoted_number_key_is_a_string_key():
    assert load('"1": x\n').data == {"1": "x"}


def test_several_documents():
    assert where("id: a\n---\nid: b\n") == [("yaml.multiple-documents", 2, 1)]


def test_leading_document_marker_is_fine():
    assert load("---\nid: a\n").data == {"id": "a"}


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"   \n\n", b"\r\n\r\n"])
def test_empty_file(raw):
    problem = only(raw)
    assert (problem.code, problem.line, problem.col) == ("yaml.empty", 1, 1)
    assert problem.message == "文件是空的，没有任何内容"


def test_comments_only_file():
    problem = only("# 青溪村\n# 待填写\n")
    assert (problem.code, problem.line, problem.col) == ("yaml.empty", 1, 1)
    assert problem.message == "文件里只有注释，没有任何字段"


def test_document_marker_only():
    assert where("---\n") == [("yaml.empty", 1, 1)]


def test_top_level_list():
    problem = only("- id: a\n- id: b\n")
    assert (problem.code, problem.line, problem.col) == ("yaml.not-mapping", 1, 1)
    assert problem.message == "文件顶层不是“字段: 值”的形式（而是一个列表）"


def test_top_level_scalar():
    assert where("青溪村\n") == [("yaml.not-mapping", 1, 1)]


# ---------------------------------------------------------------------------
# size and depth


@pytest.mark.parametrize(
    "text, at",
    [
        ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", (1, 3 + MAX_DEPTH)),
        ("a: " + "[" * 50_000 + "\n", (1, 3 + MAX_DEPTH)),  # never closed
        ("a: " + "{b: " * 50_000 + "}" * 50_000 + "\n", (1, 4 + 4 * (MAX_DEPTH - 1))),
        ("- " * 50_000 + "x\n", (1, 1 + 2 * MAX_DEPTH)),  # block style on one line
        ("a:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 60)), None),
    ],
)
def test_deep_nesting_is_reported_without_crashing(text, at):
    started = time.perf_counter()
    problems = load(text).problems
    assert time.perf_counter() - started < 2
    assert [p.code for p in problems] == ["yaml.too-deep"]
    if at:
        assert (problems[0].line, problems[0].col) == at
    assert problems[0].message == f"嵌套超过 {MAX_DEPTH} 层"


def test_nesting_within_the_limit_is_fine():
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert load(text).problems == []


def test_ten_megabyte_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"note: " + b"x" * (10 * 1024 * 1024) + b"\n")
    loaded = load_file(path, "data/villages/big.yaml")
    assert [p.text() for p in loaded.problems] == [
        "data/villages/big.yaml:1:1: 错误 file.too-large：文件太大（10240 KB，上限 1024 KB）"
        " — 一个文件只放一条记录；附件请不要粘贴进 YAML"
    ]


def test_file_just_under_the_limit_loads_quickly():
    line = "  " + "溪" * 30 + "\n"
    text = "note: |\n" + line * ((MAX_BYTES - 100) // len(line.encode()))
    started = time.perf_counter()
    loaded = load(text)
    assert loaded.problems == [] and time.perf_counter() - started < 3


def test_unreadable_file(tmp_path):
    loaded = load_file(tmp_path / "missing.yaml", "data/villages/missing.yaml")
    assert [(p.code, p.line) for p in loaded.problems] == [("file.unreadable", 1)]


def test_symlink_is_not_followed(tmp_path):
    target = tmp_path / "elsewhere.yaml"
    target.write_text("id: a\n", encoding="utf-8")
    link = tmp_path / "a.yaml"
    link.symlink_to(target)
    loaded = load_file(link, "data/villages/a.yaml")
    assert [(p.code, p.line) for p in loaded.problems] == [("file.symlink", 1)]


def test_device_file_is_not_read():
    loaded = load_file(Path("/dev/zero"), "data/villages/zero.yaml")
    assert [p.code for p in loaded.problems] == ["file.not-regular"]


# ---------------------------------------------------------------------------
# what was typed is kept as typed


def test_yaml11_implicit_typing_never_applies():
    loaded = load(
        "a: no\nb: on\nc: yes\nd: 010\ne: 1:20\nf: 2024-02-30\ng: 0x1F\nh: 1e3\ni: .inf\n"
        "j: 1_000\nk: True\n"
    )
    assert loaded.problems == []
    assert loaded.data == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": "010",
        "e": "1:20",
        "f": "2024-02-30",
        "g": "0x1F",
        "h": "1e3",
        "i": ".inf",
        "j": "1_000",
        "k": "True",
    }


def test_null_words_and_empty_values():
    loaded = load("a:\nb: ~\nc: null\nd: NULL\ne: ''\nf: 'null'\ng: \"~\"\n")
    assert loaded.data == {
        "a": None,
        "b": None,
        "c": None,
        "d": None,
        "e": "",
        "f": "null",
        "g": "~",
    }


def test_positions_of_keys_values_and_list_items():
    loaded = load("id: a\nunits:\n  - zhen\n  - xikou\nleaders:\n  secretary: 郑海涛\n")
    assert loaded.keys[("units",)] == Mark(2, 1)
    assert loaded.values[("units", 1)] == Mark(4, 5)
    assert loaded.values[("leaders", "secretary")] == Mark(6, 14)
    assert loaded.mark(("leaders", "director")) == Mark(5, 1)  # falls back to the parent


def test_libyaml_parser_is_used_where_pyyaml_has_it():
    import yaml

    from generators.check import loader

    if yaml.__with_libyaml__:
        assert loader._FastParser is yaml.CBaseLoader
    ok = loader.parse_text("id: a\nname: no\ncount: 010\n", "x.yaml")
    assert (ok.data, ok.problems) == ({"id": "a", "name": "no", "count": "010"}, [])
