"""What changed between two versions of a disclosure, as plain data: where, and said in Chinese.

Works on the loader's plain data (the values as typed), so that a version
written under an older schema can still be compared. Pure: no I/O.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from generators.model.records import mask_name
from generators.render.formats import yuan
from generators.spec.fields import RecordSchema

NOTES = (
    "corrections",
    "withdrawn",
)  # what a change adds beside the content; not the content itself
MATCH_BY = {  # lists whose items are matched by a name, not by their place
    ("finance", "income"): "item",
    ("finance", "expense"): "item",
    ("items",): "title",
    ("review",): "step",
    ("decision",): "step",
}
MONEY = frozenset({("finance", "opening"), ("finance", "closing")})


def content(data) -> dict:
    """A disclosure's content: everything but the notes that record its changes."""
    return (
        {k: v for k, v in (data or {}).items() if k not in NOTES} if isinstance(data, dict) else {}
    )


def corrections_of(data) -> list:
    """The corrections entries of a version's plain data ([] when there are none or the data is odd)."""
    value = data.get("corrections") if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def changed_paths(old, new, path: tuple = ()) -> list[tuple]:
    """The document paths where two plain values differ, in document order (deepest place that differs)."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in list(new) + [k for k in old if k not in new]:
            found += changed_paths(old.get(key), new.get(key), path + (key,))
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            found += changed_paths(a, b, path + (i,))
        return found
    return [path]


def _text(value) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, (dict, list)):
        return "（多项内容）"
    return str(value)


def _money(value) -> str:
    try:
        return yuan(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return _text(value)


def describe(old, new, schema: RecordSchema) -> list[str]:
    """Each change from one version to the next as a sentence, e.g.
    支出「修路材料款」由 12,000.00 元更正为 12,600.00 元."""
    old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    lines = []
    for key in list(new) + [k for k in old if k not in new]:
        a, b = old.get(key), new.get(key)
        if a == b or key == "corrections":
            continue
        if key == "withdrawn":
            lines.append(
                f"撤回：{_text(b.get('reason')) if isinstance(b, dict) else '撤回记录有改动'}"
            )
        elif key == "finance" and isinstance(a, dict) and isinstance(b, dict):
            lines += _describe_mapping(a, b, ("finance",), schema)
        elif key == "beneficiaries":
            lines += _describe_people(a, b, schema)
        elif (key,) in MATCH_BY and isinstance(a, list) and isinstance(b, list):
            lines += _describe_named(a, b, (key,), schema)
        else:
            lines.append(_scalar_line(schema.label_of((key,)), a, b, (key,)))
    return lines


def _scalar_line(label: str, a, b, path: tuple) -> str:
    shown = _money if path in MONEY or path[-1:] == ("amount",) else _text
    if a is None:
        return f"新增「{label}」：{shown(b)}"
    if b is None:
        return f"删去「{label}」（原为 {shown(a)}）"
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return f"「{label}」有改动"
    if shown is _money:
        return f"「{label}」由 {shown(a)}更正为 {shown(b)}"
    return f"「{label}」由「{shown(a)}」更正为「{shown(b)}」"


def _describe_mapping(a: dict, b: dict, path: tuple, schema: RecordSchema) -> list[str]:
    lines = []
    for key in list(b) + [k for k in a if k not in b]:
        if a.get(key) == b.get(key):
            continue
        sub = path + (key,)
        if sub in MATCH_BY and isinstance(a.get(key), list) and isinstance(b.get(key), list):
            lines += _describe_named(a[key], b[key], sub, schema)
        else:
            lines.append(_scalar_line(schema.label_of(sub), a.get(key), b.get(key), sub))
    return lines


def _describe_named(a: list, b: list, path: tuple, schema: RecordSchema) -> list[str]:
    """A list of named items (收支、公开内容、审核环节): matched by name, so a change says which one."""
    name_key = MATCH_BY[path]
    what = schema.label_of(path).split(" › ")[-1]
    names_a = [item.get(name_key) if isinstance(item, dict) else None for item in a]
    names_b = [item.get(name_key) if isinstance(item, dict) else None for item in b]
    if (
        len(set(names_a)) != len(names_a)
        or len(set(names_b)) != len(names_b)
        or None in names_a + names_b
    ):
        return [f"「{what}」有改动"]  # names repeat: matching by name would mislead
    old, new = dict(zip(names_a, a, strict=True)), dict(zip(names_b, b, strict=True))
    lines = []
    for name in names_b:
        if name not in old:
            lines.append(f"新增{what}「{name}」{_summary(new[name], name_key)}")
            continue
        for key in list(new[name]) + [k for k in old[name] if k not in new[name]]:
            x, y = old[name].get(key), new[name].get(key)
            if x == y:
                continue
            label = schema.label_of(path + (0, key)).split(" › ")[-1]
            if key == "amount":
                lines.append(f"{what}「{name}」由 {_money(x)}更正为 {_money(y)}")
            elif key == "content":
                lines.append(f"{what}「{name}」的{label}有改动")
            else:
                lines.append(f"{what}「{name}」的{label}由「{_text(x)}」更正为「{_text(y)}」")
    for name in names_a:
        if name not in new:
            lines.append(f"删去{what}「{name}」{_summary(old[name], name_key)}")
    if not lines and names_a != names_b:
        lines.append(f"「{what}」的顺序有改动")
    return lines


def _summary(item: dict, name_key: str) -> str:
    if "amount" in item:
        return f"（{_money(item['amount'])}）"
    if "date" in item:
        return f"（{_text(item['date'])}）"
    return ""


def _describe_people(a, b, schema: RecordSchema) -> list[str]:
    """Recipients, named as published: surname only."""

    def shown(people):
        return [
            f"{mask_name(str(p.get('name', '')))}（{_text(p.get('benefit'))}）"
            for p in people or []
            if isinstance(p, dict)
        ]

    before, after = shown(a), shown(b)
    added = [p for p in after if p not in before]
    removed = [p for p in before if p not in after]
    what = schema.label_of(("beneficiaries",))
    lines = []
    if added:
        lines.append(f"新增{what} {len(added)} 人：{'、'.join(added)}")
    if removed:
        lines.append(f"删去{what} {len(removed)} 人：{'、'.join(removed)}")
    if not lines:
        lines.append(f"「{what}」有改动")
    return lines
