"""Properties of the privacy gate: whatever way personal data is written, it is never published;
whatever way amounts, dates, periods and document numbers are written, they are never flagged.

Personal data of every kind (ID, mobile and card numbers, e-mail addresses, QQ
and WeChat ids, home phones, house addresses) is made up here with its own
check characters, written with random separator runs, group sizes and digit
forms, and put into a random free-text field of a random record type of the
minimal dataset. Validation's check of that file must report a privacy error on
the field's line, masked; a page showing the field must fail the built-site
scan. `PRIVACY_EXAMPLES` (default 150) sets how many examples each property
draws. The slow test at the end builds a real site with MkDocs from records
that hold such data, the privacy check of validation turned off, and scans it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest
from conftest import FIXTURES, MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagefinddata import write_fragment
from sitebuild import copy_site_project

from generators.check.loader import load_bytes
from generators.check.validate import check_bytes, validate
from generators.pipeline import generate
from generators.privacy import scan as privacy
from generators.privacy.scan import public_phones, scan_site
from generators.render.formats import money
from generators.spec.registry import REGISTRY, RecordType

EXAMPLES = int(os.environ.get("PRIVACY_EXAMPLES", "150"))
TODAY = dt.date(2025, 12, 31)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# ---------------------------------------------------------------------------
# the free-text fields of every record type in the minimal dataset


# Record types a one-township dataset has no file of (a county's own record).
OTHER_TYPES = FIXTURES / "minimal-county"


def type_of(relative: str) -> RecordType:
    """The type of a fixture record file (every fixture has one)."""
    record_type = REGISTRY.type_of(PurePosixPath(relative))
    assert record_type is not None, relative
    return record_type


def source_of(relative: str) -> Path:
    return MINIMAL / relative if (MINIMAL / relative).exists() else OTHER_TYPES / relative


def free_text_fields() -> list[tuple[str, tuple]]:
    """(file, path) of every string value whose field takes any text (no choices, pattern or
    reference), in the minimal dataset and the records it has no file of."""
    fields = []
    files = [*MINIMAL.rglob("*.yaml"), *OTHER_TYPES.rglob("*.yaml")]
    for file in sorted(files, key=lambda f: f.as_posix()):
        relative = file.relative_to(
            MINIMAL if file.is_relative_to(MINIMAL) else OTHER_TYPES
        ).as_posix()
        schema = type_of(relative).schema
        loaded = load_bytes(file.read_bytes(), relative)
        for path in loaded.value_spans:
            field = schema.root.at(path)
            if field and field.type == "string" and not (field.allowed or field.regex or field.ref):
                fields.append((relative, path))
    return fields


FIELDS = free_text_fields()


def test_every_record_type_has_free_text_fields():
    assert {type_of(f).name for f, _ in FIELDS} == {t.name for t in REGISTRY}


def with_value(relative: str, path: tuple, text: str) -> tuple[bytes, int]:
    """The file with one value replaced by `text` (a double-quoted scalar); the value's line."""
    source = source_of(relative).read_text(encoding="utf-8")
    start, end = load_bytes(source.encode(), relative).value_spans[path]
    quoted = json.dumps(text, ensure_ascii=False)
    return (source[:start] + quoted + source[end:]).encode(), source.count("\n", 0, start) + 1


def problems_of(relative: str, raw: bytes):
    record_type = type_of(relative)
    return check_bytes(record_type, f"data/{relative}", raw, TODAY)[2]


def site_problems(tmp_path: Path, text: str, fingerprints=()) -> list:
    site = tmp_path / "site"
    page = site / "records" / "r" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        f"<html><body><article>\n<p>{html.escape(text)}</p>\n</article></body></html>\n",
        encoding="utf-8",
    )
    write_fragment(site, "records/r/", "记录", text)  # the search's copy of the page's text
    table = {f.replace("-", ""): {"url": "/records/r/"} for f in fingerprints}
    (site / "verify").mkdir(exist_ok=True)
    (site / "verify" / "fingerprints.json").write_text(json.dumps(table), encoding="utf-8")
    return scan_site(site)


# ---------------------------------------------------------------------------
# made-up personal data, with check characters computed here

PROVINCES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65"
).split()
WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def id_check(first17: str) -> str:
    value = (12 - sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def luhn_digit(body: str) -> str:
    for d in "0123456789":
        total = 0
        for i, ch in enumerate(reversed(body + d)):
            n = int(ch)
            if i % 2:
                n = n * 2 - 9 if n > 4 else n * 2
            total += n
        if total % 10 == 0:
            return d
    raise AssertionError


@st.composite
def id_numbers(draw) -> str:
    area = draw(st.sampled_from(PROVINCES)) + f"{draw(st.integers(1, 9999)):04d}"
    birth = draw(st.dates(dt.date(1920, 1, 1), TODAY)).strftime("%Y%m%d")
    body = area + birth + f"{draw(st.integers(0, 999)):03d}"
    return body + id_check(body)


@st.composite
def mobiles(draw) -> str:
    return "1" + draw(st.sampled_from("3456789")) + f"{draw(st.integers(0, 10**9 - 1)):09d}"


@st.composite
def cards(draw) -> str:
    prefix = draw(st.sampled_from(["62", "6222", "6228", "621700", "4367", "5324", "9558", "81"]))
    length = draw(st.integers(16, 19))
    rest = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=19, max_size=19)))
    body = (prefix + rest)[: length - 1]
    return body + luhn_digit(body)


DIGIT_FORMS = [
    "0123456789",
    "０１２３４５６７８９",
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
    "٠١٢٣٤٥٦٧٨٩",
    "۰۱۲۳۴۵۶۷۸۹",
    "०१२३४५६७८९",
    "⓪①②③④⑤⑥⑦⑧⑨",
    "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "₀₁₂₃₄₅₆₇₈₉",
    "〇一二三四五六七八九",
    "零壹贰叁肆伍陆柒捌玖",
    "洞幺两三四五六拐八勾",
]
# Separators and what each reads as, to tell when a number written with them reads as an amount.
SEPARATORS = {
    " ": " ",
    "  ": " ",
    "\u3000": " ",
    "\u00a0": " ",
    "\n": " ",
    "\t": " ",
    "-": "-",
    "\u2212": "-",
    "–": "-",
    "—": "-",
    "－": "-",
    "ー": "-",
    "─": "-",
    "_": "_",
    "＿": "_",
    "~": "~",
    "～": "~",
    "〜": "~",
    "、": "、",
    ",": ",",
    "，": ",",
    ".": ".",
    "．": ".",
    "。": ".",
    "…": "...",
    "·": "·",
    "•": "·",
    "/": "/",
    "\u200b": "",
    "\u00ad": "",
}


INVISIBLE = {"\u200b", "\u00ad"}


@st.composite
def written_numbers(draw, digits: str) -> str:
    """A number as written: random group sizes, separator runs between the groups (never a lone
    dot before the last one or two digits of a group, which reads as a decimal point), a digit
    form for each group, maybe invisible characters inside."""
    groups, at = [], 0
    while at < len(digits):
        size = draw(st.integers(1, 8))
        groups.append(digits[at : at + size])
        at += size
    written = []
    for k, group in enumerate(groups):
        if k:
            run = draw(st.lists(st.sampled_from(sorted(SEPARATORS)), min_size=1, max_size=3))
            if "".join(SEPARATORS[s] for s in run) == "." and len(group) <= 2:
                run = [" "]  # a decimal point, to a reader: 110001.20 is an amount
            written.append("".join(run))
        form = draw(st.sampled_from(DIGIT_FORMS))
        written.append("".join(form[int(d)] if d.isdigit() else d for d in group))
    return "".join(written)


@st.composite
def numbers(draw) -> str:
    digits = draw(st.one_of(id_numbers(), mobiles(), cards()))
    return draw(written_numbers(digits))


FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@st.composite
def emails(draw) -> str:
    local = draw(st.from_regex(r"[a-z][a-z0-9]{1,6}([._][a-z0-9]{1,6})?", fullmatch=True))
    domain = draw(st.sampled_from(["163.com", "qq.com", "126.com", "sina.cn", "qingxi.gov.cn"]))
    at = draw(st.sampled_from(["@", "＠", " @ ", "(at)", "[at]", "（at）"]))
    dot = draw(st.sampled_from([".", "．", "。", " [dot] "]))
    text = local + at + domain.replace(".", dot)
    if draw(st.booleans()):
        text = "".join(FULL_WIDTH.get(ch, ch) for ch in text)
    return draw(st.sampled_from(["邮箱 ", "材料发至", "E-mail：", ""])) + text


@st.composite
def qq_numbers(draw) -> str:
    number = str(draw(st.integers(10**4, 10**11 - 1)))
    if draw(st.booleans()) and len(number) > 5:
        cut = draw(st.integers(1, len(number) - 1))
        number = number[:cut] + draw(st.sampled_from([" ", "-", "  ", "."])) + number[cut:]
    form = draw(st.sampled_from(DIGIT_FORMS[:9]))
    number = "".join(form[int(d)] if d.isdigit() else d for d in number)
    name = draw(st.sampled_from(["QQ", "qq", "ＱＱ", "扣扣", "企鹅号", "QQ号", "qq号码"]))
    return name + draw(st.sampled_from(["", "：", ":", " ", " 是 "])) + number


@st.composite
def wechat_ids(draw) -> str:
    name = draw(st.sampled_from(["微信", "微信号", "VX", "vx", "WX", "V信", "weixin", "WeChat"]))
    account = draw(st.from_regex(r"[a-zA-Z][a-zA-Z0-9_\-]{5,15}", fullmatch=True))
    return name + draw(st.sampled_from(["：", ":", " ", "号："])) + account


@st.composite
def home_phones(draw) -> str:
    local = str(draw(st.integers(2, 9))) + f"{draw(st.integers(0, 9999999)):07d}"
    if draw(st.booleans()):
        local = local[:4] + draw(st.sampled_from([" ", "-", ""])) + local[4:]
    area = draw(st.sampled_from(["", "0579-", "0579 ", "(0579)", "（0571）", "010-"]))
    name = draw(
        st.sampled_from(["家庭电话", "住宅电话", "宅电", "私人电话", "家里电话", "家中座机"])
    )
    return name + draw(st.sampled_from(["", "：", " ", "是"])) + area + local


NUMERALS = "〇一二三四五六七八九"


@st.composite
def house_numbers(draw) -> str:
    n = draw(st.integers(1, 30))
    form = draw(st.sampled_from(["ascii", "full", "chinese"]))
    if form == "full":
        return "".join(FULL_WIDTH[d] for d in str(n))
    if form == "chinese":
        return ("" if n < 10 else ("十" if n < 20 else NUMERALS[n // 10] + "十")) + (
            NUMERALS[n % 10] if n % 10 or n < 10 else ""
        )
    return str(n)


@st.composite
def addresses(draw) -> str:
    a, b, c = draw(house_numbers()), draw(house_numbers()), str(draw(st.integers(101, 2899)))
    person = draw(st.sampled_from(["住", "家住", "户主张某，", "村民李某住", "困难户住"]))
    shape = draw(st.sampled_from(["group", "unit", "room", "dashed"]))
    if shape == "group":
        return f"{person}溪口村{a}组{b}号"
    if shape == "unit":
        return f"{person}幸福小区{a}栋{b}单元{c}室"
    if shape == "room":
        return f"{person}人民路{a}号{b}幢{c}室"
    return f"{person}{draw(st.integers(1, 30))}-{draw(st.integers(1, 9))}-{c}室"


personal_data = st.one_of(
    numbers(), emails(), qq_numbers(), wechat_ids(), home_phones(), addresses()
)


@SETTINGS
@given(field=st.sampled_from(FIELDS), item=personal_data, before=st.sampled_from(["", "联系人"]))
def test_personal_data_in_any_field_is_an_error_at_its_line(field, item, before):
    relative, path = field
    raw, line = with_value(relative, path, before + item)
    problems = problems_of(relative, raw)
    errors = [p for p in problems if p.code.startswith("privacy.") and p.is_error]
    assert line in [p.line for p in errors], [p.text() for p in problems]
    assert all(item not in p.text() for p in problems)


@SETTINGS
@given(item=personal_data, before=st.sampled_from(["", "联系人", "备注："]))
def test_personal_data_on_a_page_fails_the_built_site_scan(tmp_path_factory, item, before):
    found = site_problems(tmp_path_factory.mktemp("site"), before + item)
    assert any(p.path.endswith("index.html") and p.is_error for p in found), item
    assert all(item not in p.text() for p in found)


# ---------------------------------------------------------------------------
# numbers that are nobody's

amounts = st.decimals(Decimal("0.01"), Decimal("99999999999.99"), places=2).flatmap(
    lambda d: st.sampled_from([money(d), f"{d:.2f}", f"{money(d)}元", f"{d:.2f}元"])
)
dates = st.dates(dt.date(1949, 10, 1), dt.date(2035, 12, 31)).flatmap(
    lambda d: st.sampled_from(
        [
            d.isoformat(),
            d.strftime("%Y%m%d"),
            f"{d.year}.{d.month}.{d.day}",
            f"{d.year}/{d.month:02d}/{d.day:02d}",
            f"{d.year}年{d.month}月{d.day}日",
        ]
    )
)
periods = st.tuples(st.integers(1990, 2035), st.integers(1, 12)).flatmap(
    lambda ym: st.sampled_from(
        [
            f"{ym[0]}-Q{(ym[1] - 1) // 3 + 1}",
            f"{ym[0]}-H{1 + (ym[1] > 6)}",
            f"{ym[0]}-{ym[1]:02d}",
            f"{ym[0]}年{ym[1]}月",
            f"{ym[0]}—{ym[0] + 2}年",
            f"{ym[0]}年度",
        ]
    )
)
document_numbers = st.tuples(
    st.sampled_from(["青党发", "浙委办发", "县委组", "国办发", "青政"]),
    st.integers(1990, 2035),
    st.integers(1, 999),
).flatmap(
    lambda t: st.sampled_from(
        [f"{t[0]}〔{t[1]}〕{t[2]}号", f"{t[0]}[{t[1]}]{t[2]}号", f"{t[0]}（{t[1]}）{t[2]}号"]
    )
)
ordinary_numbers = st.one_of(amounts, dates, periods, document_numbers)
JOINS = [" ", "、", "，", "；", "至", "~", " - ", "—", "到", "和", "\n", " / "]


@st.composite
def ordinary_texts(draw) -> str:
    items = draw(st.lists(ordinary_numbers, min_size=1, max_size=6))
    text = items[0]
    for item in items[1:]:
        text += draw(st.sampled_from(JOINS)) + item
    return text


@SETTINGS
@given(field=st.sampled_from(FIELDS), text=ordinary_texts())
def test_amounts_dates_periods_and_document_numbers_are_never_flagged(field, text):
    relative, path = field
    raw, _ = with_value(relative, path, text)
    assert [p.text() for p in problems_of(relative, raw) if p.code.startswith("privacy.")] == []


fingerprints = st.from_regex(r"[0-9a-f]{12}", fullmatch=True).map(
    lambda h: f"{h[:4]}-{h[4:8]}-{h[8:]}"
)


@SETTINGS
@given(text=ordinary_texts(), printed=st.lists(fingerprints, min_size=1, max_size=3))
def test_nor_on_a_page_with_the_sites_own_fingerprints(tmp_path_factory, text, printed):
    shown = text + "".join(f"，版本指纹 {f}" for f in printed)
    assert site_problems(tmp_path_factory.mktemp("site"), shown, printed) == []


# ---------------------------------------------------------------------------
# a real site built from such records

MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
SITE_EXAMPLES = int(os.environ.get("PRIVACY_SITE_EXAMPLES", "1"))


def site_fields() -> dict[str, list[tuple]]:
    """file → the paths of its free-text values that take 60 characters or more: room for a
    mark and any item without a schema error."""
    fields: dict[str, list[tuple]] = {}
    for relative, path in FIELDS:
        schema = type_of(relative).schema
        field = schema.root.at(path)
        assert field is not None  # FIELDS holds the paths of values the schema knows
        if field.maxlength is None or field.maxlength >= 60:
            fields.setdefault(relative, []).append(path)
    return fields


@pytest.mark.slow
@settings(max_examples=SITE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_personal_data_validation_missed_never_reaches_the_built_site(
    tmp_path_factory, monkeypatch, data
):
    """Every record file gets one item in one of its fields, after a mark (标记甲…) that shows
    where it lands. With validation's privacy scan turned off, the site is generated and built
    by MkDocs; wherever a mark is published, the built-site scan reports a number on its line."""
    root = tmp_path_factory.mktemp("site-project")
    copy_site_project(root)
    shutil.copytree(MINIMAL, root / "data")
    shutil.copytree(OTHER_TYPES, root / "data", dirs_exist_ok=True)
    placed = {}  # mark → (file, line, item)
    for n, (relative, paths) in enumerate(sorted(site_fields().items())):
        path = data.draw(st.sampled_from(paths))
        # An invisible character stops validation by itself (text.invisible-char): such an
        # item never reaches a build, so the items built here have none.
        item = data.draw(personal_data.filter(lambda text: not INVISIBLE & set(text)))
        mark = "标记" + MARKS[n]
        source = (root / "data" / relative).read_text(encoding="utf-8")
        start, end = load_bytes(source.encode(), relative).value_spans[path]
        quoted = json.dumps(mark + item, ensure_ascii=False)
        (root / "data" / relative).write_text(source[:start] + quoted + source[end:], "utf-8")
        placed[mark] = (relative, source.count("\n", 0, start) + 1, item)

    found = {(p.path, p.line) for p in validate(root / "data", TODAY).problems if p.is_error}
    for relative, line, item in placed.values():
        assert (f"{(root / 'data' / relative).as_posix()}", line) in found or (
            f"data/{relative}",
            line,
        ) in found, item

    with monkeypatch.context() as patched:
        patched.setattr(privacy, "scan_file", lambda *args, **kwargs: [])
        result = generate(root / "data", root / "docs", TODAY, use_history=False)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    site = root / "site"
    problems = scan_site(site, public_phones(result.site))
    reported = {(Path(p.path).resolve(), p.line) for p in problems}
    where: dict[str, set] = {mark: set() for mark in placed}  # mark → (file, line) it stands on
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".json", ".xml", ".txt", ".js"):
            continue
        lines = html.unescape(path.read_text(encoding="utf-8", errors="replace")).split("\n")
        for number, text in enumerate(lines, 1):
            for mark in placed:
                if mark in text:
                    where[mark].add((path.resolve(), 1 if path.suffix == ".json" else number))
    # A page repeats its headings in the theme's table of contents and links, which the scan
    # leaves to the article they come from: each item is reported on one line of its mark.
    for mark, (_, _, item) in placed.items():
        if where[mark]:
            assert where[mark] & reported, (item, sorted(where[mark])[:3])
    published = sum(1 for mark in placed if where[mark])
    assert published >= len(placed)  # every mark is on some page at least
