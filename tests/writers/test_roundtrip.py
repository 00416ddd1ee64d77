"""What the writers write, the readers read back: every cell, in every format.

This ties the writers to ``gongkai.report.readers``; the Word-text layout in particular is
written for the Word-text reader, so the text round trip must be exact.
"""

from __future__ import annotations

import pytest

from gongkai.report.model import AnnualReport
from gongkai.report.readers import read
from gongkai.report.writers import render

from .conftest import rendered_sample


def _texts(report: AnnualReport) -> dict[tuple[str, str, str], str]:
    return {(t, r, c): cell.text for t, cells in report.tables.items() for (r, c), cell in cells.items()}


@pytest.mark.parametrize("to", ["txt", "md", "html", "docx", "pdf", "json"])
def test_every_cell_reads_back(report: AnnualReport, format_id: str, to: str) -> None:
    back, _ = read(rendered_sample(format_id, to))
    assert back.meta.format_id == report.meta.format_id
    assert back.meta.year == report.meta.year
    assert back.meta.agency == report.meta.agency
    assert _texts(back) == _texts(report)


def test_word_text_round_trip_is_exact(report: AnnualReport) -> None:
    back, notes = read(render(report, "txt"))
    assert notes == []
    assert back.meta.source_layout == "word-text"
    assert back.preamble == report.preamble
    assert [(s.key, s.heading, s.text) for s in back.sections] == [(s.key, s.heading, s.text) for s in report.sections]
    assert back.categories == report.categories
    assert back.categories_total == report.categories_total


def test_blank_cells_read_back_blank(report: AnnualReport) -> None:
    from gongkai.report.model import Cell

    report.set_cell("三", "new", "research", Cell(""))
    report.set_cell("四", "cases", "review.pending", Cell(""))
    for to in ("txt", "html", "docx"):
        back, _ = read(render(report, to))
        assert back.cell("三", "new", "research").text == ""  # type: ignore[union-attr]
        assert back.cell("四", "cases", "review.pending").text == ""  # type: ignore[union-attr]
