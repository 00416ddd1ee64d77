"""Writers: one ``AnnualReport`` to JSON, text, Markdown, HTML, DOCX, PDF, and the chart.

Each writer module has ``write(report, path=None)`` returning ``str`` or ``bytes`` (and
saving it when a path is given). ``render(report, to)`` gives bytes for any of them;
``WRITERS`` lists them with their file extension and media type. The table structure
they share is computed once in ``layout.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.report.model import AnnualReport
from gongkai.report.writers import docx, html, json, md, pdf, txt
from gongkai.report.writers.chart import chart_png, chart_svg
from gongkai.report.writers.layout import LayoutError


@dataclass(frozen=True)
class Writer:
    name: str
    extension: str
    media_type: str
    write: Callable[[AnnualReport], str | bytes]
    description: str


WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("json", ".json", "application/json", json.write, "JSON（gongkai.report 第1版）"),
        Writer("txt", ".txt", "text/plain; charset=utf-8", txt.write, "纯文本（Word 复制文本版式）"),
        Writer("md", ".md", "text/markdown; charset=utf-8", md.write, "Markdown"),
        Writer("html", ".html", "text/html; charset=utf-8", html.write, "HTML（可打印）"),
        Writer(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx.write,
            "Word 文档（官方版式）",
        ),
        Writer("pdf", ".pdf", "application/pdf", pdf.write, "PDF"),
    )
}


class UnknownWriterError(ValueError):
    """No writer of that name."""


def render(report: AnnualReport, to: str) -> bytes:
    """The report in the format ``to`` (a key of ``WRITERS``), as bytes (text in UTF-8)."""
    try:
        writer = WRITERS[to]
    except KeyError:
        known = "、".join(WRITERS)
        raise UnknownWriterError(f"未知的输出格式“{to}”，可用：{known}。") from None
    data = writer.write(report)
    return data.encode("utf-8") if isinstance(data, str) else data


__all__ = ["WRITERS", "LayoutError", "UnknownWriterError", "Writer", "chart_png", "chart_svg", "render"]
