"""Chinese order of names: pinyin, and numbered units by their number."""

from __future__ import annotations

import pytest

from generators.model.collation import chinese_key, chinese_number, in_chinese_order
from generators.model.records import Record


def ordered(*names: str) -> list[str]:
    return sorted(names, key=chinese_key)


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("两", 2),
        ("二〇二五", 2025),
    ],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_numbered_units_sort_by_their_number():
    names = [
        "桃源村第十一党支部",
        "桃源村第二党支部",
        "桃源村第十党支部",
        "桃源村第一党支部",
        "桃源村第三党支部",
    ]
    assert ordered(*names) == [
        "桃源村第一党支部",
        "桃源村第二党支部",
        "桃源村第三党支部",
        "桃源村第十党支部",
        "桃源村第十一党支部",
    ]
    assert ordered("十组", "二组", "十二组") == ["二组", "十组", "十二组"]
    assert ordered("网格10", "网格2", "网格1") == ["网格1", "网格2", "网格10"]
    assert ordered("3号楼", "12号楼", "二号楼") == ["二号楼", "3号楼", "12号楼"]


def test_a_general_branch_comes_before_its_numbered_branches():
    assert ordered("桃源村第一党支部", "桃源村党总支") == ["桃源村党总支", "桃源村第一党支部"]


def test_names_sort_by_pinyin_not_by_character_code():
    names = [
        "上塘村",
        "云岭县青溪茶业有限公司党支部",
        "岭下村",
        "枫树湾村",
        "中共青溪镇委员会",
        "青溪社区",
    ]
    assert sorted(names) != ordered(*names)
    assert ordered(*names) == [
        "枫树湾村",
        "岭下村",
        "青溪社区",
        "上塘村",
        "云岭县青溪茶业有限公司党支部",
        "中共青溪镇委员会",
    ]


def test_numerals_that_count_nothing_are_read_as_words():
    # 十里铺 (shi li pu) is a place, 三会一课 a name: neither is a number.
    assert ordered("十里铺村", "石桥村", "三会一课", "沙滩村") == [
        "三会一课",
        "沙滩村",
        "十里铺村",
        "石桥村",
    ]


def test_characters_are_read_in_their_phrase():
    # 重 reads chong in 重庆 (a phrase pypinyin knows), zhong alone; 长 reads chang in 长乐.
    assert ordered("重庆路", "中心村") == ["重庆路", "中心村"]
    assert ordered("长乐村", "曹家村", "朝阳村") == ["曹家村", "长乐村", "朝阳村"]


def test_homophones_and_mixed_text_keep_a_fixed_order():
    assert ordered("石桥村", "十桥村") == ordered("十桥村", "石桥村")
    assert ordered("B区", "A区", "阿村") == ["A区", "阿村", "B区"]
    assert chinese_key("") == ()


def test_quotes_and_spaces_are_not_read():
    assert ordered("“五星三强”示范村创建", "头雁领航“师带徒”", "组建茶产业党建联盟") == [
        "头雁领航“师带徒”",
        "“五星三强”示范村创建",
        "组建茶产业党建联盟",
    ]
    assert chinese_key("上塘村 2025 年") == chinese_key("上塘村2025年")


def test_records_in_chinese_order_then_by_id():
    records = [
        Record(i, f"{i}.yaml", {"name": n})
        for i, n in (("z", "岭下村"), ("a", "上塘村"), ("b", "岭下村"))
    ]
    assert [r.id for r in in_chinese_order(records)] == ["b", "z", "a"]
