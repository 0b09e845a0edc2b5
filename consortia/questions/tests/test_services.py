"""The questions services: asking (routed by matching's suggestions, with the reason
recorded), "ask them", answering, accepting one answer (and changing one's mind),
widening and closing, each refusal a 4xx with nothing written; the notifications; the
evidence questions give matching."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    AnswerFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PersonExpertiseFactory,
    QuestionFactory,
    TopicFactory,
    UserFactory,
)
from consortia.core.models import Event
from consortia.core.testing import last_event, snapshot
from consortia.matching import selectors as matching
from consortia.matching.selectors import Suggestion
from consortia.notifications.models import Notification
from consortia.questions import services
from consortia.questions.matching import answers as answers_evidence
from consortia.questions.models import Answer, Question, Route

pytestmark = pytest.mark.django_db


def knows(world, persona, topic_name, partnership=None):
    topic = TopicFactory(name=topic_name, key=topic_name.casefold())
    return PersonExpertiseFactory(
        partnership=partnership or world.partnership, user=world.users[persona], topic=topic
    )


def ask(world, persona="partner_member", **overrides):
    kwargs = {
        "title": "How do we record consent for carers' assessments?",
        "body": "We use a **paper** form. Is there better?",
        "topics": ["Consent"],
    } | overrides
    return services.question_ask(actor=world.users[persona], partnership=world.partnership, **kwargs)


def test_asking_routes_to_the_people_who_know_the_topics_never_the_asker(world):
    knows(world, "convener_admin", "consent")
    knows(world, "partner_member", "consent")
    knows(world, "observer", "transport")

    question = ask(world)

    assert question.target == timezone.localdate() + timedelta(days=7)
    assert [t.key for t in question.topics.all()] == ["consent"]
    route = question.routes.get()
    assert route.user == world.users["convener_admin"]
    assert route.reason == "knows consent"
    assert route.routed_by is None
    event = last_event()
    assert event.verb == "questions.asked"
    assert event.payload["routed"] == [world.users["convener_admin"].pk]
    assert "(response target " in event.object_repr


def test_topics_reuse_the_shared_list_normalised(world):
    knows(world, "convener_admin", "carer assessment")
    question = ask(world, topics=["Carers' Assessments", "carers assessment", " "])
    assert [t.key for t in question.topics.all()] == ["carer assessment"]
    assert question.routes.get().user == world.users["convener_admin"]


def test_a_suggested_organisation_reaches_its_representatives(world, monkeypatch):
    monkeypatch.setattr(
        "consortia.questions.selectors.suggestions",
        lambda *a, **k: [Suggestion(organisation=world.core_org, reasons=["offers transport"])],
    )
    question = ask(world, persona="convener_admin")
    route = question.routes.get()
    assert route.user == world.users["partner_admin"]  # core partner's representative
    assert route.organisation == world.core_org
    assert route.reason == "speaks for Core Org: offers transport"


def test_an_organisation_without_representatives_reaches_its_admins(world, monkeypatch):
    org = OrganisationFactory(name="Riverside Medical Practice")
    PartnerFactory(partnership=world.partnership, organisation=org, role="core")
    gp = MembershipFactory(organisation=org, role="admin").user
    outside = OrganisationFactory(name="Elsewhere")
    monkeypatch.setattr(
        "consortia.questions.selectors.suggestions",
        lambda *a, **k: [
            Suggestion(organisation=org),
            Suggestion(organisation=outside, in_partnership=False),
        ],
    )
    question = ask(world)
    assert list(question.routes.values_list("user_id", flat=True)) == [gp.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": " "}, "title", "Enter your question"),
        ({"body": ""}, "body", "Say more"),
        ({"title": "x" * 201}, "title", "200 characters"),
        ({"target": timezone.localdate() - timedelta(days=1)}, "target", "today or later"),
        ({"topics": ["!!!"]}, "topic", "in words"),
        ({"topics": [f"t{i}" for i in range(6)]}, "topics", "at most 5"),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_written(world, overrides, field, message):
    before = snapshot()
    with pytest.raises(ServiceError, match=message) as refused:
        ask(world, **overrides)
    assert refused.value.status_code == 400 and refused.value.field == field
    assert snapshot() == before


def test_outsiders_and_site_admins_cannot_ask(world):
    for persona in ("outsider", "site_admin"):
        with pytest.raises(PermissionDenied):
            ask(world, persona=persona)


def test_ask_them_routes_to_one_more_suggested_person(world):
    knows(world, "convener_admin", "consent")
    knows(world, "partner_admin", "consent")
    question = ask(world, persona="partner_member")
    routed = set(question.routes.values_list("user_id", flat=True))
    assert routed == {world.users["convener_admin"].pk, world.users["partner_admin"].pk}

    other = knows(world, "observer", "consent").user
    route = services.question_route(actor=world.users["participant"], question=question, user=other)
    assert route.routed_by == world.users["participant"] and route.reason == "knows consent"
    assert last_event().payload["routed"] == [other.pk]
    with pytest.raises(Conflict, match="already asked"):
        services.question_route(actor=world.users["participant"], question=question, user=other)
    with pytest.raises(ServiceError, match="not among the people suggested"):
        services.question_route(
            actor=world.users["participant"], question=question, user=world.users["outsider"]
        )


def test_members_answer_with_their_organisation(world):
    question = ask(world)
    answer = services.answer_post(
        actor=world.users["partner_admin"], question=question, body="Use the **e-form**."
    )
    assert answer.organisation == world.core_org and not answer.from_directory
    assert last_event().payload["asker"] == world.users["partner_member"].pk
    participant_answer = services.answer_post(
        actor=world.users["participant"], question=question, body="Ask."
    )
    assert participant_answer.organisation is None


def test_an_empty_answer_or_one_to_a_closed_question_is_refused(world):
    question = ask(world)
    with pytest.raises(ServiceError, match="Enter your answer"):
        services.answer_post(actor=world.users["partner_admin"], question=question, body="  ")
    services.question_close(actor=world.users["partner_member"], question=question)
    before = snapshot()
    with pytest.raises(Conflict, match="closed"):
        services.answer_post(actor=world.users["partner_admin"], question=question, body="Late.")
    assert snapshot() == before


def test_outsiders_answer_only_widened_questions(world):
    question = ask(world)
    with pytest.raises(PermissionDenied):
        services.answer_post(actor=world.users["outsider"], question=question, body="Me!")
    services.question_widen(actor=world.users["partner_member"], question=question)
    answer = services.answer_post(actor=world.users["outsider"], question=question, body="Us too.")
    assert answer.organisation == world.outsider_org and answer.from_directory
    with pytest.raises(PermissionDenied):  # no organisation at all
        services.answer_post(actor=UserFactory(), question=question, body="Hello")


def test_the_asker_accepts_one_answer_and_can_change_their_mind(world):
    question = ask(world)
    first = services.answer_post(actor=world.users["partner_admin"], question=question, body="One")
    second = services.answer_post(actor=world.users["convener_admin"], question=question, body="Two")
    asker = world.users["partner_member"]

    services.answer_accept(actor=asker, answer=first)
    assert last_event().payload["answerer"] == world.users["partner_admin"].pk
    with pytest.raises(Conflict, match="already accepted"):
        services.answer_accept(actor=asker, answer=first)
    services.answer_accept(actor=asker, answer=second)
    assert list(Answer.objects.filter(accepted_at__isnull=False)) == [second]
    services.answer_unaccept(actor=asker, answer=second)
    assert not Answer.objects.filter(accepted_at__isnull=False).exists()
    with pytest.raises(Conflict, match="not the accepted one"):
        services.answer_unaccept(actor=asker, answer=second)


def test_accepting_an_answer_to_ones_own_question_is_fine(world):
    question = ask(world)
    own = services.answer_post(
        actor=world.users["partner_member"], question=question, body="Found it myself."
    )
    services.answer_accept(actor=world.users["partner_member"], answer=own)
    own.refresh_from_db()
    assert own.is_accepted


def test_accepting_an_answer_to_someone_elses_question_is_refused_not_forbidden(world):
    question = ask(world)
    answer = services.answer_post(actor=world.users["partner_admin"], question=question, body="One")
    before = snapshot()
    for persona in ("partner_admin", "convener_admin", "site_admin"):
        with pytest.raises(ServiceError, match="Only the person who asked") as refused:
            services.answer_accept(actor=world.users[persona], answer=answer)
        assert refused.value.status_code == 400
    assert snapshot() == before


def test_the_database_holds_one_accepted_answer_per_question(world):
    from django.db import IntegrityError, transaction

    question = QuestionFactory(partnership=world.partnership)
    AnswerFactory(question=question, accepted_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(question=question, accepted_at=timezone.now())


def test_widening_by_the_asker_or_the_convener_once(world):
    question = ask(world)
    with pytest.raises(ServiceError, match="Only the person who asked the question or the convener"):
        services.question_widen(actor=world.users["partner_admin"], question=question)
    services.question_widen(actor=world.users["convener_admin"], question=question)
    assert question.widened_at is not None and last_event().verb == "questions.widened"
    before = snapshot()
    with pytest.raises(Conflict, match="already open to the directory"):
        services.question_widen(actor=world.users["partner_member"], question=question)
    assert snapshot() == before


def test_an_answered_question_is_not_widened(world):
    question = ask(world)
    answer = services.answer_post(actor=world.users["partner_admin"], question=question, body="One")
    services.answer_accept(actor=world.users["partner_member"], answer=answer)
    with pytest.raises(Conflict, match="accepted answer"):
        services.question_widen(actor=world.users["partner_member"], question=question)


def test_closing_twice_is_a_conflict(world):
    question = ask(world)
    services.question_close(actor=world.users["convener_admin"], question=question)
    assert Question.objects.get().status == "closed"
    with pytest.raises(Conflict):
        services.question_close(actor=world.users["partner_member"], question=question)


def test_a_closed_partnership_takes_no_questions(world):
    world.partnership.status = "closed"
    world.partnership.save()
    with pytest.raises(Conflict, match="has closed"):
        ask(world)


@pytest.mark.usefixtures("notifications_on")
def test_the_routed_the_asker_and_the_answerer_are_told(world, django_capture_on_commit_callbacks):
    knows(world, "convener_admin", "consent")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(world)
    note = Notification.objects.get()
    assert note.recipient == world.users["convener_admin"]
    assert note.url.endswith(f"/questions/{question.uuid}/")
    assert "response target" in note.event.object_repr
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_post(actor=world.users["convener_admin"], question=question, body="Yes")
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        world.users["partner_member"].pk
    ]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(actor=world.users["partner_member"], answer=answer)
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        world.users["convener_admin"].pk
    ]


def test_answers_are_evidence_for_matching_in_one_query(world, django_assert_num_queries):
    transport = knows(world, "partner_admin", "transport").topic
    for i in range(3):
        question = QuestionFactory(partnership=world.partnership, title=f"Q{i}")
        question.topics.set([transport])
        answer = AnswerFactory(question=question, author=world.users["partner_admin"])
        if i == 0:
            answer.accepted_at = timezone.now()
            answer.save()
    elsewhere = QuestionFactory()
    elsewhere.topics.set([transport])
    AnswerFactory(question=elsewhere, author=world.users["partner_admin"])

    with django_assert_num_queries(1):
        found = answers_evidence(world.partnership, [world.users["partner_admin"].pk], [transport.pk])
    evidence = found[world.users["partner_admin"].pk]
    assert evidence.reason == "answered 3 questions on transport"
    assert evidence.weight == 4.0

    (suggestion,) = matching.suggestions(world.partnership, topics=[transport])
    assert suggestion.why == "knows transport; answered 3 questions on transport"


def test_every_change_writes_one_event(world):
    before = Event.objects.count()
    question = ask(world)
    answer = services.answer_post(actor=world.users["partner_admin"], question=question, body="One")
    services.answer_accept(actor=world.users["partner_member"], answer=answer)
    services.answer_unaccept(actor=world.users["partner_member"], answer=answer)
    services.question_widen(actor=world.users["partner_member"], question=question)
    services.question_close(actor=world.users["partner_member"], question=question)
    assert Event.objects.count() - before == 6
    assert Route.objects.count() == 0
