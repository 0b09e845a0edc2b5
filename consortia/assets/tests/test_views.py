"""The shared-asset pages: the week views (a table with a caption, each row labelled for
a phone, previous and next week links, any day of a week choosing it), listing and
booking through the forms with their messages, and the owner's approval."""

import datetime

import pytest
from django.urls import reverse

from consortia.assets.models import Asset, Booking
from consortia.assets.weeks import ZONE, week_from_query, week_start
from consortia.core.factories import BookingFactory, next_weekday_at
from consortia.core.testing import error_summary, signed_in, text

pytestmark = pytest.mark.django_db


def test_a_week_starts_on_monday_and_a_wrong_week_is_this_week():
    today = datetime.date(2026, 12, 3)  # a Thursday
    assert week_from_query("", today) == datetime.date(2026, 11, 30)
    assert week_from_query("2027-01-10", today) == datetime.date(2027, 1, 4)  # a Sunday
    assert week_from_query("not-a-date", today) == datetime.date(2026, 11, 30)
    assert week_from_query("0001-01-01", today) == datetime.date(2026, 11, 30)


def test_the_partnerships_week_shows_every_assets_bookings_by_day(world, room, minibus):
    start = next_weekday_at(10)
    BookingFactory(asset=room, partner=world.core_partner, start=start, purpose="Clinic")
    BookingFactory(asset=minibus, partner=world.core_partner, start=start, status="approved")
    BookingFactory(
        asset=room, partner=world.core_partner, start=start + datetime.timedelta(days=7)
    )  # next week
    monday = week_start(start.astimezone(ZONE).date())

    response = signed_in(world.users["observer"]).get(
        reverse("assets:list", args=[world.partnership.uuid]), {"week": start.date().isoformat()}
    )

    page = text(response)
    assert response.status_code == 200
    assert f"Bookings, week of {monday:%-d %B %Y}" in page
    assert page.count('data-label="Asset"') == 2
    assert "Consultation room" in page and "Minibus" in page
    assert "Waiting for approval" in page and "Approved" in page
    assert 'class="govuk-table consortia-responsive-table"' in page
    assert f"?week={monday - datetime.timedelta(days=7)}" in page
    assert f"?week={monday + datetime.timedelta(days=7)}" in page
    assert page.count("No bookings") == 6  # the other days


def test_an_assets_week_shows_only_its_bookings(world, room, minibus):
    start = next_weekday_at(10)
    BookingFactory(asset=room, partner=world.core_partner, start=start)
    BookingFactory(asset=minibus, partner=world.core_partner, start=start, status="approved")
    BookingFactory(
        asset=room, partner=world.core_partner, start=start + datetime.timedelta(hours=2), status="cancelled"
    )

    response = signed_in(world.users["partner_member"]).get(
        reverse("assets:detail", args=[world.partnership.uuid, room.uuid]), {"week": start.date().isoformat()}
    )

    page = text(response)
    assert page.count(f'href="/partnerships/{world.partnership.uuid}/assets/bookings/') == 1
    assert "Book Consultation room" in page


def test_a_partner_lists_a_room_another_books_it_and_the_owner_approves(world):
    admin, member = world.users["partner_admin"], world.users["convener_admin"]
    response = signed_in(admin).post(
        reverse("assets:create", args=[world.partnership.uuid]),
        {
            "name": "Meeting room",
            "kind": "room",
            "open_days": ["0", "1", "2", "3", "4"],
            "opens_at": "09:00",
            "closes_at": "17:00",
            "approval_required": "yes",
        },
    )
    asset = Asset.objects.get()
    assert response.status_code == 302 and asset.owner == world.core_partner
    day = next_weekday_at(10).date()

    booked = signed_in(member).post(
        reverse("assets:book", args=[world.partnership.uuid, asset.uuid]),
        {"day": day.isoformat(), "starts": "10:00", "ends": "12:00", "purpose": "Partnership meeting"},
    )
    booking = Booking.objects.get()
    assert booked.status_code == 302 and booking.status == "pending"
    assert booking.partner == world.convener_partner
    assert booking.start == datetime.datetime.combine(day, datetime.time(10), tzinfo=ZONE)

    pending = signed_in(admin).get(reverse("assets:list", args=[world.partnership.uuid]))
    assert "Waiting for your approval" in text(pending)
    approved = signed_in(admin).post(reverse("assets:approve", args=[world.partnership.uuid, booking.uuid]))
    assert approved.status_code == 302
    assert Booking.objects.get().status == "approved"


def test_a_bad_booking_shows_the_reason_and_keeps_nothing(world, room):
    response = signed_in(world.users["partner_member"]).post(
        reverse("assets:book", args=[world.partnership.uuid, room.uuid]),
        {"day": next_weekday_at(10).date().isoformat(), "starts": "18:00", "ends": "19:00"},
    )

    assert response.status_code == 400
    assert "can be booked from 09:00 to 17:00 only" in error_summary(response)
    assert not Booking.objects.exists()


def test_an_overlapping_booking_answers_409_with_the_reason(world, minibus):
    start = next_weekday_at(10)
    BookingFactory(asset=minibus, partner=world.core_partner, start=start, status="approved")

    response = signed_in(world.users["partner_admin"]).post(
        reverse("assets:book", args=[world.partnership.uuid, minibus.uuid]),
        {"day": start.date().isoformat(), "starts": "10:30", "ends": "11:30"},
    )

    assert response.status_code == 409
    assert "already booked for part of that time" in error_summary(response)
    assert Booking.objects.count() == 1


def test_the_partnership_page_links_to_the_shared_assets(world):
    response = signed_in(world.users["partner_member"]).get(
        reverse("partnerships:detail", args=[world.partnership.uuid])
    )
    assert f'href="/partnerships/{world.partnership.uuid}/assets/"' in text(response)
