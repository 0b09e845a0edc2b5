"""Shared-asset bookings in the calendar feed (assets/calendar.py): each approved
booking of the person's partnerships, from its start to its end; nothing pending,
declined or cancelled, nothing long past, nothing of a partnership they are not in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consortia.core.factories import AssetFactory, BookingFactory, CalendarFeedFactory, next_weekday_at

pytestmark = pytest.mark.django_db

TOKEN = "an-assets-feed-token-for-tests-0123456789abc"


def _entries(client) -> dict[str, tuple]:
    response = client.get(reverse("calendars:feed", args=[TOKEN]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {
        str(e["SUMMARY"]).removesuffix(" (Carers Advice Partnership)"): (e["DTSTART"].dt, e["DTEND"].dt)
        for e in calendar.walk("VEVENT")
    }


def test_the_feed_holds_the_partnerships_approved_bookings(world, client):
    CalendarFeedFactory(user=world.users["observer"], token=TOKEN)
    room = AssetFactory(partnership=world.partnership, owner=world.convener_partner, name="Room 1")
    start = next_weekday_at(10)
    BookingFactory(asset=room, partner=world.core_partner, start=start, status="approved")
    BookingFactory(asset=room, partner=world.core_partner, start=next_weekday_at(12), status="pending")
    BookingFactory(
        asset=room,
        partner=world.core_partner,
        start=next_weekday_at(14),
        status="declined",
        decline_reason="No",
    )
    BookingFactory(asset=room, partner=world.core_partner, start=next_weekday_at(15), status="cancelled")
    long_ago = timezone.now() - datetime.timedelta(days=60)
    BookingFactory(
        asset=room,
        partner=world.core_partner,
        start=long_ago,
        end=long_ago + datetime.timedelta(hours=1),
        status="approved",
    )
    BookingFactory(status="approved")  # another partnership's

    entries = _entries(client)

    assert entries == {"Room 1: booked by Core Org": (start, start + datetime.timedelta(hours=1))}
