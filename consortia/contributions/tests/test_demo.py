"""The demo partnership's ledger: a rate card, entries against most pledges, one
pledge overdue, one reversal with its reason; its pages open for a member."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.canvas.models import Pledge
from consortia.contributions.models import Entry, Rate
from consortia.contributions.selectors import overdue_pledges, pledged_vs_delivered
from consortia.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_ledger_with_an_overdue_pledge_and_a_reversal(client):
    call_command("demo")

    partnership = Partnership.objects.get(name="Dementia Carers Advice Northshire")
    assert Rate.objects.filter(partnership=partnership).count() == 6
    pledges = Pledge.objects.filter(partnership=partnership)
    delivered = {e.pledge_id for e in Entry.objects.filter(partnership=partnership)}
    assert len(delivered) > pledges.count() / 2
    overdue = overdue_pledges(partnership)
    assert [p.pledge.description for p in overdue] == [
        "Social prescriber referrals of newly diagnosed patients' carers"
    ]
    reversal = Entry.objects.get(partnership=partnership, reverses__isnull=False)
    assert "18" in reversal.reason and reversal.value_gbp < 0
    assert any(row.delivered_gbp for row in pledged_vs_delivered(partnership))

    client.force_login(partnership.partners.get(role="convener").organisation.memberships.first().user)
    for name in ("ledger", "delivery", "rates", "export_csv"):
        assert client.get(reverse(f"contributions:{name}", args=[partnership.uuid])).status_code == 200
    page = client.get(reverse("contributions:entry", args=[partnership.uuid, reversal.reverses.uuid]))
    assert page.status_code == 200 and "Typed 180 hours" in page.content.decode()
