"""索引号 under parallel publications (PostgreSQL): unique and gap-free, also when some
publications roll back. SQLite serialises writers, so the test runs in the PostgreSQL pass."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from gongkai.agencies.actions import do_add_member
from gongkai.publishing.actions import do_create_item, do_review, do_submit_for_review
from gongkai.publishing.catalogue import ensure_default_catalogue
from gongkai.publishing.models import Item

THREADS, PER_THREAD = 6, 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrency needs PostgreSQL row locks; run with DATABASE_URL=postgres://… (the PG pass of make test)",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_publications_get_unique_gap_free_numbers(region, make_user):
    agency = region.county
    approver = make_user("approver")
    do_add_member(agency, approver, "approver")
    category = ensure_default_catalogue(agency)[-1]
    items = []
    for i in range(THREADS * PER_THREAD):
        item = do_create_item(agency=agency, title=f"信息{i}", formed_on=date(2025, 3, 3), categories=[category])
        do_submit_for_review(item)
        items.append(item)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait()
            for j in range(PER_THREAD):
                item = items[worker * PER_THREAD + j]
                if j == 2:
                    # A publication rolled back after taking its number gives the number back.
                    try:
                        with transaction.atomic():
                            do_review(item, reviewer=approver, approve=True, published_on=date(2025, 3, 5))
                            raise RuntimeError("rollback")
                    except RuntimeError:
                        pass
                    continue
                do_review(item, reviewer=approver, approve=True, published_on=date(2025, 3, 5))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(w,)) for w in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    serials = sorted(Item.objects.filter(agency=agency, state="published").values_list("index_serial", flat=True))
    assert serials == list(range(1, THREADS * (PER_THREAD - 1) + 1))
