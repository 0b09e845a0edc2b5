"""The questions list costs the same number of queries with 10 or 500 questions, and a
question's page the same with 10 or 500 answers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PersonExpertiseFactory, QuestionFactory, TopicFactory
from consortia.core.testing import query_budget, signed_in, text
from consortia.questions.models import Answer, Question, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the partners and their
# representatives (the permission checks), the counts under every filter, the questions with
# their askers, their topics (one prefetch), + the header's unread notifications count.
LIST = 9
# The session's user, the partnership, the viewer's memberships, the partners and their
# representatives (the permission checks), the question with its asker, its answers
# with their authors, organisations and library entries, its topics, who it was asked
# of with their organisations; then the suggestions (matching.selectors.suggestions,
# docs/matching.md): the partnership's members and its participants, the text matches
# among people's expertise, their expertise, their endorsements, the track records
# registered by questions and by the library (one query each), the partner
# organisations' topics and the text matches among organisations; + the header's unread
# notifications count.
DETAIL = 19


def _questions(world, n):
    topic = TopicFactory(name="consent", key="consent")
    questions = Question.objects.bulk_create(
        Question(
            partnership=world.partnership,
            asker=world.users["partner_member"],
            title=f"Question {i}?",
            body="How?",
            target=timezone.localdate(),
        )
        for i in range(n)
    )
    Question.topics.through.objects.bulk_create(
        Question.topics.through(question_id=q.pk, topic_id=topic.pk) for q in questions
    )
    Answer.objects.bulk_create(
        Answer(
            question=q,
            author=world.users["partner_admin"],
            body="This.",
            accepted_at=timezone.now() if i % 4 == 0 else None,
        )
        for i, q in enumerate(questions)
        if i % 2 == 0
    )


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize("show", ["open", "unanswered", "answered"])
def test_the_questions_list_costs_the_same_with_10_or_500_questions(world, n, show):
    _questions(world, n)
    client = signed_in(world.users["observer"])
    with query_budget(LIST):
        response = client.get(reverse("questions:list", args=[world.partnership.uuid]), {"show": show})
    assert response.status_code == 200
    shown = {"open": n - (n + 3) // 4, "unanswered": n // 2, "answered": (n + 3) // 4}[show]
    assert text(response).count('class="govuk-!-margin-bottom-4 consortia-question"') == shown


@pytest.mark.parametrize("n", [10, 500])
def test_a_question_page_costs_the_same_with_10_or_500_answers(world, n):
    topic = TopicFactory(name="consent", key="consent")
    for persona in ("convener_admin", "observer", "partner_admin"):
        PersonExpertiseFactory(partnership=world.partnership, user=world.users[persona], topic=topic)
    question = QuestionFactory(partnership=world.partnership, asker=world.users["partner_member"])
    question.topics.set([topic])
    Route.objects.create(question=question, user=world.users["convener_admin"], reason="knows consent")
    Answer.objects.bulk_create(
        Answer(
            question=question,
            author=world.users["partner_admin"],
            organisation=world.core_org,
            body=f"**{i}**",
        )
        for i in range(n)
    )
    client = signed_in(world.users["partner_member"])
    with query_budget(DETAIL):
        response = client.get(reverse("questions:detail", args=[world.partnership.uuid, question.uuid]))
    assert response.status_code == 200
    assert text(response).count("Accept this answer") == n
