"""Ledger entries are append-only, held by the database (see ../immutability.py).

Triggers refuse:
- UPDATE of any column of an entry except `created_by_id` turning NULL (Django's
  SET_NULL when the user who recorded it is deleted) and `updated_at`;
- DELETE of an entry, unless the connection's ledger purge flag is on (only the
  flush command, which empties the whole database, switches it on);
- INSERT of a reversal that does not mirror the entry it reverses (same partnership,
  partner, category, unit, kind and rate; quantity and value negated), or that
  reverses a reversal.

Both databases raise an integrity error (SQLite RAISE(ABORT), PostgreSQL SQLSTATE
23001), which Django turns into IntegrityError.

On SQLite, a later migration that alters this table rebuilds it and so drops its
triggers: such a migration must create them again (test_immutability.py fails
otherwise).
"""

from django.db import migrations

TABLE = "contributions_entry"
FROZEN = (
    "id",
    "uuid",
    "created_at",
    "partnership_id",
    "partner_id",
    "category",
    "unit",
    "quantity",
    '"on"',
    "note",
    "pledge_id",
    "kind",
    "rate_gbp",
    "value_gbp",
    "source_key",
    "reverses_id",
    "reason",
)
CHANGED = "A ledger entry is never changed: record a reversal with a reason instead."
DELETED = "A ledger entry is never deleted: record a reversal with a reason instead."
MISMATCH = "A reversal must mirror the entry it reverses, and a reversal is never reversed."

_changed_sqlite = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)
_bad_reversal = """NEW.reverses_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM contributions_entry o WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
    AND o.partnership_id = NEW.partnership_id AND o.partner_id = NEW.partner_id
    AND o.category = NEW.category AND o.unit = NEW.unit AND o.kind = NEW.kind
    AND o.rate_gbp = NEW.rate_gbp AND o.quantity = -NEW.quantity AND o.value_gbp = -NEW.value_gbp)"""

SQLITE = [
    f"""CREATE TRIGGER contributions_entry_no_update BEFORE UPDATE ON {TABLE}
    FOR EACH ROW WHEN {_changed_sqlite}
    OR (NEW.created_by_id IS NOT NULL AND NEW.created_by_id IS NOT OLD.created_by_id)
    BEGIN SELECT RAISE(ABORT, '{CHANGED}'); END""",
    f"""CREATE TRIGGER contributions_entry_no_delete BEFORE DELETE ON {TABLE}
    FOR EACH ROW WHEN consortia_ledger_purge() = 0
    BEGIN SELECT RAISE(ABORT, '{DELETED}'); END""",
    f"""CREATE TRIGGER contributions_entry_reversal_mirrors BEFORE INSERT ON {TABLE}
    FOR EACH ROW WHEN {_bad_reversal}
    BEGIN SELECT RAISE(ABORT, '{MISMATCH}'); END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS contributions_entry_{name}" for name in ("no_update", "no_delete", "reversal_mirrors")
]

_new_row = ", ".join(f"NEW.{c}" for c in FROZEN)
_old_row = ", ".join(f"OLD.{c}" for c in FROZEN)
POSTGRESQL = [
    f"""CREATE FUNCTION contributions_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF coalesce(current_setting('consortia.ledger_purge', true), '') = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{DELETED}' USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF ROW({_new_row}) IS DISTINCT FROM ROW({_old_row})
               OR (NEW.created_by_id IS NOT NULL AND NEW.created_by_id IS DISTINCT FROM OLD.created_by_id) THEN
                RAISE EXCEPTION '{CHANGED}' USING ERRCODE = 'restrict_violation';
            END IF;
            RETURN NEW;
        END IF;
        IF {_bad_reversal} THEN
            RAISE EXCEPTION '{MISMATCH}' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER contributions_entry_append_only BEFORE INSERT OR UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION contributions_entry_append_only()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS contributions_entry_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS contributions_entry_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"The append-only ledger has no triggers for {schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
