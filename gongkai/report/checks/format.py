"""Format and version (spec §5.3): the right format for the year, no mixture of formats,
all tables and sections present, headings numbered as the format prescribes, and every
label recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.text import short_list
from gongkai.report.model import LabelSeen
from gongkai.statute import FORMATS, UnknownFormatError, format_for_year
from gongkai.statute.labels import NumberStyle, body_key, fold, split_numbering

KIND_NAMES = {
    "row": "行标签",
    "column": "列标签",
    "group": "分组标签",
    "block": "栏目标签",
    "heading": "章节标题",
    "subhead": "小标题",
}
TABLES = ("二", "三", "四")


def shown(text: str) -> str:
    """A label for a message: as written, white space removed (no NFKC, so （5） stays)."""
    return re.sub(r"\s+", "", text)


def _where(label: LabelSeen) -> str:
    kind = KIND_NAMES.get(label.kind, "标签")
    return f"表{label.table}{kind}" if label.table else kind


def _location(label: LabelSeen) -> FindingLocation:
    return FindingLocation(table=label.table or None, source=label.location)


@rule(
    "FMT-VERSION",
    Severity.ERROR,
    "格式版本与年度不符",
    "2019、2020年度报告应使用2019年格式，2021年度起应使用2021年格式（国办公开办函〔2021〕30号）。",
    "format",
    "spec §4.1, §5.3 rule 10",
)
def format_version(ctx: CheckContext) -> Iterator[Issue]:
    meta = ctx.report.meta
    if not meta.format_id or not meta.year:
        return
    try:
        expected = format_for_year(meta.year)
    except UnknownFormatError:
        return
    if expected.id != meta.format_id:
        actual = FORMATS.get(meta.format_id)
        name = f"{actual.id}年格式（{actual.document}）" if actual else f"“{meta.format_id}”格式"
        yield Issue(
            f"本报告为{meta.year}年度报告，应使用{expected.id}年格式（{expected.document}），但使用的是{name}。",
            FindingLocation(),
        )


@rule(
    "FMT-MIXED",
    Severity.ERROR,
    "混用不同版本的格式",
    "表格中出现了其他版本格式才有的行列标签，说明报告混用了新旧格式，相应数字不符合本年度格式的要求。",
    "format",
    "spec §5.3 rule 10",
)
def format_mixed(ctx: CheckContext) -> Iterator[Issue]:
    fmt = ctx.fmt
    if not fmt:
        return
    foreign: dict[str, list[LabelSeen]] = {}
    own_specific = 0
    for label in ctx.report.labels:
        if not label.formats:
            continue
        if fmt.id in label.formats:
            own_specific += len(label.formats) < len(FORMATS)
        else:
            foreign.setdefault(label.table, []).append(label)
    year = f"{ctx.report.meta.year}年度" if ctx.report.meta.year else "本"
    for table, labels in foreign.items():
        versions = "、".join(sorted({f for label in labels for f in label.formats}))
        written = list(dict.fromkeys(f"“{shown(label.written)}”" for label in labels))
        place = f"表{table}" if table else "章节标题"
        rest = "，其余部分为" + f"{fmt.id}年格式" if own_specific else ""
        yield Issue(
            f"{year}报告应使用{fmt.id}年格式，但{place}使用了{versions}年格式的标签：{short_list(written, 8)}{rest}。",
            _location(labels[0]),
        )


@rule(
    "FMT-TABLE-MISSING",
    Severity.ERROR,
    "缺少表格",
    "年度报告必须包含表二、表三、表四三张统计表。",
    "format",
    "spec §4.3-4.5; 条例第五十条",
)
def table_missing(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.fmt:
        return
    for table in TABLES:
        if table in ctx.fmt.tables and not ctx.has_table(table):
            title = ctx.fmt.table(table).title
            yield Issue(f"报告中没有找到表{table}“{title}”的任何数据。", FindingLocation(table=table))


def _explained_rows(ctx: CheckContext, table: str) -> set[str]:
    """Labels of groups that the report wrote as one row of another format, e.g. the 2019
    single （六）其他处理 row in a 2021 report; FMT-MIXED reports that, not the missing rows."""
    own = {row.key for row in ctx.table(table).rows}  # type: ignore[union-attr]
    seen = {row for row, _ in ctx.report.tables.get(table, {})}
    seen |= {label.key for label in ctx.report.labels if label.table == table and label.key}
    return {
        row.label
        for fmt in FORMATS.values()
        if table in fmt.tables
        for row in fmt.table(table).rows
        if row.key in seen - own
    }


@rule(
    "FMT-ROW-MISSING",
    Severity.WARNING,
    "缺少表格行",
    "表格缺少格式规定的行，相应数字没有公布。",
    "format",
    "spec §4.3-4.5",
)
def row_missing(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.fmt:
        return
    for table in TABLES:
        spec = ctx.table(table)
        if not spec or not ctx.has_table(table) or table == "四":
            continue
        present = {row.key for row in ctx.present_rows(table)}
        explained = _explained_rows(ctx, table)
        missing = [row for row in spec.rows if row.key not in present and row.group not in explained]
        if missing:
            names = [f"“{row.path}”" for row in missing]
            yield Issue(f"表{table}缺少 {len(missing)} 行：{short_list(names)}。", ctx.location(table, missing[0].key))


@rule(
    "FMT-SECTION-MISSING",
    Severity.ERROR,
    "缺少章节",
    "年度报告应包含格式规定的六个部分（条例第五十条规定的内容不能遗漏）。",
    "format",
    "spec §4.2, §5.3 rule 11; 条例第五十条",
)
def section_missing(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.fmt:
        return
    keys = {s.key for s in ctx.report.sections}
    if not ctx.report.sections:
        first, last = ctx.fmt.sections[0], ctx.fmt.sections[-1]
        yield Issue(f"报告中没有识别出任何章节标题（应有“{first.label}”至“{last.label}”六个部分）。", FindingLocation())
        return
    for heading in ctx.fmt.sections:
        if heading.key not in keys:
            yield Issue(f"报告缺少第{heading.number.rstrip('、')}部分“{heading.label}”。", FindingLocation())


@rule(
    "FMT-SECTION-ORDER",
    Severity.WARNING,
    "章节顺序错误",
    "六个部分应按格式规定的顺序排列。",
    "format",
    "spec §5.3 rule 11",
)
def section_order(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.fmt:
        return
    order = {h.key: i for i, h in enumerate(ctx.fmt.sections)}
    seen = [s for s in ctx.report.sections if s.key in order]
    keys = list(dict.fromkeys(s.key for s in seen))
    if keys != sorted(keys, key=order.__getitem__):
        written = "、".join(f"“{shown(s.heading)}”" for s in seen)
        yield Issue(f"章节顺序与格式不符，报告中的顺序为：{written}。", FindingLocation(source=seen[0].location))


def _expected_numbering(ctx: CheckContext, label: LabelSeen) -> str | None:
    fmt = ctx.fmt
    if not fmt:
        return None
    if label.kind == "heading":
        heading = next((h for h in fmt.sections if h.key == label.key), None)
        return heading.number if heading else None
    if label.kind == "subhead":
        heading = next((h for h in fmt.overview_heads if h.key == label.key), None)
        return heading.number if heading else None
    if label.kind == "group" and label.canonical:
        numbering, _ = split_numbering(label.canonical)
        return shown(label.canonical)[: len(numbering.written)] if numbering else None
    return None


def _numbering_candidates(ctx: CheckContext) -> list[LabelSeen]:
    labels = [lab for lab in ctx.report.labels if lab.kind in ("heading", "subhead", "group") and lab.key]
    seen = {(lab.kind, fold(lab.written)) for lab in labels}
    # Sections that no heading label describes are checked from their heading as written.
    for section in ctx.report.sections:
        if section.key and ("heading", fold(section.heading)) not in seen:
            labels.append(LabelSeen("", "heading", section.heading, section.key, None, None, (), section.location))
    return labels


@rule(
    "FMT-NUMBERING",
    Severity.WARNING,
    "编号错误",
    "章节标题应编号为“一、”至“六、”，第一部分小标题和表三分组应编号为“（一）”等中文编号，且序号与格式一致。",
    "format",
    "spec §5.3 rule 11; spec §4.4 (Word 自动编号)",
)
def numbering(ctx: CheckContext) -> Iterator[Issue]:
    for label in _numbering_candidates(ctx):
        expected_text = _expected_numbering(ctx, label)
        if not expected_text:
            continue
        expected, _ = split_numbering(expected_text)
        written, _ = split_numbering(label.written)
        if expected is None:
            continue
        expected_text = shown(expected_text)[: len(expected.written)]
        what = _where(label)
        if written is None and label.match == "fuzzy":
            continue  # a fragment of a label wrapped in a PDF (「法提供」), not a heading without a number
        if written is None:
            yield Issue(f"{what}“{shown(label.written)}”没有编号，应编号为“{expected_text}”。", _location(label))
        elif written.style is not expected.style or written.value != expected.value:
            auto = written.style in (NumberStyle.DIGIT_PAREN, NumberStyle.DIGIT_COMMA)
            hint = "（疑为 Word 自动编号）" if auto else ""
            yield Issue(
                f"{what}“{shown(label.written)}”的编号“{shown(label.written)[: len(written.written)]}”有误{hint}，"
                f"应为“{expected_text}”。",
                _location(label),
            )


def _unresolved(ctx: CheckContext) -> list[LabelSeen]:
    labels = [lab for lab in ctx.report.labels if lab.match is None and fold(lab.written)]
    seen = {fold(lab.written) for lab in labels} | {
        fold(lab.written) for lab in ctx.report.labels if lab.kind == "heading"
    }
    for section in ctx.report.sections:
        if section.key is None and fold(section.heading) and fold(section.heading) not in seen:
            numbering, _ = split_numbering(section.heading)
            if numbering and numbering.style is NumberStyle.CN_COMMA:
                labels.append(LabelSeen("", "heading", section.heading, None, None, None, (), section.location))
    return labels


@rule(
    "FMT-LABEL-UNRESOLVED",
    Severity.WARNING,
    "无法识别的标签",
    "表格或章节中有标签不属于格式规定的任何一项，可能是改写、增加或严重错字，相应数字无法核对。",
    "format",
    "spec §5.3 rule 11; spec §4.3 (地方增加的行列)",
)
def label_unresolved(ctx: CheckContext) -> Iterator[Issue]:
    for label in _unresolved(ctx):
        yield Issue(f"{_where(label)}“{shown(label.written)}”不是格式规定的标签，无法识别。", _location(label))


def _extended_or_cut(label: LabelSeen) -> bool:
    """A label that only adds words to the canonical one (政府信息公开监督保障情况) or is a
    piece of it (「法提供」, cut by a line wrap in a PDF): a wording, not a misspelling."""
    written, canonical = body_key(label.written), body_key(label.canonical or "")
    return bool(written and canonical) and (canonical in written or written in canonical)


@rule(
    "FMT-LABEL-VARIANT",
    Severity.NOTICE,
    "标签有错字或改写",
    "标签与格式规定的写法不一致（错字、漏字或改写），已按最接近的规定标签识别，建议改为规定写法。",
    "format",
    "spec §4.4 (已见的标签错误)",
)
def label_variant(ctx: CheckContext) -> Iterator[Issue]:
    for label in ctx.report.labels:
        if label.match in ("alias", "fuzzy") and label.canonical and not _extended_or_cut(label):
            yield Issue(
                f"{_where(label)}“{shown(label.written)}”与格式规定的“{label.canonical}”不一致，应改为规定写法。",
                _location(label),
            )
