"""QR codes for printed notices, drawn offline as inline SVG.

A notice printed from a disclosure page carries a QR code of that page's
address, so a villager can open the published version on a phone. The code is
made here, at build time, with segno (pure Python): nothing is fetched, and the
same address always gives byte-identical SVG, so builds stay reproducible.

The SVG is meant to sit inside a Markdown page as raw HTML: it is one line
with no blank lines, has no XML declaration, no script and no reference to
anything outside itself (the only URL in it is the SVG namespace), and it has
a viewBox but no fixed width or height, so CSS decides its printed size.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import segno

# What a screen reader says, and the tooltip (<title>) of the picture.
LABEL = "本页二维码"

# Level M restores about 15% of damaged modules: enough for a notice that gets
# creased or stained, while keeping the code small for long addresses.
ERROR_LEVEL = "m"
# The quiet zone the QR standard asks for, in modules.
BORDER = 4
# One fixed mask pattern. Choosing the best of the eight (segno's default) is
# three quarters of the time a code takes, and a county site prints about
# 8,000 of them; every mask is valid QR, and scanners read all of them
# (tests/test_qr.py decodes codes made this way).
MASK = 4


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`: black modules on white, level M, border 4.

    Non-ASCII text (a Chinese path segment, say) is encoded as UTF-8 in byte
    mode, which phone scanners read back as the same text.
    """
    if not isinstance(url, str):  # addresses are made from record data: typed only at run time
        raise ValueError(f"qr_svg needs a non-empty address, got {url!r}")
    if not url:
        raise ValueError(f"qr_svg needs a non-empty address, got {url!r}")
    code = segno.make(
        url, error=ERROR_LEVEL, boost_error=False, micro=False, encoding="utf-8", mask=MASK
    )
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=BORDER,
        dark="#000",
        light="#fff",
        title=LABEL,
        svgclass=None,
        lineclass=None,
        encoding="utf-8",
    )
    svg = out.getvalue().decode("utf-8")
    if not svg.startswith("<svg "):
        raise AssertionError(f"segno wrote unexpected SVG: {svg[:60]!r}")
    return '<svg role="img" aria-label="' + LABEL + '" ' + svg[len("<svg ") :]


# What qr_svg writes and nothing else: a kept code that does not look like this is made again.
_SVG = re.compile(
    r'<svg role="img" aria-label="' + LABEL + r'" xmlns="http://www\.w3\.org/2000/svg" '
    r'viewBox="0 0 \d+ \d+"><title>' + LABEL + r'</title><path fill="#fff" d="[Mmhvz0-9 .-]+"/>'
    r'<path stroke="#000" d="[Mmhvz0-9 .-]+"/></svg>'
)


def qr_codes(urls, cache_dir: Path | None = None) -> dict[str, str]:
    """The QR codes of many addresses: those an earlier run made (the same code, the same segno) from the cache
    folder's qr-codes.json, the rest made here, on every core when there are many."""
    from generators.build.keys import memo_version
    from generators.build.memo import Memo
    from generators.build.parallel import map_in_processes

    memo = Memo(cache_dir, "qr-codes.json", memo_version(__file__, "segno"))
    made, missing = {}, []
    for url in dict.fromkeys(urls):
        kept = memo.get(url)
        if kept is not None and _SVG.fullmatch(kept):
            made[url] = kept
        else:
            missing.append(url)
    for url, svg in zip(missing, map_in_processes(qr_svg, missing), strict=True):
        made[url] = svg
        memo.put(url, svg)
    memo.save()
    return made
