"""The text in the files Pagefind writes (the published site's search: pagefind/, and on a
county's site a bundle per township in pagefind/townships/<id>/, read alike).

Pagefind keeps the pages' text in its own files: a fragment per page (its whole text, title and
address, as JSON), chunks of the index (the words, as CBOR) and the index's metadata (CBOR); each
gzip-compressed after a `pagefind_dcd` mark. The privacy scan reads them unpacked, string by
string, as it reads the theme's search index, so a number on a page is found here too; Pagefind's
own script and WebAssembly are fixed bytes of its version, pinned by SHA-256 below.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re

MARK = b"pagefind_dcd"
DATA_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")
# Pagefind 1.5.2's engine as the site serves it, by file name in any bundle: no page text in
# them (pinned with the package).
ENGINE = {
    "pagefind.js": "252d272bd34d483d19a752060f6a065114d15ab12c42d8f905ca565e2768a009",
    "pagefind-worker.js": "4ca50d25bcab9e1c3afbc00ab5f7761114e83c8fc1b83d38655af1558b650c2a",
    "wasm.unknown.pagefind": "3a74cefceacd066e8d3bc8c52e7bc1c869544ca3d9031b44a9b7136356d5d7f4",
}
# The word breaks Pagefind puts between the words it cut (U+200B): not in what the page says.
_BREAKS = re.compile("\u200b")


def is_engine(relative: str, data: bytes) -> bool:
    folder, _, name = relative.rpartition("/")
    pinned = ENGINE.get(name) if f"{folder}/".startswith("pagefind/") else None
    return pinned is not None and hashlib.sha256(data).hexdigest() == pinned


def is_data(relative: str) -> bool:
    return relative.startswith("pagefind/") and relative.endswith(DATA_SUFFIXES)


def unpacked(data: bytes) -> bytes:
    """A data file's content without its compression and mark (as it is when it is neither)."""
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, ValueError):
        pass
    return data[len(MARK) :] if data.startswith(MARK) else data


def _cbor_strings(data: bytes, at: int = 0, depth: int = 0) -> tuple[list[str], int]:
    """The text strings of one CBOR item from `at`, and where the item ends."""
    if depth > 64 or at >= len(data):
        raise ValueError("not CBOR")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length, at = int.from_bytes(data[at : at + size], "big"), at + size
    elif info == 31 and major in (2, 3, 4, 5):
        raise ValueError("indefinite length")  # Pagefind writes none
    else:
        length = 0
    if major in (2, 3):
        if at + length > len(data):
            raise ValueError("truncated")
        text = data[at : at + length].decode("utf-8", errors="replace") if major == 3 else ""
        return ([text] if text else []), at + length
    if major in (4, 5):
        found: list[str] = []
        for _ in range(length * (2 if major == 5 else 1)):
            strings, at = _cbor_strings(data, at, depth + 1)
            found += strings
        return found, at
    if major == 6:
        return _cbor_strings(data, at, depth + 1)
    return [], at


def decoded(relative: str, data: bytes) -> object:
    """What a Pagefind data file holds: a fragment's JSON value, or the strings of a CBOR file; a
    file that is not what its name says is its whole text, so nothing in it goes unread."""
    body = unpacked(data)
    try:
        if relative.endswith(".pf_fragment"):
            return json.loads(body.decode("utf-8"))
        found, end = _cbor_strings(body)
        if end != len(body):
            raise ValueError("trailing bytes")
        return found
    except (ValueError, UnicodeDecodeError, RecursionError):
        return body.decode("utf-8", errors="replace")


def without_breaks(text: str) -> str:
    return _BREAKS.sub("", text)
