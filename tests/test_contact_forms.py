"""E-mail addresses, QQ and WeChat ids, home phones and house addresses: errors at their line,
masked, and caught on the built site too; what only looks like them is left alone.

Each written form goes into a real record through `validate()` and the problem
is asserted whole: code, line, column and the masked Chinese message. The same
form in a built page and in the search index fails the built-site scan. Every
address, id and number here is made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TASK, VILLAGE
from pagefinddata import write_fragment

from generators.privacy.scan import scan_site

MESSAGES = {
    "privacy.email": "这里像是电子邮箱地址（{}），公开网站不得发布个人联系方式",
    "privacy.qq": "这里像是 QQ 号（{}），公开网站不得发布个人联系方式",
    "privacy.wechat": "这里像是微信号（{}），公开网站不得发布个人联系方式",
    "privacy.home-phone": "这里像是家庭电话（{}），公开网站不得发布个人电话",
    "privacy.address": "这里像是家庭住址（{}），公开网站不得发布个人住址",
}

# (case id, as written, the part found, code, that part masked)
FORMS = [
    (
        "email",
        "材料发至 zhangsan1990@163.com",
        "zhangsan1990@163.com",
        "privacy.email",
        "zh**********@163.com",
    ),
    (
        "email-dotted-name",
        "邮箱 Zhang.San@qq.com",
        "Zhang.San@qq.com",
        "privacy.email",
        "Zh***.***@qq.com",
    ),
    ("email-digits", "邮箱 20231688@qq.com", "20231688@qq.com", "privacy.email", "20******@qq.com"),
    (
        "email-full-width",
        "邮箱 ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ",
        "ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ",
        "privacy.email",
        "ｚｈ******＠１６３．ｃｏｍ",
    ),
    (
        "email-at-in-brackets",
        "邮箱 zhangsan(at)163.com",
        "zhangsan(at)163.com",
        "privacy.email",
        "zh******(at)163.com",
    ),
    (
        "email-spelt-out",
        "邮箱 zhangsan [at] 163 [dot] com",
        "zhangsan [at] 163 [dot] com",
        "privacy.email",
        "zh****** [at] 163 [dot] com",
    ),
    (
        "email-ideographic-stop",
        "邮箱 zhangsan@163。com",
        "zhangsan@163。com",
        "privacy.email",
        "zh******@163。com",
    ),
    (
        "email-hash-for-at",
        "邮箱 zhangsan#qq.com（#换成@）",
        "zhangsan#qq.com",
        "privacy.email",
        "zh******#qq.com",
    ),
    ("email-short-name", "邮箱 ab@qq.com", "ab@qq.com", "privacy.email", "a*@qq.com"),
    ("qq", "有问题加 QQ：20231688", "20231688", "privacy.qq", "20****88"),
    ("qq-lower-case-grouped", "qq号 2023 1688", "2023 1688", "privacy.qq", "20** **88"),
    ("qq-full-width", "ＱＱ２０２３１６８８", "２０２３１６８８", "privacy.qq", "２０****８８"),
    ("qq-kou-kou", "扣扣20231688", "20231688", "privacy.qq", "20****88"),
    ("qq-penguin", "企鹅号：20231688", "20231688", "privacy.qq", "20****88"),
    ("qq-five-digits", "QQ 10086", "10086", "privacy.qq", "10*86"),
    ("wechat", "联系微信 zhanghua_88", "zhanghua_88", "privacy.wechat", "zh******_88"),
    ("wechat-number-word", "微信号：zhanghua-88", "zhanghua-88", "privacy.wechat", "zh******-88"),
    ("wechat-vx", "VX：zhanghua88", "zhanghua88", "privacy.wechat", "zh******88"),
    ("wechat-wx", "wx:zhanghua88", "zhanghua88", "privacy.wechat", "zh******88"),
    ("wechat-v-xin", "V信 zhanghua88", "zhanghua88", "privacy.wechat", "zh******88"),
    ("wechat-pinyin", "weixin：zhanghua88", "zhanghua88", "privacy.wechat", "zh******88"),
    ("wechat-english", "WeChat ID：zhanghua88", "zhanghua88", "privacy.wechat", "zh******88"),
    ("wechat-number", "微信 20231688", "20231688", "privacy.wechat", "20****88"),
    ("wechat-wxid", "加 wxid_abcd1234", "wxid_abcd1234", "privacy.wechat", "wx**_******34"),
    (
        "home-phone-local",
        "网格长家庭电话 8860 5678",
        "8860 5678",
        "privacy.home-phone",
        "8860 ****",
    ),
    (
        "home-phone-area-code",
        "住宅电话：0579-8860-5678",
        "0579-8860-5678",
        "privacy.home-phone",
        "0579-8860-****",
    ),
    (
        "home-phone-brackets",
        "宅电(0579)88605678",
        "(0579)88605678",
        "privacy.home-phone",
        "(0579)8860****",
    ),
    ("home-phone-private", "私人电话 88605678", "88605678", "privacy.home-phone", "8860****"),
    (
        "home-phone-is",
        "家里电话是８８６０５６７８",
        "８８６０５６７８",
        "privacy.home-phone",
        "８８６０****",
    ),
    ("address-group", "走访困难户（住溪口村3组15号）", "3组15号", "privacy.address", "*组**号"),
    ("address-group-numerals", "家住三组十二号", "三组十二号", "privacy.address", "*组**号"),
    (
        "address-group-spaced",
        "村民张某住 3 组 15 号",
        "3 组 15 号",
        "privacy.address",
        "* 组 ** 号",
    ),
    (
        "address-unit-room",
        "幸福小区5栋2单元301室",
        "5栋2单元301室",
        "privacy.address",
        "*栋*单元***室",
    ),
    (
        "address-number-room",
        "幸福路12号3幢201室",
        "12号3幢201室",
        "privacy.address",
        "**号*幢***室",
    ),
    ("address-building-unit", "3号楼2单元502", "3号楼2单元502", "privacy.address", "*号楼*单元***"),
    ("address-dashed", "困难户住3-2-301室", "3-2-301室", "privacy.address", "*-*-***室"),
    ("address-full-width", "家住３组１５号", "３组１５号", "privacy.address", "*组**号"),
]
CONTENT_LINE = 5  # `content:` in the minimal task
PREFIX = "content: "

each_form = pytest.mark.parametrize(
    "written, part, code, masked", [f[1:] for f in FORMS], ids=[f[0] for f in FORMS]
)


def privacy_problems(dataset):
    return [p for p in dataset.validate().problems if p.code.startswith("privacy.")]


@each_form
def test_written_form_is_an_error_at_its_line_with_a_masked_message(
    dataset, written, part, code, masked
):
    dataset.replace(TASK, "content: 每个网格建立党小组", f"{PREFIX}{written}")
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        code,
        "error",
        CONTENT_LINE,
        len(PREFIX) + written.index(part) + 1,
    )
    assert (problem.field, problem.label) == ("content", "任务内容")
    assert problem.message == MESSAGES[code].format(masked)
    assert part not in problem.text()


def page(site: Path, written: str) -> None:
    path = site / "tasks" / "t" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text(
        f"<html><head><title>任务</title></head><body>\n<article>\n<p>{written}</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    write_fragment(site, "tasks/t/", "任务", written)  # the search's copy of the page's text


@each_form
def test_written_form_fails_the_built_site_scan(tmp_path, written, part, code, masked):
    page(tmp_path / "site", written)
    found = scan_site(tmp_path / "site")
    site_code = code.replace("privacy.", "site.")
    assert [(Path(p.path).name, p.line, p.code) for p in found] == [
        ("page.pf_fragment", 1, site_code),
        ("index.html", 3, site_code),
    ]
    assert all(masked in p.message and part not in p.message for p in found)


ALIKE = [
    "加入 QQ群：20231688 参加学习",
    "关注微信公众号 qingxifabu 查看",
    "通过微信、电话、上门等方式通知",
    "建立微信群 12 个",
    "会议在镇政府2号楼201室召开",
    "党群服务中心1号楼102室办理",
    "村委会2组3号办公",
    "2号会议室",
    "第三组第二号议案",
    "分为1组12号至2组20号",
    "附件 photo@2x.png",
    "电话提醒 12 人",
    "举报电话 12388",
    "服务热线 12345",
    "邮编 322200",
    "青党发〔2025〕3号",
]


@pytest.mark.parametrize("text", ALIKE)
def test_what_only_looks_like_contact_data_is_left_alone(dataset, tmp_path, text):
    dataset.replace(TASK, "content: 每个网格建立党小组", f"{PREFIX}{text}")
    assert privacy_problems(dataset) == []
    page(tmp_path / "site", text)
    assert scan_site(tmp_path / "site") == []


def test_a_local_number_after_a_phone_word_is_a_landline_warning(dataset, tmp_path):
    dataset.replace(TASK, "content: 每个网格建立党小组", f"{PREFIX}咨询电话 8860 5678")
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.severity, problem.line) == (
        "privacy.landline",
        "warning",
        CONTENT_LINE,
    )
    assert "8860 ****" in problem.message
    page(tmp_path / "site", "咨询电话 8860 5678")
    assert scan_site(tmp_path / "site") == []  # an office's phone, as far as the site can tell


@pytest.mark.parametrize(
    "key, value, code, masked",
    [
        ("qq", "20231688", "privacy.qq", "20****88"),
        ("微信", "zhanghua88", "privacy.wechat", "zh******88"),
        ("家庭电话", "88605678", "privacy.home-phone", "8860****"),
    ],
)
def test_a_key_names_what_its_value_holds(dataset, key, value, code, masked):
    dataset.replace(TASK, "status: 推进中", f"status: 推进中\n{key}: {value}")
    line = dataset.read(TASK).splitlines().index(f"{key}: {value}") + 1
    problems = dataset.validate().problems
    assert "schema.unknown-field" in [p.code for p in problems]
    [problem] = [p for p in problems if p.code.startswith("privacy.")]
    assert (problem.code, problem.line, problem.field) == (code, line, key)
    assert masked in problem.message and value not in problem.text()


def test_an_office_phone_field_takes_no_email(dataset):
    dataset.replace(VILLAGE, "id: xikou", "id: xikou\noffice_phone: xikou@163.com")
    problems = [p for p in dataset.validate().problems if p.code.startswith("privacy.")]
    assert [(p.code, p.line, p.field) for p in problems] == [("privacy.email", 2, "office_phone")]


def test_contact_data_in_a_comment_is_an_error(dataset):
    dataset.replace(
        TASK, "content: 每个网格建立党小组", "content: 每个网格建立党小组  # 微信 zhanghua88"
    )
    [problem] = privacy_problems(dataset)
    assert (problem.code, problem.line, problem.label) == ("privacy.wechat", CONTENT_LINE, "注释")
    assert problem.fix.endswith("（注释也会随数据仓库公开）")


def test_contact_data_in_a_file_name_is_an_error(dataset):
    text = dataset.read(TASK)
    dataset.delete(TASK)
    dataset.write("tasks/jiceng-2025/zhangsan@163.com.yaml", text)
    problems = dataset.validate().problems
    assert ("privacy.file-name", 1) in [(p.code, p.line) for p in problems]
    assert all("zhangsan@163.com" not in p.text() for p in problems)
