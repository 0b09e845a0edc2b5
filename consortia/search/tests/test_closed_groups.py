"""A closed working group's content is found only by its members, each from when they
joined (groups/privacy.py, the rule the threads pages keep): on the search page as on
the group's threads. An open group's content is everyone's in the partnership."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import GroupMembershipFactory, PostFactory, ThreadFactory, WorkingGroupFactory
from consortia.core.testing import text
from consortia.groups.models import GroupMembership
from consortia.search.index import index_rebuild

pytestmark = pytest.mark.django_db


def _joined(group, persona_user, *, days_ago: int) -> None:
    membership = GroupMembershipFactory(group=group, user=persona_user)
    GroupMembership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def _case_thread(world, *, is_open: bool, started_days_ago: int = 10):
    group = WorkingGroupFactory(partnership=world.partnership, is_open=is_open)
    thread = ThreadFactory(partnership=world.partnership, working_group=group, title="Cases")
    ThreadFactory._meta.model.objects.filter(pk=thread.pk).update(
        created_at=timezone.now() - timedelta(days=started_days_ago)
    )
    PostFactory(thread=thread, body="Case twelve: the carer has moved house")
    index_rebuild()
    return group


def _finds(client_for, persona: str) -> bool:
    response = client_for(persona).get(reverse("search:search"), {"q": "carer moved"})
    assert response.status_code == 200
    return "Case twelve" in text(response)


def test_only_members_who_joined_before_it_started_find_a_closed_groups_thread(world, client_for):
    group = _case_thread(world, is_open=False)
    _joined(group, world.users["partner_member"], days_ago=30)  # before the thread
    _joined(group, world.users["participant"], days_ago=1)  # after it

    assert _finds(client_for, "partner_member")
    assert not _finds(client_for, "participant")
    assert not _finds(client_for, "convener_admin")  # not a member
    assert not _finds(client_for, "observer")


def test_a_member_who_left_the_group_no_longer_finds_its_threads(world, client_for):
    group = _case_thread(world, is_open=False)
    _joined(group, world.users["partner_member"], days_ago=30)
    assert _finds(client_for, "partner_member")

    GroupMembership.objects.filter(group=group).update(left_at=timezone.now())

    assert not _finds(client_for, "partner_member")


def test_an_open_groups_thread_is_found_by_the_whole_partnership(world, client_for):
    _case_thread(world, is_open=True)

    assert _finds(client_for, "convener_admin")
    assert _finds(client_for, "participant")
