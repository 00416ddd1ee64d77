"""The fifteen items of 条例第二十条 in the database, from ``gongkai.statute.disclosure``.

Migration 0002 seeds them once; this runs after every migrate and every flush too, because
tests that flush the database between them (transactional and browser tests) would otherwise
leave the table empty for the next test.
"""

from __future__ import annotations

from typing import Any


def ensure_art20_items(**kwargs: Any) -> None:
    from gongkai.publishing.models import Art20Item
    from gongkai.statute.disclosure import ART20_ITEMS

    present = set(Art20Item.objects.values_list("key", flat=True))
    missing = [Art20Item(key=i.key, number=i.number, text=i.text) for i in ART20_ITEMS if i.key not in present]
    if missing:
        Art20Item.objects.bulk_create(missing)
