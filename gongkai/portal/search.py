"""Search over public items, in Chinese, on SQLite and PostgreSQL.

Chinese has no spaces between words, so both backends match substrings by trigrams:

- SQLite: the FTS5 table ``portal_item_fts`` (tokenizer ``trigram``, migration 0002) answers
  terms of three or more characters; shorter terms, which have no trigram, use LIKE;
- PostgreSQL: ``LIKE`` (``ILIKE`` when the term has upper/lower case letters: Chinese has none,
  and ILIKE lower-cases every row it checks, three times slower) on title, summary and
  body_text, served by the GIN ``gin_trgm_ops`` indexes of migration 0002. A two-character
  term has no trigram: the GIN index of migration 0003 over the text's two-character
  substrings finds the candidate rows, and LIKE confirms them. One-character terms are checked
  against the rows directly (correct, only slow on a large catalogue).

Several words separated by spaces must all match (each anywhere in the item). Only
``Item.objects.public()`` is searched: drafts and withdrawn items never appear.

The search page uses :func:`search_results`: the same matches, newest first, fetched page by
page with ``ORDER BY published_on … LIMIT`` and counted only up to ``COUNT_LIMIT``. Sorting
every match by a computed "term in title" column (the order of :func:`search_items`, which
the API keeps) and counting all of them took seconds for a common word over 1,000,000 items
(bench/README.md).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, Lookup, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.models import Item

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
FTS_MIN_LENGTH = 3  # the trigram tokenizer needs three characters
SEARCHED_FIELDS = ("title", "summary", "body_text")
SQLITE_TRIGGERS = ("portal_item_fts_ai", "portal_item_fts_ad", "portal_item_fts_au")


COUNT_LIMIT = 1000  # the search page counts matches up to this many and says "more than" beyond
DENSE_ROWS = 50_000  # a two-character term expected this often is searched without its index
RECENT_SAMPLE = 2000  # SQLite: newest items sampled to tell a common term (see search_results)


class _ILike(Lookup):
    """``lhs ILIKE rhs`` as PostgreSQL writes it, so the trigram GIN index on the bare column
    applies (Django's ``icontains`` wraps both sides in UPPER(), which that index cannot serve)."""

    lookup_name = "portal_ilike"
    operator = "ILIKE"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {self.operator} {rhs}", [*lhs_params, *rhs_params]


class _Like(_ILike):
    """``lhs LIKE rhs``: for terms without letter case, where it finds what ILIKE finds."""

    lookup_name = "portal_like"
    operator = "LIKE"


class _HasBigram(Func):
    """``portal_bigrams(title, summary, body_text) @> ARRAY[term]``: the expression of the GIN
    index of migration 0003 (PostgreSQL), true when the lower-cased text holds the two characters."""

    output_field = BooleanField()

    def __init__(self, term: str) -> None:
        super().__init__(*(F(field) for field in SEARCHED_FIELDS), Value(term.lower()))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, more = compiler.compile(expression)
            parts.append(sql)
            params.extend(more)
        *columns, term = parts
        return f"portal_bigrams({', '.join(columns)}) @> ARRAY[{term}]::text[]", params


def _caseless(term: str) -> bool:
    return term.lower() == term.upper()


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


def _pg_match(field: str, term: str) -> Q:
    lookup = _Like if _caseless(term) else _ILike
    return Q(lookup(F(field), Value(_like_pattern(term))))


def _term_condition(term: str, *, index: bool = True) -> Q:
    """Rows holding ``term``; ``index=False`` leaves out the term index (PostgreSQL's bigrams,
    SQLite's FTS table): the same rows, found by reading them (see :func:`search_results`)."""
    vendor = connection.vendor
    if vendor == "postgresql":
        condition = Q()
        for field in SEARCHED_FIELDS:
            condition |= _pg_match(field, term)
        if len(term) == 2 and index:
            # The bigram index finds the candidates; LIKE keeps the result exact (and cheap to
            # check row by row when the planner walks the date index instead).
            condition = Q(_HasBigram(term)) & condition
        return condition
    if vendor == "sqlite" and len(term) >= FTS_MIN_LENGTH and index:
        from django.db.models.expressions import RawSQL

        rowids = RawSQL("SELECT rowid FROM portal_item_fts WHERE portal_item_fts MATCH %s", (_fts_phrase(term),))
        return Q(pk__in=rowids)
    condition = Q()
    for field in SEARCHED_FIELDS:
        condition |= Q(**{f"{field}__icontains": term})
    return condition


def _matching(
    query: str, *, agency: Any, categories: Iterable[int] | None, year: int | None, index: bool = True
) -> QuerySet[Item]:
    items = Item.objects.public().select_related("agency")
    if agency is not None:
        items = items.filter(agency=agency)
    if categories is not None:
        items = items.filter(categories__in=list(categories)).distinct()
    if year is not None:
        items = items.filter(published_on__year=year)
    for term in terms_of(query):
        items = items.filter(_term_condition(term, index=index))
    return items


def search_items(
    query: str,
    *,
    agency: Any = None,
    categories: Iterable[int] | None = None,
    year: int | None = None,
) -> QuerySet[Item]:
    """Public items matching every term of ``query``, filtered; title matches first, then newest."""
    items = _matching(query, agency=agency, categories=categories, year=year)
    terms = terms_of(query)
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


class SearchResults:
    """The matches of a search, newest first, for a Paginator.

    Read with ``ORDER BY published_on DESC, id DESC LIMIT n``: the planner walks the date index
    for a common term and stops at the page, or finds a rare one through its trigram or bigram
    index. :meth:`count` stops at ``limit``; ``capped`` then says there are more, and pages
    beyond the limit are not offered. (:func:`search_items` puts title matches first: that
    ordering needs every match sorted, seconds for a common word over 1,000,000 items.)
    """

    ordered = True

    def __init__(self, items: QuerySet[Item], limit: int) -> None:
        self.items = items.order_by("-published_on", "-pk")
        self.limit = limit
        self.capped = False
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            # Unordered: counting in date order would walk the date index instead of the search indexes.
            found = self.items.order_by()[: self.limit + 1].count()
            self.capped = found > self.limit
            self._count = min(found, self.limit)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Item]:
        yield from self.items[: self.limit]

    def __getitem__(self, key: slice) -> list[Item]:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("SearchResults supports slices only")
        start, stop = key.start or 0, min(key.stop if key.stop is not None else self.limit, self.limit)
        return list(self.items[start:stop]) if start < stop else []


def search_results(
    query: str,
    *,
    agency: Any = None,
    categories: Iterable[int] | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> SearchResults:
    """The matches of :func:`search_items` (same filters), newest first, for the search page;
    counted up to ``limit`` (default ``COUNT_LIMIT``).

    With a two-character term on PostgreSQL the bigram index finds a rare term at once, but when
    the planner reads rows in date order instead it computes the bigrams of every row that
    passes LIKE (0.1–0.2 ms each). A common term needs no index: its first matches are among
    the first rows read. So when the planner expects many matches, LIKE alone is used; the
    matches are the same, only the way to them differs.

    SQLite has no such estimate, and its FTS table hands over every matching rowid before the
    date order applies (11 s for a word in half of 1,000,000 items). There a sample of the
    newest items tells whether a term is common (:func:`_common_among_recent`).
    """
    items = _matching(query, agency=agency, categories=categories, year=year)
    terms = terms_of(query)
    vendor = connection.vendor
    if vendor == "postgresql" and any(len(term) == 2 for term in terms):
        dense = _matching(query, agency=agency, categories=categories, year=year, index=False)
        if _estimated_rows(dense) >= DENSE_ROWS:
            items = dense
    elif vendor == "sqlite" and any(len(term) >= FTS_MIN_LENGTH for term in terms):
        dense = _matching(query, agency=agency, categories=categories, year=year, index=False)
        if _common_among_recent(dense):
            items = dense
    return SearchResults(items, limit or COUNT_LIMIT)


def _common_among_recent(items: QuerySet[Item]) -> bool:
    """At least 1 in 100 of the newest ``RECENT_SAMPLE`` public items is among ``items``."""
    recent = Item.objects.public().order_by("-published_on", "-pk").values("pk")[:RECENT_SAMPLE]
    return items.filter(pk__in=recent).count() * 100 >= RECENT_SAMPLE


def _estimated_rows(items: QuerySet[Item]) -> float:
    """The planner's estimate of how many rows ``items`` holds (EXPLAIN, nothing is read)."""
    import json

    plan = json.loads(items.order_by().explain(format="json"))
    if isinstance(plan, list):  # Django passes on the plan with or without PostgreSQL's outer list
        plan = plan[0]
    return float(plan["Plan"]["Plan Rows"])


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
