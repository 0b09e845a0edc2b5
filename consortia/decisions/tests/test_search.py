"""Polls in search (decisions/search.py): the question, details, options and outcome."""

import pytest

from consortia.core.factories import PollFactory, WorkingGroupFactory
from consortia.search import testing
from consortia.search.models import SearchDocument
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


def test_a_closed_groups_poll_is_found_by_everyone_who_can_open_it(world, committed):
    group = WorkingGroupFactory(partnership=world.partnership, is_open=False)
    committed(
        lambda: PollFactory(partnership=world.partnership, working_group=group, title="Training budget")
    )

    assert found(world.partnership, "training budget", kind="poll") == 1
    assert (
        SearchDocument.objects.get(kind="poll", title="Training budget").working_group_id is None
    )  # as the poll's page: the partnership's decision
