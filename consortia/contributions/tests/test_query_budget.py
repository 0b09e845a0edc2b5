"""The ledger, pledged and delivered, the rate card and the CSV cost the same number
of queries with 10 or 2,000 entries (made with bulk_create: entry_record would take
minutes)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.core.factories import PledgeFactory, RateFactory, partnership_with_partners
from consortia.core.testing import query_budget
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the filter), the paginator's count, the page of entries with their partners'
# organisations, pledges, reversed and reversing entries (one query), the money and
# in-kind totals (one query).
# + the header's unread notifications count (notifications/context_processors.py, one query).
LEDGER = 9
# The session's user, the partnership, the viewer's memberships, the active partners
# and their representatives, the pledges with their partners, what was delivered
# against each pledge, the entries' £ by partner and category, the partners with
# their organisations, the overdue pledges, what was delivered against them.
# + the header's unread notifications count.
DELIVERY = 12
# The session's user, the partnership, the viewer's memberships, the active partners
# and their representatives, the entries with their partners' organisations, pledges
# and reversed entries (one query, streamed in chunks).
CSV = 6


def _ledger(n: int):
    partnership, convener_admin = partnership_with_partners(3)
    partners = active_partners(partnership)
    RateFactory(partnership=partnership)
    pledges = [
        PledgeFactory(
            partner=p,
            category="volunteer_time",
            unit="hours",
            expected_by=timezone.localdate() - datetime.timedelta(days=3),
        )
        for p in partners
    ]
    today = timezone.localdate()
    Entry.objects.bulk_create(
        Entry(
            partnership=partnership,
            partner=partners[i % len(partners)],
            category="volunteer_time",
            unit="hours",
            quantity=Decimal("2"),
            on=today - datetime.timedelta(days=i % 300),
            pledge=pledges[i % len(partners)] if i % 2 else None,
            kind="in_kind",
            rate_gbp=Decimal("12.50"),
            value_gbp=Decimal("25.00"),
        )
        for i in range(n)
    )
    return partnership, convener_admin


@pytest.mark.parametrize("n", [10, 2000])
def test_the_ledger_costs_the_same_with_10_or_2000_entries(client, n):
    partnership, convener_admin = _ledger(n)
    client.force_login(convener_admin)

    with query_budget(LEDGER):
        response = client.get(reverse("contributions:ledger", args=[partnership.uuid]))

    assert response.status_code == 200
    assert response.context["totals"]["in_kind"] == Decimal("25.00") * n
    assert len(response.context["page"].object_list) == min(n, 50)


@pytest.mark.parametrize("n", [10, 2000])
def test_pledged_and_delivered_costs_the_same_with_10_or_2000_entries(client, n):
    partnership, convener_admin = _ledger(n)
    client.force_login(convener_admin)

    with query_budget(DELIVERY):
        response = client.get(reverse("contributions:delivery", args=[partnership.uuid]))

    assert response.status_code == 200 and len(response.context["partners"]) == 3


@pytest.mark.parametrize("n", [10, 2000])
def test_the_csv_costs_the_same_with_10_or_2000_entries(client, n):
    partnership, convener_admin = _ledger(n)
    client.force_login(convener_admin)

    with query_budget(CSV):
        response = client.get(reverse("contributions:export_csv", args=[partnership.uuid]))

    assert response.status_code == 200 and response.content.decode().count("\n") == n + 1
