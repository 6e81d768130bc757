"""附件 on a disclosure page: the schema holds only an attachment's name (schemas/disclosure.yaml),
never a file, so the page names each one and says plainly where its original is kept: no link
that leads nowhere."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import DISCLOSURE, TODAY

from generators.pipeline import GENERATED, generate

ID = "xikou-2025-q1-caiwu"


def section(page: str, heading: str) -> str:
    start = page.index(f"## {heading}")
    end = page.find("\n## ", start + 1)
    return page[start : end if end >= 0 else None]


def test_an_attachment_with_only_a_name_says_where_it_is_kept(dataset):
    dataset.write(
        DISCLOSURE,
        dataset.read(DISCLOSURE).split("corrections:")[0]
        + "attachments:\n  - title: 村民代表会议决议\n  - title: 工程验收记录\n",
    )
    docs = dataset.root / "docs"
    result = generate(Path("data"), docs, TODAY)
    assert result.ok, [p.text() for p in result.problems]
    page = (docs / GENERATED / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    attachments = section(page, "附件")
    assert "原件存放在青溪镇，本站只列出名称，不提供下载。" in attachments
    assert re.findall(r"^- (.*)$", attachments, re.MULTILINE) == [
        "村民代表会议决议",
        "工程验收记录",
    ]
    assert "](" not in attachments and "<a " not in attachments


def test_a_disclosure_without_attachments_has_no_such_section(dataset):
    docs = dataset.root / "docs"
    assert generate(Path("data"), docs, TODAY).ok
    page = (docs / GENERATED / "disclosures" / f"{ID}.md").read_text(encoding="utf-8")
    assert "## 附件" not in page
