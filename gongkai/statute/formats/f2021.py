"""The 2021 format: 国办公开办函〔2021〕30号 (spec §4.1, §4.3, §4.4)."""

from __future__ import annotations

from gongkai.statute.formats.common import (
    OTHER,
    OVERVIEW_HEADS,
    SECTIONS,
    TABLE_4,
    TITLE_SUFFIX,
    table_3,
)
from gongkai.statute.structure import Block, Column, ReportFormat, Row, TableSpec, Unit

SOURCE = "国办公开办函〔2021〕30号 (spec §4.3 [S5][S12][S13][S14][S15][S17])"

_DOCS = (
    Column("issued", "本年制发件数", source=SOURCE),
    Column("repealed", "本年废止件数", source=SOURCE),
    Column("in_force", "现行有效件数", aliases=("现行有效件数(历史累计)",), source=SOURCE + "; variant [S16]"),
)
_DECISIONS = (Column("decisions", "本年处理决定数量", source=SOURCE),)
_FEES = (
    Column(
        "amount",
        "本年收费金额（单位：万元）",
        unit=Unit.WANYUAN,
        aliases=("本年收费金额(万元)", "本年收费金额"),
        source=SOURCE,
    ),
)

BLOCKS = (
    Block(
        "art20_1",
        "第二十条第（一）项",
        _DOCS,
        (
            Row("regulations", "规章", columns=_DOCS, source=SOURCE),
            Row("normative_docs", "行政规范性文件", columns=_DOCS, source=SOURCE),
        ),
        source=SOURCE,
    ),
    Block(
        "art20_5",
        "第二十条第（五）项",
        _DECISIONS,
        (Row("licensing", "行政许可", columns=_DECISIONS, source=SOURCE),),
        source=SOURCE,
    ),
    Block(
        "art20_6",
        "第二十条第（六）项",
        _DECISIONS,
        (
            Row("penalty", "行政处罚", columns=_DECISIONS, source=SOURCE),
            Row("enforcement", "行政强制", columns=_DECISIONS, source=SOURCE),
        ),
        source=SOURCE,
    ),
    Block(
        "art20_8",
        "第二十条第（八）项",
        _FEES,
        (Row("fees", "行政事业性收费", columns=_FEES, source=SOURCE),),
        source=SOURCE,
    ),
)

_ROW_GROUPS = {row.key: block.label for block in BLOCKS for row in block.rows}

TABLE_2 = TableSpec(
    key="二",
    title="主动公开政府信息情况",
    rows=tuple(
        Row(r.key, r.label, _ROW_GROUPS[r.key], r.aliases, r.source, r.columns)
        for block in BLOCKS
        for r in block.rows
    ),
    groups=tuple(block.label for block in BLOCKS),
    blocks=BLOCKS,
    header_labels=("信息内容",),
    source=SOURCE,
)

# （六）其他处理 has three sub-rows in 2021 (spec §4.4). Punctuation inside 1 and 2 varies
# between 「，」 and 「、」 (UNCONFIRMED which is official, spec §9 item 12): both resolve.
OTHER_ROWS = (
    Row(
        "other_no_supplement",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER,
        source="spec §3/§4.4, Art 30",
    ),
    Row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER,
        source="spec §3/§4.4, 国办函〔2020〕109号",
    ),
    Row("other_misc", "3.其他", OTHER, source="spec §3/§4.4"),
)

FORMAT_2021 = ReportFormat(
    id="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    issued="2021-09-26",
    first_year=2021,
    last_year=None,
    title_suffix=TITLE_SUFFIX,
    sections=SECTIONS,
    overview_heads=OVERVIEW_HEADS,
    tables={
        "二": TABLE_2,
        "三": table_3(OTHER_ROWS, "国办公开办函〔2021〕30号 (spec §4.4)"),
        "四": TABLE_4,
    },
    source="spec §4.1 [S3][S6]",
)
