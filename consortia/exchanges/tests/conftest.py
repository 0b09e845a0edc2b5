"""The exchanges tests' world: the shared `world` (conftest.py at the root), an
exchange the convener hosts for the core partner, and a helper to propose one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import ExchangeFactory


@pytest.fixture
def exchange(world):
    """Proposed: the convener hosts, the core partner sends two people; nobody agreed."""
    return ExchangeFactory(
        partnership=world.partnership, host=world.convener_partner, sender=world.core_partner
    )


@pytest.fixture
def details(world):
    """details(**overrides) are good keyword arguments for exchange_propose."""

    def make(**overrides):
        start = timezone.localdate() + timedelta(days=10)
        return {
            "partnership": world.partnership,
            "kind": "shadowing",
            "direction": "offered",
            "title": "Shadowing the duty team",
            "host": world.convener_partner,
            "sender": world.core_partner,
            "starts_on": start,
            "ends_on": start + timedelta(days=2),
            "purpose": "See how referrals arrive.",
            "people": 2,
            **overrides,
        }

    return make


def make_past(exchange):
    """Move the exchange's dates into the past (directly, no event)."""
    today = timezone.localdate()
    exchange.starts_on, exchange.ends_on = today - timedelta(days=3), today - timedelta(days=1)
    exchange.save(update_fields=["starts_on", "ends_on"])
    return exchange
