"""Polls in search (decisions/search.py): the question, details, options and outcome."""

import pytest

from consortia.core.factories import PollFactory
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_a_polls_outcome_is_found_once_recorded(world, committed):
    poll = committed(lambda: PollFactory(partnership=world.partnership, title="Thursday drop-in"))
    assert found(world.partnership, "unanimously") == 0

    def record():
        poll.outcome = "Agreed unanimously"
        poll.save()

    committed(record)

    assert found(world.partnership, "unanimously", kind="poll") == 1


def test_a_polls_options_are_found(world, committed):
    committed(
        lambda: PollFactory(partnership=world.partnership, kind="poll", option_labels=["Tuesday", "Thursday"])
    )

    assert found(world.partnership, "thursday", kind="poll") == 1
