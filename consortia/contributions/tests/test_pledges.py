"""The canvas pledges the ledger measures: a pledge says when it is expected by (its
form and services), and a pledge with contributions recorded against it is kept (409)
while one without is withdrawn as before."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from consortia.canvas import services as canvas
from consortia.canvas.models import Pledge
from consortia.core.errors import Conflict
from consortia.core.factories import PledgeFactory, entry_for
from consortia.core.testing import snapshot

pytestmark = pytest.mark.django_db


def test_a_pledge_with_contributions_against_it_is_not_withdrawn(world):
    pledge = PledgeFactory(partner=world.core_partner, category="volunteer_time", unit="hours")
    entry_for(world.core_partner, pledge=pledge)
    before = snapshot()

    with pytest.raises(Conflict, match="Contributions have been recorded against this pledge"):
        canvas.pledge_remove(actor=world.users["partner_member"], pledge=pledge)

    assert snapshot() == before


def test_a_pledge_without_contributions_is_withdrawn(world):
    pledge = PledgeFactory(partner=world.core_partner)

    canvas.pledge_remove(actor=world.users["partner_member"], pledge=pledge)

    assert not Pledge.objects.exists()


def test_a_pledge_says_when_it_is_expected_by(world, client_for):
    client = client_for("partner_member")

    response = client.post(
        reverse("canvas:pledge_add", args=[world.partnership.uuid, world.core_partner.uuid]),
        {
            "category": "volunteer_time",
            "description": "Ten hours at the fair",
            "quantity": "10",
            "unit": "hours",
            "value_gbp": "125",
            "expected_by": "2027-03-31",
        },
    )

    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.expected_by == datetime.date(2027, 3, 31)
    canvas.pledge_update(
        actor=world.users["partner_member"],
        pledge=pledge,
        need=None,
        category="volunteer_time",
        description="Ten hours at the fair",
        quantity=Decimal("10"),
        unit="hours",
        value_gbp=Decimal("125"),
    )
    pledge.refresh_from_db()
    assert pledge.expected_by is None
