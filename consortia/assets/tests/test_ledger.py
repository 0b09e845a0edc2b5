"""Delivered bookings in the contributions ledger (assets/services.py
bookings_count_delivered, hourly): each approved booking whose end has passed is one
in-kind entry for the asset's owner, hours of premises or of equipment valued at the
rate card in force on the day it ended, recorded once however often the job runs;
and bookings_used_by_partner gives the same value to the partner that booked."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from consortia.assets.models import Booking
from consortia.assets.selectors import bookings_used_by_partner
from consortia.assets.services import bookings_count_delivered
from consortia.contributions.models import Entry
from consortia.core.factories import AssetFactory, BookingFactory, RateFactory

pytestmark = pytest.mark.django_db


def _delivered(asset, partner, hours=2, days_ago=1, **kwargs):
    end = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return BookingFactory(
        asset=asset,
        partner=partner,
        start=end - datetime.timedelta(hours=hours),
        end=end,
        **{"status": "approved", **kwargs},
    )


@pytest.fixture
def rates(world):
    RateFactory(partnership=world.partnership, category="premises", unit="hours", rate_gbp=Decimal("15.00"))
    RateFactory(partnership=world.partnership, category="equipment", unit="hours", rate_gbp=Decimal("9.50"))


def test_the_job_is_scheduled_hourly():
    job = settings.SCHEDULED_TASKS["asset bookings to the ledger"]
    assert job == {"task": "consortia.assets.services.bookings_count_delivered", "cron": "5 * * * *"}


def test_a_delivered_booking_is_in_kind_value_for_the_owner(world, room, minibus, rates):
    in_room = _delivered(room, world.core_partner, hours=2)
    in_bus = _delivered(minibus, world.core_partner, hours=3)

    assert bookings_count_delivered.call() == 2

    room_entry = Entry.objects.get(source_key=f"assets.booking:{in_room.pk}")
    assert (room_entry.partner, room_entry.category, room_entry.unit) == (
        world.convener_partner,
        "premises",
        "hours",
    )
    assert (room_entry.quantity, room_entry.rate_gbp, room_entry.value_gbp) == (
        2,
        Decimal("15.00"),
        Decimal("30.00"),
    )
    assert room_entry.kind == Entry.Kind.IN_KIND
    assert room_entry.note == "Consultation room booked by Core Org"
    assert room_entry.on == timezone.localtime(in_room.end).date()
    bus_entry = Entry.objects.get(source_key=f"assets.booking:{in_bus.pk}")
    assert (bus_entry.category, bus_entry.value_gbp) == ("equipment", Decimal("28.50"))


def test_the_job_counts_each_booking_once(world, room, rates):
    booking = _delivered(room, world.core_partner)
    assert bookings_count_delivered.call() == 1
    assert bookings_count_delivered.call() == 0

    # Even if the mark were lost (a crash between the ledger and the mark), the ledger's
    # source key keeps it to one entry.
    Booking.objects.filter(pk=booking.pk).update(counted_at=None)
    assert bookings_count_delivered.call() == 1
    assert Entry.objects.filter(source_key=f"assets.booking:{booking.pk}").count() == 1


def test_only_delivered_bookings_count(world, room, rates):
    _delivered(room, world.core_partner, status="pending")
    _delivered(room, world.core_partner, status="cancelled")
    _delivered(room, world.core_partner, status="declined", decline_reason="No")
    now = timezone.now()
    BookingFactory(  # under way
        asset=room,
        partner=world.core_partner,
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
        status="approved",
    )
    BookingFactory(asset=room, partner=world.core_partner, status="approved")  # to come

    assert bookings_count_delivered.call() == 0
    assert not Entry.objects.exists()


def test_the_benefit_goes_to_the_booking_partner_at_the_ledgers_value(world, room, minibus, rates):
    _delivered(room, world.core_partner, hours=2)
    _delivered(minibus, world.core_partner, hours=1, days_ago=2)
    _delivered(room, world.convener_partner, hours=1, days_ago=3)
    _delivered(room, world.core_partner, hours=4, days_ago=4, status="cancelled")
    bookings_count_delivered.call()

    assert bookings_used_by_partner(world.partnership) == {
        world.core_partner.pk: Decimal("39.50"),
        world.convener_partner.pk: Decimal("15.00"),
    }


def test_without_a_rate_the_hours_are_recorded_at_no_value(world):
    desk = AssetFactory(partnership=world.partnership, owner=world.core_partner, kind="desk")
    _delivered(desk, world.convener_partner, hours=1)

    bookings_count_delivered.call()

    assert Entry.objects.get().value_gbp == 0
    assert bookings_used_by_partner(world.partnership) == {world.convener_partner.pk: Decimal("0.00")}
