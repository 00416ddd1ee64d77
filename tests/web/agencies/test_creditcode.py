"""统一社会信用代码: the GB 32100-2015 check character and format rules (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.agencies import creditcode

# The worked example printed in GB 32100-2015, the agency code in legal_spec.md's receipt-number
# example (a real 机关 code from a published disclosure record), and computed ones.
VALID = [
    "91350100M000100Y43",
    "11341702486344515H",
    "11370300004331920G",
    "913100007178856530",  # check character 0: the (31 - 0) mod 31 wrap-around
]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes(code):
    assert creditcode.problems(code) == []
    assert creditcode.is_valid(code)
    assert creditcode.check_character(code[:17]) == code[17]


def test_weights_are_the_standards_table():
    assert creditcode.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert len(creditcode.ALPHABET) == 31
    assert not set("IOSVZ") & set(creditcode.ALPHABET)


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        (" 9135 0100 M000 100Y43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),  # full-width, as a Chinese IME types it
    ],
)
def test_normalize(typed, normal):
    assert creditcode.normalize(typed) == normal
    assert creditcode.is_valid(typed)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为 18 位"),
        ("91350100M000100Y433", "应为 18 位"),
        ("91350100M000100I43", "不允许的字符：I"),
        ("9135O100M000100Y43", "不允许的字符：O"),
        ("9135A100M000100Y43", "行政区划代码"),
        ("91350100M000100Y44", "校验位错误：末位应为 3，现为 4"),
    ],
)
def test_invalid_codes_say_why(code, message):
    found = creditcode.problems(code)
    assert found
    assert any(message in p for p in found), found


prefixes = st.tuples(
    st.text(creditcode.ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(creditcode.ALPHABET, min_size=9, max_size=9),
).map("".join)


@given(prefixes)
def test_computed_check_character_validates(prefix):
    assert creditcode.is_valid(prefix + creditcode.check_character(prefix))


@given(prefixes, st.integers(0, 17), st.integers(1, 30))
def test_every_single_substitution_is_detected(prefix, position, shift):
    # 31 is prime and no weight is 0 mod 31, so changing one character always changes the sum.
    code = prefix + creditcode.check_character(prefix)
    old = creditcode.VALUES[code[position]]
    new = creditcode.ALPHABET[(old + shift) % 31]
    changed = code[:position] + new + code[position + 1 :]
    assert not creditcode.is_valid(changed)
