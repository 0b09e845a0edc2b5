"""Questions and answers in search (questions/search.py): asked and answered, and the
index follows once each change commits."""

import pytest

from consortia.questions import services
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_a_question_and_its_answer_are_found(world, committed):
    question = committed(
        lambda: services.question_ask(
            actor=world.users["partner_member"],
            partnership=world.partnership,
            title="Consent for carers' assessments",
            body="Which **form** do we use?",
        )
    )
    committed(
        lambda: services.answer_post(
            actor=world.users["partner_admin"], question=question, body="The council eform"
        )
    )

    assert found(world.partnership, "consent", kind="question") == 1
    assert found(world.partnership, "form", kind="question") == 1
    assert found(world.partnership, "eform", kind="answer") == 1
