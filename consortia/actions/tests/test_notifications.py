"""Who an action tells (consortia/actions/notifications.py): its owner (the person, or
the owning partner's representatives) as theirs when it is given to them, reopened or
due; its creator when it is done or dropped; and, "yours" being emailed under the
default preference, the owner gets the reminder by email."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from consortia.actions import services
from consortia.actions.services import action_reminders_send
from consortia.core.factories import ActionFactory
from consortia.notifications.models import Notification, Preference

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk[n.recipient_id]: n.reason for n in Notification.objects.order_by("id")}


def test_the_owner_is_told_and_emailed_when_an_action_is_given_to_them(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_create(
            world.users["convener_admin"],
            world.partnership,
            title="Book the hall",
            owner_user=world.users["partner_member"],
        )

    assert told(world) == {"partner_member": "yours"}
    assert Notification.objects.get().url == f"/partnerships/{world.partnership.uuid}/actions/{action.uuid}/"
    assert [m.to for m in mail.outbox] == [[world.users["partner_member"].email]]
    assert "Book the hall" in mail.outbox[0].subject


def test_a_partner_owned_action_tells_its_representatives(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create(
            world.users["participant"],
            world.partnership,
            title="Ask the council",
            owner_partner=world.core_partner,
        )

    assert told(world) == {"partner_admin": "yours"}  # the Core Org's representative


def test_nobody_is_told_of_their_own_action(world, django_capture_on_commit_callbacks):
    member = world.users["partner_member"]
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create(member, world.partnership, title="Book the hall", owner_user=member)

    assert told(world) == {}


def test_a_new_owner_is_told_and_other_changes_tell_nobody(world, django_capture_on_commit_callbacks):
    member = world.users["partner_member"]
    action = services.action_create(member, world.partnership, title="Book the hall", owner_user=member)

    with django_capture_on_commit_callbacks(execute=True):
        services.action_update(member, action, title="Book the big hall")
    assert told(world) == {}

    with django_capture_on_commit_callbacks(execute=True):
        services.action_update(member, action, owner_user=world.users["participant"])
    assert told(world) == {"participant": "yours"}


@pytest.mark.parametrize("close", ["done", "dropped"])
def test_the_creator_is_told_when_it_is_done_or_dropped(world, django_capture_on_commit_callbacks, close):
    action = services.action_create(
        world.users["convener_admin"],
        world.partnership,
        title="Book the hall",
        owner_user=world.users["participant"],
    )

    with django_capture_on_commit_callbacks(execute=True):
        if close == "done":
            services.action_done(world.users["participant"], action)
        else:
            services.action_drop(world.users["participant"], action, "The hall is closed")

    assert told(world) == {"convener_admin": "yours"}


def test_the_owner_gets_each_reminder_by_email_once(world, django_capture_on_commit_callbacks):
    ActionFactory(
        partnership=world.partnership,
        owner_user=world.users["participant"],
        title="Book the hall",
        due=timezone.localdate() + datetime.timedelta(days=2),
    )

    with django_capture_on_commit_callbacks(execute=True):
        action_reminders_send.call()
    with django_capture_on_commit_callbacks(execute=True):
        action_reminders_send.call()

    assert told(world) == {"participant": "yours"}
    assert [m.to for m in mail.outbox] == [[world.users["participant"].email]]
    assert "due in two days" in mail.outbox[0].subject


def test_an_owner_who_chose_no_email_gets_the_reminder_in_the_inbox_only(
    world, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=world.users["participant"], partnership=world.partnership, email="none")
    ActionFactory(
        partnership=world.partnership, owner_user=world.users["participant"], due=timezone.localdate()
    )

    with django_capture_on_commit_callbacks(execute=True):
        action_reminders_send.call()

    assert told(world) == {"participant": "yours"}
    assert mail.outbox == []
