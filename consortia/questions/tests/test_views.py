"""The questions pages: the list with its filters and counts (past their target
first), asking with refusals on the form (4xx, nothing written), the question page
("Asked of: … (why)", "Ask them", accept buttons for the asker only), hostile Markdown
refused (and, stored before the rule, inert), and the directory: widened questions only, readable and answerable by
members of other organisations, their organisation beside their name, nothing else of
the partnership shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import (
    AnswerFactory,
    PersonExpertiseFactory,
    QuestionFactory,
    RouteFactory,
    ThreadFactory,
    TopicFactory,
)
from consortia.core.testing import (
    IMG,
    SCRIPT,
    assert_inert,
    inline_error,
    problem_message,
    signed_in,
    snapshot,
    text,
)
from consortia.questions.models import Answer

pytestmark = pytest.mark.django_db

HOSTILE = f"{SCRIPT} {IMG} [click](javascript:alert(1)) <a href='#' onclick='alert(1)'>x</a> <b>raw</b>"


def url(world, name="questions:list", *args):
    return reverse(name, args=[world.partnership.uuid, *args])


def question(world, **kwargs):
    kwargs.setdefault("asker", world.users["partner_member"])
    return QuestionFactory(partnership=world.partnership, **kwargs)


def test_the_list_shows_counts_and_unanswered_questions_past_their_target_first(world):
    today = timezone.localdate()
    later = question(world, title="Later one?", target=today + timedelta(days=3))
    late = question(world, title="Late one?", target=today - timedelta(days=2))
    answered_late = question(world, title="Answered late?", target=today - timedelta(days=5))
    AnswerFactory(question=answered_late)
    accepted = question(world, title="Settled?")
    AnswerFactory(question=accepted, accepted_at=timezone.now())
    question(world, title="Shut?", status="closed")

    page = text(signed_in(world.users["observer"]).get(url(world)))

    assert page.index("Late one?") < page.index("Answered late?") < page.index("Later one?")
    assert page.count("Past its target") == 1
    assert "Open (3)" in page and "Unanswered (2)" in page and "Answered (1)" in page and "Closed (1)" in page
    assert "Settled?" not in page and "Shut?" not in page
    unanswered = text(signed_in(world.users["observer"]).get(url(world), {"show": "unanswered"}))
    assert "Late one?" in unanswered and "Later one?" in unanswered and "Answered late?" not in unanswered
    assert "Settled?" in text(signed_in(world.users["observer"]).get(url(world), {"show": "answered"}))
    assert later.uuid and late.uuid


def test_asking_on_the_form_routes_and_shows_who_was_asked_and_why(world):
    topic = TopicFactory(name="consent", key="consent")
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["convener_admin"], topic=topic)
    client = signed_in(world.users["partner_member"])
    assert text(client.get(url(world, "questions:ask"))).count(
        f'value="{(timezone.localdate() + timedelta(days=7)).isoformat()}"'
    )
    response = client.post(
        url(world, "questions:ask"),
        {
            "title": "Consent?",
            "body": "How?",
            "topics": "Consent",
            "target": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    page = text(response)
    assert "It was put to 1 person who may know" in page
    assert "Asked of: Cora Convener, Convener Org (knows consent)" in page


def test_a_target_in_the_past_is_refused_on_the_form(world):
    client = signed_in(world.users["partner_member"])
    before = snapshot()
    response = client.post(
        url(world, "questions:ask"), {"title": "Consent?", "body": "How?", "target": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "today or later" in inline_error(response, "target")
    assert snapshot() == before


def test_the_question_page_offers_ask_them_and_the_asker_alone_accepts(world):
    topic = TopicFactory(name="consent", key="consent")
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["observer"], topic=topic)
    q = question(world)
    q.topics.set([topic])
    RouteFactory(question=q, user=world.users["convener_admin"], reason="knows consent")
    AnswerFactory(question=q, author=world.users["partner_admin"], organisation=world.core_org)

    asker_page = text(signed_in(world.users["partner_member"]).get(url(world, "questions:detail", q.uuid)))
    assert "Asked of: Cora Convener (knows consent)" in asker_page
    assert "Olive Observer, Observer Org (knows consent)" in asker_page and "Ask them" in asker_page
    assert "Accept this answer" in asker_page and "Pat Partner (Core Org)" in asker_page
    assert "Open to the directory" in asker_page and "Close the question" in asker_page
    other = text(signed_in(world.users["partner_admin"]).get(url(world, "questions:detail", q.uuid)))
    assert "Accept this answer" not in other and "Open to the directory" not in other


def test_accepting_someone_elses_question_shows_a_400_not_a_403(world):
    q = question(world)
    answer = AnswerFactory(question=q)
    response = signed_in(world.users["partner_admin"]).post(
        url(world, "questions:accept", q.uuid, answer.uuid)
    )
    assert response.status_code == 400
    assert "Only the person who asked" in problem_message(response)
    assert not Answer.objects.filter(accepted_at__isnull=False).exists()


def test_the_accepted_answer_is_marked_with_a_spot_for_the_library(world):
    q = question(world)
    AnswerFactory(question=q, accepted_at=timezone.now(), body="Use the e-form.")
    page = text(signed_in(world.users["partner_member"]).get(url(world, "questions:detail", q.uuid)))
    assert "Accepted answer" in page and 'data-testid="accepted-answer-actions"' in page
    assert "Withdraw acceptance" in page


@pytest.mark.parametrize(
    "hostile",
    [SCRIPT, IMG, "[click](javascript:alert(1))", "<a href='#' onclick='alert(1)'>x</a>", "<b>raw</b>"],
    ids=["script", "img onerror", "javascript link", "onclick", "raw html"],
)
def test_hostile_markdown_in_a_question_or_an_answer_is_refused_writing_nothing(world, hostile):
    q = question(world)
    client, outsider = signed_in(world.users["partner_member"]), signed_in(world.users["outsider"])
    target = timezone.localdate().isoformat()
    before = snapshot()

    asked = client.post(
        url(world, "questions:ask"), {"title": "Hostile?", "body": f"Hi {hostile}", "target": target}
    )
    titled = client.post(
        url(world, "questions:ask"), {"title": f"Hi {hostile}", "body": "Hi", "target": target}
    )
    answered = client.post(url(world, "questions:answer", q.uuid), {"body": f"Hi {hostile}"})
    q.widened_at = timezone.now()
    q.save(update_fields=["widened_at"])
    widened = outsider.post(reverse("directory_questions:answer", args=[q.uuid]), {"body": f"Hi {hostile}"})

    assert [r.status_code for r in (asked, titled, answered, widened)] == [400] * 4
    assert "The details must not" in inline_error(asked, "body")
    assert "The question must not" in inline_error(titled, "title")
    assert "The answer must not" in inline_error(answered, "body")
    q.widened_at = None
    q.save(update_fields=["widened_at"])
    assert snapshot() == before


def test_hostile_markdown_stored_before_the_rule_stays_inert(world):
    q = question(world, body=HOSTILE)
    AnswerFactory(question=q, body=HOSTILE)
    client = signed_in(world.users["partner_member"])
    page = text(client.get(url(world, "questions:detail", q.uuid)))
    assert_inert(page, "the question page")
    assert 'href="javascript:' not in page and "<b>raw</b>" not in page
    q.widened_at = timezone.now()
    q.save()
    assert_inert(
        text(signed_in(world.users["outsider"]).get(reverse("directory_questions:detail", args=[q.uuid]))),
        "the directory",
    )


def test_an_empty_answer_is_refused_on_the_form(world):
    q = question(world)
    client = signed_in(world.users["partner_admin"])
    before = snapshot()
    response = client.post(url(world, "questions:answer", q.uuid), {"body": ""})
    assert response.status_code == 400
    assert "Enter your answer" in inline_error(response, "body")
    assert snapshot() == before


def test_an_answer_to_a_closed_question_is_refused(world):
    q = question(world, status="closed")
    response = signed_in(world.users["partner_admin"]).post(
        url(world, "questions:answer", q.uuid), {"body": "Hi"}
    )
    assert response.status_code == 409
    assert not Answer.objects.exists()


def test_un_widened_questions_never_reach_the_directory_or_outsiders(world):
    hidden = question(world, title="Partnership only?", body="Our private budget.")
    shown = question(world, title="Widened?", widened_at=timezone.now())
    AnswerFactory(question=hidden, body="A private answer.")
    ThreadFactory(partnership=world.partnership, title="Secret thread")
    outsider = signed_in(world.users["outsider"])

    listing = text(outsider.get(reverse("directory_questions:list")))
    assert "Widened?" in listing and "Partnership only?" not in listing
    assert outsider.get(reverse("directory_questions:detail", args=[hidden.uuid])).status_code == 404
    assert outsider.get(url(world, "questions:detail", shown.uuid)).status_code == 404
    assert outsider.get(url(world)).status_code == 404
    page = text(outsider.get(reverse("directory_questions:detail", args=[shown.uuid])))
    assert "Carers Advice Partnership" not in page and "Secret thread" not in page
    assert "Max Member" not in page  # not even the asker's name


def test_outsiders_answer_widened_questions_with_their_organisation_shown(world):
    q = question(world, widened_at=timezone.now())
    outsider = signed_in(world.users["outsider"])
    response = outsider.post(
        reverse("directory_questions:answer", args=[q.uuid]), {"body": "We did this."}, follow=True
    )
    assert "Otto Outsider (Outsider Org)" in text(response)
    member_page = text(signed_in(world.users["partner_member"]).get(url(world, "questions:detail", q.uuid)))
    assert "Otto Outsider (Outsider Org)" in member_page and "through the directory" in member_page


def test_people_without_an_organisation_do_not_see_the_directory_questions(world, client):
    question(world, widened_at=timezone.now())
    assert signed_in(world.users["participant"]).get(reverse("directory_questions:list")).status_code == 404
    assert client.get(reverse("directory_questions:list")).status_code == 302
