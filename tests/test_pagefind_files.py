"""The strings the privacy scan reads out of Pagefind's CBOR files (index chunks, metadata): every
text string of any CBOR data, in order, by the one-pass reader in generators/privacy/pagefind_files.py,
checked against a small encoder written from RFC 8949 here."""

from __future__ import annotations

import gzip
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.privacy import pagefind_files


def head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return head(3, len(data)) + data
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    if isinstance(value, tuple):  # (tag, item)
        return head(6, value[0]) + encode(value[1])
    raise TypeError(value)


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_of(k) + strings_of(v)]
    if isinstance(value, tuple):
        return strings_of(value[1])
    return []


scalars = (
    st.integers(min_value=-(2**64), max_value=2**64 - 1)
    | st.text(max_size=300)
    | st.binary(max_size=40)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
)
items = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=30)
        | st.dictionaries(st.text(max_size=10), inner, max_size=5)
        | st.tuples(st.integers(min_value=0, max_value=2**32), inner)
    ),
    max_leaves=200,
)


@settings(max_examples=300, deadline=None)
@given(items)
def test_every_string_of_any_item_is_read_in_order(value):
    assert pagefind_files.decoded("pagefind/index/zh_1.pf_index", encode(value)) == strings_of(
        value
    )


def test_an_index_chunk_as_pagefind_writes_it():
    # [[word, [[page, [weight, position], []]], []]]: words beside many small numbers
    chunk = [
        ["来源", [[16925, [-25, 27], []], *[[1, [-25, 18 + n], []] for n in range(500)]], []],
        ["13812345678", [[3, [-25, 70000], [2**40]]], []],
    ]
    data = gzip.compress(pagefind_files.MARK + encode(chunk))
    assert pagefind_files.decoded("pagefind/index/zh_1.pf_index", data) == ["来源", "13812345678"]


@pytest.mark.parametrize(
    "body",
    [
        b"",  # nothing
        encode(["ab", "13812345678"])[:-3],  # a string cut short
        encode(["13812345678", 1]) + b"\x1a\x00",  # a number cut short
        b"\x82\x1c13812345678",  # a reserved length
        b"\x9f\x6213812345678\xff",  # an indefinite length, which Pagefind never writes
        b"13812345678",  # text, not CBOR
    ],
)
def test_data_that_is_not_cbor_is_read_as_text(body):
    text = pagefind_files.decoded("pagefind/index/zh_1.pf_index", pagefind_files.MARK + body)
    assert text == body.decode("utf-8", errors="replace")
