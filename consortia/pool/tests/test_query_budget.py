"""The fair-shares page costs the same number of queries with 10 or 2,000 ledger
entries and delivered bookings: every source is an aggregate or one list, none is
read per partner or per row."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.assets.models import Asset, Booking
from consortia.contributions.models import Entry
from consortia.core.testing import query_budget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and representatives (the permission check; fair_shares
# reuses them), the ledger's totals by partner (one aggregate), the delivered
# bookings' entries and those bookings' partners (two), the attended places and their
# entries (two), the fund's payments by payee partner (one aggregate), the voice
# balance (decisions/selectors.py's voice_balance: the polls' count, proposals, votes
# by organisation, votes by members, objecting ballots; the objectors' memberships
# would be a sixth, and nobody has objected here).
# + the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 17


def _more(world, third_partner, n: int) -> None:
    partners = [world.convener_partner, world.core_partner, third_partner]
    room = Asset.objects.get(partnership=world.partnership)
    first = timezone.now() - timedelta(days=400)
    bookings = Booking.objects.bulk_create(
        Booking(
            asset=room,
            partnership=world.partnership,
            partner=partners[i % 3],
            start=first + timedelta(hours=2 * i),
            end=first + timedelta(hours=2 * i + 1),
            status="approved",
            counted_at=timezone.now(),
        )
        for i in range(n)
    )
    today = timezone.localdate()
    entry = {"partnership": world.partnership, "kind": "in_kind", "on": today, "quantity": Decimal(1)}
    Entry.objects.bulk_create(
        [
            Entry(
                partner=partners[i % 3],
                category="volunteer_time",
                unit="hours",
                rate_gbp=12,
                value_gbp=12,
                **entry,
            )
            for i in range(n)
        ]
        + [
            Entry(
                partner=world.convener_partner,
                category="premises",
                unit="hours",
                rate_gbp=25,
                value_gbp=25,
                source_key=f"assets.booking:{booking.pk}",
                **entry,
            )
            for booking in bookings
        ]
    )


@pytest.mark.parametrize("n", [10, 2000])
def test_the_fair_shares_page_costs_the_same_with_10_or_2000_entries(world, pooled, client_for, n):
    _more(world, pooled.third_partner, n)
    client = client_for("partner_member")
    url = reverse("pool:shares", args=[world.partnership.uuid])

    with query_budget(PAGE):
        page = client.get(url)

    assert page.status_code == 200
    assert "Fair shares as a table" in page.content.decode()
