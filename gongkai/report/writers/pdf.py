"""PDF from the HTML document, rendered by WeasyPrint.

The fonts come from fontconfig: the 仿宋/宋体 names in the CSS are used where installed
and otherwise fall back to Noto Serif/Sans CJK SC (Debian package fonts-noto-cjk), which
WeasyPrint embeds as subsets, so the PDF's text stays extractable.

Subsetting these large CJK fonts takes about 4 s per face with fontTools; with HarfBuzz's
subsetter (Debian package libharfbuzz-subset0), which WeasyPrint uses when it finds it,
a whole report takes under a second.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.report.model import AnnualReport
from gongkai.report.writers import html


def write(report: AnnualReport, path: str | Path | None = None) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF output needs.
    from weasyprint import HTML

    # The chart stays SVG: WeasyPrint draws it as vectors with the same CJK font as the text.
    document = HTML(string=html.write(report, chart="svg"))
    data = document.write_pdf()
    if data is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint 未生成 PDF。")
    if path is not None:
        Path(path).write_bytes(data)
    return data
