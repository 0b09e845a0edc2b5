"""The demo partnership's questions: one answered, with an accepted answer turned into
a practice library entry, and one open, routed to the GP practice's representative."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.questions.models import Question

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_answered_question_and_one_routed_to_the_gp_practice(client):
    call_command("demo")

    answered = Question.objects.get(title="How do we record consent for carers' assessments?")
    accepted = answered.answers.get(accepted_at__isnull=False)
    assert accepted.author.name == "Gareth Evans"
    assert accepted.library_entry.title == answered.title  # turned into a library entry
    open_question = Question.objects.get(title__startswith="Can the surgery")
    route = open_question.routes.get(user__name="Dr Anil Mehta")
    assert route.organisation.name == "Riverside Medical Practice"
    assert "dementia diagnosis" in route.reason

    client.force_login(open_question.asker)
    page = client.get(reverse("questions:detail", args=[open_question.partnership.uuid, open_question.uuid]))
    assert "Asked of: Dr Anil Mehta, Riverside Medical Practice" in page.content.decode()
