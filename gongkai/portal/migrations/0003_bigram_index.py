"""PostgreSQL: an index for two-character search terms (see gongkai/portal/search.py).

A trigram index cannot answer a two-character term, so without this PostgreSQL read every item
(2–3 s over 1,000,000 items, bench/README.md). ``portal_bigrams(title, summary, body_text)`` is
the array of every two-character substring of the lower-cased text: each character c becomes
"c c", so the space-separated words are exactly the adjacent pairs (plus the first and last
character alone). It uses only built-in C functions (about 0.1 ms per item); search.py calls
it exactly as the index expression is written, so the GIN index below applies. Its declared COST is high so
that the planner finds a rare term through the index rather than computing the bigrams of
each row while it walks the date index (search.py drops the condition for common terms);
PARALLEL UNSAFE keeps these millisecond queries from starting parallel workers, which cost more
than the whole index lookup.

Other databases: nothing.
"""

from django.db import migrations

POSTGRES_CREATE = [
    r"""CREATE OR REPLACE FUNCTION portal_bigrams(title text, summary text, body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL UNSAFE COST 1000 AS $$
        SELECT string_to_array(
            regexp_replace(lower(title || E'\n' || summary || E'\n' || body), '(.)', '\1 \1', 'g'), ' ')
    $$""",
    # CONCURRENTLY: on a large catalogue the build takes minutes (9 on 1M items on a busy 2-core
    # machine), during which publishing must not be blocked.
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS portal_item_bigram ON publishing_item "
    "USING gin (portal_bigrams(title, summary, body_text))",
]
POSTGRES_DROP = [
    "DROP INDEX CONCURRENTLY IF EXISTS portal_item_bigram",
    "DROP FUNCTION IF EXISTS portal_bigrams(text, text, text)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("portal", "0002_search_indexes"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_CREATE}),
            _run({"postgresql": POSTGRES_DROP}),
            elidable=False,
        ),
    ]
