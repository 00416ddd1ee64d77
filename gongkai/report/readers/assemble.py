"""From paragraphs and table rows to an ``AnnualReport``: the part common to every layout.

It finds the title (agency and year), the preamble and the six sections, decides which
table each table block is, resolves each row's label to a row of the format, and stores
the values by position. Every label is recorded as written (``LabelSeen``) with the
formats it belongs to, so that the checks can see typos, misnumbering and a mixture of
the 2019 and 2021 formats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report.model import AnnualReport, Cell, CellState, LabelSeen, Location, ReportMeta, Section
from gongkai.report.readers.base import (
    Block,
    Fragment,
    NotAReportError,
    Note,
    Paragraph,
    TableBlock,
    TableRow,
    is_blank_text,
    is_value_text,
)
from gongkai.statute import FORMATS, UnknownFormatError, format_for_year
from gongkai.statute.labels import LabelIndex, MatchKind, NumberStyle, fold, label_key, split_numbering
from gongkai.statute.structure import Column, Heading, Unit

TITLE_SUFFIX = next(iter(FORMATS.values())).title_suffix
_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*" + TITLE_SUFFIX)
_YEAR_ANY = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_CATEGORY_TOTAL = re.compile(r"主动公开[^\d]{0,12}(\d+)\s*[条件个篇]")


# --- label indexes built once from the formats ------------------------------------------


@dataclass(frozen=True)
class RowTarget:
    table: str
    key: str
    formats: tuple[str, ...]


def _formats_with(predicate) -> tuple[str, ...]:
    return tuple(f.id for f in FORMATS.values() if predicate(f))


def _build_row_indexes() -> dict[str, LabelIndex[RowTarget]]:
    """One index per table over the rows of every format. A label's target lists the
    formats whose own label it is: 规范性文件 belongs to 2019 only, 行政规范性文件 to 2021."""
    indexes: dict[str, LabelIndex[RowTarget]] = {}
    for table_key in ("二", "三"):
        owners: dict[tuple[str, str], list[str]] = {}
        aliases: dict[tuple[str, str], tuple[str, ...]] = {}
        for fmt in FORMATS.values():
            for row in fmt.table(table_key).rows:
                entry = (row.key, label_key(row.label))
                owners.setdefault(entry, []).append(fmt.id)
                aliases.setdefault(entry, (row.label, *row.aliases))
        index: LabelIndex[RowTarget] = LabelIndex()
        for (key, _), formats in owners.items():
            label, *rest = aliases[(key, _)]
            index.add(RowTarget(table_key, key, tuple(formats)), label, rest)
        indexes[table_key] = index
    return indexes


def _build_group_index() -> LabelIndex[str]:
    index: LabelIndex[str] = LabelIndex()
    for fmt in FORMATS.values():
        for group in fmt.table("三").groups:
            index.add(group, group)
        for block in fmt.table("二").blocks:
            index.add(block.label, block.label)
    return index


@dataclass(frozen=True)
class ColumnTarget:
    key: str
    formats: tuple[str, ...]
    unit: Unit


def _build_t2_column_index() -> LabelIndex[ColumnTarget]:
    index: LabelIndex[ColumnTarget] = LabelIndex(fuzzy_threshold=0.75)
    for fmt in FORMATS.values():
        for block in fmt.table("二").blocks:
            for column in block.columns:
                owners = _formats_with(
                    lambda f, lab=column.label: any(
                        label_key(c.label) == label_key(lab) for b in f.table("二").blocks for c in b.columns
                    )
                )
                index.add(ColumnTarget(column.key, owners, column.unit), column.label, column.aliases)
    return index


def _build_heading_index(heads_of) -> LabelIndex[Heading]:
    index: LabelIndex[Heading] = LabelIndex(fuzzy_threshold=0.75)
    for fmt in FORMATS.values():
        for heading in heads_of(fmt):
            index.add(heading, heading.label, heading.aliases)
    return index


ROW_INDEXES = _build_row_indexes()
GROUP_INDEX = _build_group_index()
T2_COLUMNS = _build_t2_column_index()
SECTION_INDEX = _build_heading_index(lambda f: f.sections)
SUBHEAD_INDEX = _build_heading_index(lambda f: f.overview_heads)
T3_GROUP_KEYS = {label_key(g) for f in FORMATS.values() for g in f.table("三").groups}
T4_WIDTH = len(next(iter(FORMATS.values())).table("四").columns)
T3_WIDTH = len(next(iter(FORMATS.values())).table("三").columns)
_NOISE_RESULTS = label_key("三、本年度办理结果")
_T3_HEADER_KEYS = {
    label_key(text)
    for f in FORMATS.values()
    for column in f.table("三").columns
    for text in (column.label, *column.group)
} | {label_key(t) for f in FORMATS.values() for t in f.table("三").header_labels}
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b]+")
_MATCH_VALUES = {kind: kind.value for kind in MatchKind}  # an Enum's .value is a slow property


def _cell_units() -> dict[str, dict[str, dict[tuple[str, str], Unit]]]:
    """Per format and table, (row key, column key) -> unit of every cell the format has:
    what ``spec.column(column, spec.row(row)).unit`` finds, looked up once."""
    units: dict[str, dict[str, dict[tuple[str, str], Unit]]] = {}
    for fmt in FORMATS.values():
        for table_key, spec in fmt.tables.items():
            cells = units.setdefault(fmt.id, {}).setdefault(table_key, {})
            for row, column in spec.cells():
                cells.setdefault((row.key, column.key), column.unit)
    return units


_CELL_UNITS = _cell_units()


def squash(text: str) -> str:
    """Text without white space, otherwise as written (for recording labels)."""
    return _SPACES.sub("", text)


# --- label resolution ------------------------------------------------------------------


def _looks_like_agency(text: str) -> bool:
    """A line that can be an agency's name above the title: short, no sentence, no breadcrumb."""
    folded = fold(text)
    return 2 <= len(folded) <= 40 and not re.search(r"[。，,;；>＞»/|]|首页|当前位置", folded)


def resolve_row(table: str, fragments: list[Fragment]) -> tuple[RowTarget, MatchKind, str, str] | None:
    """Find the row a run of label fragments names.

    The fragments may carry a group label, vertical text such as 三、本年度办理结果 written
    one character per line, or a label wrapped over several pieces. The row label is the
    longest suffix of the joined text that names a row; what precedes it is returned as
    the prefix so that group labels can be recorded too.
    """
    if len(fragments) == 1:  # most rows: one label, no generator
        text = fold(fragments[0].text)
        if not text:
            return None
        texts: tuple[str, ...] = (text,)
    else:
        texts = tuple(t for t in (fold(f.text) for f in fragments) if t)
        if not texts:
            return None
    key = (table, texts)
    try:
        return _RESOLVED[key]
    except KeyError:
        pass
    if len(_RESOLVED) > 50_000:
        _RESOLVED.clear()
    found = _RESOLVED[key] = _resolve_texts(ROW_INDEXES[table], texts)
    return found


_RESOLVED: dict[tuple[str, tuple[str, ...]], tuple[RowTarget, MatchKind, str, str] | None] = {}


def _resolve_texts(
    index: LabelIndex[RowTarget], texts: tuple[str, ...]
) -> tuple[RowTarget, MatchKind, str, str] | None:
    joined = "".join(texts)
    # Candidate split points: fragment boundaries and every numbering inside the text.
    starts = {0}
    pos = 0
    for text in texts[:-1]:
        pos += len(text)
        starts.add(pos)
    for match in re.finditer(r"\(?[一二三四五六七八九十\d]{1,2}[)、.．]", joined):
        starts.add(match.start())
    for start in sorted(starts):
        found = index.match(joined[start:], fuzzy=False)
        if found:
            return found.target, found.kind, found.canonical, joined[:start]
    # Longest suffix that is a row's label: handles a group label glued on without a break.
    for start in range(len(joined)):
        found = index.match(joined[start:], fuzzy=False)
        if found:
            return found.target, found.kind, found.canonical, joined[:start]
    # A damaged label: the best fuzzy candidate, the shorter one on a tie.
    best = None
    for start in sorted(starts):
        found = index.match(joined[start:], fuzzy=True)
        if found and (best is None or found.score >= best[0].score):
            best = (found, start)
    if best is None:
        return None
    found, start = best
    return found.target, found.kind, found.canonical, joined[:start]


def _strip_vertical_results(prefix: str) -> str:
    """Remove 三、本年度办理结果 (often written vertically) from a row's prefix."""
    key = label_key(prefix)
    if key.startswith(_NOISE_RESULTS):
        return key[len(_NOISE_RESULTS) :]
    return key


# --- assembly ---------------------------------------------------------------------------


class Assembler:
    def __init__(self, blocks: list[Block], layout: str, source_name: str = "") -> None:
        self.blocks = blocks
        self.report = AnnualReport(meta=ReportMeta(source_name=source_name, source_layout=layout))
        self.notes: list[Note] = []
        self.recent_paragraphs: list[str] = []  # a caption may sit a few lines above its table

    # title, preamble, sections ------------------------------------------------------

    def run(self) -> tuple[AnnualReport, list[Note]]:
        paragraphs_before: list[Paragraph] = []
        current: Section | None = None
        body: list[str] = []
        table_of_section = {"proactive": "二", "applications": "三", "appeals": "四"}
        title_found = False
        for block in self.blocks:
            if isinstance(block, TableBlock):
                hint = block.hint or (table_of_section.get(current.key) if current and current.key else None)
                self._table(block, hint)
                continue
            text = block.text.strip()
            if not text:
                continue
            self.recent_paragraphs = [*self.recent_paragraphs[-5:], text]
            heading = self._section_heading(block)
            if heading is not None:
                if current is not None:
                    current.text = "\n".join(body).strip()
                elif not title_found:
                    title_found = self._title(paragraphs_before)
                current = heading
                self.report.sections.append(current)
                body = []
                continue
            if current is None:
                paragraphs_before.append(block)
            else:
                self._subhead(block)
                body.append(text)
        if current is not None:
            current.text = "\n".join(body).strip()
        if not title_found:
            self._title(paragraphs_before)
        self._meta()
        self._categories()
        self._finish_tables()
        return self.report, self.notes

    def _title(self, paragraphs: list[Paragraph]) -> bool:
        """Find 「机关 + YYYY年政府信息公开工作年度报告」 among the leading paragraphs.

        The title may be one line, two lines (agency, then year and suffix), or wrapped at
        any character; the smallest run of up to three paragraphs holding it is taken.
        """
        for end in range(len(paragraphs)):
            for start in range(end, max(-1, end - 3), -1):
                joined = "".join(fold(p.text) for p in paragraphs[start : end + 1])
                match = _TITLE.search(joined)
                if match:
                    break
            else:
                continue
            agency = joined[: match.start()]
            if not agency and start > 0 and _looks_like_agency(paragraphs[start - 1].text):
                start -= 1
                agency = fold(paragraphs[start].text)
            agency = re.sub(r"关于$", "", agency).strip("：:")
            self.report.meta.agency = agency
            self.report.meta.year = int(match["year"])
            self.report.meta.title = agency + joined[match.start() : match.end()]
            preamble = [p.text.strip() for p in paragraphs[end + 1 :]]
            self.report.preamble = "\n".join(p for p in preamble if p)
            return True
        self.report.preamble = "\n".join(p.text.strip() for p in paragraphs if p.text.strip())
        return False

    def _section_heading(self, para: Paragraph) -> Section | None:
        text = fold(para.text)
        numbering, rest = split_numbering(text)
        if numbering is None or (numbering.style is NumberStyle.CN_PAREN and numbering.value > 6):
            return None
        if len(rest) > 30 or not rest:
            return None
        rest = rest.rstrip("。.:：")
        found = SECTION_INDEX.match(rest)
        if found is None:
            return None
        # 一、本年新收… and 四、结转下年度… are table rows, not sections: the index would not
        # match them, but a section title repeated inside a table cell must not start a section.
        heading = found.target
        self.report.labels.append(
            LabelSeen("", "heading", para.text.strip(), heading.key, heading.label, found.kind.value,
                      tuple(FORMATS), para.location)
        )
        return Section(heading.key, para.text.strip(), "", para.location)

    def _subhead(self, para: Paragraph) -> None:
        section = self.report.sections[-1] if self.report.sections else None
        if section is None or section.key != "overview":
            return
        text = fold(para.text)
        numbering, rest = split_numbering(text)
        if numbering is None:
            return
        title = re.split(r"[。.:：]", rest, maxsplit=1)[0]
        if not title or len(title) > 20:
            return
        found = SUBHEAD_INDEX.match(title)
        if found is None:
            return
        written = numbering.written + title
        self.report.labels.append(
            LabelSeen("", "subhead", written, found.target.key, found.target.label, found.kind.value,
                      tuple(FORMATS), para.location)
        )

    def _meta(self) -> None:
        meta = self.report.meta
        if meta.year is None:
            period = _PERIOD.search(fold(self.report.preamble))
            if period:
                meta.year = int(period.group(1))
                self.notes.append(Note("info", f"标题中未找到年度，按统计期限取 {meta.year} 年。"))
        fmt_id = None
        if meta.year is not None:
            try:
                fmt_id = format_for_year(meta.year).id
            except UnknownFormatError as exc:
                self.notes.append(Note("warning", str(exc)))
        if fmt_id is None:
            fmt_id = self._format_from_labels()
        meta.format_id = fmt_id
        if meta.agency:
            if meta.agency.endswith(("人民政府", "政府")) and "办公" not in meta.agency[-6:]:
                meta.agency_level = "government"
            elif re.search(r"(乡|镇|街道)(人民政府|办事处)?$", meta.agency):
                meta.agency_level = "township"
            else:
                meta.agency_level = "department"

    def _format_from_labels(self) -> str | None:
        votes: dict[str, int] = {}
        for label in self.report.labels:
            if label.key and label.formats and len(label.formats) < len(FORMATS):
                for f in label.formats:
                    votes[f] = votes.get(f, 0) + 1
        if votes:
            chosen = max(votes, key=votes.__getitem__)
            self.notes.append(Note("warning", f"未能确定报告年度，按表格标签判断为 {chosen} 年版格式。"))
            return chosen
        if self.report.tables:
            return max(FORMATS)
        return None

    def _categories(self) -> None:
        match = _CATEGORY_TOTAL.search(fold(self.report.text)) if self.report.categories else None
        if self.report.categories and self.report.categories_total is None:
            self.report.categories_total = int(match.group(1)) if match else sum(self.report.categories.values())

    # tables --------------------------------------------------------------------------

    def _table(self, block: TableBlock, hint: str | None) -> None:
        classified, confident = self._classify(block)
        table = block.hint or (classified if confident else None) or hint or classified
        if table is None:
            if self._category_rows(block):
                return
            self.notes.append(Note("warning", "有一个表格无法识别为表二、表三或表四，已跳过。", block.location))
            return
        if table == "四":
            self._table_4(block)
        elif table == "二":
            self._table_2(block)
        else:
            self._table_3(block)

    def _classify(self, block: TableBlock) -> tuple[str | None, bool]:
        """Which table a block is by its row labels, and whether that is clear-cut."""
        scores = {"二": 0, "三": 0}
        for row in block.rows:
            if not row.labels or not row.values:
                continue
            for table in scores:
                if resolve_row(table, row.labels[-2:]) is not None:
                    scores[table] += 1
        best = max(scores, key=scores.__getitem__)
        if scores[best] and scores["二"] != scores["三"]:
            return best, scores[best] >= 3
        if any(len(r.values) >= T4_WIDTH for r in block.rows):
            return "四", True
        return None, False

    def _category_rows(self, block: TableBlock) -> bool:
        """主动公开 counts by category, as the example ends with, in any of three shapes."""
        # The 「主动公开N条」 line is in the table (Word text) or just above it (a caption).
        nearby = [*self.recent_paragraphs, *(r.label_text for r in block.rows)]
        total = _CATEGORY_TOTAL.search(fold(" ".join(nearby)))
        # A single category is only taken as one under a 「主动公开N条」 line.
        least = 1 if total is not None else 2
        # One category per row: 「名称 | 条数」 under an optional header row (our HTML and PDF).
        pairs = [(r.labels, [v for v in r.values if v.text.strip()]) for r in block.rows]
        body = [(labels[0].text.strip(), values[0].text.strip()) for labels, values in pairs
                if len(labels) == 1 and len(values) == 1 and is_value_text(values[0].text)]
        headers = [labels for labels, values in pairs if labels and not values]
        if len(body) >= least and len(body) + len(headers) == len(block.rows) and len(headers) <= 1:
            return self._set_categories([n for n, _ in body], [v for _, v in body], total)
        # Names then as many counts in one row (the example's Word text).
        for row in block.rows:
            names = [f.text.strip() for f in row.labels if f.text.strip()]
            numbers = [f.text.strip() for f in row.values if f.text.strip()]
            if len(names) >= least and len(names) == len(numbers) and all(is_value_text(n) for n in numbers):
                return self._set_categories(names, numbers, total)
        # A header row of names, then a row of counts.
        for head, values in zip(block.rows, block.rows[1:], strict=False):
            names = [f.text.strip() for f in head.labels if f.text.strip()]
            numbers = [f.text.strip() for f in values.values if f.text.strip()]
            header_only = not any(v.text.strip() for v in head.values) and not values.labels
            counted = len(names) == len(numbers) and all(is_value_text(n) for n in numbers)
            if len(names) >= least and header_only and counted:
                return self._set_categories(names, numbers, total)
        return False

    def _set_categories(self, names: list[str], numbers: list[str], total: re.Match | None) -> bool:
        self.report.categories = {n: int(v) for n, v in zip(names, numbers, strict=True)}
        if total:
            self.report.categories_total = int(total.group(1))
        return True

    def _record(self, table: str, kind: str, written: str, key: str | None, canonical: str | None,
                match: MatchKind | None, formats: tuple[str, ...], location: Location | None) -> None:
        self.report.labels.append(
            LabelSeen(table, kind, written, key, canonical, _MATCH_VALUES[match] if match else None, formats, location)
        )

    def _store(self, table: str, row: str, column: str, fragment: Fragment, unit: Unit) -> None:
        cells = self.report.tables.setdefault(table, {})
        existing = cells.get((row, column))
        if existing is not None and not existing.is_blank and is_blank_text(fragment.text):
            return
        cells[row, column] = Cell(fragment.text.strip(), fragment.location, unit)

    def _store_row(self, table: str, row: str, columns: Sequence[Column], fragments: Sequence[Fragment]) -> None:
        """``_store`` for a row of cells, column by column (as many of each)."""
        cells = self.report.tables.setdefault(table, {})
        for column, fragment in zip(columns, fragments, strict=True):
            key = (row, column.key)
            existing = cells.get(key)
            if existing is not None and existing.state is not CellState.BLANK and is_blank_text(fragment.text):
                continue
            cells[key] = Cell(fragment.text.strip(), fragment.location, column.unit)

    def _table_3(self, block: TableBlock) -> None:
        columns = next(iter(FORMATS.values())).table("三").columns
        for row in block.rows:
            if not row.labels or not row.values:
                continue  # header rows: the column order is fixed by the format
            if len(row.labels) >= 2 and sum(1 for f in row.labels if label_key(f.text) in _T3_HEADER_KEYS) >= 2:
                continue
            resolved = resolve_row("三", row.labels)
            if resolved is None:
                if row.values and any(not is_blank_text(v.text) for v in row.values):
                    self._record("三", "row", row.label_text, None, None, None, (), row.location)
                    self.notes.append(Note("warning", f"表三中无法识别的行“{row.label_text}”，其数据未读取。",
                                           row.location))
                continue
            target, kind, canonical, prefix = resolved
            self._record_groups(prefix, row)
            squashed = squash(row.label_text)
            written = (squashed if len(squashed) == len(fold(row.label_text)) else fold(row.label_text))[len(prefix):]
            self._record("三", "row", written or canonical, target.key, canonical, kind,
                         target.formats, row.location)
            if not row.values:
                continue
            values = row.values[-T3_WIDTH:]
            if len(values) < T3_WIDTH and all(is_blank_text(v.text) for v in values):
                continue  # a group header row
            if len(values) < T3_WIDTH:
                self.notes.append(Note("warning", f"表三“{canonical}”行只有 {len(values)} 个数值，"
                                                  f"应为 {T3_WIDTH} 个，无法确定各列，已留空。", row.location))
                continue
            self._store_row("三", target.key, columns, values)

    def _record_groups(self, prefix: str, row: TableRow) -> None:
        rest = _strip_vertical_results(prefix)
        if not rest:
            return
        found = GROUP_INDEX.match(rest, fuzzy=True)
        if found is not None and label_key(found.canonical) in T3_GROUP_KEYS:
            written = next((f.text for f in row.labels if fold(f.text) and fold(f.text) in fold(prefix)
                            and label_key(f.text) not in ("", _NOISE_RESULTS)), rest)
            self._record("三", "group", written.strip(), found.target, found.canonical, found.kind,
                         tuple(FORMATS), row.location)

    def _table_2(self, block: TableBlock) -> None:
        columns: list[tuple[str, ColumnTarget] | None] = []
        for row in block.rows:
            texts = [f.text for f in row.labels]
            # A block header: 第二十条第（X）项.
            if texts and any("第二十条" in fold(t) for t in texts) and not row.values:
                found = GROUP_INDEX.match(texts[0])
                self._record("二", "block", texts[0].strip(), found.target if found else None,
                             found.canonical if found else None, found.kind if found else None,
                             tuple(FORMATS), row.location)
                columns = []
                continue
            # A column header row: 信息内容 then the column labels.
            if texts and label_key(texts[0]) == label_key("信息内容"):
                columns = []
                for fragment in row.labels[1:]:
                    found = T2_COLUMNS.match(fragment.text)
                    self._record("二", "column", fragment.text.strip(), found.target.key if found else None,
                                 found.canonical if found else None, found.kind if found else None,
                                 found.target.formats if found else (), fragment.location)
                    columns.append((fragment.text, found.target) if found else None)
                continue
            if not row.labels:
                continue
            resolved = resolve_row("二", row.labels)
            if resolved is None:
                continue
            target, kind, canonical, _ = resolved
            self._record("二", "row", row.label_text.strip(), target.key, canonical, kind, target.formats,
                         row.location)
            values = [v for v in row.values]
            if not columns:
                columns = self._default_t2_columns(target.key)
            if len(values) > len(columns):
                values = values[-len(columns):] if columns else []
            for slot, fragment in zip(columns, values, strict=False):
                if slot is None:
                    continue
                self._store("二", target.key, slot[1].key, fragment, slot[1].unit)

    def _default_t2_columns(self, row_key: str) -> list[tuple[str, ColumnTarget] | None]:
        year = self.report.meta.year
        try:
            fmt = format_for_year(year) if year else FORMATS[max(FORMATS)]
        except UnknownFormatError:
            fmt = FORMATS[max(FORMATS)]
        table = fmt.table("二")
        try:
            row = table.row(row_key)
        except KeyError:
            return []
        result: list[tuple[str, ColumnTarget] | None] = []
        for column in table.columns_of(row):
            result.append((column.label, ColumnTarget(column.key, (fmt.id,), column.unit)))
        return result

    def _table_4(self, block: TableBlock) -> None:
        columns: tuple[Column, ...] = next(iter(FORMATS.values())).table("四").columns
        values: list[Fragment] = []
        for row in block.rows:
            if len(row.values) >= T4_WIDTH:
                values = row.values[-T4_WIDTH:]
        if not values:
            numbers = [v for row in block.rows for v in row.values if not is_blank_text(v.text)]
            if len(numbers) == T4_WIDTH:
                values = numbers
            elif numbers:
                self.notes.append(Note("warning", f"表四找到 {len(numbers)} 个数值，应为 {T4_WIDTH} 个，"
                                                  "无法确定各列，已留空。", block.location))
                return
        if values:
            self._store_row("四", "cases", columns[: len(values)], values[: len(columns)])

    def _finish_tables(self) -> None:
        fmt_id = self.report.meta.format_id
        if fmt_id is None:
            return
        fmt = FORMATS[fmt_id]
        # Units follow the report's format where the cell is one of its own.
        for table_key, cells in self.report.tables.items():
            units = _CELL_UNITS[fmt.id][table_key]
            for key, cell in cells.items():
                unit = units.get(key)
                if unit is not None and cell.unit is not unit:
                    cell.unit = unit


def assemble(blocks: list[Block], layout: str, source_name: str = "") -> tuple[AnnualReport, list[Note]]:
    report, notes = Assembler(blocks, layout, source_name).run()
    has_cells = any(report.tables.values())
    if not has_cells and len(report.sections) < 2:
        raise NotAReportError("这不是政府信息公开工作年度报告：既没有找到报告的章节标题，也没有找到表二、表三或表四。")
    if has_cells and all(c.is_blank for cells in report.tables.values() for c in cells.values()) and (
        not report.meta.agency or report.meta.year is None
    ):
        raise NotAReportError(
            "这是一份空白的年度报告模板（表格没有填写任何数字，也没有机关名称和年度），不是年度报告。"
        )
    return report, notes
