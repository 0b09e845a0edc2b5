"""On PostgreSQL, a transaction's legs must sum to zero when the database transaction
commits, whoever wrote them: a DEFERRABLE INITIALLY DEFERRED constraint trigger on
fund_leg checks the sum for the transaction each inserted, changed or deleted leg
belongs to (ledger.post() checks the same before it writes; SQLite has no deferred
triggers, so there post() alone holds it)."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION fund_leg_balanced() RETURNS trigger AS $$
DECLARE
    txn bigint;
    total numeric;
BEGIN
    IF TG_OP = 'DELETE' THEN
        txn := OLD.transaction_id;
    ELSE
        txn := NEW.transaction_id;
    END IF;
    SELECT COALESCE(SUM(amount), 0) INTO total FROM fund_leg WHERE transaction_id = txn;
    IF total <> 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
            MESSAGE = 'fund transaction ' || txn || ' is unbalanced: its legs sum to ' || total;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.transaction_id <> NEW.transaction_id THEN
        SELECT COALESCE(SUM(amount), 0) INTO total FROM fund_leg WHERE transaction_id = OLD.transaction_id;
        IF total <> 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                MESSAGE = 'fund transaction ' || OLD.transaction_id || ' is unbalanced: its legs sum to ' || total;
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER fund_leg_balanced
    AFTER INSERT OR UPDATE OR DELETE ON fund_leg
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION fund_leg_balanced();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS fund_leg_balanced ON fund_leg;
DROP FUNCTION IF EXISTS fund_leg_balanced();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("fund", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
