# The consultation models moved to the `consultations` app (issue 9), which took
# them over in its 0001 migration, in the migration state only. This deletes them
# from decisions' state, and again only there: the tables stay, now the
# consultations app's (they keep their decisions_* names, see its models' db_table).
# It runs after consultations 0001, so the data is never without a model.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0001_initial'),
        ('decisions', '0005_code_email_emptied_once_used'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='consultation',
                    name='opened_by',
                ),
                migrations.RemoveField(
                    model_name='consultation',
                    name='poll',
                ),
                migrations.RemoveField(
                    model_name='consultationresponse',
                    name='consultation',
                ),
                migrations.RemoveField(
                    model_name='consultationlink',
                    name='consultation',
                ),
                migrations.RemoveField(
                    model_name='consultationlink',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='consultationresponse',
                    name='link',
                ),
                migrations.DeleteModel(
                    name='ConsultationCode',
                ),
                migrations.DeleteModel(
                    name='Consultation',
                ),
                migrations.DeleteModel(
                    name='ConsultationLink',
                ),
                migrations.DeleteModel(
                    name='ConsultationResponse',
                ),
            ],
        ),
    ]
