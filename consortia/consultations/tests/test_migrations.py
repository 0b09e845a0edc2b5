"""The consultation models moved from `decisions` to this app without moving their
data (consultations 0001 and decisions 0006 change the migration state only): a
database at the last state before the move keeps every row when migrated forward,
and again when migrated back; the models' content types move with them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consortia.consultations import services
from consortia.consultations.models import (
    Consultation,
    ConsultationCode,
    ConsultationLink,
    ConsultationResponse,
)
from consortia.core.factories import PollFactory

# The last state before the move: decisions held the consultations, and this app had no migration.
LAST_BEFORE = ("decisions", "0005_code_email_emptied_once_used")
BEFORE = [LAST_BEFORE, ("consultations", None)]
MODELS = {
    "consultation": Consultation,
    "consultationcode": ConsultationCode,
    "consultationlink": ConsultationLink,
    "consultationresponse": ConsultationResponse,
}
FIELDS = {
    "consultation": ["uuid", "poll_id", "token_hash", "status", "opened_by_id"],
    "consultationcode": ["uuid", "consultation_id", "email", "respondent_key", "code_hash", "stance"],
    "consultationlink": ["uuid", "consultation_id", "token_hash", "label", "used_at"],
    "consultationresponse": ["uuid", "consultation_id", "stance", "comment", "link_id", "respondent_key"],
}


def rows(models: dict) -> dict:
    """Every row of the four models, as the values of FIELDS, by primary key."""
    return {
        name: {values[0]: values[1:] for values in model.objects.values_list("pk", *FIELDS[name])}
        for name, model in models.items()
    }


def migrate(targets: list) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # read what is applied now
    return executor


def to_latest() -> None:
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def consultation_with_answers(world):
    """A consultation with an answer by email code (pending, then another answered)
    and one through a personal link, made by the services of today's code."""
    convener = world.users["convener_admin"]
    poll = PollFactory(partnership=world.partnership, created_by=convener)
    consultation, _ = services.consultation_open(actor=convener, poll=poll)
    services.code_request(consultation=consultation, email="pending@example.org", stance="support")
    [(link, _)] = services.links_create(actor=convener, consultation=consultation, count=1, label="Library")
    services.link_answer(link=link, stance="concerns", comment="Buses stop early.")
    return consultation


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_row_when_migrated_back_before_the_move_and_forward_again(consultation_with_answers):
    made = rows(MODELS)
    assert all(made.values())  # a row of each model

    try:
        before = migrate(BEFORE).loader.project_state(LAST_BEFORE).apps
        # The tables are decisions' again, read through decisions' models of that time.
        old_models = {name: before.get_model("decisions", name) for name in MODELS}
        assert rows(old_models) == made
        old_response = old_models["consultationresponse"].objects.get()
        assert old_response.link.consultation.poll.uuid == consultation_with_answers.poll.uuid
    finally:
        to_latest()

    assert rows(MODELS) == made
    response = ConsultationResponse.objects.select_related("link__consultation__poll").get()
    assert response.link.consultation == consultation_with_answers
    # New rows still get fresh ids (PostgreSQL's sequences came with the tables).
    [(link, _)] = services.links_create(
        actor=consultation_with_answers.opened_by, consultation=consultation_with_answers, count=1
    )
    assert link.pk > max(made["consultationlink"])


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_models_content_types_to_this_app_and_back():
    """Their permissions (and admin log entries) follow the models, not left stale."""
    ids = {ContentType.objects.get_for_model(model).pk: name for name, model in MODELS.items()}

    def labels() -> dict:
        return {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.filter(pk__in=ids)}

    try:
        migrate(BEFORE)
        assert labels() == {pk: ("decisions", name) for pk, name in ids.items()}
    finally:
        to_latest()
        ContentType.objects.clear_cache()

    assert labels() == {pk: ("consultations", name) for pk, name in ids.items()}
