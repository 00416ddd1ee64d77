"""The Art 20 items and the default catalogue as data (no Django)."""

from __future__ import annotations

import sys

import pytest

from gongkai.statute import disclosure
from gongkai.statute.disclosure import ART20_ITEMS, DEFAULT_CATALOGUE, art20_item, chinese_numeral
from gongkai.statute.formats import get_format


def test_fifteen_items_numbered_in_order():
    assert [i.number for i in ART20_ITEMS] == list(range(1, 16))
    assert len({i.key for i in ART20_ITEMS}) == 15
    assert ART20_ITEMS[0].label == "第二十条第（一）项"
    assert ART20_ITEMS[14].label == "第二十条第（十五）项"
    assert ART20_ITEMS[7].text == "行政事业性收费项目及其依据、标准"
    assert all("第二十条" in i.source for i in ART20_ITEMS)


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"), (23, "二十三")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_numeral_out_of_range():
    with pytest.raises(ValueError):
        chinese_numeral(0)


@pytest.mark.parametrize("spelling", ["art20_6", 6, "6", "（六）", "六", "第二十条第（六）项", "(6)"])
def test_item_lookup_by_any_spelling(spelling):
    assert art20_item(spelling).number == 6


def test_unknown_item_is_a_clear_error():
    with pytest.raises(KeyError, match="没有“16”这一项"):
        art20_item(16)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_table_2_blocks_use_the_same_keys_and_labels(format_id):
    table = get_format(format_id).table("二")
    for block in table.blocks:
        item = art20_item(block.key)
        assert block.label == item.label


def test_default_catalogue_has_statutory_items_and_practice_columns():
    names = [e.name for e in DEFAULT_CATALOGUE]
    # The practice columns of the example report's breakdown, in its order.
    assert names[1:] == ["履职依据", "会议公开", "建议提案", "财政信息", "重点领域信息公开", "政策解读", "业务动态"]
    statutory = DEFAULT_CATALOGUE[0]
    assert [c.art20 for c in statutory.children] == [(i.key,) for i in ART20_ITEMS]
    every = [e for top in DEFAULT_CATALOGUE for e in top.walk()]
    assert all(e.source for e in every)
    assert len({e.slug for e in every}) == len(every)
    known = {i.key for i in ART20_ITEMS}
    assert all(set(e.art20) <= known for e in every)


def test_entries_parents_before_children():
    seen: set[str] = set()
    for entry, parent in disclosure.default_catalogue_entries():
        assert parent is None or parent.slug in seen
        seen.add(entry.slug)
    assert len(seen) == 1 + 15 + 7


def test_no_django_import():
    assert "django" not in getattr(disclosure, "__dict__", {})
    source = open(disclosure.__file__, encoding="utf-8").read()
    assert "django" not in source
    assert "gongkai.statute.disclosure" in sys.modules
