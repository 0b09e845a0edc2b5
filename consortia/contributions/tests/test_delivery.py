"""Pledged versus delivered and overdue pledges: delivered is the sum of the entries
against each pledge (reversals subtracting), in the pledge's unit and in £; a pledge
is overdue when its expected_by date has passed and it is not fully delivered."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.contributions.selectors import overdue_pledges, pledged_vs_delivered
from consortia.contributions.services import entry_reverse
from consortia.core.factories import PartnerFactory, PledgeFactory, RateFactory, entry_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _pledge(partner, quantity=10, expected_by=None, **kwargs):
    kwargs = {"category": "volunteer_time", "unit": "hours", "value_gbp": 125} | kwargs
    return PledgeFactory(partner=partner, quantity=quantity, expected_by=expected_by, **kwargs)


def test_it_sets_each_pledge_against_what_was_delivered_for_it(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    hours = _pledge(world.core_partner, quantity=10)
    cash = _pledge(world.core_partner, quantity=500, category="funding", unit="gbp", value_gbp=500)
    entry_for(world.core_partner, quantity="4", pledge=hours)
    wrong = entry_for(world.core_partner, quantity="3", pledge=hours)
    entry_reverse(actor=world.users["partner_admin"], entry=wrong, reason="Not for this pledge")
    entry_for(world.core_partner, quantity="2")  # not against a pledge
    entry_for(world.core_partner, category="funding", unit="gbp", quantity="500", pledge=cash)

    (core,) = pledged_vs_delivered(world.partnership)

    assert core.partner == world.core_partner
    progress = {p.pledge: p for p in core.pledges}
    assert (progress[hours].delivered, progress[hours].delivered_gbp) == (Decimal("4.00"), Decimal("50.00"))
    assert progress[hours].remaining == Decimal("6.00") and progress[hours].percent == 40
    assert progress[cash].is_delivered and progress[cash].delivered_gbp == Decimal("500.00")
    by_category = {c.category: (c.pledged_gbp, c.delivered_gbp) for c in core.categories}
    assert by_category == {
        "funding": (Decimal("500.00"), Decimal("500.00")),
        "volunteer_time": (Decimal("125.00"), Decimal("75.00")),  # every entry in the category
    }
    assert (core.pledged_gbp, core.delivered_gbp) == (Decimal("625.00"), Decimal("575.00"))


def test_it_lists_partners_with_pledges_or_entries_by_name_and_no_other_partnerships(world):
    _pledge(world.core_partner)
    entry_for(world.convener_partner, category="funding", unit="gbp", quantity="5")
    _pledge(PartnerFactory())

    rows = pledged_vs_delivered(world.partnership)

    assert [r.partner for r in rows] == [world.convener_partner, world.core_partner]  # Convener Org, Core Org
    assert rows[0].pledges == [] and rows[0].delivered_gbp == Decimal("5.00")


def test_a_pledge_past_its_date_and_not_fully_delivered_is_overdue(world):
    late = _pledge(world.core_partner, quantity=10, expected_by=TODAY() - DAY)
    done = _pledge(world.core_partner, quantity=2, expected_by=TODAY() - DAY)
    due_today = _pledge(world.core_partner, quantity=10, expected_by=TODAY())
    _pledge(world.core_partner, quantity=10)  # no date: never overdue
    entry_for(world.core_partner, quantity="9.5", pledge=late)
    entry_for(world.core_partner, quantity="2", pledge=done)

    overdue = overdue_pledges(world.partnership)

    assert [p.pledge for p in overdue] == [late]
    assert overdue[0].delivered == Decimal("9.50") and overdue[0].is_overdue
    assert [p.pledge for p in overdue_pledges(world.partnership, today=TODAY() + DAY)] == [late, due_today]
    shown = pledged_vs_delivered(world.partnership)[0].pledges
    assert len(shown) == 4 and [p.pledge for p in shown if p.is_overdue] == [late]


def test_a_reversed_delivery_makes_a_pledge_overdue_again(world):
    pledge = _pledge(world.core_partner, quantity=2, expected_by=TODAY() - DAY)
    entry = entry_for(world.core_partner, quantity="2", pledge=pledge)
    assert overdue_pledges(world.partnership) == []

    entry_reverse(actor=world.users["convener_admin"], entry=entry, reason="It did not happen")

    assert [p.pledge for p in overdue_pledges(world.partnership)] == [pledge]
