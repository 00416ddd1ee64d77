"""Full-text search over public items in Chinese (see gongkai/portal/search.py).

SQLite: an FTS5 table with the trigram tokenizer over publishing_item's title, summary and
body_text, as an external-content index kept in sync by triggers.
PostgreSQL: the pg_trgm extension and GIN trigram indexes on the same three columns, which
serve the ILIKE queries of search.py.
Other databases: nothing (search falls back to plain LIKE).
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS portal_item_fts USING fts5(
        title, summary, body_text, content='publishing_item', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER IF NOT EXISTS portal_item_fts_ai AFTER INSERT ON publishing_item BEGIN
        INSERT INTO portal_item_fts(rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS portal_item_fts_ad AFTER DELETE ON publishing_item BEGIN
        INSERT INTO portal_item_fts(portal_item_fts, rowid, title, summary, body_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS portal_item_fts_au AFTER UPDATE OF title, summary, body_text ON publishing_item
    BEGIN
        INSERT INTO portal_item_fts(portal_item_fts, rowid, title, summary, body_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body_text);
        INSERT INTO portal_item_fts(rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END""",
    # Items that existed before this migration.
    "INSERT INTO portal_item_fts(portal_item_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS portal_item_fts_au",
    "DROP TRIGGER IF EXISTS portal_item_fts_ad",
    "DROP TRIGGER IF EXISTS portal_item_fts_ai",
    "DROP TABLE IF EXISTS portal_item_fts",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS portal_item_title_trgm ON publishing_item USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS portal_item_summary_trgm ON publishing_item USING gin (summary gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS portal_item_body_trgm ON publishing_item USING gin (body_text gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS portal_item_body_trgm",
    "DROP INDEX IF EXISTS portal_item_summary_trgm",
    "DROP INDEX IF EXISTS portal_item_title_trgm",
    # The extension stays: other indexes may use it.
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            elidable=False,
        ),
    ]
