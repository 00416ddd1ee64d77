"""What a check reports: a finding with its severity and where it points."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from gongkai.report.model import Location


class Severity(str, Enum):
    ERROR = "error"  # the report is wrong: a sum does not hold, a statutory part is missing
    WARNING = "warning"  # probably wrong, or wrong by a derived (non-statutory) rule
    NOTICE = "notice"  # worth a look: a typo in a label, an odd year in the text

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTICE: "提示"}


@dataclass(frozen=True)
class FindingLocation:
    """Where a finding points: the official labels of a table cell, and the source position.

    ``row`` and ``column`` are the format's label paths (what a reader of the report sees);
    ``row_key`` and ``column_key`` are the format's stable keys, for programs that want
    to highlight the cell.
    """

    table: str | None = None  # 二, 三, 四, or None for the text
    row: str | None = None
    column: str | None = None
    source: Location | None = None
    row_key: str | None = None
    column_key: str | None = None

    def describe_cell(self) -> str:
        """The table part only, e.g. 表三“（七）总计”行“总计”列; "" for the text."""
        text = f"表{self.table}" if self.table else ""
        if self.row:
            text += f"“{self.row}”行"
        if self.column:
            text += f"“{self.column}”列"
        return text

    def describe(self) -> str:
        """E.g. 表三“（七）总计”行“总计”列（第3页 第12行）; 全文 when nothing is known."""
        text = self.describe_cell()
        where = self.source.describe() if self.source else ""
        if where:
            text = f"{text}（{where}）" if text else where
        return text or "全文"

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "row_key": self.row_key,
            "column_key": self.column_key,
            "source": self.source.to_dict() if self.source else None,
            "description": self.describe(),
        }


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str  # one specific Chinese sentence that names the figures
    location: FindingLocation

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
        }
