"""A closed working group keeps its content to its members, each from when they joined
(groups/privacy.py): its threads are not listed, opened, announced in the activity log
or notified to anyone else; an open group, or one reopened, works in the open."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import ServiceError
from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory
from consortia.core.models import Event
from consortia.groups.models import GroupMembership
from consortia.groups.privacy import closed_groups_since, sees_group_content
from consortia.notifications.tasks import recipients_for
from consortia.partnerships.models import Partnership
from consortia.threads import services
from consortia.threads.selectors import group_threads, thread_list

pytestmark = pytest.mark.django_db


def _closed_group(world, *, members=("partner_member",), days_ago=30):
    group = WorkingGroupFactory(partnership=world.partnership, is_open=False, lead=world.users[members[0]])
    for persona in members:
        joined = GroupMembershipFactory(group=group, user=world.users[persona])
        GroupMembership.objects.filter(pk=joined.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return group


def _start(world, group, persona="partner_member", body="Case 12: the carer has moved."):
    return services.thread_start(
        actor=world.users[persona],
        partnership=world.partnership,
        title="Cases",
        body=body,
        working_group=group,
    )


def test_only_members_see_a_closed_groups_threads(world, client):
    group = _closed_group(world)
    secret = _start(world, group)
    public = services.thread_start(
        actor=world.users["partner_member"], partnership=world.partnership, title="Open", body="Hello"
    )

    member, convener = world.users["partner_member"], world.users["convener_admin"]
    assert set(thread_list(member, world.partnership)) == {secret, public}
    assert list(thread_list(convener, world.partnership)) == [public]
    assert group_threads(member, group) == [secret]
    assert group_threads(convener, group) == []

    client.force_login(convener)
    url = reverse("threads:detail", args=[world.partnership.uuid, secret.uuid])
    assert client.get(url).status_code == 404
    group_page = client.get(reverse("groups:detail", args=[world.partnership.uuid, group.uuid]))
    assert group_page.status_code == 200 and "Cases" not in group_page.text
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_late_joiner_sees_only_what_started_after_they_joined(world):
    group = _closed_group(world)
    before = _start(world, group)
    GroupMembershipFactory(group=group, user=world.users["participant"])
    after = _start(world, group, body="Case 13")

    late = world.users["participant"]
    assert list(thread_list(late, world.partnership)) == [after]
    assert sees_group_content(late, world.partnership, group.pk, after.created_at)
    assert not sees_group_content(late, world.partnership, group.pk, before.created_at)


def test_reopening_the_group_shows_its_threads_to_everyone(world):
    group = _closed_group(world)
    secret = _start(world, group)
    group.is_open = True
    group.save()

    assert secret in thread_list(world.users["convener_admin"], world.partnership)


def test_a_member_who_left_the_partnership_counts_for_no_closed_group(world):
    group = _closed_group(world)
    member = world.users["partner_member"]
    assert closed_groups_since(member, world.partnership)[group.pk] is not None
    world.partnership.partners.filter(organisation=world.core_org).update(left_at=timezone.now())
    fresh = Partnership.objects.get(pk=world.partnership.pk)

    assert closed_groups_since(member, fresh) == {group.pk: None}


def test_only_members_start_a_closed_groups_thread(world):
    group = _closed_group(world)
    before = Event.objects.count()

    with pytest.raises(ServiceError, match="closed group"):
        _start(world, group, persona="participant")
    assert Event.objects.count() == before


def test_notifications_of_a_closed_group_reach_only_members_who_could_open_it(world):
    group = _closed_group(world, members=("partner_member", "partner_admin"))
    convener = world.users["convener_admin"]
    thread = _start(world, group)
    GroupMembershipFactory(group=group, user=world.users["participant"])  # after it started

    # Mentioning someone in the partnership but not in the group tells them nothing.
    services.thread_reply(actor=world.users["partner_admin"], thread=thread, body=f"@[{convener.name}] see")
    replied = Event.objects.get(verb="thread.replied")

    assert set(recipients_for(replied)) == {world.users["partner_member"].pk}


def test_the_activity_log_keeps_a_closed_groups_events_to_its_members(world, client):
    group = _closed_group(world)
    _start(world, group)
    url = reverse("partnerships:activity", args=[world.partnership.uuid])

    client.force_login(world.users["convener_admin"])
    assert "Cases" not in client.get(url).text
    client.force_login(world.users["partner_member"])
    assert "Cases" in client.get(url).text
