"""What was published (and so endorsed) cannot change, held by the database.

Triggers refuse:
- to change the text, ways of working, number, partnership, resource commitments or
  publication date of a version that is no longer a draft, to turn it back into a
  draft, or to bring a superseded version back;
- to add or change objectives and roles of a version that is no longer a draft, or
  to add to the partners asked to endorse it.

They allow what publication itself does (a draft becoming published, a published
version becoming superseded or coming into force) and the SET_NULL of a deleted
user (created_by, published_by). Deletes are not guarded: a test database is
emptied row by row on SQLite, and no service deletes parts of a published version.

On SQLite, a later migration that alters one of these tables rebuilds it and so
drops its triggers: such a migration must create them again (the tests in
test_services.py that edit a published version through the ORM would fail).

Both databases raise an integrity error (SQLite RAISE(ABORT), PostgreSQL SQLSTATE
23001), which Django turns into IntegrityError.
"""

from django.db import migrations

VERSION = "agreements_agreementversion"
PARTS = ("agreements_agreementobjective", "agreements_agreementrole")
REQUIRED = "agreements_agreementversion_required_partners"
FROZEN_COLUMNS = (
    "partnership_id",
    "number",
    "vision",
    "aims",
    "principles",
    "meeting_rhythm",
    "decision_rule",
    "quorum_percent",
    "spending_threshold_gbp",
    "spending_approvals",
    "review_date",
    "joining_and_leaving",
    "resource_commitments",
    "published_at",
)
MESSAGE = "A published agreement version cannot be changed: start a new draft."

_changed_sqlite = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
_new_row = ", ".join(f"NEW.{c}" for c in FROZEN_COLUMNS)
_old_row = ", ".join(f"OLD.{c}" for c in FROZEN_COLUMNS)
_status_back = "NEW.status = 'draft' OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')"


def _not_draft(version_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM {VERSION} v WHERE v.id = {version_id} AND v.status <> 'draft')"


SQLITE = [
    f"""CREATE TRIGGER agreement_version_frozen BEFORE UPDATE ON {VERSION}
    FOR EACH ROW WHEN OLD.status <> 'draft' AND ({_status_back} OR {_changed_sqlite})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    *[
        sql
        for table in PARTS
        for sql in (
            f"""CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table}
            FOR EACH ROW WHEN {_not_draft("NEW.version_id")}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
            FOR EACH ROW WHEN {_not_draft("NEW.version_id")} OR {_not_draft("OLD.version_id")}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        )
    ],
    f"""CREATE TRIGGER {REQUIRED}_frozen_insert BEFORE INSERT ON {REQUIRED}
    FOR EACH ROW WHEN {_not_draft("NEW.agreementversion_id")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS agreement_version_frozen",
    *[f"DROP TRIGGER IF EXISTS {table}_frozen_{op}" for table in PARTS for op in ("insert", "update")],
    f"DROP TRIGGER IF EXISTS {REQUIRED}_frozen_insert",
]

POSTGRESQL = [
    f"""CREATE FUNCTION agreements_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status <> 'draft' AND ({_status_back} OR ROW({_new_row}) IS DISTINCT FROM ROW({_old_row})) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER agreement_version_frozen BEFORE UPDATE ON {VERSION}
    FOR EACH ROW EXECUTE FUNCTION agreements_version_frozen()""",
    # One function for the parts; TG_ARGV[0] names the column that points at the version.
    f"""CREATE FUNCTION agreements_part_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        new_version bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
        old_version bigint;
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            old_version := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
        END IF;
        IF EXISTS (
            SELECT 1 FROM {VERSION} v WHERE v.id IN (new_version, old_version) AND v.status <> 'draft'
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$""",
    *[
        f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION agreements_part_frozen('version_id')"""
        for table in PARTS
    ],
    f"""CREATE TRIGGER {REQUIRED}_frozen BEFORE INSERT OR UPDATE ON {REQUIRED}
    FOR EACH ROW EXECUTE FUNCTION agreements_part_frozen('agreementversion_id')""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS agreement_version_frozen ON {VERSION}",
    *[f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}" for table in (*PARTS, REQUIRED)],
    "DROP FUNCTION IF EXISTS agreements_version_frozen()",
    "DROP FUNCTION IF EXISTS agreements_part_frozen()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"Freezing published agreements has no triggers for {schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
