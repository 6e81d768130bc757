"""Checks across records, run through validate() on the minimal dataset with one change each."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BRANCH, DISCLOSURE, MEETINGS, PLAN, TASK, TOWNSHIP, VILLAGE


def found(dataset, today=None):
    """(code, path inside data/, line, col, severity) of every problem, in report order."""
    result = dataset.validate(today) if today else dataset.validate()
    return [
        (p.code, p.path.removeprefix("data/"), p.line, p.col, p.severity) for p in result.problems
    ]


def errors(dataset, **kw):
    return [
        (code, path, line, col)
        for code, path, line, col, severity in found(dataset, **kw)
        if severity == "error"
    ]


def test_minimal_dataset_is_clean(dataset):
    result = dataset.validate()
    assert result.problems == [] and result.ok
    assert len(result.records) == 20 and all(r.document is not None for r in result.records)


# ---------------------------------------------------------------------------
# ids


def test_id_differs_from_file_name(dataset):
    dataset.replace(PLAN, "id: jiceng-2025", "id: jiceng-2026")
    problems = dataset.validate().problems
    assert [(p.code, p.path, p.line, p.col) for p in problems] == [
        ("id.file-name", "data/plans/jiceng-2025.yaml", 1, 5)
    ]  # and no cascade into the task
    assert problems[0].text() == (
        "data/plans/jiceng-2025.yaml:1:5: 错误 id.file-name 字段「编号」：编号 jiceng-2026 与文件名 jiceng-2025 不一致"
        " — 把编号改为 jiceng-2025，或把文件改名为 jiceng-2026.yaml"
    )


def test_duplicate_task_id_in_two_plan_folders(dataset):
    dataset.write(
        "plans/jiceng-2026.yaml", dataset.read(PLAN).replace("id: jiceng-2025", "id: jiceng-2026")
    )
    dataset.write(
        "tasks/jiceng-2026/wangge-fugai.yaml",
        dataset.read(TASK).replace("plan: jiceng-2025", "plan: jiceng-2026"),
    )
    problems = dataset.validate().problems
    assert [p.text() for p in problems] == [
        "data/tasks/jiceng-2026/wangge-fugai.yaml:1:5: 错误 id.duplicate 字段「编号」：编号 wangge-fugai 已被"
        " data/tasks/jiceng-2025/wangge-fugai.yaml 使用 — 每条记录的编号必须唯一"
        "（村、党组织、镇之间也不能重名），请换一个编号"
    ]


@pytest.mark.parametrize(
    "source, copy, old, new, reported",
    [
        # the file met second, in path order, is the one reported
        (BRANCH, "branches/xikou.yaml", "id: xikou-dangzhibu", "id: xikou", (VILLAGE, 1, 5)),
        (
            VILLAGE,
            "villages/qingxi.yaml",
            "id: xikou",
            "id: qingxi",
            ("villages/qingxi.yaml", 1, 5),
        ),
        (BRANCH, "branches/qingxi.yaml", "id: xikou-dangzhibu", "id: qingxi", (TOWNSHIP, 2, 5)),
    ],
)
def test_duplicate_ids_across_villages_branches_and_townships(
    dataset, source, copy, old, new, reported
):
    dataset.write(copy, dataset.read(source).replace(old, new))
    assert [e[1:] for e in errors(dataset) if e[0] == "id.duplicate"] == [reported]


def test_department_id_clashing_with_a_village(dataset):
    dataset.replace(
        TOWNSHIP,
        "  - id: zhen-dangjianban\n    name: 镇党建办",
        "  - id: zhen-dangjianban\n    name: 镇党建办\n  - id: xikou\n    name: 镇某办",
    )
    assert errors(dataset) == [("id.department-clash", TOWNSHIP, 11, 9)]


def test_duplicate_action_ids_in_a_plan(dataset):
    dataset.replace(
        PLAN,
        "    goal: 网格党组织全覆盖",
        "    goal: 网格党组织全覆盖\n  - id: zhuwang\n    name: 另一个\n    goal: 重复",
    )
    assert errors(dataset) == [("id.duplicate-in-plan", PLAN, 13, 9)]


@pytest.mark.parametrize("typed", ["../xikou", "xi/kou", "xi kou", "xikou/../../etc"])
def test_unsafe_ids_are_pattern_errors_without_cascading(dataset, typed):
    dataset.replace(VILLAGE, "id: xikou", f"id: {typed}")
    assert errors(dataset) == [("schema.pattern", VILLAGE, 1, 5)]


def test_a_broken_record_does_not_cascade_into_missing_references(dataset):
    dataset.replace(VILLAGE, "grids: 3", "grids: 三")
    assert errors(dataset) == [("value.not-number", VILLAGE, 8, 8)]


def test_a_broken_township_still_provides_its_departments(dataset):
    dataset.replace(TOWNSHIP, "county: 云岭县", "county: [云岭县")
    assert [e[:2] for e in errors(dataset)] == [("yaml.unclosed-bracket", TOWNSHIP)]
    dataset.replace(TOWNSHIP, "county: [云岭县", "county: 云岭县\nmayor: 某某")
    assert errors(dataset) == [("schema.unknown-field", TOWNSHIP, 5, 1)]


def test_an_unparsable_record_does_not_cascade_either(dataset):
    dataset.write(VILLAGE, "id: xikou\nname: [\n")
    assert errors(dataset) == [("yaml.unexpected-end", VILLAGE, 3, 1)]


# ---------------------------------------------------------------------------
# references


@pytest.mark.parametrize(
    "path, old, new, at, message",
    [
        (
            VILLAGE,
            "township: qingxi",
            "township: qingxii",
            (4, 11),
            "找不到编号为 qingxii 的镇（街道）",
        ),
        (BRANCH, "village: xikou", "village: xikuo", (6, 10), "找不到编号为 xikuo 的村（社区）"),
        (
            BRANCH,
            "village: xikou",
            "village: xikou\nparent: xikou-dangwei",
            (7, 9),
            "找不到编号为 xikou-dangwei 的党组织",
        ),
        (
            BRANCH,
            "township: qingxi",
            "township: nowhere",
            (5, 11),
            "找不到编号为 nowhere 的镇（街道）",
        ),
        (
            TASK,
            "  - zhen-dangjianban",
            "  - zhen-dangjian",
            (7, 5),
            "找不到编号为 zhen-dangjian 的单位（部门、村或党组织）",
        ),
        (
            TASK,
            "  - xikou-dangzhibu",
            "  - xikou-dzb",
            (10, 5),
            "找不到编号为 xikou-dzb 的单位（部门、村或党组织）",
        ),
        (
            DISCLOSURE,
            "subject: xikou",
            "subject: xikou-cun",
            (4, 10),
            "找不到编号为 xikou-cun 的公开主体（村、党组织或镇）",
        ),
        (
            MEETINGS,
            "branch: xikou-dangzhibu",
            "branch: xikou-dzb",
            (2, 9),
            "找不到编号为 xikou-dzb 的党组织",
        ),
    ],
)
def test_dangling_references(dataset, path, old, new, at, message):
    dataset.replace(path, old, new)
    problems = [p for p in dataset.validate().problems if p.code == "ref.missing"]
    assert [(p.path, p.line, p.col, p.message) for p in problems] == [
        (dataset.shown(path), *at, message)
    ]


def test_dangling_reference_suggests_the_close_id(dataset):
    dataset.replace(DISCLOSURE, "subject: xikou", "subject: xikuo")
    problem = dataset.validate().problems[0]
    assert problem.fix == "是不是 xikou？"


def test_dangling_plan(dataset):
    dataset.replace(TASK, "plan: jiceng-2025", "plan: jiceng-2024")
    assert errors(dataset) == [("ref.missing", TASK, 2, 7), ("task.plan-folder", TASK, 2, 7)]


def test_dangling_action(dataset):
    dataset.replace(TASK, "action: zhuwang", "action: zhuwan")
    problem = dataset.validate().problems[0]
    assert problem.text() == (
        "data/tasks/jiceng-2025/wangge-fugai.yaml:3:9: 错误 ref.missing-action 字段「所属行动」："
        "方案 jiceng-2025 里没有编号为 zhuwan 的行动 — 改成方案中已有的行动：zhuwang"
    )


def test_a_reference_typed_with_a_trailing_newline_is_reported_on_one_line(dataset):
    dataset.replace(DISCLOSURE, "subject: xikou", "subject: |\n  xikou")
    problem = dataset.validate().problems[0]
    assert (problem.code, problem.line) == ("ref.missing", 4)
    assert "\n" not in problem.text()


def test_organization_cycle(dataset):
    dataset.replace(BRANCH, "village: xikou", "village: xikou\nparent: xikou-dangwei")
    dataset.write(
        "branches/xikou-dangwei.yaml",
        dataset.read(BRANCH)
        .replace("id: xikou-dangzhibu", "id: xikou-dangwei")
        .replace("parent: xikou-dangwei", "parent: xikou-dangzhibu"),
    )
    problems = [p for p in dataset.validate().problems if p.is_error]
    assert [(p.code, p.path, p.line, p.col) for p in problems] == [
        ("ref.cycle", "data/branches/xikou-dangwei.yaml", 7, 9),
        ("ref.cycle", "data/branches/xikou-dangzhibu.yaml", 7, 9),
    ]
    assert (
        problems[0].message
        == "上级党组织形成了循环：xikou-dangwei → xikou-dangzhibu → xikou-dangwei"
    )


def test_organization_that_is_its_own_parent(dataset):
    dataset.replace(BRANCH, "village: xikou", "village: xikou\nparent: xikou-dangzhibu")
    assert errors(dataset) == [("ref.cycle", BRANCH, 7, 9)]


# ---------------------------------------------------------------------------
# dates and progress


def test_start_after_deadline(dataset):
    dataset.replace(TASK, "deadline: 2025-06-30", "deadline: 2025-01-31")
    assert errors(dataset) == [("date.end-before-start", TASK, 12, 11)]


def test_long_term_deadline_is_fine(dataset):
    dataset.replace(TASK, "deadline: 2025-06-30", "deadline: 长期坚持")
    assert errors(dataset) == []


def test_deadline_that_does_not_exist(dataset):
    dataset.replace(TASK, "deadline: 2025-06-30", "deadline: 2025-02-30")
    assert errors(dataset) == [("date.no-such-day", TASK, 12, 11)]


def test_completed_with_progress_below_100(dataset):
    dataset.replace(TASK, "status: 推进中", "status: 已完成")
    problem = dataset.validate().problems[0]
    assert problem.text() == (
        "data/tasks/jiceng-2025/wangge-fugai.yaml:13:9: 错误 task.done-progress 字段「状态」："
        "状态是「已完成」，进度却是 60%（已完成必须且只能对应进度 100） — 进度写 100，或把状态改为推进中"
    )


def test_progress_100_without_completed(dataset):
    dataset.replace(TASK, "progress: 60\nupdates", "progress: 100\nupdates")
    dataset.replace(TASK, "    progress: 60\n", "    progress: 100\n")
    assert errors(dataset) == [("task.done-progress", TASK, 13, 9)]


def test_not_started_with_progress(dataset):
    dataset.replace(TASK, "status: 推进中", "status: 未启动")
    assert errors(dataset) == [("task.not-started-progress", TASK, 13, 9)]


def test_progress_differs_from_the_latest_update_is_a_warning(dataset):
    dataset.replace(TASK, "progress: 60\nupdates", "progress: 70\nupdates")
    assert found(dataset) == [("task.progress-mismatch", TASK, 14, 11, "warning")]
    assert dataset.validate().ok


def test_updates_out_of_date_order(dataset):
    dataset.replace(TASK, "date: 2025-05-31", "date: 2025-03-01")
    assert errors(dataset) == [("date.order", TASK, 19, 11)]


def test_update_after_the_build_date(dataset):
    assert errors(dataset, today=dt.date(2025, 5, 30)) == [("date.future", TASK, 19, 11)]
    assert errors(dataset, today=dt.date(2025, 5, 31)) == []


def test_published_after_the_build_date(dataset):
    problems = [
        p for p in dataset.validate(dt.date(2025, 4, 9)).problems if p.path.endswith(DISCLOSURE)
    ]
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("date.future", 7, 12),
        ("date.future", 38, 11),
    ]
    assert problems[0].message == "公开日期 2025-04-10 晚于今天（2025-04-09）"


def test_correction_before_publication(dataset):
    dataset.replace(DISCLOSURE, "  - date: 2025-04-20", "  - date: 2025-04-01")
    assert errors(dataset) == [("date.end-before-start", DISCLOSURE, 38, 11)]


def test_meeting_in_another_year(dataset):
    dataset.replace(MEETINGS, "date: 2025-03-28", "date: 2024-03-28")
    assert errors(dataset) == [
        ("meetings.year", MEETINGS, 10, 11),
        ("date.order", MEETINGS, 10, 11),
    ] or sorted(errors(dataset)) == sorted(
        [("date.order", MEETINGS, 10, 11), ("meetings.year", MEETINGS, 10, 11)]
    )


def test_meetings_out_of_order_and_attendance(dataset):
    dataset.replace(MEETINGS, "present: 20", "present: 30")
    assert errors(dataset) == [("meetings.attendance", MEETINGS, 14, 14)]


def test_plan_period_ends_before_it_starts(dataset):
    dataset.replace(PLAN, "  end: 2025-12-31", "  end: 2024-12-31")
    assert errors(dataset) == [("date.end-before-start", PLAN, 8, 8)]


# ---------------------------------------------------------------------------
# disclosures


def test_finance_that_balances_exactly_with_decimal_amounts(dataset):
    # 0.1 + 0.2 − 0.3 is not 0 in floating point; amounts are Decimal and balance to the fen.
    assert errors(dataset) == []
    dataset.replace(DISCLOSURE, "opening: 1000.10", "opening: 0.00")
    dataset.replace(DISCLOSURE, "closing: 1000.10", "closing: 0")
    assert errors(dataset) == []


def test_finance_off_by_one_fen(dataset):
    dataset.replace(DISCLOSURE, "closing: 1000.10", "closing: 1000.11")
    problem = dataset.validate().problems[0]
    assert problem.text() == (
        "data/disclosures/2025/xikou-2025-q1-caiwu.yaml:31:12: 错误 finance.unbalanced "
        "字段「财务收支 › 期末余额（元）」："
        "期末余额写的是 1000.11 元，但 期初 1000.10 + 收入 0.30 − 支出 0.30 = 1000.10 元"
        " — 核对每一笔收支和期初、期末余额，账目要精确到分"
    )


def test_decision_steps_out_of_order(dataset):
    dataset.replace(DISCLOSURE, "  - step: 村党组织提议\n", "  - step: 村两委会议商议\n")
    dataset.replace(
        DISCLOSURE,
        "  - step: 村两委会议商议\n    date: 2025-01-08",
        "  - step: 村党组织提议\n    date: 2025-01-08",
    )
    assert errors(dataset) == [("decision.order", DISCLOSURE, 35, 11)]


def test_decision_step_skipping_is_allowed_but_going_back_is_not(dataset):
    dataset.replace(
        DISCLOSURE,
        "  - step: 村两委会议商议\n    date: 2025-01-08",
        "  - step: 党员大会审议\n    date: 2025-01-08\n  - step: 村两委会议商议\n    date: 2025-01-09",
    )
    assert errors(dataset) == [("decision.order", DISCLOSURE, 37, 11)]


def test_decision_step_dates_out_of_order(dataset):
    dataset.replace(DISCLOSURE, "    date: 2025-01-08", "    date: 2025-01-04")
    assert errors(dataset) == [("date.order", DISCLOSURE, 36, 11)]


def test_unknown_decision_step(dataset):
    dataset.replace(DISCLOSURE, "  - step: 村两委会议商议", "  - step: 两委商议")
    assert errors(dataset) == [("decision.unknown-step", DISCLOSURE, 35, 11)]


def only_problem(dataset):
    [problem] = dataset.validate().problems
    return problem


def test_a_disclosure_names_an_item_of_the_catalogue(dataset):
    dataset.replace(DISCLOSURE, "item: cunji-caiwu", "item: cunji-caiwo")
    problem = only_problem(dataset)
    assert (problem.code, problem.line, problem.col) == ("disclosure.unknown-item", 3, 7)
    assert problem.text() == (
        "data/disclosures/2025/xikou-2025-q1-caiwu.yaml:3:7: 错误 disclosure.unknown-item 字段「公开事项」："
        "「cunji-caiwo」不是青溪镇公开目录中的事项 — 是不是 cunji-caiwu？公开事项填写公开目录中的事项编号："
        "cunji-caiwu（村级财务收支情况）"
    )


def test_the_old_free_text_item_is_refused_with_the_catalogue_key(dataset):
    dataset.replace(DISCLOSURE, "item: cunji-caiwu", "item: 季度财务收支")
    problem = only_problem(dataset)
    assert (problem.code, problem.line) == ("schema.pattern", 3)
    assert "填写镇（街道）公开目录中的事项编号，例如 cunji-caiwu" in problem.text()


def test_a_period_must_fit_the_rhythm(dataset):
    dataset.replace(DISCLOSURE, "period: 2025-Q1", "period: 2025-03")
    problem = only_problem(dataset)
    assert (problem.code, problem.line, problem.col) == ("disclosure.period-form", 5, 9)
    assert problem.text().endswith(
        "「村级财务收支情况」每季度公开，所属期间「2025-03」不是一个季度 — 所属期间按季度填写，例如 2025-Q3"
    )


def test_a_date_that_does_not_exist_is_no_period(dataset):
    dataset.replace(DISCLOSURE, "period: 2025-Q1", "period: 2025-02-30")
    assert errors(dataset) == [("disclosure.period-form", DISCLOSURE, 5, 9)]


def test_the_category_follows_the_catalogue(dataset):
    dataset.replace(DISCLOSURE, "category: 财务", "category: 党务")
    problem = only_problem(dataset)
    assert problem.text().endswith(
        "公开类别是「党务」，公开目录中「村级财务收支情况」属于财务公开 — 公开类别改为 财务，或改正公开事项"
    )


def test_a_second_disclosure_of_a_period_is_a_warning_on_the_later_one(dataset):
    later = dataset.read(DISCLOSURE).replace(
        "id: xikou-2025-q1-caiwu", "id: xikou-2025-q1-caiwu-bu"
    )
    dataset.write(
        "disclosures/2025/xikou-2025-q1-caiwu-bu.yaml",
        later.replace("published: 2025-04-10", "published: 2025-04-11"),
    )
    assert found(dataset) == [
        (
            "disclosure.duplicate-period",
            "disclosures/2025/xikou-2025-q1-caiwu-bu.yaml",
            5,
            9,
            "warning",
        )
    ]


def test_catalogue_keys_are_unique(dataset):
    dataset.replace(
        TOWNSHIP,
        "decision_steps:\n",
        "  - key: cunji-caiwu\n    category: 村务\n    title: 村务\n"
        "    applies_to: [行政村]\n    rhythm: 每年\n    due_days: 5\n    effective: 2025-01-01\n"
        "decision_steps:\n",
    )
    assert errors(dataset) == [("catalogue.duplicate-key", TOWNSHIP, 19, 10)]


def test_review_steps_out_of_order(dataset):
    dataset.replace(DISCLOSURE, "  - step: 审核\n", "  - step: 审批\n")
    dataset.replace(
        DISCLOSURE, "  - step: 审批\n    by: 村党支部", "  - step: 审核\n    by: 村党支部"
    )
    assert errors(dataset) == [("review.order", DISCLOSURE, 9, 3)]


def test_review_after_publication(dataset):
    dataset.replace(DISCLOSURE, "    date: 2025-04-08", "    date: 2025-04-11")
    assert errors(dataset) == [("review.after-publish", DISCLOSURE, 17, 11)]


def test_disclosure_in_the_wrong_year_folder(dataset):
    dataset.move(DISCLOSURE, "disclosures/2024/xikou-2025-q1-caiwu.yaml")
    assert errors(dataset) == [
        ("disclosure.year-folder", "disclosures/2024/xikou-2025-q1-caiwu.yaml", 7, 12)
    ]


def test_task_in_another_plans_folder(dataset):
    dataset.write(
        "plans/jiceng-2026.yaml", dataset.read(PLAN).replace("id: jiceng-2025", "id: jiceng-2026")
    )
    dataset.move(TASK, "tasks/jiceng-2026/wangge-fugai.yaml")
    assert errors(dataset) == [("task.plan-folder", "tasks/jiceng-2026/wangge-fugai.yaml", 2, 7)]


def test_meetings_file_named_after_another_year(dataset):
    dataset.move(MEETINGS, "meetings/xikou-dangzhibu-2024.yaml")
    dataset.replace(
        "meetings/xikou-dangzhibu-2024.yaml", "id: xikou-dangzhibu-2025", "id: xikou-dangzhibu-2024"
    )
    assert errors(dataset) == [("meetings.id", "meetings/xikou-dangzhibu-2024.yaml", 1, 5)]


# ---------------------------------------------------------------------------
# organizations and villages: domain rules are warnings


@pytest.mark.parametrize(
    "old, new, code, at",
    [
        ("total: 22", "total: 60", "members.branch-too-large", (19, 10)),  # > 50 in a 党支部
        (
            "level: 党支部",
            "level: 党委",
            "members.party-committee-size",
            (19, 10),
        ),  # 党委 needs ≥ 100
        ("level: 党支部", "level: 党总支", "members.general-branch-size", (19, 10)),  # 党总支 51–99
        ("end: 2026-05-14", "end: 2024-05-14", "term.length", (10, 8)),  # 农村 terms are 5 years
        ("sector: 农村", "sector: 机关", "term.length", (10, 8)),  # others are 3 years
    ],
)
def test_domain_warnings_do_not_fail_validation(dataset, old, new, code, at):
    dataset.replace(BRANCH, old, new)
    result = dataset.validate()
    assert [(p.code, p.path, p.line, p.col, p.severity) for p in result.problems] == [
        (code, dataset.shown(BRANCH), *at, "warning")
    ]
    assert result.ok


def test_too_few_full_members_and_a_committee_anyway(dataset):
    dataset.delete("points/xikou-dangzhibu-2025.yaml")  # it scores the 22 members
    for old, new in [
        ("total: 22", "total: 3"),
        ("female: 5", "female: 1"),
        ("under_35: 3", "under_35: 1"),
        ("college: 4", "college: 1"),
        ("mobile: 2", "mobile: 1"),
    ]:
        dataset.replace(BRANCH, old, new)
    assert found(dataset) == [
        ("committee.not-needed", BRANCH, 12, 3, "warning"),
        ("members.too-few", BRANCH, 19, 10, "warning"),
    ]


def test_committee_too_small_for_seven_full_members(dataset):
    dataset.replace(
        BRANCH, "  - role: 组织委员\n    name: 蒋丽娟\n  - role: 纪检委员\n    name: 郑伟东\n", ""
    )
    assert found(dataset) == [("committee.required", BRANCH, 12, 3, "warning")]


def test_member_breakdown_larger_than_the_total(dataset):
    dataset.replace(BRANCH, "female: 5", "female: 25")
    assert errors(dataset) == [("members.part-exceeds-total", BRANCH, 21, 11)]


def test_village_terms_and_collective_economy(dataset):
    dataset.replace(VILLAGE, "  end: 2026-05-30", "  end: 2021-05-30")
    dataset.replace(
        VILLAGE,
        "    operating_income: 61250.00",
        "    operating_income: 262345.90\n  - year: 2025\n    total_income: 1\n    operating_income: 0",
    )
    assert errors(dataset) == [
        ("date.end-before-start", VILLAGE, 14, 8),
        ("economy.inconsistent", VILLAGE, 22, 23),
        ("economy.duplicate-year", VILLAGE, 23, 11),
    ]


# ---------------------------------------------------------------------------
# files


def test_yml_extension(dataset):
    dataset.move(VILLAGE, "villages/xikou.yml")
    problems = dataset.validate().problems
    assert problems[-1].text() == (
        "data/villages/xikou.yml:1:1: 错误 file.extension：文件扩展名是 .yml，不会被读取"
        " — 把文件改名为 xikou.yaml"
    )


@pytest.mark.parametrize("name", ["xikou.YAML", "xikou.Yaml", "xikou.YML"])
def test_other_spellings_of_the_extension(dataset, name):
    dataset.move(VILLAGE, f"villages/{name}")
    extension = [p for p in dataset.validate().problems if p.path.endswith(name)]
    assert [(p.code, p.line, p.fix) for p in extension] == [
        ("file.extension", 1, "把文件改名为 xikou.yaml")
    ]


@pytest.mark.parametrize(
    "where",
    [
        "village/xikou.yaml",
        "xikou.yaml",
        "tasks/xikou.yaml",
        "tasks/a/b/xikou.yaml",
        "villages/notes.txt",
    ],
)
def test_misplaced_file(dataset, where):
    dataset.write(where, dataset.read(VILLAGE))
    assert errors(dataset) == [("file.misplaced", where, 1, 1)]


def test_readme_and_hidden_files_are_ignored(dataset):
    dataset.write("README.md", "# 说明\n")
    dataset.write("villages/README.md", "# 说明\n")
    dataset.write("villages/.gitkeep", "")
    dataset.write(".hidden/x.yaml", "not: [valid\n")
    assert errors(dataset) == []


def test_symlinked_record_and_folder(dataset):
    (dataset.path("villages/other.yaml")).symlink_to(dataset.path(VILLAGE))
    (dataset.path("disclosures/2024")).symlink_to(dataset.path("disclosures/2025"))
    assert errors(dataset) == [
        ("file.symlink", "disclosures/2024", 1, 1),
        ("file.symlink", "villages/other.yaml", 1, 1),
    ]


def test_missing_data_folder(tmp_path, monkeypatch):
    from generators.check.validate import validate

    monkeypatch.chdir(tmp_path)
    result = validate(tmp_path / "nope", dt.date(2025, 12, 31))
    assert [(p.code, p.path) for p in result.problems] == [("file.no-data", "nope")]


def test_every_problem_in_every_file_is_reported(dataset):
    dataset.replace(VILLAGE, "grids: 3", "grids: 三")
    dataset.replace(BRANCH, "level: 党支部", "level: 支部")
    dataset.replace(TASK, "status: 推进中", "status: 已完成")
    dataset.write("villages/bad.yaml", b"\xff\xfe")
    assert [e[:2] for e in errors(dataset)] == [
        ("schema.allowed", BRANCH),
        ("task.done-progress", TASK),
        ("encoding.utf16", "villages/bad.yaml"),
        ("value.not-number", VILLAGE),
    ]


# ---------------------------------------------------------------------------
# rectification (软弱涣散整顿)

RECTIFICATION = (
    "rectifications:\n  - status: {status}\n    started: 2025-03-01\n    reason: 组织生活不规范\n"
)


def _with_rectification(dataset, status: str, finished: str | None = None) -> int:
    text = dataset.read(BRANCH).rstrip("\n") + "\n" + RECTIFICATION.format(status=status)
    if finished:
        text += f"    finished: {finished}\n"
    dataset.write(BRANCH, text)
    return dataset.read(BRANCH).splitlines().index("rectifications:") + 1


@pytest.mark.parametrize(
    "status, finished, expected",
    [
        ("已销号", None, [("rectification.no-finish-date", 1, 13)]),
        ("整顿中", "2025-06-30", [("rectification.finished-while-open", 4, 15)]),
        ("已销号", "2025-02-01", [("date.end-before-start", 4, 15)]),
        ("已销号", "2025-06-30", []),
    ],
)
def test_rectification_status_and_dates(dataset, status, finished, expected):
    start = _with_rectification(dataset, status, finished)
    problems = dataset.validate().problems
    assert [(p.code, p.line - start, p.col) for p in problems] == expected


def test_rectifications_are_a_history_in_date_order(dataset):
    start = _with_rectification(dataset, "已销号", "2025-06-30")
    dataset.write(
        BRANCH,
        dataset.read(BRANCH)
        + "  - status: 整顿中\n    started: 2024-01-05\n    reason: 班子不团结\n",
    )
    assert [(p.code, p.line - start) for p in dataset.validate().problems] == [("date.order", 6)]


def test_each_disclosure_is_checked_against_its_own_townships_steps(dataset):
    """A county: the first township (alphabetically) has other 四议两公开 steps than the disclosure's own."""
    other = dataset.read(TOWNSHIP).replace("id: qingxi", "id: anle").replace("青溪镇", "安乐镇")
    other = other.replace("zhen-dangjianban", "anle-dangjianban").replace(
        "  - 村两委会议商议\n", "  - 两委联席会议商议\n"
    )
    dataset.write("townships/anle.yaml", other)
    dataset.plan_in_township()
    assert errors(dataset) == []  # xikou belongs to qingxi, whose steps the disclosure follows
    dataset.replace(DISCLOSURE, "  - step: 村两委会议商议", "  - step: 两委联席会议商议")
    assert errors(dataset) == [("decision.unknown-step", DISCLOSURE, 35, 11)]
