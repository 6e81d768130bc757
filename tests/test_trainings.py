"""Training sessions (培训): their checks on the minimal dataset, the plans' training metrics on
small fixtures, and their pages.

Only counts are recorded: a village is held to 32 or 56 学时 by its averages (person-hours over
people), and the township's quarterly training of secretaries by the quarters that have ended.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import PLAN, TODAY, TOWNSHIP
from test_metrics import result as computed
from test_metrics import summary

from generators.model.targets import METRICS
from generators.pipeline import GENERATED, generate

FILE = "trainings/qingxi-2025-03-shuji.yaml"


def session(
    dataset,
    name: str = "qingxi-2025-03-shuji",
    date: str = "2025-03-18",
    hours: str = "8",
    audience: str = "书记和班子成员",
    present: int = 3,
    level: str = "镇级",
    branch: str = "xikou-dangzhibu",
    township: str = "qingxi",
) -> None:
    dataset.write(
        f"trainings/{name}.yaml",
        f"id: {name}\ntownship: {township}\norganiser: 青溪镇党委\nlevel: {level}\n"
        f"date: {date}\ntopic: 学习贯彻全会精神\nhours: {hours}\naudience: {audience}\n"
        f"attendance:\n  - branch: {branch}\n    present: {present}\n",
    )


def texts(dataset) -> list[str]:
    return [p.text() for p in dataset.validate().problems]


# -- checks -------------------------------------------------------------------------


def test_a_session_is_clean(dataset):
    session(dataset)
    assert texts(dataset) == []


def test_more_present_than_committee_posts(dataset):
    session(dataset, present=4)
    assert texts(dataset) == [
        f"data/{FILE}:11:14: 错误 training.present-exceeds 字段「参训情况 第1项 › 实到人数」："
        "实到 4 人，但溪口村党支部只有书记和班子成员 3 人 — 核对实到人数；其他人员参加的，不计入这一行"
    ]


def test_more_present_than_members(dataset):
    session(dataset, audience="党员", present=23)
    assert [p.code for p in dataset.validate().problems] == ["training.present-exceeds"]
    session(dataset, audience="村社干部", present=23)
    assert texts(dataset) == []


def test_a_missing_audience_and_hours_name_the_field(dataset):
    session(dataset, hours="0", audience="群众")
    assert [(p.code, p.line, p.field) for p in dataset.validate().problems] == [
        ("schema.range", 7, "hours"),
        ("schema.allowed", 8, "audience"),
    ]


def test_an_organisation_of_another_township_is_an_error(dataset):
    dataset.write("townships/hexi.yaml", dataset.read(TOWNSHIP).replace("qingxi", "hexi"))
    dataset.plan_in_township()
    session(dataset, name="hexi-2025-03-shuji", township="hexi")
    problems = [
        (p.code, p.line) for p in dataset.validate().problems if p.code.startswith("training")
    ]
    assert problems == [("training.other-township", 10)]  # "training.other-township"


def test_a_future_session_is_an_error(dataset):
    session(dataset, date="2026-01-05")
    assert [(p.code, p.line) for p in dataset.validate().problems] == [("date.future", 5)]


# -- metrics ------------------------------------------------------------------------


def target(dataset, metric: str, value: str, unit: str = "学时", extra: str = "") -> None:
    dataset.replace(PLAN, "    metric: one_shoulder_share\n", f"    metric: {metric}\n{extra}")
    dataset.replace(PLAN, "    value: 50\n", f"    value: {value}\n")
    dataset.replace(PLAN, '    unit: "%"\n', f"    unit: {unit}\n")


def result(dataset):
    return summary(computed(dataset))


def test_member_hours_are_person_hours_over_members(dataset):
    # 3 of the committee for 8 hours and 22 members for 24 hours: (24 + 528) / 22 members
    session(dataset)
    session(dataset, "qingxi-2025-11-dangyuan", "2025-11-20", "24", "党员", 22)
    target(dataset, "member_training_hours_each", "32")
    assert result(dataset) == (
        "未达标",
        Decimal("25.09"),
        [("xikou-dangzhibu", "人均 25.09学时")],
        "",
    )


def test_committee_hours_count_only_sessions_for_committees(dataset):
    session(dataset, hours="40")
    session(dataset, "qingxi-2025-09-shuji", "2025-09-10", "16", present=3)
    session(dataset, "qingxi-2025-11-dangyuan", "2025-11-20", "24", "党员", 22)
    target(dataset, "committee_training_hours_each", "56")
    assert result(dataset) == ("达标", Decimal("56.00"), [], "")


def test_share_reaching_the_standard_and_no_sessions(dataset):
    target(dataset, "member_training_hours_share", "100", "'%'", "    per_unit: 32\n")
    assert result(dataset) == (
        "未达标",
        Decimal("0.0"),
        [("xikou-dangzhibu", "人均 0学时")],
        "",
    )
    session(dataset, "qingxi-2025-11-dangyuan", "2025-11-20", "32", "党员", 22)
    assert result(dataset)[:2] == ("达标", Decimal("100.0"))


def test_quarterly_training_names_the_quarters_missed(dataset):
    session(dataset)
    session(dataset, "qingxi-2025-06-shuji", "2025-06-18")
    session(dataset, "qingxi-2025-10-shuji", "2025-10-18", level="县级")
    target(dataset, "secretary_training_quarterly_share", "100", "'%'")
    assert result(dataset) == (
        "未达标",
        Decimal("0.0"),
        [("qingxi", "第三季度未举办")],  # the fourth is open on its last day
        "",
    )


def test_half_yearly_cadre_training_names_the_half_missed(dataset):
    """每半年组织其他村、社区干部进行培训: the first half without one is short; the second is
    still open on 12-31."""
    session(dataset, "qingxi-2025-03-shuji", "2025-03-18")
    target(dataset, "cadre_training_half_yearly_share", "100", "'%'")
    assert result(dataset) == ("未达标", Decimal("0.0"), [("qingxi", "上半年未举办")], "")
    session(dataset, "qingxi-2025-05-ganbu", "2025-05-18", audience="村社干部", present=6)
    assert result(dataset)[:3] == ("达标", Decimal("100.0"), [])


def test_quarters_not_yet_ended_are_not_due(dataset):
    from generators.model.training_targets import quarters_due

    assert quarters_due(2025, dt.date(2025, 7, 1)) == [1, 2]
    assert quarters_due(2025, dt.date(2025, 3, 30)) == []
    assert quarters_due(2024, dt.date(2025, 3, 30)) == [1, 2, 3, 4]


def test_rotation_counts_cadre_sessions_of_the_year(dataset):
    target(dataset, "cadre_training_rotation_share", "100", "'%'")
    session(dataset, date="2024-03-18")
    assert result(dataset)[2] == [("xikou-dangzhibu", "全年未参加培训")]
    session(dataset, "qingxi-2025-05-ganbu", "2025-05-18", audience="村社干部", present=6)
    assert result(dataset)[:3] == ("达标", Decimal("100.0"), [])


def test_training_metrics_are_offered_to_plans():
    assert {
        "member_training_hours_each",
        "member_training_hours_share",
        "committee_training_hours_each",
        "committee_training_hours_share",
        "secretary_training_quarterly_share",
        "cadre_training_rotation_share",
    } <= set(METRICS)


# -- pages --------------------------------------------------------------------------


def test_the_session_and_index_pages_show_counts_and_averages(dataset, tmp_path):
    session(dataset)
    session(dataset, "qingxi-2025-11-dangyuan", "2025-11-20", "24", "党员", 22)
    out = tmp_path / "out"
    generate(Path("data"), out, TODAY)
    page = (out / GENERATED / "trainings" / "qingxi-2025-03-shuji.md").read_text("utf-8")
    assert "| 学时 | 8学时 |" in page and "| 实到人数 | 3 人 |" in page
    assert "郑海涛" not in page
    index = (out / GENERATED / "trainings" / "index.md").read_text("utf-8")
    assert "| 25.09学时 | 8学时 | 1 期 |" in index
