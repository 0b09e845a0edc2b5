"""No two approved bookings of one asset overlap, held by PostgreSQL: the btree_gist
extension (for `asset_id WITH =` in a GiST index) and an exclusion constraint on
the booking's [start, end) range where status = 'approved'.

Both operations do nothing on other databases: BtreeGistExtension (Django's
CreateExtension) skips them itself, and AddConstraintOnPostgres below does. On
SQLite the services check for an overlap inside an IMMEDIATE transaction instead
(consortia/assets/services.py). The constraint is not in the model's Meta, so the
model state (and makemigrations) is the same on every database.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import Func, Q

NAME = "booking_no_overlap_approved"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def no_overlap() -> ExclusionConstraint:
    return ExclusionConstraint(
        name=NAME,
        expressions=[
            ("asset", RangeOperators.EQUAL),
            (TsTzRange("start", "end", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=Q(status="approved"),
    )


class AddConstraintOnPostgres(migrations.operations.base.Operation):
    """Add the exclusion constraint on PostgreSQL only; the model state is unchanged."""

    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_constraint(to_state.apps.get_model(app_label, "booking"), no_overlap())

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_constraint(from_state.apps.get_model(app_label, "booking"), no_overlap())

    def describe(self):
        return f"Add the exclusion constraint {NAME} on PostgreSQL"


class Migration(migrations.Migration):
    dependencies = [("assets", "0001_initial")]

    operations = [BtreeGistExtension(), AddConstraintOnPostgres()]
