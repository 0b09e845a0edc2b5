"""The full-text structures, each database its own (consortia/search/engines.py reads
them):

- SQLite: an FTS5 external-content table over the documents' title and body (the text
  is stored once, in search_searchdocument), kept in step by triggers; the porter
  stemmer over unicode61 without diacritics, so "referrals" finds "referral" and
  "cafe" finds "café", as PostgreSQL's english configuration does.
- PostgreSQL: a stored tsvector column (title weighted A, body B) and a GIN index on it.

A later migration that rebuilds search_searchdocument on SQLite (Django does so for
most field changes) drops the triggers: it must create them again (TRIGGERS below)
and end with `INSERT INTO search_fts(search_fts) VALUES('rebuild')`.
"""

from django.db import migrations

TRIGGERS = [
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
         INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
         INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
       END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
         INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
         INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
]

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
         title, body, content='search_searchdocument', content_rowid='id',
         tokenize='porter unicode61 remove_diacritics 2')""",
    *TRIGGERS,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('english'::regconfig, title), 'A')
         || setweight(to_tsvector('english'::regconfig, body), 'B')) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
