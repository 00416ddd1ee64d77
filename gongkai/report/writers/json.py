"""JSON in the ``gongkai.report`` schema (version 1); the format lives in ``jsonio``."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.jsonio import to_json
from gongkai.report.model import AnnualReport


def write(report: AnnualReport, path: str | Path | None = None) -> str:
    text = to_json(report) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
