"""Privacy gate: ID numbers, mobiles and bank cards in record text and in the built site.

Every number here is fictional: ID numbers and card numbers are made up and
given a correct check character by the helpers below, which compute it
independently of the library under test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.check.validate import validate
from generators.privacy.personal import (
    BANK_CARD,
    CERTAIN,
    ID_NUMBER,
    LANDLINE,
    MOBILE,
    STRUCTURAL,
    scan_text,
)
from generators.privacy.scan import public_phones, scan_site
from generators.spec.registry import REGISTRY

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
TODAY = dt.date(2026, 1, 10)

# ---------------------------------------------------------------------------
# fictional numbers with correct check characters

_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def id_check(first17: str) -> str:
    """ISO 7064 mod 11-2, as GB 11643-1999 specifies."""
    value = (12 - sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(area: str = "110105", birth: str = "19800101", seq: str = "123") -> str:
    body = area + birth + seq
    return body + id_check(body)


def id_with_x(area: str = "330782", birth: str = "19750618") -> str:
    """An ID number whose check character is X."""
    for n in range(1000):
        number = make_id(area, birth, f"{n:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence number gives X")


def bad_check(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def make_card(prefix: str, length: int = 16, body_digit: str = "3") -> str:
    body = (prefix + body_digit * length)[: length - 1]
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


def kinds(text: str, today: dt.date = TODAY):
    return [(f.kind, f.certainty) for f in scan_text(text, today)]


def test_helpers_agree_with_the_standard_example():
    assert make_id("110105", "19491231", "002") == "11010519491231002X"
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


# ---------------------------------------------------------------------------
# resident ID numbers


def test_valid_id_number_is_certain_with_exact_span():
    number = make_id()
    text = f"申请人身份证{number}，已审核"
    [finding] = scan_text(text, TODAY)
    assert (finding.kind, finding.certainty) == (ID_NUMBER, CERTAIN)
    assert text[finding.start : finding.end] == finding.text == number
    assert finding.code == "privacy.id-number"
    assert finding.masked == number[:4] + "*" * 10 + number[-4:]


def test_id_number_check_character_x_upper_and_lower_case():
    number = id_with_x()
    assert kinds(number) == [(ID_NUMBER, CERTAIN)]
    [finding] = scan_text(f"号码 {number.lower()} 。", TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (ID_NUMBER, CERTAIN, number.lower())
    assert finding.digits == number


def test_id_number_in_full_width_digits_keeps_positions():
    number = make_id()
    full = "".join(chr(ord(c) - ord("0") + ord("０")) for c in number)
    text = f"证号：{full}。"
    [finding] = scan_text(text, TODAY)
    assert (finding.kind, finding.certainty) == (ID_NUMBER, CERTAIN)
    assert (finding.start, finding.end) == (3, 21)
    assert finding.text == full and finding.digits == number


def test_id_number_full_width_x():
    number = id_with_x()
    assert kinds(number[:-1] + "Ｘ") == [(ID_NUMBER, CERTAIN)]
    assert kinds(number[:-1] + "ｘ") == [(ID_NUMBER, CERTAIN)]


@pytest.mark.parametrize("separator", [" ", "-"])
def test_id_number_in_6_8_4_groups(separator):
    number = make_id()
    grouped = separator.join((number[:6], number[6:14], number[14:]))
    [finding] = scan_text(f"身份证 {grouped}", TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (ID_NUMBER, CERTAIN, grouped)


def test_id_number_with_wrong_check_character_is_structural():
    assert kinds(bad_check(make_id())) == [(ID_NUMBER, STRUCTURAL)]


@pytest.mark.parametrize(
    "birth", ["19900230", "19901301", "18991231"], ids=["no-such-day", "month-13", "before-1900"]
)
def test_id_number_with_impossible_birth_date_is_structural(birth):
    number = make_id(birth=birth)  # the check character is right
    assert kinds(number) == [(ID_NUMBER, STRUCTURAL)]


def test_id_number_born_after_today_is_structural():
    number = make_id(birth="20260301")
    assert kinds(number, today=dt.date(2026, 1, 10)) == [(ID_NUMBER, STRUCTURAL)]
    assert kinds(number, today=dt.date(2026, 3, 1)) == [(ID_NUMBER, CERTAIN)]


def test_id_number_inside_a_longer_run_of_digits_is_not_an_id():
    number = make_id()
    for text in ("9" + number, number + "7", "1" + number + "2", number[:-1]):
        assert ID_NUMBER not in [k for k, _ in kinds(text)], text


def test_eighteen_digits_with_neither_date_nor_check_is_not_an_id():
    body = "12345678999999999"  # birth part 78999999 is no date
    wrong = "1" if id_check(body) != "1" else "2"
    assert ID_NUMBER not in [k for k, _ in kinds(body + wrong)]


def test_id_number_that_is_also_a_valid_card_number_is_reported_once_as_id():
    # Area codes 62xxxx (Gansu) share the UnionPay prefix.
    for n in range(1000):
        number = make_id("620102", "19850412", f"{n:03d}")
        if number[-1] != "X" and luhn_ok(number):
            break
    assert kinds(number) == [(ID_NUMBER, CERTAIN)]


# ---------------------------------------------------------------------------
# mobile numbers


@pytest.mark.parametrize(
    "written",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+8613800138000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "008613800138000",
        "86 13800138000",
        "１３８００１３８０００",
        "１３８　００１３　８０００",
        "138－0013－8000",
    ],
)
def test_mobile_number_forms_are_certain(written):
    text = f"联系人电话：{written}。"
    [finding] = scan_text(text, TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (MOBILE, CERTAIN, written)
    assert text[finding.start : finding.end] == written
    assert finding.code == "privacy.mobile"


def test_mobile_number_mask_keeps_first_three_and_last_four():
    [finding] = scan_text("手机 +86 139 1234 5678", TODAY)
    assert finding.masked == "+86 139 **** 5678"


@pytest.mark.parametrize("number", ["14012345678", "15412345678"])
def test_mobile_shape_in_an_unallocated_range_is_structural(number):
    assert kinds(number) == [(MOBILE, STRUCTURAL)]


@pytest.mark.parametrize("text", ["123800138000", "2138001380000", "1380013800", "12800138000"])
def test_not_a_mobile(text):
    assert MOBILE not in [k for k, _ in kinds(text)]


@pytest.mark.parametrize(
    "written",
    [
        "0579-88601234",
        "0579 88601234",
        "(0579)88601234",
        "（0579）88601234",
        "010-62345678",
        "021-52345678",
    ],
)
def test_fixed_line_number_is_a_structural_landline(written):
    [finding] = scan_text(f"联系电话 {written}", TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (LANDLINE, STRUCTURAL, written)


# ---------------------------------------------------------------------------
# bank cards


@pytest.mark.parametrize(
    "prefix, length",
    [
        ("6222", 16),
        ("6228", 19),
        ("4367", 16),
        ("5324", 16),
        ("2221", 16),
        ("9558", 19),
        ("6013", 19),
        ("3528", 16),
    ],
)
def test_luhn_valid_card_with_known_prefix_is_certain(prefix, length):
    card = make_card(prefix, length)
    [finding] = scan_text(f"收款卡号{card}", TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (BANK_CARD, CERTAIN, card)
    assert finding.code == "privacy.bank-card"


@pytest.mark.parametrize("separator", [" ", "-"])
def test_card_number_in_groups_of_four(separator):
    card = make_card("6217", 19)
    grouped = separator.join(card[i : i + 4] for i in range(0, 19, 4))
    [finding] = scan_text(f"卡号 {grouped} 户名", TODAY)
    assert (finding.kind, finding.certainty, finding.text) == (BANK_CARD, CERTAIN, grouped)
    assert finding.masked == separator.join(["6217", "****", "****", "***" + card[15], card[16:]])


def test_card_number_luhn_valid_but_unknown_prefix_is_structural():
    assert kinds(make_card("9912", 16)) == [(BANK_CARD, STRUCTURAL)]


def test_card_number_known_prefix_but_luhn_invalid_is_structural():
    card = make_card("6222", 16)
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert kinds(wrong) == [(BANK_CARD, STRUCTURAL)]


def test_unknown_prefix_and_luhn_invalid_is_ignored():
    card = make_card("9912", 16)
    assert kinds(card[:-1] + str((int(card[-1]) + 1) % 10)) == []


def test_twenty_digits_are_not_a_card():
    assert kinds(make_card("6222", 19) + "0") == []


# ---------------------------------------------------------------------------
# ordinary record text is left alone


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-01",
        "2025-03-01至2025-12-31",
        "2021-05-27 2026-05-27",
        "20250301",
        "20250301-20251231",
        "12345.67",
        "1,234,567.89",
        "60000.00",
        "13800138000.00",
        "金额 12345678901.23 元",
        "0.13800138000",
        "青党发〔2025〕3号",
        "浙委办发〔2025〕12号",
        "wuxing-sanqiang-2025",
        "qingxi-shequ-caiwu-2025-q3",
        "2025-Q3",
        "2025-H1",
        "2025-03",
        "2025年",
        "2025年度",
        "党员总数 86 名",
        "覆盖率100%",
        "第一季度学习覆盖率88%。",
        "户籍户数 805 户，户籍人口 2683 人",
        "12345 政务服务热线",
        "举报电话 12388",
        "400-800-1234",
        "邮编 322200",
        "13:00-18:00",
        "2025年3月1日至12月31日",
        "每人每月1180元",
        "1180.00",
        "第1-3项",
        "2025-2026学年",
        "v1.13.8",
        "共 3 个村 11 个网格 805 户",
    ],
)
def test_ordinary_text_has_no_findings(text):
    assert scan_text(text, TODAY) == []


def test_text_without_digits_is_fast_path():
    assert scan_text("对未参学党员逐一电话提醒。", TODAY) == []
    assert scan_text("", TODAY) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789０１２３４５６７８９ -+.()（）Xx年月日号元村")))
def test_findings_always_point_at_their_text(text):
    for finding in scan_text(text, TODAY):
        assert text[finding.start : finding.end] == finding.text
        assert finding.certainty in (CERTAIN, STRUCTURAL)


@settings(max_examples=100, deadline=None)
@given(
    prefix=st.text(alphabet="党员村委会，。：:（）", max_size=5),
    suffix=st.text(alphabet="党员村委会，。：:（）", max_size=5),
    birth=st.dates(dt.date(1900, 1, 1), TODAY),
    seq=st.integers(0, 999),
)
def test_any_valid_id_number_between_words_is_certain(prefix, suffix, birth, seq):
    number = make_id("330782", birth.strftime("%Y%m%d"), f"{seq:03d}")
    assert kinds(prefix + number + suffix) == [(ID_NUMBER, CERTAIN)]


# ---------------------------------------------------------------------------
# records


@pytest.fixture
def sample(tmp_path) -> Path:
    """A copy of the sample data folder."""
    shutil.copytree(SAMPLE, tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, old: str, new: str) -> int:
    """Replaces the one occurrence of `old` and returns its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def privacy_problems(data_dir: Path):
    result = validate(data_dir, TODAY)
    return result, [p for p in result.problems if p.code.startswith("privacy.")]


@pytest.fixture(scope="module")
def sample_validation():
    return validate(SAMPLE, TODAY)


def test_sample_data_has_no_findings(sample_validation):
    assert [p for p in sample_validation.problems if p.code.startswith("privacy.")] == []


def test_id_number_in_a_village_name_is_an_error_at_its_line(sample):
    number = make_id()
    line = edit(sample / "villages/xikou.yaml", "name: 溪口村", f"name: 溪口村{number}")
    result, found = privacy_problems(sample)
    # The schema has nothing against it; validation fails on the privacy scan alone.
    assert [p for p in result.problems if p.is_error] == found
    [problem] = found
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        "privacy.id-number",
        "error",
        line,
        10,
    )
    assert problem.path.endswith("data/villages/xikou.yaml")
    assert (problem.field, problem.label) == ("name", "名称")
    assert (
        problem.message
        == f"这里像是居民身份证号码（{number[:4]}**********{number[-4:]}），公开网站不得发布个人身份证号"
    )
    assert problem.fix == "删除身份证号；公开信息只写姓名和职务"


def test_mobile_in_a_task_update_note_is_an_error_at_its_line(sample):
    task = sample / "tasks/wuxing-sanqiang-2025/suzhi-liudong-xuexi.yaml"
    line = edit(
        task,
        "note: 对未参学党员逐一电话提醒。",
        "note: 对未参学党员逐一电话提醒，联系人 138-0013-8000。",
    )
    _, found = privacy_problems(sample)
    [problem] = found
    assert (problem.code, problem.severity, problem.line) == ("privacy.mobile", "error", line)
    assert (problem.field, problem.label) == ("updates[2].note", "进展情况 第3项 › 进展说明")
    assert "138-****-8000" in problem.message and "13800138000" not in problem.message


def test_id_number_with_a_wrong_check_character_is_an_error_too(sample):
    # A mistyped ID number is still someone's ID number.
    task = sample / "tasks/wuxing-sanqiang-2025/suzhi-liudong-xuexi.yaml"
    line = edit(task, "note: 补学2人。", f"note: 补学2人（{bad_check(make_id())}）。")
    _, found = privacy_problems(sample)
    assert [(p.code, p.severity, p.line) for p in found] == [
        ("privacy.id-number-shape", "error", line)
    ]
    assert found[0].message.startswith("这里有一串像居民身份证号码的数字（1101**********")


def test_bank_card_in_a_disclosure_is_an_error(sample):
    card = make_card("6228", 19)
    disclosure = sample / "disclosures/2025/xikou-dibao-2025-q4.yaml"
    line = edit(
        disclosure, "表中金额为每户每月保障金。", f"表中金额为每户每月保障金，打入卡号 {card}。"
    )
    _, found = privacy_problems(sample)
    assert [(p.code, p.severity, p.line, p.field) for p in found] == [
        ("privacy.bank-card", "error", line, "items[0].content")
    ]


def test_landline_outside_a_public_phone_field_is_a_warning(sample):
    task = sample / "tasks/wuxing-sanqiang-2025/suzhi-liudong-xuexi.yaml"
    line = edit(task, "note: 补学2人。", "note: 补学2人，咨询 0579-88605678。")
    _, found = privacy_problems(sample)
    assert [(p.code, p.severity, p.line) for p in found] == [("privacy.landline", "warning", line)]
    assert found[0].message.startswith("这里像是固定电话号码（0579-8860****）")


def test_public_phone_field_may_hold_a_phone_but_not_an_id_number(sample):
    village = sample / "villages/xikou.yaml"
    text = village.read_text(encoding="utf-8")
    assert "office_phone: 0579-88601306" in text  # declared public: no finding in the sample
    line = edit(village, "office_phone: 0579-88601306", f"office_phone: {make_id()}")
    result, found = privacy_problems(sample)
    assert any(p.code == "schema.pattern" for p in result.problems)
    assert [(p.code, p.severity, p.line) for p in found] == [("privacy.id-number", "error", line)]


def test_mobile_in_a_public_phone_field_is_not_a_privacy_problem(sample):
    edit(sample / "villages/xikou.yaml", "office_phone: 0579-88601306", "office_phone: 13800138000")
    result, found = privacy_problems(sample)
    assert found == []
    assert any(
        p.code == "schema.pattern" for p in result.problems
    )  # the schema still wants a landline


def test_mobile_in_an_integer_field_is_found(sample):
    line = edit(sample / "villages/xikou.yaml", "households: 805", "households: 13800138000")
    _, found = privacy_problems(sample)
    assert [(p.code, p.line, p.field) for p in found] == [("privacy.mobile", line, "households")]


def test_record_with_schema_errors_and_misspelt_fields_is_scanned_too(sample):
    line = edit(
        sample / "villages/xikou.yaml", "households: 805", "households: 805\ncontact: 13800138000"
    )
    result, found = privacy_problems(sample)
    assert any(p.code == "schema.unknown-field" for p in result.problems)
    assert [(p.code, p.line, p.field) for p in found] == [("privacy.mobile", line + 1, "contact")]


def test_several_numbers_in_one_value_are_each_reported(sample):
    task = sample / "tasks/wuxing-sanqiang-2025/suzhi-liudong-xuexi.yaml"
    edit(task, "note: 补学2人。", f"note: 补学2人，{make_id()}，13800138000，{make_card('6222')}。")
    _, found = privacy_problems(sample)
    assert sorted(p.code for p in found) == [
        "privacy.bank-card",
        "privacy.id-number",
        "privacy.mobile",
    ]


def test_public_phones_are_collected_from_declared_fields(sample_validation):
    phones = public_phones(sample_validation.records)
    assert "057988601234" in phones  # the township office
    assert "057988601306" in phones  # a village office
    assert all(p.startswith("0579") for p in phones)


def test_only_types_with_a_public_phone_field_anywhere_are_read_for_phones():
    holding = {t.name for t in REGISTRY if t.schema.root.has_public_phone}
    assert {"township", "village"} <= holding  # their offices' phones
    assert not {"task", "disclosure"} & holding  # the most numerous records: never walked
    for t in REGISTRY:
        declared = any(f.public_phone for _, f in _fields_under(t.schema.root))
        assert t.schema.root.has_public_phone == declared, t.name


def _fields_under(field, path=()):
    yield path, field
    for name, inner in field.fields.items():
        yield from _fields_under(inner, path + (name,))
    if field.item is not None:
        yield from _fields_under(field.item, path + (0,))


def test_public_phones_from_the_site_model_match_the_records(sample_validation):
    from generators.model.site import build_model

    site = build_model(sample_validation.records, TODAY, {}, REGISTRY)
    assert public_phones(site) == public_phones(sample_validation.records)


# ---------------------------------------------------------------------------
# the built site


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PAGE = """<!doctype html>
<html><head><title>溪口村</title>
<meta name="description" content="溪口村基本情况">
<script>var config = {"id": "13800138000"};</script>
</head>
<body>
<p>办公电话：0579-88601306</p>
<table><tr><td>2025</td><td>805</td></tr></table>
<p>联系人 139 1234 5678</p>
<p>{extra}</p>
</body></html>
"""


def test_scan_site_finds_numbers_in_page_text_and_search_index(tmp_path):
    site = tmp_path / "site"
    number = make_id()
    write(site / "index.html", PAGE.replace("{extra}", "无"))
    write(
        site / "villages/xikou/index.html", PAGE.replace("{extra}", f"身份证号&#49;{number[1:]}")
    )  # entities are decoded
    write(
        site / "search/search_index.json",
        json.dumps(
            {
                "config": {"lang": ["zh"]},
                "docs": [
                    {
                        "location": "villages/xikou/",
                        "title": "溪口村",
                        "text": f"<p>卡号 {make_card('6222')}</p>",
                    }
                ],
            },
            ensure_ascii=False,
        ),
    )
    write(site / "assets/javascripts/extra.js", "// 联系 13800138000\nvar x = 1;")
    found = scan_site(site, {"0579-88601306", "139-1234-5678"})
    assert [
        (p.path.removeprefix(site.as_posix() + "/"), p.line, p.code, p.severity) for p in found
    ] == [
        ("assets/javascripts/extra.js", 1, "site.mobile", "error"),
        ("search/search_index.json", 1, "site.bank-card", "error"),
        ("villages/xikou/index.html", 10, "site.id-number", "error"),
    ]
    assert "/villages/xikou/" in found[1].message
    assert found[2].fix == "在 data/ 中找到这个号码所在的记录，删除后重新构建网站"


def test_scan_site_on_every_core_finds_what_one_process_finds(tmp_path, monkeypatch):
    """A county site is scanned by worker processes: the same problems, in the same order, the same verdicts."""
    import generators.privacy.scan as privacy_module

    site = tmp_path / "site"
    for n in range(12):
        extra = (
            f"手机 1380013{n:04d}"
            if n % 3 == 0
            else ("身份证号 " + make_id() if n % 4 == 1 else "无")
        )
        write(site / f"pages/p{n}/index.html", PAGE.replace("{extra}", extra))
    write(
        site / "search/search_index.json",
        json.dumps(
            {
                "config": {},
                "docs": [{"location": "pages/p1/", "title": "甲", "text": "手机 13900139000"}],
            },
            ensure_ascii=False,
        ),
    )
    serial_clean: set[str] = set()
    parallel_clean: set[str] = set()
    public = {"0579-88601306", "139-1234-5678"}
    serial = scan_site(site, public, clean=serial_clean)
    monkeypatch.setattr(privacy_module, "SCAN_IN_WORKERS_FROM", 1)
    monkeypatch.setenv("DANGJIAN_WORKERS", "2")
    in_workers = scan_site(site, public, clean=parallel_clean)
    assert (
        in_workers == serial and len({p.path for p in serial}) == 7
    )  # p0 p1 p3 p5 p6 p9, the index
    assert parallel_clean == serial_clean and serial_clean


def test_downloads_scanned_ahead_give_only_verdicts_the_site_scan_gives(tmp_path):
    """While MkDocs builds, the downloads it will copy as they are (docs/generated/) are scanned
    ahead: each verdict made there is one the site's scan makes for the same path and bytes, a
    file with a personal number gets none, and a file changed after it was scanned ahead is read
    again."""
    from generators.privacy.scan import scan_ahead

    generated, site = tmp_path / "generated", tmp_path / "site"
    public = {"0579-88601306", "139-1234-5678"}
    files = {
        "data/offices.csv": "名称,电话\n青溪镇党委,0579-88601306\n",
        "data/cards.csv": f"名称,卡号\n乙,{make_card('6222')}\n",
        "data/tasks.json": json.dumps([{"title": "修路", "note": "无"}], ensure_ascii=False),
        "feeds/all.xml": "<feed><title>公开</title></feed>",
        "verify/fingerprints.json": json.dumps({"f14597350190": {"number": 1}}),
    }
    for relative, text in files.items():
        write(generated / relative, text)
        write(site / relative, text)
    write(site / "index.html", PAGE.replace("{extra}", "版本指纹 f145-9735-0190"))
    shas = {r: hashlib.sha256(t.encode()).hexdigest() for r, t in files.items()}
    ahead: set[str] = set()
    assert scan_ahead(generated, shas, public, ahead) == 5  # every file read once
    site_clean: set[str] = set()
    problems = scan_site(site, public, clean=site_clean)
    assert [(p.code, p.path) for p in problems] == [
        ("site.bank-card", (site / "data/cards.csv").as_posix())
    ]
    assert ahead and ahead < site_clean  # the page's and the cards' are not made ahead
    assert scan_site(site, public, clean=set(ahead)) == problems
    # scanned ahead again: what has a verdict is not read, and nothing new is added
    again = set(ahead)
    assert scan_ahead(generated, shas, public, again) == 1 and again == ahead
    # changed in the site after it was scanned ahead: read again, its number found
    write(site / "data/offices.csv", f"名称,身份证号\n甲,{make_id()}\n")
    assert [p.code for p in scan_site(site, public, clean=set(ahead))] == [
        "site.bank-card",
        "site.id-number",
    ]
    # a hash given wrong: the verdict is of the bytes read, which the site's scan then finds
    write(site / "data/offices.csv", files["data/offices.csv"])
    wrong = dict(shas, **{"feeds/all.xml": "0" * 64})
    for folder in (generated, site):
        write(folder / "feeds/all.xml", "<feed><title>新公开</title></feed>")
    fresh: set[str] = set()
    scan_ahead(generated, wrong, public, fresh)
    site_clean = set()
    scan_site(site, public, clean=site_clean)
    assert fresh < site_clean


def test_scan_site_skips_files_copied_unchanged_from_the_theme(tmp_path):
    import material

    theme = Path(material.__file__).parent / "templates"
    bundle = next((theme / "assets" / "javascripts").glob("bundle.*.min.js"))
    site = tmp_path / "site"
    copied = write(site / bundle.relative_to(theme), "")
    copied.write_bytes(bundle.read_bytes())
    assert scan_site(site) == []
    copied.write_bytes(bundle.read_bytes() + b"/* 13800138000 */")
    assert [p.code for p in scan_site(site)] == ["site.mobile"]


def test_scan_site_reports_a_mobile_not_declared_public(tmp_path):
    site = tmp_path / "site"
    write(site / "index.html", PAGE.replace("{extra}", "无"))
    [problem] = scan_site(site, {"0579-88601306"})
    assert (problem.code, problem.line) == ("site.mobile", 9)
    assert "139 **** 5678" in problem.message


def test_scan_site_joins_text_split_by_inline_tags_but_not_table_cells(tmp_path):
    site = tmp_path / "site"
    write(site / "a/index.html", "<p>电话 138<strong>0013</strong>8000</p>")
    write(site / "b/index.html", "<table><tr><td>2025</td><td>13800138000</td></tr></table>")
    found = scan_site(site)
    assert [(p.path.rsplit("/", 2)[-2], p.code) for p in found] == [
        ("a", "site.mobile"),
        ("b", "site.mobile"),
    ]


def test_scan_site_reads_telling_attributes(tmp_path):
    site = tmp_path / "site"
    write(
        site / "index.html",
        '<a href="tel:+8613800138000" title="电话">拨打</a>\n'
        '<img alt="卡号6222" src="a.png">\n<a href="/2025/13800138000/">链接</a>',
    )
    assert [(p.code, p.line) for p in scan_site(site)] == [("site.mobile", 1)]


def test_scan_site_reports_numbers_that_only_have_the_shape_but_not_landlines(tmp_path):
    site = tmp_path / "site"
    write(
        site / "index.html",
        f"<p>{bad_check(make_id())}</p>\n<p>14012345678</p>\n<p>0579-88605678</p>",
    )
    assert [(p.code, p.line) for p in scan_site(site)] == [
        ("site.id-number", 1),
        ("site.mobile", 2),
    ]


SHELL = ("mkdocs.yml", "docs", "overrides")


@pytest.mark.slow
def test_built_sample_site_is_clean_and_a_planted_number_fails_it(tmp_path):
    from generators.pipeline import generate

    for name in SHELL:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("generated", "__pycache__")
            )
        else:
            shutil.copy2(source, tmp_path / name)
    result = generate(SAMPLE, tmp_path / "docs", TODAY, use_history=False)
    assert result.ok, result.problems
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    site = tmp_path / "site"
    allowed = public_phones(result.site)
    assert "057988601234" in allowed
    assert scan_site(site, allowed) == []
    page = site / "villages" / "xikou" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("溪口村", f"溪口村{make_id()}", 1), encoding="utf-8")
    assert [p.code for p in scan_site(site, allowed)] == ["site.id-number"]


def test_id_number_in_a_yaml_comment_is_an_error_at_its_line(sample):
    number = make_id()
    path = sample / "villages/xikou.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: 溪口村", f"name: 溪口村  # 联系人身份证 {number}", 1), encoding="utf-8"
    )
    line = next(
        i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if number in row
    )
    result = validate(sample, TODAY)
    [problem] = [p for p in result.problems if p.code == "privacy.id-number"]
    assert (problem.line, problem.label, problem.severity) == (line, "注释", "error")
    assert problem.fix.endswith("（注释也会随数据仓库公开）") and number not in problem.message


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("0123456789１３８ -.()/\n\t+Xx")
            + [
                "\u3000",
                "\u00ad",
                "\u200b",
                "\u2015",
                "一",
                "三",
                "八",
                "〇",
                "𝟏",
                "①",
                "⑩",
                "\u00a0",
                "·",
                "村",
                "号",
                "a",
                ":",
                "#",
                "\n    ",
                "13812345678",
            ]
        )
    ).map("".join)
)
def test_the_quick_no_never_hides_a_number(text):
    from generators.privacy.personal import may_hold_personal_data

    if any(f.personal for f in scan_text(text, TODAY)):
        assert may_hold_personal_data(text)


def test_scan_site_with_verdicts_reads_again_only_what_changed(tmp_path):
    site = tmp_path / "site"
    public = {"0579-88601306", "139-1234-5678"}
    write(site / "index.html", PAGE.replace("{extra}", "无"))
    docs = [{"location": "a/", "title": "甲", "text": "<p>无</p>"}]
    index = {"config": {"lang": ["zh"]}, "docs": docs}
    write(site / "search/search_index.json", json.dumps(index, ensure_ascii=False))
    clean: set[str] = set()
    assert scan_site(site, public, clean=clean) == []
    assert len(clean) == 3  # the page, the index, its one entry
    # a new search entry with a card number: found, though the other entry is not read again
    docs.append({"location": "b/", "title": "乙", "text": f"<p>卡号 {make_card('6222')}</p>"})
    write(site / "search/search_index.json", json.dumps(index, ensure_ascii=False))
    assert [p.code for p in scan_site(site, public, clean=clean)] == ["site.bank-card"]
    # a page whose recorded hash is known is not read; one not known is read and found
    page = site / "index.html"
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    page.write_text(PAGE.replace("{extra}", f"身份证号 {make_id()}"), encoding="utf-8")
    docs.pop()
    write(site / "search/search_index.json", json.dumps(index, ensure_ascii=False))
    assert scan_site(site, public, clean=set(clean), known={"index.html": sha}) == []
    assert [p.code for p in scan_site(site, public, clean=clean)] == ["site.id-number"]
    # other public phones: no verdict holds, every file is read again
    page.write_text(PAGE.replace("{extra}", "无"), encoding="utf-8")
    assert scan_site(site, public, clean=clean) == []
    assert [p.code for p in scan_site(site, {"0579-88601306"}, clean=clean)] == ["site.mobile"]


FINGERPRINT_PAGE = """<html><body>
<p>版本指纹 <strong>{shown}</strong></p>
</body></html>
"""


def test_the_sites_own_version_fingerprints_are_not_read_as_mobile_numbers(tmp_path):
    # f145-9735-0190 came from a real build: 145-9735-0190 is shaped like a mobile.
    site = tmp_path / "site"
    write(
        site / "verify/fingerprints.json",
        json.dumps({"f14597350190": {"url": "/disclosures/a/v1/"}}),
    )
    write(
        site / "disclosures/a/index.html", FINGERPRINT_PAGE.format(shown="f145&#45;9735&#45;0190")
    )
    write(
        site / "search/search_index.json",
        json.dumps(
            {
                "config": {"lang": ["zh"]},
                "docs": [
                    {
                        "location": "disclosures/a/",
                        "title": "公开",
                        "text": "<p>版本指纹 f145-9735-0190</p>",
                    }
                ],
            }
        ),
    )
    assert scan_site(site) == []


def test_only_the_sites_own_fingerprints_are_left_unread(tmp_path):
    site = tmp_path / "site"
    write(
        site / "verify/fingerprints.json",
        json.dumps({"a00000000000": {"url": "/disclosures/a/v1/"}}),
    )
    write(
        site / "disclosures/a/index.html", FINGERPRINT_PAGE.format(shown="f145&#45;9735&#45;0190")
    )
    assert [(p.code, p.line) for p in scan_site(site)] == [("site.mobile", 2)]
    write(site / "verify/fingerprints.json", "不是 JSON 13800138000")
    assert sorted(p.code for p in scan_site(site)) == ["site.mobile", "site.mobile"]
