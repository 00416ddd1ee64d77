"""信息处理费 (条例第四十二条; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号), as pure functions.

Both methods are 超额累进: each unit is charged the rate of the band it falls in.

- 按件计收 (Art 4): per applicant per natural month, cumulative. 1–10 件 free; 11–30 件
  100 元/件; from the 31st, bands of 10 件, each band 100 元/件 more than the one before
  (31–40: 200, 41–50: 300, …). The band arithmetic above 30 is the reading in spec §6
  (no official worked example found): UNCONFIRMED, kept in one function.
- 按量计收 (Art 5): per application, by page. ≤30 页 free; 31–100 页 10 元/页;
  101–200 页 20 元/页; from 201 页 40 元/页.

An application is charged by one method only (Art 3); the caller picks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class FeeMethod(str, Enum):
    PER_ITEM = "per_item"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_ITEM else "按量计收"


@dataclass(frozen=True)
class Band:
    first: int  # first unit in the band (1-based)
    last: int | None  # last unit, None for open-ended
    rate: Decimal  # 元 per unit


@dataclass(frozen=True)
class BandCharge:
    first: int
    last: int
    rate: Decimal

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.rate * self.units


@dataclass(frozen=True)
class FeeQuote:
    method: FeeMethod
    first_unit: int  # the first unit charged by this quote (按件: the applicant's n-th 件 this month)
    units: int
    amount: Decimal  # 元
    charges: tuple[BandCharge, ...]  # the non-empty bands, free ones included

    @property
    def lines(self) -> tuple[str, ...]:
        unit = "件" if self.method is FeeMethod.PER_ITEM else "页"
        out = []
        for c in self.charges:
            span = f"第{c.first}{unit}" if c.first == c.last else f"第{c.first}至第{c.last}{unit}"
            if c.rate:
                out.append(f"{span}：{c.units}{unit} × {c.rate}元 = {c.amount}元")
            else:
                out.append(f"{span}：{c.units}{unit}，免费")
        return tuple(out)


PAGE_BANDS = (
    Band(1, 30, Decimal(0)),
    Band(31, 100, Decimal(10)),
    Band(101, 200, Decimal(20)),
    Band(201, None, Decimal(40)),
)
ITEM_FREE = 10
ITEM_FIRST_BAND_LAST = 30
ITEM_FIRST_RATE = Decimal(100)
ITEM_BAND_SIZE = 10
ITEM_BAND_STEP = Decimal(100)


def item_rate(n: int) -> Decimal:
    """The rate of an applicant's ``n``-th 件 in a natural month (1-based)."""
    if n < 1:
        raise ValueError(f"件数序号必须从1开始，实为 {n}")
    if n <= ITEM_FREE:
        return Decimal(0)
    if n <= ITEM_FIRST_BAND_LAST:
        return ITEM_FIRST_RATE
    band = (n - ITEM_FIRST_BAND_LAST - 1) // ITEM_BAND_SIZE + 1  # 31–40 → 1, 41–50 → 2 …
    return ITEM_FIRST_RATE + ITEM_BAND_STEP * band


def _item_band(n: int) -> tuple[int, int]:
    if n <= ITEM_FREE:
        return 1, ITEM_FREE
    if n <= ITEM_FIRST_BAND_LAST:
        return ITEM_FREE + 1, ITEM_FIRST_BAND_LAST
    k = (n - ITEM_FIRST_BAND_LAST - 1) // ITEM_BAND_SIZE
    first = ITEM_FIRST_BAND_LAST + 1 + k * ITEM_BAND_SIZE
    return first, first + ITEM_BAND_SIZE - 1


def _check(n: int, what: str, minimum: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
        raise ValueError(f"{what}必须是不小于{minimum}的整数，实为 {n!r}")
    return n


def per_item_fee(earlier_units: int, units: int = 1) -> FeeQuote:
    """按件计收 for ``units`` 件 of one application, after ``earlier_units`` 件 the same
    applicant already filed in the same natural month (cumulative counting)."""
    _check(earlier_units, "本月此前已申请的件数", 0)
    _check(units, "本件申请的件数", 1)
    first, last = earlier_units + 1, earlier_units + units
    charges = []
    n = first
    while n <= last:
        _, band_last = _item_band(n)
        end = min(band_last, last)
        charges.append(BandCharge(n, end, item_rate(n)))
        n = end + 1
    return FeeQuote(FeeMethod.PER_ITEM, first, units, sum((c.amount for c in charges), Decimal(0)), tuple(charges))


def per_page_fee(pages: int) -> FeeQuote:
    """按量计收 for one application of ``pages`` pages."""
    _check(pages, "页数", 1)
    charges = []
    for band in PAGE_BANDS:
        if pages < band.first:
            break
        end = pages if band.last is None else min(band.last, pages)
        charges.append(BandCharge(band.first, end, band.rate))
    return FeeQuote(FeeMethod.PER_PAGE, 1, pages, sum((c.amount for c in charges), Decimal(0)), tuple(charges))
