"""索引号: the catalogue identifier of a published item.

The 目录系统实施指引 describes "前段码/后段码" = organisation code / year-serial, while live
sites write e.g. ``11341702486344515H/202110-00013`` (spec §7, UNCONFIRMED which is binding),
so the pattern is the setting ``PUBLISHING_INDEX_FORMAT`` (a ``str.format`` pattern). Fields:

``{credit_code}``  the agency's 统一社会信用代码 (or ``GK`` + its id, zero-padded to 18
                   characters, when the agency has none)
``{year}``         the year of publication
``{month}``        the month of publication (an int: write ``{month:02d}``)
``{serial}``       the gap-free serial within agency and year (an int: ``{serial:05d}``)

Default ``"{credit_code}/{year}-{serial:05d}"``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_INDEX_FORMAT = "{credit_code}/{year}-{serial:05d}"


def index_format() -> str:
    return getattr(settings, "PUBLISHING_INDEX_FORMAT", DEFAULT_INDEX_FORMAT) or DEFAULT_INDEX_FORMAT


def agency_code(agency: Any) -> str:
    code = (agency.credit_code or "").strip()
    return code or f"GK{agency.pk:016d}"


def format_index_number(agency: Any, published_on: date, serial: int, pattern: str | None = None) -> str:
    pattern = pattern or index_format()
    try:
        return pattern.format(
            credit_code=agency_code(agency), year=published_on.year, month=published_on.month, serial=serial
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(f"PUBLISHING_INDEX_FORMAT 格式有误（{pattern!r}）：{exc}") from exc


def take_index_number(item: Any) -> None:
    """Give ``item`` (published, with ``published_on``) the next number of its agency and year.

    Call inside the transaction that publishes the item. The counter row is locked, so
    concurrent publications get distinct consecutive serials, and a rolled-back publication
    gives its serial back. A number that already exists (an item imported with its old
    索引号 in the same pattern) is skipped rather than duplicated.
    """
    from gongkai.publishing.models import IndexCounter, Item

    if item.index_number:
        return
    year = item.published_on.year
    counter = IndexCounter.locked(item.agency, year)
    while True:
        counter.last += 1
        number = format_index_number(item.agency, item.published_on, counter.last)
        if not Item.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    item.index_number = number
    item.index_year = year
    item.index_serial = counter.last
