"""Text extracted from a PDF column by column (pdfminer's layout analysis).

Every text box comes out on its own, separated by blank lines, and a table's cells come
out in reading order of boxes: first a run of row labels, then the column headers, then
the numbers of the first column for those rows, then the second column's, and so on.
Where a table runs over a page, the next run of labels and numbers follows.

Within a table region a *chunk* is a run of label lines followed by a run of number
lines. The label lines are split into rows with the format's labels (a wrapped label is
joined with the lines that complete it; pieces of vertical or group labels are left
out); when the numbers fill exactly the rows waiting for them, they are put back in
place column by column. When the counts do not fit, the cells stay blank and a note
says so: the reader never guesses silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report.readers.assemble import (
    _T3_HEADER_KEYS,
    _TITLE,
    GROUP_INDEX,
    ROW_INDEXES,
    T2_COLUMNS,
    T3_GROUP_KEYS,
    T3_WIDTH,
    T4_WIDTH,
    RowTarget,
)
from gongkai.report.readers.base import Block, Fragment, Note, TableBlock, TableRow, is_value_text
from gongkai.report.readers.pdf_text import (
    _BLOCK_HEADER,
    _INFO_CONTENT,
    Line,
    Region,
    column_header_fragments,
    content_lines,
    document_blocks,
    label_fragments,
    paragraphs,
    split_prose,
    split_values,
    starts_numbered,
)
from gongkai.statute import FORMATS, UnknownFormatError, format_for_year
from gongkai.statute.labels import LabelMatch, fold, label_key
from gongkai.statute.structure import Block as Art20Block
from gongkai.statute.structure import ReportFormat

_MIN_RUN = 10  # consecutive one-number lines that only a column-by-column table produces
_MAX_WRAP = 4  # continuation lines a wrapped row label may take
_TAIL = 12  # enough of a label's start to find it in a note


def looks_like_column_text(text: str) -> bool:
    """Long runs of lines holding a single number: table columns written one cell a line."""
    run = best = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        tokens = line.split()
        if len(tokens) == 1 and is_value_text(tokens[0]):
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best >= _MIN_RUN


def blocks(text: str, notes: list[Note] | None = None) -> list[Block]:
    notes = notes if notes is not None else []
    fmt = _format_of(text)

    def region_blocks(region: Region, width: int) -> list[Block]:
        return _region_blocks(region, width, fmt, notes)

    return document_blocks(text, region_blocks)


def _format_of(text: str) -> ReportFormat:
    """The format of the report's year: table 二's column count per row depends on it."""
    for line in content_lines(text)[:15]:
        match = _TITLE.search(fold(line.text))
        if match:
            try:
                return format_for_year(int(match["year"]))
            except UnknownFormatError:
                break
    return FORMATS[max(FORMATS)]


def _region_blocks(region: Region, width: int, fmt: ReportFormat, notes: list[Note]) -> list[Block]:
    result: list[Block] = []
    table_lines: list[Line] = []
    items = split_prose(region, width)
    for item in items:
        if isinstance(item, list):
            result.extend(paragraphs(item, width))
        else:
            table_lines.append(item)
    kind = region.table or _guess_kind(table_lines)
    if kind == "四":
        result.extend(_table_4(table_lines, notes))
    elif kind in ("二", "三"):
        result.extend(_ColumnTable(kind, fmt, notes).run(table_lines))
    return result


def _guess_kind(lines: list[Line]) -> str | None:
    numbers = sum(len(split_values(line.text)[1]) for line in lines if not split_values(line.text)[0])
    scores = {
        table: sum(1 for line in lines if ROW_INDEXES[table].match(line.text, fuzzy=False)) for table in ("二", "三")
    }
    if scores["三"] >= 3 and scores["三"] > scores["二"]:
        return "三"
    if scores["二"] >= 1 and scores["二"] > scores["三"]:
        return "二"
    return "四" if numbers == T4_WIDTH else None


def _table_4(lines: list[Line], notes: list[Note]) -> list[Block]:
    """Table 四 has one row of numbers: the header lines, then all numbers in order.

    When the numbers come in several runs between header pieces, the layout analysis has
    interleaved the columns and their order is not known: they are taken only if each
    group's 总计 is the sum of its four results, as it must be in that order."""
    header: list[Fragment] = []
    values: list[Fragment] = []
    runs = 0
    in_run = False
    for line in lines:
        label, cells = split_values(line.text)
        if label:
            header.append(Fragment(label, line.location))
        elif cells and not in_run:
            runs += 1
        in_run = bool(cells) and not label
        values.extend(Fragment(v, line.location) for v in cells)
    if not header and not values:
        return []
    if runs > 1 and not _t4_sums_hold(values):
        notes.append(Note("warning", f"表四的 {len(values)} 个数值被表头文字分隔成 {runs} 段，顺序无法确定，已留空。",
                          values[0].location))
        values = []
    block = TableBlock(hint="四", location=lines[0].location)
    if header:
        block.rows.append(TableRow(header, [], header[0].location))
    if values:
        block.rows.append(TableRow([], values, values[0].location))
    return [block]


def _t4_sums_hold(values: list[Fragment]) -> bool:
    numbers = [_number(v.text) for v in values]
    if len(numbers) != T4_WIDTH or any(n is None for n in numbers):
        return False
    groups = [numbers[i : i + 5] for i in range(0, T4_WIDTH, 5)]
    return all(sum(g[:4]) == g[4] for g in groups)  # type: ignore[arg-type]


@dataclass
class _Waiting:
    """A row whose label has been read and whose numbers have not come yet."""

    fragments: list[Fragment]
    target: RowTarget
    canonical: str
    columns: int  # how many numbers the row takes
    block: str  # table 二: the Art. 20 block label; table 三: ""


class _ColumnTable:
    def __init__(self, table: str, fmt: ReportFormat, notes: list[Note]) -> None:
        self.table = table
        self.fmt = fmt
        self.notes = notes
        self.index = ROW_INDEXES[table]
        self.waiting: list[_Waiting] = []
        self.fresh = 0
        self.misaligned = False
        self.column_labels: list[Fragment] = []  # table 二 column headers, in order
        self.block_written: dict[str, Fragment] = {}  # table 二 block label key -> as written
        self.blocks: list[TableBlock] = []
        self.main = TableBlock(hint=table)

    # chunks ----------------------------------------------------------------------------

    def run(self, lines: list[Line]) -> list[Block]:
        labels: list[Line] = []
        numbers: list[Fragment] = []
        for line in lines:
            label, values = split_values(line.text)
            if values and not label:
                numbers.extend(Fragment(v, line.location) for v in values)
                continue
            if numbers:
                self._chunk(labels, numbers)
                labels, numbers = [], []
            if values:
                # A whole row on one line (row-by-row text inside a column layout).
                self._chunk(labels, [])
                labels = []
                self._direct_row(line, label, values)
                continue
            labels.append(line)
        self._chunk(labels, numbers)
        if self.waiting:
            names = "、".join(w.canonical for w in self.waiting)
            self.notes.append(Note("warning", f"表{self.table}中找到了行“{names}”，但没有找到对应的数值，已留空。",
                                   self.waiting[0].fragments[0].location))
            self._emit(self.waiting, None)
            self.waiting = []
        # Table 三 is one block; table 二 is one block per Art. 20 item, each with its own
        # header, so that the assembler never applies one block's columns to another's rows.
        return [self.main] if self.main.rows else list(self.blocks)

    def _chunk(self, labels: list[Line], numbers: list[Fragment]) -> None:
        self.fresh = len(self.waiting)  # rows before this index came with an earlier chunk
        self._segment(labels)
        if numbers:
            self._fill(numbers)

    def _direct_row(self, line: Line, label: str, values: list[str]) -> None:
        row = TableRow(label_fragments(label, line.location), [Fragment(v, line.location) for v in values],
                       line.location)
        if self.table == "二":
            found = self.index.match(label, fuzzy=False)
            block = self._block_of(found.target.key, found.target.formats) if found else None
            self.blocks.append(self._t2_block(block, [row]))
        else:
            self.main.rows.append(row)

    # labels into rows --------------------------------------------------------------

    def _segment(self, lines: list[Line]) -> None:
        # 「（四）无法提供 1.本机关不掌握相关政府信息」: a group label and a row label in one box.
        lines = [Line(f.text, line.number) for line in lines for f in label_fragments(line.text, line.location)]
        i = 0
        while i < len(lines):
            if self.table == "二" and self._t2_header(lines[i]):
                i += 1
                continue
            found = self._row_at(lines, i)
            if found is None:
                i += 1  # a piece of a group label, vertical text or a column header
                continue
            taken, match = found
            fragments = [Fragment(line.text, line.location) for line in lines[i : i + taken]]
            key, formats = match.target.key, match.target.formats
            if self.table == "二":
                block = self._block_of(key, formats)
                columns = len(block.columns) if block else 0
                block_label = block.label if block else ""
            else:
                columns, block_label = T3_WIDTH, ""
            self.waiting.append(_Waiting(fragments, match.target, match.canonical, columns, block_label))
            i += taken

    def _row_at(self, lines: list[Line], i: int) -> tuple[int, LabelMatch[RowTarget]] | None:
        """The row label starting at line i, with the continuation lines it needs."""
        first = lines[i].text
        numbered = starts_numbered(first)
        if not numbered and label_key(first) in _T3_HEADER_KEYS and self.table == "三":
            return None  # 总计 and 其他 are also column headers
        candidates: list[str] = []
        for k in range(_MAX_WRAP + 1):
            if i + k >= len(lines):
                break
            text = lines[i + k].text
            if k and (starts_numbered(text) or _BLOCK_HEADER.match(fold(text))):
                break
            candidates.append((candidates[-1] if candidates else "") + text)
        best: tuple[int, LabelMatch[RowTarget]] | None = None
        for taken, joined in enumerate(candidates, start=1):
            match = self.index.match(joined, fuzzy=False)
            if match is not None:
                best = (taken, match)  # the longest label that names a row
        if best is not None or not numbered:
            return best
        # A damaged label: the closest row, but never a group label.
        for taken, joined in enumerate(candidates, start=1):
            if GROUP_INDEX.match(joined, fuzzy=False) is not None or len(label_key(joined)) < 6:
                continue
            match = self.index.match(joined, fuzzy=True)
            if match is not None and (best is None or match.score > best[1].score):
                best = (taken, match)
        return best

    def _t2_header(self, line: Line) -> bool:
        folded = fold(line.text)
        if _BLOCK_HEADER.match(folded):
            found = GROUP_INDEX.match(line.text)
            if found is not None:
                self.block_written.setdefault(label_key(found.canonical), Fragment(line.text, line.location))
            return True
        fragments = column_header_fragments(line.text, line.location)
        known = [f for f in fragments if T2_COLUMNS.match(f.text, fuzzy=False)]
        if not known or len(known) + sum(1 for f in fragments if label_key(f.text) == _INFO_CONTENT) < len(
            fragments
        ):
            return False
        self.column_labels.extend(known)
        return True

    def _block_of(self, key: str, formats: tuple[str, ...]) -> Art20Block | None:
        fmt = self.fmt if self.fmt.id in formats or not formats else FORMATS[formats[0]]
        for block in fmt.table("二").blocks:
            if any(row.key == key for row in block.rows):
                return block
        return None

    # numbers into cells ------------------------------------------------------------

    def _fill(self, numbers: list[Fragment]) -> None:
        count = len(numbers)
        where = numbers[0].location
        if not self.waiting:
            self.notes.append(Note("warning", f"表{self.table}中有 {count} 个数值没有对应的行标签，已忽略。", where))
            # Numbers before any label: this text writes numbers ahead of their labels, so
            # the rows that follow cannot be matched to the runs after them either.
            self.misaligned = True
            return
        if self.misaligned:
            names = "、".join(w.canonical for w in self.waiting)
            message = f"表{self.table}中数值与行标签的先后顺序不一致，行“{names}”无法确定数值，已留空。"
            self.notes.append(Note("warning", message, where))
            self._emit(self.waiting, None)
            self.waiting = []
            return
        if self.table == "二":
            self._fill_t2(numbers)
            return
        rows = self.waiting
        if count != T3_WIDTH * len(rows):
            # （六）其他处理 is a row in the 2019 format and a group label in 2021: when the
            # counts fit only without it, it is the group label of the rows below it.
            core = [w for w in rows if label_key(w.canonical) not in T3_GROUP_KEYS]
            if len(core) < len(rows) and count == T3_WIDTH * len(core):
                rows = core
        if count != T3_WIDTH * len(rows):
            self.notes.append(Note(
                "warning",
                f"表三按列输出的文本中，{len(self.waiting)} 行（从“{self.waiting[0].canonical[:_TAIL]}”起）"
                f"找到 {count} 个数值，不等于 {T3_WIDTH}×{len(self.waiting)}，无法确定各单元格，这些行已留空。",
                where,
            ))
            self._emit(self.waiting, None)
        else:
            self._emit(rows, self._arrange(numbers, len(rows), T3_WIDTH))
        self.waiting = []

    def _arrange(self, numbers: list[Fragment], rows: int, columns: int) -> list[list[Fragment]]:
        """Column by column, as the layout writes them.

        pdfminer orders a table's columns by its own layout analysis, which may put the 总计
        column before 其他, or (rarely) write the numbers row by row. In table 三 the 总计
        column is the sum of the six others, so the arrangement is checked against that:
        another arrangement is taken only when the sums hold in more rows, and then a note
        says so, because the order of the six applicant columns cannot be checked."""
        by_column = [[numbers[c * rows + r] for c in range(columns)] for r in range(rows)]
        if self.table != "三" or rows < 2:
            return by_column
        best, best_held, reason = by_column, _sums_hold(by_column), ""
        # Nearest the written order first: when the natural-person column equals the total
        # (every applicant a natural person) the sums cannot tell the two apart.
        for total in range(columns - 2, -1, -1):
            order = [c for c in range(columns) if c != total] + [total]
            moved = [[row[c] for c in order] for row in by_column]
            held = _sums_hold(moved)
            if held > best_held:
                best, best_held = moved, held
                reason = (f"按列输出的第 {total + 1} 列数值才是各行的总计（依据合计关系判断），已移到总计列；"
                          "其余各列按输出顺序读取，请核对")
        by_row = [numbers[r * columns : (r + 1) * columns] for r in range(rows)]
        if _sums_hold(by_row) > best_held:
            best, reason = by_row, "数值按行而不是按列排列（依据各行总计列的合计关系判断）"
        if reason:
            first = self.waiting[0].canonical[:_TAIL] if self.waiting else ""
            self.notes.append(Note("warning", f"表三从“{first}”起的 {rows} 行：{reason}。", numbers[0].location))
        return best

    def _fill_t2(self, numbers: list[Fragment]) -> None:
        """Table 二's blocks take their numbers block by block: the run may end at a block
        boundary with later blocks still waiting for their own run."""
        runs = _block_runs(self.waiting)
        # Rows left from an earlier chunk may take this run, or the run may be the new rows'
        # own, their numbers written after their labels: when both fit, nothing is guessed.
        ambiguous = 0 < self.fresh < len(self.waiting) and _fits(_block_runs(self.waiting[self.fresh :]), numbers)
        needed = 0
        for taken, run in enumerate(runs, start=1):
            needed += len(run) * run[0].columns
            if needed == len(numbers) and not ambiguous:
                start = 0
                for run_rows in runs[:taken]:
                    size = len(run_rows) * run_rows[0].columns
                    cells = self._arrange(numbers[start : start + size], len(run_rows), run_rows[0].columns)
                    self._emit(run_rows, cells)
                    start += size
                self.waiting = [w for run_rows in runs[taken:] for w in run_rows]
                return
            if needed > len(numbers):
                break
        names = "、".join(w.canonical for w in self.waiting)
        self.notes.append(Note(
            "warning",
            f"表二按列输出的文本中，行“{names}”找到 {len(numbers)} 个数值，与这些行应有的单元格数不符，"
            "无法确定各单元格，已留空。",
            numbers[0].location,
        ))
        self._emit(self.waiting, None)
        self.waiting = []

    def _emit(self, rows: list[_Waiting], cells: list[list[Fragment]] | None) -> None:
        if self.table == "三":
            for i, waiting in enumerate(rows):
                values = cells[i] if cells is not None else _blank(waiting)
                self.main.rows.append(TableRow(waiting.fragments, values, waiting.fragments[0].location))
            return
        start = 0
        while start < len(rows):
            end = start
            while end < len(rows) and rows[end].block == rows[start].block:
                end += 1
            table_rows = [
                TableRow(w.fragments, cells[start + i] if cells is not None else _blank(w), w.fragments[0].location)
                for i, w in enumerate(rows[start:end])
            ]
            block = self._block_of(rows[start].target.key, rows[start].target.formats)
            self.blocks.append(self._t2_block(block, table_rows))
            start = end

    def _t2_block(self, block: Art20Block | None, table_rows: list[TableRow]) -> TableBlock:
        """One Art. 20 block: its header as written, its column labels when the ones read
        so far are this block's, and its rows."""
        result = TableBlock(hint="二", location=table_rows[0].location)
        if block is not None:
            written = self.block_written.get(label_key(block.label))
            if written is not None:
                result.rows.append(TableRow([written], [], written.location))
            keys = [c.key for c in block.columns]
            head = self.column_labels[: len(keys)]
            matched = [T2_COLUMNS.match(f.text, fuzzy=False) for f in head]
            if len(head) == len(keys) and [m.target.key if m else None for m in matched] == keys:
                del self.column_labels[: len(keys)]
                info = Fragment("信息内容", head[0].location)
                result.rows.append(TableRow([info, *head], [], head[0].location))
        result.rows.extend(table_rows)
        return result


def _block_runs(rows: list[_Waiting]) -> list[list[_Waiting]]:
    """Consecutive rows of the same Art. 20 block."""
    runs: list[list[_Waiting]] = []
    for waiting in rows:
        if runs and runs[-1][0].block == waiting.block:
            runs[-1].append(waiting)
        else:
            runs.append([waiting])
    return runs


def _fits(runs: list[list[_Waiting]], numbers: list[Fragment]) -> bool:
    needed = 0
    for run in runs:
        needed += len(run) * run[0].columns
        if needed == len(numbers):
            return True
    return False


def _blank(waiting: _Waiting) -> list[Fragment]:
    location = waiting.fragments[0].location
    return [Fragment("", location) for _ in range(max(1, waiting.columns))]


def _sums_hold(rows: list[list[Fragment]]) -> int:
    held = 0
    for values in rows:
        numbers = [_number(v.text) for v in values]
        if all(n is not None for n in numbers) and sum(numbers[:-1]) == numbers[-1]:  # type: ignore[arg-type]
            held += 1
    return held


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None

