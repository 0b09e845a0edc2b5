"""Documents of no partnership (directory-wide: organisations' profiles, which matching
ranks by full text; no partnership's search returns them). On SQLite, Django rebuilds
search_searchdocument to drop the NOT NULL, which drops its triggers: they are made
again and the FTS5 table rebuilt, as 0002 asks of a later migration."""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

full_text = import_module("consortia.search.migrations.0002_full_text")


def _triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in full_text.SQLITE_REVERSE[:3]:  # the triggers, if any survived
        schema_editor.execute(statement, params=None)
    for statement in full_text.TRIGGERS:
        schema_editor.execute(statement, params=None)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')", params=None)


def _drop_directory_documents(apps, schema_editor):
    """Backwards: a partnership is required again, so documents of none go (matching's)."""
    apps.get_model("search", "SearchDocument").objects.filter(partnership__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text"), ("partnerships", "0001_initial")]

    # The triggers are made again after the rebuild either way: forwards after the
    # AlterField, backwards after undoing it.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, _triggers),
        migrations.AlterField(
            model_name="searchdocument",
            name="partnership",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="partnerships.partnership",
            ),
        ),
        migrations.RunPython(_triggers, migrations.RunPython.noop),
        migrations.RunPython(migrations.RunPython.noop, _drop_directory_documents),
    ]
