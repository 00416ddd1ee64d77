"""The 主动公开 category chart: a horizontal bar chart of ``report.categories``.

Built on ``matplotlib.figure.Figure`` directly (never pyplot) so that rendering keeps no
global state and is safe in web workers. Output is deterministic: a fixed SVG hash salt,
no date or software metadata, so that the same report gives the same bytes.
"""

from __future__ import annotations

import io
import subprocess
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gongkai.report.model import AnnualReport
from gongkai.report.writers.layout import categories_total

# Simplified-Chinese faces first; JP/TC faces of Noto CJK also carry every hanzi but with
# regional glyph shapes, so they come last.
_PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
)

_BAR_COLOR = "#b22222"  # the red of official documents


@lru_cache(maxsize=1)
def cjk_font() -> font_manager.FontProperties | None:
    """A font that renders Chinese, or None when the system has none."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in _PREFERRED:
        if name in names:
            return font_manager.FontProperties(family=name)
    path = _fc_list_chinese()
    return font_manager.FontProperties(fname=path) if path else None


def _fc_list_chinese() -> str | None:
    """Ask fontconfig for any font covering Chinese, for systems with unlisted names."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    return next((p for p in paths if Path(p).suffix.lower() in (".ttf", ".otf", ".ttc")), None)


def chart_title(report: AnnualReport) -> str:
    year = f"{report.meta.year}年" if report.meta.year else ""
    return f"{year}主动公开政府信息分类情况（共{categories_total(report)}条）"


def _figure(report: AnnualReport) -> Figure:
    names = list(report.categories)
    counts = [report.categories[n] for n in names]
    font = cjk_font()
    fig = Figure(figsize=(6.4, 1.2 + 0.42 * len(names)), layout="constrained")
    # The Agg canvas attached explicitly: headless, and without switching the process-wide
    # backend that matplotlib.use() would change for every other user of matplotlib.
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    # Reversed so the first category reads at the top, in the order the report lists them.
    positions = list(range(len(names)))[::-1]
    bars = ax.barh(positions, counts, color=_BAR_COLOR, height=0.6)
    ax.set_yticks(positions, names, fontproperties=font, fontsize=10)
    ax.bar_label(bars, labels=[str(c) for c in counts], padding=3, fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([*counts, 1]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(chart_title(report), fontproperties=font, fontsize=12)
    ax.set_xlabel("条数", fontproperties=font, fontsize=9)
    return fig


def chart_png(report: AnnualReport, dpi: int = 150) -> bytes | None:
    """The chart as PNG, or None when the report has no category data."""
    if not report.categories:
        return None
    buf = io.BytesIO()
    _figure(report).savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def chart_svg(report: AnnualReport) -> str | None:
    """The chart as SVG with real ``<text>`` (searchable, selectable), or None without data."""
    if not report.categories:
        return None
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "gongkai", "svg.fonttype": "none"}):
        _figure(report).savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue().decode("utf-8")


def write(report: AnnualReport, path: str | Path | None = None) -> bytes | None:
    data = chart_png(report)
    if path is not None and data is not None:
        Path(path).write_bytes(data)
    return data
