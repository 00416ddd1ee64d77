"""A letter as PDF: the HTML template ``letters/letter.html`` rendered by WeasyPrint.

The fonts are the report writer's CSS font stacks (仿宋/方正小标宋 where installed, otherwise
Noto Serif CJK SC from fonts-noto-cjk), so letters and reports look alike and the PDF keeps
an extractable text layer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template import Context, Engine, Template
from django.utils.safestring import mark_safe

from gongkai.casework.letters.document import Letter
from gongkai.report.writers.html import FONT_BODY, FONT_TITLE

CSS = f"""
@page {{
  size: A4;
  margin: 2.5cm 2.8cm 2.5cm 2.8cm;
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {FONT_BODY}; font-size: 12pt; }}
}}
html {{ font-family: {FONT_BODY}; font-size: 16pt; line-height: 28pt; color: #000; }}
body {{ margin: 0; }}
h1 {{ font-family: {FONT_TITLE}; font-weight: bold; font-size: 22pt; line-height: 1.5;
  text-align: center; margin: 0; }}
h1 span {{ display: block; }}
p {{ margin: 0; text-align: justify; }}
.number {{ text-align: center; margin-bottom: 28pt; }}
.body p {{ text-indent: 2em; }}
.signature {{ margin-top: 28pt; padding-right: 2em; break-inside: avoid; }}
.signature p {{ text-align: right; }}
.body p.closing {{ break-before: avoid; }}
/* One paragraph that may not be split: it moves to the next page whole. */
.contact {{ margin-top: 20pt; font-size: 12pt; line-height: 18pt; text-align: left; orphans: 10; widows: 10; }}
"""


@cache
def _template() -> Template:
    # An engine of its own: the template lives in this package, which the project's app
    # template loader does not search (it looks in gongkai/casework/templates/).
    engine = Engine(dirs=[str(Path(__file__).parent / "templates")], autoescape=True)
    return engine.get_template("letters/letter.html")


def html(letter: Letter) -> str:
    return _template().render(Context({"letter": letter, "css": mark_safe(CSS)}))


def write(letter: Letter) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF output needs.
    from weasyprint import HTML

    data = HTML(string=html(letter)).write_pdf()
    if data is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint 未生成 PDF。")
    return data
