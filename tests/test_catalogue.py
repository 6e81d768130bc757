"""The catalogue of problem codes: every code declared once, explained, and shown by a working example.

Each entry's example is applied to the minimal dataset (tests/fixtures/minimal)
and validated: the code must be reported, in the file and on the line the
example names. The minimal dataset itself, the examples' correction, is clean.
Codes the pipeline can emit are found in its source; each must be catalogued.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import REPO, run_cli

from generators.privacy.personal import mask_text
from generators.spec.catalogue import AREAS, CATALOGUE

CODES = sorted(CATALOGUE)
RUNNABLE = [
    code for code in CODES if CATALOGUE[code].example.get("kind", "replace") not in ("none", "site")
]


def apply_example(dataset, example) -> str:
    """Changes the dataset as the example says; returns the file the problem is expected in."""
    kind = example.get("kind", "replace")
    relative = example["file"]
    if kind == "replace":
        dataset.replace(relative, example["good"], example["bad"])
    elif kind == "write":
        if "from" in example:
            text = dataset.read(example["from"])
        else:
            text = example["text"] * example.get("repeat", 1)
        data = text.encode(example.get("encoding", "utf-8"))
        data += bytes.fromhex(example.get("append_bytes", ""))
        dataset.write(relative, data)
    elif kind == "move":
        dataset.move(relative, example["to"])
        relative = example["to"]
    elif kind == "symlink":
        os.symlink(dataset.path(example["target"]), dataset.path(relative))
    elif kind == "fifo":
        os.mkfifo(dataset.path(relative))
    if "replace" in example and kind in ("write", "move"):
        dataset.replace(relative, *example["replace"])
    return relative


SITE_EXAMPLES = [code for code in CODES if CATALOGUE[code].example.get("kind") == "site"]


@pytest.mark.parametrize("code", SITE_EXAMPLES)
def test_site_example_fails_the_built_site_scan(tmp_path, code):
    from generators.privacy.scan import scan_site

    example = CATALOGUE[code].example
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text(example["page"] + "\n", encoding="utf-8")
    assert [(p.code, p.line) for p in scan_site(tmp_path / "site")] == [(code, example["line"])]


def test_the_minimal_dataset_is_clean(dataset):
    assert dataset.validate().problems == []


@pytest.mark.parametrize("code", RUNNABLE)
def test_example_reports_its_code_on_its_line(dataset, code):
    example = CATALOGUE[code].example
    relative = apply_example(dataset, example)
    problems = dataset.validate().problems
    found = [(p.path, p.line) for p in problems if p.code == code]
    assert found, [(p.code, p.line, p.message) for p in problems]
    shown = mask_text(dataset.shown(example.get("expect_file", relative)))
    if code != "file.bad-name":  # its name is shown escaped
        assert (shown, example["line"]) in found, (found, [(p.code, p.line) for p in problems])
    else:
        assert [line for _, line in found] == [example["line"]]


@pytest.mark.parametrize("code", CODES)
def test_entry_is_complete(code):
    entry = CATALOGUE[code]
    assert entry.area in AREAS and entry.title and entry.explain
    example = entry.example
    kind = example.get("kind", "replace")
    if kind == "none":  # no data reaches it: the named test does, and asserts the code
        test_file, test_name = example["test"].split("::")
        source = (REPO / test_file).read_text(encoding="utf-8")
        body = source[source.index(f"def {test_name}(") :]
        body = body[: body.find("\ndef ", 1) if "\ndef " in body[1:] else len(body)]
        assert f'"{code}"' in body
    elif kind == "replace":
        assert example["good"] != example["bad"] and "line" in example


def emitted_in_source() -> set[str]:
    """Every code the pipeline's source passes to problem(), literally or through a table."""
    found = set()
    sources = sorted((REPO / "generators").rglob("*.py"))
    assert "generators/check/rules/ids.py" in {p.relative_to(REPO).as_posix() for p in sources}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(rf'"((?:{"|".join(AREAS)})\.[a-z0-9-]+)"', text))
    return found


def test_every_code_in_the_source_is_catalogued():
    assert emitted_in_source() - set(CATALOGUE) == set()


def test_explain_prints_the_entry():
    result = run_cli("explain", "yaml.duplicate-key", cwd=REPO)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("yaml.duplicate-key 错误：字段重复\n")
    assert "错误写法（data/villages/xikou.yaml）：" in out and "grids: 4" in out
    assert "正确写法：" in out


def test_explain_an_unknown_code_is_a_usage_error():
    result = run_cli("explain", "yaml.no-such-code", cwd=REPO)
    assert result.returncode == 2
    assert "没有这个代码：yaml.no-such-code" in result.stderr and "Traceback" not in result.stderr
