"""PDF: rendered by WeasyPrint, read back with pdfplumber (proves the CJK fonts are embedded)."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from gongkai.report.model import AnnualReport
from gongkai.statute.formats.common import T3_RESULTS

from .conftest import FORMAT_IDS, build_sample_report, rendered_sample

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module", params=FORMAT_IDS)
def rendered(request: pytest.FixtureRequest) -> tuple[AnnualReport, bytes]:
    # Rendering is the slow part: once per format for the whole module.
    return build_sample_report(request.param), rendered_sample(request.param, "pdf")


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def test_is_a_pdf_of_a4_pages(rendered: tuple[AnnualReport, bytes]) -> None:
    _, data = rendered
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages) >= 2
        for page in document.pages:
            assert abs(page.width - A4_POINTS[0]) < 1 and abs(page.height - A4_POINTS[1]) < 1


def test_headings_and_fonts_extract(rendered: tuple[AnnualReport, bytes]) -> None:
    report, data = rendered
    fmt = report.format
    assert fmt is not None
    with pdfplumber.open(io.BytesIO(data)) as document:
        text = _squash("".join(page.extract_text() or "" for page in document.pages))
        fonts = {c["fontname"] for page in document.pages for c in page.chars}
    assert f"{report.meta.year}年政府信息公开工作年度报告" in text
    for heading in fmt.sections:
        assert heading.label in text
    assert any("CJK" in f for f in fonts), fonts
    assert "-1-" in text  # the page number in the footer


def test_table_3_row_labels_and_values(rendered: tuple[AnnualReport, bytes]) -> None:
    report, data = rendered
    fmt = report.format
    assert fmt is not None
    spec = fmt.tables["三"]
    with pdfplumber.open(io.BytesIO(data)) as document:
        tables = [t for page in document.pages for t in page.extract_tables()]
    t3 = next(t for t in tables if len(t[0]) == 10)
    body = t3[3:]
    assert len(body) == len(spec.rows)
    labels = {_squash(cell) for row in body for cell in row[:3] if cell}
    assert _squash(T3_RESULTS) in labels
    for row, cells in zip(spec.rows, body, strict=True):
        assert _squash(row.label) in labels
        assert [_squash(c) for c in cells[3:]] == [report.cell("三", row.key, c.key).text for c in spec.columns]  # type: ignore[union-attr]


def test_table_4_on_one_row(rendered: tuple[AnnualReport, bytes]) -> None:
    _, data = rendered
    with pdfplumber.open(io.BytesIO(data)) as document:
        tables = [t for page in document.pages for t in page.extract_tables()]
    t4 = next(t for t in tables if len(t[0]) == 15)
    assert [_squash(c) for c in t4[0] if c] == ["行政复议", "行政诉讼"]
    assert t4[-1] == "2 1 1 0 4 1 0 0 1 2 0 0 1 0 1".split()
