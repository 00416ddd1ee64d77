"""Table 四 from the records, on both counting bases, with cases straddling years."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from gongkai.agencies.models import Agency
from gongkai.appeals.actions import do_record_result
from gongkai.appeals.stats import appeal_records, table_4_values
from gongkai.statute.formats import get_format

pytestmark = pytest.mark.django_db

F2019, F2021 = get_format("2019"), get_format("2021")
KINDS = ("review", "suit_direct", "suit_after_review")
RESULTS = ("upheld", "corrected", "other", "pending")


def decide(case, result, on):
    do_record_result(case, result=result, decided_on=on)
    return case


@pytest.fixture
def cases(register, decided, region):
    d = date
    old = decided(on=d(2024, 10, 1), decided_on=d(2024, 10, 20))
    early = decided(on=d(2025, 1, 6), decided_on=d(2025, 1, 20))
    return {
        "A": decide(register(application=old, filed_on=d(2024, 11, 10)), "upheld", d(2025, 1, 15)),
        "B": decide(register(application=early, filed_on=d(2025, 2, 1)), "corrected", d(2025, 3, 1)),
        "C": register(filed_on=d(2025, 6, 1)),
        "D": decide(register(filed_on=d(2025, 12, 20)), "other", d(2026, 1, 10)),
        "E": decide(register(kind="suit_direct", application=early, filed_on=d(2025, 3, 1)), "upheld", d(2025, 5, 1)),
        "G": decide(
            register(kind="suit_after_review", application=old, filed_on=d(2024, 12, 1), review_elsewhere="市政府复议"),
            "corrected", d(2025, 2, 1),
        ),
        # Neither demo data nor (unless asked) another agency counts.
        "sample": decide(register(filed_on=d(2025, 5, 1), is_sample=True), "upheld", d(2025, 5, 20)),
        "street": decide(
            register(agency=region.street, application=decided(agency=region.street), filed_on=d(2025, 4, 1)),
            "upheld", d(2025, 4, 20),
        ),
    }


@pytest.fixture
def with_suit_after_review(cases, register):
    cases["F"] = decide(
        register(kind="suit_after_review", review_case=cases["B"], application=None, filed_on=date(2025, 3, 10)),
        "other", date(2025, 8, 1),
    )
    return cases


def expected(**cells):
    """All 15 cells, zero unless given, keyed as the format keys them."""
    values = {("cases", f"{k}.{r}"): 0 for k in KINDS for r in (*RESULTS, "total")}
    for key, n in cells.items():
        kind, result = key.rsplit("_", 1)
        values[("cases", f"{kind}.{result}")] = n
    return values


def test_received_basis_counts_the_year_end_result(with_suit_after_review, agency):
    agencies = Agency.objects.filter(pk=agency.pk)
    values = table_4_values(agencies, 2025, F2021, basis="received")
    assert values == expected(
        review_corrected=1, review_pending=2, review_total=3,
        suit_direct_upheld=1, suit_direct_total=1,
        suit_after_review_other=1, suit_after_review_total=1,
    )
    # 2024: both cases received then were still pending on 31 December 2024.
    assert table_4_values(agencies, 2024, F2021, basis="received") == expected(
        review_pending=1, review_total=1, suit_after_review_pending=1, suit_after_review_total=1
    )
    assert table_4_values(agencies, 2026, F2021, basis="received") == expected()


def test_concluded_basis_counts_decisions_and_pending_received(with_suit_after_review, agency):
    agencies = Agency.objects.filter(pk=agency.pk)
    assert table_4_values(agencies, 2025, F2021, basis="concluded") == expected(
        review_upheld=1, review_corrected=1, review_pending=2, review_total=4,
        suit_direct_upheld=1, suit_direct_total=1,
        suit_after_review_corrected=1, suit_after_review_other=1, suit_after_review_total=2,
    )
    assert table_4_values(agencies, 2026, F2021, basis="concluded") == expected(review_other=1, review_total=1)


def test_both_formats_have_the_same_table_and_totals_add_up(with_suit_after_review, agency):
    agencies = Agency.objects.filter(pk=agency.pk)
    for basis in ("received", "concluded"):
        v2019 = table_4_values(agencies, 2025, F2019, basis=basis)
        assert v2019 == table_4_values(agencies, 2025, F2021, basis=basis)
        assert set(v2019) == {("cases", c.key) for c in F2019.table("四").columns}
        for kind in KINDS:
            assert v2019[("cases", f"{kind}.total")] == sum(v2019[("cases", f"{kind}.{r}")] for r in RESULTS)


def test_agencies_of_a_region_add_up(cases, agency, region):
    both = Agency.objects.filter(pk__in=[agency.pk, region.street.pk])
    values = table_4_values(both, 2025, F2021, basis="received")
    assert values[("cases", "review.upheld")] == 1  # the street office's case
    assert values[("cases", "review.total")] == 4


@pytest.mark.parametrize("basis", ["received", "concluded"])
def test_drill_down_lists_exactly_the_cases_counted(with_suit_after_review, agency, basis):
    agencies = Agency.objects.filter(pk=agency.pk)
    values = table_4_values(agencies, 2025, F2021, basis=basis)
    for kind in KINDS:
        for result in (*RESULTS, "total"):
            records = appeal_records(agencies, 2025, kind, result, basis)
            assert records.count() == values[("cases", f"{kind}.{result}")], (kind, result)
    pending = set(appeal_records(agencies, 2025, "review", "pending", basis))
    assert pending == {with_suit_after_review["C"], with_suit_after_review["D"]}


def test_basis_comes_from_the_setting(with_suit_after_review, agency):
    agencies = Agency.objects.filter(pk=agency.pk)
    with override_settings(APPEALS_TABLE4_BASIS="concluded"):
        assert table_4_values(agencies, 2025, F2021)[("cases", "review.total")] == 4
    with override_settings(APPEALS_TABLE4_BASIS="received"):
        assert table_4_values(agencies, 2025, F2021)[("cases", "review.total")] == 3
    with override_settings(APPEALS_TABLE4_BASIS="yearly"), pytest.raises(ValueError, match="统计口径"):
        table_4_values(agencies, 2025, F2021)


def test_no_cases_gives_zeros_not_blanks(agency):
    values = table_4_values(Agency.objects.filter(pk=agency.pk), 2025, F2021)
    assert len(values) == 15 and set(values.values()) == {0}
