"""The full-text structures, each database its own (consortia/search/engines.py reads
them):

- SQLite: an FTS5 external-content table over the documents' title and body (the text
  is stored once, in search_searchdocument), kept in step by triggers; the porter
  stemmer over unicode61 without diacritics, so "referrals" finds "referral" and
  "cafe" finds "café", as PostgreSQL's english configuration does.
- PostgreSQL: a text search configuration `consortia_search`, English with accents
  removed (the unaccent extension, trusted since PostgreSQL 13; without it, plain
  English), a stored tsvector column (title weighted A, body B) and a GIN index on it.
  Angle brackets are read as spaces there: PostgreSQL's parser would take
  `<script>alert(1)</script>` for a tag and drop its words, where FTS5 finds them.

A later migration that rebuilds search_searchdocument on SQLite (Django does so for
most field changes) drops the triggers: it must create them again (TRIGGERS below)
and end with `INSERT INTO search_fts(search_fts) VALUES('rebuild')`.
"""

from django.db import DatabaseError, migrations, transaction

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
    "CREATE TEXT SEARCH CONFIGURATION consortia_search (COPY = english)",
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('consortia_search'::regconfig, translate(title, '<>', '  ')), 'A')
         || setweight(to_tsvector('consortia_search'::regconfig, translate(body, '<>', '  ')), 'B')) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS consortia_search",
]
UNACCENT = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """ALTER TEXT SEARCH CONFIGURATION consortia_search
         ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements_by_vendor.get(vendor, []):
            schema_editor.execute(statement, params=None)
            if vendor == "postgresql" and statement.startswith("CREATE TEXT SEARCH"):
                _unaccent(schema_editor)

    return run


def _unaccent(schema_editor):
    """Accents removed where the database allows the extension; plain English otherwise."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            for statement in UNACCENT:
                schema_editor.execute(statement, params=None)
    except DatabaseError:
        pass


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
