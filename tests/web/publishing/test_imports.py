"""CSV/XLSX import: bad rows reported with row numbers and nothing saved; good files save all."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.agencies.models import Agency
from gongkai.publishing.imports import (
    do_import_items,
    do_import_register,
    preview_items,
    preview_register,
    template_csv,
)
from gongkai.publishing.models import FeeIncome, Item, ItemState, NormativeDocument, YearlyDecisionCount
from gongkai.publishing.stats import table_2_values
from gongkai.statute.formats import get_format
from tests.web.conftest import COUNTY_CODE


def csv_file(text: str, name: str = "导入.csv", encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def xlsx_file(rows: list[list], name: str = "导入.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


ITEMS_GOOD = (
    "标题,生成日期,发布日期,文号,内容概述,目录栏目,第二十条项,索引号\n"
    "2021年部门预算,2021-02-01,2021-02-05,,预算公开,财政信息,（七）,\n"
    "第一次会议纪要,2021年3月2日,2021/3/4,,,会议公开；业务动态,,OLD/2021-00099\n"
    "草稿一条,2021-05-01,,,,业务动态,,\n"
)


def test_good_items_file_saves_all(agency, catalogue, officer):
    preview = preview_items(agency, csv_file(ITEMS_GOOD))
    assert preview.ok, preview.messages()
    assert not Item.objects.exists()  # preview saves nothing
    created = do_import_items(agency, csv_file(ITEMS_GOOD), actor=officer)
    assert len(created) == 3
    budget = Item.objects.get(title="2021年部门预算")
    assert (budget.state, budget.published_on, budget.index_number) == (
        ItemState.PUBLISHED, date(2021, 2, 5), f"{COUNTY_CODE}/2021-00001",
    )
    assert [a.key for a in budget.art20_items.all()] == ["art20_7"]
    minutes = Item.objects.get(title="第一次会议纪要")
    assert minutes.index_number == "OLD/2021-00099"
    assert sorted(c.name for c in minutes.categories.all()) == ["业务动态", "会议公开"]
    assert Item.objects.get(title="草稿一条").state == ItemState.DRAFT
    assert Item.objects.public().count() == 2


def test_bad_rows_are_listed_and_nothing_saved(agency, catalogue):
    text = (
        "标题,生成日期,发布日期,目录栏目,第二十条项\n"
        "好的一行,2021-02-01,2021-02-05,财政信息,\n"
        ",2021-02-01,,,\n"
        "日期不对,2021-02-30,,,\n"
        "发布早于生成,2021-03-01,2021-02-01,,\n"
        "没有栏目,2021-03-01,,不存在的栏目,（十六）\n"
    )
    preview = preview_items(agency, csv_file(text))
    assert not preview.ok
    assert [r.number for r in preview.bad_rows] == [3, 4, 5, 6]
    messages = preview.messages()
    assert messages[0] == "第3行：标题为空"
    assert "不是有效的日期" in messages[1]
    assert "发布日期早于生成日期" in messages[2]
    assert "找不到目录栏目“不存在的栏目”" in messages[3] and "（十六）" in messages[3]
    with pytest.raises(ValidationError) as exc:
        do_import_items(agency, csv_file(text))
    assert "没有导入任何内容" in exc.value.messages[0]
    assert not Item.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.txt", b"x"), "不支持的文件类型"),
        (SimpleUploadedFile("a.csv", b""), "文件是空的"),
        (SimpleUploadedFile("a.xlsx", b"PK\x03\x04garbage"), "无法读取该 XLSX 文件"),
        (csv_file("名字,日期\n甲,2021-01-01\n"), "缺少必填列“标题”"),
        (csv_file("标题,生成日期\n"), "只有表头"),
    ],
)
def test_unreadable_files(agency, upload, message):
    preview = preview_items(agency, upload)
    assert not preview.ok
    assert any(message in m for m in preview.messages())


def test_gbk_csv_is_read(agency, catalogue):
    text = "标题,生成日期,目录栏目\n旧系统导出,2021-01-05,业务动态\n"
    preview = preview_items(agency, csv_file(text, encoding="gbk"))
    assert preview.ok and preview.rows[0].values["title"] == "旧系统导出"


def test_duplicate_index_number_in_file(agency, catalogue):
    text = "标题,生成日期,发布日期,索引号\n甲,2021-01-05,2021-01-06,X-1\n乙,2021-01-05,2021-01-06,X-1\n"
    preview = preview_items(agency, csv_file(text))
    assert [r.number for r in preview.bad_rows] == [3]


def test_documents_from_xlsx(agency):
    rows = [
        ["类别", "名称", "文号", "制发日期", "废止日期"],
        ["行政规范性文件", "张店区残疾人就业补贴办法", "张残联发〔2021〕1号", date(2021, 3, 1), None],
        ["规范性文件", "旧办法", "张残联发〔2019〕2号", "2019-04-01", "2021-03-01"],
    ]
    assert preview_register(agency, "documents", xlsx_file(rows)).ok
    assert do_import_register(agency, "documents", xlsx_file(rows)) == 2
    values = table_2_values(Agency.objects.filter(pk=agency.pk), 2021, get_format("2021"))
    assert (values[("normative_docs", "issued")], values[("normative_docs", "repealed")],
            values[("normative_docs", "in_force")]) == (1, 1, 1)
    # The same file again: every row is already registered, nothing is added.
    again = preview_register(agency, "documents", xlsx_file(rows))
    assert [r.number for r in again.bad_rows] == [2, 3]
    assert NormativeDocument.objects.count() == 2


def test_bad_document_rows(agency):
    rows = [
        ["类别", "名称", "制发日期", "废止日期"],
        ["通知", "甲", "2021-01-01", ""],
        ["规章", "乙", "", ""],
        ["规章", "丙", "2021-05-01", "2021-04-01"],
    ]
    preview = preview_register(agency, "documents", xlsx_file(rows))
    assert [r.number for r in preview.bad_rows] == [2, 3, 4]
    assert "类别“通知”不正确" in preview.bad_rows[0].errors[0]
    assert "制发日期为空" in preview.bad_rows[1].errors
    assert any("废止日期不能早于制发日期" in e for e in preview.bad_rows[2].errors)
    with pytest.raises(ValidationError):
        do_import_register(agency, "documents", xlsx_file(rows))
    assert not NormativeDocument.objects.exists()


def test_monthly_figures_import(agency):
    text = template_csv("figures").lstrip("\ufeff") + "2021,1,3,0,1,0.5\n2021,2,,2,,\n"
    assert do_import_register(agency, "figures", csv_file(text)) == 2
    values = table_2_values(Agency.objects.filter(pk=agency.pk), 2021, get_format("2021"))
    assert values[("licensing", "decisions")] == 3
    assert values[("penalty", "decisions")] == 2
    assert values[("enforcement", "decisions")] == 1
    assert values[("fees", "amount")] == 0.5
    # Blank cells left the figures of February untouched (no rows created).
    assert not YearlyDecisionCount.objects.filter(month=2, kind="licensing").exists()
    assert FeeIncome.objects.count() == 1


def test_bad_figures_rows(agency):
    text = "年度,月份,行政许可,行政事业性收费（万元）\n2021,13,1,\n2021,1,-2,\n2021,1,1,1.00001\n2021,3,x,\n"
    preview = preview_register(agency, "figures", csv_file(text))
    assert [r.number for r in preview.bad_rows] == [2, 3, 4, 5]
    assert "重复" in " ".join(preview.bad_rows[2].errors)
    with pytest.raises(ValidationError):
        do_import_register(agency, "figures", csv_file(text))
    assert not YearlyDecisionCount.objects.exists() and not FeeIncome.objects.exists()


def test_templates_have_the_headers():
    assert template_csv("items").startswith("\ufeff标题,生成日期,发布日期")
    assert "行政许可,行政处罚,行政强制" in template_csv("figures")
