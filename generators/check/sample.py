"""The date a sample data folder is computed for: its townships' 示例数据日期 (sample_date).

Sample data describes a made-up township at one moment; computed for today it
would show every term expired and every period missing. So the sample states
its own date, and the command line uses it instead of today (an explicit
--today still wins). Real data states none and is computed for today. Read
before validation, which itself runs for that date: a file that cannot be
read or a date that is not one is left to validation to report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generators.check.loader import load_file
from generators.spec.registry import REGISTRY, Registry


def sample_date(data_dir: Path, registry: Registry = REGISTRY) -> dt.date | None:
    """The sample date the townships state (the latest if they differ: validation reports that)."""
    pattern = registry["township"].pattern
    found = set()
    for path in sorted(data_dir.glob(pattern)):
        loaded = load_file(path)
        value = loaded.data.get("sample_date") if isinstance(loaded.data, dict) else None
        try:
            found.add(dt.date.fromisoformat(str(value)))
        except ValueError:
            continue
    return max(found, default=None)
