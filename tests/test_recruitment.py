"""Member development (发展党员): its checks on the minimal dataset, the three-year flag for
挂牌督办 and the share under 35 on small fixtures, and the pages (counts only)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import PLAN, TODAY
from test_metrics import result as computed
from test_metrics import summary

from generators.pipeline import GENERATED, generate


def record(dataset, year: int, admitted: tuple[int, int] = (1, 1), confirmed: int = 0) -> None:
    stages = [(3, 2), (2, 1), (1, 1), admitted, (confirmed, 0)]
    keys = ("applicants", "activists", "candidates", "admitted", "confirmed")
    text = f"id: xikou-dangzhibu-{year}\nbranch: xikou-dangzhibu\nyear: {year}\n" + "".join(
        f"{key}:\n  total: {total}\n  under_35: {young}\n"
        for key, (total, young) in zip(keys, stages, strict=True)
    )
    dataset.write(f"recruitment/xikou-dangzhibu-{year}.yaml", text)


def texts(dataset) -> list[str]:
    return [p.text() for p in dataset.validate().problems]


def test_a_record_is_clean(dataset):
    record(dataset, 2025)
    assert texts(dataset) == []


def test_more_under_35_than_in_all(dataset):
    record(dataset, 2025, admitted=(1, 2))
    assert texts(dataset) == [
        "data/recruitment/xikou-dangzhibu-2025.yaml:15:13: 错误 recruitment.young-exceeds "
        "字段「预备党员 › 其中35岁以下」：预备党员中35岁以下 2 人，超过总人数 1 人 — "
        "核对预备党员的人数和其中35岁以下的人数"
    ]


def test_more_confirmed_than_admitted_the_year_before(dataset):
    record(dataset, 2024, admitted=(1, 1))
    record(dataset, 2025, confirmed=2)
    problems = [(p.code, p.path, p.line) for p in dataset.validate().problems]
    assert problems == [
        ("recruitment.confirmed-exceeds", "data/recruitment/xikou-dangzhibu-2025.yaml", 17)
    ]


def target(dataset, metric: str, comparator: str, value: str) -> None:
    dataset.replace(PLAN, "    metric: one_shoulder_share\n", f"    metric: {metric}\n")
    dataset.replace(
        PLAN,
        "    comparator: ≥\n    value: 50\n",
        f"    comparator: {comparator}\n    value: {value}\n",
    )


def test_no_new_member_in_three_years_is_flagged(dataset):
    target(dataset, "recruitment_stalled_share", "≤", "0")
    dataset.delete("recruitment/xikou-dangzhibu-2024.yaml")
    found = computed(dataset)
    assert (found.state, found.reason) == ("无数据", "范围内没有发展党员记录（data/recruitment/）")
    record(dataset, 2022)
    found = computed(dataset)
    assert (found.state, found.result.value) == ("未达标", Decimal("100.0"))
    assert [(u.unit, u.shown) for u in found.result.units if u.ok] == [
        ("xikou-dangzhibu", "2023—2025年未发展党员")
    ]
    record(dataset, 2023)
    assert summary(computed(dataset))[:2] == ("达标", Decimal("0.0"))


def test_the_share_of_new_members_under_35(dataset):
    target(dataset, "recruitment_young_share", "≥", "50")
    found = computed(dataset)
    assert (found.state, found.reason) == (
        "无数据",
        "范围内的村（社区）党组织2025年没有接收预备党员",
    )
    record(dataset, 2025, admitted=(3, 1))
    assert summary(computed(dataset)) == (
        "未达标",
        Decimal("33.3"),
        [("xikou-dangzhibu", "新发展 3 名，35岁以下 1 名")],
        "",
    )


def test_the_pages_show_counts_and_the_flag(dataset, tmp_path):
    record(dataset, 2022)
    out = tmp_path / "out"
    generate(Path("data"), out, TODAY)
    index = (out / GENERATED / "recruitment" / "index.md").read_text("utf-8")
    assert "| 预备党员 | 1 人 | 1 人 |" in index
    assert "2020—2022年各村（社区）党组织都发展了党员。" in index
    page = (out / GENERATED / "recruitment" / "xikou-dangzhibu-2022.md").read_text("utf-8")
    assert "| 入党申请人 | 3 人 | 2 人 |" in page


def test_the_supervision_list_flags_them_where_the_records_are_kept(dataset):
    from generators.check.validate import validate
    from generators.model.site import build_model
    from generators.model.supervision import supervision
    from generators.spec.registry import REGISTRY

    def flagged():
        validation = validate(Path("data"), TODAY)
        site = build_model(validation.records, TODAY, {}, REGISTRY)
        return [(e.what, e.units) for e in supervision(site) if e.kind == "发展党员"]

    dataset.delete("recruitment/xikou-dangzhibu-2024.yaml")
    assert flagged() == []  # no township keeps the records: nobody is judged
    record(dataset, 2022)
    assert flagged() == [("2023—2025年未发展党员，挂牌督办", ("xikou-dangzhibu",))]
    record(dataset, 2024)
    assert flagged() == []
