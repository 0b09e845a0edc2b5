"""Who meetings tell (consortia/meetings/notifications.py): everyone invited of a
meeting scheduled (in the inbox only: the invitation email is the service's);
attendees when the minutes open for corrections; the note-taker of a correction;
everyone of published minutes, and the partners asked to approve them as theirs."""

import pytest
from django.core import mail

from consortia.meetings import services
from consortia.notifications.models import Notification

from .helpers import schedule
from .test_minutes import drafted

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk.get(n.recipient_id, n.recipient_id): n.reason for n in Notification.objects.order_by("id")}


def test_scheduling_tells_everyone_invited_in_the_inbox_and_emails_only_the_invitation(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(world, send_invitations=True)

    assert told(world) == {
        p: "activity" for p in ("partner_admin", "partner_member", "observer", "participant")
    }
    assert all(m.subject.startswith("Invitation: ") for m in mail.outbox)
    assert set(Notification.objects.values_list("url", flat=True)) == {
        f"/partnerships/{world.partnership.uuid}/meetings/{meeting.uuid}/"
    }


def test_opening_the_minutes_tells_the_attendees_as_theirs(world, django_capture_on_commit_callbacks):
    meeting = drafted(world)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=3)

    assert told(world) == {"participant": "yours"}  # the note-taker acted, so is not told


def test_publishing_minutes_asks_the_partners_representatives_to_approve(
    world, django_capture_on_commit_callbacks
):
    meeting = drafted(world, needs_partner_approval=True)
    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=1)
    from .test_minutes import window_closed

    window_closed(meeting)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(actor=world.users["partner_member"], meeting=meeting)

    reasons = told(world)
    assert reasons["partner_admin"] == "yours" and reasons["convener_admin"] == "yours"
    assert reasons["observer"] == "activity" and reasons["participant"] == "activity"
