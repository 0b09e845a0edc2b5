"""Fetch a question *within* a partnership the caller already fetched for the user
(consortia.partnerships.access), or a widened question through the directory: missing,
another partnership's, not widened and not allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Answer, Question

VIEW = "questions.view_question"
READ_WIDENED = "questions.read_widened_question"


def question_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Question:
    """The partnership's question `uuid`; 404 when there is none or `perm` is not the user's."""
    question = Question.objects.filter(partnership=partnership, uuid=uuid).select_related("asker").first()
    if question is not None:
        question.partnership = partnership
    if (
        question is None
        or not rules.has_perm(VIEW, user, question)
        or not rules.has_perm(perm, user, question)
    ):
        raise Http404("No such question.")
    return question


def widened_question_get_for_user(user: User | AnonymousUser, uuid: UUID) -> Question:
    """A question widened to the directory, for anyone signed in who belongs to an
    organisation; 404 otherwise (never an un-widened question)."""
    question = (
        Question.objects.filter(uuid=uuid, widened_at__isnull=False)
        .select_related("asker", "partnership")
        .first()
    )
    if question is None or not rules.has_perm(READ_WIDENED, user, question):
        raise Http404("No such question.")
    return question


def answer_get(question: Question, uuid: UUID) -> Answer:
    answer = question.answers.filter(uuid=uuid).select_related("author").first()
    if answer is None:
        raise Http404("No such answer.")
    answer.question = question
    return answer
