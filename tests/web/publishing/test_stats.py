"""Table 二 and the 主动公开 figures against the records that make them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.publishing.actions import (
    do_register_document,
    do_set_monthly_figures,
    do_update_document,
    do_withdraw_item,
)
from gongkai.publishing.models import FeeIncome, YearlyDecisionCount
from gongkai.publishing.stats import (
    item_records,
    published_by_category,
    published_total,
    register_records,
    table_2_values,
)
from gongkai.statute.formats import get_format

F2021 = get_format("2021")
F2019 = get_format("2019")


@pytest.fixture
def documents(agency):
    def doc(kind, title, issued, repealed=None):
        return do_register_document(agency=agency, kind=kind, title=title, issued_on=issued, repealed_on=repealed)

    return [
        doc("normative_docs", "2019年文件，2021年废止", date(2019, 5, 1), date(2021, 6, 30)),
        doc("normative_docs", "2020年文件，现行有效", date(2020, 2, 1)),
        doc("normative_docs", "2021年文件，次年废止", date(2021, 3, 15), date(2022, 1, 10)),
        doc("normative_docs", "2021年文件，年末当日废止", date(2021, 4, 1), date(2021, 12, 31)),
        doc("normative_docs", "2021年最后一天制发", date(2021, 12, 31)),
        doc("normative_docs", "2022年文件", date(2022, 1, 1)),
        doc("regulations", "2021年规章", date(2021, 8, 8)),
    ]


def test_documents_counted_per_year(agency, documents):
    agencies = Agency.objects.filter(pk=agency.pk)
    values = table_2_values(agencies, 2021, F2021)
    assert values[("normative_docs", "issued")] == 3
    assert values[("normative_docs", "repealed")] == 2  # 30 June and 31 December 2021
    # In force on 31 Dec 2021: the 2020 one, the one repealed next year, the one issued that day.
    assert values[("normative_docs", "in_force")] == 3
    assert (values[("regulations", "issued")], values[("regulations", "in_force")]) == (1, 1)
    nxt = table_2_values(agencies, 2022, F2021)
    assert (nxt[("normative_docs", "issued")], nxt[("normative_docs", "repealed")],
            nxt[("normative_docs", "in_force")]) == (1, 1, 3)
    # Continuity across years: in force at the end = in force before + issued − repealed.
    before = table_2_values(agencies, 2020, F2021)[("normative_docs", "in_force")]
    assert before + 3 - 2 == values[("normative_docs", "in_force")]


def test_drill_down_matches_the_cells(agency, documents):
    agencies = Agency.objects.filter(pk=agency.pk)
    values = table_2_values(agencies, 2021, F2021)
    for column in ("issued", "repealed", "in_force"):
        records = register_records(agencies, 2021, "normative_docs", column)
        assert records.count() == values[("normative_docs", column)]
    titles = set(register_records(agencies, 2021, "normative_docs", "repealed").values_list("title", flat=True))
    assert titles == {"2019年文件，2021年废止", "2021年文件，年末当日废止"}
    with pytest.raises(KeyError):
        register_records(agencies, 2021, "procurement", "amount")


def test_recording_a_repeal_moves_the_counts(agency, documents):
    agencies = Agency.objects.filter(pk=agency.pk)
    current = documents[1]
    do_update_document(current, repealed_on=date(2021, 9, 1))
    values = table_2_values(agencies, 2021, F2021)
    assert (values[("normative_docs", "repealed")], values[("normative_docs", "in_force")]) == (3, 2)
    with pytest.raises(ValidationError, match="废止日期不能早于制发日期"):
        do_update_document(current, repealed_on=date(2019, 1, 1))


def test_decisions_and_fees_are_monthly_sums(agency, region):
    do_set_monthly_figures(agency, 2021, 1, counts={"licensing": 3, "penalty": 1}, fees="0.25")
    do_set_monthly_figures(agency, 2021, 12, counts={"licensing": 2, "enforcement": 4}, fees=Decimal("1.2500"))
    do_set_monthly_figures(agency, 2022, 1, counts={"licensing": 100}, fees="9")  # next year: not counted
    do_set_monthly_figures(region.street, 2021, 5, counts={"licensing": 7}, fees="1")  # other agency
    values = table_2_values(Agency.objects.filter(pk=agency.pk), 2021, F2021)
    assert values[("licensing", "decisions")] == 5
    assert values[("penalty", "decisions")] == 1
    assert values[("enforcement", "decisions")] == 4
    assert values[("fees", "amount")] == Decimal("1.5")
    both = table_2_values(Agency.objects.filter(pk__in=[agency.pk, region.street.pk]), 2021, F2021)
    assert both[("licensing", "decisions")] == 12 and both[("fees", "amount")] == Decimal("2.5")
    # Setting a month again replaces it.
    do_set_monthly_figures(agency, 2021, 1, counts={"licensing": 0})
    assert table_2_values(Agency.objects.filter(pk=agency.pk), 2021, F2021)[("licensing", "decisions")] == 2


def test_every_2021_cell_is_filled_even_without_records(agency):
    values = table_2_values(Agency.objects.filter(pk=agency.pk), 2021, F2021)
    assert set(values) == {(r.key, c.key) for r, c in F2021.table("二").cells()}
    assert all(v == 0 for v in values.values())


def test_2019_format_fills_only_what_the_registers_determine(agency, documents):
    do_set_monthly_figures(agency, 2020, 3, counts={"penalty": 2}, fees="3")
    values = table_2_values(Agency.objects.filter(pk=agency.pk), 2020, F2019)
    assert set(values) == {
        ("regulations", "made"), ("regulations", "published"),
        ("normative_docs", "made"), ("normative_docs", "published"),
        ("licensing", "decisions"), ("penalty", "decisions"), ("enforcement", "decisions"),
    }
    assert values[("normative_docs", "made")] == 1 and values[("penalty", "decisions")] == 2


@pytest.mark.parametrize(
    ("counts", "fees", "message"),
    [
        ({"licensing": -1}, None, "不小于0的整数"),
        ({"licensing": "1.5"}, None, "不小于0的整数"),
        ({"licensing": "三"}, None, "必须是整数"),
        ({"bribes": 1}, None, "未知的决定类别"),
        ({}, "-1", "不小于0"),
        ({}, "0.00001", "四位小数"),
        ({}, "abc", "必须是数字"),
    ],
)
def test_bad_monthly_figures_save_nothing(agency, counts, fees, message):
    do_set_monthly_figures(agency, 2021, 2, counts={"licensing": 9}, fees="1")
    with pytest.raises(ValidationError, match=message):
        do_set_monthly_figures(agency, 2021, 2, counts={"penalty": 4, **counts}, fees=fees)
    assert list(YearlyDecisionCount.objects.values_list("kind", "count")) == [("licensing", 9)]
    assert FeeIncome.objects.get().amount == Decimal("1")


@pytest.mark.parametrize(("year", "month"), [(2021, 13), (2021, 0), (2099, 1)])
def test_bad_months(agency, year, month):
    with pytest.raises(ValidationError):
        do_set_monthly_figures(agency, year, month, counts={"licensing": 1})


def test_published_by_category_and_total(agency, region, make_item, publish, officer):
    def item(title, slugs, published):
        return publish(make_item(title, formed_on=date(2021, 1, 4), slugs=slugs), published)

    item("会议1", ("meetings",), date(2021, 2, 1))
    item("会议2", ("meetings",), date(2021, 12, 31))
    item("预算", ("finance", "art20-7"), date(2021, 3, 1))  # two top-level categories
    item("跨年", ("meetings",), date(2022, 1, 4))  # formed in 2021, published in 2022
    withdrawn = item("撤回", ("news",), date(2021, 5, 5))
    do_withdraw_item(withdrawn, actor=officer, reason="重复发布", on=date(2021, 5, 6))
    make_item("草稿", formed_on=date(2021, 6, 1), slugs=("news",))
    sample = item("演示", ("news",), date(2021, 7, 1))
    type(sample).objects.filter(pk=sample.pk).update(is_sample=True)

    agencies = Agency.objects.filter(pk=agency.pk)
    assert published_by_category(agencies, 2021) == [("法定主动公开内容", 1), ("会议公开", 2), ("财政信息", 1),
                                                      ("业务动态", 1)]
    assert published_total(agencies, 2021) == 4
    assert published_total(agencies, 2022) == 1
    assert published_total(agencies, 2021, include_samples=True) == 5
    assert [i.title for i in item_records(agencies, 2021, category="会议公开")] == ["会议1", "会议2"]
    assert item_records(agencies, 2021).count() == 4


def test_items_in_sub_categories_count_once_under_the_top(agency, make_item, publish):
    publish(make_item("两个子栏目", formed_on=date(2021, 1, 4), slugs=("art20-1", "art20-6")), date(2021, 1, 5))
    make_item_uncat = make_item("未分类", formed_on=date(2021, 1, 4), slugs=())
    from gongkai.publishing.models import Item
    Item.objects.filter(pk=make_item_uncat.pk).update(state="published", published_on=date(2021, 2, 1))
    agencies = Agency.objects.filter(pk=agency.pk)
    assert published_by_category(agencies, 2021) == [("法定主动公开内容", 1), ("未分类", 1)]
    assert item_records(agencies, 2021, category="未分类").get().title == "未分类"
