"""The fast verdict must equal Cerberus' on every document, valid or not."""

import copy
import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.check.loader import load_file
from generators.check.schema import INVALID, fast_check, validate_document, validator
from generators.spec.registry import RECORD_TYPES

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
SAMPLE = Path(__file__).resolve().parent.parent / "data"


def typed_documents(root: Path):
    """(record type, typed document) for every valid record under a data folder."""
    for record_type in RECORD_TYPES:
        for path in sorted(root.glob(record_type.pattern)):
            document, problems = validate_document(record_type.schema, load_file(path))
            assert not problems, problems
            yield record_type, document


@functools.cache
def documents() -> list:
    """Every valid record of the minimal and the sample data, read when a test first needs them."""
    return list(typed_documents(MINIMAL)) + list(typed_documents(SAMPLE))


def cerberus_verdict(record_type, document) -> bool:
    return validator(record_type.schema).validate(document, normalize=False)


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.name)
def test_every_schema_has_a_fast_check(record_type):
    assert callable(fast_check(record_type.schema))


def test_valid_records_pass_both():
    for record_type, document in documents():
        assert fast_check(record_type.schema)(document) is True
        assert cerberus_verdict(record_type, document) is True


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


REPLACEMENTS = st.sampled_from(
    [
        None,
        INVALID,
        True,
        False,
        0,
        -1,
        7,
        100,
        101,
        10**6,
        Decimal("0.5"),
        Decimal("-1.25"),
        "",
        "x",
        "已完成",
        "党务",
        "五星",
        "2025-13-01",
        "a b",
        "ab\n",
        "abc-1",
        "x" * 120,
        [],
        ["x"],
        [None],
        {},
        {"x": 1},
        dt.date(2025, 1, 1),
        dt.date(1999, 1, 1),
        dt.datetime(2025, 1, 1, 8, 0),
    ]
)


def _set(document, path, value):
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@st.composite
def mutated(draw):
    record_type, document = draw(st.sampled_from(documents()))
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "unknown-key"]))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if action == "delete":
            del parent[path[-1]]
        elif action == "unknown-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["nmae", "extra", "备注"]))] = "x"
        else:
            _set(document, path, copy.deepcopy(draw(REPLACEMENTS)))
    return record_type, document


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_verdict_equals_cerberus(case):
    record_type, document = case
    assert fast_check(record_type.schema)(document) == cerberus_verdict(record_type, document)
