"""A partnership whose resource pool has a little of everything: volunteer hours on
the ledger, a delivered booking of the convener's room by the core partner, a place
on the core partner's course attended by a third partner's admin, and a payment from
the fund to the observing partner for its services."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.assets.services import bookings_count_delivered
from consortia.core.factories import (
    AssetFactory,
    BookingFactory,
    CourseFactory,
    PlaceFactory,
    RateFactory,
    entry_for,
)
from consortia.fund.services import spending_request_pay
from consortia.fund.tests.conftest import approved, fw  # noqa: F401  (a fixture used by `pooled`)
from consortia.training.services import attendance_record


@dataclass
class Pooled:
    third_partner: object


@pytest.fixture
def pooled(world, fw) -> Pooled:  # noqa: F811  (fw is the fund's fixture)
    partnership = world.partnership
    RateFactory(partnership=partnership)  # volunteer hours at £12.50
    RateFactory(partnership=partnership, category="premises", unit="hours", rate_gbp=Decimal(25))
    RateFactory(partnership=partnership, category="training", unit="places", rate_gbp=Decimal(120))
    entry_for(world.convener_partner, quantity="40")  # £500
    entry_for(world.core_partner, quantity="8")  # £100

    # The convener's room, booked by the core partner for two hours yesterday: £50.
    room = AssetFactory(partnership=partnership, owner=world.convener_partner)
    end = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
    BookingFactory(
        asset=room, partner=world.core_partner, start=end - timedelta(hours=2), end=end, status="approved"
    )
    bookings_count_delivered.call()

    # The core partner's course, attended by the third partner's admin: £120.
    course = CourseFactory(
        partnership=partnership, partner=world.core_partner, starts_at=timezone.now() - timedelta(days=2)
    )
    place = PlaceFactory(course=course, partner=fw.third_partner, user=fw.third_admin)
    attendance_record(actor=world.users["partner_admin"], course=course, statuses={place.pk: "attended"})

    # £300 from the fund paid to the observing partner for its services (approved by the
    # convener and the third partner: never by the partner paid).
    spending = approved(fw, world, payee_partner=world.observer_partner, amount="300.00", vat="0")
    spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    return Pooled(third_partner=fw.third_partner)
