"""Checks on the applicant's identity document numbers (plain functions, Chinese messages)."""

from __future__ import annotations

import unicodedata

# GB 11643-1999: weights of the 17 digits and the check character for sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def normalize_id_number(value: str) -> str:
    """Full-width folded, spaces removed, capital X."""
    folded = unicodedata.normalize("NFKC", value or "")
    return "".join(folded.split()).upper()


def resident_id_problem(number: str) -> str | None:
    """Why ``number`` is not a valid 18-digit 居民身份证号码, or None."""
    if len(number) != 18:
        return f"居民身份证号码应为18位，现为{len(number)}位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "居民身份证号码应为17位数字加1位数字或X"
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    if _CHECK[total % 11] != number[17]:
        return "居民身份证号码校验位不正确，请核对"
    return None
