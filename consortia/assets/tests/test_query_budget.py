"""The booking pages and week views cost the same number of queries with 10 or 2,000
bookings: each list is one query with what it shows joined."""

import datetime

import pytest
from django.urls import reverse

from consortia.assets.models import Booking
from consortia.assets.weeks import ZONE, week_start
from consortia.core.factories import AssetFactory, BookingFactory, next_weekday_at
from consortia.core.testing import query_budget, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the page), the assets with their owners' organisations, the week's bookings
# with their assets, partners' organisations and bookers, the bookings waiting for
# the viewer's approval, the viewer's own bookings.
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 10
# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives, the asset with its owner's
# organisation, the week's bookings of the asset with their partners and bookers.
# + the header's unread notifications count.
DETAIL = 8
# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives, the booking with its asset, owner,
# partner and the people who booked and decided it.
# + the header's unread notifications count.
BOOKING = 7


def _bookings(world, asset, n):
    """n bookings of the asset, all in the week a week from now: a quarter approved
    (one an hour, so none overlap), the rest pending (the week shows all of them)."""
    monday = week_start(next_weekday_at(9).astimezone(ZONE).date())
    first = datetime.datetime.combine(monday, datetime.time(0), tzinfo=ZONE)
    Booking.objects.bulk_create(
        Booking(
            asset=asset,
            partnership=asset.partnership,
            partner=world.core_partner,
            booked_by=world.users["partner_member"],
            start=first + datetime.timedelta(minutes=i * 5 if i % 4 else i * 60 // 4),
            end=first + datetime.timedelta(minutes=i * 5 if i % 4 else i * 60 // 4, hours=1)
            if i % 4
            else first + datetime.timedelta(minutes=i * 60 // 4 + 59),
            status="pending" if i % 4 else "approved",
        )
        for i in range(n)
    )
    return monday


@pytest.fixture
def room(world):
    return AssetFactory(partnership=world.partnership, owner=world.convener_partner, open_days=127)


@pytest.mark.parametrize("n", [10, 2000])
def test_the_partnerships_week_costs_the_same_with_10_or_2000_bookings(world, client, room, n):
    monday = _bookings(world, room, n)
    AssetFactory(partnership=world.partnership, owner=world.core_partner)
    client.force_login(world.users["convener_admin"])

    with query_budget(LIST):
        response = client.get(
            reverse("assets:list", args=[world.partnership.uuid]), {"week": monday.isoformat()}
        )

    assert response.status_code == 200
    in_week = Booking.objects.filter(
        start__lt=datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(), tzinfo=ZONE)
    ).count()
    assert text(response).count(f'href="/partnerships/{world.partnership.uuid}/assets/bookings/') >= in_week


@pytest.mark.parametrize("n", [10, 2000])
def test_an_assets_week_costs_the_same_with_10_or_2000_bookings(world, client, room, n):
    monday = _bookings(world, room, n)
    client.force_login(world.users["partner_member"])

    with query_budget(DETAIL):
        response = client.get(
            reverse("assets:detail", args=[world.partnership.uuid, room.uuid]), {"week": monday.isoformat()}
        )

    assert response.status_code == 200


@pytest.mark.parametrize("n", [10, 2000])
def test_a_booking_costs_the_same_with_10_or_2000_bookings(world, client, room, n):
    _bookings(world, room, n)
    booking = BookingFactory(asset=room, partner=world.core_partner, start=next_weekday_at(10, days=30))
    client.force_login(world.users["convener_admin"])

    with query_budget(BOOKING):
        response = client.get(reverse("assets:booking", args=[world.partnership.uuid, booking.uuid]))

    assert response.status_code == 200
    assert "Approve" in text(response)
