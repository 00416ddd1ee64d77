"""The receipt date per channel (条例第三十一条)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.casework.intake import Channel, IntakeError, receipt_date

D1, D2, D3 = date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 6)


def test_in_person_is_the_submission_day():
    r = receipt_date(Channel.IN_PERSON, submitted_on=D1, confirmed_on=D3)
    assert r.date == D1 and "当面提交" in r.rule


def test_signed_post_is_the_signing_day():
    r = receipt_date("signed_post", submitted_on=D1, signed_on=D2)
    assert r.date == D2 and "签收之日" in r.rule


def test_ordinary_letter_is_the_confirmation_day_and_late_confirmation_is_flagged():
    same_day = receipt_date(Channel.ORDINARY_LETTER, signed_on=D2, confirmed_on=D2)
    assert same_day.date == D2 and not same_day.warnings
    late = receipt_date(Channel.ORDINARY_LETTER, signed_on=D2, confirmed_on=D3)
    assert late.date == D3
    assert "收到当日" in late.warnings[0]


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.FAX, Channel.EMAIL])
def test_internet_and_fax_are_the_mutual_confirmation_day(channel):
    r = receipt_date(channel, submitted_on=D1, confirmed_on=D2)
    assert r.date == D2 and "双方确认之日" in r.rule


@pytest.mark.parametrize(
    ("channel", "field"),
    [
        (Channel.IN_PERSON, "submitted_on"),
        (Channel.SIGNED_POST, "signed_on"),
        (Channel.ORDINARY_LETTER, "confirmed_on"),
        (Channel.ONLINE, "confirmed_on"),
        (Channel.FAX, "confirmed_on"),
        (Channel.EMAIL, "confirmed_on"),
    ],
)
def test_missing_date_names_the_field(channel, field):
    with pytest.raises(IntakeError) as info:
        receipt_date(channel)
    assert info.value.field == field
    assert "条例第三十一条" in str(info.value)


def test_confirmation_before_submission_is_rejected():
    with pytest.raises(IntakeError, match="不能早于"):
        receipt_date(Channel.ONLINE, submitted_on=D3, confirmed_on=D1)
