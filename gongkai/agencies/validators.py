"""Django validators over the plain-Python rules in :mod:`gongkai.agencies.creditcode`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from gongkai.agencies import creditcode


def validate_credit_code(value: str) -> None:
    found = creditcode.problems(creditcode.normalize(value))
    if found:
        raise ValidationError("；".join(found), code="invalid_credit_code")


validate_postcode = RegexValidator(r"^\d{6}$", "邮政编码应为 6 位数字", code="invalid_postcode")
