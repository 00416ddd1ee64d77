"""The 2019 format: 国办公开办函〔2019〕60号 (spec §4.1, §4.3, §4.4), for 2019 and 2020."""

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

SOURCE = "国办公开办函〔2019〕60号 (spec §4.3 [S8][S9][S10])"

_DOCS = (
    Column("made", "本年新制作数量", source=SOURCE),
    Column("published", "本年新公开数量", source=SOURCE),
    Column("total_public", "对外公开总数量", source=SOURCE),
)
_ITEMS = (
    Column("prev_items", "上一年项目数量", source=SOURCE),
    Column("change", "本年增/减", unit=Unit.SIGNED, aliases=("本年增减",), source=SOURCE),
)
_ITEMS_DECISIONS = (*_ITEMS, Column("decisions", "处理决定数量", source=SOURCE))
_PROCUREMENT = (
    Column("items", "采购项目数量", source=SOURCE),
    # The unit of the amount is UNCONFIRMED in the national template (spec §4.3); reports write 万元.
    Column(
        "amount",
        "采购总金额",
        unit=Unit.AMOUNT,
        aliases=("采购总金额(万元)", "采购总金额（万元）"),
        source=SOURCE + "; unit UNCONFIRMED",
    ),
)


def _row(key: str, label: str, columns: tuple[Column, ...]) -> Row:
    return Row(key, label, columns=columns, source=SOURCE)


BLOCKS = (
    Block(
        "art20_1",
        "第二十条第（一）项",
        _DOCS,
        (_row("regulations", "规章", _DOCS), _row("normative_docs", "规范性文件", _DOCS)),
        source=SOURCE,
    ),
    Block(
        "art20_5",
        "第二十条第（五）项",
        _ITEMS_DECISIONS,
        (
            _row("licensing", "行政许可", _ITEMS_DECISIONS),
            _row("other_services", "其他对外管理服务事项", _ITEMS_DECISIONS),
        ),
        source=SOURCE,
    ),
    Block(
        "art20_6",
        "第二十条第（六）项",
        _ITEMS_DECISIONS,
        (_row("penalty", "行政处罚", _ITEMS_DECISIONS), _row("enforcement", "行政强制", _ITEMS_DECISIONS)),
        source=SOURCE,
    ),
    Block(
        "art20_8",
        "第二十条第（八）项",
        _ITEMS,
        (_row("fees", "行政事业性收费", _ITEMS),),
        source=SOURCE,
    ),
    Block(
        "art20_9",
        "第二十条第（九）项",
        _PROCUREMENT,
        (_row("procurement", "政府集中采购", _PROCUREMENT),),
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

# In 2019 （六）其他处理 is a single data row (spec §4.4 [S9]).
OTHER_ROWS = (Row("other", OTHER, source="spec §4.4 [S9]"),)

FORMAT_2019 = ReportFormat(
    id="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    issued="2019",
    first_year=2019,
    last_year=2020,
    title_suffix=TITLE_SUFFIX,
    sections=SECTIONS,
    overview_heads=OVERVIEW_HEADS,
    tables={
        "二": TABLE_2,
        "三": table_3(OTHER_ROWS, "国办公开办函〔2019〕60号 (spec §4.4 [S9])"),
        "四": TABLE_4,
    },
    source="spec §4.1 [S7]",
)
