"""The registry and ``render``; and sample output in out/ for looking at."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.report.jsonio import from_json
from gongkai.report.model import AnnualReport
from gongkai.report.writers import WRITERS, UnknownWriterError, chart_png, chart_svg, render
from gongkai.report.writers.layout import LayoutError

from .conftest import rendered_sample


def test_registry() -> None:
    assert set(WRITERS) == {"json", "txt", "md", "html", "docx", "pdf"}
    assert all(w.extension.startswith(".") and w.media_type for w in WRITERS.values())


def test_render_every_format_and_keep_samples(report: AnnualReport, format_id: str, out_dir: Path) -> None:
    magic = {"pdf": b"%PDF", "docx": b"PK\x03\x04", "html": b"<!DOCTYPE html>", "json": b"{"}
    for name, writer in WRITERS.items():
        data = rendered_sample(format_id, name)
        assert isinstance(data, bytes) and data
        assert data.startswith(magic.get(name, b""))
        (out_dir / f"sample_{format_id}{writer.extension}").write_bytes(data)
    (out_dir / f"chart_{format_id}.png").write_bytes(chart_png(report) or b"")
    (out_dir / f"chart_{format_id}.svg").write_text(chart_svg(report) or "", encoding="utf-8")


def test_json_round_trips(report: AnnualReport) -> None:
    back = from_json(render(report, "json"))
    assert back.tables == report.tables
    assert back.categories == report.categories
    assert [s.heading for s in back.sections] == [s.heading for s in report.sections]


def test_unknown_writer(report: AnnualReport) -> None:
    with pytest.raises(UnknownWriterError):
        render(report, "xlsx")


def test_report_without_format_is_refused() -> None:
    with pytest.raises(LayoutError):
        render(AnnualReport(), "txt")


def test_writers_do_not_import_django() -> None:
    code = "import sys, gongkai.report.writers; assert 'django' not in sys.modules, 'django imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
