# The consultation models moved here from `decisions` (issue 9) without moving their
# data: this migration creates them in Django's migration state only. Their tables
# already exist (made by decisions 0002, 0004 and 0005) and keep their names
# (`db_table`), as do their constraints and indexes, so the database is not touched.
# decisions 0006 then deletes the old models from the state, again touching nothing.
#
# The content types of the four models move with them (app_label "decisions" becomes
# "consultations"), so their permission rows and any admin log entries follow them
# instead of being left stale and recreated.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models

MODELS = ["consultation", "consultationcode", "consultationlink", "consultationresponse"]


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(ContentType.objects.using(db).filter(app_label=target, model__in=MODELS).values_list("model", flat=True))
    ContentType.objects.using(db).filter(app_label=source, model__in=set(MODELS) - taken).update(app_label=target)


def content_types_forward(apps, schema_editor):
    _move_content_types(apps, schema_editor, "decisions", "consultations")


def content_types_backward(apps, schema_editor):
    _move_content_types(apps, schema_editor, "consultations", "decisions")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('decisions', '0005_code_email_emptied_once_used'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Consultation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=8)),
                        ('closed_at', models.DateTimeField(blank=True, null=True)),
                        ('opened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('poll', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='consultation', to='decisions.poll')),
                    ],
                    options={
                        'db_table': 'decisions_consultation',
                    },
                ),
                migrations.CreateModel(
                    name='ConsultationCode',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('email', models.EmailField(blank=True, max_length=254)),
                        ('respondent_key', models.CharField(max_length=64)),
                        ('code_hash', models.CharField(max_length=64)),
                        ('expires_at', models.DateTimeField()),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('used_at', models.DateTimeField(blank=True, null=True)),
                        ('stance', models.CharField(blank=True, choices=[('support', 'Support'), ('concerns', 'Concerns'), ('neutral', 'Neutral')], max_length=8)),
                        ('comment', models.TextField(blank=True, max_length=2000)),
                        ('name', models.CharField(blank=True, max_length=100)),
                        ('requester_key', models.CharField(blank=True, max_length=64)),
                        ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='consultations.consultation')),
                    ],
                    options={
                        'db_table': 'decisions_consultationcode',
                    },
                ),
                migrations.CreateModel(
                    name='ConsultationLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('label', models.CharField(blank=True, max_length=100)),
                        ('used_at', models.DateTimeField(blank=True, null=True)),
                        ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='consultations.consultation')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'decisions_consultationlink',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ConsultationResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('stance', models.CharField(choices=[('support', 'Support'), ('concerns', 'Concerns'), ('neutral', 'Neutral')], max_length=8)),
                        ('comment', models.TextField(blank=True, max_length=2000)),
                        ('name', models.CharField(blank=True, max_length=100)),
                        ('email', models.EmailField(blank=True, max_length=254)),
                        ('respondent_key', models.CharField(max_length=64)),
                        ('hidden', models.BooleanField(default=False)),
                        ('personal_data_deleted_at', models.DateTimeField(blank=True, null=True)),
                        ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='consultations.consultation')),
                        ('link', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='response', to='consultations.consultationlink')),
                    ],
                    options={
                        'db_table': 'decisions_consultationresponse',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='consultation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('status', 'open')), models.Q(('closed_at__isnull', False), ('status', 'closed')), _connector='OR'), name='consultation_closed_at_when_closed'),
                ),
                migrations.AddIndex(
                    model_name='consultationcode',
                    index=models.Index(fields=['consultation', 'respondent_key', 'created_at'], name='code_rate'),
                ),
                migrations.AddIndex(
                    model_name='consultationcode',
                    index=models.Index(fields=['requester_key', 'created_at'], name='code_rate_by_address'),
                ),
                migrations.AddConstraint(
                    model_name='consultationresponse',
                    constraint=models.UniqueConstraint(fields=('consultation', 'respondent_key'), name='consultation_response_once_per_email'),
                ),
                migrations.AddConstraint(
                    model_name='consultationresponse',
                    constraint=models.CheckConstraint(condition=models.Q(('stance__in', ['support', 'concerns', 'neutral'])), name='response_stance_valid'),
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward, elidable=True),
    ]
