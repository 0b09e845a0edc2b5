"""Exchanges in the calendar feed: each confirmed exchange of the person's
partnerships, all day over its days; proposed, cancelled and other partnerships'
exchanges are not there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.calendars.registry import feed_sources
from consortia.core.factories import ExchangeFactory, PartnershipFactory
from consortia.exchanges.calendar import exchanges

pytestmark = pytest.mark.django_db


def _confirmed(**kwargs):
    now = timezone.now()
    return ExchangeFactory(status="confirmed", host_agreed_at=now, sender_agreed_at=now, **kwargs)


def test_it_registers_the_exchanges_as_a_feed_source():
    assert exchanges in feed_sources()


def test_it_puts_each_confirmed_exchange_of_my_partnerships_in_my_feed(world):
    mine = _confirmed(partnership=world.partnership, host=world.convener_partner, sender=world.core_partner)
    ExchangeFactory(partnership=world.partnership, host=world.convener_partner, sender=world.core_partner)
    _confirmed(partnership=PartnershipFactory())

    entries = list(exchanges(world.users["partner_member"]))

    assert [e.uid for e in entries] == [f"exchange-{mine.uuid}"]
    assert (entries[0].start, entries[0].end) == (mine.starts_on, mine.ends_on + timedelta(days=1))
    assert entries[0].summary == f"Job shadowing: {mine.title}"
