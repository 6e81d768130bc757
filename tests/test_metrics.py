"""Each metric of a target, pinned on the minimal dataset edited per test: the value, who falls short, and why
there is no value (no units, no records, a missing year)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import BRANCH, PLAN, TODAY, TOWNSHIP, VILLAGE

from generators.check.validate import validate
from generators.model.site import Site, build_model
from generators.model.targets import METRICS, Targets
from generators.pipeline import GENERATED, generate
from generators.spec.registry import REGISTRY

TARGET = "    metric: one_shoulder_share\n"


def target(dataset, metric: str, extra: str = "", comparator: str = "≥", value: str = "50") -> None:
    dataset.replace(PLAN, TARGET, f"    metric: {metric}\n{extra}")
    dataset.replace(
        PLAN,
        "    comparator: ≥\n    value: 50\n",
        f"    comparator: {comparator}\n    value: {value}\n",
    )


def result(dataset):
    validation = validate(Path("data"), TODAY)
    assert not [p for p in validation.problems if p.is_error], [
        p.text() for p in validation.problems
    ]
    site = build_model(validation.records, TODAY, {}, REGISTRY)
    [(_, found)] = Targets(site).all()
    return found


def summary(found):
    return (
        found.state,
        found.result.value,
        [(u.unit, u.shown) for u in found.result.short],
        found.reason,
    )


def ratings(dataset, *lines: tuple[int, int, str]) -> None:
    text = "ratings:\n" + "".join(
        f"  - year: {y}\n    stars: {s}\n    grade: {g}\n" for y, s, g in lines
    )
    dataset.write(BRANCH, dataset.read(BRANCH) + text)


def test_every_metric_is_documented():
    for metric in METRICS.values():
        assert (
            metric.label
            and metric.needs
            and metric.unit in ("%", "元", "倍", "学时")
            and metric.form in ("share", "each")
        )
    field = REGISTRY["plan"].schema.root
    for part in ("targets", 0, "metric"):
        child = field.child(part)
        assert child is not None, part
        field = child
    allowed = field.rules["allowed"]
    assert sorted(allowed) == sorted(METRICS)


def test_one_shoulder_all_units(dataset):
    assert summary(result(dataset)) == ("达标", Decimal("100.0"), [], "")


def test_five_stars_of_the_village_organisation_in_the_target_year(dataset):
    ratings(dataset, (2024, 4, "较好"), (2025, 5, "好"))
    target(dataset, "five_star_share")
    assert summary(result(dataset))[:3] == ("达标", Decimal("100.0"), [])
    dataset.replace(
        PLAN, "    metric: five_star_share\n", "    metric: five_star_share\n    year: 2024\n"
    )
    assert summary(result(dataset))[:3] == ("未达标", Decimal("0.0"), [("xikou-dangzhibu", "四星")])


def test_a_missing_year_is_no_data_with_the_reason(dataset):
    ratings(dataset, (2024, 4, "较好"))
    target(dataset, "five_star_share")
    found = result(dataset)
    assert (found.state, found.reason) == ("无数据", "范围内的党组织都没有2025年的星级评定")


def test_collective_income_of_every_village_on_its_basis(dataset):
    target(dataset, "collective_income_each", "    basis: 经营性收入\n", value="100000")
    dataset.replace(PLAN, '    unit: "%"', "    unit: 元")
    assert summary(result(dataset)) == (
        "未达标",
        Decimal("61250.00"),
        [("xikou", "61,250.00 元")],
        "",
    )
    dataset.replace(PLAN, "    basis: 经营性收入\n", "")
    assert summary(result(dataset))[:3] == ("达标", Decimal("162345.90"), [])


def test_share_of_villages_above_a_standard(dataset):
    target(dataset, "collective_income_share", "    per_unit: 200000\n", value="30")
    assert summary(result(dataset)) == ("未达标", Decimal("0.0"), [("xikou", "162,345.90 元")], "")


def test_party_funds_not_filled_is_no_data(dataset):
    target(dataset, "party_funds_each", value="40000")
    found = result(dataset)
    assert (found.state, found.reason) == ("无数据", "范围内没有村（社区）填报2025年的数据")
    dataset.write(
        VILLAGE, dataset.read(VILLAGE) + "party_funds:\n  - year: 2025\n    amount: 38000.00\n"
    )
    assert summary(result(dataset)) == (
        "未达标",
        Decimal("38000.00"),
        [("xikou", "38,000.00 元")],
        "",
    )


def test_reserve_cadres_against_posts(dataset):
    target(dataset, "reserve_ratio_each", value="2")
    dataset.write(BRANCH, dataset.read(BRANCH) + "reserve_cadres: 5\n")
    assert summary(result(dataset)) == (
        "未达标",
        Decimal("1.67"),
        [("xikou-dangzhibu", "后备 5 人 / 班子 3 人 = 1.67")],
        "",
    )


def test_weak_organisations_identified_and_rectified(dataset):
    dataset.write(
        BRANCH,
        dataset.read(BRANCH) + "rectifications:\n  - status: 已销号\n    started: 2025-02-01\n"
        "    finished: 2025-11-20\n    reason: 班子战斗力不强\n",
    )
    target(dataset, "weak_identified_share", value="5")
    found = result(dataset)
    assert (found.state, found.result.value, [u.unit for u in found.result.units if u.ok]) == (
        "达标",
        Decimal("100.0"),
        ["xikou-dangzhibu"],
    )
    dataset.replace(
        PLAN, "    metric: weak_identified_share\n", "    metric: weak_rectified_share\n"
    )
    assert summary(result(dataset))[:3] == ("达标", Decimal("100.0"), [])


def test_upgrade_rate_needs_a_weak_grade_the_year_before(dataset):
    ratings(dataset, (2024, 3, "一般"), (2025, 3, "一般"))
    target(dataset, "upgrade_share", value="30")
    assert summary(result(dataset))[:3] == (
        "未达标",
        Decimal("0.0"),
        [("xikou-dangzhibu", "一般 → 一般")],
    )
    dataset.replace(
        BRANCH,
        "  - year: 2025\n    stars: 3\n    grade: 一般",
        "  - year: 2025\n    stars: 4\n    grade: 较好",
    )
    assert summary(result(dataset))[:3] == ("达标", Decimal("100.0"), [])
    dataset.replace(
        BRANCH,
        "  - year: 2024\n    stars: 3\n    grade: 一般",
        "  - year: 2024\n    stars: 4\n    grade: 好",
    )
    assert result(dataset).reason == "2024年没有定为一般或较差的村（社区）党组织"


def test_task_completion_excludes_cancelled_tasks(dataset):
    target(dataset, "task_completion_share", value="80")
    assert summary(result(dataset)) == ("未达标", Decimal("0.0"), [("wangge-fugai", "推进中")], "")


def test_a_scope_with_no_units_is_an_error_and_missing_records_a_warning(dataset):
    target(dataset, "meeting_compliance_share", "    sector: 国有企业\n")
    problems = [(p.code, p.line) for p in validate(Path("data"), TODAY).problems]
    assert problems == [("target.no-units", 21)]
    dataset.replace(
        PLAN,
        "    metric: meeting_compliance_share\n    sector: 国有企业\n",
        "    metric: party_funds_each\n",
    )
    [warning] = validate(Path("data"), TODAY).problems
    assert (warning.code, warning.severity, warning.line) == ("target.no-data", "warning", 21)
    assert "范围内没有村（社区）填报2025年的数据" in warning.text()


def test_a_build_reports_the_targets_as_validate_does_from_the_one_model_it_builds(
    dataset, monkeypatch
):
    target(dataset, "meeting_compliance_share", "    sector: 国有企业\n")
    built: list = []
    monkeypatch.setattr(Site, "__init__", counted(Site.__init__, built))
    validated = [p.text() for p in validate(Path("data"), TODAY).problems]
    assert len(built) == 1 and len(validated) == 1 and "target.no-units" in validated[0]
    built.clear()
    docs = dataset.root / "docs"
    result = generate(Path("data"), docs, TODAY, use_history=False)
    assert [p.text() for p in result.problems] == validated
    assert not result.ok and not (docs / GENERATED).exists() and len(built) == 1
    dataset.replace(PLAN, "    sector: 国有企业\n", "")
    built.clear()
    result = generate(Path("data"), docs, TODAY, use_history=False)
    assert result.ok and result.site is not None and len(built) == 1


def counted(function, calls: list):
    def wrapper(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return wrapper


def test_new_org_coverage(dataset):
    target(dataset, "new_org_coverage", value="85")
    found = result(dataset)
    assert (found.state, found.result.value) == ("达标", Decimal("100.0"))
    dataset.delete("new-orgs/xikou-chaye.yaml")
    assert result(dataset).reason == "范围内没有两新组织记录（data/new-orgs/）"


def test_a_county_target_counts_every_township(dataset):
    township = (
        dataset.read(TOWNSHIP).replace("id: qingxi", "id: dongshan").replace("青溪镇", "东山镇")
    )
    dataset.write(
        "townships/dongshan.yaml", township.replace("zhen-dangjianban", "dongshan-dangjianban")
    )
    dataset.plan_in_township()
    other = dataset.read(VILLAGE).replace("id: xikou", "id: nanling").replace("溪口村", "南岭村")
    other = other.replace("township: qingxi", "township: dongshan").replace(
        "  director: 郑海涛", "  director: 王建国"
    )
    dataset.write("villages/nanling.yaml", other)
    assert summary(result(dataset))[:3] == (
        "达标",
        Decimal("100.0"),
        [],
    )  # the plan's own township only
    dataset.replace(PLAN, TARGET, TARGET + "    level: 县\n")
    assert summary(result(dataset))[:3] == (
        "达标",
        Decimal("50.0"),
        [("nanling", "书记、主任分设")],
    )


def test_ratings_belong_to_the_organisation_in_the_townships_scale(dataset):
    ratings(dataset, (2025, 5, "好"))
    docs = dataset.root / "docs"
    docs.mkdir()
    assert generate(Path("data"), docs, TODAY, use_history=False).ok
    villages = (docs / GENERATED / "villages" / "index.md").read_text(encoding="utf-8")
    assert "| 五星（2025） |" in villages
    assert "[溪口村党支部](/generated/branches/xikou-dangzhibu.md)的评定结果" in (
        docs / GENERATED / "villages" / "xikou.md"
    ).read_text(encoding="utf-8")
    dataset.replace(TOWNSHIP, "decision_steps:", "rating_scale: A级\ndecision_steps:")
    assert generate(Path("data"), docs, TODAY, use_history=False).ok
    assert "| 5A（2025） |" in (docs / GENERATED / "villages" / "index.md").read_text(
        encoding="utf-8"
    )
    assert "| 5A（2025） | — |" in (docs / GENERATED / "branches" / "index.md").read_text(
        encoding="utf-8"
    )
