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


# Every CBOR item but a string has a length fixed by its first byte: integers, the heads of arrays,
# maps and tags, simple values and floats. A run of them is passed over in one match.
_FIXED_RUN = re.compile(
    rb"(?:[\x00-\x17\x20-\x37\x80-\x97\xa0-\xb7\xc0-\xd7\xe0-\xf7]"
    rb"|[\x18\x38\x98\xb8\xd8\xf8].|[\x19\x39\x99\xb9\xd9\xf9].."
    rb"|[\x1a\x3a\x9a\xba\xda\xfa].{4}|[\x1b\x3b\x9b\xbb\xdb\xfb].{8})*+",
    re.DOTALL,
)


def _cbor_strings(data: bytes) -> list[str]:
    """The text strings of CBOR data, in order: every string of every item, read as a stream of
    items (Pagefind's index chunks are mostly arrays of small numbers: a C-speed pass skips them).
    ValueError for bytes no CBOR item starts with, a string that runs past the end, an
    indefinite length (Pagefind writes none) or no data at all."""
    if not data:
        raise ValueError("not CBOR")
    found: list[str] = []
    at, end = 0, len(data)
    while True:
        at = _FIXED_RUN.match(data, at).end()  # type: ignore[union-attr]  # matches the empty run
        if at == end:
            return found
        major, info = data[at] >> 5, data[at] & 31
        if major not in (2, 3) or info > 27:
            raise ValueError("not CBOR")
        at += 1
        if info < 24:
            length = info
        else:
            size = 1 << (info - 24)
            length, at = int.from_bytes(data[at : at + size], "big"), at + size
        if at + length > end:
            raise ValueError("truncated")
        if major == 3 and length:
            found.append(data[at : at + length].decode("utf-8", errors="replace"))
        at += length


def decoded(relative: str, data: bytes) -> object:
    """What a Pagefind data file holds: a fragment's JSON value, or the strings of a CBOR file; a
    file that is not what its name says is its whole text, so nothing in it goes unread."""
    body = unpacked(data)
    try:
        if relative.endswith(".pf_fragment"):
            return json.loads(body.decode("utf-8"))
        return _cbor_strings(body)
    except (ValueError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def without_breaks(text: str) -> str:
    return _BREAKS.sub("", text)
