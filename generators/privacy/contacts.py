"""Personal data that is not a bare number: e-mail addresses, QQ and WeChat ids, home phones,
house addresses.

All of it is found in read text (generators/privacy/reading.py), so ＠, full-width
letters, ＱＱ and the like are found as well.

- An e-mail address: name@domain.tld, also with (at) or [at] for @, (dot) or
  [dot] or 。 for the dots, and name#qq.com for the usual mail providers.
- A QQ number: 5 to 11 digits right after QQ, 扣扣 or 企鹅号 (a QQ group, QQ群,
  is not a person's).
- A WeChat id: after 微信, VX, WX, V信, weixin or WeChat, 6 to 20 letters, digits,
  _ and - starting with a letter, or a number; and any wxid_… (a 微信公众号
  is an office's and not read).
- A home phone: a fixed-line number, with or without its area code, after
  家庭电话, 住宅电话, 宅电, 私人电话 and the like. A local number of 7 or 8 digits
  after 电话, 座机 or Tel is a fixed line too (a warning: it may be an office's).
- A house address: …号…室 (12号3幢201室), …栋…单元 (5栋2单元), N-N-N室, and
  …组…号 (三组12号) where a person is spoken of (住, 家, 户主, 村民 …). Where
  an office or a public place is named just before, it is not a home.

A name written in front of the id (the field's key, 微信 in `微信: zhangsan01`)
counts as its context when the caller passes it.
"""

from __future__ import annotations

import re

from generators.privacy.finding import (
    ADDRESS,
    EMAIL,
    HOME_PHONE,
    LANDLINE,
    QQ,
    STRUCTURAL,
    WECHAT,
    Finding,
    found,
)
from generators.privacy.reading import Reading

# ---------------------------------------------------------------------------
# a quick no, on the text as written


# Words that introduce personal data, as written, looked for with `in` (a fast scan of the
# text) before any pattern is run. ASCII words are looked for in the text's ASCII characters in
# lower case, full-width letters taken as ASCII.
_AT_SIGNS = frozenset("@＠﹫")
_WORDS_WITHOUT_DIGITS = (b"vx", b"wx", b"weixin", b"wechat", b"(at)", b"[at]")
_CJK_WITHOUT_DIGITS = ("微信", "威信", "薇信", "徽信", "V信", "v信", "（at）", "［at］")
_WORDS_BEFORE_SHORT_NUMBERS = (b"qq", b"tel", b"phone")
_CJK_BEFORE_SHORT_NUMBERS = ("扣扣", "企鹅", "电话", "座机", "固话", "宅电", "热线")
_PROVIDER_NAMES = "qq vip 163 126 yeah sina sohu 139 189 foxmail aliyun gmail outlook hotmail"
_HASH_FOR_AT = re.compile(("#[ \t]*(?:" + "|".join(_PROVIDER_NAMES.split()) + ")").encode())
# A house number: a digit or numeral before 号, 栋, 幢, 座, 组 or 室 (looked for from the rarer
# character back).
_HOUSE_MARKS = frozenset("号栋幢座组室")
_HOUSE_IN_NUMERALS = re.compile(
    "[号栋幢座组](?:(?<=[〇零一二三四五六七八九十百两][号栋幢座组])"
    "|(?<=[〇零一二三四五六七八九十百两][ \t\u3000][号栋幢座组]))"
)
_HOUSE_IN_DIGITS = re.compile(
    "[号栋幢座组室](?:(?<=[0-9０-９][号栋幢座组室])|(?<=[0-9０-９][ \t\u3000][号栋幢座组]))"
)
_FULL_WIDTH_LETTERS = frozenset(chr(c) for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)])
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Full-width marks the words above may hold, common in Chinese text: replaced one by one, since
# translating a whole text is slow.
_FULL_WIDTH_MARKS = {"（": "(", "［": "[", "＃": "#"}
_last_ascii: list = [None, b""]  # the last text _ascii() was asked for, and its answer


def _ascii(text: str, chars) -> bytes:
    """The text's ASCII characters in lower case (full-width letters and marks as ASCII), the
    rest left out."""
    if text is _last_ascii[0]:
        return _last_ascii[1]
    written = text
    if not chars.isdisjoint(_FULL_WIDTH_LETTERS):
        text = text.translate(_HALF_WIDTH)
    else:
        for mark in chars.intersection(_FULL_WIDTH_MARKS):
            text = text.replace(mark, _FULL_WIDTH_MARKS[mark])
    lower = text.encode("ascii", "ignore").lower()
    _last_ascii[:] = [written, lower]
    return lower


def might_hold_contact(text: str, chars=None) -> bool:
    """Whether a text may hold what is found without a digit: an e-mail address, a WeChat id, an
    address in numerals. `chars` is the set of the text's characters, when known."""
    chars = set(text) if chars is None else chars
    if not chars.isdisjoint(_AT_SIGNS):
        return True
    lower = _ascii(text, chars)
    return (
        any(word in lower for word in _WORDS_WITHOUT_DIGITS)
        or any(word in text for word in _CJK_WITHOUT_DIGITS)
        or (b"#" in lower and _HASH_FOR_AT.search(lower) is not None)
        or (not chars.isdisjoint(_HOUSE_MARKS) and _HOUSE_IN_NUMERALS.search(text) is not None)
    )


def names_a_short_number(text: str, chars=None) -> bool:
    """Whether a text has a word after which a short number is personal (QQ, 宅电, 12号…室)."""
    chars = set(text) if chars is None else chars
    lower = _ascii(text, chars)
    return (
        any(word in lower for word in _WORDS_BEFORE_SHORT_NUMBERS)
        or any(word in text for word in _CJK_BEFORE_SHORT_NUMBERS)
        or (not chars.isdisjoint(_HOUSE_MARKS) and _HOUSE_IN_DIGITS.search(text) is not None)
    )


# ---------------------------------------------------------------------------
# patterns over read text

# Between a name (QQ, 微信, 电话) and its value: spaces, a colon, 号, 是, a table cell's edge.
_FILLER = r"(?:[ \t\n:=\0(\[]|号码|号|账号|帐号|ID|Id|id|是|为|：){0,6}"
# Before a phone number: the same, but a bracket belongs to the number, (0579)8860 5678.
_PHONE_FILLER = r"(?:[ \t\n:=\0]|号码|号|是|为){0,6}"
_DIGIT_RUN = r"[0-9]+(?:[ \t\-.·_]+[0-9]+)*"

_QQ = re.compile(
    rf"(?:(?<![A-Za-z])(?:QQ|qq|Qq|qQ)(?![A-Za-z])|扣扣|企鹅号?){_FILLER}(?P<value>{_DIGIT_RUN})"
    r"(?![0-9])"
)
_WECHAT_NAME = (
    r"(?:微信|威信|薇信|徽信|(?<![A-Za-z])(?:[Vv]信|[VvWw][Xx]|weixin|WeiXin|Weixin|WEIXIN"
    r"|wechat|WeChat|Wechat|WECHAT)(?![A-Za-z]))"
)
_WECHAT = re.compile(
    rf"{_WECHAT_NAME}{_FILLER}"
    # An id starts with a letter, but as read a look-alike letter may be a digit (I000A0).
    r"(?P<value>(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_\-]{5,19}(?![A-Za-z0-9_\-])"
    rf"|{_DIGIT_RUN}(?![0-9]))"
    r"|(?<![A-Za-z0-9])(?P<wxid>wxid_[A-Za-z0-9_\-]{4,30})"
)
# Words that follow 微信 but name no id of a person.
_NOT_AN_ID = re.compile(r"(?i)wechat|weixin|vx|wx|qq|id|official|account")

_DOT = r"[ \t]*(?:\.|\(dot\)|\[dot\]|\(DOT\)|\[DOT\])[ \t]*"
_AT = r"[ \t]*(?:@|\([aA][tT]\)|\[[aA][tT]\]|\{at\})[ \t]*"
_PROVIDERS = r"(?:qq|vip\.qq|163|126|yeah|sina|sohu|139|189|foxmail|aliyun|gmail|outlook|hotmail)"
# File names, not mail domains: image@2x.png, icon@3x.webp.
_NOT_TLDS = (
    "png jpg jpeg gif svg webp ico bmp css js mjs map json html htm md txt yaml yml xml pdf "
    "doc docx xls xlsx ppt pptx zip gz woff woff2 ttf otf py sh"
).split()
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63})"
    rf"(?:{_AT}|[ \t]*#[ \t]*(?={_PROVIDERS}{_DOT}))"
    rf"(?P<domain>[A-Za-z0-9][A-Za-z0-9\-]{{0,62}}(?:{_DOT}[A-Za-z0-9][A-Za-z0-9\-]{{0,62}})*"
    rf"{_DOT}(?!(?i:{'|'.join(_NOT_TLDS)})(?![A-Za-z0-9]))[A-Za-z]{{2,24}})(?![A-Za-z0-9])"
)

_HOME_PHONE = re.compile(
    r"(?:(?:家庭|家里|家中|住宅|住家|私人|个人|本人|私宅|家)(?:的)?"
    r"(?:电话|座机|固话|固定电话|号码)|宅电)"
    rf"{_PHONE_FILLER}(?P<value>\(?{_DIGIT_RUN}(?:\)[ \t]?{_DIGIT_RUN})?)(?![0-9])"
)
_LOCAL_LINE = re.compile(
    rf"(?:电话|座机|固话|热线|(?<![A-Za-z])(?:Tel|TEL|tel|Phone|phone|PHONE)(?![A-Za-z])){_FILLER}"
    r"(?P<value>[2-9][0-9]{2,3}[ \t\-.·]?[0-9]{4})(?![0-9]|[ \t\-.·_]+[0-9])"
)

_N = r"(?:[0-9]+|[〇零一二三四五六七八九十百两]+)"
_S = r"[ \t]?"
_ADDRESS = re.compile(
    # A number is read whole, from its first digit: trying each digit of a long run as a start
    # (and each shorter run after it) took seconds for a field of 10,000 digits.
    r"(?<![0-9〇零一二三四五六七八九十百两])(?:"
    # 12号3幢201室, 3号楼2单元502室, 5栋201户
    # (at most four levels between the first and the room: unbounded, "1号" repeated made each
    # start read the rest of the text, seconds for 8,000 of them)
    rf"(?P<room>{_N}{_S}(?:号楼|号院|号|栋|幢|座)(?:{_S}{_N}{_S}(?:号楼|栋|幢|座|单元|楼|层|号)){{0,4}}"
    rf"{_S}{_N}{_S}(?:室|户))"
    # 5栋2单元, 3号楼2单元502
    rf"|(?P<unit>{_N}{_S}(?:号楼|栋|幢|座){_S}{_N}{_S}单元(?:{_S}{_N}(?:{_S}(?:室|号|户))?)?)"
    # 3-2-301室
    r"|(?P<dashed>[0-9]+(?:-[0-9]+){1,2}室)"
    # 三组12号, 3组15号 (where a person is spoken of)
    rf"|(?P<group>{_N}{_S}(?:村民小组|小组|组){_S}{_N}{_S}号(?!文|令|楼|院)))"
)
_NEAR = 16  # how far before an address its context is looked for
_PERSON = re.compile(
    r"住|家|户主|户籍|地址|村民|居民|本人|群众|老人|儿童|学生|患者|低保|五保|特困|困难|残疾"
)
_PUBLIC_PLACE = re.compile(
    r"办公|会议|活动|服务中心|服务站|便民|党群|村委|居委|委员会|党委|党支部|政府|公司|企业|合作社"
    r"|工厂|厂区|门店|超市|银行|学校|医院|卫生院|卫生室|派出所|单位|大楼|大厦|广场|市场|园区|阅览"
)


def contact_findings(text: str, reading: Reading) -> list[Finding]:
    """E-mail addresses, QQ and WeChat ids, home phones, local fixed lines and house addresses
    in a text already read; in no particular order, and some may overlap numbers."""
    read = reading.text
    findings = []
    if "@" in read or "#" in read or "(" in read or "[" in read:
        findings.extend(_emails(text, reading))
    findings.extend(_ids(text, reading))
    findings.extend(_phones(text, reading))
    if "室" in read or "单元" in read or "组" in read:
        findings.extend(_addresses(text, reading))
    return findings


def _emails(text: str, reading: Reading):
    for m in _EMAIL.finditer(reading.text):
        local = sum(ch.isalnum() for ch in m.group("local"))
        rest = sum(ch.isalnum() for ch in m.group()) - local  # (at) and the domain: shown
        head = 2 if local > 3 else 1 if local > 1 else 0
        value = re.sub(r"\s", "", m.group()).lower()
        yield found(text, reading, EMAIL, m.start(), m.end(), value, (head, rest))


def _ids(text: str, reading: Reading):
    read = reading.text
    if "Q" in read or "q" in read or "扣扣" in read or "企鹅" in read:
        for m in _QQ.finditer(read):
            digits = _digits(m.group("value"))
            if 5 <= len(digits) <= 11 and digits[0] != "0":
                yield found(text, reading, QQ, *m.span("value"), digits, (2, 2))
    for m in _WECHAT.finditer(read):
        name = "wxid" if m.group("wxid") else "value"
        value = m.group(name)
        if name == "value":
            if any(ch.isalpha() for ch in value):
                if _NOT_AN_ID.fullmatch(value):
                    continue
            elif not 5 <= len(_digits(value)) <= 11:
                continue
        yield found(text, reading, WECHAT, *m.span(name), value, (2, 2))


def _phones(text: str, reading: Reading):
    read = reading.text
    for m in _HOME_PHONE.finditer(read):
        digits = _digits(m.group("value"))
        if _home_number(digits):
            start, end = m.span("value")
            yield found(text, reading, HOME_PHONE, start, end, digits, (len(digits) - 4, 0))
    for m in _LOCAL_LINE.finditer(read):
        digits = _digits(m.group("value"))
        yield found(
            text, reading, LANDLINE, *m.span("value"), digits, (len(digits) - 4, 0), STRUCTURAL
        )


def _home_number(digits: str) -> bool:
    """A fixed line with its area code, or a local number of 7 or 8 digits: after 宅电, the shape
    is enough (whether the number is in use is not the point)."""
    if digits.startswith("0"):
        return 10 <= len(digits) <= 12 and digits[1] != "0"
    return 7 <= len(digits) <= 8 and digits[0] > "1"


def _addresses(text: str, reading: Reading):
    read = reading.text
    for m in _ADDRESS.finditer(read):
        before = read[max(0, m.start() - _NEAR) : m.start()]
        place = _last(_PUBLIC_PLACE, before)
        person = _last(_PERSON, before)
        if m.group("group") is not None:
            if person < 0 or place > person:
                continue
        elif place > person:
            continue  # an office's room: 镇政府2号楼201室
        value = re.sub(r"\s", "", m.group())
        yield found(text, reading, ADDRESS, m.start(), m.end(), value, None)


def _last(pattern: re.Pattern, text: str) -> int:
    """Where the last match of a pattern in a text ends; -1 without one."""
    end = -1
    for m in pattern.finditer(text):
        end = m.end()
    return end


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
