"""A closed working group keeps its actions to its members, each from when they joined
(groups/privacy.py): not listed, opened, shown on the group's or thread's page, in My
actions, the feed or search reads, nor notified, to anyone else; only members add them,
and only a member owns one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions import services
from consortia.actions.models import Action
from consortia.actions.selectors import action_list, actions_due_for_feed, actions_for_user, my_actions
from consortia.core.errors import ServiceError
from consortia.core.factories import ActionFactory, GroupMembershipFactory, ThreadFactory, WorkingGroupFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot, text
from consortia.groups.models import GroupMembership
from consortia.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    """A closed group the core partner's member joined a month ago; the participant
    joins after its action is added."""
    member = world.users["partner_member"]
    group = WorkingGroupFactory(
        partnership=world.partnership, is_open=False, lead=member, name="Safeguarding"
    )
    joined = GroupMembershipFactory(group=group, user=member)
    GroupMembership.objects.filter(pk=joined.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    return group


def _secret(world, group):
    member = world.users["partner_member"]
    return services.action_create(
        member,
        world.partnership,
        title="Review case 12",
        owner_user=member,
        working_group=group,
        due=timezone.localdate() + datetime.timedelta(days=1),
    )


def test_only_members_who_joined_before_see_a_closed_groups_action(world, closed):
    action = _secret(world, closed)
    GroupMembershipFactory(group=closed, user=world.users["participant"])  # joined after
    member = world.users["partner_member"]

    assert list(action_list(member, world.partnership)) == [action]
    assert list(my_actions(member).due_soon) == [action]
    assert list(actions_due_for_feed(member)) == [action]
    for name in ("participant", "convener_admin", "partner_admin", "observer"):
        assert list(action_list(world.users[name], world.partnership)) == []
        assert list(actions_for_user(world.users[name])) == []


@pytest.mark.parametrize(
    ("persona", "status"), [("partner_member", 200), ("convener_admin", 404), ("site_admin", 404)]
)
def test_a_closed_groups_action_page_is_a_404_for_others(world, closed, client_for, persona, status):
    action = _secret(world, closed)

    response = client_for(persona).get(reverse("actions:detail", args=[world.partnership.uuid, action.uuid]))

    assert response.status_code == status


def test_the_group_and_thread_pages_show_it_only_to_members(world, closed, client_for):
    action = _secret(world, closed)
    thread = ThreadFactory(partnership=world.partnership)
    Action.objects.filter(pk=action.pk).update(thread=thread)
    ActionFactory(partnership=world.partnership, thread=thread, title="Book the hall")
    group_url = reverse("groups:detail", args=[world.partnership.uuid, closed.uuid])
    thread_url = reverse("threads:detail", args=[world.partnership.uuid, thread.uuid])

    assert "Review case 12" in text(client_for("partner_member").get(group_url))
    assert "Review case 12" not in text(client_for("convener_admin").get(group_url))
    assert "Review case 12" in text(client_for("partner_member").get(thread_url))
    other = text(client_for("convener_admin").get(thread_url))
    assert "Review case 12" not in other and "Book the hall" in other


def test_only_a_member_adds_an_action_to_a_closed_group(world, closed):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.action_create(
            world.users["convener_admin"],
            world.partnership,
            title="Review case 12",
            owner_user=world.users["partner_member"],
            working_group=closed,
        )

    assert refused.value.field == "working_group"
    assert snapshot() == before


@pytest.mark.parametrize("owner", ["convener_admin", "core_partner"])
def test_a_closed_groups_action_is_owned_by_a_member(world, closed, owner):
    kwargs = (
        {"owner_partner": world.core_partner}
        if owner == "core_partner"
        else {"owner_user": world.users[owner]}
    )
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.action_create(
            world.users["partner_member"],
            world.partnership,
            title="Review case 12",
            working_group=closed,
            **kwargs,
        )

    assert refused.value.field == "owner"
    assert snapshot() == before


def test_it_is_not_handed_to_a_member_who_joined_after_it_was_added(world, closed):
    action = _secret(world, closed)
    GroupMembershipFactory(group=closed, user=world.users["participant"])

    with pytest.raises(ServiceError) as refused:
        services.action_update(world.users["partner_member"], action, owner_user=world.users["participant"])

    assert refused.value.field == "owner"


def test_its_events_name_the_group_so_only_members_are_told(
    world, closed, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_FAN_OUT = True
    action = _secret(world, closed)
    GroupMembershipFactory(group=closed, user=world.users["participant"])  # joined after

    with django_capture_on_commit_callbacks(execute=True):
        services.action_done(
            world.users["convener_admin"], action
        )  # the convener's admins may still close it
        services.action_reminders_send.call()

    assert {e.payload.get("closed_group") for e in Event.objects.filter(verb__startswith="action.")} == {
        closed.pk
    }
    assert set(Notification.objects.values_list("recipient_id", flat=True)) <= {
        world.users["partner_member"].pk
    }
