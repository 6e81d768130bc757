"""The bundled sample in data/ keeps the promises the site and its docs make about it.

The sample is read as of 2025-12-31, the build date the sample is written for.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from generators.check.validate import validate
from generators.model.site import build_model
from generators.spec.registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def validation():
    return validate(DATA, TODAY)


@pytest.fixture(scope="module")
def site(validation):
    assert validation.ok
    return build_model(validation.records, TODAY, {}, REGISTRY)


def docs(validation, type_name):
    return {r.id: r.document for r in validation.records if r.type.name == type_name}


def test_sample_has_no_errors_or_warnings(validation):
    assert [p.text() for p in validation.problems] == []


def test_files_are_utf8_lf_with_space_indentation():
    for path in sorted(DATA.rglob("*.yaml")):
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert b"\r" not in raw, path
        assert "\t" not in text, path
        assert text.endswith("\n"), path


def test_record_counts(validation):
    counts = Counter(r.type.name for r in validation.records)
    assert counts["county"] == 1
    assert counts["township"] == 2  # a small county: every build shows the county's views
    assert counts["village"] >= 8
    assert counts["branch"] >= 15
    assert counts["meetings"] >= 3
    assert counts["plan"] >= 1
    assert counts["task"] >= 30
    assert counts["disclosure"] >= 12


def test_villages_include_a_community(validation):
    kinds = Counter(v["kind"] for v in docs(validation, "village").values())
    assert kinds["社区"] >= 1 and kinds["行政村"] >= 1


def test_branch_mix(validation):
    branches = docs(validation, "branch").values()
    levels = Counter(b["level"] for b in branches)
    sectors = Counter(b["sector"] for b in branches)
    assert levels["党委"] == 2  # one per township
    assert levels["党总支"] >= 1
    assert levels["流动党员党支部"] >= 1
    assert sectors["机关"] >= 2
    assert sectors["非公企业"] >= 1 and sectors["社会组织"] >= 1


def test_parent_totals_are_the_sum_of_the_organizations_beneath(validation):
    branches = docs(validation, "branch")
    children = defaultdict(list)
    for b in branches.values():
        if b.get("parent"):
            children[b["parent"]].append(b)
    assert children, "expected a branch tree"
    for parent_id, kids in children.items():
        for key, total in branches[parent_id]["members"].items():
            assert total == sum(k["members"][key] for k in kids), (parent_id, key)


def test_terms_are_current_but_one_that_shows_an_expired_term(validation):
    expired = [b["id"] for b in docs(validation, "branch").values() if b["term"]["end"] < TODAY]
    assert expired == ["shehui-zuzhi-lianhe-dangzhibu"]
    for b in docs(validation, "branch").values():
        assert b["term"]["start"] <= TODAY, b["id"]
    for v in docs(validation, "village").values():
        assert v["committee_term"]["start"] <= TODAY < v["committee_term"]["end"], v["id"]


def test_every_sample_target_is_computed_with_who_falls_short(site):
    from generators.model.targets import Targets

    plan = site.plans["wuxing-sanqiang-2025"]
    assert len(plan["actions"]) >= 6
    results = {r.target["id"]: r for p, r in Targets(site).all() if p.id == plan.id}
    assert all(t.get("metric") for t in plan["targets"])
    assert all(r.result is not None for r in results.values())
    states = {key: (r.state, r.result.value) for key, r in results.items() if r.result}
    assert states["wuxing-bili"] == ("达标", Decimal("55.6"))
    assert states["yijiantiao"] == ("达标", Decimal("100.0"))
    assert states["jiti-jingji"] == (
        "达标",
        Decimal("61250.00"),
    )  # the weakest village's 经营性收入
    assert states["dangjian-jingfei"] == ("未达标", Decimal("36000.00"))
    jingfei, bili = results["dangjian-jingfei"].result, results["wuxing-bili"].result
    assert jingfei is not None and bili is not None
    assert [u.unit for u in jingfei.short] == ["lingxia"]
    assert [u.unit for u in bili.short] == [
        "lingxia-dangzhibu",
        "meilin-dangzhibu",
        "shiqiao-dangzhibu",
        "zhukeng-dangzhibu",
    ]
    assert states["houbei-rencai"][0] == "未达标"
    assert any(r.state == "未达标" for r in results.values())


def test_each_plan_is_scored_on_its_own_township(site):
    """河西镇's plan: its 党建办 task and its targets are 河西镇's, not 青溪镇's (36,000 元 in
    岭下村)."""
    from generators.model.targets import Targets

    plan = site.plans["wuzhi-ronghe-2025"]
    results = {r.target["id"]: r for p, r in Targets(site).all() if p.id == plan.id}
    funds = results["dangjian-jingfei"].result
    assert funds is not None  # the target has records to count
    assert [(u.unit, u.value) for u in funds.units] == [
        ("hexicun", Decimal("30000.00")),
        ("shimen", Decimal("40000.00")),
    ]
    task = site.tasks["zhengzhi-dangjian-jingfei"]
    assert task["lead_units"] == ("hexi/zhen-dangjianban",)
    assert [len(site.tasks_of_township(t)) for t in ("hexi", "qingxi")] == [4, 34]


def test_overdue_tasks(site):
    assert sorted(t.id for t in site.overdue_tasks()) == [
        "baozhang-guangfu-lianjian",
        "fazhi-falv-guwen",
        "huanjie-houbei-mopai",
        "huanjie-renqi-shenji",
        "xianfeng-chanye-lianmeng",
        "yangguang-jiwu-jiandu",
        "zhuwang-hezuoshe-jiandang",
    ]


def test_task_statuses_and_updates(validation):
    tasks = docs(validation, "task").values()
    statuses = Counter(t["status"] for t in tasks)
    assert statuses["已完成"] >= 3 and statuses["推进中"] >= 3
    assert statuses["未启动"] >= 2 and statuses["已取消"] >= 1
    assert sum(1 for t in tasks if "换届" in t["title"] + t["content"]) >= 3
    for t in tasks:
        assert (t["status"] == "已完成") == (t["progress"] == 100), t["id"]
        if t["status"] == "未启动":
            assert t["progress"] == 0, t["id"]
        updates = t.get("updates") or []
        dates = [u["date"] for u in updates]
        assert dates == sorted(dates), t["id"]
        assert all(t["start"] <= d <= TODAY for d in dates), t["id"]
        progress = [u["progress"] for u in updates]
        assert progress == sorted(progress), t["id"]
        if updates:
            assert progress[-1] == t["progress"], t["id"]


def test_meeting_rhythm(validation):
    for log in docs(validation, "meetings").values():
        months = defaultdict(set)
        for m in log["meetings"]:
            assert m["present"] <= m["due"]
            months[m["type"]].add(m["date"].month)
        for monthly in ("支部委员会", "党小组会", "主题党日"):
            assert months[monthly] == set(range(1, 13)), (log["id"], monthly)
        for quarterly in ("支部党员大会", "党课"):
            assert {(m - 1) // 3 for m in months[quarterly]} == {0, 1, 2, 3}, (log["id"], quarterly)
        assert months["组织生活会"] and months["民主评议党员"], log["id"]


def test_disclosure_coverage(validation):
    disclosures = list(docs(validation, "disclosure").values())
    assert {d["category"] for d in disclosures} == {"党务", "村务", "财务"}
    periods = {d["period"] for d in disclosures}
    assert {"2025-Q3", "2025-Q4"} <= periods
    steps = docs(validation, "township")["qingxi"]["decision_steps"]
    assert any([s["step"] for s in d.get("decision", ())] == list(steps) for d in disclosures)
    assert any(d.get("beneficiaries") for d in disclosures)
    assert any(d.get("corrections") for d in disclosures)
    finances = [d["finance"] for d in disclosures if d.get("finance")]
    assert finances
    for f in finances:
        income = sum((line["amount"] for line in f["income"]), Decimal("0"))
        expense = sum((line["amount"] for line in f["expense"]), Decimal("0"))
        assert f["opening"] + income - expense == f["closing"]
