"""Flattened web text: a report page copied from a browser as one (or a few) long lines.

Headings, paragraphs and table cells run together, e.g. ``一、本年新收政府信息公开申请数量
640020470`` for the row 64|0|0|2|0|4|70. This front-end finds the section headings, the
title and the three tables in the stream by the labels of the formats (``gongkai.statute``),
reads each table row as its label and its run of digits, and recovers the cells with
``digit_split``: the splits that satisfy the row's own totals, narrowed for table 三 by the
column relations between rows. Cells that every surviving split agrees on are stored and
marked ``inferred``; the others are left blank, marked ``inferred`` too, and explained in
a note naming the row, the digits and some candidates. Nothing is guessed silently.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.report.model import AnnualReport, Location
from gongkai.report.readers.assemble import T2_COLUMNS, TITLE_SUFFIX, assemble, resolve_row
from gongkai.report.readers.base import Block, Fragment, Note, Paragraph, TableBlock, TableRow
from gongkai.report.readers.digit_split import (
    CARRIED_IN,
    CARRIED_OUT,
    MAX_CANDIDATES,
    NEW,
    OTHER,
    OUTCOME,
    TOTAL,
    Run,
    TooManyCandidates,
    solve_table_3,
    split_run,
)
from gongkai.statute import FORMATS, UnknownFormatError, format_for_year
from gongkai.statute.formats.common import T3_APPLICANTS, T3_HEAD_ROWS, T3_NOTE, T3_TAIL_ROWS, T4_RESULTS
from gongkai.statute.labels import fold
from gongkai.statute.structure import ReportFormat, Unit

LAYOUT = "flattened"

# Full-width ASCII and odd spaces to their plain forms, one character for one, so that
# offsets in the folded text are offsets in the source.
_FOLD_WIDTH = str.maketrans(
    {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " ", "\u00a0": " ", "\u200b": " ", "\ufeff": " "}
)
_QUOTE_CHARS = "\"'“”‘’「」『』"
_CHAR_CLASSES = {"、": "[、,;]", ",": "[、,;]", "，": "[、,;]", ";": "[、,;]", ":": ":", "(": r"\(", ")": r"\)"}


_WIDTH_CHARS = re.compile("[" + "".join(chr(c) for c in sorted(_FOLD_WIDTH)) + "]+")


@lru_cache(maxsize=8)
def _fold_width(text: str) -> str:
    # Detection and parsing fold the same text. translate() looks up every character of a
    # long Chinese text in its table; replacing just the few distinct characters the text
    # has (each by one ASCII character, never itself replaced) gives the same string.
    for ch in set("".join(_WIDTH_CHARS.findall(text))):
        text = text.replace(ch, _FOLD_WIDTH[ord(ch)])
    return text


def _label_pattern(label: str) -> str:
    """A regex for a label as it may be written in running text: any white space between
    characters, 「、」/「，」 interchangeable, quotes optional, brackets of either width."""
    parts = []
    for ch in fold(label):
        if ch in _QUOTE_CHARS:
            parts.append(f"[{re.escape(_QUOTE_CHARS)}]?")
        else:
            parts.append(_CHAR_CLASSES.get(ch, re.escape(ch)))
    return r"\s*".join(parts)


def _alternation(labels: Iterable[str]) -> re.Pattern[str]:
    unique = sorted({fold(lab) for lab in labels if fold(lab)}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_label_pattern(lab)})" for lab in unique))


# --- patterns built once from the formats ------------------------------------------------

_ALL = tuple(FORMATS.values())
_SECTIONS = {h.key: h for f in _ALL for h in f.sections}
_SECTION_ORDER = list(_SECTIONS)
# Section numbering: 一、 / 一. / 4、 (Word numbering survives copying) / （四）. A digit is
# matched alone so that the row of digits before a heading keeps its own digits.
_SECTION_NUMBER = r"(?:[一二三四五六七八九十]\s*[、.,]|[1-9]\s*[、.,]|\(\s*(?:[一二三四五六七八九十]|[1-9])\s*\))"
_SECTION_PATTERNS = {
    key: re.compile(_SECTION_NUMBER + r"\s*(?:" + _alternation((h.title, *h.aliases)).pattern + r")")
    for key, h in _SECTIONS.items()
}
_SECTION_NUMBER_AT = re.compile(f"(?={_SECTION_NUMBER})")
# Matches where any section's pattern matches (their alternation), so that most numberings
# (a list item, a decimal point) cost one attempt rather than one per section.
_ANY_SECTION = re.compile("|".join(f"(?:{p.pattern})" for p in _SECTION_PATTERNS.values()))
_SUBHEADS = _alternation(h.label for f in _ALL for h in f.overview_heads)
_NEW_ITEM = re.compile(r"(?<=[。；;!?！？])\s*(?=\(\s*[一二三四五六七八九十]{1,2}\s*\)|[一二三四五六七八九十]{1,2}、)")
_TITLE = re.compile(r"((?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*" + _label_pattern(TITLE_SUFFIX))
_TITLE_START = re.compile(r"[\s>|»›】\]。]")

_T2_BLOCKS = _alternation(b.label for f in _ALL for b in f.table("二").blocks)
_T2_HEADER = _alternation(lab for f in _ALL for lab in f.table("二").header_labels)
_T2_COLUMN_LABELS = _alternation(
    text for f in _ALL for b in f.table("二").blocks for c in b.columns for text in (c.label, *c.aliases)
)
_T3_HEADER = _alternation(
    [text for f in _ALL for text in f.table("三").header_labels]
    + [text for f in _ALL for c in f.table("三").columns for text in (c.label, *c.group)]
    + [f.table("三").title for f in _ALL]
)
# The 勾稽关系 note is long and often retyped: its first words are enough to find the table.
_T3_NOTE_START = _label_pattern(fold(T3_NOTE).lstrip("(")[:8])
_T3_ANCHOR = re.compile(
    "|".join([_T3_NOTE_START, _label_pattern(T3_APPLICANTS)])
)
_T3_FIRST_ROW = _alternation(f.table("三").rows[0].label for f in _ALL)
_T4_LABELS = _alternation(
    [text for f in _ALL for text in f.table("四").groups]
    + [text for f in _ALL for c in f.table("四").columns for text in (c.label, *c.group)]
)
_T4_ANCHOR = re.compile(_label_pattern(T4_RESULTS[0][1]))
_T4_LEAD = _alternation(f.table("四").groups[0] for f in _ALL)
_T3_ROW_DIGITS = re.compile(
    "(?:" + _alternation(r.label for f in _ALL for r in f.table("三").rows).pattern + r")\s*\d{7}"
)
_HTML = re.compile(r"<\s*/?\s*(?:html|body|table|tr|td|th|div|p|span|br)\b", re.I)

# A run of number characters: digits with decimals and signs, white space between numbers.
_NUM = re.compile(r"[+\-−]?\d+(?:\.\d+)?(?:\s*[+\-−]?\d+(?:\.\d+)?)*")
# Digits that are part of a label, not a value: （1） numbering, 第20条.
_PROTECTED = re.compile(r"\(\s*\d{1,2}\s*\)|第\s*\d+\s*[条款项]")
_NUMBERING_AFTER = re.compile(r"[.、]\s*(?=[^\d\s])")
_YEAR_TAIL = re.compile(r"(?:19|20)\d{2}$")

T3_WIDTH = len(_ALL[0].table("三").columns)
T4_WIDTH = len(_ALL[0].table("四").columns)
_T4_GROUPS = [len(T4_RESULTS)] * (T4_WIDTH // len(T4_RESULTS))
_ROLES = {
    T3_HEAD_ROWS[0].key: NEW,
    T3_HEAD_ROWS[1].key: CARRIED_IN,
    T3_TAIL_ROWS[0].key: TOTAL,
    T3_TAIL_ROWS[1].key: CARRIED_OUT,
}
# Longest label a row may have, with room for a group label and the vertical 三、本年度办理结果.
_MAX_LABEL = {
    key: max(len(fold(r.label)) + len(fold(r.group or "")) for f in _ALL for r in f.table(key).rows) + 16
    for key in ("二", "三")
}
_SENTENCE_END = re.compile(r"[。！？!?]")


# --- detection ---------------------------------------------------------------------------


def looks_like_flattened(text: str) -> bool:
    """Few, very long lines in which table row labels run straight into their digits, or
    several section headings share one line."""
    if _HTML.search(text[:20000]):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    longest = max(lines, key=len)
    folded = _fold_width(longest)
    rows_run_together = 0
    for _ in _T3_ROW_DIGITS.finditer(_fold_width(text)):
        rows_run_together += 1
        if rows_run_together == 3:
            return True
    if len(lines) > 60 or len(longest) < 400:
        return False
    return sum(1 for p in _SECTION_PATTERNS.values() if p.search(folded)) >= 3


# --- the stream --------------------------------------------------------------------------


@dataclass
class _Row:
    label: str
    label_at: int
    run: Run | None
    run_at: int
    end: int


@dataclass
class Parsed:
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # The Location objects (one per offset, see ``_Stream.loc``) of inferred cells, by id:
    # the cells keep those very objects, and hashing a Location field by field is slow.
    inferred: dict[int, Location] = field(default_factory=dict)


# Offset -> Location(line=1, col=offset + 1), shared by the texts of one line up to this
# length: their offsets recur from report to report, and a Location is immutable.
_SHARED_OFFSETS = 1 << 16
_LINE_ONE: dict[int, Location] = {}


class _Stream:
    def __init__(self, text: str) -> None:
        self.raw = text
        self.text = _fold_width(text)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(self.text)]
        # One Location per offset: cells are marked inferred by identity (``Parsed.inferred``),
        # and a report asks for the same offsets several times. A page copied as one line
        # shares its Locations (line 1, column offset + 1) with every other such page.
        one_line = len(self.line_starts) == 1 and len(text) <= _SHARED_OFFSETS
        self.locations: dict[int, Location] = _LINE_ONE if one_line else {}
        self.out = Parsed()
        self.fmt = self._format()

    def loc(self, offset: int) -> Location:
        found = self.locations.get(offset)
        if found is None:
            line = bisect.bisect_right(self.line_starts, offset)
            found = self.locations[offset] = Location(line=line, col=offset - self.line_starts[line - 1] + 1)
        return found

    def _format(self) -> ReportFormat:
        title = _TITLE.search(self.text[:3000])
        if title:
            try:
                return format_for_year(int(title.group(1)))
            except UnknownFormatError:
                pass
        return FORMATS[max(FORMATS)]

    def note(self, level: str, message: str, offset: int | None = None) -> None:
        self.out.notes.append(Note(level, message, self.loc(offset) if offset is not None else None))

    # numbers ----------------------------------------------------------------------------

    def next_number(self, pos: int, end: int, peel_numbering: bool) -> tuple[int, int, Run] | None:
        """The next run of number characters in [pos, end), skipping digits that belong to
        labels. With ``peel_numbering`` the last digit of a run followed by 「.」 or 「、」
        and text is the next row's numbering (…00000002.其他法律…), not a value."""
        while pos < end:
            match = _NUM.search(self.text, pos, end)
            if match is None:
                return None
            start, stop = match.start(), match.end()
            guard = next((b for a, b in self.protected if a <= start < b), None) if self.protected else None
            if guard is not None:
                pos = guard
                continue
            if peel_numbering and _NUMBERING_AFTER.match(self.text, stop) and self.text[stop - 1].isdigit():
                stop -= 1
            # A year that starts the text after a table: …000000000000000 2023年，…
            tail = self.text[start:stop].rstrip()
            after = self.text[stop:stop + 2].lstrip()
            if after.startswith("年") and _YEAR_TAIL.search(tail) and len(tail.replace(" ", "")) > 4:
                stop = start + len(tail) - 4
            run_text = self.text[start:stop].rstrip()
            if not run_text or not (run_text[-1].isdigit() or any(ch.isdigit() for ch in run_text)):
                pos = match.end()
                continue
            return start, start + len(run_text), self._run(start, start + len(run_text))
        return None

    def _run(self, start: int, stop: int) -> Run:
        text = self.text[start:stop]
        if text.isdigit():  # the common case: nothing to remove, no cut is certain
            return Run(text, frozenset(), tuple(range(start, stop)))
        chars: list[str] = []
        offsets: list[int] = []
        breaks: set[int] = set()
        for offset in range(start, stop):
            ch = self.text[offset]
            if ch.isspace():
                if chars:
                    breaks.add(len(chars))
                continue
            if ch in "+-−" and chars:
                breaks.add(len(chars))  # a sign starts a new cell (本年增/减)
            chars.append(ch)
            offsets.append(offset)
        return Run("".join(chars), frozenset(breaks), tuple(offsets))

    def skip_space(self, pos: int, end: int) -> int:
        while pos < end and (self.text[pos].isspace() or self.text[pos] in ":"):
            pos += 1
        return pos

    def consume(self, pattern: re.Pattern[str], pos: int, end: int) -> tuple[int, list[tuple[int, int]]]:
        """Match ``pattern`` repeatedly at ``pos``: a run of header labels."""
        found: list[tuple[int, int]] = []
        while True:
            at = self.skip_space(pos, end)
            match = pattern.match(self.text, at, end)
            if match is None or match.end() == at:
                return pos, found
            found.append((match.start(), match.end()))
            pos = match.end()

    # sections ---------------------------------------------------------------------------

    def headings(self) -> list[tuple[int, int, str]]:
        """Section headings in document order; each key once, in the format's order."""
        # Every heading starts with its numbering: try the patterns only where a numbering
        # stands, rather than scanning the whole text once per section. Each pattern keeps
        # the non-overlapping, leftmost matches that ``finditer`` would give.
        text = self.text
        any_section = _ANY_SECTION.match
        starts = [m.start() for m in _SECTION_NUMBER_AT.finditer(text) if any_section(text, m.start())]
        found = []
        for key, pattern in _SECTION_PATTERNS.items():
            free = 0
            for start in starts:
                if start >= free:
                    match = pattern.match(text, start)
                    if match is not None:
                        found.append((start, match.end(), key))
                        free = match.end()
        found.sort()
        chosen: list[tuple[int, int, str]] = []
        last = -1
        for start, stop, key in found:
            order = _SECTION_ORDER.index(key)
            if order > last and (not chosen or start >= chosen[-1][1]):
                chosen.append((start, stop, key))
                last = order
        return chosen

    # parse ------------------------------------------------------------------------------

    def parse(self) -> Parsed:
        heads = self.headings()
        head_at = {key: (start, stop) for start, stop, key in heads}
        spans: list[tuple[int, int, Block]] = []
        for start, stop, _ in heads:
            spans.append((start, stop, Paragraph(self.raw[start:stop], self.loc(start))))

        def region(after: int) -> int:
            return next((s for s, _, _ in heads if s >= after), len(self.text))

        cursor = 0
        for table, section in (("二", "proactive"), ("三", "applications"), ("四", "appeals")):
            begin = head_at[section][1] if section in head_at else cursor
            begin = max(begin, cursor)
            end = region(begin)
            found = self._table(table, begin, end)
            if found is not None:
                start, stop, block = found
                spans.append((start, stop, block))
                cursor = stop
        spans.sort(key=lambda s: s[0])
        blocks: list[Block] = []
        pos = 0
        for start, stop, block in spans:
            if start > pos:
                blocks.extend(self._paragraphs(pos, start, first=pos == 0))
            blocks.append(block)
            pos = max(pos, stop)
        if pos < len(self.text):
            blocks.extend(self._paragraphs(pos, len(self.text), first=pos == 0))
        self.out.blocks = blocks
        return self.out

    def _paragraphs(self, start: int, end: int, first: bool) -> list[Paragraph]:
        cuts = {start, end}
        if first:
            title = _TITLE.search(self.text, start, end)
            if title:
                # The title starts after page furniture (breadcrumbs, spaces) and ends with 报告.
                lead = max((m.end() for m in _TITLE_START.finditer(self.text, start, title.start())), default=start)
                cuts |= {lead, title.end()}
        for match in _SUBHEADS.finditer(self.text, start, end):
            cuts.add(match.start())
        for match in _NEW_ITEM.finditer(self.text, start, end):
            cuts.add(match.end())
        ordered = sorted(cuts)
        result = []
        for a, b in itertools.pairwise(ordered):
            piece = self.raw[a:b]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                result.append(Paragraph(piece.strip(), self.loc(a + lead)))
        return result

    def _table(self, table: str, begin: int, end: int) -> tuple[int, int, TableBlock] | None:
        if table == "二":
            match = _T2_BLOCKS.search(self.text, begin, end)
            return self._table_2(match.start(), end) if match else None
        if table == "三":
            first = _T3_FIRST_ROW.search(self.text, begin, end)
            if first is None:
                return None
            # The header (勾稽关系 note, 申请人情况 …) comes shortly before the first row;
            # the same words in the narrative further back must not start the table.
            header = _T3_ANCHOR.search(self.text, max(begin, first.start() - 400), first.start())
            start = header.start() if header else first.start()
            while start > begin and self.text[start - 1] in "( ":
                start -= 1  # the note's opening bracket
            return self._table_3(start, first.start(), end)
        for match in _T4_ANCHOR.finditer(self.text, begin, end):
            lead = None
            for m in _T4_LEAD.finditer(self.text, max(begin, match.start() - 40), match.start()):
                lead = m
            start = lead.start() if lead else match.start()
            # The header is a run of its labels; 结果维持 in a sentence is not the table.
            if len(self.consume(_T4_LABELS, start, end)[1]) >= len(T4_RESULTS):
                return self._table_4(start, end)
        return None

    def _next_row(self, table: str, pos: int, end: int) -> _Row | None:
        """The next label and its digits, or None when the text no longer looks like a row
        (a sentence, or a label longer than any row's)."""
        number = self.next_number(pos, end, peel_numbering=table == "三")
        if number is None:
            return None
        start, stop, run = number
        label_at = self.skip_space(pos, start)
        label = self.text[label_at:start]
        if not label.strip() or _SENTENCE_END.search(label) or len(fold(label)) > _MAX_LABEL[table]:
            return None
        return _Row(self.raw[label_at:start].strip(), label_at, run, start, stop)

    def _rows(self, table: str, pos: int, end: int) -> list[_Row]:
        rows: list[_Row] = []
        while pos < end:
            row = self._next_row(table, pos, end)
            if row is None:
                break
            rows.append(row)
            pos = row.end
        return rows

    # table 二 ---------------------------------------------------------------------------

    def _table_2(self, start: int, end: int) -> tuple[int, int, TableBlock]:
        block = TableBlock(hint="二", location=self.loc(start))
        pos = start
        columns: list[tuple[str, Unit]] | None = None
        while pos < end:
            at = self.skip_space(pos, end)
            head = _T2_BLOCKS.match(self.text, at, end)
            if head:
                block.rows.append(TableRow([Fragment(self.raw[head.start():head.end()], self.loc(at))], [],
                                           self.loc(at)))
                pos = head.end()
                columns = None
                at = self.skip_space(pos, end)
                info = _T2_HEADER.match(self.text, at, end)
                if info:
                    pos = info.end()
                after, found = self.consume(_T2_COLUMN_LABELS, pos, end)
                if found:
                    columns = [self._t2_column(self.text[a:b]) for a, b in found]
                    labels = [Fragment(self.raw[info.start():info.end()] if info else "信息内容")]
                    labels += [Fragment(self.raw[a:b], self.loc(a)) for a, b in found]
                    block.rows.append(TableRow(labels, [], self.loc(found[0][0])))
                    pos = after
                continue
            row = self._next_row("二", pos, end)
            if row is None:
                break
            # Stop the row's label at the next block label, if one is glued on after it.
            nxt = _T2_BLOCKS.search(self.text, pos, row.run_at)
            if nxt is not None and nxt.start() > at:
                pos = nxt.start()
                continue
            resolved = resolve_row("二", [Fragment(row.label)])
            units = columns
            if units is None and resolved is not None:
                units = self._t2_default(resolved[0].key)
            if resolved is None and columns is None:
                break  # not a row of table 二: the table has ended
            values = self._split_free("二", row, units or [], resolved[2] if resolved else row.label)
            block.rows.append(TableRow([Fragment(row.label, self.loc(row.label_at))], values, self.loc(row.label_at)))
            pos = row.end
        return start, pos, block

    def _t2_column(self, text: str) -> tuple[str, Unit]:
        found = T2_COLUMNS.match(text)
        return (text, found.target.unit if found else Unit.COUNT)

    def _t2_default(self, row_key: str) -> list[tuple[str, Unit]]:
        for fmt in (self.fmt, *_ALL):
            spec = fmt.table("二")
            try:
                row = spec.row(row_key)
            except KeyError:
                continue
            return [(c.label, c.unit) for c in spec.columns_of(row)]
        return []

    def _split_free(self, table: str, row: _Row, columns: Sequence[tuple[str, Unit]], name: str) -> list[Fragment]:
        """Table 二: no sums to check, so a row is certain only where every split agrees."""
        run = row.run
        assert run is not None
        if not columns:
            return []
        if len(columns) == 1 and not run.breaks:
            return [Fragment(run.text, self.loc(row.run_at))]  # one cell: nothing to infer
        units = [unit for _, unit in columns]
        try:
            candidates = split_run(run, units)
        except TooManyCandidates:
            return self._unresolved(table, name, row, len(units), "too_many")
        return self._cells(table, name, row, candidates, [label for label, _ in columns])

    # table 三 ---------------------------------------------------------------------------

    def _table_3(self, start: int, first_row: int, end: int) -> tuple[int, int, TableBlock]:
        block = TableBlock(hint="三", location=self.loc(start))
        header_end, found = self.consume(_T3_HEADER, start, first_row)
        if self.skip_space(header_end, first_row) < first_row:
            found = [(start, first_row)]  # header text we do not know word by word: keep it whole
        if found:
            block.rows.append(TableRow([Fragment(self.raw[a:b].strip(), self.loc(a)) for a, b in found], [],
                                       self.loc(start)))
        rows = self._rows("三", first_row, end)
        resolved = [resolve_row("三", [Fragment(r.label)]) for r in rows]
        # Unrecognised text after 四、结转下年度继续办理 is not part of the table.
        last = max((i for i, r in enumerate(resolved) if r is not None and _ROLES.get(r[0].key) == CARRIED_OUT),
                   default=len(rows) - 1)
        if all(r is None for r in resolved[last + 1 :]):
            rows, resolved = rows[: last + 1], resolved[: last + 1]
        units = [Unit.COUNT] * T3_WIDTH
        cands: list[list[tuple[int, ...]] | None] = []
        texts: list[list[tuple[str, ...]] | None] = []
        problems: list[str | None] = []
        for row in rows:
            assert row.run is not None
            try:
                found_splits = split_run(row.run, units, [T3_WIDTH])
                problem = None if found_splits else "no_split"
            except TooManyCandidates:
                found_splits, problem = [], "too_many"
            texts.append(found_splits if found_splits else None)
            cands.append([tuple(map(int, c)) for c in found_splits] if found_splits else None)
            problems.append(problem)
        roles = [(_ROLES.get(r[0].key, OUTCOME) if r is not None else OTHER) for r in resolved]
        unknown_rows = any(r is None for r in resolved)
        solution = solve_table_3(cands, roles, T3_WIDTH, sums_possible=not unknown_rows)
        column_names = [c.label for c in _ALL[0].table("三").columns]
        if rows:
            how = "各行合计" + ("、（七）总计等于各办理结果之和" if solution.used_sums else "") + (
                "、勾稽关系" if solution.used_balance else "")
            self.note("info", f"表三的各行数字连在一起（网页复制的文本），已按{how}拆分为单元格；"
                              "拆分所得的数值均标记为推断。", start)
            full = (not unknown_rows and any(r == OUTCOME for r in roles)
                    and all(p is None for p in problems))
            if full and not (solution.used_sums and solution.used_balance):
                self.note("warning", "表三的数字无法同时满足各列的合计关系和勾稽关系，报告中的数字可能本身有误；"
                                     "已只按仍然成立的关系拆分。", start)
        for i, row in enumerate(rows):
            name = resolved[i][2] if resolved[i] is not None else row.label
            supported = solution.supported[i]
            if problems[i] is not None or supported is None:
                values = self._unresolved("三", name, row, T3_WIDTH, problems[i] or "no_split")
            else:
                keep = dict(zip(cands[i] or (), texts[i] or (), strict=True))
                values = self._cells("三", name, row, [keep[v] for v in supported], column_names)
            block.rows.append(TableRow([Fragment(row.label, self.loc(row.label_at))], values, self.loc(row.label_at)))
        stop = rows[-1].end if rows else first_row
        return start, stop, block

    # table 四 ---------------------------------------------------------------------------

    def _table_4(self, start: int, end: int) -> tuple[int, int, TableBlock]:
        block = TableBlock(hint="四", location=self.loc(start))
        header_end, found = self.consume(_T4_LABELS, start, end)
        if found:
            block.rows.append(TableRow([Fragment(self.raw[a:b], self.loc(a)) for a, b in found], [], self.loc(start)))
        at = self.skip_space(header_end, end)
        number = self.next_number(at, end, peel_numbering=False)
        if number is None or number[0] != at:
            return start, header_end, block
        run_at, stop, run = number
        row = _Row("", run_at, run, run_at, stop)
        name = ""  # table 四 has a single data row without a label
        columns = [c.path for c in _ALL[0].table("四").columns]
        try:
            candidates = split_run(run, [Unit.COUNT] * T4_WIDTH, _T4_GROUPS)
        except TooManyCandidates:
            values = self._unresolved("四", name, row, T4_WIDTH, "too_many")
        else:
            values = self._cells("四", name, row, candidates, columns)
        self.note("info", "表四的数字连在一起（网页复制的文本），已按每组“总计”等于其余四项之和拆分为单元格；"
                          "拆分所得的数值均标记为推断。", run_at)
        block.rows.append(TableRow([], values, self.loc(run_at)))
        return start, stop, block

    # cells and notes --------------------------------------------------------------------

    def _cells(self, table: str, name: str, row: _Row, candidates: list[tuple[str, ...]],
               columns: Sequence[str]) -> list[Fragment]:
        run = row.run
        assert run is not None
        width = len(columns)
        if not candidates:
            return self._unresolved(table, name, row, width, "no_split")
        values: list[Fragment] = []
        inferred = self.out.inferred
        if len(candidates) == 1:  # the common case: every cell certain and in its place
            offsets = run.offsets
            locations = self.locations
            offset = 0
            for text in candidates[0]:
                at = offsets[offset]
                where = locations.get(at) or self.loc(at)
                values.append(Fragment(text, where))
                inferred[id(where)] = where
                offset += len(text)
            return values
        open_columns: list[str] = []
        row_at = self.loc(row.run_at)
        offset = 0
        for col, text in enumerate(candidates[0]):
            if all(c[col] == text for c in candidates):
                # An agreed cell has an exact place only if the cells before it have the
                # same lengths in every candidate; otherwise point at the row's digits.
                same_place = all(sum(map(len, c[:col])) == offset for c in candidates)
                where = self.loc(run.offsets[offset]) if same_place else row_at
                values.append(Fragment(text, where))
            else:
                where = row_at
                values.append(Fragment("", where))
                open_columns.append(columns[col])
            inferred[id(where)] = where
            offset += len(text)
        if open_columns:
            shown = "；".join("|".join(c) for c in candidates[:3])
            more = f"等 {len(candidates)} 种" if len(candidates) > 3 else f"共 {len(candidates)} 种"
            self.note("warning", f"{self._row_name(table, name)}的数字串“{run.text}”有多种拆分都满足约束"
                                 f"（{shown}，{more}），无法确定的单元格（{'、'.join(open_columns)}）已留空。",
                      row.run_at)
        return values

    @staticmethod
    def _row_name(table: str, name: str) -> str:
        return f"表{table}“{name}”行" if name else f"表{table}"

    def _unresolved(self, table: str, name: str, row: _Row, width: int, why: str) -> list[Fragment]:
        run = row.run
        assert run is not None
        if why == "too_many":
            reason = f"可能的拆分过多（超过 {MAX_CANDIDATES} 种或搜索超限），无法确定"
        elif run.digits < width:
            reason = f"只有 {run.digits} 位数字，少于 {width} 列，可能有空白单元格，无法确定各列"
        else:
            reason = f"无法拆分为 {width} 个满足约束的数（数字可能本身不一致）"
        self.note("warning", f"{self._row_name(table, name)}的数字串“{run.text}”{reason}，该行已留空。", row.run_at)
        where = self.loc(row.run_at)
        self.out.inferred[id(where)] = where
        return [Fragment("", where) for _ in range(width)]


def parse(text: str) -> Parsed:
    """Blocks for ``assemble``, the notes made while splitting digits, and the locations
    of the cells that were inferred."""
    return _Stream(text).parse()


def blocks(text: str) -> list[Block]:
    return parse(text).blocks


def read_flattened(text: str, name: str = "") -> tuple[AnnualReport, list[Note]]:
    """Read flattened web text: parse, assemble, and mark the inferred cells."""
    parsed = parse(text)
    report, notes = assemble(parsed.blocks, LAYOUT, name)
    inferred = parsed.inferred
    for cells in report.tables.values():
        for cell in cells.values():
            if cell.location is not None and id(cell.location) in inferred:
                cell.inferred = True
    return report, parsed.notes + notes
