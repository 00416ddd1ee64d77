"""Readers: any published annual report in, one ``AnnualReport`` and notes out.

``read(path_or_bytes)`` detects the encoding and the layout by itself.
"""

from __future__ import annotations

from gongkai.report.readers.base import MAX_BYTES, NotAReportError, Note, ReadError
from gongkai.report.readers.detect import read, read_text

__all__ = ["MAX_BYTES", "NotAReportError", "Note", "ReadError", "read", "read_text"]
