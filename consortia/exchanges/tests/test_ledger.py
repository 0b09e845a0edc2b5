"""Completing an exchange counts it in the contributions ledger: each side's staff
time as paid staff hours at the rate card (credited to the side that gave it) and the
cost in £ (to the side that paid), written by the system, once each."""

from datetime import date
from decimal import Decimal

import pytest

from consortia.contributions.models import Entry
from consortia.core.factories import RateFactory
from consortia.exchanges import services

from .conftest import make_past

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(world, exchange):
    """A past exchange, both sides agreed: host 6 hours, sender 14 hours, £120 the sender paid."""
    exchange.host_staff_hours, exchange.sender_staff_hours = Decimal("6"), Decimal("14")
    exchange.cost_gbp, exchange.cost_paid_by = Decimal("120.00"), "sender"
    exchange.save()
    make_past(exchange)
    RateFactory(
        partnership=world.partnership,
        category="paid_staff",
        unit="hours",
        rate_gbp=Decimal("25.00"),
        valid_from=date(2020, 1, 1),
    )
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")
    return exchange


def test_completing_counts_each_sides_staff_time_and_the_cost_once(world, done):
    services.exchange_complete(actor=world.users["convener_admin"], exchange=done)

    entries = {e.source_key: e for e in Entry.objects.all()}
    assert set(entries) == {
        f"exchanges.exchange:{done.pk}:host-time",
        f"exchanges.exchange:{done.pk}:sender-time",
        f"exchanges.exchange:{done.pk}:cost",
    }
    host = entries[f"exchanges.exchange:{done.pk}:host-time"]
    assert (host.partner, host.category, host.unit, host.quantity) == (
        world.convener_partner,
        "paid_staff",
        "hours",
        Decimal("6.00"),
    )
    assert host.value_gbp == Decimal("150.00") and host.on == done.ends_on
    sender = entries[f"exchanges.exchange:{done.pk}:sender-time"]
    assert (sender.partner, sender.value_gbp) == (world.core_partner, Decimal("350.00"))
    cost = entries[f"exchanges.exchange:{done.pk}:cost"]
    assert (cost.partner, cost.category, cost.value_gbp, cost.kind) == (
        world.core_partner,
        "funding",
        Decimal("120.00"),
        "money",
    )


def test_counting_again_writes_nothing_more(world, done):
    services.exchange_complete(actor=world.users["convener_admin"], exchange=done)
    services._count_in_ledger(done)

    assert Entry.objects.count() == 3


def test_an_exchange_with_no_time_or_cost_writes_no_entry(world, exchange):
    make_past(exchange)
    services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")
    services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")

    services.exchange_complete(actor=world.users["partner_admin"], exchange=exchange)

    assert not Entry.objects.exists()


def test_nothing_counts_until_it_is_completed(world, done):
    services.exchange_cancel(actor=world.users["partner_admin"], exchange=done)

    assert not Entry.objects.exists()
