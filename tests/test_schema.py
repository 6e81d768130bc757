"""Per-record rules: scalar text read as its declared type, then Cerberus with its traps closed.

Each test mutates one record of the minimal dataset and asserts what staff see.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePosixPath

import pytest
from conftest import BRANCH, DISCLOSURE, MINIMAL, PLAN, TASK, TOWNSHIP, VILLAGE

from generators.check.loader import load_bytes
from generators.check.schema import validate_document
from generators.spec.registry import BY_NAME, RECORD_TYPES, type_of
from generators.spec.types import field_type

TYPE_OF = {
    VILLAGE: "village",
    BRANCH: "branch",
    TASK: "task",
    DISCLOSURE: "disclosure",
    PLAN: "plan",
    TOWNSHIP: "township",
}


def check(relative: str, old: str | None = None, new: str | None = None):
    """(document, problems) of one fixture record after replacing `old` by `new`."""
    text = (MINIMAL / relative).read_text(encoding="utf-8")
    if old is not None:
        assert new is not None, "a replacement with what to put instead"
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    loaded = load_bytes(text.encode("utf-8"), relative)
    assert loaded.problems == [], [p.text() for p in loaded.problems]
    document, found = validate_document(BY_NAME[TYPE_OF[relative]].schema, loaded)
    return document, sorted(found, key=lambda p: p.sort_key())


def problems(relative, old, new):
    return [(p.code, p.line, p.col) for p in check(relative, old, new)[1]]


def only(relative, old, new):
    found = check(relative, old, new)[1]
    assert len(found) == 1, [p.text() for p in found]
    return found[0]


# ---------------------------------------------------------------------------
# the fixture itself


@pytest.mark.parametrize("relative", sorted(TYPE_OF))
def test_minimal_records_are_valid(relative):
    document, found = check(relative)
    assert found == [] and document is not None


def test_every_record_type_has_a_fixture():
    files = {p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml")}
    # A one-township site has no county record (data/counties/): tests/test_county.py adds one.
    types = {f: type_of(PurePosixPath(f)) for f in files}
    assert None not in types.values(), types
    assert {t.name for t in types.values() if t} == {t.name for t in RECORD_TYPES} - {"county"}


def test_typed_values():
    document, _ = check(DISCLOSURE)
    assert document["published"] == dt.date(2025, 4, 10)
    assert document["finance"]["opening"] == Decimal("1000.10")
    assert isinstance(document["finance"]["income"][0]["amount"], Decimal)
    document, _ = check(TASK)
    assert document["progress"] == 60 and document["milestones"][0]["done"] is True
    assert document["deadline"] == "2025-06-30"  # a string field: kept as typed


# ---------------------------------------------------------------------------
# unknown and missing fields


def test_misspelled_field_suggests_the_missing_one():
    found = check(VILLAGE, "grids: 3", "gird: 3")[1]
    assert [p.text() for p in found] == [
        "villages/xikou.yaml:1:1: 错误 schema.required 字段「网格数」：缺少必填字段 grids（网格数）"
        " — 添加一行 grids: 并填写网格数",
        "villages/xikou.yaml:8:1: 错误 schema.unknown-field 字段「gird」：没有名为 gird 的字段，这一行的内容不会被采用"
        " — 是不是想写 grids？请改正字段名",
    ]


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Grids", "grids"),
        ("GRIDS", "grids"),
        ("grid", "grids"),
        ("househlds", "households"),
        ("网格数", "grids"),
        ("户籍人口", "population"),
    ],
)
def test_unknown_field_suggestions(typed, meant):
    field = {
        "grids": "grids: 3",
        "households": "households: 356",
        "population": "population: 1192",
    }[meant]
    found = check(VILLAGE, field, field.replace(meant, typed, 1))[1]
    unknown = [p for p in found if p.code == "schema.unknown-field"]
    assert len(unknown) == 1 and unknown[0].fix == f"是不是想写 {meant}？请改正字段名"


def test_unknown_field_without_a_close_match_lists_the_fields():
    problem = [p for p in check(VILLAGE, "grids: 3", "grids: 3\nxyz: 1")[1]][0]
    assert (problem.code, problem.line, problem.col) == ("schema.unknown-field", 9, 1)
    assert problem.fix.startswith("删除这一行，或改成以下字段之一：id、name、kind")


def test_unknown_nested_field():
    assert problems(VILLAGE, "  secretary: 郑海涛", "  secretery: 郑海涛") == [
        ("schema.required", 9, 1),
        ("schema.unknown-field", 10, 3),
    ]


def test_unknown_field_inside_a_list_item():
    found = check(TASK, "    evidence: 会议记录", "    evidense: 会议记录")[1]
    assert [(p.code, p.line, p.col, p.fix) for p in found] == [
        ("schema.unknown-field", 22, 5, "是不是想写 evidence？请改正字段名")
    ]


def test_missing_required_nested_field_points_at_its_parent():
    problem = only(VILLAGE, "  director: 郑海涛\n", "")
    assert (problem.code, problem.line, problem.col) == ("schema.required", 9, 1)
    assert problem.label == "村（社区）主要负责人 › 村（居）委会主任"


# ---------------------------------------------------------------------------
# integers, amounts, numbers, booleans


@pytest.mark.parametrize(
    "typed, code, what",
    [
        ("true", "value.word-for-number", "这里应填整数，却写了「true」"),
        ("yes", "value.word-for-number", "这里应填整数，却写了「yes」"),
        ("3.9", "value.decimal-in-integer", "「3.9」有小数，这里只能填整数"),
        ("3.0", "value.decimal-in-integer", "「3.0」有小数，这里只能填整数"),
        ("010", "value.leading-zero", "「010」以 0 开头"),
        ("３", "value.fullwidth", "「３」里有全角数字或符号"),
        ("1,192", "value.thousands-separator", "「1,192」里有千位分隔逗号"),
        ("三", "value.not-number", "「三」不是整数"),
        ("0x1F", "value.not-number", "「0x1F」不是整数"),
        ("1e3", "value.not-number", "「1e3」不是整数"),
        ("1_000", "value.not-number", "「1_000」不是整数"),
    ],
)
def test_integer_field_rejects(typed, code, what):
    problem = only(VILLAGE, "grids: 3", f"grids: {typed}")
    assert (problem.code, problem.line, problem.col, problem.label) == (code, 8, 8, "网格数")
    assert problem.message == what


def test_decimal_integer_hint_never_suggests_a_truncated_number():
    problem = only(VILLAGE, "grids: 3", "grids: 3.9")
    assert "3" not in problem.fix.replace("3.9", "")


def test_full_width_digits_hint():
    problem = only(VILLAGE, "grids: 3", "grids: １２")
    assert problem.fix == "请切换到半角（英文）输入法重新输入数字"


def test_huge_integer_is_an_error_not_a_crash():
    problem = only(VILLAGE, "grids: 3", "grids: " + "9" * 5000)
    assert (problem.code, problem.line, problem.col) == ("value.too-many-digits", 8, 8)
    assert len(problem.text()) < 300


def test_huge_amount_is_an_error():
    problem = only(DISCLOSURE, "opening: 1000.10", "opening: " + "9" * 5000)
    assert (problem.code, problem.line, problem.col) == ("value.too-many-digits", 22, 12)
    assert len(problem.text()) < 300


def test_negative_count_is_out_of_range():
    problem = only(VILLAGE, "grids: 3", "grids: -3")
    assert (problem.code, problem.line, problem.col) == ("schema.range", 8, 8)
    assert problem.message == "「-3」不能小于 0"


@pytest.mark.parametrize(
    "typed, code, what",
    [
        ("1000.105", "value.too-many-decimals", "金额「1000.105」超过两位小数"),
        ("1,000.10", "value.thousands-separator", "「1,000.10」里有千位分隔逗号"),
        ("１０００", "value.fullwidth", "「１０００」里有全角数字或符号"),
        ("1e3", "value.not-number", "「1e3」不是金额（元）"),
        (".nan", "value.not-number", "「.nan」不是金额（元）"),
        ("¥1000", "value.not-number", "「¥1000」不是金额（元）"),
    ],
)
def test_amount_field_rejects(typed, code, what):
    problem = only(DISCLOSURE, "opening: 1000.10", f"opening: {typed}")
    assert (problem.code, problem.line, problem.col) == (code, 22, 12)
    assert problem.message == what
    assert problem.label == "财务收支 › 期初余额（元）"


@pytest.mark.parametrize(
    "typed, value",
    [
        ("1000", Decimal("1000")),
        ("1000.1", Decimal("1000.1")),
        ("0.10", Decimal("0.10")),
        ("-5.00", Decimal("-5.00")),
    ],
)
def test_amounts_are_decimal(typed, value):
    assert field_type("decimal").convert(typed) == (value, None)


def test_number_field_accepts_decimals_exactly():
    document, found = check(PLAN, "value: 50", "value: 0.1")
    assert found == [] and document["targets"][0]["value"] == Decimal("0.1")


@pytest.mark.parametrize("typed", ["yes", "no", "是", "True", "1", "on"])
def test_boolean_is_only_true_or_false(typed):
    problem = only(TASK, "done: true", f"done: {typed}")
    assert (problem.code, problem.line, problem.col) == ("value.not-boolean", 26, 11)
    assert problem.message == f"「{typed}」不是 true 或 false"


# ---------------------------------------------------------------------------
# strings


@pytest.mark.parametrize("typed", ["''", "'   '", '"\u3000"', "\u3000\u3000", '"\\t"'])
def test_blank_string_is_not_a_value(typed):
    problem = only(VILLAGE, "name: 溪口村", f"name: {typed}")
    assert (problem.code, problem.line, problem.col) == ("value.blank", 2, 7)
    assert problem.message == "只有空白，没有内容"


@pytest.mark.parametrize("typed", ["", "~", "null"])
def test_empty_required_value(typed):
    problem = only(VILLAGE, "name: 溪口村", f"name: {typed}".rstrip())
    assert (problem.code, problem.line) == ("schema.empty", 2)


@pytest.mark.parametrize("typed", ["no", "on", "yes", "1:20", "010", "2025-01-01", "NO"])
def test_yaml11_words_stay_strings_in_string_fields(typed):
    document, found = check(VILLAGE, "name: 溪口村", f"name: {typed}")
    assert found == [] and document["name"] == typed


def test_block_scalar_newline_does_not_pass_an_id_regex():
    problem = only(VILLAGE, "id: xikou", "id: |\n  xikou")
    assert (problem.code, problem.line, problem.col) == ("schema.pattern-newline", 1, 5)
    assert "\n" not in problem.text()
    assert "末尾多了换行" in problem.message


@pytest.mark.parametrize(
    "typed, code",
    [
        ("|\n  长期坚持", "schema.pattern-newline"),
        (">\n  2025-06-30", "schema.pattern-newline"),
        ('"2025-06-30\\n"', "schema.pattern-newline"),
        ("2025-06-30x", "schema.pattern"),
    ],
)
def test_regex_matches_the_whole_value(typed, code):
    problem = only(TASK, "deadline: 2025-06-30", f"deadline: {typed}")
    assert (problem.code, problem.line) == (code, 12)


@pytest.mark.parametrize(
    "typed", ["../xikou", "xi/kou", "xi kou", "XiKou", "xikou-", "-xikou", "溪口"]
)
def test_id_pattern(typed):
    problem = only(VILLAGE, "id: xikou", f"id: {typed}")
    assert (problem.code, problem.line, problem.col) == ("schema.pattern", 1, 5)
    assert problem.message == f"「{typed}」的格式不对"


def test_long_values_are_shortened_in_messages():
    problem = only(VILLAGE, "id: xikou", "id: " + "X" * 10_000)
    assert problem.code == "schema.pattern" and len(problem.text()) < 300


def test_allowed_values():
    problem = only(VILLAGE, "kind: 行政村", "kind: 自然村")
    assert problem.text() == (
        "villages/xikou.yaml:3:7: 错误 schema.allowed 字段「类型」：「自然村」不是可选的值"
        " — 只能填写：行政村、社区"
    )


def test_maxlength():
    problem = only(VILLAGE, "name: 溪口村", "name: " + "溪" * 31)
    assert (problem.code, problem.line, problem.col) == ("schema.length", 2, 7)


# ---------------------------------------------------------------------------
# dates


@pytest.mark.parametrize(
    "typed, fix",
    [
        ("2025/3/1", "写成 2025-03-01"),
        ("2025.3.1", "写成 2025-03-01"),
        ("2025年3月1日", "写成 2025-03-01"),
        ("2025-3-1", "写成 2025-03-01"),
    ],
)
def test_loose_dates_get_the_right_spelling(typed, fix):
    problem = only(DISCLOSURE, "published: 2025-04-10", f"published: {typed}")
    assert (problem.code, problem.line, problem.col) == ("date.format", 7, 12)
    assert problem.message == f"日期「{typed}」的写法不对" and problem.fix == fix


@pytest.mark.parametrize("typed", ["2024-02-30", "2025-02-29", "2025-13-01", "2025-00-10"])
def test_dates_that_do_not_exist(typed):
    problem = only(DISCLOSURE, "published: 2025-04-10", f"published: {typed}")
    assert (problem.code, problem.line, problem.col) == ("date.no-such-day", 7, 12)
    assert problem.message == f"日期「{typed}」不存在（没有这一天）"


def test_leap_day_is_a_date():
    document, found = check(DISCLOSURE, "published: 2025-04-10", "published: 2024-02-29")
    assert found == [] and document["published"] == dt.date(2024, 2, 29)


@pytest.mark.parametrize("typed", ["明天", "2025-04-10 10:00", "2025-04-10T10:00:00"])
def test_not_a_date(typed):
    problem = only(DISCLOSURE, "published: 2025-04-10", f"published: {typed}")
    assert (problem.code, problem.line) == ("date.not-a-date", 7)


# ---------------------------------------------------------------------------
# shapes


def test_scalar_where_a_mapping_is_expected():
    problem = only(VILLAGE, "leaders:\n  secretary: 郑海涛\n  director: 郑海涛", "leaders: 郑海涛")
    assert (problem.code, problem.line, problem.col) == ("schema.type", 9, 10)
    assert problem.message == "应为“字段: 值”形式的一组字段（下一行缩进两格书写）"


def test_scalar_where_a_list_is_expected():
    problem = only(TASK, "lead_units:\n  - zhen-dangjianban", "lead_units: zhen-dangjianban")
    assert (problem.code, problem.line, problem.col) == ("schema.type", 6, 13)


def test_list_where_an_integer_is_expected():
    assert problems(VILLAGE, "grids: 3", "grids:\n  - 3") == [("schema.type", 9, 3)]


def test_empty_list_item():
    assert problems(TASK, "  - zhen-dangjianban", "  -") == [("schema.empty", 7, 4)]


def test_empty_required_list():
    assert problems(TASK, "lead_units:\n  - zhen-dangjianban", "lead_units: []") == [
        ("schema.length", 6, 13)
    ]


def test_every_problem_in_a_record_is_reported():
    found = check(VILLAGE, "grids: 3\n", "grids: 3.5\nkind2: 1\n")[1]
    assert {p.code for p in found} == {"value.decimal-in-integer", "schema.unknown-field"}


# ---------------------------------------------------------------------------
# labels


def test_labels_of_nested_paths():
    schema = BY_NAME["task"].schema
    assert schema.label_of(("updates", 1, "progress")) == "进展情况 第2项 › 完成进度（%）"
    assert schema.label_of(("nope",)) == "nope"
    assert schema.at(("updates", 0, "nope")) is None
    progress = schema.at(("updates", 0, "progress"))
    assert progress is not None and progress.type == "integer"


def test_a_cerberus_error_without_its_own_code():
    from cerberus.errors import ValidationError

    from generators.check.loader import load_bytes
    from generators.check.schema import _describe

    loaded = load_bytes(b"id: xikou\n", "data/villages/xikou.yaml")
    error = ValidationError(("id",), ("id", "oneof"), 0x61, "oneof", None, "xikou", ())
    problem = _describe(error, BY_NAME["village"].schema, loaded)
    assert (problem.code, problem.line, problem.message) == (
        "schema.invalid",
        1,
        "不符合规则（oneof）",
    )


# ---------------------------------------------------------------------------
# limits written with decimals


@pytest.mark.parametrize(
    "weight, codes",
    [
        ("0.01", []),
        ("0.02", []),
        ("100", []),
        ("0.009", ["schema.range"]),
        ("100.01", ["schema.range"]),
    ],
)
def test_a_decimal_limit_is_compared_as_written(weight, codes):
    # The schema's "min: 0.01" is read as a float, a hair above 0.01: the smallest weight must still pass.
    assert [
        c[0] for c in problems(TASK, "\nprogress: 60\n", f"\nprogress: 60\nweight: {weight}\n")
    ] == codes
