"""One piece of personal data found in a text: its kind, where it stands, how to show it masked."""

from __future__ import annotations

from dataclasses import dataclass

from generators.privacy.reading import CHANGED, Reading

ID_NUMBER, MOBILE, BANK_CARD, LANDLINE = "id-number", "mobile", "bank-card", "landline"
HOME_PHONE, EMAIL, QQ, WECHAT, ADDRESS = "home-phone", "email", "qq", "wechat", "address"
CERTAIN, STRUCTURAL = "certain", "structural"
PHONE_KINDS = frozenset({MOBILE, LANDLINE, HOME_PHONE})
NUMBER_KINDS = frozenset({ID_NUMBER, MOBILE, BANK_CARD})
# Everything but a fixed-line number, which may be an office's.
PERSONAL_KINDS = frozenset({ID_NUMBER, MOBILE, BANK_CARD, HOME_PHONE, EMAIL, QQ, WECHAT, ADDRESS})

# Preference among findings of the same text (an ID that is also a card number is an ID).
KIND_ORDER = {
    kind: n
    for n, kind in enumerate(
        (ID_NUMBER, BANK_CARD, MOBILE, EMAIL, HOME_PHONE, LANDLINE, QQ, WECHAT, ADDRESS)
    )
}
# What a message calls each kind.
KIND_NAMES = {
    ID_NUMBER: "居民身份证号码",
    MOBILE: "手机号码",
    BANK_CARD: "银行卡号",
    LANDLINE: "固定电话号码",
    HOME_PHONE: "家庭电话",
    EMAIL: "电子邮箱地址",
    QQ: "QQ 号",
    WECHAT: "微信号",
    ADDRESS: "家庭住址",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of the kinds above
    certainty: str  # CERTAIN or STRUCTURAL
    start: int  # offsets into the scanned text
    end: int
    text: str  # the text as written, separators and odd digits included
    digits: str  # what was found, as read: a number's ASCII digits (an ID's X upper case), an
    # e-mail address in lower case, an id, an address's digits
    masked: str  # the text as written with its middle hidden, safe to print

    @property
    def code(self) -> str:
        return f"privacy.{self.kind}"

    @property
    def certain(self) -> bool:
        return self.certainty == CERTAIN

    @property
    def personal(self) -> bool:
        return self.kind in PERSONAL_KINDS

    def moved(self, by: int) -> Finding:
        """The same finding in a text that holds the scanned one at offset `by`."""
        return Finding(
            self.kind,
            self.certainty,
            self.start + by,
            self.end + by,
            self.text,
            self.digits,
            self.masked,
        )


def found(
    text: str,
    reading: Reading,
    kind: str,
    start: int,
    end: int,
    value: str,
    shown: tuple[int, int] | None,
    certainty: str = CERTAIN,
) -> Finding:
    """A finding at read offsets start-end. `shown` = (head, tail): how many of its significant
    characters (digits and letters) stay visible at each end; None hides every digit and
    numeral (an address: 三组十二号 is shown as *组**号)."""
    first, last = reading.origin(start), reading.origin(end - 1) + 1
    written = text[first:last]
    return Finding(
        kind,
        certainty,
        first,
        last,
        written,
        value,
        _masked(reading, start, end, first, written, shown),
    )


def _masked(
    reading: Reading,
    start: int,
    end: int,
    first: int,
    written: str,
    shown: tuple[int, int] | None,
) -> str:
    """The text as written, invisible characters left out, its middle hidden by stars."""
    read = reading.text
    if shown is None:
        hidden_positions = [i for i in range(start, end) if read[i].isnumeric() or read[i] == "两"]
    else:
        head, tail = shown
        significant = [i for i in range(start, end) if read[i].isalnum()]
        hidden_positions = significant[head : len(significant) - tail]
    hidden = {reading.origin(i) - first for i in hidden_positions}
    out = []
    for i, ch in enumerate(written):
        if i in hidden:
            out.append("*")
        elif CHANGED.get(ch) != "":
            out.append(ch)
    return "".join(out)
