"""Rich-text bodies: sanitised HTML for display, plain text for search and snippets.

Only a small set of tags survives (paragraphs, emphasis, lists, tables, links, sub-headings);
scripts and styles are dropped with their content, every ``on*`` and ``style`` attribute is
dropped, and links keep only http(s) and mailto targets.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "h2", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_BLOCKS = frozenset({"p", "br", "li", "tr", "h2", "h3", "h4", "table", "ul", "ol"})
_CELLS = frozenset({"td", "th"})


def sanitize_html(raw: str) -> str:
    """The body as it may be stored and shown."""
    if not raw:
        return ""
    cleaned = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(sanitised: str) -> str:
    """Plain text of a sanitised body: one line per block, runs of blanks folded."""
    if not sanitised:
        return ""
    collector = _TextCollector()
    collector.feed(sanitised)
    collector.close()
    text = html.unescape("".join(collector.parts))
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def plain_text_to_html(text: str) -> str:
    """Text typed or imported without markup: each non-empty line becomes a paragraph."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<\s*[a-zA-Z][^>]*>", text or ""))
