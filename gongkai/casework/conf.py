"""Casework settings, read from Django settings with documented defaults (docs/casework.md).

CASEWORK_RECEIPT_NUMBER_FORMAT
    A ``str.format`` pattern for the receipt number shown to the applicant. Fields:
    ``{agency}`` (the agency's short name, else its name), ``{code}`` (its credit code),
    ``{year}`` and ``{number}`` (the gap-free sequence within agency and year).
    Default ``"{agency}〔{year}〕第{number:04d}号"``; a plain alternative is ``"{year}-{number:04d}"``.
CASEWORK_FEE_PAUSES_CLOCK
    Whether the days from a fee notice to payment are left out of the reply period
    (default True; UNCONFIRMED in the spec, §6).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gongkai.casework.clock import ClockRules

DEFAULT_RECEIPT_NUMBER_FORMAT = "{agency}〔{year}〕第{number:04d}号"


def receipt_number_format() -> str:
    return getattr(settings, "CASEWORK_RECEIPT_NUMBER_FORMAT", DEFAULT_RECEIPT_NUMBER_FORMAT)


def format_receipt_number(agency: Any, year: int, number: int, pattern: str | None = None) -> str:
    pattern = pattern or receipt_number_format()
    try:
        return pattern.format(agency=agency.display_name, code=agency.credit_code, year=year, number=number)
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(f"CASEWORK_RECEIPT_NUMBER_FORMAT 格式有误（{pattern!r}）：{exc}") from exc


def clock_rules() -> ClockRules:
    return ClockRules(fee_pauses_clock=bool(getattr(settings, "CASEWORK_FEE_PAUSES_CLOCK", True)))
