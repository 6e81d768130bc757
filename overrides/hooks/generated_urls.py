"""Publish the pages under docs/generated/ at stable URLs without the prefix.

The page generator writes Markdown only into docs/generated/ (git-ignored,
wiped and rewritten on every run). Its pages must be served at the public
addresses the site promises:

    docs/generated/index.md            ->  /
    docs/generated/villages/index.md   ->  /villages/
    docs/generated/villages/<id>.md    ->  /villages/<id>/

Links between pages are still written to source files ("generated/..."),
so MkDocs keeps checking them in strict mode; only the output path changes.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

PREFIX = "generated/"


def public_dest_uri(src_dest_uri: str) -> str:
    """The output path of a generated file: its default path without the prefix."""
    return src_dest_uri[len(PREFIX) :] if src_dest_uri.startswith(PREFIX) else src_dest_uri


def on_files(files, config):
    taken = {f.dest_uri: f.src_uri for f in files if not f.src_uri.startswith(PREFIX)}
    for file in files:
        if not file.src_uri.startswith(PREFIX):
            continue
        dest = public_dest_uri(file.dest_uri)
        if dest in taken:
            raise PluginError(
                f"生成的文件 docs/{file.src_uri} 与手写文件 docs/{taken[dest]} "
                f"输出到同一地址 {dest}：请改名其中一个。"
            )
        file.dest_uri = dest
        # url and abs_dest_path are cached from dest_uri: drop stale values.
        for derived in ("url", "abs_dest_path"):
            file.__dict__.pop(derived, None)
    return files
