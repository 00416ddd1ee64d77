"""Table 三 from the records: outcome rows for both formats, carried cases and the 勾稽关系."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.casework import actions as act
from gongkai.casework import stats
from gongkai.statute.applicants import TOTAL_COLUMN, ApplicantKind
from gongkai.statute.formats import get_format
from gongkai.statute.outcomes import Outcome

pytestmark = pytest.mark.django_db

F2019, F2021 = get_format("2019"), get_format("2021")
COLUMNS = [k.value for k in ApplicantKind] + [TOTAL_COLUMN]


def decide(app, outcome, on):
    act.do_decide(app, outcome, on=on)
    return app


@pytest.fixture
def straddling(receive, region):
    """Applications over 2023–2025, some decided across the new year, some withdrawn or lapsed."""
    d = date
    # Received 2023, decided 2024: carried into 2024.
    decide(receive(d(2023, 12, 20), kind="natural"), Outcome.DISCLOSED, d(2024, 1, 10))
    decide(receive(d(2023, 12, 28), kind="commercial"), Outcome.PARTIAL, d(2024, 1, 5))
    # 2024: decided in the year.
    decide(receive(d(2024, 3, 1), kind="natural"), Outcome.UNABLE_NOT_HELD, d(2024, 3, 20))
    decide(receive(d(2024, 5, 6), kind="research"), Outcome.WITHHELD_STATE_SECRET, d(2024, 5, 10))
    withdrawn = receive(d(2024, 6, 3), kind="legal_services")
    act.do_withdraw(withdrawn, on=d(2024, 6, 4))
    lapsed = receive(d(2024, 7, 1), kind="natural")
    act.do_request_supplement(lapsed, deadline=d(2024, 7, 15), items="文号", on=d(2024, 7, 2))
    act.do_lapse_supplement(lapsed, on=d(2024, 7, 16))
    unpaid = receive(d(2024, 8, 1), kind="other_org")
    act.do_send_fee_notice(unpaid, method="per_page", pages=40, on=d(2024, 8, 2))
    act.do_lapse_fee(unpaid, on=d(2024, 9, 20))
    # 2024 → 2025: carried out of 2024, one into 2026.
    decide(receive(d(2024, 12, 25), kind="public_interest"), Outcome.NOT_HANDLED_REPEAT, d(2025, 1, 8))
    waiting = receive(d(2024, 12, 30), kind="natural")
    act.do_request_supplement(waiting, deadline=d(2025, 1, 20), items="用途", on=d(2024, 12, 31))
    act.do_withdraw(waiting, on=d(2025, 1, 6))
    receive(d(2025, 12, 30), kind="commercial")  # still open: carried out of 2025
    decide(receive(d(2025, 2, 3), kind="natural"), Outcome.NOT_HANDLED_PETITION, d(2025, 2, 10))
    # Neither demo data nor another agency counts.
    decide(receive(d(2024, 4, 1), kind="natural", is_sample=True), Outcome.DISCLOSED, d(2024, 4, 2))
    receive(d(2024, 4, 1), kind="natural", agency=region.street)


def test_decided_counts_map_outcomes_to_rows_in_both_formats(straddling, agency):
    qs = stats.base(agency)
    c2021 = stats.decided_counts(qs, 2024, F2021)
    assert c2021[("disclosed", "natural")] == 1
    assert c2021[("partial", "commercial")] == 1
    assert c2021[("withheld_state_secret", "research")] == 1
    assert c2021[("other_misc", "legal_services")] == 1
    assert c2021[("other_no_supplement", "natural")] == 1
    assert c2021[("other_fee_unpaid", "other_org")] == 1
    assert c2021[("unable_not_held", TOTAL_COLUMN)] == 1
    c2019 = stats.decided_counts(qs, 2024, F2019)
    # The 2019 format has one （六） row: the three codes fold into it in the GROUP BY.
    assert c2019[("other", TOTAL_COLUMN)] == 3
    assert not any(row.startswith("other_") for row, _ in c2019)
    assert sum(n for (_, col), n in c2019.items() if col == TOTAL_COLUMN) == 7


def test_carried_in_and_out(straddling, agency):
    qs = stats.base(agency)
    assert stats.carried_in(qs, 2024).count() == 2
    assert stats.carried_out(qs, 2024).count() == 2
    assert set(stats.carried_out(qs, 2024).values_list("id", flat=True)) == set(
        stats.carried_in(qs, 2025).values_list("id", flat=True)
    )
    assert stats.carried_out(qs, 2025).count() == 1
    assert stats.base(agency, include_samples=True).count() == stats.base(agency).count() + 1


@pytest.mark.parametrize("fmt", [F2019, F2021], ids=["2019", "2021"])
@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_balance_per_column_across_years(straddling, agency, fmt, year):
    cells = stats.table_3_counts(stats.base(agency), year, fmt)

    def cell(row, col):
        return cells.get((row, col), 0)

    for col in COLUMNS:
        assert cell("new", col) + cell("carried_in", col) == cell("total", col) + cell("carried_out", col), col
    outcome_rows = {r.key for r in fmt.table("三").rows} - {"new", "carried_in", "total", "carried_out"}
    assert {row for row, _ in cells} <= outcome_rows | {"new", "carried_in", "total", "carried_out"}


def test_2024_numbers(straddling, agency):
    cells = stats.table_3_counts(stats.base(agency), 2024, F2021)
    assert cells[("new", TOTAL_COLUMN)] == 7
    assert cells[("carried_in", TOTAL_COLUMN)] == 2
    assert cells[("total", TOTAL_COLUMN)] == 7
    assert cells[("carried_out", TOTAL_COLUMN)] == 2
