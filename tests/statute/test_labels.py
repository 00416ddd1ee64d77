from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.statute import get_format
from gongkai.statute.labels import LabelIndex, MatchKind, NumberStyle, label_key, split_numbering


@pytest.fixture(scope="module")
def rows():
    index: LabelIndex[str] = LabelIndex()
    for row in get_format("2021").table("三").rows:
        index.add(row.key, row.label, row.aliases)
    return index


@pytest.mark.parametrize(
    ("written", "key", "kind"),
    [
        ("（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "partial", MatchKind.ALIAS),
        ("5.属于三类内容事务信息", "withheld_internal", MatchKind.ALIAS),
        ("2.其他法律行政止公开", "withheld_law_forbids", MatchKind.ALIAS),
        ("1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "other_no_supplement", MatchKind.NORMALISED),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_fee_unpaid", MatchKind.EXACT),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partial", MatchKind.EXACT),
        ("４.保护第三方合法权益", "withheld_third_party", MatchKind.EXACT),
        ("4.无正当理由大量反复 申请", "not_handled_excessive", MatchKind.EXACT),
        ("四、结转下年度继续\n办理", "carried_out", MatchKind.EXACT),
        ("3.危及\u201c三安全一稳定\u201d", "withheld_3s1s", MatchKind.EXACT),
        ("3.危及三安全一稳定", "withheld_3s1s", MatchKind.NORMALISED),
        ("（7）总计", "total", MatchKind.NORMALISED),
        ("2.其他法律行政法规禁止", "withheld_law_forbids", MatchKind.FUZZY),
    ],
)
def test_variants_resolve(rows, written, key, kind):
    match = rows.match(written)
    assert match is not None and match.target == key
    assert match.kind is kind


def test_unrelated_text_does_not_resolve(rows):
    assert rows.match("本机关全年召开新闻发布会") is None
    assert rows.match("") is None


@pytest.mark.parametrize(
    ("text", "style", "value", "rest"),
    [
        ("（5） 监督保障情况。", NumberStyle.DIGIT_PAREN, 5, "监督保障情况。"),
        ("4、 政府信息公开行政复议", NumberStyle.DIGIT_COMMA, 4, "政府信息公开行政复议"),
        ("（六）其他处理", NumberStyle.CN_PAREN, 6, "其他处理"),
        ("十二、附件", NumberStyle.CN_COMMA, 12, "附件"),
        ("1.属于国家秘密", NumberStyle.DIGIT_DOT, 1, "属于国家秘密"),
    ],
)
def test_numbering(text, style, value, rest):
    numbering, remainder = split_numbering(text)
    assert numbering is not None
    assert (numbering.style, numbering.value, remainder) == (style, value, rest)


def test_years_are_not_numbering():
    assert split_numbering("2024年，本机关")[0] is None
    assert split_numbering("10.5万元")[0] is None


@given(st.text(alphabet="（）()、，,. \u3000\u00a0一二三1234属于国家秘密", max_size=30))
def test_label_key_is_idempotent(text):
    assert label_key(label_key(text)) == label_key(text)
