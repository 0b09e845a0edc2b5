"""Actions agreed at a meeting, and what carries over: items marked not reached and
actions still open from the previous meeting of the same partnership (or group) join
the next meeting's agenda, shown as carried over from it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from consortia.actions.models import Action
from consortia.actions.services import action_done
from consortia.core.errors import Conflict
from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory
from consortia.core.testing import last_event, snapshot
from consortia.meetings import services
from consortia.meetings.models import MeetingAction

from .helpers import next_week, schedule
from .test_minutes import drafted, published

pytestmark = pytest.mark.django_db


def test_an_action_from_the_meeting_is_made_by_actions_and_linked_to_the_meeting(world):
    meeting = drafted(world)
    item = services.agenda_item_add(actor=world.users["convener_admin"], meeting=meeting, title="Leaflet")

    link = services.meeting_action_add(
        actor=world.users["partner_member"],
        meeting=meeting,
        agenda_item=item,
        title="Print 500 leaflets",
        owner_user=world.users["partner_member"],
    )

    assert link.action.partnership == world.partnership and link.agenda_item == item
    assert last_event().verb == "action.created"


def test_no_action_is_added_once_the_minutes_are_published(world):
    meeting = published(world)
    before = snapshot()
    with pytest.raises(Conflict):
        services.meeting_action_add(
            actor=world.users["partner_member"],
            meeting=meeting,
            title="Late",
            owner_user=world.users["partner_member"],
        )
    assert snapshot() == before


def test_items_not_reached_and_open_actions_carry_over_to_the_next_meeting(world, client_for):
    first = drafted(world)
    item = services.agenda_item_add(
        actor=world.users["convener_admin"], meeting=first, title="Volunteer rota", duration_minutes=10
    )
    services.agenda_item_change(
        actor=world.users["convener_admin"],
        item=item,
        title=item.title,
        duration_minutes=10,
        not_reached=True,
    )
    still_open = services.meeting_action_add(
        actor=world.users["partner_member"],
        meeting=first,
        title="Book the hall",
        owner_user=world.users["partner_member"],
    ).action
    done = services.meeting_action_add(
        actor=world.users["partner_member"],
        meeting=first,
        title="Send the minutes",
        owner_user=world.users["partner_member"],
    ).action
    action_done(world.users["partner_member"], done)

    second = schedule(world, starts_at=next_week() + timedelta(days=7))

    carried = [i for i in second.agenda_items.all() if i.carried_from_id]
    assert [(i.title, i.carried_from) for i in carried] == [
        ("Volunteer rota", first),
        ("Action: Book the hall", first),
    ]
    assert carried[1].action == still_open
    page = client_for("observer").get(reverse("meetings:detail", args=[world.partnership.uuid, second.uuid]))
    assert "Carried over from" in page.content.decode()


def test_a_group_meeting_carries_over_only_from_the_groups_previous_meeting(world):
    group = WorkingGroupFactory(partnership=world.partnership, lead=world.users["partner_member"])
    GroupMembershipFactory(group=group, user=world.users["partner_member"])
    partnership_meeting = drafted(world)
    services.meeting_action_add(
        actor=world.users["partner_member"],
        meeting=partnership_meeting,
        title="Book the hall",
        owner_user=world.users["partner_member"],
    )

    group_meeting = schedule(world, working_group=group)

    assert not group_meeting.agenda_items.filter(carried_from__isnull=False).exists()
    assert MeetingAction.objects.count() == 1 and Action.objects.count() == 1
