"""What the form editor writes passes the strict loader with the values staff typed.

The serialiser runs in node exactly as the browser runs it: docs/admin/strict-yaml.js
with the vendored docs/admin/js-yaml.min.js (the same bytes as the npm package
js-yaml 4.1.0 pinned in package-lock.json). Decap's own YAML writer is run too,
to show what the custom format avoids: the `yaml` 1.x library that decap-cms-core
bundles (it asks for ^1.8.3 and passes `prettyErrors`, new in 1.10; pinned here
as 1.10.2, the last 1.x), called as its formats/yaml.ts calls it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal

import pytest
import yaml
from conftest import REPO

from generators.check.loader import load_bytes
from generators.check.schema import validate_document
from generators.spec.registry import REGISTRY

ADMIN = REPO / "docs" / "admin"
NODE_MODULES = REPO / "node_modules"

LONG = ("The committee met on 2025-09-28 and agreed the accounts of the quarter " * 3).strip()
RISKY = [
    "no",
    "yes",
    "on",
    "Off",
    "y",
    "N",
    "010",
    "08",
    "1:20",
    "0x1F",
    "0o17",
    "~",
    "null",
    "2025-03-31",
    "1e3",
    ".inf",
    "+12",
    "1_000",
    "12345.67",
    " 前面有空格",
    "后面有空格 ",
    "#不是注释",
    "a: b",
    "- x",
    "@x",
    '"引号"',
    "'单引号'",
    "第一行\n第二行",
    "第一行\n\n  缩进的第三行\n",
    "  缩进开头\n第二行",
    LONG,
    LONG + " ",
]

# Decap CMS's formats/yaml.ts toFile, on the library it bundles.
DECAP_TO_FILE = """
const yaml = require('yaml');
const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const node = yaml.createNode(data);
const doc = new yaml.Document();
doc.contents = node;
process.stdout.write(doc.toString());
"""

STRICT_TO_FILE = """
const path = require('path');
const jsyaml = require(path.resolve(process.argv[1], 'js-yaml.min.js'));
const format = require(path.resolve(process.argv[1], 'strict-yaml.js'))(jsyaml);
const {data, keys, shared} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
if (shared) { const same = data.updates[0]; data.updates = [same, same]; }  // one object twice
const text = format.toFile(data, keys);
process.stdout.write(JSON.stringify({text, back: format.fromFile(text)}));
"""


def _node(script: str, payload, *args: str) -> str:
    if shutil.which("node") is None:
        pytest.fail(
            "node is missing: install the Debian package nodejs (and npm), then run make test"
        )
    if not (NODE_MODULES / "yaml").is_dir():
        pytest.fail(
            "the test's node packages are missing: run `npm ci` in the repository (make test does it)"
        )
    done = subprocess.run(
        ["node", "-e", script, *args],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _task(text: str) -> dict:
    """A task as the form holds it: numbers as numbers, dates as text, `text` in two text fields."""
    return {
        "id": "ceshi",
        "plan": "wuxing-sanqiang-2025",
        "action": "baozhang",
        "title": "测试",
        "content": text,
        "lead_units": ["zhen-caizhengsuo"],
        "responsible_units": ["zhukeng"],
        "start": "2025-10-01",
        "deadline": "长期坚持",
        "status": "推进中",
        "progress": 40,
        "weight": 0.5,
        "updates": [{"date": "2025-12-20", "progress": 40, "note": text, "evidence": ""}],
        "milestones": [],
    }


def _strict(data: dict, shared: bool = False) -> tuple[str, dict]:
    keys = list(REGISTRY["task"].schema.fields)
    out = json.loads(
        _node(STRICT_TO_FILE, {"data": data, "keys": keys, "shared": shared}, str(ADMIN))
    )
    return out["text"], out["back"]


def _typed(text: str):
    loaded = load_bytes(text.encode("utf-8"), "data/tasks/wuxing-sanqiang-2025/ceshi.yaml")
    assert loaded.problems == [], (text, loaded.problems)
    document, problems = validate_document(REGISTRY["task"].schema, loaded)
    assert problems == [], (text, problems)
    return document


def test_the_vendored_js_yaml_is_the_pinned_package():
    packaged = NODE_MODULES / "js-yaml" / "dist" / "js-yaml.min.js"
    assert json.loads((NODE_MODULES / "js-yaml" / "package.json").read_text())["version"] == "4.1.0"
    assert (ADMIN / "js-yaml.min.js").read_bytes() == packaged.read_bytes()


@pytest.mark.parametrize("text", RISKY, ids=[repr(t[:20]) for t in RISKY])
def test_risky_text_is_read_back_as_typed(text):
    written, back = _strict(_task(text))
    document = _typed(written)
    assert document["content"] == text and document["updates"][0]["note"] == text
    assert document["progress"] == 40 and document["weight"] == Decimal("0.5")
    assert document["start"] == dt.date(2025, 10, 1)
    assert (
        "evidence" not in document["updates"][0] and "milestones" not in document
    )  # empty: left out
    assert back["content"] == text  # the form reads the file back unchanged too
    # A YAML 1.1 reader (PyYAML) does not retype the text either; only a date's text stays bare, as staff
    # write dates by hand (the loader reads it as text; the schema makes it a date).
    assert yaml.safe_load(written)["content"] == (
        dt.date(2025, 3, 31) if text == "2025-03-31" else text
    )


def test_every_value_is_on_one_line_or_in_a_block():
    written, _ = _strict(_task(LONG))
    assert f"\ncontent: {LONG}\n" in written
    written, _ = _strict(_task("第一行\n第二行"))
    assert "\ncontent: |-\n  第一行\n  第二行\n" in written


def test_keys_follow_the_form_and_repeated_objects_get_no_anchor():
    data = _task("同一条")
    written, _ = _strict(dict(reversed(list(data.items()))), shared=True)
    assert [line.split(":")[0] for line in written.splitlines() if line[:1].isalpha()] == [
        "id",
        "plan",
        "action",
        "title",
        "content",
        "lead_units",
        "responsible_units",
        "start",
        "deadline",
        "status",
        "progress",
        "weight",
        "updates",
    ]
    assert "&" not in written and "*" not in written
    assert len(_typed(written)["updates"]) == 2


def test_amounts_as_the_number_widget_writes_them():
    for typed, expected in ((99.99, "99.99"), (100, "100"), (2.5, "2.5"), (0.25, "0.25")):
        data = _task("金额")
        data["weight"] = typed
        written, _ = _strict(data)
        assert f"weight: {expected}\n" in written
        assert _typed(written)["weight"] == Decimal(expected)


def test_decaps_own_yaml_writer_would_fail_the_loader():
    """Why the form uses its own format: Decap's writer folds long text and leaves YAML 1.1 words bare."""
    written = _node(DECAP_TO_FILE, {"content": LONG, "note": "no", "time": "1:20"})
    assert "note: no\n" in written and "time: 1:20\n" in written  # true and 80 to a YAML 1.1 reader
    assert yaml.safe_load(written)["note"] is False
    problems = load_bytes(written.encode("utf-8"), "x.yaml").problems
    assert [p.code for p in problems] == ["yaml.multiline-plain"]
