"""统一社会信用代码 (unified social credit code), GB 32100-2015.

Plain Python without Django, so report checks and the command line can use it too.

Layout of the 18 characters:

=====  ===========================================================
1      登记管理部门代码 (registering authority: 1 机构编制, 5 民政, 9 工商 …)
2      机构类别代码 (category within that authority: 11 = 机关 …)
3–8    登记管理机关行政区划码 (six-digit administrative division code)
9–17   主体标识码 (the former 组织机构代码, GB 11714)
18     校验码, computed over the first 17 characters
=====  ===========================================================

The characters come from a 31-symbol alphabet: the digits and the capital letters without
I, O, S, V and Z (too easily confused with 1, 0, 5, U and 2). The check character is
``31 - (Σ value(cᵢ) × 3ⁱ⁻¹ mod 31) mod 31``, i.e. weights 3⁰ … 3¹⁶ modulo 31.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {char: value for value, char in enumerate(ALPHABET)}
MODULUS = len(ALPHABET)  # 31
WEIGHTS = tuple(pow(3, i, MODULUS) for i in range(17))
# = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), as printed in the standard.
LENGTH = 18


def normalize(code: str) -> str:
    """What people type → the canonical form: no spaces, ASCII capitals.

    Full-width letters and digits (common when typing with a Chinese IME) are folded to ASCII.
    """
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in code)
    return "".join(folded.split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (already normalised and in the alphabet)."""
    if len(first17) != LENGTH - 1:
        raise ValueError("需要前 17 位")
    total = sum(VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(MODULUS - total % MODULUS) % MODULUS]


def problems(code: str) -> list[str]:
    """Why ``code`` (normalised) is not a valid credit code, in Chinese; empty when it is valid."""
    if len(code) != LENGTH:
        return [f"统一社会信用代码应为 18 位，现为 {len(code)} 位"]
    bad = sorted({c for c in code if c not in VALUES})
    if bad:
        shown = "、".join(bad)
        return [f"统一社会信用代码含有不允许的字符：{shown}（只能使用数字和除 I、O、S、V、Z 以外的大写字母）"]
    found: list[str] = []
    if not code[2:8].isdigit():
        found.append("统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）")
    expected = check_character(code[:17])
    if code[17] != expected:
        found.append(f"统一社会信用代码校验位错误：末位应为 {expected}，现为 {code[17]}")
    return found


def is_valid(code: str) -> bool:
    return not problems(normalize(code))
