"""The Art 20 items come back after a flush (transactional and browser tests flush between tests)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from gongkai.publishing.models import Art20Item
from gongkai.statute.disclosure import ART20_ITEMS


@pytest.mark.django_db(transaction=True)
def test_art20_items_are_there_after_a_flush(django_db_blocker: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert sorted(Art20Item.objects.values_list("number", flat=True)) == [i.number for i in ART20_ITEMS]
