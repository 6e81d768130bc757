"""Settings files beside the data folder (cms.yml, reviewers.yml): a YAML mapping of known keys.

Read here once, with the same Chinese messages for a file that is not YAML, not a mapping, or has
a key nobody reads.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import yaml


def read_settings(path: Path, known: Collection[str], error: type[Exception]) -> dict:
    """The file's mapping ({} when there is no file); `error` carries the Chinese message."""
    if not path.is_file():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise error(f"{path.name} 不是有效的 YAML：{exc}") from None
    if not isinstance(raw, dict):
        raise error(f"{path.name} 应当是“设置名: 值”的列表")
    unknown = sorted(map(str, set(raw) - set(known)))
    if unknown:
        raise error(
            f"{path.name} 里有不认识的设置：{'、'.join(unknown)}；"
            f"可用的设置：{'、'.join(sorted(known))}"
        )
    return raw
