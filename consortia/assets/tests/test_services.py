"""The asset and booking services: who may do what, what each writes (one event), and
every bad input refused with a message and nothing written."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.assets import services
from consortia.assets.models import Asset, Booking
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import BookingFactory, next_weekday_at
from consortia.core.models import Event
from consortia.core.testing import assert_event

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def book(world, asset, start, end=None, persona="partner_member", **kwargs):
    return services.booking_create(
        actor=world.users[persona],
        asset=asset,
        start=start,
        end=end or start + datetime.timedelta(hours=1),
        **kwargs,
    )


def nothing_written(before_events: int) -> None:
    assert Event.objects.count() == before_events


# --- assets ---------------------------------------------------------------------------------


def test_it_lists_an_asset_for_the_partner_one_speaks_for(world):
    asset = services.asset_create(
        actor=world.users["partner_admin"],
        partnership=world.partnership,
        owner=world.core_partner,
        name="  Training   kitchen ",
        kind="kitchen",
        capacity=12,
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
        open_days=1 | 4,
        approval_required=False,
    )

    assert asset.name == "Training kitchen"
    assert asset.open_day_names == ["Monday", "Wednesday"]
    assert_event(
        "asset.listed",
        actor=world.users["partner_admin"],
        organisation=world.core_org,
        partnership=world.partnership,
    )


def test_it_refuses_to_list_an_asset_for_another_partner(world):
    with pytest.raises(ServiceError, match="only for an organisation you speak for"):
        services.asset_create(
            actor=world.users["partner_admin"],
            partnership=world.partnership,
            owner=world.convener_partner,
            name="Their hall",
        )
    assert not Asset.objects.exists()


def test_a_plain_member_does_not_list_assets(world):
    with pytest.raises(PermissionDenied):
        services.asset_create(
            actor=world.users["partner_member"],
            partnership=world.partnership,
            owner=world.core_partner,
            name="A desk",
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "Enter the name"),
        ({"opens_at": datetime.time(17), "closes_at": datetime.time(9)}, "open before it closes"),
        ({"open_days": 0}, "at least one day"),
        ({"capacity": 0}, "capacity must be between"),
        ({"kind": "spaceship"}, "what kind"),
    ],
    ids=["no name", "closes before opening", "no days", "no capacity", "unknown kind"],
)
def test_it_refuses_a_wrong_asset(world, fields, message):
    with pytest.raises(ServiceError, match=message):
        services.asset_create(
            actor=world.users["partner_admin"],
            partnership=world.partnership,
            owner=world.core_partner,
            **{"name": "A desk", **fields},
        )
    assert not Asset.objects.exists()


def test_the_owner_marks_an_asset_out_of_service_with_a_reason(world, room):
    admin = world.users["convener_admin"]
    with pytest.raises(ServiceError, match="Say why"):
        services.asset_update(actor=admin, asset=room, out_of_service=True)

    services.asset_update(actor=admin, asset=room, out_of_service=True, out_of_service_reason="Flooded")

    room.refresh_from_db()
    assert room.out_of_service and room.out_of_service_reason == "Flooded"
    event = assert_event(
        "asset.changed", actor=admin, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload["changed"] == ["out_of_service", "out_of_service_reason"]


def test_a_change_that_changes_nothing_writes_no_event(world, room):
    before = Event.objects.count()
    services.asset_update(actor=world.users["convener_admin"], asset=room, name=room.name)
    nothing_written(before)


def test_another_partners_admin_does_not_change_the_asset(world, room):
    with pytest.raises(PermissionDenied):
        services.asset_update(actor=world.users["partner_admin"], asset=room, name="Mine now")


# --- booking --------------------------------------------------------------------------------


def test_a_booking_waits_for_the_owner_and_holds_no_slot(world, room):
    start = next_weekday_at(10)
    first = book(world, room, start, purpose="Carers' clinic")
    second = book(world, room, start, persona="partner_admin")  # pending does not block

    assert first.status == second.status == Booking.Status.PENDING
    assert first.partner == world.core_partner
    assert_event(
        "booking.requested",
        actor=world.users["partner_admin"],
        organisation=world.core_org,
        partnership=world.partnership,
    )


def test_an_automatic_asset_approves_at_once(world, minibus):
    booking = book(world, minibus, next_weekday_at(8), next_weekday_at(12))

    assert booking.status == Booking.Status.APPROVED
    assert_event(
        "booking.made",
        actor=world.users["partner_member"],
        organisation=world.core_org,
        partnership=world.partnership,
    )


def test_the_owner_approves_and_the_slot_is_then_taken(world, room):
    start = next_weekday_at(10)
    booking = book(world, room, start)
    services.booking_approve(actor=world.users["convener_admin"], booking=booking)

    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.APPROVED
    assert_event(
        "booking.approved",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    with pytest.raises(Conflict, match="already booked"):
        book(world, room, start + datetime.timedelta(minutes=30), persona="partner_admin")


def test_approving_a_booking_that_overlaps_an_approved_one_is_a_conflict(world, room):
    start = next_weekday_at(10)
    first = book(world, room, start)
    second = book(world, room, start + datetime.timedelta(minutes=30), persona="partner_admin")
    services.booking_approve(actor=world.users["convener_admin"], booking=first)
    before = Event.objects.count()

    with pytest.raises(Conflict, match="already booked"):
        services.booking_approve(actor=world.users["convener_admin"], booking=second)

    assert Booking.objects.get(pk=second.pk).status == Booking.Status.PENDING
    nothing_written(before)


def test_adjacent_slots_do_not_overlap(world, minibus):
    start = next_weekday_at(10)
    book(world, minibus, start)
    book(world, minibus, start + datetime.timedelta(hours=1))
    assert Booking.objects.filter(status="approved").count() == 2


def test_only_the_owner_decides(world, room):
    booking = book(world, room, next_weekday_at(10))
    with pytest.raises(PermissionDenied):
        services.booking_approve(actor=world.users["partner_admin"], booking=booking)


def test_the_owner_declines_with_a_reason(world, room):
    booking = book(world, room, next_weekday_at(10))
    with pytest.raises(ServiceError, match="Say why"):
        services.booking_decline(actor=world.users["convener_admin"], booking=booking, reason=" ")

    services.booking_decline(actor=world.users["convener_admin"], booking=booking, reason="Staff training")

    booking.refresh_from_db()
    assert (booking.status, booking.decline_reason) == ("declined", "Staff training")
    with pytest.raises(Conflict, match="declined"):
        services.booking_approve(actor=world.users["convener_admin"], booking=booking)


def test_cancelling_frees_the_slot(world, minibus):
    start = next_weekday_at(10)
    booking = book(world, minibus, start)
    services.booking_cancel(actor=world.users["partner_member"], booking=booking)

    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
    assert book(world, minibus, start, persona="partner_admin").status == "approved"
    with pytest.raises(Conflict, match="already cancelled"):
        services.booking_cancel(actor=world.users["partner_member"], booking=booking)


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider"])
def test_only_members_of_active_partners_book(world, room, persona):
    with pytest.raises(PermissionDenied):
        book(world, room, next_weekday_at(10), persona=persona)


def test_one_books_only_for_ones_own_organisation(world, room):
    with pytest.raises(ServiceError, match="organisation you belong to"):
        book(world, room, next_weekday_at(10), partner=world.convener_partner)


# --- bad input: each refused with a message, nothing written --------------------------------


def _bad_slots():
    def at(days, hour, minute=0):
        return lambda: next_weekday_at(hour, minute, days=days)

    saturday = lambda: _next_saturday(10)  # noqa: E731
    return [
        pytest.param(
            lambda: timezone.now() - datetime.timedelta(hours=2), 1, "in the past", id="in the past"
        ),
        pytest.param(at(7, 7), 1, "from 09:00 to 17:00 only", id="before opening"),
        pytest.param(at(7, 16, 30), 1, "from 09:00 to 17:00 only", id="past closing"),
        pytest.param(saturday, 1, "cannot be booked on a Saturday", id="on a closed day"),
        pytest.param(at(7, 10), -1, "end must be after the start", id="end before start"),
        pytest.param(at(7, 10), 0, "end must be after the start", id="no length"),
        pytest.param(at(7, 10), 24 * 30, "at most 24 hours long", id="absurdly long"),
        pytest.param(at(7, 10), 20, "same day", id="over two days"),
        pytest.param(at(500, 10), 1, "up to a year ahead", id="years ahead"),
    ]


def _next_saturday(hour):
    day = timezone.localdate() + datetime.timedelta(days=7)
    while day.weekday() != 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


@pytest.mark.parametrize(("start", "hours", "message"), _bad_slots())
def test_it_refuses_a_bad_slot(world, room, start, hours, message):
    begin = start()
    before = Event.objects.count()
    with pytest.raises(ServiceError, match=message) as refused:
        book(world, room, begin, begin + datetime.timedelta(hours=hours))
    assert refused.value.status_code == 400
    assert not Booking.objects.exists()
    nothing_written(before)


def test_it_refuses_a_naive_time(world, room):
    naive = next_weekday_at(10).replace(tzinfo=None)
    with pytest.raises(ServiceError, match="time zone"):
        book(world, room, naive, naive + datetime.timedelta(hours=1))


def test_it_refuses_an_asset_out_of_service(world, room):
    room.out_of_service, room.out_of_service_reason = True, "The boiler is broken"
    room.save()
    with pytest.raises(Conflict, match="out of service: The boiler is broken"):
        book(world, room, next_weekday_at(10))
    assert not Booking.objects.exists()


def test_it_refuses_to_approve_when_the_asset_went_out_of_service(world, room):
    booking = book(world, room, next_weekday_at(10))
    services.asset_update(
        actor=world.users["convener_admin"], asset=room, out_of_service=True, out_of_service_reason="Flood"
    )
    with pytest.raises(Conflict, match="out of service"):
        services.booking_approve(actor=world.users["convener_admin"], booking=booking)


def test_it_refuses_a_booking_overlapping_an_approved_one(world, minibus):
    start = next_weekday_at(10)
    book(world, minibus, start, start + datetime.timedelta(hours=2))
    before = Event.objects.count()
    with pytest.raises(Conflict, match="already booked") as refused:
        book(world, minibus, start + datetime.timedelta(hours=1), persona="partner_admin")
    assert refused.value.status_code == 409
    assert Booking.objects.count() == 1
    nothing_written(before)


def test_a_booking_in_the_past_cannot_be_approved(world, room):
    booking = BookingFactory(
        asset=room,
        start=timezone.now() - datetime.timedelta(hours=3),
        end=timezone.now() - datetime.timedelta(hours=2),
    )
    with pytest.raises(Conflict, match="start has passed"):
        services.booking_approve(actor=world.users["convener_admin"], booking=booking)


def test_a_closed_partnership_takes_no_bookings(world, minibus):
    world.partnership.status = "closed"
    world.partnership.save()
    with pytest.raises(Conflict, match="has closed"):
        book(world, minibus, next_weekday_at(10))


def test_hours_are_local_time_across_the_clock_change(world):
    """Opening hours are Europe/London wall-clock time, in summer (BST) as in winter."""
    asset = services.asset_create(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        owner=world.convener_partner,
        name="Hall",
        open_days=127,
        approval_required=False,
    )
    summer = datetime.datetime(timezone.localdate().year + 1, 7, 1, 9, tzinfo=LONDON)
    if summer - timezone.now() > services.HORIZON:
        pytest.skip("next July is more than a year ahead")
    assert book(world, asset, summer).status == "approved"  # 08:00 UTC
