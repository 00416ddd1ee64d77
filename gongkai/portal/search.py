"""Search over public items, in Chinese, on SQLite and PostgreSQL.

Chinese has no spaces between words, so both backends match substrings by trigrams:

- SQLite: the FTS5 table ``portal_item_fts`` (tokenizer ``trigram``, migration 0002) answers
  terms of three or more characters; shorter terms, which have no trigram, use LIKE;
- PostgreSQL: ``ILIKE`` on title, summary and body_text, served by the GIN ``gin_trgm_ops``
  indexes of migration 0002 (pg_trgm answers LIKE/ILIKE from trigrams; one- and two-character
  terms are checked against the rows directly, which is correct, only slower).

Several words separated by spaces must all match (each anywhere in the item). Only
``Item.objects.public()`` is searched: drafts and withdrawn items never appear.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, F, Lookup, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.models import Item

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
FTS_MIN_LENGTH = 3  # the trigram tokenizer needs three characters
SEARCHED_FIELDS = ("title", "summary", "body_text")
SQLITE_TRIGGERS = ("portal_item_fts_ai", "portal_item_fts_ad", "portal_item_fts_au")


class _ILike(Lookup):
    """``lhs ILIKE rhs`` as PostgreSQL writes it, so the trigram GIN index on the bare column
    applies (Django's ``icontains`` wraps both sides in UPPER(), which that index cannot serve)."""

    lookup_name = "portal_ilike"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def terms_of(query: str) -> list[str]:
    """The words of a query: split on white space (full-width too), duplicates dropped."""
    seen: list[str] = []
    for term in (query or "")[:MAX_QUERY_LENGTH].split():
        if term not in seen:
            seen.append(term)
    return seen[:MAX_TERMS]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    # An FTS5 string: the term as one phrase, quotes doubled, so no query syntax gets through.
    return '"' + term.replace('"', '""') + '"'


def _term_condition(term: str) -> Q:
    vendor = connection.vendor
    if vendor == "postgresql":
        pattern = _like_pattern(term)
        condition = Q()
        for field in SEARCHED_FIELDS:
            condition |= Q(_ILike(F(field), Value(pattern)))
        return condition
    if vendor == "sqlite" and len(term) >= FTS_MIN_LENGTH:
        from django.db.models.expressions import RawSQL

        rowids = RawSQL("SELECT rowid FROM portal_item_fts WHERE portal_item_fts MATCH %s", (_fts_phrase(term),))
        return Q(pk__in=rowids)
    condition = Q()
    for field in SEARCHED_FIELDS:
        condition |= Q(**{f"{field}__icontains": term})
    return condition


def search_items(
    query: str,
    *,
    agency: Any = None,
    categories: Iterable[int] | None = None,
    year: int | None = None,
) -> QuerySet[Item]:
    """Public items matching every term of ``query``, filtered; title matches first, then newest."""
    items = Item.objects.public().select_related("agency")
    if agency is not None:
        items = items.filter(agency=agency)
    if categories is not None:
        items = items.filter(categories__in=list(categories)).distinct()
    if year is not None:
        items = items.filter(published_on__year=year)
    terms = terms_of(query)
    for term in terms:
        items = items.filter(_term_condition(term))
    if terms:
        title_hit = Q()
        for term in terms:
            title_hit |= Q(title__icontains=term)
        items = items.annotate(
            title_hit=Case(When(title_hit, then=Value(True)), default=Value(False), output_field=BooleanField())
        ).order_by("-title_hit", "-published_on", "-pk")
    else:
        items = items.order_by("-published_on", "-pk")
    return items


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term wrapped in <mark>."""
    terms = [t for t in terms if t]
    if not text:
        return mark_safe("")
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(item: Item, terms: Iterable[str], width: int = 80) -> SafeString:
    """A short passage of the summary or body around the first match, highlighted."""
    terms = [t for t in terms if t]
    for source in (item.summary, item.body_text):
        text = " ".join((source or "").split())
        if not text:
            continue
        lowered = text.lower()
        positions = [p for p in (lowered.find(t.lower()) for t in terms) if p >= 0]
        if positions or not terms:
            start = max(0, min(positions, default=0) - width // 4)
            end = min(len(text), start + width)
            passage = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
            return highlight(passage, terms)
    fallback = " ".join((item.summary or item.body_text or "").split())[:width]
    return highlight(fallback, terms)


def ensure_sqlite_index(using: str = "default", **kwargs: Any) -> None:
    """Recreate the FTS table's triggers if a table rebuild dropped them, and reindex.

    SQLite rebuilds a table for many schema changes (Django's ALTER emulation: new table, copy,
    drop, rename), and dropping the old table drops its triggers, which would leave the index
    silently stale. Run after every migrate (post_migrate).
    """
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        names = {
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'portal_item_fts%%'"
            ).fetchall()
        }
        if "portal_item_fts" not in names or all(t in names for t in SQLITE_TRIGGERS):
            return  # not migrated yet, or intact
        # The statements of the migration itself (idempotent: IF NOT EXISTS, then 'rebuild').
        migration = importlib.import_module("gongkai.portal.migrations.0002_search_indexes")
        for statement in migration.SQLITE_CREATE:
            cursor.execute(statement)
