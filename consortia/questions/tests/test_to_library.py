"""The accepted answer becomes a practice library entry in one step (issue 13, point
2): a partnership-only guide titled with the question, the answer as its summary, the
question's topics as tags, saying where it came from; only the asker, only the
accepted answer, and only once, even with two clicks at once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import AnswerFactory, QuestionFactory, TopicFactory
from consortia.core.testing import (
    last_event,
    one_success_one_conflict,
    run_at_once,
    signed_in,
    snapshot,
    text,
)
from consortia.library.models import Entry
from consortia.questions import services
from consortia.questions.models import Answer


def accepted(world, **answer_fields):
    question = QuestionFactory(
        partnership=world.partnership,
        asker=world.users["partner_member"],
        title="How do we record consent for carers' assessments?",
    )
    question.topics.set([TopicFactory(name="Consent", key="consent")])
    answer = AnswerFactory(
        question=question,
        author=world.users["convener_admin"],
        organisation=world.convener_org,
        body="Tick *consent to share* on the e-form.",
        accepted_at=timezone.now(),
        **answer_fields,
    )
    return question, answer


@pytest.mark.django_db
def test_the_asker_turns_the_accepted_answer_into_a_partnership_only_guide(world):
    question, answer = accepted(world)

    entry = services.answer_to_library(actor=world.users["partner_member"], answer=answer)

    assert (entry.title, entry.summary, entry.kind, entry.visibility) == (
        question.title,
        answer.body,
        "guide",
        "partnership",
    )
    assert entry.author == world.users["partner_member"] and entry.partnership == world.partnership
    assert [t.name for t in entry.tags.all()] == ["Consent"]
    assert entry.origin_label == f"From the accepted answer to “{question.title}”"
    assert entry.origin_url.endswith(f"/questions/{question.uuid}/#answer-{answer.uuid}")
    assert "Cora Convener (Convener Org)" in entry.evidence_note
    assert Answer.objects.get(pk=answer.pk).library_entry == entry
    assert last_event().verb == "library.entry_added"


@pytest.mark.django_db
def test_the_question_page_offers_it_to_the_asker_then_links_the_entry(world):
    question, answer = accepted(world)
    page = reverse("questions:detail", args=[world.partnership.uuid, question.uuid])
    button = reverse("questions:to_library", args=[world.partnership.uuid, question.uuid, answer.uuid])
    asker, other = signed_in(world.users["partner_member"]), signed_in(world.users["observer"])
    assert "Add to the practice library" in text(asker.get(page))
    assert "Add to the practice library" not in text(other.get(page))

    response = asker.post(button)

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("library:detail", args=[world.partnership.uuid, entry.uuid])
    shown = text(asker.get(page))
    assert "In the practice library" in shown and "Add to the practice library" not in shown


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["observer", "convener_admin"])
def test_only_the_asker_adds_it(world, persona):
    _question, answer = accepted(world)
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.answer_to_library(actor=world.users[persona], answer=answer)

    assert refused.value.status_code == 400 and "Only the person who asked" in refused.value.message
    assert snapshot() == before


@pytest.mark.django_db
def test_an_answer_not_accepted_or_already_in_the_library_is_refused(world):
    question, answer = accepted(world)
    other = AnswerFactory(question=question, author=world.users["observer"])
    asker = world.users["partner_member"]
    before = snapshot()
    with pytest.raises(Conflict, match="accept it first"):
        services.answer_to_library(actor=asker, answer=other)
    assert snapshot() == before

    services.answer_to_library(actor=asker, answer=answer)
    again = snapshot()
    with pytest.raises(Conflict, match="already in the practice library"):
        services.answer_to_library(actor=asker, answer=Answer.objects.get(pk=answer.pk))
    assert snapshot() == again


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_make_one_entry(world):
    _question, answer = accepted(world)
    asker_pk = world.users["partner_member"].pk

    def adding():
        user = User.objects.get(pk=asker_pk)
        fresh = Answer.objects.select_related("question__partnership").get(pk=answer.pk)
        return lambda: services.answer_to_library(actor=user, answer=fresh)

    one_success_one_conflict(run_at_once(adding, adding))
    assert Entry.objects.count() == 1
