"""The site's identity, taken from the data: its name, description, copyright line, the home
page's title, and the unit names the hand-written pages speak of.

A site of one township is that township's (its `site_title`, its `maintainer` or else its
party committee). A site with a county record (data/counties/), or of several townships, is
the county's: its name, its `site_title` and `maintainer`. Nothing in mkdocs.yml or docs/
names either: the MkDocs hook overrides/hooks/generated_nav.py sets the name, description
and copyright from docs/generated/.nav.json, and fills the placeholders of the hand-written
pages (`{{ 地区 }}`, `{{ 维护单位 }}`, `{{ 监督单位 }}`), as `fill` does for docs/_intro.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generators.model.site import Site

SITE_NAME_TAIL = "基层党建与治理公开"
PLACEHOLDER = re.compile(r"\{\{\s*(\S+?)\s*\}\}")


@dataclass(frozen=True)
class Identity:
    area: str  # 青溪镇, or 云岭县
    title: str  # the home page's heading
    maintainer: str  # who keeps the site
    supervisor: str  # who oversees what is published (镇纪委)

    @property
    def name(self) -> str:
        return f"{self.area}{SITE_NAME_TAIL}" if self.area else SITE_NAME_TAIL

    @property
    def description(self) -> str:
        return f"{self.area}党务、村务、财务公开和基层党建工作进度"

    @property
    def copyright(self) -> str:
        return f"本站由{self.maintainer}维护，数据经审核后发布。"

    @property
    def placeholders(self) -> dict[str, str]:
        """What the hand-written pages' placeholders stand for."""
        return {"地区": self.area, "维护单位": self.maintainer, "监督单位": self.supervisor}


def identity_of(site: Site) -> Identity:
    """The county's identity when there is a county record or several townships, else the
    township's."""
    townships = sorted(site.townships.values(), key=lambda t: t.id)
    county = next(iter(sorted(site.of("county").values(), key=lambda c: c.id)), None)
    if county is None and len(townships) == 1:
        township = townships[0]
        maintainer = township.get("maintainer") or township["party_committee"]
        return Identity(township["name"], township["site_title"], maintainer, "镇纪委")
    if county is not None:
        return Identity(county["name"], county["site_title"], county["maintainer"], _SUPERVISORS)
    names = sorted({t["county"] for t in townships})
    area = names[0] if len(names) == 1 else ""
    return Identity(area, f"{area}{SITE_NAME_TAIL}", f"{area}各镇（街道）党委", _SUPERVISORS)


_SUPERVISORS = "各镇（街道）纪委"


def fill(text: str, placeholders: dict[str, str]) -> str:
    """A hand-written text with its placeholders filled; an unknown one is left as it is."""
    return PLACEHOLDER.sub(lambda m: placeholders.get(m.group(1), m.group(0)), text)
