"""A version's report as the engine's ``AnnualReport``, and the differences between two versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gongkai.report.jsonio import from_dict
from gongkai.report.model import AnnualReport, Section
from gongkai.statute import get_format
from gongkai.statute.formats import find_row_column

if TYPE_CHECKING:
    from gongkai.annual.models import ReportVersion


def version_report(version: ReportVersion) -> AnnualReport:
    """The report as it stands: figures from the stored JSON, texts as edited, the
    publication date once published."""
    report = from_dict(version.report)
    fmt = get_format(version.format_id)
    texts = version.texts or {}
    report.sections = [Section(h.key, h.label, texts.get(h.key, "")) for h in fmt.sections]
    report.meta.published = version.published_on
    return report


@dataclass(frozen=True)
class CellChange:
    table: str
    row: str
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class TextChange:
    key: str
    heading: str
    old: str
    new: str
    lines: tuple[str, ...]  # a unified diff of the paragraphs


@dataclass
class VersionDiff:
    old: ReportVersion
    new: ReportVersion
    cells: list[CellChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    categories: list[tuple[str, int | None, int | None]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.categories)


def diff_versions(a: ReportVersion, b: ReportVersion) -> VersionDiff:
    """What changed from version ``a`` to version ``b``: cells, section texts and categories."""
    old, new = version_report(a), version_report(b)
    diff = VersionDiff(a, b)
    fmt = get_format(b.format_id)
    for table in ("二", "三", "四"):
        old_cells, new_cells = old.tables.get(table, {}), new.tables.get(table, {})
        for key in [*new_cells, *(k for k in old_cells if k not in new_cells)]:
            before = old_cells[key].text if key in old_cells else ""
            after = new_cells[key].text if key in new_cells else ""
            if before != after:
                row, column = find_row_column(table, key[0], key[1], fmt)
                diff.cells.append(
                    CellChange(table, row.path if row else key[0], column.path if column else key[1], before, after)
                )
    for heading in fmt.sections:
        before = (old.section(heading.key) or Section(heading.key, "", "")).text
        after = (new.section(heading.key) or Section(heading.key, "", "")).text
        if before != after:
            lines = difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
            body = tuple(line for line in lines if not line.startswith(("---", "+++", "@@")))
            diff.texts.append(TextChange(heading.key, heading.label, before, after, body))
    for name in dict.fromkeys([*new.categories, *old.categories]):
        if old.categories.get(name) != new.categories.get(name):
            diff.categories.append((name, old.categories.get(name), new.categories.get(name)))
    return diff
