"""Two accepts of different answers to one question at once, and an accept racing a
second tab's accept of the same answer, proved with real threads on real connections:
one accepted answer at the end, never a 500 (the row lock on the question queues them;
the partial unique index would refuse a second)."""

import pytest

from consortia.accounts.models import User
from consortia.core.errors import Conflict
from consortia.core.factories import AnswerFactory, QuestionFactory
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.questions.models import Answer
from consortia.questions.services import answer_accept

pytestmark = pytest.mark.django_db(transaction=True)


def accepting(user_pk: int, answer_pk: int):
    def prepare():
        user = User.objects.get(pk=user_pk)
        answer = Answer.objects.select_related("question__partnership").get(pk=answer_pk)
        return lambda: answer_accept(actor=user, answer=answer)

    return prepare


def test_two_answers_accepted_at_once_leave_one_accepted(world):
    asker = world.users["partner_member"]
    question = QuestionFactory(partnership=world.partnership, asker=asker)
    first, second = AnswerFactory(question=question), AnswerFactory(question=question)

    results = run_at_once(accepting(asker.pk, first.pk), accepting(asker.pk, second.pk))

    assert not any(isinstance(r, BaseException) and not isinstance(r, Conflict) for r in results), results
    assert Answer.objects.filter(question=question, accepted_at__isnull=False).count() == 1


def test_one_answer_accepted_twice_at_once_is_one_success_one_conflict(world):
    asker = world.users["partner_member"]
    question = QuestionFactory(partnership=world.partnership, asker=asker)
    answer = AnswerFactory(question=question)

    results = run_at_once(accepting(asker.pk, answer.pk), accepting(asker.pk, answer.pk))

    one_success_one_conflict(results)
    assert Answer.objects.filter(question=question, accepted_at__isnull=False).count() == 1
