"""信息处理费 tiers (国办函〔2020〕109号, spec §6): pure functions, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.casework.fees import FeeMethod, item_rate, per_item_fee, per_page_fee


@pytest.mark.parametrize(
    ("n", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (61, 500)],
)
def test_item_rate_per_band(n, rate):
    assert item_rate(n) == Decimal(rate)


def test_spec_example_units_5_12_35():
    # spec §6: the 5th unit of the month is free, the 12th costs 100, the 35th 200.
    assert per_item_fee(4).amount == 0
    assert per_item_fee(11).amount == 100
    assert per_item_fee(34).amount == 200


def test_per_item_is_cumulative_within_the_month():
    # 12 件 in one application after 5 earlier: units 6..17 → 5 free, 7 × 100.
    quote = per_item_fee(5, 12)
    assert quote.method is FeeMethod.PER_ITEM
    assert quote.first_unit == 6 and quote.units == 12
    assert quote.amount == Decimal(700)
    assert [(c.first, c.last, c.rate) for c in quote.charges] == [(6, 10, 0), (11, 17, 100)]
    assert quote.lines == ("第6至第10件：5件，免费", "第11至第17件：7件 × 100元 = 700元")


def test_per_item_across_several_bands():
    # Units 1..45: 10 free, 20 × 100, 10 × 200, 5 × 300.
    assert per_item_fee(0, 45).amount == Decimal(2000 + 2000 + 1500)
    # Split over two applications, the total is the same (cumulative, not per application).
    assert per_item_fee(0, 20).amount + per_item_fee(20, 25).amount == Decimal(5500)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 2700 + 50 * 40)],
)
def test_per_page_bands(pages, amount):
    assert per_page_fee(pages).amount == Decimal(amount)


def test_per_page_lines():
    assert per_page_fee(120).lines == (
        "第1至第30页：30页，免费",
        "第31至第100页：70页 × 10元 = 700元",
        "第101至第120页：20页 × 20元 = 400元",
    )


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_bad_counts_are_rejected(bad):
    with pytest.raises(ValueError):
        per_page_fee(bad)
    with pytest.raises(ValueError):
        per_item_fee(0, bad)
