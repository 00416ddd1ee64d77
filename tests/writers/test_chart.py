"""The 主动公开 category chart."""

from __future__ import annotations

from gongkai.report.model import AnnualReport, empty_report
from gongkai.report.writers import chart_png, chart_svg
from gongkai.report.writers.chart import chart_title, cjk_font

from .conftest import CATEGORIES


def test_png(report: AnnualReport) -> None:
    data = chart_png(report)
    assert data is not None and data.startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_has_the_names_and_title(report: AnnualReport) -> None:
    svg = chart_svg(report)
    assert svg is not None and "<svg" in svg
    for name in CATEGORIES:
        assert name in svg
    assert chart_title(report) in svg
    assert "（共19条）" in chart_title(report)


def test_deterministic(report: AnnualReport) -> None:
    assert chart_svg(report) == chart_svg(report)
    assert chart_png(report) == chart_png(report)
    assert "<dc:date>" not in (chart_svg(report) or "")


def test_none_without_categories() -> None:
    report = empty_report("2021", year=2021, agency="某局")
    assert chart_png(report) is None
    assert chart_svg(report) is None


def test_a_cjk_font_is_found() -> None:
    font = cjk_font()
    assert font is not None
    assert "CJK" in font.get_name() or font.get_file() is not None
