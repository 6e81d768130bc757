"""Every way people write a personal number is an error at its line, masked, and caught on the site too.

Each written form goes into a real record, through `validate()`, and the
privacy problem is asserted whole: code, line, column and the masked Chinese
message. The same form planted in a built page or in the search index fails
the built-site scan. All numbers are fictional; IDs and cards carry correct
check characters (computed independently in test_privacy.py's helpers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TASK
from pagefinddata import write_fragment

from generators.privacy.reading import SPACES, read
from generators.privacy.scan import scan_site

MOBILE_CERTAIN = "这里像是手机号码（{}），公开网站不得发布个人电话"
MOBILE_SHAPE = "这里有一串像手机号码的数字（{}），可能是个人电话"
ID_CERTAIN = "这里像是居民身份证号码（{}），公开网站不得发布个人身份证号"
ID_SHAPE = "这里有一串像居民身份证号码的数字（{}），校验位或出生日期对不上，但仍可能是身份证号"
CARD_CERTAIN = "这里像是银行卡号（{}），公开网站不得发布银行卡号"
CARD_SHAPE = "这里有一串像银行卡号的数字（{}），可能是银行卡号"

ID = "110101199003071233"  # fictional; check character 3 is correct
ID_X = "33078219750618008X"
CARD16 = "6222021234567894"  # Luhn-valid, UnionPay prefix
CARD19 = "6228480012345678903"
CARD_VISA = "4367421234567896"
CARD_UNKNOWN = "9912001234567895"  # Luhn-valid, no known issuer

# (case id, as written, message template, masked as the message shows it)
FORMS = [
    ("plain", "13812345678", MOBILE_CERTAIN, "138****5678"),
    ("spaces-3-4-4", "138 1234 5678", MOBILE_CERTAIN, "138 **** 5678"),
    ("dashes", "138-1234-5678", MOBILE_CERTAIN, "138-****-5678"),
    ("dots", "138.1234.5678", MOBILE_CERTAIN, "138.****.5678"),
    ("space-then-dash", "138 1234-5678", MOBILE_CERTAIN, "138 ****-5678"),
    ("groups-4-4-3", "1381 2345 678", MOBILE_CERTAIN, "138* ***5 678"),
    ("slashes", "138/1234/5678", MOBILE_CERTAIN, "138/****/5678"),
    ("parenthesised", "(138)1234-5678", MOBILE_CERTAIN, "(138)****-5678"),
    ("parenthesised-spaces", "(138) 1234 5678", MOBILE_CERTAIN, "(138) **** 5678"),
    ("em-dash", "138—1234—5678", MOBILE_CERTAIN, "138—****—5678"),
    ("en-dash", "138–1234–5678", MOBILE_CERTAIN, "138–****–5678"),
    ("horizontal-bar", "138\u20151234\u20155678", MOBILE_CERTAIN, "138\u2015****\u20155678"),
    ("middle-dot", "138·1234·5678", MOBILE_CERTAIN, "138·****·5678"),
    ("spaced-dashes", "138 - 1234 - 5678", MOBILE_CERTAIN, "138 - **** - 5678"),
    ("ideographic-space", "138\u30001234\u30005678", MOBILE_CERTAIN, "138\u3000****\u30005678"),
    ("no-break-space", "138\u00a01234\u00a05678", MOBILE_CERTAIN, "138\u00a0****\u00a05678"),
    ("full-width", "１３８１２３４５６７８", MOBILE_CERTAIN, "１３８****５６７８"),
    ("full-width-dashes", "１３８－１２３４－５６７８", MOBILE_CERTAIN, "１３８－****－５６７８"),
    ("country-code", "+86 138 1234 5678", MOBILE_CERTAIN, "+86 138 **** 5678"),
    ("country-code-run-on", "+8613812345678", MOBILE_CERTAIN, "+86138****5678"),
    ("full-width-plus", "＋86 13812345678", MOBILE_CERTAIN, "＋86 138****5678"),
    ("double-zero", "0086 138 1234 5678", MOBILE_CERTAIN, "0086 138 **** 5678"),
    ("eighty-six-dashes", "86-138-1234-5678", MOBILE_CERTAIN, "86-138-****-5678"),
    ("soft-hyphens", "138\u00ad1234\u00ad5678", MOBILE_CERTAIN, "138****5678"),
    ("invisible-separator", "1\u20633812345678", MOBILE_CERTAIN, "138****5678"),
    ("grapheme-joiner", "13\u034f812345678", MOBILE_CERTAIN, "138****5678"),
    ("word-joiner", "138\u20601234\u20605678", MOBILE_CERTAIN, "138****5678"),
    ("math-bold", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", MOBILE_CERTAIN, "𝟏𝟑𝟖****𝟓𝟔𝟕𝟖"),
    ("math-monospace", "𝟷𝟹𝟾𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾", MOBILE_CERTAIN, "𝟷𝟹𝟾****𝟻𝟼𝟽𝟾"),
    ("arabic-indic", "١٣٨١٢٣٤٥٦٧٨", MOBILE_CERTAIN, "١٣٨****٥٦٧٨"),
    ("extended-arabic-indic", "۱۳۸۱۲۳۴۵۶۷۸", MOBILE_CERTAIN, "۱۳۸****۵۶۷۸"),
    ("devanagari", "१३८१२३४५६७८", MOBILE_CERTAIN, "१३८****५६७८"),
    ("circled", "①③⑧①②③④⑤⑥⑦⑧", MOBILE_CERTAIN, "①③⑧****⑤⑥⑦⑧"),
    ("chinese-numerals", "一三八一二三四五六七八", MOBILE_CERTAIN, "一三八****五六七八"),
    (
        "chinese-numerals-grouped",
        "一三八 一二三四 五六七八",
        MOBILE_CERTAIN,
        "一三八 **** 五六七八",
    ),
    ("yao-for-one", "幺三八一二三四五六七八", MOBILE_CERTAIN, "幺三八****五六七八"),
    ("numerals-and-digits", "138一二三四5678", MOBILE_CERTAIN, "138****5678"),
    ("two-digit-groups", "13 81 23 45 678", MOBILE_CERTAIN, "13 8* ** *5 678"),
    ("unallocated-range", "14012345678", MOBILE_SHAPE, "140****5678"),
    ("id", ID, ID_CERTAIN, "1101**********1233"),
    ("id-lower-x", ID_X.lower(), ID_CERTAIN, "3307**********008x"),
    ("id-6-8-4", "110101 19900307 1233", ID_CERTAIN, "1101** ******** 1233"),
    ("id-dots", "110101.19900307.1233", ID_CERTAIN, "1101**.********.1233"),
    ("id-6-4-4-4", "110101 1990 0307 1233", ID_CERTAIN, "1101** **** **** 1233"),
    ("id-dashes", "110101-19900307-1233", ID_CERTAIN, "1101**-********-1233"),
    ("id-groups-of-four", "1101 0119 9003 0712 33", ID_CERTAIN, "1101 **** **** **12 33"),
    (
        "id-full-width",
        "１１０１０１１９９００３０７１２３３",
        ID_CERTAIN,
        "１１０１**********１２３３",
    ),
    (
        "id-chinese-numerals",
        "一一〇一〇一一九九〇〇三〇七一二三三",
        ID_CERTAIN,
        "一一〇一**********一二三三",
    ),
    ("id-wrong-check", "110101199003071230", ID_SHAPE, "1101**********1230"),
    ("id-old-15-digit", "110101900307123", ID_CERTAIN, "1101*******7123"),
    ("id-old-15-digit-grouped", "110101 900307 123", ID_CERTAIN, "1101** *****7 123"),
    ("card", CARD16, CARD_CERTAIN, "6222********7894"),
    ("card-4-4-4-4", "6222 0212 3456 7894", CARD_CERTAIN, "6222 **** **** 7894"),
    ("card-dots", "6222.0212.3456.7894", CARD_CERTAIN, "6222.****.****.7894"),
    ("card-dashes", "6222-0212-3456-7894", CARD_CERTAIN, "6222-****-****-7894"),
    ("card-19-4-4-4-4-3", "6228 4800 1234 5678 903", CARD_CERTAIN, "6228 **** **** ***8 903"),
    ("card-6-10", "622202-1234567894", CARD_CERTAIN, "6222**-******7894"),
    ("card-6-13", "622848-0012345678903", CARD_CERTAIN, "6228**-*********8903"),
    ("card-visa", CARD_VISA, CARD_CERTAIN, "4367********7896"),
    (
        "card-full-width",
        "６２２２０２１２３４５６７８９４",
        CARD_CERTAIN,
        "６２２２********７８９４",
    ),
    ("card-unknown-issuer", CARD_UNKNOWN, CARD_SHAPE, "9912********7895"),
    # As a browser shows them: runs of spaces collapse, so these read exactly as 138 1234 5678.
    ("space-runs", "138    1234    5678", MOBILE_CERTAIN, "138    ****    5678"),
    ("tabs", "138\t1234\t5678", MOBILE_CERTAIN, "138\t****\t5678"),
    (
        "ideographic-space-runs",
        "138\u3000\u30001234\u30005678",
        MOBILE_CERTAIN,
        "138\u3000\u3000****\u30005678",
    ),
    ("pairs", "13 81 23 45 67 8", MOBILE_CERTAIN, "13 8* ** *5 67 8"),
    ("one-digit-groups", "1 3 8 1 2 3 4 5 6 7 8", MOBILE_CERTAIN, "1 3 8 * * * * 5 6 7 8"),
    ("groups-3-3-3-2", "138 123 456 78", MOBILE_CERTAIN, "138 *** *56 78"),
    ("unicode-minus", "138\u22121234\u22125678", MOBILE_CERTAIN, "138\u2212****\u22125678"),
    ("underscores", "138_1234_5678", MOBILE_CERTAIN, "138_****_5678"),
    ("full-width-underscores", "138＿1234＿5678", MOBILE_CERTAIN, "138＿****＿5678"),
    ("tildes", "138~1234~5678", MOBILE_CERTAIN, "138~****~5678"),
    ("full-width-tildes", "138～1234～5678", MOBILE_CERTAIN, "138～****～5678"),
    ("wave-dashes", "138〜1234〜5678", MOBILE_CERTAIN, "138〜****〜5678"),
    ("enumeration-commas", "138、1234、5678", MOBILE_CERTAIN, "138、****、5678"),
    ("commas", "138,1234,5678", MOBILE_CERTAIN, "138,****,5678"),
    ("full-width-commas", "138，1234，5678", MOBILE_CERTAIN, "138，****，5678"),
    ("long-vowel-marks", "138ー1234ー5678", MOBILE_CERTAIN, "138ー****ー5678"),
    ("box-drawing-lines", "138\u25001234\u25005678", MOBILE_CERTAIN, "138\u2500****\u25005678"),
    ("ellipses", "138…1234…5678", MOBILE_CERTAIN, "138…****…5678"),
    ("ideographic-full-stops", "138。1234。5678", MOBILE_CERTAIN, "138。****。5678"),
    ("bullets", "138•1234•5678", MOBILE_CERTAIN, "138•****•5678"),
    ("mixed-separators", "138 -_~ 1234 、5678", MOBILE_CERTAIN, "138 -_~ **** 、5678"),
    ("superscripts", "¹³⁸¹²³⁴⁵⁶⁷⁸", MOBILE_CERTAIN, "¹³⁸****⁵⁶⁷⁸"),
    ("negative-circled", "❶❸❽❶❷❸❹❺❻❼❽", MOBILE_CERTAIN, "❶❸❽****❺❻❼❽"),
    ("parenthesised-digits", "⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻", MOBILE_CERTAIN, "⑴⑶⑻****⑸⑹⑺⑻"),
    ("look-alike-letters", "138O0l38OOO", MOBILE_CERTAIN, "138****8OOO"),
    ("spoken-digits", "幺三八幺两三四五六拐八", MOBILE_CERTAIN, "幺三八****五六拐八"),
    ("numeral-word-after", "13812345678一下", MOBILE_CERTAIN, "138****5678"),
    ("arabic-indic-grouped", "١٣٨ ١٢٣٤ ٥٦٧٨", MOBILE_CERTAIN, "١٣٨ **** ٥٦٧٨"),
    ("full-width-pairs", "１３ ８１ ２３ ４５ ６７ ８", MOBILE_CERTAIN, "１３ ８* ** *５ ６７ ８"),
    ("mixed-digit-forms", "1３8①2③4５⁶7八", MOBILE_CERTAIN, "1３8****５⁶7八"),
    ("zero-width-space", "138\u200b1234\u200b5678", MOBILE_CERTAIN, "138****5678"),
    ("id-space-runs", "110101   19900307   1233", ID_CERTAIN, "1101**   ********   1233"),
    ("id-check-split-off", "11010119900307123 3", ID_CERTAIN, "1101**********123 3"),
    ("id-x-split-off", ID_X[:-1] + "-X", ID_CERTAIN, "3307**********008-X"),
    ("id-enumeration-commas", "110101、19900307、1233", ID_CERTAIN, "1101**、********、1233"),
    ("id-date-parts", "110101-1990-03-07-1233", ID_CERTAIN, "1101**-****-**-**-1233"),
    (
        "card-space-runs",
        "6222    0212    3456    7894",
        CARD_CERTAIN,
        "6222    ****    ****    7894",
    ),
    ("card-pairs", "62 22 02 12 34 56 78 94", CARD_CERTAIN, "62 22 ** ** ** ** 78 94"),
    ("card-tildes", "6222~0212~3456~7894", CARD_CERTAIN, "6222~****~****~7894"),
]

CODES = {
    MOBILE_CERTAIN: "privacy.mobile",
    MOBILE_SHAPE: "privacy.mobile-shape",
    ID_CERTAIN: "privacy.id-number",
    ID_SHAPE: "privacy.id-number-shape",
    CARD_CERTAIN: "privacy.bank-card",
    CARD_SHAPE: "privacy.bank-card-shape",
}
# The built site has one code a kind, shape or not.
SITE_CODES = {
    template: "site." + code.split(".")[1].removesuffix("-shape")
    for template, code in CODES.items()
}
CONTENT_LINE = 5  # `content:` in the minimal task
PREFIX = "content: 联系人"


each_form = pytest.mark.parametrize(
    "written, template, masked", [f[1:] for f in FORMS], ids=[f[0] for f in FORMS]
)


def privacy_problems(dataset):
    return [p for p in dataset.validate().problems if p.code.startswith("privacy.")]


def test_the_table_is_long_enough():
    assert len(FORMS) >= 100
    assert len({case for case, *_ in FORMS}) == len(FORMS)


@each_form
def test_written_form_is_an_error_at_its_line_with_a_masked_message(
    dataset, written, template, masked
):
    dataset.replace(TASK, "content: 每个网格建立党小组", f"{PREFIX}{written}")
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        CODES[template],
        "error",
        CONTENT_LINE,
        len(PREFIX) + 1,
    )
    if any(ch in written for ch in LOADER_REJECTS):
        # The file is not parsed past the invisible character; the number is still found in its text.
        assert (problem.field, problem.label) == ("", "")
    else:
        assert (problem.field, problem.label) == ("content", "任务内容")
    assert problem.message == template.format(masked)
    assert written not in problem.text()


LOADER_REJECTS = "\u2060\u200b\t"  # characters the loader reports itself (invisible ones, tabs)


@each_form
def test_written_form_fails_the_built_site_scan(tmp_path, written, template, masked):
    site = tmp_path / "site"
    page = site / "tasks" / "t" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        f"<html><head><title>任务</title></head><body>\n<article>\n<p>联系人{written}</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    write_fragment(site, "tasks/t/", "任务", f"联系人{written}")  # the search's copy of the text
    found = scan_site(site)
    # The index joins table cells with spaces, so a space ends a number there (a country code apart).
    in_index = not any(ch in SPACES for ch in read(written.removeprefix("＋86 ")).text)
    assert [(Path(p.path).name, p.line, p.code) for p in found] == [
        ("page.pf_fragment", 1, SITE_CODES[template])
    ] * in_index + [("index.html", 3, SITE_CODES[template])]
    assert all(masked.removeprefix("＋86 ") in p.message for p in found)


def test_a_table_row_flattened_into_the_search_index_is_not_a_number(tmp_path):
    # The search's text joins a table's cells with spaces: 党员情况 of a branch becomes this.
    rows = [
        "党员总数 正式党员 预备党员 女党员 39 37 2 10 6 9 4 10",
        "19 1 5 3 1 14 13 12",
        "13 14 16 11 12 15 13",
        "138 1234 5678 1381 2345 678",
    ]
    for i, row in enumerate(rows):
        write_fragment(tmp_path / "site", f"b/{i}/", "党员情况", row, name=f"b{i}")
    assert scan_site(tmp_path / "site") == []


# ---------------------------------------------------------------------------
# where in a file a number stands


def test_number_across_the_lines_of_a_folded_block(dataset):
    dataset.replace(
        TASK,
        "content: 每个网格建立党小组",
        "content: >\n  联系人 138\n  1234 5678\n  每个网格建立党小组",
    )
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.line, problem.col) == ("privacy.mobile", CONTENT_LINE + 1, 7)
    assert problem.message == MOBILE_CERTAIN.format("138 **** 5678")


def test_number_across_the_lines_of_a_literal_block(dataset):
    dataset.replace(
        TASK,
        "content: 每个网格建立党小组",
        "content: |\n  每个网格建立党小组\n  联系人 1381234\n  5678",
    )
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.line, problem.col) == ("privacy.mobile", CONTENT_LINE + 2, 7)
    assert problem.message == MOBILE_CERTAIN.format("138****\n5678")
    assert "138****\\n5678" in problem.text()  # one line in the log


def test_number_in_a_key(dataset):
    dataset.replace(TASK, "status: 推进中", "status: 推进中\n电话13812345678: 联系人")
    found = privacy_problems(dataset)
    line = dataset.read(TASK).splitlines().index("电话13812345678: 联系人") + 1
    assert [(p.code, p.line, p.col, p.label, p.field) for p in found] == [
        ("privacy.mobile", line, 3, "字段名", "电话138****5678")
    ]
    unknown = [p for p in dataset.validate().problems if p.code == "schema.unknown-field"]
    assert unknown and all("13812345678" not in p.text() for p in unknown)


@pytest.mark.parametrize(
    "line_text, col",
    [
        ("content: 每个网格建立党小组  # 联系人 138 1234 5678", 27),
        ('content: "每个网格建立党小组"# 联系人 13812345678', 27),
        ("content: 每个网格建立党小组\n# 13812345678", 3),
    ],
    ids=["comment", "comment-run-into-a-quote", "comment-line"],
)
def test_number_in_a_comment(dataset, line_text, col):
    dataset.replace(TASK, "content: 每个网格建立党小组", line_text)
    [problem] = privacy_problems(dataset)
    line = CONTENT_LINE + line_text.count("\n")
    assert (problem.code, problem.line, problem.col, problem.label) == (
        "privacy.mobile",
        line,
        col,
        "注释",
    )
    assert problem.fix.endswith("（注释也会随数据仓库公开）")


def test_comment_run_into_a_block_indicator(dataset):
    dataset.replace(
        TASK, "content: 每个网格建立党小组", "content: >#13812345678\n  每个网格建立党小组"
    )
    problems = dataset.validate().problems
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("yaml.comment-space", CONTENT_LINE, 11),
        ("privacy.mobile", CONTENT_LINE, 12),
    ]
    assert "138****5678" in problems[1].message


def test_number_in_a_file_name_and_an_id_is_masked_everywhere(dataset):
    text = dataset.read(TASK).replace("id: wangge-fugai", "id: 13812345678")
    dataset.delete(TASK)
    dataset.write("tasks/jiceng-2025/13812345678.yaml", text)
    problems = dataset.validate().problems
    assert problems and all("13812345678" not in p.text() for p in problems)
    assert ("privacy.mobile", "data/tasks/jiceng-2025/138****5678.yaml", 1) in [
        (p.code, p.path, p.line) for p in problems
    ]
