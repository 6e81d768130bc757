"""Excel templates and import: a clerk's ledger in, records as staff write them out, checked first.

The workbooks here are filled in the way a clerk fills the template: with
openpyxl, typing numbers as numbers or as text, dates as dates, leaving the
id empty. Every problem is asserted with its code, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import TODAY, run_cli

from generators.check.validate import RecordFile, validate
from generators.exchange import reading
from generators.exchange.export import export_bytes, template_bytes
from generators.exchange.importing import CHANGED, NEW, SAME, Found, import_file, write
from generators.exchange.layout import tables_of
from generators.exchange.rows import Origin
from generators.spec.registry import REGISTRY

VILLAGES = (
    "东岭村 西岭村 南山村 北山村 上坪村 下坪村 前溪村 后溪村 大湾村 小湾村 "
    "石门村 木门村 竹园村 桃园村 李家村 王家村 高桥村 低田村 新塘村 老塘村"
).split()


def documents_of(records: Iterable[RecordFile]) -> list[dict]:
    """The typed values of valid records (only a file with errors of its own has none)."""
    documents = []
    for r in records:
        assert r.document is not None, r.path
        documents.append(r.document)
    return documents


def origin(found: Found) -> Origin:
    """The cell a problem of an import is about (every problem of these sheets has one)."""
    assert found.origin is not None, found.problem
    return found.origin


def template(tmp_path: Path, *names: str) -> openpyxl.Workbook:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes([REGISTRY[n] for n in names], TODAY))
    return openpyxl.load_workbook(path)


def fill(ws, rows: list[dict]) -> None:
    """Rows by header under the template's header and hint rows."""
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def village_row(name: str, n: int, **changes) -> dict:
    row = {
        "名称": name,
        "类型": "行政村",
        "所属镇（街道）": "qingxi",
        "村（居）民小组数": 5 + n % 4,
        "户籍户数": str(300 + n),  # typed as text: read as the number it says
        "户籍人口": 1000 + 10 * n,
        "网格数": 0,
        "村（社区）主要负责人 › 党组织书记": f"书记{n}",
        "村（社区）主要负责人 › 村（居）委会主任": f"主任{n}",
        "村（居）“两委”任期 › 任期开始日期": dt.datetime(2021, 5, 30),
        "村（居）“两委”任期 › 任期届满日期": dt.datetime(2026, 5, 30),
        "村（居）务监督委员会 › 成员人数": 3,
        "村（居）务监督委员会 › 任期开始日期": dt.datetime(2021, 5, 30),
        "村（居）务监督委员会 › 任期届满日期": dt.datetime(2026, 5, 30),
    }
    row.update(changes)
    return row


def with_economy(book, *names: str) -> None:
    fill(
        book["村、社区-村集体经济收入"],
        [{"编号": n, "年度": 2025, "总收入（元）": 1000, "经营性收入（元）": 500} for n in names],
    )


# ---------------------------------------------------------------------------
# the template


def test_the_template_has_chinese_headers_a_hint_row_drop_downs_and_formats(tmp_path):
    book = template(tmp_path, "disclosure")
    names = book.sheetnames
    assert names[:4] == ["公开", "公开-审核程序", "公开-公开内容", "公开-财务收支-收入"]
    assert "可选值" in names and book["可选值"].sheet_state == "hidden"
    main = book["公开"]
    headers = [c.value for c in main[1]]
    assert headers[:7] == [
        "编号",
        "公开类别",
        "公开事项",
        "公开主体",
        "所属期间",
        "标题",
        "公开日期",
    ]
    hints = dict(zip(headers, (c.value for c in main[2]), strict=True))
    assert hints["公开类别"] == "必填。可填：党务、村务、财务"
    assert hints["财务收支 › 期初余额（元）"].startswith("选填")
    assert "2025-Q3" in hints["所属期间"]
    lists = [dv for dv in main.data_validations.dataValidation if dv.type == "list"]
    assert [str(dv.sqref).split(":")[0] for dv in lists] == [
        "B3"
    ]  # 公开类别, from the hidden sheet
    assert book["可选值"]["A1"].value == "党务"
    formats = {
        h: main.column_dimensions[c.column_letter] for h, c in zip(headers, main[1], strict=True)
    }
    del formats
    income = book["公开-财务收支-收入"]
    assert [c.value for c in income[1]] == ["编号", "收入项目", "金额（元）"]


def test_the_template_command_writes_the_file(tmp_path):
    done = run_cli("template", "village", "--out", "v.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已生成导入模板：v.xlsx（村/社区）" in done.stdout
    book = openpyxl.load_workbook(tmp_path / "v.xlsx")
    assert book.sheetnames == [
        "村、社区",
        "村、社区-村集体经济收入",
        "村、社区-党建工作经费",
        "村、社区-村规民约修订记录",
        "可选值",
    ]


def test_cells_are_formatted_by_their_fields_type(tmp_path):
    """A period typed 2025-10 stays text; amounts show two decimals; dates show as dates."""
    path = tmp_path / "d.xlsx"
    record = validate(Path("tests/fixtures/minimal").resolve(), TODAY)
    documents = documents_of(r for r in record.records if r.type.name == "disclosure")
    path.write_bytes(export_bytes([(REGISTRY["disclosure"], documents)], TODAY))
    book = openpyxl.load_workbook(path)
    main, income = book["公开"], book["公开-财务收支-收入"]
    assert main["E3"].value == "2025-Q1" and main["E3"].number_format == "@"
    assert main["G3"].value == dt.datetime(2025, 4, 10) and main["G3"].number_format == "yyyy-mm-dd"
    assert main["H3"].value == 1000.1 and main["H3"].number_format == "#,##0.00"
    assert [income["A3"].value, income["B3"].value, income["C3"].value] == [
        "xikou-2025-q1-caiwu",
        "租金",
        0.1,
    ]


# ---------------------------------------------------------------------------
# a township's ledger in


def test_twenty_villages_and_two_hundred_finance_lines_become_valid_records(dataset, tmp_path):
    book = template(tmp_path, "village", "disclosure")
    fill(book["村、社区"], [village_row(name, n) for n, name in enumerate(VILLAGES)])
    fill(
        book["村、社区-村集体经济收入"],
        [
            {"编号": name, "年度": 2025, "总收入（元）": 100000 + n, "经营性收入（元）": "52000.5"}
            for n, name in enumerate(VILLAGES)
        ],
    )
    disclosures, reviews, items, incomes, expenses = [], [], [], [], []
    for n, name in enumerate(VILLAGES[:10]):
        subject = ["donglingcun", "xilingcun", "nanshancun", "beishancun", "shangpingcun"][n % 5]
        quarter = n // 5 + 1
        key = f"{subject}-2025-q{quarter}"
        lines_in = [Decimal(f"{100 + i}.{n:02d}") for i in range(10)]
        lines_out = [Decimal(f"{50 + i}.25") for i in range(10)]
        opening = Decimal("1000.00")
        disclosures.append(
            {
                "编号": key,
                "公开类别": "财务",
                "公开事项": "cunji-caiwu",
                "公开主体": subject,
                "所属期间": f"2025-Q{quarter}",
                "标题": f"{name}2025年第{quarter}季度财务收支公开",
                "公开日期": dt.datetime(2025, 3 * quarter + 1, 8),
                "财务收支 › 期初余额（元）": float(opening),
                "财务收支 › 期末余额（元）": float(opening + sum(lines_in) - sum(lines_out)),
            }
        )
        for step, day in (("提出", 2), ("审核", 4), ("审批", 6)):
            reviews.append(
                {
                    "编号": key,
                    "环节": step,
                    "经办单位": "村务监督委员会",
                    "日期": dt.datetime(2025, 3 * quarter + 1, day),
                }
            )
        items.append({"编号": key, "事项": "收支情况", "内容": "见收支表"})
        incomes += [
            {"编号": key, "收入项目": f"收入{i}", "金额（元）": float(a)}
            for i, a in enumerate(lines_in)
        ]
        expenses += [
            {"编号": key, "支出项目": f"支出{i}", "金额（元）": float(a)}
            for i, a in enumerate(lines_out)
        ]
    fill(book["公开"], disclosures)
    fill(book["公开-审核程序"], reviews)
    fill(book["公开-公开内容"], items)
    fill(book["公开-财务收支-收入"], incomes)
    fill(book["公开-财务收支-支出"], expenses)
    assert len(incomes) + len(expenses) == 200
    book.save(tmp_path / "ledger.xlsx")

    imported = import_file(tmp_path / "ledger.xlsx", Path("data"), TODAY)
    assert [f.text("ledger.xlsx") for f in imported.found] == []
    assert sum(p.state == NEW for p in imported.files) == 30
    write(imported)
    validation = validate(Path("data"), TODAY)
    assert [p.text() for p in validation.problems if p.is_error] == []
    text = dataset.read("villages/donglingcun.yaml")
    assert text.startswith("id: donglingcun\nname: 东岭村\nkind: 行政村\n")
    assert "households: 300\n" in text
    assert "collective_economy:\n  - year: 2025\n    total_income: 100000.00\n" in text
    assert "    operating_income: 52000.5\n" in text  # typed as text: kept as typed
    finance = dataset.read("disclosures/2025/donglingcun-2025-q1.yaml")
    assert "  income:\n    - item: 收入0\n      amount: 100.00\n" in finance


def test_ten_kinds_of_mistakes_are_each_reported_at_their_cell_and_nothing_is_written(
    dataset, tmp_path
):
    book = template(tmp_path, "village")
    ws = book["村、社区"]
    beyond = ws.max_column + 4  # columns past the template's own
    ws.cell(1, beyond, "户数")  # a header that is no field's
    ws.cell(1, beyond + 2, None)
    fill(
        ws,
        [
            village_row("东岭村", 1, **{"名称": " 东岭村 "}),  # row 3: spaces around a name
            village_row("西岭村", 2, **{"户籍户数": "３５６"}),  # row 4: full-width digits
            village_row(
                "南山村", 3, **{"村（居）“两委”任期 › 任期开始日期": 44346}
            ),  # row 5: a serial
            village_row(
                "北山村",
                4,
                **{"村（居）“两委”任期 › 任期届满日期": dt.datetime(2026, 5, 30, 9, 30)},
            ),
            village_row("上坪村", 5, **{"类型": "自然村"}),  # row 7: not an allowed value
            village_row(
                "下坪村", 6, **{"所属镇（街道）": "nowhere", "编号": "xiapingcun"}
            ),  # row 8
            village_row("下坪村二组", 7, **{"编号": "xiapingcun"}),  # row 9: the same id again
            village_row("溪口", 8, **{"编号": "xikou"}),  # row 10: already in the data folder
            village_row("前溪村", 9, **{"类型": dt.datetime(2025, 10, 1)}),  # row 11: Excel's date
            village_row("后溪村", 10, **{"户籍人口": None}),  # row 12: a required value missing
            village_row("大湾村", 11, **{"户籍人口": "=C1*2"}),  # row 13: a formula never computed
        ],
    )
    fill(ws, [village_row("小湾村", 12)])
    ws.merge_cells("I14:J14")  # row 14: merged across columns
    ws.cell(3, beyond, "x")
    ws.cell(4, beyond + 2, "无标题")  # a column without a header
    economy = book["村、社区-村集体经济收入"]
    names = [c.value for c in ws["B"][2:] if c.value not in ("下坪村", "下坪村二组")]
    fill(
        economy,
        [{"编号": name, "年度": 2025, "总收入（元）": 1, "经营性收入（元）": 1} for name in names]
        + [{"编号": "xiapingcun", "年度": 2025, "总收入（元）": 1, "经营性收入（元）": 1}]
        + [{"编号": "不存在村", "年度": 2025, "总收入（元）": 1, "经营性收入（元）": 1}],
    )
    extra = book.create_sheet("Sheet1")
    extra.append(["随便写的"])
    book.save(tmp_path / "bad.xlsx")
    before = snapshot(Path("data"))

    done = run_cli(
        "import", str(tmp_path / "bad.xlsx"), "--today", TODAY.isoformat(), cwd=dataset.root
    )
    assert done.returncode == 1
    assert "表格有错误，没有写入任何文件。" in done.stderr
    assert snapshot(Path("data")) == before
    lines = done.stdout.splitlines()

    def at(sheet: str, row: int, header: str, code: str) -> str:
        where = (
            f"bad.xlsx「{sheet}」第{row}行「{header}」列："
            if header
            else f"bad.xlsx「{sheet}」第{row}行："
        )
        found = [line for line in lines if line.startswith(where) and f" {code}" in line]
        assert found, f"{code} not at {where}:\n" + "\n".join(lines)
        return found[0]

    v = "村、社区"
    assert at(v, 1, "户数", "import.unknown-column").endswith(
        "是不是「户籍户数」？把列标题改成模板里的标题，或删除这一列"
    )
    assert at(v, 1, "", "import.no-header")
    assert "警告 import.spaces" in at(v, 3, "名称", "import.spaces")
    assert "「３５６」里有全角数字或符号" in at(v, 4, "户籍户数", "value.fullwidth")
    assert "对应 2021-05-30" in at(v, 5, "村（居）“两委”任期 › 任期开始日期", "import.serial-date")
    assert at(v, 6, "村（居）“两委”任期 › 任期届满日期", "import.date-time")
    assert at(v, 7, "类型", "schema.allowed")
    assert at(v, 8, "所属镇（街道）", "ref.missing")
    assert "和「村、社区」第 8 行相同" in at(v, 9, "编号", "import.duplicate-id")
    assert at(v, 10, "编号", "import.exists")
    assert at(v, 11, "类型", "import.date-cell")
    assert at(v, 12, "户籍人口", "schema.required")
    assert at(v, 13, "户籍人口", "import.formula")
    assert at(v, 14, "村（社区）主要负责人 › 党组织书记", "import.merged-columns")
    assert at("村、社区-村集体经济收入", 14, "编号", "import.no-owner")
    errors = [line for line in lines if "：错误 " in line]
    assert len({line.split(" ")[1].split("：")[0] for line in errors}) >= 10  # kinds of mistakes
    assert at("Sheet1", 1, "", "import.unknown-sheet")


def test_a_duplicate_column_is_reported(dataset, tmp_path):
    book = template(tmp_path, "village")
    ws = book["村、社区"]
    ws.cell(1, 17, "名称")
    fill(ws, [village_row("东岭村", 1)])
    book.save(tmp_path / "dup.xlsx")
    imported = import_file(tmp_path / "dup.xlsx", Path("data"), TODAY)
    assert [f.problem.code for f in imported.found][:1] == ["import.duplicate-column"]
    assert not imported.ok


def test_ids_are_proposed_from_names_in_pinyin_and_a_missing_one_is_reported(dataset, tmp_path):
    book = template(tmp_path, "village", "new_org")
    fill(book["村、社区"], [village_row("东岭村", 1)])
    with_economy(book, "东岭村")
    fill(
        book["两新组织"],
        [
            {
                "类别": "非公企业",
                "行业": "茶叶",
                "所属镇（街道）": "qingxi",
                "从业人员数": 3,
                "党员人数": 0,
                "党组织覆盖方式": "未覆盖",
                "统计年度": 2025,
            }
        ],
    )
    book.save(tmp_path / "ids.xlsx")
    imported = import_file(tmp_path / "ids.xlsx", Path("data"), TODAY)
    assert [(f.problem.code, origin(f).sheet, origin(f).row) for f in imported.found] == [
        ("import.no-id", "两新组织", 3)
    ]
    assert "没有名称，无法生成编号" in imported.found[0].problem.message
    assert [p.path.as_posix() for p in imported.files] == ["data/villages/donglingcun.yaml"]


def test_an_existing_record_is_kept_unless_update_and_then_only_changed_fields_change(
    dataset, tmp_path
):
    dataset.replace("villages/xikou.yaml", "households: 356\n", "households: 356  # 2024年底\n")
    record = validate(Path("data"), TODAY)
    documents = documents_of(r for r in record.records if r.type.name == "village")
    (tmp_path / "v.xlsx").write_bytes(export_bytes([(REGISTRY["village"], documents)], TODAY))
    book = openpyxl.load_workbook(tmp_path / "v.xlsx")
    book["村、社区"]["G3"] = 1200  # 户籍人口 1192 → 1200
    fill(book["村、社区-党建工作经费"], [{"编号": "xikou", "年度": 2025, "金额（元）": 40000}])
    book.save(tmp_path / "v.xlsx")
    before = dataset.read("villages/xikou.yaml")

    kept = import_file(tmp_path / "v.xlsx", Path("data"), TODAY)
    assert [(f.problem.code, origin(f).row, origin(f).header) for f in kept.found] == [
        ("import.exists", 3, "编号")
    ]
    assert "加 --update 再导入" in kept.found[0].problem.fix
    assert dataset.read("villages/xikou.yaml") == before

    updated = import_file(tmp_path / "v.xlsx", Path("data"), TODAY, update=True)
    assert updated.ok and [p.state for p in updated.files] == [CHANGED]
    write(updated)
    after = dataset.read("villages/xikou.yaml")
    assert after == before.replace("population: 1192\n", "population: 1200\n") + (
        "party_funds:\n  - year: 2025\n    amount: 40000.00\n"
    )
    assert "households: 356  # 2024年底\n" in after
    again = import_file(tmp_path / "v.xlsx", Path("data"), TODAY, update=True)
    assert [p.state for p in again.files] == [SAME]


def test_a_branch_id_is_not_a_village_to_update(dataset, tmp_path):
    book = template(tmp_path, "village")
    fill(book["村、社区"], [village_row("溪口党支部", 1, **{"编号": "xikou-dangzhibu"})])
    book.save(tmp_path / "v.xlsx")
    imported = import_file(tmp_path / "v.xlsx", Path("data"), TODAY, update=True)
    assert [f.problem.code for f in imported.found] == ["import.id-taken"]


def test_a_record_that_does_not_load_is_not_updated(dataset, tmp_path):
    dataset.write("villages/xikou.yaml", "id: xikou\nname: [溪口村\n")
    book = template(tmp_path, "village")
    fill(book["村、社区"], [village_row("溪口村", 1, **{"编号": "xikou"})])
    book.save(tmp_path / "v.xlsx")
    imported = import_file(tmp_path / "v.xlsx", Path("data"), TODAY, update=True)
    assert "import.broken-record" in [f.problem.code for f in imported.found]


def test_dry_run_shows_what_would_be_written_and_writes_nothing(dataset, tmp_path):
    book = template(tmp_path, "village")
    fill(book["村、社区"], [village_row("东岭村", 1)])
    with_economy(book, "东岭村")
    book.save(tmp_path / "v.xlsx")
    before = snapshot(Path("data"))
    done = run_cli(
        "import",
        str(tmp_path / "v.xlsx"),
        "--dry-run",
        "--today",
        TODAY.isoformat(),
        cwd=dataset.root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "=== 新建：data/villages/donglingcun.yaml\nid: donglingcun\nname: 东岭村\n" in done.stdout
    )
    assert "检查通过（没有写入任何文件）：将新建 1 个、更新 0 个文件，0 个不变。" in done.stdout
    assert snapshot(Path("data")) == before


def test_a_csv_saved_by_excel_in_gb18030_is_read_and_its_table_found_by_headers(dataset, tmp_path):
    text = (
        "名称,类型,所属镇（街道）,村（居）民小组数,户籍户数,户籍人口,网格数\n"
        "东岭村,行政村,qingxi,5,300,1000,0\n"
    )
    (tmp_path / "台账.csv").write_bytes(text.encode("gb18030"))
    imported = import_file(tmp_path / "台账.csv", Path("data"), TODAY)
    codes = {(f.problem.code, origin(f).row) for f in imported.found}
    assert ("schema.required", 2) in codes  # 村（社区）主要负责人 and the rest are not in this CSV
    assert all(origin(f).sheet == "台账" for f in imported.found)
    (tmp_path / "其他.csv").write_text("甲,乙\n1,2\n", encoding="utf-8-sig")
    other = import_file(tmp_path / "其他.csv", Path("data"), TODAY)
    assert [f.problem.code for f in other.found] == ["import.which-table"]


def test_an_unreadable_file_is_told_in_chinese(dataset, tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    done = run_cli("import", str(tmp_path / "x.xlsx"), cwd=dataset.root)
    assert done.returncode == 1 and "打不开" in done.stderr and "Traceback" not in done.stderr


def test_drop_down_lists_are_not_taken_for_formulas(tmp_path):
    """A template's drop-downs are <formula1> in the sheet's XML; only a cell's <f> is a formula,
    and only then is the workbook read a second time for them."""
    book = template(tmp_path, "village")
    fill(book["村、社区"], [village_row("东岭村", 1)])
    book.save(tmp_path / "filled.xlsx")
    assert not reading._has_formulas(tmp_path / "filled.xlsx")
    book["村、社区"]["F3"] = "=E3*2"
    book.save(tmp_path / "formula.xlsx")
    assert reading._has_formulas(tmp_path / "formula.xlsx")


# ---------------------------------------------------------------------------
# round trip


@pytest.fixture(scope="module")
def canonical(tmp_path_factory) -> Path:
    """The sample data as import writes it: every type exported, imported into an empty folder."""
    folder = tmp_path_factory.mktemp("canonical")
    validation = validate(Path("data").resolve(), TODAY)
    by_type = [
        (
            t,
            documents_of(
                r for r in sorted(validation.records, key=lambda r: r.relative) if r.type is t
            ),
        )
        for t in REGISTRY
    ]
    (folder / "all.xlsx").write_bytes(export_bytes(by_type, TODAY))
    (folder / "data").mkdir()
    imported = import_file(folder / "all.xlsx", folder / "data", TODAY)
    assert [f.text("all.xlsx") for f in imported.found] == []
    write(imported)
    return folder / "data"


def test_importing_an_export_of_the_sample_changes_no_file(tmp_path):
    data = Path("data").resolve()
    validation = validate(data, TODAY)
    by_type = [(t, documents_of(r for r in validation.records if r.type is t)) for t in REGISTRY]
    (tmp_path / "all.xlsx").write_bytes(export_bytes(by_type, TODAY))
    imported = import_file(tmp_path / "all.xlsx", data, TODAY, update=True)
    assert imported.ok and {p.state for p in imported.files} == {SAME}
    assert len(imported.files) == len(validation.records)


@pytest.mark.parametrize("name", [t.name for t in REGISTRY])
def test_exporting_a_type_and_importing_it_again_writes_byte_identical_records(
    canonical, tmp_path, name
):
    record_type = REGISTRY[name]
    data = tmp_path / "data"
    import shutil

    shutil.copytree(canonical, data)
    validation = validate(data, TODAY)
    records = sorted(
        (r for r in validation.records if r.type is record_type), key=lambda r: r.relative
    )
    assert records, name
    before = {r.relative.as_posix(): (data / r.relative).read_bytes() for r in records}
    (tmp_path / "t.xlsx").write_bytes(export_bytes([(record_type, documents_of(records))], TODAY))
    for relative in before:
        (data / relative).unlink()
    imported = import_file(tmp_path / "t.xlsx", data, TODAY)
    assert [f.text("t.xlsx") for f in imported.found] == []
    write(imported)
    after = {p.relative_to(data).as_posix(): p.read_bytes() for p in (data / x for x in before)}
    assert after == before
    assert len(tables_of(record_type)) >= 1


def test_the_export_command_writes_a_township_s_records_for_staff(dataset, tmp_path):
    done = run_cli(
        "export",
        "village",
        "branch",
        "--township",
        "qingxi",
        "--out",
        str(tmp_path / "e.xlsx"),
        "--today",
        TODAY.isoformat(),
        cwd=dataset.root,
    )
    assert done.returncode == 0, done.stderr
    assert "已导出 2 条记录到" in done.stdout
    book = openpyxl.load_workbook(tmp_path / "e.xlsx")
    assert (
        book["村、社区"]["A3"].value == "xikou" and book["党组织"]["A3"].value == "xikou-dangzhibu"
    )
    assert book["村、社区"]["B2"].value.startswith(
        "必填"
    )  # the hint row: it imports again as it is
    other = run_cli(
        "export",
        "--township",
        "nowhere",
        "--out",
        str(tmp_path / "n.xlsx"),
        "--today",
        TODAY.isoformat(),
        cwd=dataset.root,
    )
    assert other.returncode == 0 and "已导出 0 条记录到" in other.stdout
