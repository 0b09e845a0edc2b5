"""Who a booking tells (consortia/assets/notifications.py): a booking waiting for
approval, or taken at once, tells the owner's representatives; an approval or a
refusal tells the booker; a cancellation tells both (never the one who did it)."""

import pytest

from consortia.assets import services
from consortia.core.factories import next_weekday_at
from consortia.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk[n.recipient_id]: n.reason for n in Notification.objects.order_by("id")}


def _book(world, asset):
    start = next_weekday_at(10)
    return services.booking_create(
        actor=world.users["partner_member"], asset=asset, start=start, end=start.replace(hour=11)
    )


def test_a_booking_request_tells_the_owners_representatives(world, room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(world, room)

    assert told(world) == {"convener_admin": "yours"}
    assert (
        Notification.objects.get().url
        == f"/partnerships/{world.partnership.uuid}/assets/bookings/{booking.uuid}/"
    )


def test_an_automatic_booking_tells_the_owner_too(world, minibus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _book(world, minibus)

    assert told(world) == {"convener_admin": "yours"}


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_the_owners_decision_tells_the_booker(world, room, decision, django_capture_on_commit_callbacks):
    booking = _book(world, room)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        if decision == "approve":
            services.booking_approve(actor=world.users["convener_admin"], booking=booking)
        else:
            services.booking_decline(actor=world.users["convener_admin"], booking=booking, reason="Closed")

    assert told(world) == {"partner_member": "yours"}


def test_a_cancellation_tells_the_owner_not_the_canceller(world, room, django_capture_on_commit_callbacks):
    booking = _book(world, room)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(actor=world.users["partner_member"], booking=booking)

    assert told(world) == {"convener_admin": "yours"}
