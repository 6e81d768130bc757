"""The offline copy (OFFLINE=true, mkdocs-material's offline plugin) without any external request.

The offline plugin makes the site work from file:// (no directory URLs; the
search index inlined into search/search_index.js) and adds the iframe-worker
shim, which runs the search worker where browsers refuse workers on file://.
It adds the shim from unpkg.com; this hook swaps in the copy vendored from
the npm package iframe-worker 1.0.4 (docs/assets/vendor/iframe-worker/), so
the copy opens on a computer with no network at all.
"""

from __future__ import annotations

SHIM = "assets/vendor/iframe-worker/shim.js"


def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        SHIM if "iframe-worker" in str(script) else script for script in polyfills
    ]
    return config
