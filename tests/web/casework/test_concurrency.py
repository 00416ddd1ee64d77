"""Receipt numbers under parallel submissions (PostgreSQL): unique and gap-free, also when
some submissions roll back. SQLite serialises writers and ignores SELECT … FOR UPDATE, so the
test says nothing there; it runs in the PostgreSQL pass of ``make test``."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from gongkai.casework.actions import do_receive_application
from gongkai.casework.models import Application, ReceiptCounter

THREADS, PER_THREAD = 8, 10


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrency needs PostgreSQL row locks; run with DATABASE_URL=postgres://… (the PG pass of make test)",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_unique_gap_free_numbers(region):
    agency = region.county
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def submit(worker: int) -> None:
        try:
            barrier.wait()
            for i in range(PER_THREAD):
                if i == 3:
                    # A submission that fails after taking its number must give it back.
                    try:
                        with transaction.atomic():
                            do_receive_application(
                                agency=agency, channel="online", confirmed_on=date(2025, 6, 2),
                                applicant_kind="natural", applicant_name=f"回滚{worker}", description="x",
                            )
                            raise RuntimeError("rolled back")
                    except RuntimeError:
                        pass
                do_receive_application(
                    agency=agency, channel="online", confirmed_on=date(2025, 6, 2),
                    applicant_kind="natural", applicant_name=f"申请人{worker}-{i}", description="并发提交",
                )
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(w,)) for w in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    numbers = sorted(Application.objects.filter(agency=agency, year=2025).values_list("sequence", flat=True))
    assert numbers == list(range(1, THREADS * PER_THREAD + 1))
    assert ReceiptCounter.objects.get(agency=agency, year=2025).last == THREADS * PER_THREAD
    assert Application.objects.values("receipt_number").distinct().count() == THREADS * PER_THREAD
